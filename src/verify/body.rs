//! The delivery body: the exact bytes that were signed, and the fields the headers repeat.

use serde_json::Value;

use crate::protocol::limits::{MAX_FILE_BYTES, TEXT_BOX_LIMIT};

/// Why a file of `size` bytes named `name` is not read (as a body or an import), or `None` when
/// it may be. `size` is the browser's `File.size`, a float.
pub fn file_refused(name: &str, size: f64) -> Option<String> {
    (size > MAX_FILE_BYTES as f64).then(|| {
        format!("{name} is larger than {} MiB, more than the page reads. Nothing was changed.", MAX_FILE_BYTES >> 20)
    })
}

/// How the body's line breaks are written. A browser textarea always gives LF, so a body that
/// was received with CRLF has to be restored to be checked byte for byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineEnding {
    /// Keep the text as typed: `\n`.
    #[default]
    Lf,
    /// Write every line break as `\r\n`.
    Crlf,
}

impl LineEnding {
    /// The stable name used in `data-testid`s (`line-ending-crlf`); `from_name` reads it back.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Lf => "lf",
            Self::Crlf => "crlf",
        }
    }

    /// The ending whose `as_str` is `name`; `None` for any other text, case included.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "lf" => Some(Self::Lf),
            "crlf" => Some(Self::Crlf),
            _ => None,
        }
    }
}

/// The bytes of typed body text with the chosen line endings. Text is UTF-8, every byte kept,
/// a trailing newline included.
pub fn bytes_of_text(text: &str, ending: LineEnding) -> Vec<u8> {
    match ending {
        LineEnding::Lf => text.as_bytes().to_vec(),
        LineEnding::Crlf => with_crlf(text.as_bytes()),
    }
}

/// A text's UTF-8 bytes with its line breaks as `ending` writes them, as `bytes_of_text` (the
/// bytes themselves under `Lf`: a text box's value has LF line breaks already).
pub fn with_ending(text: Vec<u8>, ending: LineEnding) -> Vec<u8> {
    match ending {
        LineEnding::Lf => text,
        LineEnding::Crlf => with_crlf(&text),
    }
}

/// Every LF not already after a CR written as CRLF.
fn with_crlf(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + text.len() / 32);
    let mut previous = 0u8;
    for &byte in text {
        if byte == b'\n' && previous != b'\r' {
            out.push(b'\r');
        }
        out.push(byte);
        previous = byte;
    }
    out
}

/// A top-level string field of the body, as far as it could be read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Field {
    Text(String),
    Absent,
    /// Present but not a string (a number, an object, null…); holds the JSON as written.
    NotText(String),
}

/// What the body says about itself, for the checks that compare headers against it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BodyFields {
    /// The delivery fields of a JSON object body.
    Object {
        id: Field,
        event: Field,
        created_at: Field,
        /// Fields that look like an OTP code, which Cobinar never sends (see `payload_audit`).
        otp_like: crate::verify::payload_audit::CodeLike,
    },
    /// The body is JSON, but not an object.
    NotAnObject,
    /// The body is not JSON (or not UTF-8); `reason` says where it fails, for the person.
    NotJson { reason: String },
}

impl BodyFields {
    /// Reads the body once; never fails: bytes that are not JSON (or not UTF-8) give `NotJson`
    /// with the parser's reason, and JSON that is not an object gives `NotAnObject`.
    pub fn read(body: &[u8]) -> Self {
        let value: Value = match serde_json::from_slice(body) {
            Ok(value) => value,
            Err(error) => return Self::NotJson { reason: error.to_string() },
        };
        let otp_like = crate::verify::payload_audit::otp_code_like(&value);
        let Value::Object(object) = value else {
            return Self::NotAnObject;
        };
        let field = |name: &str| match object.get(name) {
            None => Field::Absent,
            Some(Value::String(text)) => Field::Text(text.clone()),
            Some(other) => Field::NotText(other.to_string()),
        };
        Self::Object { id: field("id"), event: field("event"), created_at: field("createdAt"), otp_like }
    }

    /// The body's `id`, or `None` when the body is not a JSON object.
    pub fn id(&self) -> Option<&Field> {
        match self {
            Self::Object { id, .. } => Some(id),
            _ => None,
        }
    }

    /// The body's `event`, or `None` when the body is not a JSON object.
    pub fn event(&self) -> Option<&Field> {
        match self {
            Self::Object { event, .. } => Some(event),
            _ => None,
        }
    }

    /// The body's `createdAt`, or `None` when the body is not a JSON object.
    pub fn created_at(&self) -> Option<&Field> {
        match self {
            Self::Object { created_at, .. } => Some(created_at),
            _ => None,
        }
    }
}

/// What the note under the box adds for a body held as exact bytes (a file, a large paste): that
/// it is too large to show, or that the box shows replacement characters for it.
pub fn held_bytes_notes(bytes: &[u8]) -> Vec<&'static str> {
    let too_large = bytes.len() > TEXT_BOX_LIMIT;
    // Only a body shown in the box needs reading as text.
    let utf8 = too_large || std::str::from_utf8(bytes).is_ok();
    let mut notes = Vec::new();
    if too_large {
        notes.push("It is too large to show in the box; the Bytes view shows its start and its end. ");
    }
    if !utf8 {
        notes.push(
            "It is not valid UTF-8, so the text above shows replacement characters; the original bytes are checked. ",
        );
    }
    notes
}

