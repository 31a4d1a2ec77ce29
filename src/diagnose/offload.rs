//! The work the page hands to its worker when a body is large, and what comes back.
//!
//! Verifying a 10 MB body means hashing it, reading it as JSON and scanning it for the Bytes view;
//! diagnosing it means hashing a dozen variants of it. Done on the page's own thread, that blocks
//! typing and painting for a second or more. So for large bodies the page sends a [`Job`] (and the
//! body's bytes, transferred, not copied) to a dedicated worker running this same module, which
//! answers with a [`JobAnswer`]: for a verification only what grows with the body (its MAC, its
//! fields, its byte counts), from which the page builds the verdict and the view itself
//! (`verify_facts`, `with_counts`), so editing the headers needs no new job. Both ends are this
//! crate: the messages are its own types as JSON, and the tests below hold that nothing is lost on
//! the way and that the page ends with what working in place gives.
//!
//! The worker is the page's own: same origin, same process, gone with the tab. The secret travels
//! to it in memory, never over the network or into storage.

use serde::{Deserialize, Serialize};

use crate::diagnose::diagnosis::{self, Diagnosis};
use crate::inspect::body_bytes::{self, Counts};
use crate::protocol::limits::{DIAGNOSE_IN_PLACE_UP_TO_BYTES, WORKER_ABOVE_BYTES};
use crate::verify::received_headers;
use crate::verify::verification::{BodyFacts, Verdict};

/// Whether a paste of this many bytes is held as exact bytes, as a loaded file is, rather than
/// laid out in the text box: above the worker's threshold, a text box that holds the body makes
/// the paste itself and every keystroke after it slow, for a body nobody edits by hand.
pub fn paste_held_as_bytes(len: usize) -> bool {
    verified_in_worker(len)
}

/// Whether an input event that took the text box from `before` to `after` bytes is held as exact
/// bytes, as a large paste is: only when that one event brought in more than a paste is held past,
/// from outside the box (a drop, an autofill, a script setting the value: any `input_type`, the
/// browser's `InputEvent.inputType`, or none). Never an edit of text that was in the box already,
/// which would empty the box under the person's hands: a keystroke (a small growth), an undo or a
/// redo, or text dragged within the box (`insertFromDrop` right after a `deleteByDrag`).
pub fn input_held_as_bytes(before: usize, after: usize, input_type: Option<&str>, previous_type: Option<&str>) -> bool {
    let from_outside = match input_type {
        Some("historyUndo" | "historyRedo") => false,
        Some("insertFromDrop") => previous_type != Some("deleteByDrag"),
        _ => true,
    };
    from_outside && paste_held_as_bytes(after.saturating_sub(before))
}

/// Whether a body of this many bytes is verified by the worker (where there is one).
pub fn verified_in_worker(len: usize) -> bool {
    len > WORKER_ABOVE_BYTES
}

/// Whether a body of this many bytes is diagnosed by the worker (where there is one), once
/// typing pauses.
pub fn diagnosed_in_worker(len: usize) -> bool {
    len > DIAGNOSE_IN_PLACE_UP_TO_BYTES
}

/// How long typing must pause before a large body's causes are searched.
pub const DIAGNOSE_AFTER_PAUSE_MILLIS: u64 = 300;

/// When and where the page searches a verdict's causes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiagnosisPlan {
    /// The signature matches, or cannot be checked: nothing to search.
    Nothing,
    /// Small enough to search on every change, on the page's thread.
    InPlace,
    /// Searched once typing pauses for `DIAGNOSE_AFTER_PAUSE_MILLIS`, by the worker (in place
    /// where there is no worker).
    WhenTypingPauses,
}

/// Where and when `verdict`'s causes are searched: `Nothing` unless `diagnosis::wanted` (an
/// `Invalid` verdict); then in place up to `DIAGNOSE_IN_PLACE_UP_TO_BYTES`, and past it once
/// typing pauses.
pub fn plan_diagnosis(verdict: Verdict, body_len: usize) -> DiagnosisPlan {
    match (diagnosis::wanted(verdict), diagnosed_in_worker(body_len)) {
        (false, _) => DiagnosisPlan::Nothing,
        (true, false) => DiagnosisPlan::InPlace,
        (true, true) => DiagnosisPlan::WhenTypingPauses,
    }
}

#[cfg(test)]
mod plan_tests {
    use super::*;

    #[test]
    fn a_paste_over_the_worker_threshold_is_held_as_bytes() {
        assert!(!paste_held_as_bytes(WORKER_ABOVE_BYTES));
        assert!(paste_held_as_bytes(WORKER_ABOVE_BYTES + 1));
    }

