//! What an answer means: for one of the contract's cases (`judge`) or a fixture of the reader's
//! (`judge_fixture`), a `CaseResult` with its grade and message, and for a warning or a failure
//! the cause and the fix, in the words of the reader's stack.

use serde::{Deserialize, Serialize};

use super::{Answer, CaseId};
use crate::diagnose::diagnosis::Cause;
use crate::diagnose::fixes;
use crate::echo::retry::TIMEOUT_MILLIS;
use crate::protocol::text::{measured, seconds};
use crate::protocol::wire;
use crate::share::fixture::{CaseFields, Expect, Tamper};
use crate::stacks::Choice;

/// Above this, `slow` warns: a receiver should answer at once and work afterwards.
pub const SLOW_WARN_MILLIS: u64 = 2_000;

/// How a case went: the report card's PASS, WARN or FAIL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grade {
    Pass,
    Warn,
    Fail,
}

impl Grade {
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
    pub grade: Grade,
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
pub(super) fn result_of(case: CaseRef, answer: &Answer, millis: u64, grade: Grade, message: String) -> CaseResult {
    CaseResult {
        case,
        grade,
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

pub(super) fn with(mut r: CaseResult, cause: &str, fix: &str) -> CaseResult {
    r.cause = Some(cause.to_string());
    r.fix = Some(fix.to_string());
    r
}

/// The status to judge, or the failure when there is none: no connection, or no answer within
/// the timeout.
fn status_of(case: &CaseRef, answer: &Answer, millis: u64) -> Result<u16, Box<CaseResult>> {
    let failed = |message| result_of(case.clone(), answer, millis, Grade::Fail, message);
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
    let result = |grade: Grade, message: String| result_of(CaseRef::Contract(case), answer, millis, grade, message);
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
                result(Grade::Pass, format!("Accepted a genuine delivery: {status} in {took}."))
            } else if status == 401 {
                with(
                    result(Grade::Fail, format!("Rejected a genuine delivery with {status}.")),
                    "The receiver verifies with another secret than the one given here, or hashes something other than the raw body.",
                    &Cause::NoKnownCause.fix_in(choice),
                )
            } else {
                with(
                    result(Grade::Fail, format!("Answered {status} to a genuine delivery: Cobinar would retry it, then record it as failed.")),
                    "The receiver errors on this event.",
                    "Answer 2xx to every genuine delivery, including events you do not act on.",
                )
            }
        }
        CaseId::Duplicate => {
            if is_2xx(status) {
                result(Grade::Pass, format!("Acknowledged the retry with {status}."))
            } else {
                with(
                    result(Grade::Fail, format!("Answered {status} to a retry of a delivery it had accepted.")),
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
                with(result(Grade::Fail, format!("Accepted {} with {status}.", case.sends())), &cause, &fix)
            } else if status == 401 {
                result(Grade::Pass, format!("Rejected it with {status}."))
            } else {
                with(
                    result(Grade::Warn, format!("Rejected it, but with {status} rather than 401.")),
                    "A bad signature is the sender's fault, not the receiver's.",
                    "Answer 401 when the signature does not match, so that logs and Cobinar's console say why.",
                )
            }
        }
        CaseId::ReservedEvent => {
            if is_2xx(status) {
                result(Grade::Pass, format!("Acknowledged an event it does not handle with {status}."))
            } else if status >= 500 {
                // An error, not a choice: the receiver breaks on an event it does not know.
                with(
                    result(Grade::Fail, format!("Errored with {status} on a genuine delivery of a reserved event.")),
                    "The receiver fails on an event it does not handle; when Cobinar starts delivering it, every delivery is retried and recorded as failed.",
                    "Answer 2xx to events you do not handle, after the signature check (a default branch that does nothing).",
                )
            } else {
                with(
                    result(Grade::Warn, format!("Answered {status} to a genuine delivery of a reserved event.")),
                    "Cobinar may start delivering reserved events; a receiver that errors on one makes Cobinar retry it and record it as failed.",
                    "Answer 2xx to events you do not handle, after the signature check.",
                )
            }
        }
        CaseId::StaleDelivery => {
            if is_2xx(status) {
                with(
                    result(Grade::Warn, format!("Accepted a delivery signed a day ago, with {status}.")),
                    "Neither the timestamp nor the event id is signed: a captured delivery can be replayed with a new event id, and only its signed createdAt gives it away.",
                    "After the signature check, reject deliveries whose body's createdAt is more than a few minutes from now.",
                )
            } else {
                result(Grade::Pass, format!("Rejected a delivery signed a day ago, with {status}."))
            }
        }
        CaseId::Slow => {
            if millis >= TIMEOUT_MILLIS {
                with(
                    result(
                        Grade::Fail,
                        format!("Answered after {took}: past Cobinar's {} timeout.", seconds(TIMEOUT_MILLIS)),
                    ),
                    "The receiver works before it answers.",
                    "Answer 2xx as soon as the signature is checked and the event id recorded; do the work afterwards.",
                )
            } else if millis > SLOW_WARN_MILLIS {
                with(
                    result(
                        Grade::Warn,
                        format!("Answered in {took}: close to Cobinar's {} timeout.", seconds(TIMEOUT_MILLIS)),
                    ),
                    "A slow answer under load becomes a timeout, and a retry.",
                    "Answer 2xx as soon as the signature is checked and the event id recorded; do the work afterwards.",
                )
            } else {
                result(Grade::Pass, format!("Answered in {took}."))
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
    let result = |grade: Grade, message: String| result_of(case.clone(), answer, millis, grade, message);
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
        (Expect::Accept, true) => result(Grade::Pass, format!("Accepted {what}: {status} in {took}.")),
        (Expect::Accept, false) if status == 401 => with(
            result(Grade::Fail, format!("Rejected {what} with {status}; the fixture expects it accepted.")),
            "The receiver verifies with another secret than the one given here, or hashes something other than the raw body.",
            &Cause::NoKnownCause.fix_in(choice),
        ),
        (Expect::Accept, false) => with(
            result(Grade::Fail, format!("Answered {status} to {what}; the fixture expects it accepted: Cobinar would retry it, then record it as failed.")),
            "The receiver errors on this delivery: its event or payload is one the receiver does not handle.",
            "Answer 2xx to every genuine delivery, including events and payloads you do not act on; log what you could not handle.",
        ),
        (Expect::Reject, false) => result(Grade::Pass, format!("Rejected {what} with {status}, as the fixture expects.")),
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
            with(result(Grade::Fail, message), &cause, &fix)
        }
    }
}

/// The failure of a fixture that could not be read or replayed: listed with the rest, so that
/// one bad file in a folder is named and the others still run.
pub fn unreadable_fixture(name: &str, why: &str) -> CaseResult {
    let unsent = CaseResult {
        case: CaseRef::Fixture(name.to_string()),
        grade: Grade::Fail,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(case: CaseId, answer: Answer, millis: u64, grade: Grade) {
        let result = judge(case, &answer, millis, Choice::Any);
        assert_eq!(result.grade, grade, "{} {answer:?}: {}", case.as_str(), result.message);
        assert_eq!(result.cause.is_some(), grade != Grade::Pass, "{}: a cause exactly when not passing", case.as_str());
        assert_eq!(result.fix.is_some(), grade != Grade::Pass);
    }

    #[test]
    fn what_each_answer_means() {
        use Answer::{Status, TimedOut};
        use Grade::{Fail, Pass, Warn};
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
    fn a_fixture_passes_when_it_gets_what_it_expects() {
        use crate::share::fixture::CaseFields;
        let fields = |expect, tamper| CaseFields { expect, tamper };
        let judged = |fields: CaseFields, answer: Answer| judge_fixture("f.json", fields, &answer, 4, Choice::Any);
        let accept = fields(None, None);
        let tampered = fields(None, Some(Tamper::TamperedBody));
        let rejected = fields(Some(Expect::Reject), None);
        let cases = [
            (accept, Answer::Status(200), Grade::Pass, "Accepted the fixture re-signed: 200 in 4 ms."),
            (accept, Answer::Status(204), Grade::Pass, "Accepted the fixture re-signed: 204 in 4 ms."),
            (accept, Answer::Status(401), Grade::Fail, "Rejected the fixture re-signed with 401; the fixture expects it accepted."),
            (accept, Answer::Status(500), Grade::Fail, "Answered 500 to the fixture re-signed; the fixture expects it accepted: Cobinar would retry it, then record it as failed."),
            (accept, Answer::Status(300), Grade::Fail, "Answered 300 to the fixture re-signed; the fixture expects it accepted: Cobinar would retry it, then record it as failed."),
            (tampered, Answer::Status(401), Grade::Pass, "Rejected the fixture re-signed, then changed (tampered-body) with 401, as the fixture expects."),
            (tampered, Answer::Status(400), Grade::Pass, "Rejected the fixture re-signed, then changed (tampered-body) with 400, as the fixture expects."),
            (tampered, Answer::Status(299), Grade::Fail, "Accepted the fixture re-signed, then changed (tampered-body) with 299; the fixture expects it rejected."),
            (rejected, Answer::Status(200), Grade::Fail, "Accepted the fixture re-signed with 200; the fixture expects it rejected."),
            (rejected, Answer::Status(199), Grade::Pass, "Rejected the fixture re-signed with 199, as the fixture expects."),
            (fields(Some(Expect::Accept), Some(Tamper::StaleDelivery)), Answer::Status(200), Grade::Pass, "Accepted the fixture re-signed, then changed (stale-delivery): 200 in 4 ms."),
            (accept, Answer::TimedOut, Grade::Fail, "No answer within 8 s: Cobinar counts the attempt as failed and retries."),
            (rejected, Answer::Unreachable("connection refused".into()), Grade::Fail, "No connection: connection refused."),
        ];
        for (fields, answer, grade, message) in cases {
            let result = judged(fields, answer.clone());
            assert_eq!((result.grade, result.message.as_str()), (grade, message), "{fields:?} {answer:?}");
            assert_eq!(result.case.id(), "fixture:f.json");
            assert_eq!(result.cause.is_some() && result.fix.is_some(), grade == Grade::Fail, "{result:?}");
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
            (unreadable.case.id(), unreadable.grade, unreadable.status, unreadable.message.as_str()),
            ("fixture:bad.json".to_string(), Grade::Fail, None, "Not sent: This fixture is damaged: x.")
        );
        assert!(unreadable.cause.is_some() && unreadable.fix.is_some());
    }

    #[test]
    fn every_outcome_keeps_its_wire_name() {
        for (grade, name) in [(Grade::Pass, "pass"), (Grade::Warn, "warn"), (Grade::Fail, "fail")] {
            match grade {
                Grade::Pass | Grade::Warn | Grade::Fail => {}
            }
            assert_eq!(grade.as_str(), name);
            assert_eq!(serde_json::to_value(grade).ok(), Some(serde_json::Value::from(name)));
            assert_eq!(serde_json::from_value::<Grade>(name.into()).ok(), Some(grade));
        }
    }
}
