//! What the program puts in the fields (a link, an import, the example, *Undo*, *Clear*, a file
//! of the person's own), and whether that is another delivery.

use std::fmt;
use std::sync::Arc;

use super::Hidden;
use crate::echo::example::PastedDelivery;
use crate::inspect::import::Imported;
use crate::share::provenance::{BodyEvent, Provenance};
use crate::verify::body::{self, LineEnding};

/// A body read from a file, kept as its exact bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedFile {
    pub name: String,
    /// Shared, not copied, between the input, the checks and the worker's hand-off.
    pub bytes: Arc<[u8]>,
}

/// A copy of the fields, held in memory only (it may hold the secret).
#[derive(Clone, PartialEq, Eq)]
pub struct Entered {
    pub secret: String,
    pub body_text: String,
    pub line_ending: LineEnding,
    pub body_file: Option<LoadedFile>,
    pub headers_text: String,
    pub provenance: Provenance,
}

impl fmt::Debug for Entered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Entered")
            .field("secret", &Hidden(&self.secret))
            .field("body_text", &self.body_text)
            .field("line_ending", &self.line_ending)
            .field("body_file", &self.body_file)
            .field("headers_text", &self.headers_text)
            .field("provenance", &self.provenance)
            .finish()
    }
}

impl fmt::Debug for Fill {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fill")
            .field("secret", &self.secret.as_deref().map(Hidden))
            .field("body", &self.body)
            .field("headers", &self.headers)
            .field("provenance", &self.provenance)
            .field("another_delivery", &self.another_delivery)
            .finish()
    }
}

impl Entered {
    /// Whether anything was entered that loading the example would lose.
    pub fn is_empty(&self) -> bool {
        self.secret.is_empty() && self.body_text.is_empty() && self.body_file.is_none() && self.headers_text.is_empty()
    }
}

/// What a fill puts in the body field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyFill {
    pub text: String,
    /// `None` leaves the line-ending choice as it is.
    pub ending: Option<LineEnding>,
    pub file: Option<LoadedFile>,
}

impl BodyFill {
    /// Exact bytes: as text with its line ending where the text box can hold them exactly
    /// (`body::as_typed_text`), else as a loaded file named `source`.
    pub fn of(bytes: &[u8], source: &str) -> Self {
        match body::as_typed_text(bytes) {
            Some((text, ending)) => Self { text, ending: Some(ending), file: None },
            None => Self {
                text: body::text_box_view(bytes),
                ending: None,
                file: Some(LoadedFile { name: source.to_string(), bytes: bytes.to_vec().into() }),
            },
        }
    }
}

impl BodyFill {
    /// Typed text held as the bytes the box would be checked as under `ending`, the box left
    /// empty and the choice showing `ending` (`Fill::typed_as_bytes`, `page::handover`).
    pub fn typed_as_bytes(text: Vec<u8>, ending: LineEnding) -> Self {
        let file = LoadedFile { name: TYPED_AS_BYTES.to_string(), bytes: body::with_ending(text, ending).into() };
        Self { text: String::new(), ending: Some(ending), file: Some(file) }
    }
}

/// What the program puts in the fields; `None` leaves a field as it is. Every fill rewrites the
/// text areas (the page's `fills`); one that is `another_delivery` also makes what was typed
/// about the old delivery (what the server computed, the causes found) stale.
#[derive(Clone, PartialEq, Eq)]
pub struct Fill {
    pub secret: Option<String>,
    pub body: Option<BodyFill>,
    pub headers: Option<String>,
    pub provenance: Option<Provenance>,
    pub another_delivery: bool,
}

impl Fill {
    /// What an import found; what it did not find stays as it was. A body imported is no
    /// longer an edit of a shared one.
    pub fn import(imported: &Imported, provenance: Provenance) -> Self {
        let body = imported.body.as_deref().map(|bytes| BodyFill::of(bytes, "the import"));
        Self {
            secret: None,
            provenance: body.is_some().then(|| provenance.after(BodyEvent::Replaced)),
            body,
            headers: imported.header_lines(),
            another_delivery: true,
        }
    }

