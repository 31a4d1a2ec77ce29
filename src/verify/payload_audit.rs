//! What Cobinar never puts in a delivery: the OTP code. A field that looks like one means the
//! body did not come from Cobinar, or was changed on the way.
//!
//! The body is someone else's input (a pasted delivery, a link, `webhook-echo listen`'s request
//! of up to 16 MiB), read at every keystroke: the walk holds the path as borrowed pieces and
//! writes one out only for a field it names, names at most `SHOWN_AT_MOST` fields, and cuts a
//! long path, so that a body of a long key over many elements costs what its size does.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::verify::invisible::visible;

/// How many code-like fields are named; the rest are counted.
pub const SHOWN_AT_MOST: usize = 20;
/// How many characters of a field's path, and of its value, are shown before `…`.
pub const PATH_AT_MOST: usize = 120;

/// The fields of a body that look like an OTP code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeLike {
    /// The first `SHOWN_AT_MOST`, as `body.payload.code = 482913`, each cut to a readable length
    /// and with characters a person cannot see written as `⟨U+XXXX⟩`.
    pub fields: Vec<String>,
    /// How many more there are past those.
    pub more: usize,
}

impl CodeLike {
    /// Whether no field looks like an OTP code: `more` counts only past the named ones, so it is
    /// 0 too.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }
}

/// Fields that look like an OTP code: a name that says code, OTP or PIN, or a string of 4 to 8
/// digits alone.
pub fn otp_code_like(value: &Value) -> CodeLike {
    let mut found = CodeLike::default();
    walk(value, &mut Vec::new(), &mut found);
    found
}

fn names_a_code(key: &str) -> bool {
    key.as_bytes().windows(4).any(|w| w.eq_ignore_ascii_case(b"code"))
        || key.eq_ignore_ascii_case("otp")
        || key.eq_ignore_ascii_case("pin")
        || key.len() >= 4 && key.as_bytes()[key.len() - 4..].eq_ignore_ascii_case(b"_pin")
        || key.ends_with("Pin")
}

fn digits_alone(text: &str) -> bool {
    (4..=8).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

/// One step of a path: a key, or an index into an array.
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

fn walk<'a>(value: &'a Value, path: &mut Vec<Step<'a>>, found: &mut CodeLike) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                path.push(Step::Key(key));
                let scalar = !matches!(value, Value::Object(_) | Value::Array(_) | Value::Null);
                if names_a_code(key) && scalar {
                    note(path, value, found);
                } else {
                    walk(value, path, found);
                }
                path.pop();
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                path.push(Step::Index(index));
                walk(item, path, found);
                path.pop();
            }
        }
        Value::String(text) if digits_alone(text) => note(path, value, found),
        _ => {}
    }
}

