//! The one module that touches the URL fragment, where share links live. The fragment never
//! reaches a server; nothing here writes the query string or the path. `remove` takes a
//! fragment out of the address and the tab's current history entry.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::prelude::*;

/// The fragment without its `#`.
pub fn current() -> String {
    super::browser_window()
        .and_then(|window| window.location().hash().ok())
        .map(|hash| hash.strip_prefix('#').map(str::to_string).unwrap_or(hash))
        .unwrap_or_default()
}

thread_local! {
    /// The fragment the page last acted on, and the file entry it was on (`current_file`).
    static LAST: RefCell<(String, Option<String>)> = const { RefCell::new((String::new(), None)) };
    /// The current history entry is one whose fragment `remove` took out.
    static REMOVED: Cell<bool> = const { Cell::new(false) };
}

/// The history state that marks an entry `remove` rewrote.
const REMOVED_MARK: &str = "webhook-echo:link-removed";
/// The history state of an entry `push_file_entry` made, before the id of the file's place.
const FILE_MARK: &str = "webhook-echo:file:";

fn history_state() -> Option<String> {
    super::browser_window().and_then(|w| w.history().ok()).and_then(|h| h.state().ok()).and_then(|s| s.as_string())
}

/// The id of the fixture file's place whose history entry this is, if `push_file_entry` made it.
pub fn current_file() -> Option<String> {
    history_state().and_then(|state| state.strip_prefix(FILE_MARK).map(str::to_string))
}

/// Calls `on_change` with the new fragment whenever it changes (a pasted link, Back, Forward),
/// once per change although a fragment navigation fires both `popstate` and `hashchange`.
/// Leaving an entry whose fragment `remove` took out counts as a change too, though the fragment
/// may read the same on both sides, and so does arriving at another file's entry.
pub fn watch(on_change: impl Fn(String) + 'static) {
    LAST.with(|last| last.replace((current(), current_file())));
    let on_change = Rc::new(on_change);
    let changed = move || {
        let now = (current(), current_file());
        let left_removed = REMOVED.get() && history_state().as_deref() != Some(REMOVED_MARK);
        if left_removed || LAST.with(|last| *last.borrow() != now) {
            REMOVED.set(false);
            LAST.with(|last| last.replace(now.clone()));
            on_change(now.0);
        }
    };
    let on_pop = changed.clone();
    let handles = [
        window_event_listener(leptos::ev::hashchange, move |_| changed()),
        window_event_listener(leptos::ev::popstate, move |_| on_pop()),
    ];
    // The page listens for as long as it lives.
    std::mem::forget(handles);
}

/// Takes the fragment out of the address bar and out of this tab's current history entry,
/// without reloading (for a link that carried a secret in plain text).
pub fn remove() {
    let Some((history, address)) = history_and_address() else { return };
    let mark = wasm_bindgen::JsValue::from_str(REMOVED_MARK);
    if history.replace_state_with_url(&mark, "", Some(&address)).is_ok() {
        LAST.with(|last| last.replace((String::new(), None)));
        REMOVED.set(true);
    }
}

/// The tab's history, and this page's path and query without a fragment, for an entry that
/// `remove` rewrites or `push_file_entry` adds.
fn history_and_address() -> Option<(web_sys::History, String)> {
    let window = super::browser_window()?;
    let location = window.location();
    let address = format!("{}{}", location.pathname().ok()?, location.search().ok()?);
    Some((window.history().ok()?, address))
}

/// Gives the fixture file whose place has the id `file` a history entry of its own: the page's
/// address without a fragment (a file has none), marked with the place, so that Back leaves the
/// file for what was there before, and a reload or Forward comes back to its saved work.
pub fn push_file_entry(file: &str) {
    let Some((history, address)) = history_and_address() else { return };
    let mark = wasm_bindgen::JsValue::from_str(&format!("{FILE_MARK}{file}"));
    if history.push_state_with_url(&mark, "", Some(&address)).is_ok() {
        REMOVED.set(false);
        LAST.with(|last| last.replace((String::new(), Some(file.to_string()))));
    }
}

/// This page's address without its fragment.
pub fn page_address() -> String {
    super::browser_window()
        .and_then(|window| {
            let location = window.location();
            Some(format!("{}{}{}", location.origin().ok()?, location.pathname().ok()?, location.search().ok()?))
        })
        .unwrap_or_default()
}

/// This page's address with `fragment`, for a share link.
pub fn link_to(fragment: &str) -> String {
    format!("{}#{fragment}", page_address())
}
