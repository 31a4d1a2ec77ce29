//! One check per documented `x-cobinar-*` header: is it there, is it of Cobinar's form, and does
//! it agree with the body it came with.

use crate::protocol::events::{Event, EventStatus};
use crate::protocol::headers::{CONTENT_LENGTH, EVENT, EVENT_ID, SIGNATURE, TIMESTAMP};
use crate::protocol::text::{describe_duration, join_and, plural};
use crate::verify::body::{BodyFields, Field};
use crate::verify::diff::{char_diff, CharDiff};
use crate::verify::invisible;
use crate::verify::received_headers::ReceivedHeaders;
use crate::verify::signature::MalformedSignature;
use crate::verify::timestamp;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckStatus {
    Ok,
    Mismatch,
    Missing,
    Malformed,
    Warning,
}

impl CheckStatus {
    /// The stable name used in `data-status` and the JS API.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Mismatch => "mismatch",
            Self::Missing => "missing",
            Self::Malformed => "malformed",
            Self::Warning => "warning",
        }
    }

    /// Whether the header is wrong, rather than merely worth a look.
    pub fn is_problem(self) -> bool {
        matches!(self, Self::Mismatch | Self::Missing | Self::Malformed)
    }
}

/// The outcome for one header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderCheck {
    pub header: &'static str,
    pub status: CheckStatus,
    /// One sentence saying why.
    pub message: String,
    /// The received value (the first, when the header was repeated).
    pub received: Option<String>,
    /// What the value should be, where that is known.
    pub expected: Option<String>,
    /// The differing characters, where `received` and `expected` disagree.
    pub diff: Option<CharDiff>,
    /// Further lines worth knowing, shown under the message.
    pub notes: Vec<String>,
}

impl HeaderCheck {
    fn new(header: &'static str, status: CheckStatus, message: impl Into<String>) -> Self {
        Self { header, status, message: message.into(), received: None, expected: None, diff: None, notes: Vec::new() }
    }

    fn received(mut self, value: &str) -> Self {
        self.received = Some(value.to_string());
        self
    }

    fn expected(mut self, value: &str) -> Self {
        if let Some(received) = &self.received {
            if received != value {
                self.diff = Some(char_diff(value, received));
            }
        }
        self.expected = Some(value.to_string());
        self
    }

    fn missing(header: &'static str, why: &str) -> Self {
        Self::new(header, CheckStatus::Missing, format!("Not among the pasted headers; {why}"))
    }

    /// What every check with a value ends with: characters that cannot be seen are named, and
    /// a repeated header is noted.
    fn finish(self, headers: &ReceivedHeaders) -> Self {
        self.name_hidden().repeated(headers)
    }

    /// Where the received and expected values differ by characters a person cannot see (or
    /// cannot tell from ASCII), or a value shown alone holds some, says which and where: two
    /// equal-looking strings are never left to explain themselves.
    fn name_hidden(mut self) -> Self {
        let sentence = match (&self.diff, &self.received) {
            (Some(diff), _) => invisible::sentence_for_difference(&diff.received, &diff.expected),
            (None, Some(received)) => invisible::sentence_for_value(received),
            (None, None) => None,
        };
        if let Some(sentence) = sentence {
            self.message.push(' ');
            self.message.push_str(&sentence);
        }
        self
    }

    /// Notes a repeated header: Cobinar sends each once, so a second copy is worth a look.
    fn repeated(mut self, headers: &ReceivedHeaders) -> Self {
        let count = headers.all(self.header).count();
        if count > 1 {
            self.message.push_str(&format!(
                " The header appears {count} times; only the first is checked, and a framework may join them with \", \"."
            ));
            if self.status == CheckStatus::Ok {
                self.status = CheckStatus::Warning;
            }
        }
        self
    }
}

/// What the signature check found, decided by the verifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureOutcome {
    Matches,
    DoesNotMatch,
    Malformed(MalformedSignature),
    /// Well-formed, but the secret or body needed to check it is missing.
    Unchecked {
        missing: &'static str,
    },
}

