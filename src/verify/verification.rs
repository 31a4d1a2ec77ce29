//! The verifier: a secret, a body's bytes and the received headers in; a verdict and one check
//! per documented header out. The UI and the JavaScript API both call `verify` and only render.

use crate::protocol::events::{Event, EventStatus};
use crate::protocol::text::{join_and, plural};
use crate::verify::body::{BodyFields, Field};
use crate::verify::header_checks::{self, HeaderCheck, SignatureOutcome};
use crate::verify::received_headers::ReceivedHeaders;
use crate::verify::signature;

/// What a receiver got, as pasted into the verifier.
#[derive(Debug, Clone, Copy)]
pub struct ReceivedDelivery<'a> {
    /// The webhook secret, as UTF-8 text (Cobinar's example keys the HMAC with the string).
    pub secret: &'a str,
    /// The exact bytes of the body.
    pub body: &'a [u8],
    pub headers: &'a ReceivedHeaders,
    /// This computer's clock, for the timestamp's skew; `None` leaves the skew out.
    pub now_unix_millis: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The signature header is Cobinar's form and matches the body under the secret.
    Valid,
    /// The signature is malformed or does not match.
    Invalid,
    /// The secret, the body or the signature header is missing.
    Incomplete,
    /// A large body is being read off the page's thread; the verdict follows.
    Checking,
}

impl Verdict {
    /// The stable name used in `data-verdict` and the JS API.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Valid => "valid",
            Self::Invalid => "invalid",
            Self::Incomplete => "incomplete",
            Self::Checking => "checking",
        }
    }

    /// The verdict's headline, as the result panel and the verdict bar say it.
    pub fn headline(self) -> &'static str {
        match self {
            Self::Valid => "Valid signature",
            Self::Invalid => "Invalid signature",
            Self::Incomplete => "Waiting for input",
            Self::Checking => "Checking…",
        }
    }

    /// The mark shown before the headline where there is room for one: ✓ or ✕ once decided.
    pub fn mark(self) -> Option<&'static str> {
        match self {
            Self::Valid => Some("✓"),
            Self::Invalid => Some("✕"),
            Self::Incomplete | Self::Checking => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    pub verdict: Verdict,
    /// A sentence a person understands.
    pub summary: String,
    /// `sha256=<hex>` for the secret and body, when there is a secret to sign with.
    pub expected_signature: Option<String>,
    /// One check per documented header, in the documentation's order; then `content-length`
    /// when the pasted headers carry it.
    pub checks: Vec<HeaderCheck>,
    /// Why this is not something Cobinar sends (a reserved event, an OTP code in the payload),
    /// whatever the signature says.
    pub not_from_cobinar: Vec<String>,
}

impl Verification {
    /// What the page shows while its worker verifies a large body.
    pub fn checking(body_len: usize) -> Self {
        Self {
            verdict: Verdict::Checking,
            summary: format!("Checking the {}…", crate::protocol::text::plural(body_len, "byte")),
            expected_signature: None,
            checks: Vec::new(),
            not_from_cobinar: Vec::new(),
        }
    }
}

/// What verifying needs of the body and the secret: the part whose cost grows with the body.
/// For a large body the page's worker works it out and sends it back, and the page judges the
/// headers against it (`verify_facts`), so editing the headers needs no second pass over the body.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BodyFacts {
    pub len: usize,
    /// The body's MAC under the secret; `None` when there is no secret.
    pub mac: Option<signature::Mac>,
    pub fields: BodyFields,
}

impl BodyFacts {
    /// One pass of the MAC and one read of the JSON.
    pub fn of(secret: &str, body: &[u8]) -> Self {
        Self {
            len: body.len(),
            mac: (!secret.is_empty()).then(|| signature::Mac::new(secret.as_bytes(), body)),
            fields: BodyFields::read(body),
        }
    }
}

/// Whose words a verification is in. The page's point at its own fields and panels ("as pasted",
/// "see below"); the command's (`webhook-echo verify`) stand alone on a terminal, where the body
/// came from a file and the headers from arguments or a request file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Wording {
    #[default]
    Page,
    Command,
}

/// Verifies a pasted delivery in one pass over the body (`BodyFacts::of`, then `verify_facts`).
/// The verdict is `Valid` only when the signature matches; other headers' problems never change
/// it, they fail their own checks and are counted in the summary.
pub fn verify(delivery: ReceivedDelivery<'_>) -> Verification {
    verify_in(delivery, Wording::Page)
}