    /// A whole delivery (the example, the echo's, *Clear*'s empty one), typed as LF text.
    pub fn delivery(delivery: PastedDelivery, provenance: Provenance) -> Self {
        Self {
            secret: Some(delivery.secret),
            body: Some(BodyFill { text: delivery.body, ending: Some(LineEnding::Lf), file: None }),
            headers: Some(delivery.headers),
            provenance: Some(provenance.after(BodyEvent::Replaced)),
            another_delivery: true,
        }
    }

    /// *Undo*: every field back as `entered` had it, provenance included.
    pub fn restore(entered: Entered) -> Self {
        let body = BodyFill { text: entered.body_text, ending: Some(entered.line_ending), file: entered.body_file };
        Self {
            secret: Some(entered.secret),
            body: Some(body),
            headers: Some(entered.headers_text),
            provenance: Some(entered.provenance),
            another_delivery: true,
        }
    }

    /// A fixture's body and headers (a link, a file, saved work) under the provenance the
    /// opening decided; `source` names where exact bytes came from.
    pub fn fixture(body: &[u8], headers: &str, source: &str, provenance: Provenance) -> Self {
        Self {
            secret: None,
            body: Some(BodyFill::of(body, source)),
            headers: Some(headers.to_string()),
            provenance: Some(provenance),
            another_delivery: true,
        }
    }

    /// A body file of the person's own (chosen, or a paste too large for the text box, which
    /// then shows `shown`): no longer an edit of a shared body, yet the same delivery, so what
    /// they typed about it stays.
    pub fn own_file(file: LoadedFile, shown: String, provenance: Provenance) -> Self {
        Self {
            secret: None,
            body: Some(BodyFill { text: shown, ending: None, file: Some(file) }),
            headers: None,
            provenance: Some(provenance.after(BodyEvent::Replaced)),
            another_delivery: false,
        }
    }

    /// Text put in the box in one go past the worker's threshold (`offload::input_held_as_bytes`):
    /// held as the bytes the box would be checked as, the box left empty so that the browser
    /// never lays it out; the line-ending choice shows the one the bytes were made with. An edit
    /// of the body, not another one: the provenance stays as it is. `text` is the box's value as
    /// UTF-8 (LF line breaks, as every text box's value has).
    pub fn typed_as_bytes(text: Vec<u8>, ending: LineEnding) -> Self {
        Self {
            secret: None,
            body: Some(BodyFill::typed_as_bytes(text, ending)),
            headers: None,
            provenance: None,
            another_delivery: false,
        }
    }
}

