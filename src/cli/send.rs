//! `webhook-echo send`: one delivery, attempted as Cobinar attempts it.

use std::process::ExitCode;
use std::time::Instant;

use webhook_echo::echo::contract::{self, test_delivery, Answer, CameBack};
use webhook_echo::echo::endpoint::{is_local, without_credentials};
use webhook_echo::echo::retry::{self, Attempt, EndpointResponse, NetworkAnswer, Next, RetrySchedule, MAX_ATTEMPTS};
use webhook_echo::protocol::events::Event;
use webhook_echo::protocol::text::measured;

use super::check::say_compare_fingerprints;
use super::http::Client;
use super::runner::shown;
use super::secret::SecretArgs;
use super::term::{say, sentence, Paint, Progress};
use super::values::EventArg;
use super::wrap;

/// Send one signed test delivery with Cobinar's retry policy (3 attempts, 1 s then 4 s apart,
/// 8 s timeout each, one event id) and print the timeline.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  COBINAR_WEBHOOK_SECRET=whsec_… webhook-echo send http://localhost:3000/webhooks/auth --event otp.created"
)]
pub struct SendArgs {
    /// The receiver's URL
    pub url: String,
    /// The event: an active one, or a reserved one Cobinar does not deliver today
    #[arg(long, default_value = Event::OtpVerified.name())]
    pub event: EventArg,
    #[command(flatten)]
    pub secret: SecretArgs,
    /// Send to a host that is not loopback or a private address without asking
    #[arg(long)]
    pub yes: bool,
    #[command(flatten)]
    pub stack: super::StackArg,
}

pub fn run(args: &SendArgs) -> Result<ExitCode, String> {
    let EventArg(event) = args.event;
    let endpoint = super::endpoint_to_send_to(&args.url, args.yes)?;
    let Some(secret) = args.secret.read(true)? else { return Err("No webhook secret.".to_string()) };
    let delivery = test_delivery(event, super::now_unix_millis(), &super::entropy()?);
    let signed = delivery.signed(&secret);
    let paint = Paint::stdout();
    let progress = Progress::new();
    let client = Client::new(!is_local(&endpoint));
    say!("{} {} {} to {}", paint.bold("Sending"), event.name(), delivery.id, without_credentials(&endpoint.url));
    if delivery.is_reserved() {
        say!("{}", paint.warn("  a reserved event: Cobinar does not deliver it today"));
    }
    let headers: Vec<(&str, &[u8])> = signed.headers.iter().map(|(n, v)| (*n, v.as_bytes())).collect();
    let start = Instant::now();
    let mut attempts: Vec<Attempt> = Vec::with_capacity(MAX_ATTEMPTS);
    // The last refusal's status and body: where the receiver says why.
    let mut refused: Option<(u16, Vec<u8>)> = None;
    for index in 0..MAX_ATTEMPTS {
        let starts_at = elapsed(start);
        let label = format!("attempt {} waiting for an answer…", index + 1);
        let reply =
            progress.timed(&label, || client.post(&endpoint.url, headers.iter().copied(), signed.body.as_bytes()));
        let response = EndpointResponse::of_answer(NetworkAnswer::from(&reply.answer));
        let attempt =
            Attempt { number: index + 1, starts_at_millis: starts_at, ends_at_millis: elapsed(start), response };
        let heard = match &reply.answer {
            Answer::Status(status) => format!("{status} in {}", measured(reply.millis)),
            Answer::TimedOut => format!("no answer in {}", measured(reply.millis)),
            Answer::Unreachable(why) if !reply.connected => format!("no connection ({})", sentence(why)),
            Answer::Unreachable(_) => format!("no HTTP answer after {}", measured(reply.millis)),
        };
        if let Answer::Status(status) = reply.answer {
            if !attempt.delivered() {
                refused = Some((status, reply.body));
            }
        }
        let what = match (&reply.answer, response) {
            (Answer::Unreachable(_), _) => "The attempt failed.".to_string(),
            _ => attempt.what_happens(),
        };
        let what = if attempt.delivered() { paint.good(&what) } else { paint.bad(&what) };
        let when = when_sent(attempts.last(), &attempt);
        wrap::say(
            &format!("  attempt {} ", attempt.number),
            &format!("at {:>6}, {when}: {heard}. {what}", measured(starts_at)),
        );
        if let (Answer::Unreachable(why), true) = (&reply.answer, reply.connected) {
            let said = CameBack::of(&reply.came_back).sentence(&shown(&reply.came_back), why);
            wrap::say("    ", &sentence(&said));
        }
        attempts.push(attempt);
        match retry::after(&attempt) {
            Next::RetryAfter { backoff_millis } => {
                progress.wait(&format!("attempt {} in", attempt.number + 1), backoff_millis);
            }
            Next::Delivered | Next::Failed => break,
        }
    }
    let schedule = RetrySchedule::of(attempts);
    let delivered = matches!(schedule.outcome, retry::DeliveryOutcome::Delivered { .. });
    let said = schedule.outcome_sentence();
    say!("{}", if delivered { paint.good(&said) } else { paint.bad(&said) });
    if let (false, Some((status, body))) = (delivered, refused) {
        wrap::say("", &contract::refusal(status, &shown(&body), body.len()));
        say_compare_fingerprints(&secret, args.stack.choice());
    }
    Ok(if delivered { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// When an attempt was sent, as measured: "when the event is created" for the first, then the
/// time from the end of the one before to its start (the backoff, as it was waited).
fn when_sent(before: Option<&Attempt>, attempt: &Attempt) -> String {
    match before {
        None => "when the event is created".to_string(),
        Some(before) => format!(
            "{} after attempt {} ended",
            measured(attempt.starts_at_millis.saturating_sub(before.ends_at_millis)),
            before.number
        ),
    }
}

fn elapsed(start: Instant) -> u64 {
    u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_time_between_attempts_is_the_one_measured() {
        let attempt = |number, starts_at_millis, ends_at_millis| Attempt {
            number,
            starts_at_millis,
            ends_at_millis,
            response: EndpointResponse::Failure,
        };
        let (first, second, third) = (attempt(1, 0, 312), attempt(2, 1_337, 1_340), attempt(3, 5_720, 5_722));
        assert_eq!(when_sent(None, &first), "when the event is created");
        assert_eq!(when_sent(Some(&first), &second), "1.0 s after attempt 1 ended");
        // A wait that ran long (a suspended laptop, a busy machine) says so.
        assert_eq!(when_sent(Some(&second), &third), "4.4 s after attempt 2 ended");
        assert_eq!(when_sent(Some(&attempt(1, 0, 10)), &attempt(2, 900, 901)), "890 ms after attempt 1 ended");
    }
}