/// What the text box shows for a body held as exact bytes.
pub fn text_box_view(bytes: &[u8]) -> String {
    if bytes.len() > TEXT_BOX_LIMIT {
        String::new()
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

/// The text and line-ending choice that reproduce `bytes` exactly in a text box, if any: UTF-8
/// with either no CR at all, or every line break a CRLF.
pub fn as_typed_text(bytes: &[u8]) -> Option<(String, LineEnding)> {
    if bytes.len() > TEXT_BOX_LIMIT {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    if !text.contains('\r') {
        return Some((text.to_string(), LineEnding::Lf));
    }
    let lf = text.replace("\r\n", "\n");
    (!lf.contains('\r') && bytes_of_text(&lf, LineEnding::Crlf) == bytes).then_some((lf, LineEnding::Crlf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_past_128_mib_are_refused_before_reading() {
        assert_eq!(file_refused("a.json", MAX_FILE_BYTES as f64), None);
        let refused = file_refused("a.json", MAX_FILE_BYTES as f64 + 1.0).unwrap_or_default();
        assert_eq!(refused, "a.json is larger than 128 MiB, more than the page reads. Nothing was changed.");
    }

    #[test]
    fn held_bytes_say_when_the_box_cannot_show_them() {
        assert!(held_bytes_notes(b"{}").is_empty());
        assert_eq!(held_bytes_notes(b"\xff").len(), 1);
        assert!(held_bytes_notes(b"\xff")[0].contains("not valid UTF-8"));
        // Too large to show: never read as text, whatever its bytes.
        let large = vec![0xff; TEXT_BOX_LIMIT + 1];
        assert_eq!(
            held_bytes_notes(&large),
            ["It is too large to show in the box; the Bytes view shows its start and its end. "]
        );
        let at_the_limit = vec![0xff; TEXT_BOX_LIMIT];
        assert_eq!(held_bytes_notes(&at_the_limit).len(), 1, "shown, so read as text");
        assert!(held_bytes_notes(&at_the_limit)[0].contains("not valid UTF-8"));
    }

    #[test]
    fn the_box_shows_held_bytes_up_to_its_limit_replacement_characters_and_all() {
        assert_eq!(text_box_view(b"a\xffb"), "a\u{fffd}b");
        let at_the_limit = vec![b'y'; TEXT_BOX_LIMIT];
        assert_eq!(text_box_view(&at_the_limit).len(), TEXT_BOX_LIMIT);
        assert_eq!(text_box_view(&vec![b'y'; TEXT_BOX_LIMIT + 1]), "");
    }

    #[test]
    fn line_endings_are_named_and_read_back_by_their_names() {
        assert_eq!((LineEnding::Lf.as_str(), LineEnding::Crlf.as_str()), ("lf", "crlf"));
        for ending in [LineEnding::Lf, LineEnding::Crlf] {
            assert_eq!(LineEnding::from_name(ending.as_str()), Some(ending));
        }
        assert_eq!(LineEnding::from_name("CRLF"), None, "case counts");
        assert_eq!(LineEnding::from_name(""), None);
    }

    #[test]
    fn crlf_restores_every_line_break_once() {
        assert_eq!(bytes_of_text("a\nb\n", LineEnding::Crlf), b"a\r\nb\r\n");
        assert_eq!(bytes_of_text("a\r\nb", LineEnding::Crlf), b"a\r\nb");
        assert_eq!(bytes_of_text("a\nb\n", LineEnding::Lf), b"a\nb\n");
        assert_eq!(bytes_of_text("é\n", LineEnding::Crlf), "é\r\n".as_bytes());
    }

    #[test]
    fn reads_delivery_fields() {
        let fields = BodyFields::read(br#"{"id":"e1","event":"otp.failed","createdAt":7}"#);
        assert_eq!(
            fields,
            BodyFields::Object {
                id: Field::Text("e1".into()),
                event: Field::Text("otp.failed".into()),
                created_at: Field::NotText("7".into()),
                otp_like: Default::default(),
            }
        );
        assert_eq!(BodyFields::read(b"[1]"), BodyFields::NotAnObject);
        assert!(matches!(BodyFields::read(b"id=e1&event=otp.failed"), BodyFields::NotJson { .. }));
        assert!(matches!(BodyFields::read(b"{\"id\":\"\xff\"}"), BodyFields::NotJson { .. }));
    }

    #[test]
    fn only_what_a_text_box_can_hold() {
        assert_eq!(as_typed_text(b"a\nb"), Some(("a\nb".into(), LineEnding::Lf)));
        assert_eq!(as_typed_text(b"a\r\nb\r\n"), Some(("a\nb\n".into(), LineEnding::Crlf)));
        assert_eq!(as_typed_text(b"a\r\nb\n"), None, "mixed line breaks need the exact bytes");
        assert_eq!(as_typed_text(b"a\rb"), None);
        assert_eq!(as_typed_text(b"\xff"), None);
        let at_the_limit = vec![b'y'; TEXT_BOX_LIMIT];
        assert_eq!(as_typed_text(&at_the_limit).map(|(text, _)| text.len()), Some(TEXT_BOX_LIMIT));
        assert_eq!(as_typed_text(&vec![b'y'; TEXT_BOX_LIMIT + 1]), None, "past what the box shows: held as bytes");
    }
}
