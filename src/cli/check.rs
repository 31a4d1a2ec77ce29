//! `webhook-echo check`: the receiver's contract, case by case, over HTTP.

use std::process::ExitCode;

use webhook_echo::echo::contract::{
    self, any_failed, is_local, judge, probes, without_credentials, Answer, CaseId, CaseResult, Outcome, Probe,
};
use webhook_echo::protocol::text::measured;
use webhook_echo::stacks::Choice;

use super::http::Client;
use super::secret::SecretArgs;
use super::term::{say, sentence, Paint, Progress};

/// Check a receiver against Cobinar's contract: genuine deliveries accepted, retries
/// acknowledged, forgeries rejected with 401, reserved events acknowledged, stale deliveries
/// and slow answers flagged.
#[derive(Debug, clap::Args)]
#[command(after_help = "Cases: genuine-otp.created, genuine-otp.verified, genuine-otp.failed, genuine-otp.expired,
duplicate, tampered-body, wrong-secret, missing-signature, reserialized-body, trailing-newline,
reserved-event, stale-delivery, slow. Exit code 0 when no case fails (warnings allowed), 1 when one does.

Example:
  webhook-echo check http://localhost:3000/webhooks/auth --secret-env COBINAR_WEBHOOK_SECRET --json")]
pub struct CheckArgs {
    /// The receiver's URL
    pub url: String,
    #[command(flatten)]
    pub secret: SecretArgs,
    /// Print {"cases":[{"id","outcome","status","ms","message","cause","fix"}]} instead of the report card
    /// (cause and fix where the case names them)
    #[arg(long)]
    pub json: bool,
    /// Send to a host that is not loopback or a private address without asking
    #[arg(long)]
    pub yes: bool,
    #[command(flatten)]
    pub stack: super::StackArg,
}

