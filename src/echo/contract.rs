//! A receiver's contract with Cobinar, case by case: which deliveries `webhook-echo check` sends
//! (`probes`), and what each answer means (`judge`), with the cause and the fix when it fails.
//! Also what every delivery the command-line tool makes carries to say it is a test
//! (`test_delivery`), and which endpoints it may send to without asking (`endpoint::is_local`).
//!
//! Plain data in, plain data out: the deliveries come from `delivery::generate`, the clock and the
//! randomness are arguments, and the HTTP round trips are the caller's (src/cli).

use serde::{Deserialize, Serialize};

use crate::diagnose::diagnosis::Cause;
use crate::diagnose::fixes;
use crate::echo::delivery::{generate, Delivery, SignedDelivery, ENTROPY_LEN};
pub use crate::echo::replay::STALE_AGE_MILLIS;
use crate::echo::replay::{self, Request};
use crate::echo::retry::{NetworkAnswer, TIMEOUT_MILLIS};
use crate::protocol::events::Event;
use crate::protocol::headers::TIMESTAMP;
use crate::protocol::text::{measured, plural, seconds};
use crate::protocol::wire;
use crate::share::fixture::{CaseFields, Expect, Tamper};
use crate::stacks::Choice;
use crate::verify::timestamp::format_utc_millis;

/// What every `requestId` the tool sends starts with, so that a receiver (or a person reading
/// its logs) can tell a test from a real OTP event.
pub const TEST_REQUEST_PREFIX: &str = "webhook-echo-test-";
/// Above this, `slow` warns: a receiver should answer at once and work afterwards.
pub const SLOW_WARN_MILLIS: u64 = 2_000;
/// The reserved event the `reserved-event` case sends.
const RESERVED_EVENT: Event = Event::IdentityCreated;

/// A delivery made by the core, marked as a test where its payload has a `requestId`: the same
/// bytes Cobinar would send otherwise, the id keeping its UUID after the prefix.
pub fn test_delivery(event: Event, now_unix_millis: i64, entropy: &[u8; ENTROPY_LEN]) -> Delivery {
    let delivery = generate(event, now_unix_millis, entropy);
    let key = "\"requestId\":\"";
    let body = match delivery.body.find(key) {
        Some(at) => {
            let (before, after) = delivery.body.split_at(at + key.len());
            format!("{before}{TEST_REQUEST_PREFIX}{after}")
        }
        None => delivery.body.clone(),
    };
    Delivery { body, ..delivery }
}

/// The cases, in the order they are sent and reported. Their names (`as_str`) are stable:
/// serde's, from the attributes here (`wire`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CaseId {
    #[serde(rename = "genuine-otp.created")]
    GenuineOtpCreated,
    #[serde(rename = "genuine-otp.verified")]
    GenuineOtpVerified,
    #[serde(rename = "genuine-otp.failed")]
    GenuineOtpFailed,
    #[serde(rename = "genuine-otp.expired")]
    GenuineOtpExpired,
    Duplicate,
    TamperedBody,
    WrongSecret,
    MissingSignature,
    ReserializedBody,
    TrailingNewline,
    /// 2xx passes; a refusal (another status below 500) warns; an error (5xx) fails.
    ReservedEvent,
    StaleDelivery,
    /// Stays last: `ALL`'s test counts on it.
    Slow,
}

impl CaseId {
    pub const ALL: [Self; 13] = [
        Self::GenuineOtpCreated,
        Self::GenuineOtpVerified,
        Self::GenuineOtpFailed,
        Self::GenuineOtpExpired,
        Self::Duplicate,
        Self::TamperedBody,
        Self::WrongSecret,
        Self::MissingSignature,
        Self::ReserializedBody,
        Self::TrailingNewline,
        Self::ReservedEvent,
        Self::StaleDelivery,
        Self::Slow,
    ];

    /// The case's stable name, as `webhook-echo check` reports it (`--json` and JUnit
    /// included) and a fixture's `tamper` names it.
    pub fn as_str(self) -> &'static str {
        wire::name(&self)
    }

    /// The case whose name (`as_str`) is exactly `name`; `None` for any other text.
    pub fn from_name(name: &str) -> Option<Self> {
        wire::from_name(name)
    }

    /// What the case sends, in a few words.
    pub fn sends(self) -> &'static str {
        match self {
            Self::GenuineOtpCreated | Self::GenuineOtpVerified | Self::GenuineOtpFailed | Self::GenuineOtpExpired => {
                "a genuine delivery"
            }
            Self::Duplicate => "the genuine otp.verified delivery again, as a retry",
            Self::TamperedBody => "a body changed after signing",
            Self::WrongSecret => "a delivery signed with another secret",
            Self::MissingSignature => "a delivery without x-cobinar-signature",
            Self::ReserializedBody => "the same JSON written again (2-space indent) under the original signature",
            Self::TrailingNewline => "the signed body with a newline added",
            Self::ReservedEvent => "a genuine identity.created delivery (reserved, not delivered today)",
            Self::StaleDelivery => {
                "a genuine delivery signed a day ago, with a new event id and a fresh timestamp header"
            }
            Self::Slow => "a genuine delivery, timed",
        }
    }

    /// The change after signing this case makes, by the name a fixture's `tamper` gives it.
    pub fn tamper(self) -> Option<Tamper> {
        Tamper::ALL.into_iter().find(|t| t.name() == self.as_str())
    }

    /// Which case must have been sent, and answered, before this one.
    pub fn after(self) -> Option<Self> {
        match self {
            Self::Duplicate => Some(Self::GenuineOtpVerified),
            _ => None,
        }
    }
}

/// One request of `check`: the exact body bytes and headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    pub case: CaseId,
    pub body: Vec<u8>,
    pub headers: Vec<(String, String)>,
}

impl Probe {
    fn of(case: CaseId, signed: SignedDelivery) -> Self {
        let headers = signed.headers.into_iter().map(|(n, v)| (n.to_string(), v)).collect();
        Self { case, body: signed.body.into_bytes(), headers }
    }

    /// The same request, changed after signing as `tamper` says (`replay::after_signing`, which
    /// a fixture's `tamper` uses too).
    fn tampered(self, tamper: Tamper, secret: &str) -> Self {
        let mut request = Request { body: self.body, headers: self.headers };
        replay::after_signing(&mut request, tamper, secret);
        Self { case: self.case, body: request.body, headers: request.headers }
    }
}