/// `verify`, its sentences in `wording`'s words.
pub fn verify_in(delivery: ReceivedDelivery<'_>, wording: Wording) -> Verification {
    let ReceivedDelivery { secret, body, headers, now_unix_millis } = delivery;
    verify_facts_in(&BodyFacts::of(secret, body), headers, now_unix_millis, wording)
}

/// The verdict and the header checks, from the facts of a body and secret.
pub fn verify_facts(facts: &BodyFacts, headers: &ReceivedHeaders, now_unix_millis: Option<i64>) -> Verification {
    verify_facts_in(facts, headers, now_unix_millis, Wording::Page)
}

/// The page's phrases in the header checks, and the command's for each. The checks are written
/// once, for the page; the command says the same without pointing at a paste.
const COMMAND_PHRASES: [(&str, &str); 5] = [
    ("Not among the pasted headers;", "Not among the headers given;"),
    ("Well-formed; paste the ", "Well-formed; give the "),
    (
        "No body is pasted to compare it with: paste the body these headers came with.",
        "The body is empty, so there is nothing to compare it with: give the body these headers came with.",
    ),
    ("the body pasted is as long as", "the body given is as long as"),
    ("but the body pasted has", "but the body given has"),
];

fn in_command_words(text: &mut String) {
    for (page, command) in COMMAND_PHRASES {
        if text.contains(page) {
            *text = text.replace(page, command);
        }
    }
}

/// `verify_facts`, its sentences in `wording`'s words.
pub fn verify_facts_in(
    facts: &BodyFacts,
    headers: &ReceivedHeaders,
    now_unix_millis: Option<i64>,
    wording: Wording,
) -> Verification {
    let BodyFacts { len, mac, fields } = facts;
    let expected_signature = mac.as_ref().map(signature::Mac::header);
    let outcome =
        headers.get(crate::protocol::headers::SIGNATURE).map(|field| match signature::parse_header(&field.value) {
            Err(malformed) => SignatureOutcome::Malformed(malformed),
            Ok(_) if *len == 0 && mac.is_some() => SignatureOutcome::Unchecked { missing: "body" },
            Ok(digest) => match mac {
                None => SignatureOutcome::Unchecked { missing: "webhook secret" },
                Some(mac) if mac.verifies(&digest) => SignatureOutcome::Matches,
                Some(_) => SignatureOutcome::DoesNotMatch,
            },
        });
    let mut checks = vec![
        header_checks::check_signature(headers, outcome.as_ref(), expected_signature.as_deref(), *len),
        header_checks::check_event(headers, fields),
        header_checks::check_event_id(headers, fields),
        header_checks::check_timestamp(headers, fields, now_unix_millis),
    ];
    checks.extend(header_checks::check_content_length(headers, *len));
    if wording == Wording::Command {
        for check in &mut checks {
            in_command_words(&mut check.message);
            check.notes.iter_mut().for_each(in_command_words);
        }
    }
    let (verdict, summary) = verdict(mac.is_some(), *len, outcome.as_ref(), &checks, wording);
    let not_from_cobinar = not_from_cobinar(headers, fields);
    Verification { verdict, summary, expected_signature, checks, not_from_cobinar }
}

fn not_from_cobinar(headers: &ReceivedHeaders, fields: &BodyFields) -> Vec<String> {
    let mut reasons = Vec::new();
    let body_event = match fields.event() {
        Some(Field::Text(event)) => Some(event.as_str()),
        _ => None,
    };
    let header_event = headers.get(crate::protocol::headers::EVENT).map(|f| f.value.as_str());
    let mut named: Vec<&str> = header_event.into_iter().chain(body_event).collect();
    named.dedup();
    for name in named {
        if Event::from_name(name).is_some_and(|e| e.status() == EventStatus::Reserved) {
            reasons.push(format!("{name} is a reserved event: Cobinar does not deliver it today."));
        }
    }
    if let BodyFields::Object { otp_like, .. } = fields {
        for field in &otp_like.fields {
            reasons.push(format!(
                "{field} looks like an OTP code: Cobinar never puts the code in a webhook payload, under any event."
            ));
        }
        if otp_like.more > 0 {
            let (count, verb) = match otp_like.more {
                1 => ("1 more field".to_string(), "looks"),
                n => (format!("{} more fields", crate::protocol::text::grouped(n)), "look"),
            };
            reasons.push(format!("{count} {verb} like an OTP code, not listed here."));
        }
    }
    reasons
}

