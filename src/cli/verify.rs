//! `webhook-echo verify` and `webhook-echo sign`: the page's verifier and signer on files.

use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use webhook_echo::diagnose::diagnosis;
use webhook_echo::verify::received_headers;
use webhook_echo::verify::signature;
use webhook_echo::verify::verification::{self, ReceivedDelivery, Verdict};

use super::secret::SecretArgs;
use super::term::Paint;

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

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct VerifyJson {
    verdict: &'static str,
    summary: String,
    expected_signature: Option<String>,
    checks: Vec<CheckJson>,
    diagnosis: Vec<DiagnosisJson>,
    not_from_cobinar: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CheckJson {
    header: &'static str,
    status: &'static str,
    message: String,
    received: Option<String>,
    expected: Option<String>,
    notes: Vec<String>,
}

#[derive(Serialize)]
struct DiagnosisJson {
    cause: &'static str,
    finding: String,
    fix: String,
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
    let result = verification::verify(ReceivedDelivery {
        secret: &secret,
        body: &body,
        headers: &headers,
        now_unix_millis: Some(super::now_unix_millis()),
    });
    let causes = diagnosis::for_verdict(result.verdict, &secret, &body, &headers);
    let code = if result.verdict == Verdict::Valid { ExitCode::SUCCESS } else { ExitCode::FAILURE };
    if args.json {
        let json = VerifyJson {
            verdict: result.verdict.as_str(),
            summary: result.summary,
            expected_signature: result.expected_signature,
            checks: result
                .checks
                .into_iter()
                .map(|c| CheckJson {
                    header: c.header,
                    status: c.status.as_str(),
                    message: c.message,
                    received: c.received,
                    expected: c.expected,
                    notes: c.notes,
                })
                .collect(),
            diagnosis: causes
                .into_iter()
                .map(|d| DiagnosisJson { cause: d.cause.as_str(), finding: d.finding, fix: d.fix })
                .collect(),
            not_from_cobinar: result.not_from_cobinar,
        };
        println!("{}", serde_json::to_string(&json).map_err(|e| e.to_string())?);
        return Ok(code);
    }
    let paint = Paint::stdout();
    let verdict = match result.verdict {
        Verdict::Valid => paint.good("valid"),
        Verdict::Invalid => paint.bad("invalid"),
        Verdict::Incomplete | Verdict::Checking => paint.warn(result.verdict.as_str()),
    };
    println!("{verdict}: {}", result.summary);
    for check in &result.checks {
        let status = check.status.as_str();
        let status = if check.status.is_problem() {
            paint.bad(status)
        } else if status == "warning" {
            paint.warn(status)
        } else {
            paint.good(status)
        };
        println!("  {:<20} {status:<9} {}", check.header, check.message);
        for note in &check.notes {
            println!("  {:<20} {:<9} {}", "", "", paint.dim(note));
        }
    }
    for why in &result.not_from_cobinar {
        println!("  {} {why}", paint.warn("not from Cobinar:"));
    }
    for cause in &causes {
        println!("{} {}", paint.bold(cause.cause.as_str()), cause.finding);
        println!("  {} {}", paint.dim("fix:"), cause.fix);
    }
    Ok(code)
}

pub fn run_sign(args: &SignArgs) -> Result<ExitCode, String> {
    let Some(secret) = args.secret.read(true)? else { return Err("No webhook secret.".to_string()) };
    let body = read_body(&args.file)?;
    println!("{}", signature::sign(secret.as_bytes(), &body));
    Ok(ExitCode::SUCCESS)
}
