//! A receiver's contract with Cobinar, case by case: which deliveries `webhook-echo check` sends
//! (`probes`, `cases.rs`), and what each answer means (`judge`, `judge.rs`), with the cause and
//! the fix when it fails; what came back when it was not HTTP and how a refusal is shown
//! (`answer.rs`); the report card as JSON and JUnit (`report.rs`). Also what every delivery the
//! command-line tool makes carries to say it is a test (`test_delivery`), and which endpoints it
//! may send to without asking (`endpoint::is_local`).
//!
//! Plain data in, plain data out: the deliveries come from `delivery::generate`, the clock and the
//! randomness are arguments, and the HTTP round trips are the caller's (src/cli).

mod answer;
mod cases;
mod judge;
mod report;

pub use crate::echo::replay::STALE_AGE_MILLIS;
pub use answer::{
    answer_text, compare_fingerprints, fingerprint_command, no_http_answer, refusal, Answer, CameBack, ANSWER_BYTES,
};
pub use cases::{probes, test_delivery, CaseId, Probe, TEST_REQUEST_PREFIX};
pub use judge::{judge, judge_fixture, unreadable_fixture, CaseRef, CaseResult, Grade, SLOW_WARN_MILLIS};
pub use report::{any_failed, refused_genuine, summary, to_json, to_junit};