    #[test]
    fn an_input_is_held_as_bytes_only_when_it_grew_the_box_past_a_paste_held() {
        let past = WORKER_ABOVE_BYTES + 1;
        let cases = [
            (0, past, true),
            (0, WORKER_ABOVE_BYTES, false),
            (10, past, false),
            (10, past + 10, true),
            // A keystroke in a large body shown in the box, or text cut from it, stays typed.
            (past, past + 1, false),
            (3 * past, 0, false),
            (3 * past, past, false),
        ];
        for (before, after, held) in cases {
            for input_type in [None, Some("insertFromDrop"), Some("insertReplacementText"), Some("insertText")] {
                assert_eq!(
                    input_held_as_bytes(before, after, input_type, None),
                    held,
                    "{before} -> {after}, {input_type:?}"
                );
            }
        }
    }

    #[test]
    fn text_that_was_in_the_box_already_is_never_held_however_much_comes_back() {
        let past = WORKER_ABOVE_BYTES + 1;
        for undone in ["historyUndo", "historyRedo"] {
            assert!(!input_held_as_bytes(0, past, Some(undone), Some("deleteByCut")), "{undone}");
        }
        assert!(!input_held_as_bytes(0, past, Some("insertFromDrop"), Some("deleteByDrag")), "moved within the box");
        assert!(input_held_as_bytes(0, past, Some("insertFromDrop"), Some("insertText")), "dropped from elsewhere");
        assert!(input_held_as_bytes(0, past, None, Some("deleteByDrag")), "a script after a drag");
    }

