//! The build-time page hands over to the wasm: the first screen is HTML (`src/bin/prerender.rs`),
//! usable before the wasm has loaded, so a person may already have typed or pasted into the
//! secret, body and headers fields. Hydration sets each field to the value it was rendered with;
//! what was typed is read just before (`Typed`) and decided on here: it is the page's own work,
//! kept as typed, verified at once, and the caret goes back where it was.

use std::fmt;

use super::inputs::{BodyFill, Fill};
use super::Hidden;
use crate::share::provenance::Provenance;

/// One of the three fields the first screen offers before the wasm has loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Secret,
    Body,
    Headers,
}

impl Field {
    pub const ALL: [Field; 3] = [Field::Secret, Field::Body, Field::Headers];

    /// The field's `data-testid`, which the build-time HTML and the hydrated page share.
    pub fn testid(self) -> &'static str {
        match self {
            Field::Secret => "secret",
            Field::Body => "body",
            Field::Headers => "headers",
        }
    }
}

/// Where the caret was, in the field's own units (UTF-16 code units, as the browser counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caret {
    pub field: Field,
    pub start: u32,
    pub end: u32,
    /// The selection was made leftwards (the caret is at `start`).
    pub backward: bool,
}

/// What the fields held, and where the caret was, when the wasm arrived.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Typed {
    pub secret: String,
    pub body: String,
    pub headers: String,
    /// The focused field and its selection; `None` when focus was elsewhere.
    pub caret: Option<Caret>,
}

impl fmt::Debug for Typed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Typed")
            .field("secret", &Hidden(&self.secret))
            .field("body", &self.body)
            .field("headers", &self.headers)
            .field("caret", &self.caret)
            .finish()
    }
}

/// What the page does with what was typed, once it has started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handover {
    /// Put in the fields before anything else opens: what was typed, as the person's own.
    pub fill: Option<Fill>,
    /// Whether the page opens its address as a page that has just loaded, with no work on it
    /// (`share::opening::plan`'s `at_start`): saved work comes back. With typed work it does
    /// not: the work stays, and a link's delivery opens over it as over any work on the page,
    /// which is kept to come back to.
    pub at_start: bool,
}

impl Typed {
    /// Whether anything was typed in any of the three fields.
    pub fn is_empty(&self) -> bool {
        self.secret.is_empty() && self.body.is_empty() && self.headers.is_empty()
    }

    /// What was typed in `field`.
    pub fn value(&self, field: Field) -> &str {
        match field {
            Field::Secret => &self.secret,
            Field::Body => &self.body,
            Field::Headers => &self.headers,
        }
    }

    /// The plan. `framed`: the page is in another page's frame, where it takes no secret, so a
    /// secret typed there is dropped (the rest is kept).
    pub fn handover(&self, framed: bool) -> Handover {
        let secret = (!framed).then(|| self.secret.clone()).filter(|secret| !secret.is_empty());
        if secret.is_none() && self.body.is_empty() && self.headers.is_empty() {
            return Handover { fill: None, at_start: true };
        }
        // All three as the person sees them, empty ones too: nothing saved is mixed into a
        // delivery they are typing. A text box holds LF line breaks; the choice stays as it is.
        let fill = Fill {
            secret: Some(secret.unwrap_or_default()),
            body: Some(BodyFill { text: self.body.clone(), ending: None, file: None }),
            headers: Some(self.headers.clone()),
            provenance: Some(Provenance::Own),
            another_delivery: true,
        };
        Handover { fill: Some(fill), at_start: false }
    }

