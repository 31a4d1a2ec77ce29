//! `webhook-echo replay`: fixtures sent again to a receiver, each re-signed under the secret
//! (`echo::replay`), each answer judged by what the fixture expects (`contract::judge_fixture`).

use std::path::PathBuf;
use std::process::ExitCode;

use webhook_echo::echo::contract::{self, any_failed, refused_genuine, unreadable_fixture, CaseResult};
use webhook_echo::echo::endpoint::{is_local, without_credentials};
use webhook_echo::echo::replay::{replay, Bytes, REPLAY_ENTROPY_LEN};

use super::check::{report_card, say_compare_fingerprints, say_no_http, say_unreachable};
use super::fixtures::{self, Loaded};
use super::http::Client;
use super::runner::{self, no_http_everywhere, unreachable_everywhere, Job, Judge};
use super::secret::SecretArgs;
use super::term::{say, Paint, Progress};

/// Send fixtures to a receiver again: each re-signed under your secret, with a fresh event id and
/// createdAt written into the body in place (every other byte as captured), then changed as its
/// tamper says; each answer judged by its expect (accept: 2xx; reject: anything else).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Fixtures made under another secret (your production one) replay under the secret given here, so a
library can be kept in a repository and run against a receiver that uses a test secret. Exit code 0
when every fixture got what it expects, 1 when one did not (or could not be read).

Examples:
  webhook-echo replay fixtures/ --to http://localhost:3000/webhooks/auth
  webhook-echo replay fixtures/otp.verified-e3a9c1f0.json --to http://localhost:3000/webhooks/auth --as-captured"
)]
pub struct ReplayArgs {
    /// Fixture files, or folders of them (every .json file in them and their subfolders, in name order)
    #[arg(required = true, value_name = "FILE|DIR")]
    pub paths: Vec<PathBuf>,
    /// The receiver's URL
    #[arg(long, value_name = "URL")]
    pub to: String,
    /// Send each body's bytes exactly as captured (its id and createdAt too); only the signature is made anew
    #[arg(long)]
    pub as_captured: bool,
    #[command(flatten)]
    pub secret: SecretArgs,
    /// Print {"cases":[…]} as check --json does, instead of the report
    #[arg(long)]
    pub json: bool,
    /// Write every fixture's case as JUnit XML to FILE
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
    /// Send to a host that is not loopback or a private address without asking
    #[arg(long)]
    pub yes: bool,
    #[command(flatten)]
    pub stack: super::StackArg,
}

/// One job per readable fixture (each its own group: fixtures do not depend on one another),
/// and the failures of those that cannot be read.
pub fn jobs(
    loaded: &[Loaded],
    secret: &str,
    now_unix_millis: i64,
    bytes: Bytes,
) -> Result<(Vec<Vec<Job>>, Vec<CaseResult>), String> {
    let mut groups = Vec::new();
    let mut unreadable = Vec::new();
    for file in loaded {
        match &file.fixture {
            Ok(fixture) => {
                let mut entropy = [0u8; REPLAY_ENTROPY_LEN];
                getrandom::getrandom(&mut entropy).map_err(|e| format!("The system's random source failed: {e}."))?;
                let replayed = replay(fixture, secret, now_unix_millis, &entropy, bytes);
                groups.push(vec![Job {
                    judge: Judge::Fixture(file.name.clone(), fixture.case),
                    request: replayed.request,
                }]);
            }
            Err(why) => unreadable.push(unreadable_fixture(&file.name, why)),
        }
    }
    Ok((groups, unreadable))
}

pub fn run(args: &ReplayArgs) -> Result<ExitCode, String> {
    let endpoint = super::endpoint_to_send_to(&args.to, args.yes)?;
    let loaded = fixtures::load(&args.paths)?;
    if loaded.is_empty() {
        return Err("No fixture files: the folders given hold no .json files.".to_string());
    }
    let Some(secret) = args.secret.read(true)? else { return Err("No webhook secret.".to_string()) };
    let bytes = if args.as_captured { Bytes::AsCaptured } else { Bytes::Fresh };
    let (groups, unreadable) = jobs(&loaded, &secret, super::now_unix_millis(), bytes)?;
    let client = Client::new(!is_local(&endpoint));
    let url = endpoint.url.as_str();
    let shown_url = without_credentials(url);
    let label = format!("replaying {} fixtures to {shown_url}:", loaded.len());
    let (answers, mut results) =
        Progress::new().timed(&label, || runner::run(&client, url, &groups, args.stack.choice()));
    results.extend(unreadable);
    if let Some(path) = &args.junit {
        let suite = format!("webhook-echo replay {shown_url}");
        std::fs::write(path, contract::to_junit(&suite, &results))
            .map_err(|e| format!("Cannot write the JUnit report {}: {e}.", path.display()))?;
    }
    if args.json {
        say!("{}", contract::to_json(&results));
    } else if let Some(why) = unreachable_everywhere(&answers).filter(|_| answers.len() == results.len()) {
        say_unreachable(&shown_url, why);
    } else if let Some((kind, said)) = no_http_everywhere(&answers).filter(|_| answers.len() == results.len()) {
        say_no_http(&shown_url, *kind, said);
    } else {
        say!("{} {shown_url}", Paint::stdout().bold("Fixtures replayed to"));
        report_card(&results);
        if refused_genuine(&results) {
            say_compare_fingerprints(&secret, args.stack.choice());
        }
    }
    Ok(if any_failed(&results) { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}
