//! The worker's answers (see `crate::diagnose::offload`) and which input they belong to: an
//! answer is taken only for the last job of its task, still wanted; one for a body since
//! replaced, or for input since changed, is dropped however late it comes. Once the worker
//! fails, the page works in place and says why.

use crate::diagnose::diagnosis::Diagnosis;
use crate::diagnose::offload::{Awaited, JobAnswer, Task};
use crate::inspect::body_bytes::Counts;
use crate::verify::verification::BodyFacts;

/// What the worker answered for the body (and secret) of the last verify job.
pub type Verified = (BodyFacts, Counts);

/// Why the page no longer hands large bodies to its worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkerFailure {
    /// The browser gave no worker, or the page could not tell it which module to load.
    NotStarted,
    /// The worker said it could not load the page's module.
    StartFailed,
    /// The worker started but could not do a job it was given (it answered `job-failed`).
    JobFailed,
    /// The worker's script or module failed (its `error` event, with the browser's message).
    Failed(String),
    /// A message to or from the worker could not be passed (`messageerror`, a refused post).
    MessageLost,
}

impl WorkerFailure {
    /// What the page and the console say.
    pub fn sentence(&self) -> String {
        let why = match self {
            Self::NotStarted => "could not be started".to_string(),
            Self::StartFailed => "could not load the page's module".to_string(),
            Self::JobFailed => "could not work on this body".to_string(),
            Self::Failed(message) if message.is_empty() => "failed".to_string(),
            Self::Failed(message) => format!("failed ({message})"),
            Self::MessageLost => "lost a message".to_string(),
        };
        format!(
            "The background worker for large bodies {why}. Large bodies are now checked on the page \
             itself, which may pause it while it works."
        )
    }
}

/// What changed for the page's readers after a transition.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changed {
    pub verified: bool,
    pub diagnosed: bool,
}

/// The worker's answers the page holds, the ones it still waits for, and its failure.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    awaited: Awaited,
    verified: Option<Verified>,
    diagnosed: Option<Vec<Diagnosis>>,
    failure: Option<WorkerFailure>,
}

impl Answers {
    /// A job of `task` goes to the worker: its id, from now on the one answer wanted for the
    /// task; `None` once the worker failed, and the page does the job itself. The causes found
    /// for older input go at once; the last verify answer stays up until `slow`.
    pub fn send(&mut self, task: Task) -> Option<(u32, Changed)> {
        if self.failure.is_some() {
            return None;
        }
        let id = self.awaited.send(task);
        let changed = match task {
            Task::Verify => Changed::default(),
            Task::Diagnose => Changed { diagnosed: self.diagnosed.take().is_some(), ..Changed::default() },
        };
        Some((id, changed))
    }

    /// The verify job `id` has taken long enough that the last verdict may no longer stand for
    /// the new input: dropped, if that job is still the one awaited.
    pub fn slow(&mut self, id: u32) -> Changed {
        if !self.awaited.waiting_for(Task::Verify, id) {
            return Changed::default();
        }
        Changed { verified: self.verified.take().is_some(), ..Changed::default() }
    }

    /// Nothing of `task` is wanted any more, kept or to come: its input is gone, or is handled
    /// in place.
    pub fn forget(&mut self, task: Task) -> Changed {
        self.awaited.forget(task);
        match task {
            Task::Verify => Changed { verified: self.verified.take().is_some(), ..Changed::default() },
            Task::Diagnose => Changed { diagnosed: self.diagnosed.take().is_some(), ..Changed::default() },
        }
    }

    /// The program put another body on the page (a link, a file, an import, the example): the
    /// verify answer for the one it replaced must not stand in for it, even for a moment, for it
    /// may be under another provenance. The caller asks again.
    pub fn refilled(&mut self) -> Changed {
        Changed { verified: self.verified.take().is_some(), ..Changed::default() }
    }

    /// An answer from the worker: kept if it answers the last job of its task, still wanted;
    /// dropped (nothing changes) if it answers input that is gone.
    pub fn receive(&mut self, outcome: JobAnswer) -> Changed {
        if !self.awaited.take(&outcome) {
            return Changed::default();
        }
        match outcome {
            JobAnswer::Verified { facts, counts, .. } => {
                self.verified = Some((facts, counts));
                Changed { verified: true, ..Changed::default() }
            }
            JobAnswer::Diagnosed { diagnoses, .. } => {
                self.diagnosed = Some(diagnoses);
                Changed { diagnosed: true, ..Changed::default() }
            }
        }
    }