/// The signature row, from the verifier's `outcome`: `Missing` when the header or the outcome is
/// absent; `expected` (the signature Cobinar would send) is shown and diffed against the received
/// value when given. `body_len` only words the message.
pub fn check_signature(
    headers: &ReceivedHeaders,
    outcome: Option<&SignatureOutcome>,
    expected: Option<&str>,
    body_len: usize,
) -> HeaderCheck {
    let (Some(field), Some(outcome)) = (headers.get(SIGNATURE), outcome) else {
        return HeaderCheck::missing(SIGNATURE, "Cobinar signs every delivery, so without it nothing can be verified.");
    };
    let bytes = plural(body_len, "byte");
    let check = match outcome {
        SignatureOutcome::Matches => HeaderCheck::new(
            SIGNATURE,
            CheckStatus::Ok,
            format!("Matches the HMAC-SHA256 of the body's {bytes} under this secret."),
        ),
        SignatureOutcome::DoesNotMatch => HeaderCheck::new(
            SIGNATURE,
            CheckStatus::Mismatch,
            format!("Does not match the HMAC-SHA256 of the body's {bytes}: the body or the secret differs from what was signed."),
        ),
        SignatureOutcome::Malformed(why) => {
            HeaderCheck::new(SIGNATURE, CheckStatus::Malformed, format!("Not of Cobinar's form sha256=<64 hex>: {why}."))
        }
        SignatureOutcome::Unchecked { missing } => HeaderCheck::new(
            SIGNATURE,
            CheckStatus::Warning,
            format!("Well-formed; paste the {missing} to check it against the body."),
        ),
    };
    let check = check.received(&field.value);
    let check = match expected {
        Some(expected) => check.expected(expected),
        None => check,
    };
    check.finish(headers)
}

/// The event row: `Malformed` unless the header is exactly a Cobinar event's name (case and
/// invisible characters count); a known event is then compared with the body's `event`, and a
/// reserved one that agrees is a `Warning`, never `Ok`.
pub fn check_event(headers: &ReceivedHeaders, body: &BodyFields) -> HeaderCheck {
    let Some(field) = headers.get(EVENT) else {
        return HeaderCheck::missing(EVENT, "Cobinar names the event type in every delivery.");
    };
    let value = field.value.as_str();
    let Some(event) = Event::from_name(value) else {
        // A known event with a character that cannot be seen: compared with what it looks like,
        // so that the row shows the character and says where it is.
        let cleaned = invisible::without_invisible(value);
        if let Some(looks_like) = Event::from_name(&cleaned).filter(|_| cleaned != value) {
            let check = HeaderCheck::new(
                EVENT,
                CheckStatus::Malformed,
                format!(
                    "\"{}\" is not a Cobinar event, though it looks like {}.",
                    invisible::quoted(value),
                    looks_like.name()
                ),
            );
            return check.received(value).expected(looks_like.name()).finish(headers);
        }
        let hint = Event::ALL
            .into_iter()
            .find(|e| e.name().eq_ignore_ascii_case(value))
            .map(|e| format!(" Event names are case-sensitive: Cobinar writes \"{}\".", e.name()))
            .unwrap_or_else(|| {
                let active: Vec<&str> =
                    Event::ALL.into_iter().filter(|e| e.status() == EventStatus::Active).map(Event::name).collect();
                format!(" Cobinar's events are {}.", join_and(&active))
            });
        let check = HeaderCheck::new(
            EVENT,
            CheckStatus::Malformed,
            format!("\"{}\" is not a Cobinar event.{hint}", invisible::quoted(value)),
        );
        return check.received(value).finish(headers);
    };
    let check =
        compare_with_body(EVENT, value, body, body.event(), "event", "Known event, the same as the body's event.");
    let check = if event.status() == EventStatus::Reserved && !check.status.is_problem() {
        HeaderCheck {
            status: CheckStatus::Warning,
            message: format!(
                "{value} is a reserved event that Cobinar does not deliver today, so this delivery did not come from Cobinar."
            ),
            ..check
        }
    } else {
        check
    };
    check.finish(headers)
}

/// The event-id row: `Missing` or `Malformed` (empty) from the header alone; otherwise `Ok` only
/// when it equals the body's `id` exactly, a `Warning` when the body has no string `id`.
pub fn check_event_id(headers: &ReceivedHeaders, body: &BodyFields) -> HeaderCheck {
    let Some(field) = headers.get(EVENT_ID) else {
        return HeaderCheck::missing(
            EVENT_ID,
            "Cobinar sends it with every delivery so that retries can be deduplicated.",
        );
    };
    if field.value.is_empty() {
        return HeaderCheck::new(EVENT_ID, CheckStatus::Malformed, "Empty; Cobinar sends the delivery's id here.")
            .received("")
            .finish(headers);
    }
    let agrees = "The same as the body's id: deduplicate retried deliveries by it.";
    compare_with_body(EVENT_ID, &field.value, body, body.id(), "id", agrees).finish(headers)
}

