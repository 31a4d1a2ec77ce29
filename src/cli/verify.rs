//! `webhook-echo verify` and `webhook-echo sign`: the page's verifier and signer on files.

use std::path::PathBuf;
use std::process::ExitCode;

use webhook_echo::diagnose::diagnosis;
use webhook_echo::diagnose::report::VerifyReport;
use webhook_echo::verify::received_headers;
use webhook_echo::verify::signature;
use webhook_echo::verify::verification::{self, ReceivedDelivery, Verdict};

use super::secret::SecretArgs;
use super::term::{say, Paint};

/// Verify a delivery as the page does: the signature over the body file's exact bytes, each
/// x-cobinar-* header against the body, and the named causes of a mismatch.
#[derive(Debug, clap::Args)]
#[command(after_help = "Exit code 0 when the delivery is valid, 1 when it is not.

Example:
  webhook-echo verify --body body.json \\
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
    let now = Some(super::now_unix_millis());
    if args.json {
        let report = VerifyReport::of(&secret, &body, &headers, now);
        let code = if report.verdict == Verdict::Valid.as_str() { ExitCode::SUCCESS } else { ExitCode::FAILURE };
        say!("{}", report.to_json());
        return Ok(code);
    }
    let result = verification::verify(ReceivedDelivery {
        secret: &secret,
        body: &body,
        headers: &headers,
        now_unix_millis: now,
    });
    let causes = diagnosis::for_verdict(result.verdict, &secret, &body, &headers);
    let code = if result.verdict == Verdict::Valid { ExitCode::SUCCESS } else { ExitCode::FAILURE };
    let paint = Paint::stdout();
    let verdict = match result.verdict {
        Verdict::Valid => paint.good("valid"),
        Verdict::Invalid => paint.bad("invalid"),
        Verdict::Incomplete | Verdict::Checking => paint.warn(result.verdict.as_str()),
    };
    say!("{verdict}: {}", result.summary);
    for check in &result.checks {
        let status = check.status.as_str();
        let status = if check.status.is_problem() {
            paint.bad(status)
        } else if status == "warning" {
            paint.warn(status)
        } else {
            paint.good(status)
        };
        say!("  {:<20} {status:<9} {}", check.header, check.message);
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