/// The requests of every case, in `CaseId::ALL`'s order. `entropy` is called once a delivery;
/// each case gets a delivery (and event id) of its own but `duplicate`, which repeats
/// `genuine-otp.verified` exactly.
pub fn probes(secret: &str, now_unix_millis: i64, mut entropy: impl FnMut() -> [u8; ENTROPY_LEN]) -> Vec<Probe> {
    let mut fresh = |event: Event, at: i64| test_delivery(event, at, &entropy());
    let mut out = Vec::with_capacity(CaseId::ALL.len());
    let mut verified = None;
    for case in CaseId::ALL {
        let genuine = |event| Probe::of(case, event);
        let probe = match case {
            CaseId::GenuineOtpCreated => genuine(fresh(Event::OtpCreated, now_unix_millis).signed(secret)),
            CaseId::GenuineOtpVerified => {
                let signed = fresh(Event::OtpVerified, now_unix_millis).signed(secret);
                verified = Some(signed.clone());
                genuine(signed)
            }
            CaseId::GenuineOtpFailed => genuine(fresh(Event::OtpFailed, now_unix_millis).signed(secret)),
            CaseId::GenuineOtpExpired => genuine(fresh(Event::OtpExpired, now_unix_millis).signed(secret)),
            CaseId::Duplicate => match verified.clone() {
                Some(signed) => genuine(signed),
                None => genuine(fresh(Event::OtpVerified, now_unix_millis).signed(secret)),
            },
            CaseId::ReservedEvent => genuine(fresh(RESERVED_EVENT, now_unix_millis).signed(secret)),
            CaseId::StaleDelivery => {
                // As a replay would come: the body signed a day ago, the unsigned timestamp
                // header made fresh. Only a receiver that reads the signed createdAt rejects it.
                let mut signed = fresh(Event::OtpVerified, now_unix_millis - STALE_AGE_MILLIS).signed(secret);
                for (name, value) in &mut signed.headers {
                    if *name == TIMESTAMP {
                        *value = format_utc_millis(now_unix_millis);
                    }
                }
                genuine(signed)
            }
            CaseId::Slow => genuine(fresh(Event::OtpVerified, now_unix_millis).signed(secret)),
            CaseId::TamperedBody
            | CaseId::WrongSecret
            | CaseId::MissingSignature
            | CaseId::ReserializedBody
            | CaseId::TrailingNewline => {
                let signed = genuine(fresh(Event::OtpVerified, now_unix_millis).signed(secret));
                match case.tamper() {
                    Some(tamper) => signed.tampered(tamper, secret),
                    None => signed,
                }
            }
        };
        out.push(probe);
    }
    out
}

/// What came back for one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Status(u16),
    /// No answer within the 8 s timeout.
    TimedOut,
    /// No connection, or the connection broke: what the client said.
    Unreachable(String),
}

impl From<&Answer> for NetworkAnswer {
    /// What the answer was, the client's words for a failure left behind: what the retry
    /// policy counts (`EndpointResponse::of_answer`).
    fn from(answer: &Answer) -> Self {
        match answer {
            Answer::Status(status) => Self::Status(*status),
            Answer::TimedOut => Self::TimedOut,
            Answer::Unreachable(_) => Self::Unreachable,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Pass,
    Warn,
    Fail,
}

impl Outcome {
    /// The stable lower-case name, the same one `--json` writes (`wire`).
    pub fn as_str(self) -> &'static str {
        wire::name(&self)
    }
}

/// Which case a result is of: one of the contract's, or a fixture of the reader's, by its file
/// name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum CaseRef {
    Contract(CaseId),
    Fixture(String),
}

impl CaseRef {
    /// The id reports give it: the case's name, or `fixture:<file name>`.
    pub fn id(&self) -> String {
        match self {
            Self::Contract(case) => case.as_str().to_string(),
            Self::Fixture(name) => format!("fixture:{name}"),
        }
    }
}

/// One case's result: the report card's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseResult {
    pub case: CaseRef,
    pub outcome: Outcome,
    pub status: Option<u16>,
    pub millis: u64,
    /// What happened, in a sentence.
    pub message: String,
    /// Why, and how to fix the receiver: for a warning or a failure.
    pub cause: Option<String>,
    pub fix: Option<String>,
    /// The start of the answer's body, already made safe to show (the command's `term::value`),
    /// where a refusal says why: set by the caller, which holds the bytes.
    pub answer: Option<String>,
}

fn is_2xx(status: u16) -> bool {
    (200..300).contains(&status)
}

/// A result of `case` for `answer`, with the message and, for a warning or failure, the cause and
/// the fix.
fn result_of(case: CaseRef, answer: &Answer, millis: u64, outcome: Outcome, message: String) -> CaseResult {
    CaseResult {
        case,
        outcome,
        status: match answer {
            Answer::Status(status) => Some(*status),
            Answer::TimedOut | Answer::Unreachable(_) => None,
        },
        millis,
        message,
        cause: None,
        fix: None,
        answer: None,
    }
}

fn with(mut r: CaseResult, cause: &str, fix: &str) -> CaseResult {
    r.cause = Some(cause.to_string());
    r.fix = Some(fix.to_string());
    r
}

/// The status to judge, or the failure when there is none: no connection, or no answer within
/// the timeout.
fn status_of(case: &CaseRef, answer: &Answer, millis: u64) -> Result<u16, Box<CaseResult>> {
    let failed = |message| result_of(case.clone(), answer, millis, Outcome::Fail, message);
    match answer {
        Answer::Unreachable(why) => Err(Box::new(with(
            failed(format!("No connection: {why}.")),
            "The receiver is not running at this URL, or refused the connection.",
            "Start the receiver, and check the URL's host, port and path.",
        ))),
        Answer::TimedOut => Err(Box::new(with(
            failed(format!("No answer within {}: Cobinar counts the attempt as failed and retries.", seconds(TIMEOUT_MILLIS))),
            "The receiver works before it answers, or hangs.",
            "Answer 2xx as soon as the signature is checked and the event id recorded; do the work afterwards (a queue, a background job).",
        ))),
        Answer::Status(status) => Ok(*status),
    }
}