    /// The caret to put back once the page has opened its address: only in a field that still
    /// holds what was typed (a link's delivery may have replaced it), and within its text.
    pub fn caret_after(&self, now: impl Fn(Field) -> String) -> Option<Caret> {
        let caret = self.caret?;
        let typed = self.value(caret.field);
        if now(caret.field) != typed {
            return None;
        }
        let units = typed.encode_utf16().count() as u32;
        Some(Caret { start: caret.start.min(units), end: caret.end.min(units), ..caret })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(secret: &str, body: &str, headers: &str) -> Typed {
        Typed { secret: secret.into(), body: body.into(), headers: headers.into(), caret: None }
    }

    #[test]
    fn nothing_typed_opens_the_address_as_a_fresh_start() {
        for framed in [false, true] {
            assert_eq!(Typed::default().handover(framed), Handover { fill: None, at_start: true });
        }
        // In a frame the secret is not taken: a secret alone is as nothing typed.
        assert_eq!(typed("whsec_x", "", "").handover(true), Handover { fill: None, at_start: true });
    }

    /// Each field typed alone fills all three as they are seen, as the person's own work, and
    /// keeps saved work from coming back over it.
    #[test]
    fn what_was_typed_is_kept_whole_as_own_work() {
        let cases = [
            (typed("whsec_a", "", ""), "whsec_a", "", ""),
            (typed("", "{\"id\":1}\n", ""), "", "{\"id\":1}\n", ""),
            (typed("", "", "x-cobinar-event: otp.verified"), "", "", "x-cobinar-event: otp.verified"),
            (typed("s", "b", "h"), "s", "b", "h"),
        ];
        for (typed, secret, body, headers) in cases {
            let plan = typed.handover(false);
            assert!(!plan.at_start, "{typed:?}");
            let fill = plan.fill.expect("a fill");
            assert_eq!(fill.secret.as_deref(), Some(secret));
            assert_eq!(fill.body, Some(BodyFill { text: body.into(), ending: None, file: None }));
            assert_eq!(fill.headers.as_deref(), Some(headers));
            assert_eq!(fill.provenance, Some(Provenance::Own));
            assert!(fill.another_delivery);
        }
    }

    #[test]
    fn a_framed_page_drops_the_typed_secret_and_keeps_the_rest() {
        let plan = typed("whsec_a", "{}", "").handover(true);
        assert!(!plan.at_start);
        let fill = plan.fill.expect("a fill");
        assert_eq!(fill.secret.as_deref(), Some(""));
        assert_eq!(fill.body.map(|body| body.text).as_deref(), Some("{}"));
    }

    #[test]
    fn is_empty_looks_at_every_field() {
        assert!(Typed::default().is_empty());
        assert!(!typed("s", "", "").is_empty());
        assert!(!typed("", "b", "").is_empty());
        assert!(!typed("", "", "h").is_empty());
        let only_caret =
            Typed { caret: Some(Caret { field: Field::Body, start: 0, end: 0, backward: false }), ..Typed::default() };
        assert!(only_caret.is_empty());
    }

    #[test]
    fn the_caret_comes_back_only_where_the_typed_text_still_is() {
        let caret = Caret { field: Field::Body, start: 2, end: 5, backward: true };
        let typed = Typed { caret: Some(caret), ..typed("s", "héllo wörld", "h") };
        let same = |field: Field| typed.value(field).to_string();
        assert_eq!(typed.caret_after(same), Some(caret));
        // A link's delivery replaced the body: the caret is not put into someone else's text.
        assert_eq!(typed.caret_after(|_| "{\"other\":true}".to_string()), None);
        // Focus was elsewhere.
        assert_eq!(Typed { caret: None, ..typed.clone() }.caret_after(same), None);
    }

    #[test]
    fn a_caret_beyond_the_text_is_kept_within_it() {
        // 🙂 is two UTF-16 units: "a🙂" is 3 long.
        let typed = Typed {
            caret: Some(Caret { field: Field::Headers, start: 7, end: 9, backward: false }),
            ..typed("", "", "a🙂")
        };
        let caret = typed.caret_after(|field| typed.value(field).to_string()).expect("a caret");
        assert_eq!((caret.start, caret.end), (3, 3));
    }

    #[test]
    fn each_field_is_named_by_its_testid_and_read_back() {
        let typed = typed("s", "b", "h");
        let seen: Vec<_> = Field::ALL.iter().map(|&field| (field.testid(), typed.value(field))).collect();
        assert_eq!(seen, [("secret", "s"), ("body", "b"), ("headers", "h")]);
    }

    #[test]
    fn the_debug_form_hides_the_secret() {
        let shown = format!("{:?}", typed("whsec_never_shown", "b", ""));
        assert!(!shown.contains("whsec_never_shown"), "{shown}");
        assert!(shown.contains("<hidden>"), "{shown}");
    }
}