fn verdict(
    has_secret: bool,
    len: usize,
    outcome: Option<&SignatureOutcome>,
    checks: &[HeaderCheck],
    wording: Wording,
) -> (Verdict, String) {
    let missing: Vec<&str> = [
        (!has_secret, "the webhook secret"),
        (len == 0, "the body"),
        (outcome.is_none(), "the x-cobinar-signature header"),
    ]
    .into_iter()
    .filter_map(|(absent, what)| absent.then_some(what))
    .collect();
    if !missing.is_empty() {
        let said = match wording {
            Wording::Page => format!("Paste {} to check this delivery.", join_and(&missing)),
            Wording::Command => format!("Give {} to check this delivery.", join_and(&missing)),
        };
        return (Verdict::Incomplete, said);
    }
    let wrong: Vec<&str> =
        checks.iter().skip(1).filter(|check| check.status.is_problem()).map(|check| check.header).collect();
    let others = match (wording, wrong.len()) {
        (_, 0) => String::new(),
        (Wording::Page, 1) => " But another header is wrong or missing: see below.".to_string(),
        (Wording::Page, n) => format!(" But {n} other headers are wrong or missing: see below."),
        // The command names them: its header rows follow, but a line is often read alone.
        (Wording::Command, 1) => format!(" But {} is wrong or missing too.", join_and(&wrong)),
        (Wording::Command, _) => format!(" But {} are wrong or missing too.", join_and(&wrong)),
    };
    let as_pasted = match wording {
        Wording::Page => " as pasted",
        Wording::Command => "",
    };
    match outcome {
        Some(SignatureOutcome::Matches) => (
            Verdict::Valid,
            format!("Genuine: the signature matches these {} under this secret.{others}", plural(len, "byte")),
        ),
        Some(SignatureOutcome::Malformed(why)) => {
            (Verdict::Invalid, format!("Not verified: the signature header is malformed ({why}).{others}"))
        }
        _ => (
            Verdict::Invalid,
            format!(
                "Not genuine{as_pasted}: the signature does not match these {} under this secret. Either the body is not byte-for-byte what Cobinar sent, or the secret is not this application's.{others}",
                plural(len, "byte")
            ),
        ),
    }
}

#[cfg(test)]
mod wording_tests {
    use super::*;
    use crate::verify::received_headers;

    /// The command's words never point at a paste or at the page's panels; the page's stay as
    /// they were.
    #[test]
    fn the_command_speaks_its_own_words_and_the_page_keeps_its_own() {
        let secret = "whsec_words";
        let body = br#"{"id":"evt_1","event":"otp.verified","createdAt":"2026-07-03T14:22:10.000Z","payload":{}}"#;
        let good = signature::sign(secret.as_bytes(), body);
        let cases = [
            // A wrong signature, and two other headers wrong.
            format!("x-cobinar-signature: sha256={}\nx-cobinar-event: otp.failed\ncontent-length: 3\n", "0".repeat(64)),
            // A genuine signature, one other header wrong, one missing.
            format!("x-cobinar-signature: {good}\nx-cobinar-event: otp.failed\n"),
            // No signature at all.
            "x-cobinar-event: otp.verified\n".to_string(),
        ];
        for lines in &cases {
            let headers = received_headers::parse(lines);
            for (body, secret) in [(&body[..], secret), (&b""[..], secret)] {
                let delivery = ReceivedDelivery { secret, body, headers: &headers, now_unix_millis: None };
                let command = verify_in(delivery, Wording::Command);
                let mut said = vec![command.summary.clone()];
                for check in &command.checks {
                    said.push(check.message.clone());
                    said.extend(check.notes.iter().cloned());
                }
                for sentence in &said {
                    let lower = sentence.to_lowercase();
                    for page_only in ["see below", "as pasted", "paste", "pasted", "above"] {
                        assert!(!lower.contains(page_only), "{page_only:?} in {sentence:?}");
                    }
                }
                let page = verify(delivery);
                assert_eq!(page.verdict, command.verdict);
                assert_eq!(page.checks.len(), command.checks.len());
            }
        }
        let headers = received_headers::parse(&cases[0]);
        let delivery = ReceivedDelivery { secret, body, headers: &headers, now_unix_millis: None };
        let page = verify(delivery).summary;
        assert!(
            page.starts_with("Not genuine as pasted:")
                && page.ends_with("4 other headers are wrong or missing: see below."),
            "{page}"
        );
        let command = verify_in(delivery, Wording::Command).summary;
        assert!(command.starts_with("Not genuine: the signature does not match"), "{command}");
        assert!(command.ends_with(" But x-cobinar-event, x-cobinar-event-id, x-cobinar-timestamp and content-length are wrong or missing too."), "{command}");
    }
}