/// What `answer`, after `millis`, means for `case`.
pub fn judge(case: CaseId, answer: &Answer, millis: u64, choice: Choice) -> CaseResult {
    let result =
        |outcome: Outcome, message: String| result_of(CaseRef::Contract(case), answer, millis, outcome, message);
    let status = match status_of(&CaseRef::Contract(case), answer, millis) {
        Ok(status) => status,
        Err(failed) => return *failed,
    };
    let took = measured(millis);
    match case {
        CaseId::GenuineOtpCreated
        | CaseId::GenuineOtpVerified
        | CaseId::GenuineOtpFailed
        | CaseId::GenuineOtpExpired => {
            if is_2xx(status) {
                result(Outcome::Pass, format!("Accepted a genuine delivery: {status} in {took}."))
            } else if status == 401 {
                with(
                    result(Outcome::Fail, format!("Rejected a genuine delivery with {status}.")),
                    "The receiver verifies with another secret than the one given here, or hashes something other than the raw body.",
                    &Cause::NoKnownCause.fix_in(choice),
                )
            } else {
                with(
                    result(Outcome::Fail, format!("Answered {status} to a genuine delivery: Cobinar would retry it, then record it as failed.")),
                    "The receiver errors on this event.",
                    "Answer 2xx to every genuine delivery, including events you do not act on.",
                )
            }
        }
        CaseId::Duplicate => {
            if is_2xx(status) {
                result(Outcome::Pass, format!("Acknowledged the retry with {status}."))
            } else {
                with(
                    result(Outcome::Fail, format!("Answered {status} to a retry of a delivery it had accepted.")),
                    "A retry carries the same x-cobinar-event-id; treating it as an error makes Cobinar retry again and record the delivery as failed.",
                    "Deduplicate by x-cobinar-event-id: when the id was already handled, answer 2xx and do nothing.",
                )
            }
        }
        CaseId::TamperedBody
        | CaseId::WrongSecret
        | CaseId::MissingSignature
        | CaseId::ReserializedBody
        | CaseId::TrailingNewline => {
            if is_2xx(status) {
                let (cause, fix) = forgery_cause(case, choice);
                with(result(Outcome::Fail, format!("Accepted {} with {status}.", case.sends())), &cause, &fix)
            } else if status == 401 {
                result(Outcome::Pass, format!("Rejected it with {status}."))
            } else {
                with(
                    result(Outcome::Warn, format!("Rejected it, but with {status} rather than 401.")),
                    "A bad signature is the sender's fault, not the receiver's.",
                    "Answer 401 when the signature does not match, so that logs and Cobinar's console say why.",
                )
            }
        }
        CaseId::ReservedEvent => {
            if is_2xx(status) {
                result(Outcome::Pass, format!("Acknowledged an event it does not handle with {status}."))
            } else if status >= 500 {
                // An error, not a choice: the receiver breaks on an event it does not know.
                with(
                    result(Outcome::Fail, format!("Errored with {status} on a genuine delivery of a reserved event.")),
                    "The receiver fails on an event it does not handle; when Cobinar starts delivering it, every delivery is retried and recorded as failed.",
                    "Answer 2xx to events you do not handle, after the signature check (a default branch that does nothing).",
                )
            } else {
                with(
                    result(Outcome::Warn, format!("Answered {status} to a genuine delivery of a reserved event.")),
                    "Cobinar may start delivering reserved events; a receiver that errors on one makes Cobinar retry it and record it as failed.",
                    "Answer 2xx to events you do not handle, after the signature check.",
                )
            }
        }
        CaseId::StaleDelivery => {
            if is_2xx(status) {
                with(
                    result(Outcome::Warn, format!("Accepted a delivery signed a day ago, with {status}.")),
                    "Neither the timestamp nor the event id is signed: a captured delivery can be replayed with a new event id, and only its signed createdAt gives it away.",
                    "After the signature check, reject deliveries whose body's createdAt is more than a few minutes from now.",
                )
            } else {
                result(Outcome::Pass, format!("Rejected a delivery signed a day ago, with {status}."))
            }
        }
        CaseId::Slow => {
            if millis >= TIMEOUT_MILLIS {
                with(
                    result(
                        Outcome::Fail,
                        format!("Answered after {took}: past Cobinar's {} timeout.", seconds(TIMEOUT_MILLIS)),
                    ),
                    "The receiver works before it answers.",
                    "Answer 2xx as soon as the signature is checked and the event id recorded; do the work afterwards.",
                )
            } else if millis > SLOW_WARN_MILLIS {
                with(
                    result(
                        Outcome::Warn,
                        format!("Answered in {took}: close to Cobinar's {} timeout.", seconds(TIMEOUT_MILLIS)),
                    ),
                    "A slow answer under load becomes a timeout, and a retry.",
                    "Answer 2xx as soon as the signature is checked and the event id recorded; do the work afterwards.",
                )
            } else {
                result(Outcome::Pass, format!("Answered in {took}."))
            }
        }
    }
}

/// What `answer`, after `millis`, means for the fixture named `name` with these case fields,
/// replayed as `webhook-echo replay` does: what the fixture expects (`CaseFields::expected`)
/// is what passes; a refusal of a fixture expected accepted, or an acceptance of one expected
/// refused, fails with the cause its tamper names.
pub fn judge_fixture(name: &str, fields: CaseFields, answer: &Answer, millis: u64, choice: Choice) -> CaseResult {
    let case = CaseRef::Fixture(name.to_string());
    let result = |outcome: Outcome, message: String| result_of(case.clone(), answer, millis, outcome, message);
    let status = match status_of(&case, answer, millis) {
        Ok(status) => status,
        Err(failed) => return *failed,
    };
    let took = measured(millis);
    let what = match fields.tamper {
        Some(tamper) => format!("the fixture re-signed, then changed ({})", tamper.name()),
        None => "the fixture re-signed".to_string(),
    };
    match (fields.expected(), is_2xx(status)) {
        (Expect::Accept, true) => result(Outcome::Pass, format!("Accepted {what}: {status} in {took}.")),
        (Expect::Accept, false) if status == 401 => with(
            result(Outcome::Fail, format!("Rejected {what} with {status}; the fixture expects it accepted.")),
            "The receiver verifies with another secret than the one given here, or hashes something other than the raw body.",
            &Cause::NoKnownCause.fix_in(choice),
        ),
        (Expect::Accept, false) => with(
            result(Outcome::Fail, format!("Answered {status} to {what}; the fixture expects it accepted: Cobinar would retry it, then record it as failed.")),
            "The receiver errors on this delivery: its event or payload is one the receiver does not handle.",
            "Answer 2xx to every genuine delivery, including events and payloads you do not act on; log what you could not handle.",
        ),
        (Expect::Reject, false) => result(Outcome::Pass, format!("Rejected {what} with {status}, as the fixture expects.")),
        (Expect::Reject, true) => {
            let message = format!("Accepted {what} with {status}; the fixture expects it rejected.");
            let (cause, fix) = match fields.tamper {
                Some(Tamper::StaleDelivery) => (
                    "Neither the timestamp nor the event id is signed: a captured delivery can be replayed with a new event id, and only its signed createdAt gives it away.".to_string(),
                    "After the signature check, reject deliveries whose body's createdAt is more than a few minutes from now.".to_string(),
                ),
                Some(tamper) => {
                    let case = CaseId::ALL.into_iter().find(|c| c.tamper() == Some(tamper)).unwrap_or(CaseId::TamperedBody);
                    forgery_cause(case, choice)
                }
                None => (
                    "The fixture says this delivery must be rejected, and it was sent re-signed under the secret given, so its signature holds: what makes it a rejection is in its bytes (its note says why), and the receiver accepted them.".to_string(),
                    "Reject what the fixture's note describes; to send the captured bytes unchanged, replay it with --as-captured.".to_string(),
                ),
            };
            with(result(Outcome::Fail, message), &cause, &fix)
        }
    }
}

