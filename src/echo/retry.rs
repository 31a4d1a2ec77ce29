//! Cobinar's delivery schedule: up to 3 attempts, 1 s then 4 s between them, 8 s timeout each.

use crate::protocol::text::seconds;

/// The documentation's numbers.
pub const MAX_ATTEMPTS: usize = 3;
pub const TIMEOUT_MILLIS: u64 = 8_000;
/// The wait after a failed attempt before the next one: after the first, after the second.
pub const BACKOFF_MILLIS: [u64; MAX_ATTEMPTS - 1] = [1_000, 4_000];

/// What the receiving endpoint does with one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndpointResponse {
    /// Answers with a 2xx status: delivered.
    Success,
    /// Answers with any other status (401 for a bad signature, 500…): a failed attempt.
    Failure,
    /// Does not answer within the 8 s timeout: a failed attempt.
    NoAnswer,
}

impl EndpointResponse {
    pub const ALL: [Self; 3] = [Self::Success, Self::Failure, Self::NoAnswer];

    /// The stable name used as the choice's `value` and in `data-response`; `from_name` reads it
    /// back.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Success => "2xx",
            Self::Failure => "non-2xx",
            Self::NoAnswer => "timeout",
        }
    }

    /// The response whose `as_str` is `name`; `None` for any other text.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|response| response.as_str() == name)
    }

    /// The choice as the page words it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Success => "answers 2xx",
            Self::Failure => "answers non-2xx (401, 500…)",
            Self::NoAnswer => "no answer within 8 s",
        }
    }
}

/// One attempt as it happens. Times are from the first attempt's start; an endpoint that answers
/// is taken to answer at once, so its attempt ends where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempt {
    /// 1-based.
    pub number: usize,
    pub starts_at_millis: u64,
    pub ends_at_millis: u64,
    pub response: EndpointResponse,
}

impl Attempt {
    /// Whether this attempt delivered: a 2xx answer, and only that.
    pub fn delivered(&self) -> bool {
        self.response == EndpointResponse::Success
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryOutcome {
    Delivered { attempt: usize },
    Failed,
}

/// The attempts that happen for what the endpoint does on each, and the outcome recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetrySchedule {
    pub attempts: Vec<Attempt>,
    pub outcome: DeliveryOutcome,
    /// When the outcome is known and recorded.
    pub settled_at_millis: u64,
}

/// What follows an attempt under the policy: it was delivered, the next attempt starts after a
/// backoff, or the delivery has failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    Delivered,
    RetryAfter { backoff_millis: u64 },
    Failed,
}

/// The policy's one step: what follows `attempt` (a 2xx stops; otherwise the backoff for its
/// number, until the attempts run out). `schedule` and the command's `send` both go by it.
pub fn after(attempt: &Attempt) -> Next {
    if attempt.delivered() {
        return Next::Delivered;
    }
    match attempt.number.checked_sub(1).and_then(|index| BACKOFF_MILLIS.get(index)) {
        Some(&backoff_millis) if attempt.number < MAX_ATTEMPTS => Next::RetryAfter { backoff_millis },
        _ => Next::Failed,
    }
}

impl RetrySchedule {
    /// The outcome recorded for the attempts made: delivered on the first 2xx, failed
    /// otherwise, settled when the last one ended.
    pub fn of(attempts: Vec<Attempt>) -> Self {
        let outcome = attempts
            .iter()
            .find(|a| a.delivered())
            .map_or(DeliveryOutcome::Failed, |a| DeliveryOutcome::Delivered { attempt: a.number });
        let settled_at_millis = attempts.last().map_or(0, |a| a.ends_at_millis);
        Self { attempts, outcome, settled_at_millis }
    }
}

/// What the network said to one real attempt (`webhook-echo send`'s), before the policy counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkAnswer {
    /// An HTTP answer with this status.
    Status(u16),
    /// No connection, or the connection broke, or what came back was not HTTP.
    Unreachable,
    /// Nothing within the 8 s timeout.
    TimedOut,
}