pub fn run(args: &CheckArgs) -> Result<ExitCode, String> {
    let endpoint = super::endpoint_to_send_to(&args.url, args.yes)?;
    let Some(secret) = args.secret.read(true)? else { return Err("No webhook secret.".to_string()) };
    let mut entropies = Vec::with_capacity(CaseId::ALL.len());
    for _ in CaseId::ALL {
        entropies.push(super::entropy()?);
    }
    let mut next = entropies.into_iter();
    let all = probes(&secret, super::now_unix_millis(), || next.next().unwrap_or([0; 48]));
    // Each case on its own connection, at once, as Cobinar's deliveries arrive; a case that must
    // follow another (the retry after its delivery) runs after it, on the same thread.
    let mut groups: Vec<Vec<Probe>> = Vec::new();
    for probe in all {
        let home = probe.case.after().and_then(|after| groups.iter().position(|g| g.iter().any(|p| p.case == after)));
        match home {
            Some(index) => groups[index].push(probe),
            None => groups.push(vec![probe]),
        }
    }
    let client = Client::new(!is_local(&endpoint));
    let progress = Progress::new();
    let url = endpoint.url.as_str();
    let shown_url = without_credentials(url);
    let label = format!("checking {} cases against {shown_url}:", CaseId::ALL.len());
    let joined: Vec<(Vec<CaseId>, std::thread::Result<Vec<Answered>>)> = progress.timed(&label, || {
        std::thread::scope(|scope| {
            let handles: Vec<_> = groups
                .iter()
                .map(|group| {
                    let client = &client;
                    scope.spawn(move || {
                        group
                            .iter()
                            .map(|probe| {
                                let headers = probe.headers.iter().map(|(n, v)| (*n, v.as_bytes()));
                                let reply = client.post(url, headers, &probe.body);
                                (probe.case, reply.answer, reply.millis, reply.connected)
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            let cases = groups.iter().map(|group| group.iter().map(|probe| probe.case).collect());
            cases.zip(handles.into_iter().map(|h| h.join())).collect()
        })
    });
    let (answers, results) = gather(joined, args.stack.choice());
    if results.len() != CaseId::ALL.len() {
        return Err("A case's request thread stopped without an answer.".to_string());
    }
    let lost = answers.len() < results.len();
    if args.json {
        say!("{}", contract::to_json(&results));
    } else if let Some(why) = unreachable_everywhere(&answers).filter(|_| !lost) {
        // Thirteen identical rows would hide the one thing to do.
        let paint = Paint::stdout();
        say!(
            "{} no connection to {shown_url} ({}): start the receiver, and check the URL's host, port and path.",
            paint.outcome(contract::Outcome::Fail),
            sentence(why)
        );
    } else {
        let paint = Paint::stdout();
        say!("{} {shown_url}", paint.bold("Receiver contract of"));
        for result in &results {
            let status = result.status.map_or("---".to_string(), |s| s.to_string());
            say!(
                "  {}  {:<20} {:>3} {:>8}  {}",
                paint.outcome(result.outcome),
                result.case.as_str(),
                status,
                measured(result.millis),
                sentence(&result.message)
            );
            if let Some(cause) = &result.cause {
                say!("        {} {cause}", paint.dim("cause:"));
            }
            if let Some(fix) = &result.fix {
                say!("        {} {fix}", paint.dim("fix:  "));
            }
        }
        say!("{}", paint.bold(&contract::summary(&results)));
    }
    Ok(if any_failed(&results) { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// A case's answer, how many milliseconds it took, and whether it connected.
type Answered = (CaseId, Answer, u64, bool);

/// The answers each group's thread brought back, and every case's result in `CaseId::ALL`'s
/// order. A thread that panicked (a bug; it should never happen) fails each of its cases with a
/// sentence that says so, rather than leaving them out.
fn gather(
    joined: Vec<(Vec<CaseId>, std::thread::Result<Vec<Answered>>)>,
    choice: Choice,
) -> (Vec<Answered>, Vec<CaseResult>) {
    let mut answers = Vec::new();
    let mut results = Vec::new();
    for (cases, outcome) in joined {
        match outcome {
            Ok(answered) => {
                results.extend(answered.iter().map(|(case, answer, millis, _)| judge(*case, answer, *millis, choice)));
                answers.extend(answered);
            }
            Err(panic) => {
                let why = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "no message".to_string());
                results.extend(cases.into_iter().map(|case| CaseResult {
                    case,
                    outcome: Outcome::Fail,
                    status: None,
                    millis: 0,
                    message: format!(
                        "webhook-echo's own thread for this case stopped before it had an answer ({}): a bug in webhook-echo, not in the receiver; please report it.",
                        sentence(&why)
                    ),
                    cause: None,
                    fix: None,
                }));
            }
        }
    }
    let order = |case: &CaseId| CaseId::ALL.iter().position(|c| c == case);
    answers.sort_by_key(|(case, _, _, _)| order(case));
    results.sort_by_key(|result| order(&result.case));
    (answers, results)
}

/// The reason, when no case could connect to the receiver at all (an answer, even a broken one,
/// is a connection).
fn unreachable_everywhere(answers: &[(CaseId, Answer, u64, bool)]) -> Option<&str> {
    let mut reasons = answers.iter().map(|(_, answer, _, connected)| match answer {
        Answer::Unreachable(why) if !connected => Some(why.as_str()),
        Answer::Unreachable(_) | Answer::Status(_) | Answer::TimedOut => None,
    });
    let first = reasons.next()??;
    reasons.all(|r| r.is_some()).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_whose_thread_panicked_is_reported_as_failed_not_left_out() {
        let answered = vec![(CaseId::WrongSecret, Answer::Status(401), 12, true)];
        let panicked = std::panic::catch_unwind(|| -> Vec<Answered> { std::panic::panic_any("index out of bounds") });
        let joined = vec![
            (vec![CaseId::WrongSecret], Ok(answered)),
            (vec![CaseId::GenuineOtpCreated, CaseId::Duplicate], panicked),
        ];
        let (answers, results) = gather(joined, Choice::Any);
        assert_eq!(answers.len(), 1);
        let cases: Vec<CaseId> = results.iter().map(|r| r.case).collect();
        assert_eq!(cases, [CaseId::GenuineOtpCreated, CaseId::Duplicate, CaseId::WrongSecret]);
        for lost in &results[..2] {
            assert_eq!(lost.outcome, Outcome::Fail, "{lost:?}");
            assert!(
                lost.message.contains("index out of bounds") && lost.message.contains("a bug in webhook-echo"),
                "{}",
                lost.message
            );
        }
        assert_eq!(results[2].outcome, Outcome::Pass, "{:?}", results[2]);
        assert!(any_failed(&results));
    }
}
