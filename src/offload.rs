//! The work the page hands to its worker when a body is large, and what comes back.
//!
//! Verifying a 10 MB body means hashing it, reading it as JSON and scanning it for the Bytes view;
//! diagnosing it means hashing a dozen variants of it. Done on the page's own thread, that blocks
//! typing and painting for a second or more. So for large bodies the page sends a [`Job`] (and the
//! body's bytes, transferred, not copied) to a dedicated worker running this same module, which
//! answers with an [`Outcome`]. Both ends are this crate: the messages are its own types as JSON,
//! and the tests below hold that nothing is lost on the way.
//!
//! The worker is the page's own: same origin, same process, gone with the tab. The secret travels
//! to it in memory, never over the network or into storage.

use std::borrow::Cow;

use serde::{Deserialize, Deserializer, Serialize};

use crate::body_bytes::{self, BodyBytes};
use crate::diagnosis::{self, Diagnosis};
use crate::header_checks::DOCUMENTED;
use crate::received_headers;
use crate::verification::{self, ReceivedDelivery, Verification};

/// Bodies larger than this are verified by the worker; smaller ones on every keystroke, in place
/// (a 1 MiB body takes about 20 ms in place; a 10 MiB one would take over a second).
pub const WORKER_ABOVE_BYTES: usize = 1024 * 1024;

/// Bodies larger than this are diagnosed by the worker (a 1 MiB mismatch takes about 0.4 s).
pub const DIAGNOSE_IN_PLACE_UP_TO_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Task {
    /// The verdict, the header checks and the Bytes view.
    Verify,
    /// The causes of a mismatch.
    Diagnose,
}

/// One piece of work; the body travels beside it as bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    /// Rises with every job the page sends, so that a late answer to older input is dropped.
    pub id: u32,
    pub task: Task,
    pub secret: String,
    pub headers_text: String,
    pub now_unix_millis: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
// One outcome at a time crosses, and is taken apart at once: boxing would only add a step.
#[allow(clippy::large_enum_variant)]
pub enum Outcome {
    Verified { id: u32, verification: Verification, bytes_view: BodyBytes },
    Diagnosed { id: u32, diagnoses: Vec<Diagnosis> },
}

impl Outcome {
    pub fn id(&self) -> u32 {
        match self {
            Self::Verified { id, .. } | Self::Diagnosed { id, .. } => *id,
        }
    }

    /// The task this answers.
    pub fn task(&self) -> Task {
        match self {
            Self::Verified { .. } => Task::Verify,
            Self::Diagnosed { .. } => Task::Diagnose,
        }
    }
}

/// Which answers the page still wants: the last job sent for each task, and only while the input
/// it was for is still there. Ids rise from 1; 0 means "none wanted".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Awaited {
    verify: u32,
    diagnose: u32,
    last_id: u32,
}

impl Awaited {
    /// The id for the next job of `task`, which from now on is the one answer wanted for it.
    pub fn send(&mut self, task: Task) -> u32 {
        self.last_id = self.last_id.checked_add(1).unwrap_or(1);
        *self.slot(task) = self.last_id;
        self.last_id
    }

    /// No answer to `task` is wanted any more: its input changed, or is handled in place.
    pub fn forget(&mut self, task: Task) {
        *self.slot(task) = 0;
    }

    /// Takes `outcome` if it answers the last job of its task, still wanted: from then on nothing
    /// more is awaited for that task. `false` for an answer to input that is gone.
    pub fn take(&mut self, outcome: &Outcome) -> bool {
        let wanted = self.wants(outcome);
        if wanted {
            self.forget(outcome.task());
        }
        wanted
    }

    /// Whether job `id` of `task` is still the one wanted, its answer not in yet.
    pub fn waiting_for(&self, task: Task, id: u32) -> bool {
        let wanted = match task {
            Task::Verify => self.verify,
            Task::Diagnose => self.diagnose,
        };
        id != 0 && id == wanted
    }

    /// Whether `outcome` answers the last job of its task, still wanted.
    pub fn wants(&self, outcome: &Outcome) -> bool {
        self.waiting_for(outcome.task(), outcome.id())
    }