impl EndpointResponse {
    /// What an HTTP answer counts as: a 2xx delivers, any other status fails the attempt.
    pub fn of_status(status: u16) -> Self {
        if (200..300).contains(&status) {
            Self::Success
        } else {
            Self::Failure
        }
    }

    /// What the network's answer counts as: a status as `of_status` says; a timeout is no
    /// answer (the attempt took the full 8 s); an endpoint that cannot be reached, or answers
    /// something that is not HTTP, fails the attempt at once, as a non-2xx does.
    pub fn of_answer(answer: NetworkAnswer) -> Self {
        match answer {
            NetworkAnswer::Status(status) => Self::of_status(status),
            NetworkAnswer::Unreachable => Self::Failure,
            NetworkAnswer::TimedOut => Self::NoAnswer,
        }
    }
}

/// `responses[i]` is what the endpoint does on attempt `i + 1`; attempts after a delivered one
/// never happen, and their responses are ignored.
pub fn schedule(responses: [EndpointResponse; MAX_ATTEMPTS]) -> RetrySchedule {
    let mut attempts = Vec::with_capacity(MAX_ATTEMPTS);
    let mut starts_at = 0;
    for (index, response) in responses.into_iter().enumerate() {
        let duration = if response == EndpointResponse::NoAnswer { TIMEOUT_MILLIS } else { 0 };
        let attempt =
            Attempt { number: index + 1, starts_at_millis: starts_at, ends_at_millis: starts_at + duration, response };
        attempts.push(attempt);
        match after(&attempt) {
            Next::RetryAfter { backoff_millis } => starts_at = attempt.ends_at_millis + backoff_millis,
            Next::Delivered | Next::Failed => break,
        }
    }
    RetrySchedule::of(attempts)
}

impl Attempt {
    /// When it is sent: "when the event is created", "4 s after attempt 1 ended".
    pub fn when_sent(&self) -> String {
        match self.number.checked_sub(2).and_then(|i| BACKOFF_MILLIS.get(i)) {
            None => "when the event is created".to_string(),
            Some(backoff) => format!("{} after attempt {} ended", seconds(*backoff), self.number - 1),
        }
    }

    /// What the endpoint does with it, and what that means.
    pub fn what_happens(&self) -> String {
        match self.response {
            EndpointResponse::Success => "Answers 2xx: delivered.".to_string(),
            EndpointResponse::Failure => "Answers non-2xx: the attempt failed.".to_string(),
            EndpointResponse::NoAnswer => format!("No answer: it times out at {}.", seconds(self.ends_at_millis)),
        }
    }
}

