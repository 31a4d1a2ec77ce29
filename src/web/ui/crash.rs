//! When the app panics, the page must not just die: what was typed is kept, and an overlay says
//! what happened and offers a reload. This runs inside the panic hook, so it touches the DOM
//! directly and hands the reload button the browser's own `location.reload`, needing nothing
//! more from the stopped app.

use std::cell::RefCell;
use std::sync::Arc;

use wasm_bindgen::JsCast;

use super::random::now_unix_millis;
use super::storage;
use crate::protocol::events::Event;
use crate::share::fixture::{Fixture, SecretChoice, Work};
use crate::share::opening::Workspace;
use crate::share::provenance::Provenance;

/// The work a crash keeps, as the page holds it: the body's exact bytes (the CRLF choice or a
/// file's bytes applied, a paste held as bytes), the event, the headers and the note. A copy
/// outside the app's signals, which a panic may leave mid-update, refreshed as the work changes.
pub struct Recovery {
    pub body: Arc<[u8]>,
    pub headers: String,
    pub event: Option<Event>,
    pub note: String,
}

thread_local! {
    /// Where the work belongs and whose body it is; `None` until the app has opened its place.
    /// Apart from the work, since a link's place holds its whole fragment and changes seldom.
    static PLACE: RefCell<Option<(Workspace, Provenance)>> = const { RefCell::new(None) };
    static WORK: RefCell<Option<Recovery>> = const { RefCell::new(None) };
}

/// Tells a later crash where the work belongs, and whose body it is.
pub fn keep_place_for_recovery(place: Workspace, provenance: Provenance) {
    PLACE.with(|kept| {
        if let Ok(mut kept) = kept.try_borrow_mut() {
            *kept = Some((place, provenance));
        }
    });
}

/// Tells a later crash what the work is now.
pub fn keep_for_recovery(work: Recovery) {
    WORK.with(|kept| {
        if let Ok(mut kept) = kept.try_borrow_mut() {
            *kept = Some(work);
        }
    });
}

/// Sends panics to the console and to `show`.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("webhook-echo: {info}").into());
        show(&info.to_string());
    }));
}

/// Keeps what was typed and shows the recovery overlay (once).
pub fn show(message: &str) {
    let kept = keep_typed_work();
    let Some(document) = super::browser_window().and_then(|w| w.document()) else { return };
    if document.query_selector("[data-testid='crash']").ok().flatten().is_some() {
        return;
    }
    let Some(body) = document.body() else { return };
    let element = |tag: &str, text: &str| {
        let node = document.create_element(tag).ok()?;
        node.set_text_content(Some(text));
        Some(node)
    };
    let Some(overlay) = element("div", "") else { return };
    overlay.set_class_name("we-crash");
    let _ = overlay.set_attribute("role", "alertdialog");
    let _ = overlay.set_attribute("aria-labelledby", "crash-title");
    let _ = overlay.set_attribute("data-testid", "crash");
    let kept_sentence = if kept {
        "The body, headers and note you typed are kept and come back after a reload (the secret never is: it is not stored)."
    } else {
        "What you typed could not be kept; copy anything you need before reloading."
    };
    let parts = [
        element("h2", "webhook-echo stopped on a bug"),
        element("p", kept_sentence),
        element("pre", message),
        element("button", "Reload the page"),
    ];
    let panel = match element("div", "") {
        Some(panel) => panel,
        None => return,
    };
    panel.set_class_name("we-crash__panel");
    for part in parts.into_iter().flatten() {
        match part.tag_name().as_str() {
            "H2" => part.set_id("crash-title"),
            "BUTTON" => {
                let _ = part.set_attribute("type", "button");
                let _ = part.set_attribute("class", "we-button we-button--primary");
                let _ = part.set_attribute("data-testid", "crash-reload");
                reload_on_click(&part);
            }
            _ => {}
        }
        let _ = panel.append_child(&part);
    }
    let _ = overlay.append_child(&panel);
    let _ = body.append_child(&overlay);
    if let Some(button) = overlay.query_selector("button").ok().flatten() {
        let _ = button.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// Keeps the page's work for the place it is showing, by the rule the page keeps it by at any
/// other time (`storage::keep`). Says whether what was typed is safe.
fn keep_typed_work() -> bool {
    if !storage::saving_allowed() {
        return false;
    }
    let Some((place, provenance)) = PLACE.with(|kept| kept.try_borrow().ok().and_then(|kept| kept.clone())) else {
        return false;
    };
    WORK.with(|kept| {
        let Ok(kept) = kept.try_borrow() else { return false };
        let Some(work) = kept.as_ref() else { return false };
        let work = Fixture::of(
            Work { body: &work.body, headers: &work.headers, event: work.event, note: &work.note },
            "",
            SecretChoice::LeaveOut,
        );
        storage::keep(&place, &work, provenance, now_unix_millis()).is_ok()
    })
}

/// The browser's `location.reload`, bound to `location`, as the click handler: no wasm involved.
fn reload_on_click(button: &web_sys::Element) {
    let Some(window) = super::browser_window() else { return };
    let location = window.location();
    let reload = js_sys::Reflect::get(&location, &"reload".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .map(|f| f.bind0(&location));
    if let Some(reload) = reload {
        let _ = button.add_event_listener_with_callback("click", &reload);
    }
}