    /// The worker failed: from now on the page works in place. The first failure is the one
    /// said; `true` when this is it.
    pub fn fail(&mut self, failure: WorkerFailure) -> bool {
        if self.failure.is_some() {
            return false;
        }
        self.failure = Some(failure);
        true
    }

    pub fn verified(&self) -> Option<&Verified> {
        self.verified.as_ref()
    }

    pub fn diagnosed(&self) -> Option<&[Diagnosis]> {
        self.diagnosed.as_deref()
    }

    pub fn failure(&self) -> Option<&WorkerFailure> {
        self.failure.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::offload::run;
    use crate::diagnose::offload::Job;

    fn answer(task: Task, id: u32, body: &[u8]) -> JobAnswer {
        // Signed with a trailing newline the body lacks: a cause the search finds.
        let signature = crate::verify::signature::sign(b"whsec_s", &[body, b"\n"].concat());
        let headers_text = format!("x-cobinar-signature: {signature}\n");
        run(&Job { id, task, secret: "whsec_s".into(), headers_text }, body)
    }

    fn sent(answers: &mut Answers, task: Task) -> u32 {
        answers.send(task).expect("the worker has not failed").0
    }

    fn facts(body: &[u8]) -> BodyFacts {
        BodyFacts::of("whsec_s", body)
    }

    fn verified_len(answers: &Answers) -> Option<usize> {
        answers.verified().map(|(facts, _)| facts.len)
    }

    #[test]
    fn an_answer_for_the_last_job_is_kept() {
        let mut answers = Answers::default();
        let id = sent(&mut answers, Task::Verify);
        let changed = answers.receive(answer(Task::Verify, id, b"{}"));
        assert_eq!(changed, Changed { verified: true, diagnosed: false });
        assert_eq!(answers.verified().map(|(f, _)| f), Some(&facts(b"{}")));
        assert_eq!(answers.receive(answer(Task::Verify, id, b"{}")), Changed::default(), "a copy is not taken twice");
    }

    #[test]
    fn an_answer_for_an_older_body_arriving_late_is_dropped() {
        let mut answers = Answers::default();
        let old = sent(&mut answers, Task::Verify);
        // A link puts another body on the page before the worker answers for the old one.
        assert_eq!(answers.refilled(), Changed::default(), "nothing was shown yet");
        let new = sent(&mut answers, Task::Verify);
        assert_eq!(answers.receive(answer(Task::Verify, old, b"old")), Changed::default());
        assert_eq!(answers.verified(), None, "the old body's facts never stand for the new one");
        answers.receive(answer(Task::Verify, new, b"new!"));
        assert_eq!(verified_len(&answers), Some(4));
        // And one arriving after the new answer does not replace it.
        assert_eq!(answers.receive(answer(Task::Verify, old, b"old")), Changed::default());
        assert_eq!(verified_len(&answers), Some(4));
    }

    #[test]
    fn another_body_drops_the_answer_shown_for_the_one_it_replaced() {
        let mut answers = Answers::default();
        let id = sent(&mut answers, Task::Verify);
        answers.receive(answer(Task::Verify, id, b"shared"));
        assert_eq!(answers.refilled(), Changed { verified: true, diagnosed: false });
        assert_eq!(answers.verified(), None);
        assert_eq!(answers.refilled(), Changed::default(), "nothing left to drop");
    }

    #[test]
    fn the_last_verdict_stands_until_the_worker_is_slow() {
        let mut answers = Answers::default();
        let first = sent(&mut answers, Task::Verify);
        answers.receive(answer(Task::Verify, first, b"ab"));
        let second = sent(&mut answers, Task::Verify);
        assert_eq!(verified_len(&answers), Some(2), "sending keeps the last answer up");
        // The timer of the first job fires late: that job is answered, nothing changes.
        assert_eq!(answers.slow(first), Changed::default());
        assert_eq!(verified_len(&answers), Some(2));
        assert_eq!(answers.slow(second), Changed { verified: true, diagnosed: false });
        assert_eq!(answers.verified(), None, "the page says it is checking");
        assert_eq!(answers.slow(second), Changed::default());
    }

    #[test]
    fn a_quick_answer_outlives_its_timer() {
        let mut answers = Answers::default();
        let id = sent(&mut answers, Task::Verify);
        answers.receive(answer(Task::Verify, id, b"ab"));
        assert_eq!(answers.slow(id), Changed::default());
        assert_eq!(verified_len(&answers), Some(2));
    }

    #[test]
    fn a_new_search_drops_the_causes_found_for_older_input() {
        let mut answers = Answers::default();
        let first = sent(&mut answers, Task::Diagnose);
        let found = answer(Task::Diagnose, first, b"{}");
        let JobAnswer::Diagnosed { diagnoses, .. } = found.clone() else { unreachable!("a diagnose job") };
        assert!(!diagnoses.is_empty(), "a wrong signature over a body has causes to try");
        assert_eq!(answers.receive(found), Changed { verified: false, diagnosed: true });
        assert_eq!(answers.diagnosed(), Some(&diagnoses[..]));
        let (second, changed) = answers.send(Task::Diagnose).expect("not failed");
        assert_eq!(changed, Changed { verified: false, diagnosed: true });
        assert_eq!(answers.diagnosed(), None);
        assert_eq!(answers.receive(answer(Task::Diagnose, first, b"{}")), Changed::default(), "late, for older input");
        assert_eq!(answers.send(Task::Diagnose).map(|(_, c)| c), Some(Changed::default()), "nothing to drop");
        assert_eq!(answers.receive(answer(Task::Diagnose, second, b"{}")), Changed::default(), "superseded");
    }

    #[test]
    fn forgetting_drops_what_was_kept_and_what_is_to_come() {
        let mut answers = Answers::default();
        let verify = sent(&mut answers, Task::Verify);
        let search = sent(&mut answers, Task::Diagnose);
        answers.receive(answer(Task::Verify, verify, b"{}"));
        assert_eq!(answers.forget(Task::Diagnose), Changed::default(), "no causes kept yet");
        assert_eq!(answers.receive(answer(Task::Diagnose, search, b"{}")), Changed::default());
        assert!(answers.verified().is_some(), "forgetting one task leaves the other");
        assert_eq!(answers.forget(Task::Verify), Changed { verified: true, diagnosed: false });
        assert_eq!(answers.verified(), None);
        let search = sent(&mut answers, Task::Diagnose);
        answers.receive(answer(Task::Diagnose, search, b"{}"));
        assert_eq!(answers.forget(Task::Diagnose), Changed { verified: false, diagnosed: true });
        assert_eq!(answers.forget(Task::Verify), Changed::default());
    }

    #[test]
    fn after_a_failure_nothing_is_sent_and_the_first_failure_is_said() {
        let mut answers = Answers::default();
        assert_eq!(answers.failure(), None);
        assert!(answers.fail(WorkerFailure::MessageLost));
        assert!(!answers.fail(WorkerFailure::NotStarted), "said once");
        assert_eq!(answers.failure(), Some(&WorkerFailure::MessageLost));
        assert_eq!(answers.send(Task::Verify), None);
        assert_eq!(answers.send(Task::Diagnose), None);
    }

    #[test]
    fn each_failure_says_what_went_wrong_and_what_the_page_does_now() {
        let cases = [
            (WorkerFailure::NotStarted, "could not be started"),
            (WorkerFailure::StartFailed, "could not load the page's module"),
            (WorkerFailure::JobFailed, "could not work on this body"),
            (
                WorkerFailure::Failed("Uncaught RuntimeError: unreachable".into()),
                "failed (Uncaught RuntimeError: unreachable)",
            ),
            (WorkerFailure::Failed(String::new()), "for large bodies failed."),
            (WorkerFailure::MessageLost, "lost a message"),
        ];
        for (failure, said) in cases {
            let sentence = failure.sentence();
            assert!(sentence.contains(said), "{sentence}");
            assert!(sentence.contains("checked on the page itself"), "{sentence}");
        }
    }
}
