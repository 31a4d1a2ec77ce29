//! `webhook-echo verify` and `webhook-echo sign`: the page's verifier and signer on files.

use std::path::PathBuf;
use std::process::ExitCode;

use webhook_echo::diagnose::report::{verify_and_diagnose, VerifyReport};
use webhook_echo::verify::received_headers;
use webhook_echo::verify::signature;
use webhook_echo::verify::verification::Verdict;

use super::secret::SecretArgs;
use super::term::{say, Paint};
use super::StackArg;

/// Verify a delivery as the page does: the signature over the body file's exact bytes, each
/// x-cobinar-* header against the body, and the named causes of a mismatch.
#[derive(Debug, clap::Args)]
#[command(after_help = "Exit code 0 when the delivery is valid, 1 when it is not.

Example:
  webhook-echo verify --body body.json --stack python-fastapi \\
    --header 'x-cobinar-signature: sha256=…' --header 'x-cobinar-event: otp.verified'")]
pub struct VerifyArgs {
    #[command(flatten)]
    pub secret: SecretArgs,
    /// The body exactly as received (for example from curl -o or your framework's raw body)
    #[arg(long, value_name = "FILE")]
    pub body: PathBuf,
    /// A received header, 'name: value'; repeat it for each header
    #[arg(long = "header", value_name = "NAME: VALUE")]
    pub headers: Vec<String>,
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
    let Some(secret) = args.secret.read(true)? else { return Err("No webhook secret.".to_string()) };
    let body = read_body(&args.body)?;
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
    let causes: Vec<_> = causes.into_iter().map(|cause| cause.in_words_of(choice)).collect();
    let paint = Paint::stdout();
    say!("{}: {}", paint.verdict(result.verdict), result.summary);
    for check in &result.checks {
        say!("  {:<20} {:<9} {}", check.header, paint.status(check.status), check.message);
        for note in &check.notes {
            say!("  {:<20} {:<9} {}", "", "", paint.dim(note));
        }
    }
    for why in &result.not_from_cobinar {
        say!("  {} {why}", paint.warn("not from Cobinar:"));
    }
    for cause in &causes {
        say!("{} {}", paint.bold(cause.cause.as_str()), cause.finding);
        say!("  {} {}", paint.dim("fix:"), cause.fix);
    }
    Ok(code)
}

pub fn run_sign(args: &SignArgs) -> Result<ExitCode, String> {
    let Some(secret) = args.secret.read(true)? else { return Err("No webhook secret.".to_string()) };
    let body = read_body(&args.file)?;
    say!("{}", signature::sign(secret.as_bytes(), &body));
    Ok(ExitCode::SUCCESS)
}
