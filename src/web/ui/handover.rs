//! Reads what was typed into the build-time page before hydration sets the fields back to their
//! rendered values, and puts the caret back after (`page::handover` decides).

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement, HtmlTextAreaElement};

use crate::page::handover::{Caret, Field, Typed};

fn document() -> Option<Document> {
    super::browser_window()?.document()
}

fn field(document: &Document, field: Field) -> Option<Element> {
    document.query_selector(&format!("[data-testid='{}']", field.testid())).ok().flatten()
}

/// A field's text and selection, whichever of the two kinds of box it is.
fn read(element: &Element) -> Option<(String, u32, u32, bool)> {
    if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
        let (start, end) = (input.selection_start().ok().flatten(), input.selection_end().ok().flatten());
        let backward = input.selection_direction().ok().flatten().as_deref() == Some("backward");
        return Some((input.value(), start.unwrap_or(0), end.unwrap_or(0), backward));
    }
    let area = element.dyn_ref::<HtmlTextAreaElement>()?;
    let (start, end) = (area.selection_start().ok().flatten(), area.selection_end().ok().flatten());
    let backward = area.selection_direction().ok().flatten().as_deref() == Some("backward");
    Some((area.value(), start.unwrap_or(0), end.unwrap_or(0), backward))
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

/// Removes the build-time page, for a page that is mounted afresh instead of hydrated.
pub fn remove_build_time_page() {
    let Some(body) = document().and_then(|document| document.body()) else { return };
    while let Some(child) = body.first_child() {
        if body.remove_child(&child).is_err() {
            return;
        }
    }
}

/// Focuses the field the person was typing in and puts their selection back, where the field
/// still holds what they typed.
pub fn put_back_caret(typed: &Typed) {
    let Some(document) = document() else { return };
    let now = |which: Field| field(&document, which).and_then(|element| read(&element)).map(|read| read.0);
    let Some(caret) = typed.caret_after(|which| now(which).unwrap_or_default()) else { return };
    let Some(element) = field(&document, caret.field) else { return };
    let direction = if caret.backward { "backward" } else { "forward" };
    if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
        let _ = input.focus();
        let _ = input.set_selection_range_with_direction(caret.start, caret.end, direction);
    } else if let Some(area) = element.dyn_ref::<HtmlTextAreaElement>() {
        let _ = area.focus();
        let _ = area.set_selection_range_with_direction(caret.start, caret.end, direction);
    }
}

/// Marks the page as taken over (`<html data-ready>`): until then its buttons are the
/// build-time HTML's, which do nothing yet (the style says so), and tests wait for it.
pub fn say_ready() {
    if let Some(root) = document().and_then(|document| document.document_element()) {
        let _ = root.set_attribute("data-ready", "");
    }
}