/// What the body's note calls text held by `Fill::typed_as_bytes`.
pub const TYPED_AS_BYTES: &str = "the text put in the box";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inspect::import::import;
    use crate::share::provenance::SharedFrom;

    fn shared() -> Provenance {
        Provenance::Shared { from: SharedFrom::Link, revealed: false }
    }

    fn entered() -> Entered {
        Entered {
            secret: "whsec_mine".into(),
            body_text: "{}".into(),
            line_ending: LineEnding::Crlf,
            body_file: None,
            headers_text: "a: b".into(),
            provenance: shared(),
        }
    }

    #[test]
    fn entered_is_empty_only_with_every_field_empty() {
        let empty = Entered {
            secret: String::new(),
            body_text: String::new(),
            line_ending: LineEnding::Crlf,
            body_file: None,
            headers_text: String::new(),
            provenance: shared(),
        };
        assert!(empty.is_empty(), "a line ending or a provenance is nothing entered");
        assert!(!Entered { secret: "s".into(), ..empty.clone() }.is_empty());
        assert!(!Entered { body_text: "b".into(), ..empty.clone() }.is_empty());
        assert!(!Entered { headers_text: "h".into(), ..empty.clone() }.is_empty());
        let file = LoadedFile { name: "f".into(), bytes: Arc::from(&b""[..]) };
        assert!(!Entered { body_file: Some(file), ..empty }.is_empty(), "even an empty file was chosen");
    }

    #[test]
    fn bytes_a_text_box_can_hold_are_typed_others_are_a_file() {
        let crlf = BodyFill::of(b"a\r\nb", "the import");
        assert_eq!(crlf, BodyFill { text: "a\nb".into(), ending: Some(LineEnding::Crlf), file: None });
        let mixed = BodyFill::of(b"a\r\nb\nc", "the link");
        assert_eq!(mixed.ending, None, "the choice stays: the file's bytes are what is checked");
        assert_eq!(mixed.text, body::text_box_view(b"a\r\nb\nc"));
        let file = mixed.file.expect("mixed line endings cannot be typed");
        assert_eq!((file.name.as_str(), &file.bytes[..]), ("the link", &b"a\r\nb\nc"[..]));
    }

    #[test]
    fn text_put_in_at_once_is_held_as_the_bytes_it_would_be_checked_as() {
        for ending in [LineEnding::Lf, LineEnding::Crlf] {
            let fill = Fill::typed_as_bytes(b"{\n\"a\": 1\n}".to_vec(), ending);
            let file =
                LoadedFile { name: TYPED_AS_BYTES.into(), bytes: body::bytes_of_text("{\n\"a\": 1\n}", ending).into() };
            let body = BodyFill { text: String::new(), ending: Some(ending), file: Some(file) };
            let kept =
                Fill { secret: None, body: Some(body), headers: None, provenance: None, another_delivery: false };
            assert_eq!(fill, kept, "{ending:?}: the box emptied, the ending the bytes were made with shown");
        }
    }

    #[test]
    fn an_import_changes_only_what_it_found() {
        let headers_only = import(b"x-cobinar-event: otp.verified\n").expect("headers import");
        let fill = Fill::import(&headers_only, shared());
        assert_eq!((fill.secret, fill.body, fill.provenance), (None, None, None), "no body, no new provenance");
        assert_eq!(fill.headers.as_deref(), Some("x-cobinar-event: otp.verified\n"));
        assert!(fill.another_delivery, "even headers alone are another delivery's");

        let request =
            import(b"POST /hooks HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n{}").expect("request import");
        let fill = Fill::import(&request, shared());
        assert_eq!(fill.body.map(|b| b.text), Some("{}".into()));
        assert_eq!(fill.provenance, Some(Provenance::Own), "an imported body is the person's own");
        assert_eq!(fill.secret, None, "an import never touches the secret");
    }

    #[test]
    fn a_delivery_fills_every_field_as_lf_text() {
        let delivery = PastedDelivery { secret: "s".into(), body: "b".into(), headers: "h".into() };
        let fill = Fill::delivery(delivery, shared());
        assert_eq!(
            fill,
            Fill {
                secret: Some("s".into()),
                body: Some(BodyFill { text: "b".into(), ending: Some(LineEnding::Lf), file: None }),
                headers: Some("h".into()),
                provenance: Some(Provenance::Own),
                another_delivery: true,
            }
        );
    }

    #[test]
    fn restoring_gives_back_every_field_and_the_provenance() {
        let fill = Fill::restore(entered());
        assert_eq!(fill.secret.as_deref(), Some("whsec_mine"));
        assert_eq!(fill.body, Some(BodyFill { text: "{}".into(), ending: Some(LineEnding::Crlf), file: None }));
        assert_eq!(fill.headers.as_deref(), Some("a: b"));
        assert_eq!(fill.provenance, Some(shared()), "a shared body given back is still shared");
        assert!(fill.another_delivery);
    }

    #[test]
    fn a_fixture_keeps_the_secret_and_takes_the_opening_provenance() {
        let fill = Fill::fixture(b"{}", "h: v", "the link", shared());
        assert_eq!((fill.secret, fill.headers.as_deref(), fill.provenance), (None, Some("h: v"), Some(shared())));
        assert_eq!(fill.body, Some(BodyFill::of(b"{}", "the link")));
        assert!(fill.another_delivery);
    }

    #[test]
    fn an_own_file_is_the_same_delivery_no_longer_shared() {
        let file = LoadedFile { name: "body.json".into(), bytes: Arc::from(&b"{}"[..]) };
        let fill = Fill::own_file(file.clone(), "{}".into(), shared());
        assert_eq!(fill.body, Some(BodyFill { text: "{}".into(), ending: None, file: Some(file) }));
        assert_eq!((fill.secret, fill.headers, fill.provenance), (None, None, Some(Provenance::Own)));
        assert!(!fill.another_delivery, "what the person typed about this delivery stays");
    }
}
