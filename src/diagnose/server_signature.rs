//! "What your server computed": the value a receiver logs as "expected X, got Y", diagnosed
//! against the pasted body and secret with the same variants as the received header.
//!
//! Never: a computed signature in what it returns. The outcome and the findings name causes and
//! forms only, so a body from someone else's link cannot make the page show a new signature.

use crate::diagnose::diagnosis::{explain, read_received, Cause, Diagnosis, DigestForm, ReceivedDigest, Subject};
use crate::protocol::headers::{SIGNATURE, SIGNATURE_PREFIX};
use crate::protocol::limits;
use crate::protocol::text::unquoted;
use crate::verify::received_headers::ReceivedHeaders;
use crate::verify::signature;

/// What the server's value says, before any cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerOutcome {
    /// No secret or no body yet: nothing to compare with.
    Incomplete,
    /// Not a digest in any form a log shows.
    Unreadable,
    /// The right HMAC-SHA256 of this body under this secret: the server computes right.
    Correct,
    /// The delivery's own `x-cobinar-signature`, which this body and secret do not give.
    SameAsReceived,
    /// Something else: `causes` says what reproduces it (or `no-known-cause`).
    Explained,
    /// The body is larger than the page searches for this on its own thread (`plan`).
    TooLarge,
}

impl ServerOutcome {
    /// The stable name used in `data-outcome`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Incomplete => "incomplete",
            Self::Unreadable => "unreadable",
            Self::Correct => "correct",
            Self::SameAsReceived => "same-as-received",
            Self::Explained => "explained",
            Self::TooLarge => "too-large",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerDiagnosis {
    pub outcome: ServerOutcome,
    /// The outcome in a sentence or two.
    pub summary: String,
    /// The known mistakes that reproduce the value; empty unless `Explained`.
    pub causes: Vec<Diagnosis>,
}

impl ServerDiagnosis {
    fn said(outcome: ServerOutcome, summary: impl Into<String>) -> Self {
        ServerDiagnosis { outcome, summary: summary.into(), causes: Vec::new() }
    }
}

/// Whether the page diagnoses the server's value for a body of a given size. Only the page's
/// thread does it (the worker searches for the received header alone), and a search takes
/// about 0.5 s a MiB, so only bodies as small as those the header's causes are searched for in
/// place are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerPlan {
    /// On every change.
    InPlace,
    /// Not at all: `too_large` says so.
    TooLarge,
}

/// `InPlace` up to `limits::DIAGNOSE_IN_PLACE_UP_TO_BYTES`, the size up to which the received
/// header's causes are also searched in place; `TooLarge` above it.
pub fn plan(body_len: usize) -> ServerPlan {
    if body_len <= limits::DIAGNOSE_IN_PLACE_UP_TO_BYTES {
        ServerPlan::InPlace
    } else {
        ServerPlan::TooLarge
    }
}

/// What the page says instead of a diagnosis for a body `plan` calls too large.
pub fn too_large() -> ServerDiagnosis {
    ServerDiagnosis::said(
        ServerOutcome::TooLarge,
        format!(
            "Bodies over {} KiB are not searched for your server's mistakes here, so that the page stays responsive; the causes of the received signature still are.",
            limits::DIAGNOSE_IN_PLACE_UP_TO_BYTES / 1024
        ),
    )
}

/// Diagnoses `value`, what the person's server computed, against the secret, body and received
/// headers pasted. `None` when the value is blank: there is nothing to say.
///
/// Accepted as a log shows it: hex in either case, base64, with `sha256=` or another label,
/// Standard Webhooks' `v1,`, quotes and whitespace around it.
pub fn diagnose_server(secret: &str, body: &[u8], headers: &ReceivedHeaders, value: &str) -> Option<ServerDiagnosis> {
    let value = unwrap_log_value(value);
    if value.is_empty() {
        return None;
    }
    let value = value.strip_prefix("v1,").unwrap_or(value);
    if secret.is_empty() || body.is_empty() {
        return Some(ServerDiagnosis::said(
            ServerOutcome::Incomplete,
            "Enter the secret and the body as well: your server's value is checked against them.",
        ));
    }
    // A whole digest of one of the algorithms tried: anything shorter cannot be matched.
    let mut readings = read_received(value);
    readings.retain(|reading| [20, 32, 64].contains(&reading.bytes.len()));
    if readings.is_empty() {
        return Some(ServerDiagnosis::said(
            ServerOutcome::Unreadable,
            "This is not a whole signature: paste the digest your server computed, in hex or base64, with or without sha256=.",
        ));
    }
    let received: Vec<ReceivedDigest> =
        headers.get(SIGNATURE).map(|field| read_received(&field.value)).unwrap_or_default();
    let right = signature::hmac_sha256(secret.as_bytes(), body);
    if let Some(reading) = readings.iter().find(|r| r.bytes == right) {
        let header_right = received.iter().any(|d| d.is_canonical() && d.bytes == right);
        let mut summary = if header_right {
            "Your server computes the right signature, and this delivery carries it: if your server still rejects the delivery, the fault is in its comparison or in what it compares with (it must read x-cobinar-signature, the whole value, sha256= included).".to_string()
        } else {
            "Your server computes the right signature for this body and secret, the same as this page: it is right to reject this delivery, whose x-cobinar-signature does not match (see why above).".to_string()
        };
        if let Some(form) = form_note(reading) {
            summary.push(' ');
            summary.push_str(&form);
        }
        return Some(ServerDiagnosis::said(ServerOutcome::Correct, summary));
    }
    if readings.iter().any(|r| received.iter().any(|d| d.bytes == r.bytes)) {
        return Some(ServerDiagnosis::said(
            ServerOutcome::SameAsReceived,
            "This is the x-cobinar-signature the delivery carries, not what this body and secret give: your server compares the header with itself, or logged the header where it meant its own result.",
        ));
    }
    let causes = explain(secret, body, &readings, Some(headers), Subject::ServerValue);
    let summary = if causes.iter().all(|d| d.cause == Cause::NoKnownCause) {
        "Your server computes something other than the right signature for this body and secret, and none of the known mistakes reproduces it."
    } else {
        "Your server computes something other than the right signature for this body and secret. What reproduces it:"
    };
    Some(ServerDiagnosis { outcome: ServerOutcome::Explained, summary: summary.into(), causes })
}