impl RetrySchedule {
    /// What the console records, as its Webhooks page would say it.
    pub fn outcome_sentence(&self) -> String {
        match self.outcome {
            DeliveryOutcome::Delivered { attempt } => {
                format!("Delivered on attempt {attempt}, {} after the event.", seconds(self.settled_at_millis))
            }
            DeliveryOutcome::Failed => format!(
                "Failed after {} attempts; known {} after the event.",
                self.attempts.len(),
                seconds(self.settled_at_millis)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::EndpointResponse::{Failure as F, NoAnswer as T, Success as S};
    use super::*;

    #[track_caller]
    fn check(responses: [EndpointResponse; 3], starts: &[u64], outcome: DeliveryOutcome, settled: u64) {
        let schedule = schedule(responses);
        let got: Vec<u64> = schedule.attempts.iter().map(|a| a.starts_at_millis).collect();
        assert_eq!((got.as_slice(), schedule.outcome, schedule.settled_at_millis), (starts, outcome, settled));
    }

    #[test]
    fn the_documented_schedule() {
        check([S, F, F], &[0], DeliveryOutcome::Delivered { attempt: 1 }, 0);
        check([F, S, S], &[0, 1_000], DeliveryOutcome::Delivered { attempt: 2 }, 1_000);
        check([F, F, S], &[0, 1_000, 5_000], DeliveryOutcome::Delivered { attempt: 3 }, 5_000);
        check([F, F, F], &[0, 1_000, 5_000], DeliveryOutcome::Failed, 5_000);
        // A timeout uses the full 8 s before the backoff starts.
        check([T, S, F], &[0, 9_000], DeliveryOutcome::Delivered { attempt: 2 }, 9_000);
        check([T, T, T], &[0, 9_000, 21_000], DeliveryOutcome::Failed, 29_000);
        check([F, T, S], &[0, 1_000, 13_000], DeliveryOutcome::Delivered { attempt: 3 }, 13_000);
    }

    #[test]
    fn never_more_than_three_attempts() {
        for a in EndpointResponse::ALL {
            for b in EndpointResponse::ALL {
                for c in EndpointResponse::ALL {
                    let schedule = schedule([a, b, c]);
                    assert!((1..=MAX_ATTEMPTS).contains(&schedule.attempts.len()));
                    let delivered = schedule.attempts.iter().filter(|a| a.delivered()).count();
                    assert_eq!(delivered, usize::from(matches!(schedule.outcome, DeliveryOutcome::Delivered { .. })));
                }
            }
        }
    }

    #[test]
    fn the_timeline_in_words() {
        let timed_out = schedule([T, F, S]);
        let said: Vec<(String, String)> =
            timed_out.attempts.iter().map(|a| (a.when_sent(), a.what_happens())).collect();
        assert_eq!(
            said,
            [
                ("when the event is created".into(), "No answer: it times out at 8 s.".into()),
                ("1 s after attempt 1 ended".into(), "Answers non-2xx: the attempt failed.".into()),
                ("4 s after attempt 2 ended".into(), "Answers 2xx: delivered.".into()),
            ]
        );
        assert_eq!(timed_out.outcome_sentence(), "Delivered on attempt 3, 13 s after the event.");
        assert_eq!(schedule([T, T, T]).outcome_sentence(), "Failed after 3 attempts; known 29 s after the event.");
    }

    #[test]
    fn one_step_of_the_policy() {
        let attempt = |number, response| Attempt { number, starts_at_millis: 0, ends_at_millis: 0, response };
        assert_eq!(after(&attempt(1, S)), Next::Delivered);
        assert_eq!(after(&attempt(3, S)), Next::Delivered);
        assert_eq!(after(&attempt(1, F)), Next::RetryAfter { backoff_millis: 1_000 });
        assert_eq!(after(&attempt(2, T)), Next::RetryAfter { backoff_millis: 4_000 });
        assert_eq!(after(&attempt(3, F)), Next::Failed);
        assert_eq!(after(&attempt(4, T)), Next::Failed);
        assert_eq!(EndpointResponse::of_status(204), S);
        assert_eq!(EndpointResponse::of_status(302), F);
        assert_eq!(EndpointResponse::of_status(199), F);
        assert_eq!(EndpointResponse::of_answer(NetworkAnswer::Status(200)), S);
        assert_eq!(EndpointResponse::of_answer(NetworkAnswer::Status(500)), F);
        assert_eq!(EndpointResponse::of_answer(NetworkAnswer::Unreachable), F);
        assert_eq!(EndpointResponse::of_answer(NetworkAnswer::TimedOut), T);
        // Unreachable fails at once and is retried after the short backoff; a timeout first
        // uses its 8 s.
        let first = |response| Attempt { number: 1, starts_at_millis: 0, ends_at_millis: 0, response };
        let unreachable = first(EndpointResponse::of_answer(NetworkAnswer::Unreachable));
        assert_eq!(after(&unreachable), Next::RetryAfter { backoff_millis: 1_000 });
        assert_eq!(
            schedule([EndpointResponse::of_answer(NetworkAnswer::TimedOut), S, S]).attempts[1].starts_at_millis,
            9_000
        );
        let recorded = RetrySchedule::of(vec![
            Attempt { number: 1, starts_at_millis: 0, ends_at_millis: 30, response: F },
            Attempt { number: 2, starts_at_millis: 1_030, ends_at_millis: 1_050, response: S },
        ]);
        assert_eq!((recorded.outcome, recorded.settled_at_millis), (DeliveryOutcome::Delivered { attempt: 2 }, 1_050));
        assert_eq!(RetrySchedule::of(Vec::new()).outcome, DeliveryOutcome::Failed);
    }
}
