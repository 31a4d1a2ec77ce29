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

/// Verifies a pasted delivery in one pass over the body (`BodyFacts::of`, then `verify_facts`).
/// The verdict is `Valid` only when the signature matches; other headers' problems never change
/// it, they fail their own checks and are counted in the summary.
pub fn verify(delivery: ReceivedDelivery<'_>) -> Verification {
    let ReceivedDelivery { secret, body, headers, now_unix_millis } = delivery;
    verify_facts(&BodyFacts::of(secret, body), headers, now_unix_millis)
}

/// The verdict and the header checks, from the facts of a body and secret.
pub fn verify_facts(facts: &BodyFacts, headers: &ReceivedHeaders, now_unix_millis: Option<i64>) -> Verification {
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
    let (verdict, summary) = verdict(mac.is_some(), *len, outcome.as_ref(), &checks);
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
        return (Verdict::Incomplete, format!("Paste {} to check this delivery.", join_and(&missing)));
    }
    let others = checks.iter().skip(1).filter(|check| check.status.is_problem()).count();
    let others = match others {
        0 => String::new(),
        1 => " But another header is wrong or missing: see below.".to_string(),
        n => format!(" But {n} other headers are wrong or missing: see below."),
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
                "Not genuine as pasted: the signature does not match these {} under this secret. Either the body is not byte-for-byte what Cobinar sent, or the secret is not this application's.{others}",
                plural(len, "byte")
            ),
        ),
    }
}