/// The value without what a log or a copy puts around it: whitespace and matching quotes.
fn unwrap_log_value(value: &str) -> &str {
    let value = value.trim();
    unquoted(value, &['"', '\'', '`']).map_or(value, str::trim)
}

/// When the right digest is written in another form than the header's: what a string
/// comparison with the header then does.
fn form_note(reading: &ReceivedDigest) -> Option<String> {
    match reading.form() {
        DigestForm::Canonical | DigestForm::BareLowerHex => None,
        DigestForm::UpperHex => Some("It writes it in upper-case hex, and x-cobinar-signature is lower-case: compare the bytes, or lower-case hex strings, not these.".into()),
        DigestForm::Base64 => Some("It writes it in base64, and x-cobinar-signature is hex: a string comparison of the two always fails.".into()),
        DigestForm::OtherPrefix(prefix) => Some(format!("It labels it \"{prefix}\", and x-cobinar-signature starts with \"{SIGNATURE_PREFIX}\": a comparison of whole strings fails.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::base64;

    const SECRET: &str = "whsec_5f2b8c1d9e0a7f36";
    const BODY: &str = r#"{"id":"e1","event":"otp.verified","createdAt":"2026-07-03T14:22:10.000Z","payload":{"requestId":"r1","phone":"+999 482 918 102","verifiedAt":"2026-07-03T14:22:10.000Z"}}"#;

    fn headers(signature: &str) -> ReceivedHeaders {
        ReceivedHeaders::from_pairs([
            ("x-cobinar-signature", signature),
            ("x-cobinar-event-id", "e1"),
            ("x-cobinar-timestamp", "2026-07-03T14:22:10.000Z"),
        ])
    }

    fn hex_of(secret: &str, signed: &[u8]) -> String {
        hex::encode(signature::hmac_sha256(secret.as_bytes(), signed))
    }

    fn sha1_hex(secret: &str, signed: &[u8]) -> String {
        use hmac::{Hmac, Mac};
        let mut mac = <Hmac<sha1::Sha1> as hmac::digest::KeyInit>::new_from_slice(secret.as_bytes()).unwrap();
        mac.update(signed);
        hex::encode(mac.finalize().into_bytes())
    }

    /// (what the server logged, the delivery's signature header, outcome, causes in order)
    type Case = (String, String, ServerOutcome, Vec<Cause>);

    #[test]
    fn a_servers_value_is_diagnosed() {
        let right = signature::sign(SECRET.as_bytes(), BODY.as_bytes());
        let wrong_header = signature::sign(b"another secret", BODY.as_bytes());
        let right_hex = hex_of(SECRET, BODY.as_bytes());
        let cases: Vec<Case> = vec![
            // The server computes right, in every form a log shows it.
            (right.clone(), right.clone(), ServerOutcome::Correct, vec![]),
            (right_hex.clone(), wrong_header.clone(), ServerOutcome::Correct, vec![]),
            (format!("  \"{}\"\n", right_hex.to_uppercase()), right.clone(), ServerOutcome::Correct, vec![]),
            (
                base64::encode_standard(&signature::hmac_sha256(SECRET.as_bytes(), BODY.as_bytes())),
                right.clone(),
                ServerOutcome::Correct,
                vec![],
            ),
            // It logged the received header as its own.
            (wrong_header.clone(), wrong_header.clone(), ServerOutcome::SameAsReceived, vec![]),
            // The known mistakes, on the server's side.
            (
                hex_of(SECRET, b"[object Object]"),
                right.clone(),
                ServerOutcome::Explained,
                vec![Cause::BodyObjectCoerced],
            ),
            (hex_of(SECRET, b"Array"), right.clone(), ServerOutcome::Explained, vec![Cause::BodyObjectCoerced]),
            (
                hex_of(SECRET, format!("e1.1783088530.{BODY}").as_bytes()),
                right.clone(),
                ServerOutcome::Explained,
                vec![Cause::SignedContentScheme],
            ),
            (
                hex_of(SECRET, format!("1783088530.{BODY}").as_bytes()),
                right.clone(),
                ServerOutcome::Explained,
                vec![Cause::SignedContentScheme],
            ),
            (
                hex_of(SECRET, format!("e1.2026-07-03T14:22:10.000Z.{BODY}").as_bytes()),
                right.clone(),
                ServerOutcome::Explained,
                vec![Cause::SignedContentScheme],
            ),
            (
                hex_of(&format!("{SECRET}\n"), BODY.as_bytes()),
                right.clone(),
                ServerOutcome::Explained,
                vec![Cause::SecretWhitespace],
            ),
            (
                hex_of(SECRET, format!("{BODY}\n").as_bytes()),
                right.clone(),
                ServerOutcome::Explained,
                vec![Cause::BodyTrailingNewline],
            ),
            // Upper-case hex of a re-serialised body: the form is no cause on the server's side.
            (
                hex_of(SECRET, BODY.replace(',', ", ").replace("\":", "\": ").as_bytes()).to_uppercase(),
                right.clone(),
                ServerOutcome::Explained,
                vec![Cause::BodyReserialized],
            ),
            (
                sha1_hex(SECRET, BODY.as_bytes()),
                right.clone(),
                ServerOutcome::Explained,
                vec![Cause::SignatureAlgorithm],
            ),
            ("ab".repeat(32), right.clone(), ServerOutcome::Explained, vec![Cause::NoKnownCause]),
            ("not a signature".into(), right.clone(), ServerOutcome::Unreadable, vec![]),
        ];
        for (value, header, outcome, causes) in cases {
            let found = diagnose_server(SECRET, BODY.as_bytes(), &headers(&header), &value);
            let got = found.as_ref().map(|d| (d.outcome, d.causes.iter().map(|c| c.cause).collect::<Vec<_>>()));
            assert_eq!(got, Some((outcome, causes)), "{value:?}: {found:?}");
            // Every finding is about the server's value, not the header.
            for cause in found.iter().flat_map(|d| &d.causes) {
                assert!(
                    cause.finding.starts_with("Your server's value") || cause.cause == Cause::NoKnownCause,
                    "{cause:?}"
                );
            }
        }
    }

    #[test]
    fn standard_webhooks_keys_with_the_decoded_secret() {
        let key = base64::decode("5f2b8c1d9e0a7f36").unwrap_or_default();
        let digest = hex::encode(signature::hmac_sha256(&key, format!("e1.1783088530.{BODY}").as_bytes()));
        let value = format!("v1,{}", base64::encode_standard(&hex::decode(digest).unwrap_or_default()));
        let found = diagnose_server(SECRET, BODY.as_bytes(), &headers("sha256=00"), &value);
        let causes: Vec<Cause> = found.iter().flat_map(|d| d.causes.iter().map(|c| c.cause)).collect();
        assert_eq!(causes, [Cause::SignedContentScheme, Cause::SecretEncoding], "{found:?}");
    }

    #[test]
    fn no_computed_signature_is_ever_said() {
        let right_hex = hex_of(SECRET, BODY.as_bytes());
        for value in [right_hex.clone(), hex_of(SECRET, b"[object Object]"), "ab".repeat(32), "x".into()] {
            for header in [signature::sign(SECRET.as_bytes(), BODY.as_bytes()), String::new()] {
                let found = diagnose_server(SECRET, BODY.as_bytes(), &headers(&header), &value);
                let said = format!("{found:?}");
                assert!(!said.contains(&right_hex), "{said}");
                let as_base64 = base64::encode_standard(&signature::hmac_sha256(SECRET.as_bytes(), BODY.as_bytes()));
                assert!(!said.contains(&as_base64), "{said}");
            }
        }
    }

    #[test]
    fn bodies_over_64_kib_are_not_searched() {
        let cases = [(0, ServerPlan::InPlace), (64 * 1024, ServerPlan::InPlace), (64 * 1024 + 1, ServerPlan::TooLarge)];
        for (len, expected) in cases {
            assert_eq!(plan(len), expected, "{len}");
        }
        assert!(too_large().summary.contains("over 64 KiB"));
    }

    #[test]
    fn blank_incomplete_and_unbounded_input() {
        assert_eq!(diagnose_server(SECRET, BODY.as_bytes(), &headers(""), "  \n"), None);
        assert_eq!(diagnose_server(SECRET, BODY.as_bytes(), &headers(""), "''"), None);
        let outcome = |secret: &str, body: &str, value: &str| {
            diagnose_server(secret, body.as_bytes(), &headers(""), value).map(|d| d.outcome)
        };
        assert_eq!(outcome("", BODY, "ab"), Some(ServerOutcome::Incomplete));
        assert_eq!(outcome(SECRET, "", "ab"), Some(ServerOutcome::Incomplete));
        // Anything at all: no panic, an outcome.
        for value in ["=", "sha256=", "v1,", "\u{202E}ab", "sha256=sha256=zz", &"f".repeat(100_001), "\"", "é"] {
            assert!(outcome(SECRET, BODY, value).is_some(), "{value:?}");
        }
    }
}
