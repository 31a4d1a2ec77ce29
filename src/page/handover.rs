//! The build-time page hands over to the wasm: the first screen is HTML (`src/bin/prerender.rs`),
//! usable before the wasm has loaded, so a person may already have typed or pasted into the
//! secret, body and headers fields. Hydration sets each field to the value it was rendered with;
//! what was typed is read just before (`Typed`) and decided on here: it is the page's own work,
//! kept as typed, verified at once, and the caret goes back where it was.

use std::fmt;

use super::inputs::{BodyFill, Fill};
use super::Hidden;
use crate::diagnose::offload;
use crate::share::provenance::{Provenance, SharedFrom};
use crate::verify::body::LineEnding;

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
    /// Put in the fields before anything else opens: what was typed.
    pub fill: Option<Fill>,
    /// Whether the page opens its address as a page that has just loaded, with no work on it
    /// (`share::opening::plan`'s `at_start`): saved work comes back. With a typed body or
    /// headers it does not: the work stays, and a link's delivery opens over it as over any
    /// work on the page, which is kept to come back to.
    pub at_start: bool,
}

/// Where the page was when it started, as far as the handover cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arrival {
    /// In another page's frame, where the page takes no secret.
    pub framed: bool,
    /// The address is a link's (or a fixture file's entry): a body in the fields may be one a
    /// browser put back from that link's page rather than one the person typed.
    pub shared: Option<SharedFrom>,
}

impl Typed {
    /// What was typed in `field`.
    pub fn value(&self, field: Field) -> &str {
        match field {
            Field::Secret => &self.secret,
            Field::Body => &self.body,
            Field::Headers => &self.headers,
        }
    }

    /// The plan. In a frame a typed secret is dropped (the page takes none there).
    pub fn handover(&self, arrival: Arrival) -> Handover {
        let secret = (!arrival.framed).then(|| self.secret.clone()).filter(|secret| !secret.is_empty());
        if self.body.is_empty() && self.headers.is_empty() {
            // A secret alone (it is never kept, so it is typed first): the saved work comes
            // back around it as at any start.
            let fill = secret.map(|secret| Fill {
                secret: Some(secret),
                body: None,
                headers: None,
                provenance: None,
                another_delivery: false,
            });
            return Handover { fill, at_start: true };
        }
        // All three as the person sees them, empty ones too: nothing saved is mixed into a
        // delivery they are typing. A text box holds LF line breaks; the choice stays as it is.
        // Under a link's address the body may be the link's, put back by the browser: it is
        // treated as that link's, whose signature under the reader's secret is withheld.
        let provenance = match arrival.shared {
            Some(from) => Provenance::Shared { from, revealed: false },
            None => Provenance::Own,
        };
        // A body past a paste held as bytes (pasted before the page could hold it) is held now,
        // as the LF bytes the box had, so that the box never lays it out again.
        let body = if offload::paste_held_as_bytes(self.body.len()) {
            BodyFill::typed_as_bytes(self.body.clone().into_bytes(), LineEnding::Lf)
        } else {
            BodyFill { text: self.body.clone(), ending: None, file: None }
        };
        let fill = Fill {
            secret: Some(secret.unwrap_or_default()),
            body: Some(body),
            headers: Some(self.headers.clone()),
            provenance: Some(provenance),
            another_delivery: true,
        };
        Handover { fill: Some(fill), at_start: false }
    }
}