    fn slot(&mut self, task: Task) -> &mut u32 {
        match task {
            Task::Verify => &mut self.verify,
            Task::Diagnose => &mut self.diagnose,
        }
    }
}

/// Does a job: what the page would otherwise have done in place.
pub fn run(job: &Job, body: &[u8]) -> Outcome {
    let headers = received_headers::parse(&job.headers_text);
    match job.task {
        Task::Verify => Outcome::Verified {
            id: job.id,
            verification: verification::verify(ReceivedDelivery {
                secret: &job.secret,
                body,
                headers: &headers,
                now_unix_millis: job.now_unix_millis,
            }),
            bytes_view: body_bytes::body_bytes(body),
        },
        Task::Diagnose => {
            Outcome::Diagnosed { id: job.id, diagnoses: diagnosis::diagnose_received(&job.secret, body, &headers) }
        }
    }
}

/// The wire form of a job or an outcome. Our own types cannot fail to encode; `None` is there
/// only so that no caller has to `unwrap`.
pub fn encode<T: Serialize>(message: &T) -> Option<String> {
    serde_json::to_string(message).ok()
}

/// Reads a job or an outcome back; `None` for anything that is not one.
pub fn decode<T: for<'de> Deserialize<'de>>(text: &str) -> Option<T> {
    serde_json::from_str(text).ok()
}

/// Reads back a documented header's name as the `&'static str` the checks carry.
pub(crate) fn documented_header<'de, D: Deserializer<'de>>(from: D) -> Result<Cow<'static, str>, D::Error> {
    let name = String::deserialize(from)?;
    DOCUMENTED
        .into_iter()
        .find(|known| *known == name)
        .map(Cow::Borrowed)
        .ok_or_else(|| serde::de::Error::custom(format!("not a documented header: {name}")))
}

