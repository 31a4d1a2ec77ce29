//! The one module that touches the URL fragment, where share links live. The fragment never
//! reaches a server; nothing here writes the query string or the path.

use leptos::prelude::*;

/// The fragment without its `#`.
pub fn current() -> String {
    web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .map(|hash| hash.strip_prefix('#').map(str::to_string).unwrap_or(hash))
        .unwrap_or_default()
}

/// Calls `on_change` with the new fragment whenever it changes (a pasted link, Back, Forward).
pub fn watch(on_change: impl Fn(String) + 'static) {
    let handle = window_event_listener(leptos::ev::hashchange, move |_| on_change(current()));
    // The page listens for as long as it lives.
    std::mem::forget(handle);
}

/// This page's address with `fragment`, for a share link.
pub fn link_to(fragment: &str) -> String {
    let base = web_sys::window()
        .and_then(|window| {
            let location = window.location();
            Some(format!("{}{}{}", location.origin().ok()?, location.pathname().ok()?, location.search().ok()?))
        })
        .unwrap_or_default();
    format!("{base}#{fragment}")
}