/// Said on the timestamp row, whatever its status: what the signature does not protect.
pub const REPLAY_NOTE: &str = "Neither the timestamp nor the event id is covered by the signature, which is over the body alone: a captured delivery can be sent again as it is. Deduplicate by x-cobinar-event-id.";

/// `now_unix_millis` is this computer's clock, for the skew; `None` leaves the skew out.
pub fn check_timestamp(headers: &ReceivedHeaders, body: &BodyFields, now_unix_millis: Option<i64>) -> HeaderCheck {
    let mut check = timestamp_check(headers, body, now_unix_millis);
    check.notes.push(REPLAY_NOTE.to_string());
    check
}

fn timestamp_check(headers: &ReceivedHeaders, body: &BodyFields, now_unix_millis: Option<i64>) -> HeaderCheck {
    let Some(field) = headers.get(TIMESTAMP) else {
        return HeaderCheck::missing(TIMESTAMP, "Cobinar sends the time the event was created.");
    };
    let value = field.value.as_str();
    let instant = match timestamp::parse(value) {
        Ok(instant) => instant,
        Err(error) => {
            return HeaderCheck::new(
                TIMESTAMP,
                CheckStatus::Malformed,
                format!("Not an ISO 8601 timestamp: {error}. Cobinar writes {}.", timestamp::FORMAT_HINT),
            )
            .received(value)
            .finish(headers)
        }
    };
    let agrees = "ISO 8601, the same as the body's createdAt.";
    let check = compare_with_body(TIMESTAMP, value, body, body.created_at(), "createdAt", agrees);
    // The same instant written another way is a formatting change somewhere, not another event.
    let same_instant = match (&check.status, &check.expected) {
        (CheckStatus::Mismatch, Some(created_at)) => timestamp::parse(created_at).ok() == Some(instant),
        _ => false,
    };
    let mut check = if same_instant {
        HeaderCheck {
            status: CheckStatus::Warning,
            message: "The same instant as the body's createdAt, but written differently; Cobinar sends the same text in both.".into(),
            ..check
        }
    } else {
        check
    };
    if let Some(now) = now_unix_millis {
        check.notes.push(describe_skew(now - instant.unix_millis));
    }
    check.finish(headers)
}

/// HTTP's `content-length`, when the pasted headers carry it, against the body's byte count:
/// when they differ, the body pasted is not the body that was sent with these headers.
pub fn check_content_length(headers: &ReceivedHeaders, body_len: usize) -> Option<HeaderCheck> {
    let field = headers.get(CONTENT_LENGTH)?;
    let value = field.value.as_str();
    let bytes = plural(body_len, "byte");
    let check = match value.parse::<u64>() {
        _ if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) => HeaderCheck::new(
            CONTENT_LENGTH,
            CheckStatus::Malformed,
            "Not a byte count: HTTP's content-length is a decimal number of bytes.",
        ),
        Err(_) => HeaderCheck::new(CONTENT_LENGTH, CheckStatus::Malformed, "Not a byte count: too large a number."),
        _ if body_len == 0 => HeaderCheck::new(
            CONTENT_LENGTH,
            CheckStatus::Warning,
            "No body is pasted to compare it with: paste the body these headers came with.",
        ),
        _ if headers.get("content-encoding").is_some_and(|f| !f.value.eq_ignore_ascii_case("identity")) => {
            HeaderCheck::new(
                CONTENT_LENGTH,
                CheckStatus::Warning,
                "Counts the encoded (compressed) bytes, as content-encoding says: it cannot be compared with the decoded body.",
            )
        }
        Ok(length) if usize::try_from(length).is_ok_and(|length| length == body_len) => HeaderCheck::new(
            CONTENT_LENGTH,
            CheckStatus::Ok,
            format!("Agrees with the body's {bytes}: the body pasted is as long as the one sent with these headers."),
        ),
        Ok(length) => HeaderCheck::new(
            CONTENT_LENGTH,
            CheckStatus::Mismatch,
            format!(
                "Says {}, but the body pasted has {bytes}: this is not the body that was sent with these headers (something added, removed or re-encoded bytes after they were written), so its signature cannot match.",
                plural(usize::try_from(length).unwrap_or(usize::MAX), "byte")
            ),
        )
        .received(value)
        .expected(&body_len.to_string()),
    };
    Some(check.received(value).finish(headers))
}

