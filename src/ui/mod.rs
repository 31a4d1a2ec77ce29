//! The page. Components render what the core decided; the only state is what the person typed,
//! held by `App`.

mod app;
mod body_bytes_view;
mod body_input;
mod check_row;
mod clipboard;
pub mod crash;
mod delivery_card;
mod diagnosis_list;
mod echo;
mod headers_input;
mod import_panel;
mod link_banner;
mod offload;
mod random;
mod receiver_code;
mod retry_timeline;
mod secret_input;
mod send_commands;
mod share;
mod share_panel;
mod storage;
mod theme_toggle;
mod url_fragment;
mod verdict_bar;
mod verdict_panel;

pub use app::App;

/// Starts the page: panics go to the console, the JavaScript API is installed, the app mounts.
pub fn start() {
    // The same module runs in the page's worker (see `offload`), which has no page to mount.
    if web_sys::window().is_none() {
        return;
    }
    crash::install_panic_hook();
    crate::js_api::install();
    leptos::mount::mount_to_body(App);
    work_offline();
}

/// Registers the service worker that keeps the app usable offline after one visit. Where
/// service workers are not offered (an insecure context, a test page), the app simply needs
/// the network.
fn work_offline() {
    let Some(window) = web_sys::window() else { return };
    let container = window.navigator().service_worker();
    // The promise's outcome changes nothing on the page.
    let _ = container.register("./sw.js");
}