/// Names the field at `path`, or counts it once `SHOWN_AT_MOST` are named.
fn note(path: &[Step<'_>], value: &Value, found: &mut CodeLike) {
    if found.fields.len() >= SHOWN_AT_MOST {
        found.more += 1;
        return;
    }
    let mut shown = Cut::default();
    shown.push("body");
    for step in path {
        if shown.cut {
            break;
        }
        match step {
            Step::Key(key) => {
                shown.push(".");
                shown.push(key);
            }
            Step::Index(index) => shown.push(&format!("[{index}]")),
        }
    }
    // A value is a scalar; a long string is cut before it is written out as JSON, not after.
    let written = match value {
        Value::String(text) => {
            let mut head = Cut::default();
            head.push(text);
            let cut = head.cut;
            let mut written = Value::String(head.text).to_string();
            if cut {
                written.insert(written.len() - 1, '…');
            }
            written
        }
        other => other.to_string(),
    };
    found.fields.push(format!("{} = {}", visible(&shown.text()), visible(&written)));
}

/// Text kept to `PATH_AT_MOST` characters, and whether more was offered.
#[derive(Default)]
struct Cut {
    text: String,
    chars: usize,
    cut: bool,
}

impl Cut {
    fn push(&mut self, piece: &str) {
        for c in piece.chars() {
            if self.chars == PATH_AT_MOST {
                self.cut = true;
                return;
            }
            self.text.push(c);
            self.chars += 1;
        }
    }

    fn text(self) -> String {
        if self.cut {
            format!("{}…", self.text)
        } else {
            self.text
        }
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_code_like_fields() {
        let body: Value = serde_json::from_str(
            r#"{"payload":{"code":482913,"phone":"+999 482 918 102","attempts":3,"items":[{"x":"1234"}],"otp":null}}"#,
        )
        .unwrap();
        let found = otp_code_like(&body);
        assert_eq!(found.fields, ["body.payload.code = 482913", "body.payload.items[0].x = \"1234\""]);
        assert_eq!(found.more, 0);
        let clean: Value = serde_json::from_str(
            r#"{"payload":{"requestId":"a4b8","phone":"+999 482 918 102","attempts":3,"createdAt":1783088530000}}"#,
        )
        .unwrap();
        assert!(otp_code_like(&clean).is_empty());
        let body: Value = serde_json::from_str(r#"{"PIN":"1","user_PIN":2,"Code":true,"otp":"x"}"#).unwrap();
        assert_eq!(otp_code_like(&body).fields.len(), 4);
    }

    /// About a megabyte: a key of half of it over an array of the other half.
    const KEY_LEN: usize = 500_000;

    fn hostile(element: &str, count: usize) -> Value {
        let items = vec![element; count].join(",");
        serde_json::from_str(&format!(r#"{{"{}":[{items}]}}"#, "a".repeat(KEY_LEN))).unwrap()
    }

    #[track_caller]
    fn assert_bounded(found: &CodeLike) {
        assert!(found.fields.len() <= SHOWN_AT_MOST, "{}", found.fields.len());
        for field in &found.fields {
            // The path and the value, each cut with `…`, and ` = ` between them.
            assert!(field.chars().count() <= 2 * (PATH_AT_MOST + 1) + 5, "{field}");
        }
    }

    #[test]
    fn a_long_key_over_many_elements_costs_what_the_body_does() {
        // No match: the walk used to write the half-megabyte path out for each of 250,000 elements.
        let zeros = hostile("0", 250_000);
        let found = otp_code_like(&zeros);
        assert_eq!(found, CodeLike::default());
        // Each element a match: the full path used to be kept for each of them (gigabytes).
        for (element, count, shown) in
            [(r#"{"code":0}"#, 45_000, r#"[0].code = 0"#), (r#""1234""#, 70_000, r#"[0] = "1234""#)]
        {
            let found = otp_code_like(&hostile(element, count));
            assert_bounded(&found);
            assert_eq!(found.fields.len(), SHOWN_AT_MOST);
            assert_eq!(found.more, count - SHOWN_AT_MOST);
            let first = &found.fields[0];
            assert!(first.starts_with(&format!("body.{}…", "a".repeat(PATH_AT_MOST - 5))), "{first}");
            assert!(!first.contains(shown), "the cut path stops before {shown}: {first}");
        }
    }

    #[test]
    fn a_shown_field_is_cut_and_shows_what_cannot_be_seen() {
        let long = "9".repeat(10_000);
        let body: Value =
            serde_json::from_str(&format!(r#"{{"payload":{{"\u202Ecode":"{long}","pin":"12\u200b34"}}}}"#)).unwrap();
        let found = otp_code_like(&body);
        assert_bounded(&found);
        assert_eq!(
            found.fields,
            // serde_json's map keeps keys sorted.
            [
                "body.payload.pin = \"12⟨U+200B⟩34\"".to_string(),
                format!("body.payload.⟨U+202E⟩code = \"{}…\"", "9".repeat(PATH_AT_MOST)),
            ]
        );
    }

    #[test]
    fn the_sentences_name_twenty_and_count_the_rest() {
        use crate::verify::verification::{verify, ReceivedDelivery};
        let body = format!(r#"{{"payload":[{}]}}"#, [r#"{"code":1}"#; SHOWN_AT_MOST + 3].join(","));
        let headers = crate::verify::received_headers::parse("");
        let result =
            verify(ReceivedDelivery { secret: "", body: body.as_bytes(), headers: &headers, now_unix_millis: None });
        assert_eq!(result.not_from_cobinar.len(), SHOWN_AT_MOST + 1, "{:?}", result.not_from_cobinar);
        assert!(result.not_from_cobinar[0].starts_with("body.payload[0].code = 1 looks like an OTP code"));
        assert_eq!(result.not_from_cobinar[SHOWN_AT_MOST], "3 more fields look like an OTP code, not listed here.");
        let one_more = format!(r#"{{"payload":[{}]}}"#, [r#"{"code":1}"#; SHOWN_AT_MOST + 1].join(","));
        let result = verify(ReceivedDelivery {
            secret: "",
            body: one_more.as_bytes(),
            headers: &headers,
            now_unix_millis: None,
        });
        assert_eq!(
            result.not_from_cobinar.last().map(String::as_str),
            Some("1 more field looks like an OTP code, not listed here.")
        );
        let exactly = format!(r#"{{"payload":[{}]}}"#, [r#"{"code":1}"#; SHOWN_AT_MOST].join(","));
        let result =
            verify(ReceivedDelivery { secret: "", body: exactly.as_bytes(), headers: &headers, now_unix_millis: None });
        assert_eq!(result.not_from_cobinar.len(), SHOWN_AT_MOST, "no count when none is left out");
    }
}
