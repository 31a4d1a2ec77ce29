//! The page. Components render what the core decided; the only state is what the person typed,
//! held by `App`.

mod app;
mod body_bytes_view;
mod body_input;
mod check_row;
mod clipboard;
pub mod crash;
mod delivery_card;
mod diagnosing;
mod diagnosis_list;
mod echo_state;
mod echo_tab;
mod file_picker;
mod fixture_library;
mod headers_input;
mod import_panel;
mod link_banner;
mod masked_input;
mod page_header;
mod random;
mod received_panel;
mod receiver_code;
mod retry_timeline;
mod saved_work_note;
pub mod seal;
mod secret_input;
mod send_commands;
mod server_signature;
mod share;
mod share_panel;
mod stack_picker;
mod state;
mod storage;
mod test_pack_buttons;
mod theme_toggle;
mod tool_tabs;
mod url_fragment;
mod verdict_bar;
mod verdict_panel;
mod worker;

use leptos::prelude::*;

pub use app::App;
// The test pack `window.webhookEcho.testPack` returns: the same one the echo's buttons save.
pub use echo_state::fresh_test_pack;

/// Starts the page: panics go to the console, the JavaScript API is installed, the app mounts.
pub fn start() {
    // The same module runs in the page's worker (see `worker`), which has no page to mount.
    if web_sys::window().is_none() {
        return;
    }
    crash::install_panic_hook();
    crate::web::js_api::install();
    let framed = framed();
    leptos::mount::mount_to_body(move || view! { <App framed=framed /> });
    work_offline();
}

/// Whether the page is shown inside another page's frame. The release's headers forbid that
/// (`frame-ancestors 'none'`), but a host may not send them; then the page itself refuses the
/// secret, since the framing page could click and type on it unseen.
fn framed() -> bool {
    let Some(window) = web_sys::window() else { return false };
    match window.top() {
        Ok(Some(top)) => !js_sys::Object::is(&top, &window),
        // No reachable top: treat it as framed, the safe side.
        _ => true,
    }
}

/// Registers the service worker that keeps the app usable offline after one visit. Where
/// service workers are not offered (an insecure context, a test page), or registering fails,
/// the app needs the network, and the console says why.
fn work_offline() {
    let Some(window) = web_sys::window() else { return };
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        web_sys::console::warn_1(&OFFLINE_UNAVAILABLE.into());
        return;
    }
    let registered = wasm_bindgen_futures::JsFuture::from(navigator.service_worker().register("./sw.js"));
    leptos::task::spawn_local(async move {
        if let Err(error) = registered.await {
            web_sys::console::warn_2(&OFFLINE_FAILED.into(), &error);
        }
    });
}

const OFFLINE_UNAVAILABLE: &str =
    "webhook-echo: this browser offers no service worker here, so the page will not work offline.";
const OFFLINE_FAILED: &str = "webhook-echo: the page will not work offline; registering its service worker failed:";
