//! `webhook-echo verify` and `webhook-echo sign`: the page's verifier and signer on files.

use std::path::PathBuf;
use std::process::ExitCode;

use webhook_echo::diagnose::diagnosis::Diagnosis;
use webhook_echo::diagnose::report::{verify_and_diagnose, VerifyReport};
use webhook_echo::inspect::secret_facts::fingerprint;
use webhook_echo::share::fixture::SharedSecret;
use webhook_echo::stacks::Choice;
use webhook_echo::verify::received_headers;
use webhook_echo::verify::signature;
use webhook_echo::verify::verification::{Verdict, Verification};

use super::fixtures;
use super::secret::SecretArgs;
use super::term::{say, value, Paint};
use super::StackArg;

/// Verify a delivery as the page does: the signature over the body file's exact bytes, each
/// x-cobinar-* header against the body, and the named causes of a mismatch.
#[derive(Debug, clap::Args)]
#[command(after_help = "Exit code 0 when the delivery is valid (with --fixture, when every fixture is), 1 when not.

Examples:
  webhook-echo verify --body body.json --stack python-fastapi \\
    --header 'x-cobinar-signature: sha256=…' --header 'x-cobinar-event: otp.verified'
  webhook-echo verify --fixture fixtures/otp.verified-e3a9c1f0.json fixtures/otp.failed-0b7c2d1e.json")]
pub struct VerifyArgs {
    #[command(flatten)]
    pub secret: SecretArgs,
    /// The body exactly as received (for example from curl -o or your framework's raw body)
    #[arg(long, value_name = "FILE", required_unless_present = "fixtures", conflicts_with = "fixtures")]
    pub body: Option<PathBuf>,
    /// A received header, 'name: value'; repeat it for each header
    #[arg(long = "header", value_name = "NAME: VALUE", conflicts_with = "fixtures")]
    pub headers: Vec<String>,
    /// Verify fixture files (or folders of them) instead: each one's body and headers, as saved
    #[arg(long = "fixture", value_name = "FILE|DIR", num_args = 1..)]
    pub fixtures: Vec<PathBuf>,
    /// Print the verdict, the header checks and the causes as JSON (the page's verify() shape)
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub stack: StackArg,
}

/// Print the x-cobinar-signature Cobinar would send for a body file. Never send it to anyone.
#[derive(Debug, clap::Args)]
pub struct SignArgs {
    #[command(flatten)]
    pub secret: SecretArgs,
    /// The body to sign, byte for byte
    pub file: PathBuf,
}

fn read_body(path: &PathBuf) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("Cannot read the body file {}: {e}.", path.display()))
}

pub fn run_verify(args: &VerifyArgs) -> Result<ExitCode, String> {
    let Some(path) = &args.body else { return run_fixtures(args) };
    let Some(secret) = args.secret.read(true)? else { return Err("No webhook secret.".to_string()) };
    let body = read_body(path)?;
    for header in &args.headers {
        if !header.contains(':') {
            return Err(format!("--header {header:?} has no colon: write it as 'name: value'."));
        }
    }
    let lines: String = args.headers.iter().map(|h| format!("{h}\n")).collect();
    let headers = received_headers::parse(&lines);
    let (result, causes) = verify_and_diagnose(&secret, &body, &headers, Some(super::now_unix_millis()));
    let code = if result.verdict == Verdict::Valid { ExitCode::SUCCESS } else { ExitCode::FAILURE };
    let choice = args.stack.choice();
    if args.json {
        say!("{}", VerifyReport::new(result, causes, choice).to_json());
        return Ok(code);
    }
    print_verdict(&result, causes, choice, "");
    Ok(code)
}

/// The verdict, its header checks and the named causes, each line after `indent`.
fn print_verdict(result: &Verification, causes: Vec<Diagnosis>, choice: Choice, indent: &str) {
    let causes: Vec<_> = causes.into_iter().map(|cause| cause.in_words_of(choice)).collect();
    let paint = Paint::stdout();
    say!("{indent}{}: {}", paint.verdict(result.verdict), result.summary);
    for check in &result.checks {
        say!("{indent}  {:<20} {:<9} {}", check.header, paint.status(check.status), check.message);
        for note in &check.notes {
            say!("{indent}  {:<20} {:<9} {}", "", "", paint.dim(note));
        }
    }
    for why in &result.not_from_cobinar {
        say!("{indent}  {} {why}", paint.warn("not from Cobinar:"));
    }
    for cause in &causes {
        say!("{indent}{} {}", paint.bold(cause.cause.as_str()), cause.finding);
        say!("{indent}  {} {}", paint.dim("fix:"), cause.fix);
    }
}

/// `verify --fixture`: each fixture's verdict under the secret, with what its file says of the
/// secret it was made under; exit 0 only when every one is valid.
fn run_fixtures(args: &VerifyArgs) -> Result<ExitCode, String> {
    let loaded = fixtures::load(&args.fixtures)?;
    if loaded.is_empty() {
        return Err("No fixture files: the folders given hold no .json files.".to_string());
    }
    let Some(secret) = args.secret.read(true)? else { return Err("No webhook secret.".to_string()) };
    let choice = args.stack.choice();
    let now = super::now_unix_millis();
    let paint = Paint::stdout();
    let mut valid = 0_usize;
    let mut reports = Vec::new();
    for file in &loaded {
        let fixture = match &file.fixture {
            Ok(fixture) => fixture,
            Err(why) => {
                if args.json {
                    reports.push(serde_json::json!({ "file": file.name, "error": why }));
                } else {
                    say!("{} {}: {}", paint.bad("unreadable"), value(&file.path.display().to_string()), why);
                }
                continue;
            }
        };
        let headers = received_headers::parse(&fixture.headers);
        let (result, causes) = verify_and_diagnose(&secret, &fixture.body, &headers, Some(now));
        valid += usize::from(result.verdict == Verdict::Valid);
        let made_under = match &fixture.secret {
            SharedSecret::Fingerprint(fp) if *fp != fingerprint(&secret) => Some(format!(
                "it was saved under another secret (fingerprint {fp}; yours is {}): replay re-signs it under yours",
                fingerprint(&secret)
            )),
            _ => None,
        };
        if args.json {
            let report: serde_json::Value =
                serde_json::from_str(&VerifyReport::new(result, causes, choice).to_json()).unwrap_or_default();
            reports.push(serde_json::json!({ "file": file.name, "report": report, "otherSecret": made_under }));
            continue;
        }
        say!("{}", paint.bold(&value(&file.path.display().to_string())));
        if let Some(note) = made_under {
            say!("  {} {note}", paint.warn("note:"));
        }
        print_verdict(&result, causes, choice, "  ");
    }
    if args.json {
        say!("{}", serde_json::json!({ "fixtures": reports }));
    } else {
        say!("{}", paint.bold(&format!("{valid} of {} fixtures valid.", loaded.len())));
    }
    Ok(if valid == loaded.len() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

pub fn run_sign(args: &SignArgs) -> Result<ExitCode, String> {
    let Some(secret) = args.secret.read(true)? else { return Err("No webhook secret.".to_string()) };
    let body = read_body(&args.file)?;
    say!("{}", signature::sign(secret.as_bytes(), &body));
    Ok(ExitCode::SUCCESS)
}