/// The timestamp against this computer's clock, in words. `age_millis` is the clock minus the
/// timestamp, so positive is in the past; under a second either way is "just now".
pub fn describe_skew(age_millis: i64) -> String {
    if age_millis.abs() < 1000 {
        return "Created just now by this computer's clock.".to_string();
    }
    let span = describe_duration(age_millis.unsigned_abs());
    if age_millis > 0 {
        format!("Created {span} before this computer's clock.")
    } else {
        format!("Dated {span} after this computer's clock: one of the two clocks is off.")
    }
}

/// Compares a header's value with the body field it repeats.
fn compare_with_body(
    header: &'static str,
    value: &str,
    body: &BodyFields,
    body_value: Option<&Field>,
    body_field: &str,
    agrees: &str,
) -> HeaderCheck {
    use CheckStatus::{Mismatch, Ok, Warning};
    let (status, message, expected) = match (body, body_value) {
        (BodyFields::NotJson { .. }, _) => {
            (Warning, format!("The body is not JSON, so this can't be compared with its {body_field}."), None)
        }
        (_, None) => {
            (Warning, format!("The body is JSON but not an object, so it has no {body_field} to compare with."), None)
        }
        (_, Some(Field::Absent)) => (
            Warning,
            format!("The body has no {body_field} field to compare with; Cobinar's deliveries always have one."),
            None,
        ),
        (_, Some(Field::NotText(json))) => {
            (Warning, format!("The body's {body_field} is {json}, not a string, so it can't be compared."), None)
        }
        (_, Some(Field::Text(expected))) if expected == value => (Ok, agrees.to_string(), Some(expected)),
        (_, Some(Field::Text(expected))) => (
            Mismatch,
            format!(
                "The header says \"{}\" but the body's {body_field} is \"{}\".",
                invisible::quoted(value),
                invisible::quoted(expected)
            ),
            Some(expected),
        ),
    };
    let check = HeaderCheck::new(header, status, message).received(value);
    match expected {
        Some(expected) => check.expected(expected),
        None => check,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_skews_read_naturally() {
        assert_eq!(describe_skew(500), "Created just now by this computer's clock.");
        assert_eq!(describe_skew(192_000), "Created 3 min 12 s before this computer's clock.");
        assert_eq!(describe_skew(-5_000), "Dated 5 s after this computer's clock: one of the two clocks is off.");
    }

    #[test]
    fn invisible_differences_are_said_with_the_code_point_and_place() {
        let body =
            BodyFields::read(br#"{"id":"e3a9\u00a0","event":"otp.verified","createdAt":"2026-07-03T14:22:10.000Z"}"#);
        let headers = ReceivedHeaders::from_pairs([
            ("x-cobinar-event", "otp.verified\u{200B}"),
            ("x-cobinar-event-id", "e3a9"),
            ("x-cobinar-timestamp", "2026-07-03T14:22:10.000Z\u{200B}"),
        ]);
        // A known event with a zero-width space: not "unknown", but what it looks like, and where.
        let event = check_event(&headers, &body);
        assert_eq!(event.status, CheckStatus::Malformed);
        assert_eq!(event.expected.as_deref(), Some("otp.verified"));
        assert!(
            event
                .message
                .starts_with("\"otp.verified⟨U+200B⟩\" is not a Cobinar event, though it looks like otp.verified."),
            "{}",
            event.message
        );
        assert!(
            event.message.ends_with("the received value has U+200B ZERO WIDTH SPACE at character 13."),
            "{}",
            event.message
        );
        // The body's side: a no-break space after the id.
        let id = check_event_id(&headers, &body);
        assert_eq!(id.status, CheckStatus::Mismatch);
        assert!(id.message.contains("the body's id is \"e3a9⟨U+00A0⟩\"."), "{}", id.message);
        assert!(id.message.contains("the expected value has U+00A0 NO-BREAK SPACE at character 5."), "{}", id.message);
        // A malformed value shown alone still names what cannot be seen in it.
        let timestamp = check_timestamp(&headers, &body, None);
        assert_eq!(timestamp.status, CheckStatus::Malformed);
        assert!(timestamp.message.contains("U+200B ZERO WIDTH SPACE at character 25"), "{}", timestamp.message);
        // Values that differ visibly get no such sentence.
        let plain = ReceivedHeaders::from_pairs([("x-cobinar-event", "otp.failed")]);
        assert!(!check_event(&plain, &body).message.contains("cannot see"));
    }

    #[test]
    fn every_character_of_the_shared_invisible_table_is_named_in_a_row() {
        let body = BodyFields::read(br#"{"id":"e3a9","event":"otp.verified","createdAt":"2026-07-03T14:22:10.000Z"}"#);
        for c in [
            '\u{2061}',
            '\u{2062}',
            '\u{2063}',
            '\u{2064}',
            '\u{034F}',
            '\u{061C}',
            '\u{180B}',
            '\u{180F}',
            '\u{FE00}',
            '\u{FE0F}',
            '\u{E0001}',
            '\u{E0FFF}',
            '\u{115F}',
            '\u{1160}',
            '\u{3164}',
            '\u{FFA0}',
            '\u{2065}',
        ] {
            let code = format!("U+{:04X}", u32::from(c));
            let headers = ReceivedHeaders::from_pairs([("x-cobinar-event", format!("otp.verified{c}").as_str())]);
            let event = check_event(&headers, &body);
            assert!(
                event.message.starts_with(&format!(
                    "\"otp.verified⟨{code}⟩\" is not a Cobinar event, though it looks like otp.verified."
                )),
                "{code}: {}",
                event.message
            );
            assert!(event.message.contains(&format!("{code} ")), "{code}: {}", event.message);
            assert!(!event.message.contains(c), "{code} raw in: {}", event.message);
        }
    }

    /// A header value of 256 KiB of spaces between two letters (a 718-character link makes one)
    /// is checked at once. Before, each space asked whether only spaces lay on one side of it:
    /// minutes for this value. A thread and a deadline, since the point is how long it takes.
    #[test]
    fn a_value_of_a_quarter_million_inner_spaces_is_checked_promptly() {
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let value = format!("a{}b", " ".repeat(256 * 1024));
            let body = BodyFields::read(br#"{"id":"e3a9","event":"otp.verified"}"#);
            let headers = ReceivedHeaders::from_pairs([
                ("x-cobinar-event-id", value.as_str()),
                ("x-cobinar-event", value.as_str()),
                ("x-cobinar-timestamp", value.as_str()),
            ]);
            let id = check_event_id(&headers, &body);
            let event = check_event(&headers, &body);
            let timestamp = check_timestamp(&headers, &body, None);
            let _ = done.send((id.status, event.status, timestamp.status));
        });
        let statuses = finished.recv_timeout(std::time::Duration::from_secs(30));
        assert_eq!(
            statuses,
            Ok((CheckStatus::Mismatch, CheckStatus::Malformed, CheckStatus::Malformed)),
            "not checked within 30 s"
        );
    }

    #[test]
    fn content_length_against_the_body() {
        let status = |pairs: &[(&str, &str)], len: usize| {
            check_content_length(&ReceivedHeaders::from_pairs(pairs.iter().copied()), len).map(|c| c.status)
        };
        assert_eq!(status(&[("x-cobinar-event", "otp.verified")], 10), None);
        assert_eq!(status(&[("Content-Length", "10")], 10), Some(CheckStatus::Ok));
        assert_eq!(status(&[("content-length", "0")], 0), Some(CheckStatus::Warning));
        assert_eq!(status(&[("content-length", "11")], 10), Some(CheckStatus::Mismatch));
        assert_eq!(status(&[("content-length", "9")], 10), Some(CheckStatus::Mismatch));
        assert_eq!(status(&[("content-length", "+10")], 10), Some(CheckStatus::Malformed));
        assert_eq!(status(&[("content-length", "")], 10), Some(CheckStatus::Malformed));
        assert_eq!(status(&[("content-length", "99999999999999999999999")], 10), Some(CheckStatus::Malformed));
        assert_eq!(status(&[("content-length", "10"), ("content-length", "10")], 10), Some(CheckStatus::Warning));
        assert_eq!(status(&[("content-length", "4"), ("content-encoding", "gzip")], 10), Some(CheckStatus::Warning));
        assert_eq!(
            status(&[("content-length", "4"), ("content-encoding", "identity")], 10),
            Some(CheckStatus::Mismatch)
        );
        let headers = ReceivedHeaders::from_pairs([("content-length", "12")]);
        let message = check_content_length(&headers, 10).map(|c| c.message).unwrap_or_default();
        assert!(message.contains("Says 12 bytes, but the body pasted has 10 bytes: this is not the body that was sent"));
    }
}
