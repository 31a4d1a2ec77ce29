//! Where the webhook secret comes from: an environment variable, a file, or a prompt that does
//! not echo. Never the command line, where `ps` and the shell's history would show it.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::{Command, Stdio};

pub const DEFAULT_VAR: &str = "COBINAR_WEBHOOK_SECRET";

#[derive(Debug, Clone, clap::Args)]
pub struct SecretArgs {
    /// Read the webhook secret from this environment variable [default: COBINAR_WEBHOOK_SECRET]
    #[arg(long, value_name = "VAR")]
    pub secret_env: Option<String>,
    /// Read the webhook secret from this file (one trailing newline is dropped)
    #[arg(long, value_name = "FILE", conflicts_with = "secret_env")]
    pub secret_file: Option<PathBuf>,
}

impl SecretArgs {
    /// The secret, or why there is none. With `required` unset, no secret at all is `None`.
    pub fn read(&self, required: bool) -> Result<Option<String>, String> {
        if let Some(path) = &self.secret_file {
            let bytes =
                std::fs::read(path).map_err(|e| format!("Cannot read the secret file {}: {e}.", path.display()))?;
            let text = String::from_utf8(bytes)
                .map_err(|_| format!("The secret file {} is not UTF-8 text.", path.display()))?;
            let secret = drop_one_newline(&text);
            if secret.is_empty() {
                return Err(format!("The secret file {} is empty.", path.display()));
            }
            if secret.len() != text.len() {
                eprintln!("webhook-echo: dropped the trailing newline of {}.", path.display());
            }
            return Ok(Some(secret.to_string()));
        }
        let var = self.secret_env.as_deref().unwrap_or(DEFAULT_VAR);
        match std::env::var(var) {
            Ok(secret) if !secret.is_empty() => return Ok(Some(secret)),
            Ok(_) if self.secret_env.is_some() => return Err(format!("The environment variable {var} is empty.")),
            Err(std::env::VarError::NotUnicode(_)) => {
                return Err(format!("The environment variable {var} is not UTF-8 text."))
            }
            Err(std::env::VarError::NotPresent) if self.secret_env.is_some() => {
                return Err(format!(
                    "The environment variable {var} is not set. Export it first, or use --secret-file FILE."
                ))
            }
            _ => {}
        }
        if !required {
            return Ok(None);
        }
        if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
            return prompt().map(Some);
        }
        Err(format!(
            "No webhook secret: set {DEFAULT_VAR} (or name another variable with --secret-env VAR), or pass --secret-file FILE. The secret is never read from the command line."
        ))
    }
}

fn drop_one_newline(text: &str) -> &str {
    text.strip_suffix("\r\n").or_else(|| text.strip_suffix('\n')).unwrap_or(text)
}

/// The shell script that reads the secret: echo off, one line, echo back on however it ends.
/// Ctrl-C interrupts this process and the shell alike (one foreground process group); the
/// shell's trap turns the echo back on, which this process, killed by the signal, could not.
/// The prompt is shown only once the trap is set and the echo is off, so that a Ctrl-C at the
/// prompt always finds the trap. The line comes back on a pipe (`printf` is a builtin: never in
/// an argument list).
const READ_HIDDEN: &str = "trap 'stty echo; exit 130' INT TERM HUP
stty -echo 2>/dev/null || exit 3
printf 'Webhook secret (not shown): ' >&2
IFS= read -r line
status=$?
stty echo
[ \"$status\" -eq 0 ] || exit 4
printf '%s' \"$line\"";

/// Reads one line from the terminal with its echo turned off by `stty`, in a shell that turns it
/// back on even when the reading is interrupted.
fn prompt() -> Result<String, String> {
    let read = Command::new("sh")
        .args(["-c", READ_HIDDEN])
        .stdin(Stdio::inherit())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .output();
    eprintln!();
    let output = read.map_err(|e| format!("Cannot run sh to ask for the secret: {e}."))?;
    match output.status.code() {
        Some(0) => {}
        Some(3) => {
            return Err(format!(
            "Cannot turn the terminal's echo off to ask for the secret: set {DEFAULT_VAR}, or pass --secret-file FILE."
        ))
        }
        Some(130) | None => return Err("Interrupted before a secret was typed.".to_string()),
        Some(_) => return Err("Cannot read the secret from the terminal.".to_string()),
    }
    let line = String::from_utf8(output.stdout).map_err(|_| "The secret typed is not UTF-8 text.".to_string())?;
    let secret = line.strip_suffix('\r').unwrap_or(&line).to_string();
    if secret.is_empty() {
        return Err("No secret was typed.".to_string());
    }
    Ok(secret)
}
