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
mod handover;
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

/// Starts the page: panics go to the console, the JavaScript API is installed, the app takes
/// over the build-time HTML (hydrated: the same components rendered it, `src/bin/prerender.rs`)
/// with what was typed into it meanwhile, or mounts afresh in a frame or without that HTML.
pub fn start() {
    // The same module runs in the page's worker (see `worker`), which has no page to mount.
    if browser_window().is_none() {
        return;
    }
    crash::install_panic_hook();
    crate::web::js_api::install();
    let framed = framed();
    match handover::typed() {
        // The build-time page is the unframed one: in a frame the page differs (no secret).
        Some(typed) if !framed && handover::hydratable() => {
            mount(move || view! { <App framed=false typed=typed /> }, true);
        }
        typed => {
            handover::remove_build_time_page();
            let typed = typed.unwrap_or_default();
            mount(move || view! { <App framed=framed typed=typed /> }, false);
        }
    }
    work_offline();
}

#[cfg(target_arch = "wasm32")]
fn mount<V: IntoView + 'static>(app: impl FnOnce() -> V + 'static, hydrate: bool) {
    if hydrate {
        leptos::mount::hydrate_body(app);
    } else {
        leptos::mount::mount_to_body(app);
    }
}

// Natively the page is only rendered to HTML (`src/bin/prerender.rs`), never started.
#[cfg(not(target_arch = "wasm32"))]
fn mount<V: IntoView + 'static>(_app: impl FnOnce() -> V + 'static, _hydrate: bool) {}

/// Whether the page is shown inside another page's frame. The release's headers forbid that
/// (`frame-ancestors 'none'`), but a host may not send them; then the page itself refuses the
/// secret, since the framing page could click and type on it unseen.
fn framed() -> bool {
    let Some(window) = browser_window() else { return false };
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
    let Some(window) = browser_window() else { return };
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

/// The browser's window; none in the page's worker, and when the page is rendered at build time.
pub(crate) fn browser_window() -> Option<web_sys::Window> {
    #[cfg(target_arch = "wasm32")]
    return web_sys::window();
    #[cfg(not(target_arch = "wasm32"))]
    None
}
