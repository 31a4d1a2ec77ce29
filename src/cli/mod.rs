//! The command-line tool: argument parsing, the network, the terminal. Every decision (the
//! deliveries, the retry policy, the verdicts, the contract's cases, fixture links) is the
//! library's; this folder only does I/O and prints what the core says.

mod check;
mod fixtures;
mod http;
mod http_server;
mod listen;
mod pack;
mod replay;
mod runner;
mod secret;
mod send;
mod spool;
mod term;
mod values;
mod verify;
mod wrap;

use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use clap::{Parser, Subcommand};

use webhook_echo::echo::delivery::ENTROPY_LEN;
use webhook_echo::echo::endpoint::{is_local, Endpoint};
use webhook_echo::stacks::Choice;

const AFTER_HELP: &str = "\
The webhook secret is read from COBINAR_WEBHOOK_SECRET, the variable named by --secret-env, a file
(--secret-file), or asked for on a terminal; never from the command line, and it is never printed
or sent. Exit codes: 0 success, 1 the check failed (not delivered, a failing case, not valid),
2 the command could not run (a bad argument, no secret, an unreadable file).";

/// `0.1.0 (commit 1a2b3c4d5e6f)`: the version and what it was built from (build.rs).
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (", env!("WEBHOOK_ECHO_COMMIT"), ")");

/// Check Cobinar OTP webhook receivers from a terminal or CI: send signed test deliveries,
/// check a receiver against Cobinar's contract, capture deliveries, verify and sign, and keep a
/// library of fixtures that CI replays.
#[derive(Debug, Parser)]
#[command(name = "webhook-echo", version = VERSION, after_help = AFTER_HELP, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Send(send::SendArgs),
    Check(check::CheckArgs),
    Listen(listen::ListenArgs),
    Verify(verify::VerifyArgs),
    Sign(verify::SignArgs),
    Replay(replay::ReplayArgs),
    Fixture(fixtures::FixtureArgs),
    Pack(pack::PackArgs),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Send(args) => send::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Listen(args) => listen::run(&args),
        Command::Verify(args) => verify::run_verify(&args),
        Command::Sign(args) => verify::run_sign(&args),
        Command::Replay(args) => replay::run(&args),
        Command::Fixture(args) => fixtures::run(&args),
        Command::Pack(args) => pack::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("webhook-echo: {message}");
            ExitCode::from(2)
        }
    }
}

/// This computer's clock, in Unix milliseconds.
fn now_unix_millis() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// Random bytes for a delivery, from the operating system's CSPRNG.
fn entropy() -> Result<[u8; ENTROPY_LEN], String> {
    let mut bytes = [0u8; ENTROPY_LEN];
    getrandom::getrandom(&mut bytes).map_err(|e| format!("The system's random source failed: {e}."))?;
    Ok(bytes)
}

/// The endpoint, read as the page reads it, after asking before genuine deliveries go to a host
/// that is not this machine or a private network.
fn endpoint_to_send_to(url: &str, yes: bool) -> Result<Endpoint, String> {
    let endpoint = Endpoint::parse(url).map_err(|e| e.to_string())?;
    if is_local(&endpoint) || yes {
        return Ok(endpoint);
    }
    let question = format!(
        "{} is not this machine or a private network. Deliveries signed with your secret are indistinguishable from Cobinar's: anyone who captures one can replay it there. Send?",
        endpoint.authority
    );
    if term::confirm(&question) {
        Ok(endpoint)
    } else {
        Err(format!(
            "Not sending to {}: pass --yes to send to a host that is not loopback or a private address.",
            endpoint.authority
        ))
    }
}

/// `--stack ID`: whose words the fixes are in, from the stack table (a stack's id, a language's,
/// or `any`). Shared by the subcommands that print fixes.
#[derive(Debug, Clone, clap::Args)]
pub struct StackArg {
    /// Say each fix in your stack's idiom: a stack (python-fastapi), a language (python) or any
    #[arg(long = "stack", value_name = "ID", default_value = "any", value_parser = stack_ids())]
    id: String,
}

impl StackArg {
    pub fn choice(&self) -> Choice {
        Choice::from_id(&self.id).unwrap_or_default()
    }
}

fn stack_ids() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(Choice::ids())
}
