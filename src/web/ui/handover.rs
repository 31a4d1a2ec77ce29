//! Reads what was typed into the build-time page before hydration sets the fields back to their
//! rendered values, and puts the caret back after (`page::handover` decides).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement, HtmlTextAreaElement};

use crate::page::handover::{Caret, Field, Typed};

fn document() -> Option<Document> {
    super::browser_window()?.document()
}

fn field(document: &Document, field: Field) -> Option<Element> {
    document.query_selector(&format!("[data-testid='{}']", field.testid())).ok().flatten()
}

/// `$then`, with `$text_box` bound to `$element` as whichever of the two kinds of text box it is
/// (`HtmlInputElement` and `HtmlTextAreaElement` share the methods, not a trait); `None` for
/// another element.
macro_rules! as_text_box {
    ($element:expr, |$text_box:ident| $then:expr) => {
        if let Some($text_box) = $element.dyn_ref::<HtmlInputElement>() {
            Some($then)
        } else if let Some($text_box) = $element.dyn_ref::<HtmlTextAreaElement>() {
            Some($then)
        } else {
            None
        }
    };
}

/// A field's text and selection.
fn read(element: &Element) -> Option<(String, u32, u32, bool)> {
    as_text_box!(element, |text_box| {
        let (start, end) = (text_box.selection_start().ok().flatten(), text_box.selection_end().ok().flatten());
        let backward = text_box.selection_direction().ok().flatten().as_deref() == Some("backward");
        (text_box.value(), start.unwrap_or(0), end.unwrap_or(0), backward)
    })
}

/// What the build-time page's fields hold now, or `None` when the page has no build-time HTML
/// (a build without it: the app is mounted, not hydrated).
pub fn typed() -> Option<Typed> {
    let document = document()?;
    let active = document.active_element();
    let mut typed = Typed::default();
    let mut found = false;
    for which in Field::ALL {
        let Some(element) = field(&document, which) else { continue };
        let Some((value, start, end, backward)) = read(&element) else { continue };
        found = true;
        if active.as_ref() == Some(&element) {
            typed.caret = Some(Caret { field: which, start, end, backward });
        }
        match which {
            Field::Secret => typed.secret = value,
            Field::Body => typed.body = value,
            Field::Headers => typed.headers = value,
        }
    }
    found.then_some(typed)
}

/// Whether `<body>` starts with the build-time page, where hydration starts. Something put
/// before it (a browser extension's node) would be a mismatch, which stops the page in release:
/// then the page is mounted afresh instead.
pub fn hydratable() -> bool {
    let first = document().and_then(|document| document.body()).and_then(|body| body.first_child());
    first.and_then(|node| node.dyn_into::<Element>().ok()).and_then(|element| element.get_attribute("data-testid"))
        == Some("skip-to-result".to_string())
}

/// Removes the build-time page, for a page that is mounted afresh instead of hydrated.
pub fn remove_build_time_page() {
    let Some(body) = document().and_then(|document| document.body()) else { return };
    while let Some(child) = body.first_child() {
        if body.remove_child(&child).is_err() {
            return;
        }
    }
}

/// Focuses the field the person was typing in and puts their selection back, if the field
/// still holds `typed`, what it held when read.
pub fn put_back_caret(caret: Caret, typed: &str) {
    let Some(element) = document().and_then(|document| field(&document, caret.field)) else { return };
    let Some((now, ..)) = read(&element) else { return };
    let Some(caret) = caret.put_back(typed, &now) else { return };
    let direction = if caret.backward { "backward" } else { "forward" };
    as_text_box!(element, |text_box| {
        let _ = text_box.focus();
        let _ = text_box.set_selection_range_with_direction(caret.start, caret.end, direction);
    });
}

/// Marks the page as taken over (`<html data-ready>`): until then its buttons are the
/// build-time HTML's, which do nothing yet (the style says so), and tests wait for it.
pub fn say_ready() {
    if let Some(root) = document().and_then(|document| document.document_element()) {
        let _ = root.set_attribute("data-ready", "");
    }
}

/// `field` (a text area) in a form that asks for no autocomplete: browsers otherwise put a text
/// area's text back into the build-time page on a reload or a return, even work the person
/// chose not to keep. What comes back is the page's saved work, if kept, never otherwise.
pub fn kept_from_restoring(field: impl IntoView) -> impl IntoView {
    view! {
        <form class="we-form-contents" autocomplete="off" on:submit=|ev| ev.prevent_default()>
            {field}
        </form>
    }
}
