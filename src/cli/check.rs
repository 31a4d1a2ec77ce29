//! `webhook-echo check`: the receiver's contract, case by case, over HTTP.

use std::process::ExitCode;

use std::path::PathBuf;

use webhook_echo::echo::contract::{self, any_failed, probes, refused_genuine, CaseId, CaseRef, CaseResult};
use webhook_echo::echo::delivery::ENTROPY_LEN;
use webhook_echo::echo::endpoint::{is_local, without_credentials};
use webhook_echo::echo::replay::{Bytes, Request};
use webhook_echo::protocol::text::measured;
use webhook_echo::stacks::Choice;
use webhook_echo::verify::fingerprint::fingerprint;

use super::fixtures;
use super::http::Client;
use super::runner::{self, no_http_everywhere, unreachable_everywhere, Job, Judge};
use super::secret::SecretArgs;
use super::term::{say, sentence, value, Paint, Progress};
use super::wrap;

/// Check a receiver against Cobinar's contract: genuine deliveries accepted, retries
/// acknowledged, forgeries rejected with 401, reserved events acknowledged, stale deliveries
/// and slow answers flagged.
#[derive(Debug, clap::Args)]
#[command(after_help = after_help())]
pub struct CheckArgs {
    /// The receiver's URL
    pub url: String,
    #[command(flatten)]
    pub secret: SecretArgs,
    /// Print {"cases":[{"id","outcome","status","ms","message","cause","fix","answer"}]} instead of the
    /// report card (cause and fix where the case names them; answer, a refusal's first bytes, escaped)
    #[arg(long)]
    pub json: bool,
    /// Send to a host that is not loopback or a private address without asking
    #[arg(long)]
    pub yes: bool,
    /// Also replay each fixture of this folder (or file) as a case, judged by its expect; repeat it for more
    #[arg(long = "fixtures", value_name = "DIR")]
    pub fixtures: Vec<PathBuf>,
    /// Write every case as JUnit XML to FILE, for CI systems to show
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
    #[command(flatten)]
    pub stack: super::StackArg,
}

/// The cases by name, in `CaseId::ALL`'s order, then what else runs, and examples.
fn after_help() -> String {
    let cases = CaseId::ALL.map(CaseId::as_str).join(", ");
    let text = format!(
        "Cases: {cases}; then fixture:<file name> for each fixture of --fixtures, replayed as `webhook-echo replay` sends it.\nExit code 0 when no case fails (warnings allowed), 1 when one does."
    );
    format!(
        "{}\n\nExamples:
  webhook-echo check http://localhost:3000/webhooks/auth --secret-env COBINAR_WEBHOOK_SECRET --json
  webhook-echo check http://localhost:3000/webhooks/auth --fixtures fixtures/ --junit report.xml",
        wrap::hanging("", &text, Some(HELP_COLUMNS))
    )
}

/// How wide the cases' paragraph of `--help` is.
const HELP_COLUMNS: usize = 100;

