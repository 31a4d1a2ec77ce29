//! Sends requests of `check` and `replay` and judges each answer: groups of requests, each
//! group in order on one connection at a time, up to `WORKERS` groups at once, every answer
//! judged by the core (`contract::judge`, `contract::judge_fixture`).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use webhook_echo::echo::contract::{self, answer_text, Answer, CameBack, CaseId, CaseRef, CaseResult, Grade};
use webhook_echo::echo::replay::Request;
use webhook_echo::share::fixture::CaseFields;
use webhook_echo::stacks::Choice;

use super::http::{Client, Reply};
use super::term::{sentence, value};

/// Groups sent at once: every built-in case of `check` at once, as Cobinar's deliveries arrive,
/// and a folder of fixtures a few dozen at a time rather than a thread each.
const WORKERS: usize = 24;

/// How an answer is judged.
#[derive(Debug, Clone)]
pub enum Judge {
    Contract(CaseId),
    Fixture(String, CaseFields),
}

impl Judge {
    pub fn case(&self) -> CaseRef {
        match self {
            Self::Contract(case) => CaseRef::Contract(*case),
            Self::Fixture(name, _) => CaseRef::Fixture(name.clone()),
        }
    }

    /// The core's judgement of `reply`: a connection that gave no HTTP answer is named by what
    /// came back; a refusal carries the start of its body, where the receiver says why.
    fn judge(&self, reply: &Reply, choice: Choice) -> CaseResult {
        if let (Answer::Unreachable(why), true) = (&reply.answer, reply.connected) {
            let came_back = CameBack::of(&reply.came_back);
            let said = came_back.sentence(&shown(&reply.came_back), why);
            return contract::no_http_answer(self.case(), came_back, said, reply.millis);
        }
        let mut result = match self {
            Self::Contract(case) => contract::judge(*case, &reply.answer, reply.millis, choice),
            Self::Fixture(name, fields) => contract::judge_fixture(name, *fields, &reply.answer, reply.millis, choice),
        };
        if result.grade != Grade::Pass && !reply.body.is_empty() {
            result.answer = Some(shown(&reply.body));
        }
        result
    }
}

/// The first bytes of what someone else's server sent, as text safe to print (`term::value`).
pub fn shown(bytes: &[u8]) -> String {
    value(&answer_text(bytes))
}

/// One request to send and how to judge its answer.
#[derive(Debug, Clone)]
pub struct Job {
    pub judge: Judge,
    pub request: Request,
}

/// What came back for one request: its case, the answer, whether it connected, and for a
/// connection that gave no HTTP answer, what it said instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered {
    pub case: CaseRef,
    pub answer: Answer,
    pub connected: bool,
    /// `CameBack::sentence` for an answer that is not HTTP.
    pub broken: Option<(CameBack, String)>,
}

/// Sends every group to `url` and judges each answer. Results come back in the groups' order;
/// a group whose thread panicked (a bug in webhook-echo) fails each of its cases with a sentence
/// that says so, rather than leaving them out.
pub fn run(client: &Client, url: &str, groups: &[Vec<Job>], choice: Choice) -> (Vec<Answered>, Vec<CaseResult>) {
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<Option<GroupOutcome>>> = Mutex::new((0..groups.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..WORKERS.min(groups.len()) {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::SeqCst);
                let Some(group) = groups.get(index) else { break };
                let outcome =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| send_group(client, url, group, choice)));
                let mut done = done.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                done[index] = Some(outcome);
            });
        }
    });
    let done = done.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    gather(groups.iter().map(|g| g.iter().map(|job| job.judge.case()).collect()).zip(done).collect())
}

fn send_group(client: &Client, url: &str, group: &[Job], choice: Choice) -> Vec<(Answered, CaseResult)> {
    group
        .iter()
        .map(|job| {
            let headers = job.request.headers.iter().map(|(n, v)| (n.as_str(), v.as_bytes()));
            let reply = client.post(url, headers, &job.request.body);
            let result = job.judge.judge(&reply, choice);
            let broken = match (&reply.answer, reply.connected) {
                (Answer::Unreachable(_), true) => Some((CameBack::of(&reply.came_back), result.message.clone())),
                _ => None,
            };
            let case = job.judge.case();
            (Answered { case, answer: reply.answer, connected: reply.connected, broken }, result)
        })
        .collect()
}