    #[test]
    fn causes_are_searched_only_for_an_invalid_verdict_and_large_bodies_wait() {
        use DiagnosisPlan::*;
        let small = DIAGNOSE_IN_PLACE_UP_TO_BYTES;
        let cases = [
            (Verdict::Invalid, 0, InPlace),
            (Verdict::Invalid, small, InPlace),
            (Verdict::Invalid, small + 1, WhenTypingPauses),
            (Verdict::Valid, small + 1, Nothing),
            (Verdict::Incomplete, 10, Nothing),
            (Verdict::Checking, small + 1, Nothing),
        ];
        for (verdict, len, plan) in cases {
            assert_eq!(plan_diagnosis(verdict, len), plan, "{verdict:?} {len}");
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Task {
    /// What the verdict and the Bytes view need of the body.
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
    /// The received headers, for a diagnosis (a verification's are judged on the page).
    pub headers_text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
// One outcome at a time crosses, and is taken apart at once: boxing would only add a step.
#[allow(clippy::large_enum_variant)]
pub enum JobAnswer {
    Verified { id: u32, facts: BodyFacts, counts: Counts },
    Diagnosed { id: u32, diagnoses: Vec<Diagnosis> },
}

impl JobAnswer {
    /// The id of the job this answers, as `Job::id` carried it: `Awaited` drops an answer to
    /// older input by it.
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
    pub fn take(&mut self, outcome: &JobAnswer) -> bool {
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
    pub fn wants(&self, outcome: &JobAnswer) -> bool {
        self.waiting_for(outcome.task(), outcome.id())
    }

    fn slot(&mut self, task: Task) -> &mut u32 {
        match task {
            Task::Verify => &mut self.verify,
            Task::Diagnose => &mut self.diagnose,
        }
    }
}

/// Does a job: the part of what the page would otherwise have done in place that grows with the
/// body.
pub fn run(job: &Job, body: &[u8]) -> JobAnswer {
    match job.task {
        Task::Verify => {
            JobAnswer::Verified { id: job.id, facts: BodyFacts::of(&job.secret, body), counts: body_bytes::count(body) }
        }
        Task::Diagnose => {
            let headers = received_headers::parse(&job.headers_text);
            JobAnswer::Diagnosed { id: job.id, diagnoses: diagnosis::diagnose_received(&job.secret, body, &headers) }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rng::{iterations, Rng};
    use crate::verify::signature::sign;
    use crate::verify::verification::{self, ReceivedDelivery};

    fn job(task: Task, secret: &str, headers_text: &str) -> Job {
        Job { id: 7, task, secret: secret.into(), headers_text: headers_text.into() }
    }

    fn round_trip(outcome: &JobAnswer) -> JobAnswer {
        decode(&encode(outcome).unwrap()).unwrap()
    }

    /// A body of one of the kinds the page meets: a signed-looking delivery, other JSON, bytes
    /// that are not JSON (or not UTF-8), nothing at all.
    fn random_body(rng: &mut Rng) -> Vec<u8> {
        match rng.below(5) {
            0 => Vec::new(),
            1 => {
                let len = rng.below(300);
                rng.bytes(len)
            }
            2 => b"[1,2,{\"a\":\"\xe2\x80\xae\"}]\t\r\n".to_vec(),
            _ => format!(
                "{{\"id\":\"evt_{}\",\"event\":\"{}\",\"createdAt\":\"2026-07-03T14:22:10.{:03}Z\",\"payload\":{{\"code\":\"{}\"}}}}{}",
                rng.next() % 1000,
                ["otp.verified", "otp.failed", "otp.sent", "nope"][rng.below(4)],
                rng.below(1000),
                rng.below(1_000_000),
                ["", "\n", "\r\n"][rng.below(3)],
            )
            .into_bytes(),
        }
    }

    /// The headers a person might paste for that body: signed with its secret, another one, or
    /// not at all; the event, id and timestamp headers present or not.
    fn random_headers(rng: &mut Rng, secret: &str, body: &[u8]) -> String {
        let mut headers = String::new();
        match rng.below(4) {
            0 => {}
            1 => headers.push_str(&format!("x-cobinar-signature: {}\n", sign(b"whsec_other", body))),
            2 => headers.push_str("x-cobinar-signature: sha256=XYZ\n"),
            _ => headers.push_str(&format!("x-cobinar-signature: {}\n", sign(secret.as_bytes(), body))),
        }
        if rng.below(2) == 0 {
            headers.push_str("x-cobinar-event: otp.failed\nx-cobinar-event-id: evt_1\n");
        }
        if rng.below(2) == 0 {
            headers.push_str("x-cobinar-timestamp: 2026-07-03T14:22:10.000Z\n");
        }
        headers
    }

    /// The page's two paths to the same view: in place, or through the worker and the message
    /// between them (the job and the outcome each written to their wire form and read back).
    /// For random bodies, secrets and headers, the worker's answer gives the page exactly the
    /// verification, the Bytes view and the diagnoses that working in place gives.
    #[test]
    fn the_page_ends_with_what_working_in_place_gives() {
        let mut rng = Rng(0x0ff1_0ad5);
        let mut verdicts = std::collections::BTreeSet::new();
        for round in 0..iterations(600) as u32 {
            let body = random_body(&mut rng);
            let secret = ["whsec_x", "", "whsec_\"é\u{0}"][rng.below(3)];
            let headers_text = random_headers(&mut rng, secret, &body);
            let headers = received_headers::parse(&headers_text);
            let now = [None, Some(1_783_000_000_000)][rng.below(2)];
            for task in [Task::Verify, Task::Diagnose] {
                let sent = Job { id: round, task, secret: secret.into(), headers_text: headers_text.clone() };
                let received: Job = decode(&encode(&sent).unwrap()).unwrap();
                let answer: JobAnswer = decode(&encode(&run(&received, &body)).unwrap()).unwrap();
                assert_eq!(answer.id(), round);
                match answer {
                    JobAnswer::Verified { facts, counts, .. } => {
                        let in_place = verification::verify(ReceivedDelivery {
                            secret,
                            body: &body,
                            headers: &headers,
                            now_unix_millis: now,
                        });
                        verdicts.insert(in_place.verdict.as_str());
                        assert_eq!(verification::verify_facts(&facts, &headers, now), in_place, "{headers_text}");
                        assert_eq!(body_bytes::with_counts(&body, counts), body_bytes::body_bytes(&body));
                    }
                    JobAnswer::Diagnosed { diagnoses, .. } => {
                        assert_eq!(task, Task::Diagnose);
                        assert_eq!(diagnoses, diagnosis::diagnose_received(secret, &body, &headers), "{headers_text}");
                    }
                }
            }
        }
        assert_eq!(verdicts.len(), 3, "valid, invalid and incomplete deliveries were all tried: {verdicts:?}");
    }

    #[test]
    fn a_diagnosis_survives_the_trip_to_the_page() {
        let body = b"{\"id\":\"evt_1\"}";
        let with_newline = [&body[..], b"\n"].concat();
        let headers = format!("x-cobinar-signature: {}", sign(b"whsec_x", &with_newline));
        let outcome = run(&job(Task::Diagnose, "whsec_x", &headers), body);
        let JobAnswer::Diagnosed { diagnoses, .. } = &outcome else { panic!("{outcome:?}") };
        assert_eq!(diagnoses.first().map(|d| d.cause), Some(diagnosis::Cause::BodyTrailingNewline));
        assert_eq!(round_trip(&outcome), outcome);
    }

    #[test]
    fn no_signature_header_means_nothing_to_diagnose() {
        let outcome = run(&job(Task::Diagnose, "whsec_x", "x-cobinar-event: otp.verified"), b"{}");
        assert_eq!(outcome, JobAnswer::Diagnosed { id: 7, diagnoses: Vec::new() });
    }

    #[test]
    fn only_the_last_answer_still_wanted_is_taken() {
        let diagnosed = |id| JobAnswer::Diagnosed { id, diagnoses: Vec::new() };
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
        assert_eq!(decode::<JobAnswer>("{}"), None);
        assert_eq!(decode::<Job>("not json"), None);
        let short_mac = r#"{"Verified":{"id":1,"facts":{"len":2,"mac":[1,2,3],"fields":"NotAnObject"},"counts":{"lf":0,"crlf":0,"lone_cr":0,"tabs":0,"invisible":0,"non_ascii":0,"invalid_utf8":0,"control":0}}}"#;
        assert_eq!(decode::<JobAnswer>(short_mac), None, "a MAC is 32 bytes");
    }
}