pub fn run(args: &CheckArgs) -> Result<ExitCode, String> {
    let endpoint = super::endpoint_to_send_to(&args.url, args.yes)?;
    let fixtures = fixtures::load(&args.fixtures)?;
    let Some(secret) = args.secret.read(true)? else { return Err("No webhook secret.".to_string()) };
    let now = super::now_unix_millis();
    // Each case its own randomness, asked for as it is made; if the system gives none, nothing
    // is sent (a probe made from anything else would repeat its ids).
    let mut failed = None;
    let all = probes(&secret, now, || {
        super::entropy().unwrap_or_else(|why| {
            failed.get_or_insert(why);
            [0; ENTROPY_LEN]
        })
    });
    if let Some(why) = failed {
        return Err(why);
    }
    // Each case on its own connection, at once, as Cobinar's deliveries arrive; a case that must
    // follow another (the retry after its delivery) runs after it, on the same thread.
    let mut groups: Vec<Vec<Job>> = Vec::new();
    for probe in all {
        let home = probe.case.after().and_then(|after| {
            groups.iter().position(|g| g.iter().any(|job| matches!(job.judge, Judge::Contract(c) if c == after)))
        });
        let job =
            Job { judge: Judge::Contract(probe.case), request: Request { body: probe.body, headers: probe.headers } };
        match home {
            Some(index) => groups[index].push(job),
            None => groups.push(vec![job]),
        }
    }
    // Then one case per fixture, replayed as `replay` sends it; one that cannot be read fails
    // by its name without being sent.
    let (fixture_groups, unreadable) = super::replay::jobs(&fixtures, &secret, now, Bytes::Fresh)?;
    groups.extend(fixture_groups);
    let client = Client::new(!is_local(&endpoint));
    let progress = Progress::new();
    let url = endpoint.url.as_str();
    let shown_url = without_credentials(url);
    let count = groups.iter().map(Vec::len).sum::<usize>() + unreadable.len();
    let label = format!("checking {count} cases against {shown_url}:");
    let (answers, mut results) = progress.timed(&label, || runner::run(&client, url, &groups, args.stack.choice()));
    // The contract's cases in `CaseId::ALL`'s order (the retry was sent after its delivery), then
    // the fixtures in the order they were read.
    let order = |case: &CaseRef| match case {
        CaseRef::Contract(id) => CaseId::ALL.iter().position(|c| c == id).unwrap_or(0),
        CaseRef::Fixture(_) => CaseId::ALL.len(),
    };
    results.sort_by_key(|result| order(&result.case));
    results.extend(unreadable);
    if results.len() != count {
        return Err("A case's request thread stopped without an answer.".to_string());
    }
    if let Some(path) = &args.junit {
        let suite = format!("webhook-echo check {shown_url}");
        std::fs::write(path, contract::to_junit(&suite, &results))
            .map_err(|e| format!("Cannot write the JUnit report {}: {e}.", path.display()))?;
    }
    let lost = answers.len() < results.len();
    if args.json {
        say!("{}", contract::to_json(&results));
    } else if let Some(why) = unreachable_everywhere(&answers).filter(|_| !lost) {
        // Thirteen identical rows would hide the one thing to do.
        say_unreachable(&shown_url, why);
    } else if let Some((kind, said)) = no_http_everywhere(&answers).filter(|_| !lost) {
        say_no_http(&shown_url, *kind, said);
    } else {
        say!("{} {shown_url}", Paint::stdout().bold("Receiver contract of"));
        report_card(&results);
        if refused_genuine(&results) {
            say_compare_fingerprints(&secret, args.stack.choice());
        }
    }
    Ok(if any_failed(&results) { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// The one line for a receiver no case could connect to.
pub fn say_unreachable(shown_url: &str, why: &str) {
    let paint = Paint::stdout();
    wrap::say(
        &format!("{} ", paint.grade(contract::Grade::Fail)),
        &format!(
            "no connection to {shown_url} ({}): start the receiver, and check the URL's host, port and path.",
            sentence(why)
        ),
    );
}

/// The one line for a receiver whose every answer was the same kind of not-HTTP: what came back,
/// why, and what to do.
pub fn say_no_http(shown_url: &str, kind: contract::CameBack, said: &str) {
    let paint = Paint::stdout();
    let (cause, fix) = kind.cause_and_fix();
    wrap::say(&format!("{} ", paint.grade(contract::Grade::Fail)), &format!("{shown_url}: {}", sentence(said)));
    wrap::say(&format!("     {} ", paint.dim("cause:")), cause);
    wrap::say(&format!("     {} ", paint.dim("fix:  ")), fix);
}

/// After a refused genuine delivery: this secret's fingerprint and the one-liner that prints the
/// server's, to compare.
pub fn say_compare_fingerprints(secret: &str, choice: Choice) {
    wrap::say("", &contract::compare_fingerprints(&fingerprint(secret)));
    // Whole, whatever the width: it is copied.
    say!("  {}", contract::fingerprint_command(choice));
}

/// The report card's rows and its summary line: one row per case, its cause and fix under it.
pub fn report_card(results: &[CaseResult]) {
    let paint = Paint::stdout();
    let width = results.iter().map(|r| r.case.id().chars().count()).max().unwrap_or(0).clamp(20, 60);
    for result in results {
        let status = result.status.map_or("---".to_string(), |s| s.to_string());
        let row = format!(
            "  {}  {:<width$} {:>3} {:>8}  ",
            paint.grade(result.grade),
            value(&result.case.id()),
            status,
            measured(result.millis),
        );
        wrap::say(&row, &sentence(&result.message));
        if let Some(answer) = &result.answer {
            wrap::say(&format!("        {} ", paint.dim("answer:")), answer);
        }
        if let Some(cause) = &result.cause {
            wrap::say(&format!("        {} ", paint.dim("cause: ")), cause);
        }
        if let Some(fix) = &result.fix {
            wrap::say(&format!("        {} ", paint.dim("fix:   ")), fix);
        }
    }
    say!("{}", paint.bold(&contract::summary(results)));
}