/// What a group's thread brought back: each request's answer and result, or its panic.
type GroupOutcome = std::thread::Result<Vec<(Answered, CaseResult)>>;
type Joined = (Vec<CaseRef>, Option<GroupOutcome>);

fn gather(joined: Vec<Joined>) -> (Vec<Answered>, Vec<CaseResult>) {
    let mut answers = Vec::new();
    let mut results = Vec::new();
    for (cases, outcome) in joined {
        match outcome {
            Some(Ok(answered)) => {
                for (answer, result) in answered {
                    answers.push(answer);
                    results.push(result);
                }
            }
            Some(Err(panic)) => {
                let why = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "no message".to_string());
                results.extend(cases.into_iter().map(|case| lost(case, &why)));
            }
            None => results.extend(cases.into_iter().map(|case| lost(case, "it never ran"))),
        }
    }
    (answers, results)
}

fn lost(case: CaseRef, why: &str) -> CaseResult {
    CaseResult {
        case,
        grade: Grade::Fail,
        status: None,
        millis: 0,
        message: format!(
            "webhook-echo's own thread for this case stopped before it had an answer ({}): a bug in webhook-echo, not in the receiver; please report it.",
            sentence(why)
        ),
        cause: None,
        fix: None,
        answer: None,
    }
}

/// The reason, when no case could connect to the receiver at all (an answer, even a broken one,
/// is a connection).
pub fn unreachable_everywhere(answers: &[Answered]) -> Option<&str> {
    let mut reasons = answers.iter().map(|answered| match &answered.answer {
        Answer::Unreachable(why) if !answered.connected => Some(why.as_str()),
        Answer::Unreachable(_) | Answer::Status(_) | Answer::TimedOut => None,
    });
    let first = reasons.next()??;
    reasons.all(|r| r.is_some()).then_some(first)
}

/// What came back, when every case connected and got the same kind of answer that is not HTTP
/// (the first case's words for it): one line says it rather than a row per case.
pub fn no_http_everywhere(answers: &[Answered]) -> Option<&(CameBack, String)> {
    let first = answers.first()?.broken.as_ref()?;
    answers.iter().all(|a| a.broken.as_ref().is_some_and(|(kind, _)| *kind == first.0)).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_whose_thread_panicked_is_reported_as_failed_not_left_out() {
        let verified = contract::judge(CaseId::WrongSecret, &Answer::Status(401), 12, Choice::Any);
        let case = CaseRef::Contract(CaseId::WrongSecret);
        let answered = vec![(Answered { case, answer: Answer::Status(401), connected: true, broken: None }, verified)];
        let panicked = std::panic::catch_unwind(|| -> Vec<(Answered, CaseResult)> {
            std::panic::panic_any("index out of bounds")
        });
        let joined = vec![
            (vec![CaseRef::Contract(CaseId::GenuineOtpCreated), CaseRef::Contract(CaseId::Duplicate)], Some(panicked)),
            (vec![CaseRef::Contract(CaseId::WrongSecret)], Some(Ok(answered))),
            (vec![CaseRef::Fixture("a.json".into())], None),
        ];
        let (answers, results) = gather(joined);
        assert_eq!(answers.len(), 1);
        let cases: Vec<String> = results.iter().map(|r| r.case.id()).collect();
        assert_eq!(cases, ["genuine-otp.created", "duplicate", "wrong-secret", "fixture:a.json"]);
        for lost in [&results[0], &results[1]] {
            assert_eq!(lost.grade, Grade::Fail, "{lost:?}");
            assert!(
                lost.message.contains("index out of bounds") && lost.message.contains("a bug in webhook-echo"),
                "{}",
                lost.message
            );
        }
        assert_eq!(results[2].grade, Grade::Pass, "{:?}", results[2]);
        assert_eq!(results[3].grade, Grade::Fail);
        assert!(contract::any_failed(&results));
    }
}