/// The failure of a fixture that could not be read or replayed: listed with the rest, so that
/// one bad file in a folder is named and the others still run.
pub fn unreadable_fixture(name: &str, why: &str) -> CaseResult {
    let unsent = CaseResult {
        case: CaseRef::Fixture(name.to_string()),
        outcome: Outcome::Fail,
        status: None,
        millis: 0,
        message: format!("Not sent: {why}"),
        cause: None,
        fix: None,
        answer: None,
    };
    with(
        unsent,
        "The fixture file is not one webhook-echo can read.",
        "Write it again with webhook-echo (listen --save, fixture new, or the page's Save as a file), or correct the field named.",
    )
}

/// Why a receiver accepted a forgery, and the fix, in the words of the reader's stack.
fn forgery_cause(case: CaseId, choice: Choice) -> (String, String) {
    match case {
        CaseId::ReserializedBody => (
            format!(
                "The receiver verifies the JSON written again after parsing (as {}), not the bytes received: so it accepts any body with the same value, and rejects genuine bodies written otherwise.",
                fixes::reparsed(choice)
            ),
            Cause::BodyReserialized.fix_in(choice),
        ),
        CaseId::TrailingNewline => (
            "The receiver trims or re-reads the body before verifying it, so bytes that were not signed pass.".into(),
            Cause::BodyWhitespace.fix_in(choice),
        ),
        CaseId::MissingSignature => (
            "The receiver does not require x-cobinar-signature: anyone can post to it.".into(),
            "Reject a delivery without x-cobinar-signature with 401, before anything else.".to_string(),
        ),
        CaseId::WrongSecret => (
            "The receiver accepts a signature made with another secret: it does not compare the signature, or compares it wrongly.".into(),
            "Compute HMAC-SHA256 of the raw body with your webhook secret and compare \"sha256=\" + its hex with the header, in constant time; answer 401 when they differ.".to_string(),
        ),
        _ => (
            "The receiver does not check the signature against the body it received.".into(),
            "Compute HMAC-SHA256 of the raw body with your webhook secret and compare \"sha256=\" + its hex with the header, in constant time; answer 401 when they differ.".to_string(),
        ),
    }
}

/// Whether any case failed: the command's exit code.
pub fn any_failed(results: &[CaseResult]) -> bool {
    results.iter().any(|r| r.outcome == Outcome::Fail)
}

/// The report's last line.
pub fn summary(results: &[CaseResult]) -> String {
    let count = |outcome| results.iter().filter(|r| r.outcome == outcome).count();
    format!(
        "{} passed, {} warned, {} failed, of {} cases.",
        count(Outcome::Pass),
        count(Outcome::Warn),
        count(Outcome::Fail),
        results.len()
    )
}

#[derive(Serialize)]
struct JsonReport<'a> {
    cases: Vec<JsonCase<'a>>,
}

#[derive(Serialize)]
struct JsonCase<'a> {
    id: String,
    outcome: Outcome,
    status: Option<u16>,
    ms: u64,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    cause: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    answer: Option<&'a str>,
}

/// `check --json`: `{"cases":[{"id","outcome","status","ms","message"}]}`, with `cause` and
/// `fix` on the cases that have them, and `answer` where a refusal said something.
#[expect(
    clippy::expect_used,
    reason = "a JsonReport is derived structs of strings, integers, an enum of names and options of them: serde_json cannot refuse it"
)]
pub fn to_json(results: &[CaseResult]) -> String {
    let cases = results
        .iter()
        .map(|r| JsonCase {
            id: r.case.id(),
            outcome: r.outcome,
            status: r.status,
            ms: r.millis,
            message: &r.message,
            cause: r.cause.as_deref(),
            fix: r.fix.as_deref(),
            answer: r.answer.as_deref(),
        })
        .collect();
    serde_json::to_string(&JsonReport { cases }).expect("a check report serialises")
}

