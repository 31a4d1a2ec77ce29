//! `webhook-echo verify` and `webhook-echo sign`: the page's verifier and signer on files.

use std::path::PathBuf;
use std::process::ExitCode;

use webhook_echo::diagnose::diagnosis::{self, Diagnosis};
use webhook_echo::diagnose::report::VerifyReport;
use webhook_echo::inspect::import::{import, ImportFormat};
use webhook_echo::share::fixture::SharedSecret;
use webhook_echo::stacks::Choice;
use webhook_echo::verify::fingerprint::fingerprint;
use webhook_echo::verify::received_headers;
use webhook_echo::verify::received_headers::ReceivedHeaders;
use webhook_echo::verify::signature;
use webhook_echo::verify::verification::{verify_in, ReceivedDelivery, Verdict, Verification, Wording};

use super::fixtures;
use super::secret::SecretArgs;
use super::term::{say, sentence, value, Paint};
use super::wrap;
use super::StackArg;

/// Verify a delivery as the page does: the signature over the body file's exact bytes, each
/// x-cobinar-* header against the body, and the named causes of a mismatch.
#[derive(Debug, clap::Args)]
#[command(after_help = "Exit code 0 when the delivery is valid (with --fixture, when every fixture is), 1 when not.

Examples:
  webhook-echo verify --body body.json --stack python-fastapi \\
    --header 'x-cobinar-signature: sha256=…' --header 'x-cobinar-event: otp.verified'
  webhook-echo verify --request request.txt
  webhook-echo verify --request curl-v.txt --body body.json
  webhook-echo verify --fixture fixtures/otp.verified-e3a9c1f0.json fixtures/otp.failed-0b7c2d1e.json")]
pub struct VerifyArgs {
    #[command(flatten)]
    pub secret: SecretArgs,
    /// The body exactly as received (for example from curl -o or your framework's raw body)
    #[arg(long, value_name = "FILE", required_unless_present_any = ["fixtures", "request"], conflicts_with = "fixtures")]
    pub body: Option<PathBuf>,
    /// A request as received, read as the page's import reads a paste: a raw HTTP request, a curl
    /// command with its -v output, curl -v or -i output, headers and a body, a HAR entry. --body
    /// gives the body where the file has none (curl -v does not print it); --header adds headers
    #[arg(long, value_name = "FILE", conflicts_with = "fixtures")]
    pub request: Option<PathBuf>,
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
    if args.body.is_none() && args.request.is_none() {
        return run_fixtures(args);
    }
    for header in &args.headers {
        if !header.contains(':') {
            return Err(format!("--header {header:?} has no colon: write it as 'name: value'."));
        }
    }
    let (body, mut lines, read) = match &args.request {
        Some(path) => read_request(path, args.body.as_ref())?,
        None => match &args.body {
            Some(path) => (read_body(path)?, String::new(), None),
            None => return run_fixtures(args),
        },
    };
    let Some(secret) = args.secret.read(true)? else { return Err("No webhook secret.".to_string()) };
    lines.extend(args.headers.iter().map(|h| format!("{h}\n")));
    let headers = received_headers::parse(&lines);
    let (result, causes) = verify_here(&secret, &body, &headers, super::now_unix_millis());
    let code = if result.verdict == Verdict::Valid { ExitCode::SUCCESS } else { ExitCode::FAILURE };
    let choice = args.stack.choice();
    if args.json {
        say!("{}", VerifyReport::new(result, causes, choice).to_json());
        return Ok(code);
    }
    if let Some(read) = read {
        wrap::say(&format!("{} ", Paint::stdout().dim("read:")), &read);
    }
    print_verdict(&result, causes, choice, "");
    Ok(code)
}

/// The verdict in the command's words (`Wording::Command`), and the causes when it calls for them.
fn verify_here(
    secret: &str,
    body: &[u8],
    headers: &ReceivedHeaders,
    now_unix_millis: i64,
) -> (Verification, Vec<Diagnosis>) {
    let delivery = ReceivedDelivery { secret, body, headers, now_unix_millis: Some(now_unix_millis) };
    let result = verify_in(delivery, Wording::Command);
    let causes = diagnosis::for_verdict(result.verdict, secret, body, headers);
    (result, causes)
}

/// `--request FILE`: its body and header lines, read by the page's import (one parser for both),
/// and a sentence saying what was read. The body file, when given, is the body where the request
/// carries none.
fn read_request(path: &PathBuf, body_file: Option<&PathBuf>) -> Result<(Vec<u8>, String, Option<String>), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("Cannot read the request file {}: {e}.", path.display()))?;
    let imported = import(&bytes).map_err(|e| {
        let why = e.message.strip_suffix(" Nothing was changed.").unwrap_or(&e.message);
        format!("Cannot read {} as a request: {}", path.display(), sentence(why))
    })?;
    if imported.format == ImportFormat::DeliveryBody {
        return Err(format!(
            "{} holds a delivery body and no headers: give it as --body, with --header for each header.",
            path.display()
        ));
    }
    let body = match (imported.body.clone(), body_file) {
        (Some(_), Some(file)) => {
            return Err(format!(
                "{} carries its body already: leave out --body {}, or give a request without one.",
                path.display(),
                file.display()
            ))
        }
        (Some(body), None) => body,
        (None, Some(file)) => read_body(file)?,
        (None, None) => {
            return Err(format!(
                "{} has no body ({} does not carry the body that was sent): give it with --body FILE.",
                path.display(),
                imported.format.describe()
            ))
        }
    };
    let lines = imported.header_lines().unwrap_or_default();
    let taken = imported.took_sentence().map_or(String::new(), |took| format!(" {took}"));
    let read = format!("{} from {}.{taken}", value(&path.display().to_string()), imported.format.describe());
    Ok((body, lines, Some(read)))
}

/// The verdict, its header checks and the named causes, each line after `indent`.
fn print_verdict(result: &Verification, causes: Vec<Diagnosis>, choice: Choice, indent: &str) {
    let causes: Vec<_> = causes.into_iter().map(|cause| cause.in_words_of(choice)).collect();
    let paint = Paint::stdout();
    wrap::say(&format!("{indent}{}: ", paint.verdict(result.verdict)), &result.summary);
    for check in &result.checks {
        let row = format!(
            "{indent}  {:<20} {} ",
            check.header,
            padded(&paint.status(check.status), check.status.as_str(), 9)
        );
        wrap::say(&row, &check.message);
        for note in &check.notes {
            wrap::say(&format!("{indent}  {:<20} {:<9} ", "", ""), &paint.dim(note));
        }
    }
    for why in &result.not_from_cobinar {
        wrap::say(&format!("{indent}  {} ", paint.warn("not from Cobinar:")), why);
    }
    for cause in &causes {
        wrap::say(&format!("{indent}{} ", paint.bold(cause.cause.as_str())), &cause.finding);
        wrap::say(&format!("{indent}  {} ", paint.dim("fix:")), &cause.fix);
    }
}

/// `painted` (the colour codes around `plain`) padded to `width` columns of `plain`: `{:<9}`
/// would count the codes.
fn padded(painted: &str, plain: &str, width: usize) -> String {
    format!("{painted}{}", " ".repeat(width.saturating_sub(plain.chars().count())))
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
        let (result, causes) = verify_here(&secret, &fixture.body, &headers, now);
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