impl Caret {
    /// Where to put the caret back once the page has opened its address: only if its field
    /// still holds `typed`, what it held when read (a link's delivery may have replaced it), and
    /// within that text. `now`: what the field holds now.
    pub fn put_back(self, typed: &str, now: &str) -> Option<Caret> {
        if now != typed {
            return None;
        }
        let units = typed.encode_utf16().count() as u32;
        Some(Caret { start: self.start.min(units), end: self.end.min(units), ..self })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOME: Arrival = Arrival { framed: false, shared: None };
    const FRAMED: Arrival = Arrival { framed: true, shared: None };
    const LINK: Arrival = Arrival { framed: false, shared: Some(SharedFrom::Link) };

    fn typed(secret: &str, body: &str, headers: &str) -> Typed {
        Typed { secret: secret.into(), body: body.into(), headers: headers.into(), caret: None }
    }

    #[test]
    fn nothing_typed_opens_the_address_as_a_fresh_start() {
        for arrival in [HOME, FRAMED, LINK] {
            assert_eq!(Typed::default().handover(arrival), Handover { fill: None, at_start: true });
        }
        // In a frame the secret is not taken: a secret alone is as nothing typed.
        assert_eq!(typed("whsec_x", "", "").handover(FRAMED), Handover { fill: None, at_start: true });
    }

    /// The secret is never kept, so a returning reader types it first: it goes in, alone, and
    /// the saved work (or a link's delivery) comes back around it as at any start.
    #[test]
    fn a_secret_alone_goes_in_and_the_saved_work_still_comes_back() {
        for arrival in [HOME, LINK] {
            let plan = typed("whsec_a", "", "").handover(arrival);
            assert!(plan.at_start);
            let fill = plan.fill.expect("a fill");
            assert_eq!(fill.secret.as_deref(), Some("whsec_a"));
            assert_eq!((fill.body, fill.headers, fill.provenance), (None, None, None));
            assert!(!fill.another_delivery);
        }
    }

    /// A body or headers typed fill all three as they are seen, as the person's own work, and
    /// keep saved work from coming back over it.
    #[test]
    fn a_typed_delivery_is_kept_whole_as_own_work() {
        let cases = [
            (typed("", "{\"id\":1}\n", ""), "", "{\"id\":1}\n", ""),
            (typed("", "", "x-cobinar-event: otp.verified"), "", "", "x-cobinar-event: otp.verified"),
            (typed("s", "b", "h"), "s", "b", "h"),
        ];
        for (typed, secret, body, headers) in cases {
            let plan = typed.handover(HOME);
            assert!(!plan.at_start, "{typed:?}");
            let fill = plan.fill.expect("a fill");
            assert_eq!(fill.secret.as_deref(), Some(secret));
            assert_eq!(fill.body, Some(BodyFill { text: body.into(), ending: None, file: None }));
            assert_eq!(fill.headers.as_deref(), Some(headers));
            assert_eq!(fill.provenance, Some(Provenance::Own));
            assert!(fill.another_delivery);
        }
    }

    /// Under a link's or a fixture file's address, a body in the fields may be one the browser
    /// put back from that page: its signature under the reader's secret stays withheld.
    #[test]
    fn a_body_past_a_paste_held_is_held_as_its_bytes_as_a_paste_would_be() {
        let large = "y".repeat(crate::protocol::limits::WORKER_ABOVE_BYTES + 1);
        for (body, held) in [(large.clone(), true), (large[1..].to_string(), false)] {
            let fill = typed("", &body, "").handover(HOME).fill.expect("a typed body");
            let kept = fill.body.expect("the body filled");
            if held {
                assert_eq!(kept, BodyFill::typed_as_bytes(body.into_bytes(), LineEnding::Lf));
            } else {
                assert_eq!(kept, BodyFill { text: body, ending: None, file: None });
            }
            assert_eq!(fill.provenance, Some(Provenance::Own), "own work either way");
        }
    }

    #[test]
    fn under_a_shared_address_a_body_is_treated_as_shared() {
        for from in [SharedFrom::Link, SharedFrom::FixtureFile] {
            let plan = typed("whsec_a", "{}", "").handover(Arrival { framed: false, shared: Some(from) });
            assert!(!plan.at_start);
            let fill = plan.fill.expect("a fill");
            assert_eq!(fill.provenance, Some(Provenance::Shared { from, revealed: false }));
            assert_eq!(fill.secret.as_deref(), Some("whsec_a"));
        }
    }

    #[test]
    fn a_framed_page_drops_the_typed_secret_and_keeps_the_rest() {
        let plan = typed("whsec_a", "{}", "").handover(FRAMED);
        assert!(!plan.at_start);
        let fill = plan.fill.expect("a fill");
        assert_eq!(fill.secret.as_deref(), Some(""));
        assert_eq!(fill.body.map(|body| body.text).as_deref(), Some("{}"));
    }

    #[test]
    fn the_caret_comes_back_only_where_the_typed_text_still_is() {
        let caret = Caret { field: Field::Body, start: 2, end: 5, backward: true };
        assert_eq!(caret.put_back("héllo wörld", "héllo wörld"), Some(caret));
        // A link's delivery replaced the body: the caret is not put into someone else's text.
        assert_eq!(caret.put_back("héllo wörld", "{\"other\":true}"), None);
    }

    #[test]
    fn a_caret_beyond_the_text_is_kept_within_it() {
        // 🙂 is two UTF-16 units: "a🙂" is 3 long.
        let caret = Caret { field: Field::Headers, start: 7, end: 9, backward: false };
        assert_eq!(caret.put_back("a🙂", "a🙂").map(|caret| (caret.start, caret.end)), Some((3, 3)));
        let inside = Caret { start: 1, end: 3, ..caret };
        assert_eq!(inside.put_back("a🙂", "a🙂"), Some(inside));
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