/// Text as XML 1.0 allows it in an attribute or element: the five special characters escaped, and
/// the characters XML cannot hold at all (most controls, unpaired halves) written as
/// `⟨U+XXXX⟩`, so that a file name or a receiver's words cannot break the report.
fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{7f}' || c == '\u{fffe}' || c == '\u{ffff}' => {
                out.push_str(&format!("⟨U+{:04X}⟩", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

/// `check --junit FILE`: every case as JUnit XML, which CI systems (GitHub Actions' test
/// reporters, GitLab, Jenkins, Azure) show natively: one `<testsuite>`, one `<testcase>` per case
/// named by its id, a failure with its message, cause and fix; a warning passes, with its words
/// in `<system-out>`.
pub fn to_junit(suite: &str, results: &[CaseResult]) -> String {
    let failures = results.iter().filter(|r| r.outcome == Outcome::Fail).count();
    let secs = |millis: u64| format!("{}.{:03}", millis / 1000, millis % 1000);
    let total: u64 = results.iter().map(|r| r.millis).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"webhook-echo check\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" time=\"{}\">\n",
        results.len(),
        secs(total)
    ));
    out.push_str(&format!(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\" time=\"{}\">\n",
        xml_text(suite),
        results.len(),
        secs(total)
    ));
    for r in results {
        let classname = match r.case {
            CaseRef::Contract(_) => "webhook-echo.contract",
            CaseRef::Fixture(_) => "webhook-echo.fixtures",
        };
        let head = format!(
            "    <testcase classname=\"{classname}\" name=\"{}\" time=\"{}\"",
            xml_text(&r.case.id()),
            secs(r.millis)
        );
        let status = r.status.map_or("no answer".to_string(), |s| format!("HTTP {s}"));
        let detail = [
            Some(format!("{status}: {}", r.message)),
            r.cause.as_ref().map(|c| format!("cause: {c}")),
            r.fix.as_ref().map(|f| format!("fix: {f}")),
            r.answer.as_ref().map(|a| format!("answer: {a}")),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n");
        match r.outcome {
            Outcome::Pass => out.push_str(&format!("{head}/>\n")),
            Outcome::Warn => out.push_str(&format!(
                "{head}>\n      <system-out>warning: {}</system-out>\n    </testcase>\n",
                xml_text(&detail)
            )),
            Outcome::Fail => out.push_str(&format!(
                "{head}>\n      <failure message=\"{}\" type=\"fail\">{}</failure>\n    </testcase>\n",
                xml_text(&r.message),
                xml_text(&detail)
            )),
        }
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// What came back on a connection that gave no HTTP answer: told apart by its first bytes, so
/// that a port held by something else is not called "no connection".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CameBack {
    /// The connection was closed before a byte came back.
    Nothing,
    /// An HTTP answer that broke off (a body shorter than announced, a malformed header).
    BrokenHttp,
    /// A TLS record: an HTTPS server asked in plain HTTP.
    Tls,
    /// Anything else: an SSH banner, a database's greeting, a line of text.
    NotHttp,
}

impl CameBack {
    /// The kind of `first_bytes`, the bytes read before the client gave up.
    pub fn of(first_bytes: &[u8]) -> Self {
        match first_bytes {
            [] => Self::Nothing,
            [0x14..=0x17, 0x03, ..] => Self::Tls,
            bytes if bytes.starts_with(b"HTTP/") => Self::BrokenHttp,
            _ => Self::NotHttp,
        }
    }

    /// What came back, in a sentence: `shown` is the first bytes as the caller shows untrusted
    /// text (escaped, cut), `why` the client's words.
    pub fn sentence(self, shown: &str, why: &str) -> String {
        match self {
            Self::Nothing => format!("The connection was closed without an answer ({why})."),
            Self::BrokenHttp => format!("The answer broke off ({why}); it began \"{shown}\"."),
            Self::Tls => format!("The answer is not HTTP but TLS, an HTTPS server's greeting (it began \"{shown}\")."),
            Self::NotHttp => format!("The answer is not HTTP ({why}); what came back began \"{shown}\"."),
        }
    }

    /// Why, and what to do.
    pub fn cause_and_fix(self) -> (&'static str, &'static str) {
        match self {
            Self::Nothing => (
                "Something accepted the connection and closed it without answering: the receiver crashed on this request, or a proxy in front of it gave up.",
                "Look in the receiver's log for this request, and check the URL's port.",
            ),
            Self::BrokenHttp => (
                "The receiver's answer stopped in the middle or is malformed: it crashed while answering, or writes the answer's bytes itself.",
                "Look in the receiver's log for this request; let the framework write the answer.",
            ),
            Self::Tls => (
                "The server at this port speaks HTTPS, and the URL says http://.",
                "Use an https:// URL, or the receiver's plain-HTTP port.",
            ),
            Self::NotHttp => (
                "Something other than an HTTP server listens at this URL's host and port.",
                "Check the URL's port: point it at the receiver's HTTP port.",
            ),
        }
    }
}

/// The result of a case whose connection gave no HTTP answer: a failure that says what came
/// back (`CameBack::sentence`), not that there was no connection.
pub fn no_http_answer(case: CaseRef, came_back: CameBack, said: String, millis: u64) -> CaseResult {
    let (cause, fix) = came_back.cause_and_fix();
    let failed = result_of(case, &Answer::Unreachable(String::new()), millis, Outcome::Fail, said);
    with(failed, cause, fix)
}

/// How much of a refusal's body the command shows.
pub const ANSWER_BYTES: usize = 200;

/// The first `ANSWER_BYTES` of an answer's body as text: cut before a character the cut would
/// split, anything not UTF-8 shown as U+FFFD. The caller makes it safe to print.
pub fn answer_text(body: &[u8]) -> String {
    let mut head = &body[..body.len().min(ANSWER_BYTES)];
    if let Err(e) = std::str::from_utf8(head) {
        if e.error_len().is_none() && head.len() < body.len() {
            head = &head[..e.valid_up_to()];
        }
    }
    String::from_utf8_lossy(head).into_owned()
}

/// "Your receiver answered 401: {"error":"bad signature"}." `shown` is `answer_text` made safe
/// to print; `len` the whole body's bytes.
pub fn refusal(status: u16, shown: &str, len: usize) -> String {
    if len == 0 {
        return format!("Your receiver answered {status}, with an empty body.");
    }
    let more = if len > ANSWER_BYTES {
        format!(" (the first {ANSWER_BYTES} of {})", plural(len, "byte"))
    } else {
        String::new()
    };
    format!("Your receiver answered {status}{more}: {shown}")
}

/// Where to look after a refusal: the fingerprint of the secret used here, and the command that
/// prints the server's own (it reads COBINAR_WEBHOOK_SECRET where it is run).
pub fn compare_fingerprints(fingerprint: &str) -> String {
    format!(
        "The secret here has fingerprint {fingerprint}. Run this on the server, where the receiver's COBINAR_WEBHOOK_SECRET is set, to print its own and compare:"
    )
}

/// The one-liner that prints the server's secret fingerprint, in the reader's language where
/// there is one (Node, Python, Go), else the shell's (openssl).
pub fn fingerprint_command(choice: Choice) -> &'static str {
    use crate::inspect::fingerprint_commands::COMMANDS;
    use crate::stacks::Language;
    let language = match choice.language() {
        Some(Language::Node) => "Node",
        Some(Language::Python) => "Python",
        Some(Language::Go) => "Go",
        _ => "Shell (openssl)",
    };
    let shell = COMMANDS[COMMANDS.len() - 1];
    COMMANDS.iter().find(|c| c.language == language).unwrap_or(&shell).command
}

/// Whether a delivery that should have been accepted was refused as unauthorised (401 or 403):
/// then the secrets are the first thing to compare.
pub fn refused_genuine(results: &[CaseResult]) -> bool {
    results.iter().any(|r| r.outcome == Outcome::Fail && matches!(r.status, Some(401 | 403)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::received_headers::ReceivedHeaders;
    use crate::verify::verification::{verify, ReceivedDelivery, Verdict};

    const SECRET: &str = "whsec_contract_test";
    const NOW: i64 = 1_783_088_530_000;

    fn entropy_source() -> impl FnMut() -> [u8; ENTROPY_LEN] {
        let mut seed = 0u8;
        move || {
            seed = seed.wrapping_add(1);
            std::array::from_fn(|i| seed.wrapping_mul(37).wrapping_add((i as u8).wrapping_mul(11)) ^ 0xa5)
        }
    }

    fn verdict(probe: &Probe) -> Verdict {
        let headers = ReceivedHeaders::from_pairs(probe.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        verify(ReceivedDelivery { secret: SECRET, body: &probe.body, headers: &headers, now_unix_millis: Some(NOW) })
            .verdict
    }

    fn body_json(probe: &Probe) -> serde_json::Value {
        serde_json::from_slice(&probe.body).unwrap_or(serde_json::Value::Null)
    }

    /// The page's verifier says of each probe what a correct receiver must conclude.
    #[test]
    fn each_probe_is_what_its_case_says() {
        let probes = probes(SECRET, NOW, entropy_source());
        assert_eq!(probes.iter().map(|p| p.case).collect::<Vec<_>>(), CaseId::ALL);
        let valid: Vec<&str> =
            probes.iter().filter(|p| verdict(p) == Verdict::Valid).map(|p| p.case.as_str()).collect();
        assert_eq!(
            valid,
            [
                "genuine-otp.created",
                "genuine-otp.verified",
                "genuine-otp.failed",
                "genuine-otp.expired",
                "duplicate",
                "reserved-event",
                "stale-delivery",
                "slow"
            ]
        );
        let by = |case: CaseId| probes.iter().find(|p| p.case == case).cloned().unwrap_or_else(|| unreachable!());
        assert_eq!(by(CaseId::Duplicate), Probe { case: CaseId::Duplicate, ..by(CaseId::GenuineOtpVerified) });
        assert_eq!(verdict(&by(CaseId::MissingSignature)), Verdict::Incomplete);
        // The re-serialized body is the same JSON value as the one signed, in other bytes.
        let rewritten = by(CaseId::ReserializedBody);
        assert_eq!(verdict(&rewritten), Verdict::Invalid);
        assert!(String::from_utf8_lossy(&rewritten.body).contains("\n  \"id\": "));
        let signed = test_delivery(Event::OtpVerified, NOW, &[3; ENTROPY_LEN]).body;
        let again = String::from_utf8_lossy(&crate::echo::replay::reserialized(signed.as_bytes())).into_owned();
        assert_ne!(again, signed);
        assert_eq!(serde_json::from_str::<serde_json::Value>(&again).ok(), serde_json::from_str(&signed).ok());
        // Keys keep their order, so JSON.stringify(JSON.parse(again)) gives back the signed bytes.
        let key_at = |text: &str, key: &str| text.find(&format!("\"{key}\"")).unwrap_or(usize::MAX);
        for pair in ["id", "event", "createdAt", "payload"].windows(2) {
            assert!(key_at(&again, pair[0]) < key_at(&again, pair[1]), "{again}");
        }
        assert!(by(CaseId::TrailingNewline).body.ends_with(b"}\n"));
        // Every case but the duplicate has an event id of its own.
        let mut ids: Vec<String> = probes
            .iter()
            .filter(|p| p.case != CaseId::Duplicate)
            .map(|p| body_json(p)["id"].as_str().unwrap_or_default().to_string())
            .collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), CaseId::ALL.len() - 1);
        let stale = by(CaseId::StaleDelivery);
        assert_eq!(body_json(&stale)["createdAt"], "2026-07-02T14:22:10.000Z");
        // Its unsigned timestamp header says now: a receiver that trusts it, not the body, is caught.
        let header = stale.headers.iter().find(|(name, _)| *name == TIMESTAMP).map(|(_, v)| v.as_str());
        assert_eq!(header, Some("2026-07-03T14:22:10.000Z"));
        assert_eq!(body_json(&by(CaseId::ReservedEvent))["event"], "identity.created");
    }

    /// Every delivery the tool sends says it is a test, where the payload has a `requestId`.
    #[test]
    fn test_deliveries_are_marked_and_still_verify() {
        for event in Event::ALL {
            let delivery = test_delivery(event, NOW, &[7; ENTROPY_LEN]);
            let plain = generate(event, NOW, &[7; ENTROPY_LEN]);
            let body: serde_json::Value = serde_json::from_str(&delivery.body).unwrap_or_default();
            match body["payload"]["requestId"].as_str() {
                Some(id) => {
                    assert!(id.starts_with(TEST_REQUEST_PREFIX), "{id}");
                    assert_eq!(delivery.body.len(), plain.body.len() + TEST_REQUEST_PREFIX.len());
                }
                None => assert_eq!(delivery.body, plain.body, "{}", event.name()),
            }
            let signed = delivery.signed(SECRET);
            let probe = Probe::of(CaseId::Slow, signed);
            assert_eq!(verdict(&probe), Verdict::Valid, "{}", event.name());
        }
    }

    #[track_caller]
    fn check(case: CaseId, answer: Answer, millis: u64, outcome: Outcome) {
        let result = judge(case, &answer, millis, Choice::Any);
        assert_eq!(result.outcome, outcome, "{} {answer:?}: {}", case.as_str(), result.message);
        assert_eq!(
            result.cause.is_some(),
            outcome != Outcome::Pass,
            "{}: a cause exactly when not passing",
            case.as_str()
        );
        assert_eq!(result.fix.is_some(), outcome != Outcome::Pass);
    }

    #[test]
    fn what_each_answer_means() {
        use Answer::{Status, TimedOut};
        use Outcome::{Fail, Pass, Warn};
        for genuine in
            [CaseId::GenuineOtpCreated, CaseId::GenuineOtpVerified, CaseId::GenuineOtpFailed, CaseId::GenuineOtpExpired]
        {
            check(genuine, Status(200), 5, Pass);
            check(genuine, Status(204), 5, Pass);
            check(genuine, Status(401), 5, Fail);
            check(genuine, Status(500), 5, Fail);
            check(genuine, TimedOut, 8_000, Fail);
        }
        check(CaseId::Duplicate, Status(200), 5, Pass);
        check(CaseId::Duplicate, Status(409), 5, Fail);
        check(CaseId::Duplicate, Status(500), 5, Fail);
        for forged in [
            CaseId::TamperedBody,
            CaseId::WrongSecret,
            CaseId::MissingSignature,
            CaseId::ReserializedBody,
            CaseId::TrailingNewline,
        ] {
            check(forged, Status(401), 5, Pass);
            check(forged, Status(400), 5, Warn);
            check(forged, Status(500), 5, Warn);
            check(forged, Status(200), 5, Fail);
            check(forged, Answer::Unreachable("connection refused".into()), 0, Fail);
        }
        check(CaseId::ReservedEvent, Status(200), 5, Pass);
        check(CaseId::ReservedEvent, Status(500), 5, Fail);
        check(CaseId::ReservedEvent, Status(422), 5, Warn);
        check(CaseId::ReservedEvent, Status(400), 5, Warn);
        check(CaseId::StaleDelivery, Status(200), 5, Warn);
        check(CaseId::StaleDelivery, Status(401), 5, Pass);
        check(CaseId::Slow, Status(200), 2_000, Pass);
        check(CaseId::Slow, Status(200), 2_001, Warn);
        check(CaseId::Slow, Status(200), 7_999, Warn);
        check(CaseId::Slow, Status(200), 8_000, Fail);
        check(CaseId::Slow, TimedOut, 8_000, Fail);
    }

    #[test]
    fn the_causes_name_the_page_s_causes_where_there_is_one() {
        let reserialized = judge(CaseId::ReserializedBody, &Answer::Status(200), 3, Choice::Any);
        assert_eq!(reserialized.fix, Some(Cause::BodyReserialized.fix()));
        let newline = judge(CaseId::TrailingNewline, &Answer::Status(200), 3, Choice::Any);
        assert_eq!(newline.fix, Some(Cause::BodyWhitespace.fix()));
        // In the reader's stack's words, the mistake and the fix alike.
        let fastapi = Choice::from_id("python-fastapi").unwrap_or_default();
        let spoken = judge(CaseId::ReserializedBody, &Answer::Status(200), 3, fastapi);
        assert!(spoken.cause.as_deref().is_some_and(|c| c.contains("json.dumps(await request.json())")), "{spoken:?}");
        assert!(spoken.fix.as_deref().is_some_and(|f| f.contains("await request.body()") && !f.contains("express")));
    }

    #[test]
    fn json_has_the_documented_shape() {
        let results = vec![
            judge(CaseId::GenuineOtpCreated, &Answer::Status(200), 12, Choice::Any),
            judge(CaseId::Slow, &Answer::TimedOut, 8_000, Choice::Any),
        ];
        let json: serde_json::Value = serde_json::from_str(&to_json(&results)).unwrap_or_default();
        let first = &json["cases"][0];
        assert_eq!(
            (first["id"].as_str(), first["outcome"].as_str(), first["status"].as_u64(), first["ms"].as_u64()),
            (Some("genuine-otp.created"), Some("pass"), Some(200), Some(12))
        );
        assert!(first["message"].is_string());
        assert!(json["cases"][1]["status"].is_null());
        assert_eq!(json["cases"][1]["outcome"], "fail");
        assert!(any_failed(&results));
        assert_eq!(summary(&results), "1 passed, 0 warned, 1 failed, of 2 cases.");
    }

    #[test]
    fn an_answer_counts_under_the_retry_policy_as_the_network_said_it() {
        use crate::echo::retry::EndpointResponse;
        let counts = |answer: &Answer| EndpointResponse::of_answer(answer.into());
        assert_eq!(counts(&Answer::Status(204)), EndpointResponse::Success);
        assert_eq!(counts(&Answer::Status(401)), EndpointResponse::Failure);
        assert_eq!(counts(&Answer::Unreachable("connection refused".into())), EndpointResponse::Failure);
        assert_eq!(counts(&Answer::TimedOut), EndpointResponse::NoAnswer);
    }

    #[test]
    fn a_fixture_passes_when_it_gets_what_it_expects() {
        use crate::share::fixture::CaseFields;
        let fields = |expect, tamper| CaseFields { expect, tamper };
        let judged = |fields: CaseFields, answer: Answer| judge_fixture("f.json", fields, &answer, 4, Choice::Any);
        let accept = fields(None, None);
        let tampered = fields(None, Some(Tamper::TamperedBody));
        let rejected = fields(Some(Expect::Reject), None);
        let cases = [
            (accept, Answer::Status(200), Outcome::Pass, "Accepted the fixture re-signed: 200 in 4 ms."),
            (accept, Answer::Status(204), Outcome::Pass, "Accepted the fixture re-signed: 204 in 4 ms."),
            (accept, Answer::Status(401), Outcome::Fail, "Rejected the fixture re-signed with 401; the fixture expects it accepted."),
            (accept, Answer::Status(500), Outcome::Fail, "Answered 500 to the fixture re-signed; the fixture expects it accepted: Cobinar would retry it, then record it as failed."),
            (accept, Answer::Status(300), Outcome::Fail, "Answered 300 to the fixture re-signed; the fixture expects it accepted: Cobinar would retry it, then record it as failed."),
            (tampered, Answer::Status(401), Outcome::Pass, "Rejected the fixture re-signed, then changed (tampered-body) with 401, as the fixture expects."),
            (tampered, Answer::Status(400), Outcome::Pass, "Rejected the fixture re-signed, then changed (tampered-body) with 400, as the fixture expects."),
            (tampered, Answer::Status(299), Outcome::Fail, "Accepted the fixture re-signed, then changed (tampered-body) with 299; the fixture expects it rejected."),
            (rejected, Answer::Status(200), Outcome::Fail, "Accepted the fixture re-signed with 200; the fixture expects it rejected."),
            (rejected, Answer::Status(199), Outcome::Pass, "Rejected the fixture re-signed with 199, as the fixture expects."),
            (fields(Some(Expect::Accept), Some(Tamper::StaleDelivery)), Answer::Status(200), Outcome::Pass, "Accepted the fixture re-signed, then changed (stale-delivery): 200 in 4 ms."),
            (accept, Answer::TimedOut, Outcome::Fail, "No answer within 8 s: Cobinar counts the attempt as failed and retries."),
            (rejected, Answer::Unreachable("connection refused".into()), Outcome::Fail, "No connection: connection refused."),
        ];
        for (fields, answer, outcome, message) in cases {
            let result = judged(fields, answer.clone());
            assert_eq!((result.outcome, result.message.as_str()), (outcome, message), "{fields:?} {answer:?}");
            assert_eq!(result.case.id(), "fixture:f.json");
            assert_eq!(result.cause.is_some() && result.fix.is_some(), outcome == Outcome::Fail, "{result:?}");
            let status = match answer {
                Answer::Status(status) => Some(status),
                _ => None,
            };
            assert_eq!(result.status, status);
            assert_eq!(result.millis, 4);
        }
        // The cause of an accepted forgery is the contract's case of that name, in the reader's stack.
        let choice = Choice::from_id("python-flask").unwrap_or_default();
        for tamper in Tamper::ALL {
            let fixture = judge_fixture("f.json", fields(None, Some(tamper)), &Answer::Status(200), 1, choice);
            let case = CaseId::ALL.into_iter().find(|c| c.tamper() == Some(tamper)).unwrap_or(CaseId::Slow);
            assert_eq!(case.as_str(), tamper.name());
            let contract = judge(case, &Answer::Status(200), 1, choice);
            assert_eq!((fixture.cause, fixture.fix), (contract.cause, contract.fix), "{}", tamper.name());
        }
        let accepted_rejection = judged(rejected, Answer::Status(200));
        assert!(accepted_rejection.fix.is_some_and(|fix| fix.contains("--as-captured")));
        let refused_genuine = judge_fixture("f.json", accept, &Answer::Status(401), 1, choice);
        assert_eq!(refused_genuine.fix, Some(Cause::NoKnownCause.fix_in(choice)));
        let unreadable = unreadable_fixture("bad.json", "This fixture is damaged: x.");
        assert_eq!(
            (unreadable.case.id(), unreadable.outcome, unreadable.status, unreadable.message.as_str()),
            ("fixture:bad.json".to_string(), Outcome::Fail, None, "Not sent: This fixture is damaged: x.")
        );
        assert!(unreadable.cause.is_some() && unreadable.fix.is_some());
    }

    #[test]
    fn junit_lists_every_case_and_escapes_what_it_quotes() {
        let mut results = vec![
            judge(CaseId::GenuineOtpCreated, &Answer::Status(200), 12, Choice::Any),
            judge(CaseId::StaleDelivery, &Answer::Status(200), 1500, Choice::Any),
            judge(CaseId::TamperedBody, &Answer::Status(200), 3, Choice::Any),
        ];
        results.push(unreadable_fixture("<a&b>\"'\u{1}.json", "bad"));
        let xml = to_junit("webhook-echo check http://127.0.0.1:3000/x?a=1&b=2", &results);
        let expected_start = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"webhook-echo check\" tests=\"4\" failures=\"2\" errors=\"0\" time=\"1.515\">\n  <testsuite name=\"webhook-echo check http://127.0.0.1:3000/x?a=1&amp;b=2\" tests=\"4\" failures=\"2\" errors=\"0\" skipped=\"0\" time=\"1.515\">\n    <testcase classname=\"webhook-echo.contract\" name=\"genuine-otp.created\" time=\"0.012\"/>\n    <testcase classname=\"webhook-echo.contract\" name=\"stale-delivery\" time=\"1.500\">\n      <system-out>warning: HTTP 200: Accepted a delivery signed a day ago, with 200.\ncause: ";
        assert!(xml.starts_with(expected_start), "{xml}");
        assert!(xml.contains("<testcase classname=\"webhook-echo.contract\" name=\"tampered-body\" time=\"0.003\">\n      <failure message=\"Accepted a body changed after signing with 200.\" type=\"fail\">HTTP 200: Accepted a body changed after signing with 200.\ncause: The receiver does not check the signature against the body it received.\nfix: "), "{xml}");
        assert!(xml.contains("<testcase classname=\"webhook-echo.fixtures\" name=\"fixture:&lt;a&amp;b&gt;&quot;&apos;⟨U+0001⟩.json\" time=\"0.000\">\n      <failure message=\"Not sent: bad\" type=\"fail\">no answer: Not sent: bad\ncause: "), "{xml}");
        assert!(xml.ends_with("</failure>\n    </testcase>\n  </testsuite>\n</testsuites>\n"), "{xml}");
        assert_eq!(xml.matches("<testcase ").count(), 4);
        assert_eq!(xml_text("\t\n\r\u{7f}\u{fffe}\u{ffff}é"), "\t\n\r⟨U+007F⟩⟨U+FFFE⟩⟨U+FFFF⟩é");
    }

    /// Each case's name, written out: reports, CI dashboards and fixtures' `tamper` hold these.
    fn pinned(case: CaseId) -> &'static str {
        match case {
            CaseId::GenuineOtpCreated => "genuine-otp.created",
            CaseId::GenuineOtpVerified => "genuine-otp.verified",
            CaseId::GenuineOtpFailed => "genuine-otp.failed",
            CaseId::GenuineOtpExpired => "genuine-otp.expired",
            CaseId::Duplicate => "duplicate",
            CaseId::TamperedBody => "tampered-body",
            CaseId::WrongSecret => "wrong-secret",
            CaseId::MissingSignature => "missing-signature",
            CaseId::ReserializedBody => "reserialized-body",
            CaseId::TrailingNewline => "trailing-newline",
            CaseId::ReservedEvent => "reserved-event",
            CaseId::StaleDelivery => "stale-delivery",
            CaseId::Slow => "slow",
        }
    }

    #[test]
    fn every_case_and_outcome_keeps_its_wire_name() {
        for (position, case) in CaseId::ALL.into_iter().enumerate() {
            assert_eq!(case as usize, position, "{case:?}: ALL lists each case once, in order");
            assert_eq!(case.as_str(), pinned(case));
            assert_eq!(serde_json::to_value(case).ok(), Some(serde_json::Value::from(pinned(case))));
            assert_eq!(CaseId::from_name(case.as_str()), Some(case));
            assert_eq!(serde_json::from_value::<CaseId>(pinned(case).into()).ok(), Some(case));
            assert_eq!(CaseId::from_name(&format!("{case:?}")), None);
        }
        assert_eq!(CaseId::ALL.len(), CaseId::Slow as usize + 1);
        assert_eq!(CaseId::from_name("genuine-otp-created"), None);
        for (outcome, name) in [(Outcome::Pass, "pass"), (Outcome::Warn, "warn"), (Outcome::Fail, "fail")] {
            match outcome {
                Outcome::Pass | Outcome::Warn | Outcome::Fail => {}
            }
            assert_eq!(outcome.as_str(), name);
            assert_eq!(serde_json::to_value(outcome).ok(), Some(serde_json::Value::from(name)));
            assert_eq!(serde_json::from_value::<Outcome>(name.into()).ok(), Some(outcome));
        }
    }

    #[test]
    fn every_tamper_is_a_case_of_the_same_name() {
        let mut named: Vec<&str> = CaseId::ALL.into_iter().filter_map(CaseId::tamper).map(Tamper::name).collect();
        let mut all = Tamper::ALL.map(Tamper::name);
        named.sort_unstable();
        all.sort_unstable();
        assert_eq!(named, all);
        for case in CaseId::ALL {
            if let Some(tamper) = case.tamper() {
                assert_eq!(tamper.name(), case.as_str());
            }
        }
    }

    #[test]
    fn what_came_back_is_told_apart_by_its_first_bytes() {
        assert_eq!(CameBack::of(b""), CameBack::Nothing);
        assert_eq!(CameBack::of(b"SSH-2.0-OpenSSH_9.6\r\n"), CameBack::NotHttp);
        assert_eq!(CameBack::of(b"hello\n"), CameBack::NotHttp);
        assert_eq!(CameBack::of(b"\x15\x03\x01\x00\x02\x02\x46"), CameBack::Tls);
        assert_eq!(CameBack::of(b"HTTP/1.1 401 Unauth"), CameBack::BrokenHttp);
        let said = CameBack::NotHttp.sentence("SSH-2.0", "invalid HTTP version");
        assert_eq!(said, "The answer is not HTTP (invalid HTTP version); what came back began \"SSH-2.0\".");
        assert!(!said.to_lowercase().contains("no connection"));
        let result = no_http_answer(CaseRef::Contract(CaseId::Slow), CameBack::Tls, said, 3);
        assert_eq!((result.outcome, result.status), (Outcome::Fail, None));
        assert!(result.fix.is_some_and(|fix| fix.contains("https://")));
    }

    #[test]
    fn a_refusal_quotes_at_most_200_bytes_never_half_a_character() {
        assert_eq!(answer_text(b"bad signature"), "bad signature");
        // 199 ASCII bytes then a two-byte character: the cut falls inside it, so it is left out.
        let body = format!("{}é and more", "a".repeat(199));
        assert_eq!(answer_text(body.as_bytes()), "a".repeat(199));
        assert_eq!(answer_text(b"\xff\xfe"), "\u{fffd}\u{fffd}");
        assert_eq!(refusal(401, "bad signature", 13), "Your receiver answered 401: bad signature");
        assert_eq!(refusal(403, "", 0), "Your receiver answered 403, with an empty body.");
        assert!(refusal(401, "x", 350).starts_with("Your receiver answered 401 (the first 200 of 350 bytes): "));
    }

    #[test]
    fn the_fingerprint_one_liner_is_in_the_reader_s_language_else_the_shell_s() {
        use crate::stacks::Language;
        assert!(fingerprint_command(Choice::Language(Language::Python)).starts_with("python3 -c"));
        assert!(fingerprint_command(Choice::Language(Language::Node)).starts_with("node -e"));
        assert!(fingerprint_command(Choice::Language(Language::Go)).contains("go run"));
        for other in [Choice::Any, Choice::Language(Language::Ruby)] {
            assert!(fingerprint_command(other).contains("openssl dgst"), "{other:?}");
        }
        let refused = judge(CaseId::GenuineOtpCreated, &Answer::Status(401), 3, Choice::Any);
        let errored = judge(CaseId::GenuineOtpCreated, &Answer::Status(500), 3, Choice::Any);
        assert!(refused_genuine(&[errored.clone(), refused]));
        assert!(!refused_genuine(&[errored]));
    }
}