/// Reads back a line break's name (`LF`, `CRLF`, `CR`) as the `&'static str` the Bytes view carries.
pub(crate) fn line_break_name<'de, D: Deserializer<'de>>(from: D) -> Result<Option<Cow<'static, str>>, D::Error> {
    let name: Option<String> = Option::deserialize(from)?;
    name.map(|name| {
        body_bytes::LINE_BREAK_NAMES
            .into_iter()
            .find(|known| *known == name)
            .map(Cow::Borrowed)
            .ok_or_else(|| serde::de::Error::custom(format!("not a line break: {name}")))
    })
    .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signature::sign;

    fn job(task: Task, secret: &str, headers_text: &str) -> Job {
        Job { id: 7, task, secret: secret.into(), headers_text: headers_text.into(), now_unix_millis: Some(0) }
    }

    fn round_trip(outcome: &Outcome) -> Outcome {
        let text = encode(outcome).unwrap();
        decode(&text).unwrap()
    }

    #[test]
    fn a_verified_outcome_survives_the_trip_to_the_page() {
        let body = b"{\"id\":\"evt_1\",\"event\":\"otp.verified\"}\r\n\xff\xfe\xe2\x80\xae";
        let headers = format!(
            "x-cobinar-signature: {}\nx-cobinar-event: otp.failed\nx-cobinar-timestamp: yesterday",
            sign(b"whsec_y", body)
        );
        let outcome = run(&job(Task::Verify, "whsec_x", &headers), body);
        let Outcome::Verified { verification, bytes_view, .. } = &outcome else { panic!("{outcome:?}") };
        assert!(verification.checks.iter().any(|c| c.diff.is_some()), "a diff travels too");
        assert_eq!(bytes_view.trailing_line_break, None);
        assert_eq!(round_trip(&outcome), outcome);
    }

    #[test]
    fn the_worker_gives_what_the_page_would_have() {
        let body = b"{\"id\":\"evt_1\"}\r\n";
        let headers = format!("x-cobinar-signature: {}", sign(b"whsec_x", body));
        let Outcome::Verified { verification, bytes_view, id } = run(&job(Task::Verify, "whsec_x", &headers), body)
        else {
            panic!("a verify job gives a verification")
        };
        let parsed = received_headers::parse(&headers);
        let in_place = verification::verify(ReceivedDelivery {
            secret: "whsec_x",
            body,
            headers: &parsed,
            now_unix_millis: Some(0),
        });
        assert_eq!((id, verification), (7, in_place));
        assert_eq!(bytes_view, body_bytes::body_bytes(body));
        assert_eq!(bytes_view.trailing_line_break.as_deref(), Some("CRLF"));
    }

    #[test]
    fn a_diagnosis_survives_the_trip_to_the_page() {
        let body = b"{\"id\":\"evt_1\"}";
        let with_newline = [&body[..], b"\n"].concat();
        let headers = format!("x-cobinar-signature: {}", sign(b"whsec_x", &with_newline));
        let outcome = run(&job(Task::Diagnose, "whsec_x", &headers), body);
        let Outcome::Diagnosed { diagnoses, .. } = &outcome else { panic!("{outcome:?}") };
        assert_eq!(diagnoses.first().map(|d| d.cause), Some(diagnosis::Cause::BodyTrailingNewline));
        assert_eq!(round_trip(&outcome), outcome);
    }

    #[test]
    fn no_signature_header_means_nothing_to_diagnose() {
        let outcome = run(&job(Task::Diagnose, "whsec_x", "x-cobinar-event: otp.verified"), b"{}");
        assert_eq!(outcome, Outcome::Diagnosed { id: 7, diagnoses: Vec::new() });
    }

    #[test]
    fn only_the_last_answer_still_wanted_is_taken() {
        let diagnosed = |id| Outcome::Diagnosed { id, diagnoses: Vec::new() };
        let verified = |id| run(&Job { id, ..job(Task::Verify, "s", "") }, b"{}");
        let mut awaited = Awaited::default();
        assert!(!awaited.wants(&verified(0)) && !awaited.wants(&diagnosed(0)), "nothing sent, nothing wanted");
        let first = awaited.send(Task::Verify);
        let search = awaited.send(Task::Diagnose);
        let second = awaited.send(Task::Verify);
        assert!(!awaited.wants(&verified(first)), "an answer to older input");
        assert!(awaited.wants(&verified(second)));
        assert!(awaited.wants(&diagnosed(search)));
        assert!(!awaited.wants(&diagnosed(second)), "ids are not shared between tasks");
        // The verdict changed while the search ran: its answer is for input that is gone.
        awaited.forget(Task::Diagnose);
        assert!(!awaited.wants(&diagnosed(search)));
        assert!(awaited.wants(&verified(second)), "forgetting one task leaves the other");
        assert!(awaited.waiting_for(Task::Verify, second) && !awaited.waiting_for(Task::Verify, first));
        assert!(!awaited.waiting_for(Task::Diagnose, search), "forgotten");
        assert!(!awaited.waiting_for(Task::Verify, 0));
        // An answer taken is awaited no more, and a second copy of it is not taken.
        assert!(awaited.take(&verified(second)));
        assert!(!awaited.waiting_for(Task::Verify, second));
        assert!(!awaited.take(&verified(second)));
    }

    #[test]
    fn ids_wrap_past_zero() {
        let mut awaited = Awaited { last_id: u32::MAX, ..Awaited::default() };
        assert_eq!(awaited.send(Task::Verify), 1);
    }

    #[test]
    fn jobs_survive_the_trip_to_the_worker() {
        let sent = job(Task::Diagnose, "whsec_\"é\u{0}", "a: b\r\nc: d");
        assert_eq!(decode::<Job>(&encode(&sent).unwrap()), Some(sent));
    }

    #[test]
    fn anything_else_is_not_a_message() {
        assert_eq!(decode::<Outcome>("{}"), None);
        assert_eq!(decode::<Job>("not json"), None);
        let forged = r#"{"Verified":{"id":1,"verification":{"verdict":"Valid","summary":"","expected_signature":null,"checks":[{"header":"x-evil","status":"Ok","message":"","received":null,"expected":null,"diff":null,"notes":[]}],"not_from_cobinar":[]},"bytes_view":null}}"#;
        assert_eq!(decode::<Outcome>(forged), None, "only documented header names are read back");
    }
}
