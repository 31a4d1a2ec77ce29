//! Where the webhook secret comes from: an environment variable, a file, or a prompt that does
//! not echo. Never the command line, where `ps` and the shell's history would show it.

// The line editor serves the Unix prompt; Windows's console edits the line itself.
#![cfg_attr(not(unix), allow(dead_code))]

use std::io::IsTerminal;
use std::path::PathBuf;

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
            let bytes = read_at_most(path, MAX_SECRET_FILE_BYTES)
                .map_err(|e| format!("Cannot read the secret file {}: {e}.", path.display()))?;
            let text = String::from_utf8(bytes)
                .map_err(|_| format!("The secret file {} is not UTF-8 text.", path.display()))?;
            let secret = drop_one_newline(&text);
            if secret.is_empty() {
                return Err(format!("The secret file {} is empty.", path.display()));
            }
            if secret.len() != text.len() {
                eprintln!("webhook-echo: dropped the trailing newline of {}.", path.display());
            }
            if let Some(warning) = std::fs::metadata(path).ok().and_then(|m| readable_by_others(&m, path)) {
                eprintln!("webhook-echo: {warning}");
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

/// The most of a secret file read: a webhook secret is tens of characters; `/dev/zero` or a log
/// named by mistake must not be read whole.
const MAX_SECRET_FILE_BYTES: u64 = 4096;

/// The file's bytes, refused when it holds more than `max`.
fn read_at_most(path: &std::path::Path, max: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(std::io::Error::other(format!("it holds more than {max} bytes, far more than a webhook secret")));
    }
    Ok(bytes)
}

/// A warning when the secret file can be read by its group or by anyone: the secret signs every
/// delivery, so only its owner should read it.
#[cfg(unix)]
fn readable_by_others(metadata: &std::fs::Metadata, path: &std::path::Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = metadata.permissions().mode() & 0o777;
    let who = match (mode & 0o040 != 0, mode & 0o004 != 0) {
        (false, false) => return None,
        (true, false) => "its group",
        (false, true) => "anyone on this machine",
        (true, true) => "its group and anyone on this machine",
    };
    let shown = path.display();
    Some(format!(
        "warning: the secret file {shown} can be read by {who} (mode {mode:03o}); `chmod 600 {shown}` keeps it to you."
    ))
}

#[cfg(not(unix))]
fn readable_by_others(_: &std::fs::Metadata, _: &std::path::Path) -> Option<String> {
    None
}

fn drop_one_newline(text: &str) -> &str {
    text.strip_suffix("\r\n").or_else(|| text.strip_suffix('\n')).unwrap_or(text)
}

/// Reads one line from the terminal without showing it, in this process: the terminal is put
/// in a mode where nothing is echoed and Ctrl-C, Ctrl-\ and Ctrl-Z arrive as bytes instead of
/// signals, so no signal can end the process while the echo is off, and the mode it had is put
/// back however the reading ends (a guard's `Drop`, which runs on an error or a panic too). No
/// shell, no `stty`: nothing on `PATH` is run, and the typed line is never in another process.
fn prompt() -> Result<String, String> {
    let typed = tty::read_hidden("Webhook secret (not shown): ");
    eprintln!();
    secret_typed(typed?)
}

/// What a line read at the prompt says: the secret, or why there is none.
fn secret_typed(line: Typed) -> Result<String, String> {
    let bytes = match line {
        Typed::Line(bytes) => bytes,
        Typed::Interrupted => return Err("Interrupted before a secret was typed.".to_string()),
        Typed::Ended => return Err("The terminal closed before a secret was typed.".to_string()),
    };
    let text = String::from_utf8(bytes).map_err(|_| "The secret typed is not UTF-8 text.".to_string())?;
    // A terminal with bracketed paste on wraps what is pasted in these two markers.
    let secret = text.replace("\x1b[200~", "").replace("\x1b[201~", "");
    if secret.is_empty() {
        return Err("No secret was typed.".to_string());
    }
    if secret.chars().any(char::is_control) {
        return Err(
            "The secret typed holds a control character (an arrow or function key?): type it again, or pass --secret-file FILE."
                .to_string(),
        );
    }
    Ok(secret)
}

/// How a hidden line ended.
#[derive(Debug, PartialEq, Eq)]
enum Typed {
    /// Enter was pressed after these bytes.
    Line(Vec<u8>),
    /// Ctrl-C or Ctrl-\.
    Interrupted,
    /// Ctrl-D on an empty line, or the terminal closed.
    Ended,
}

/// The keys that edit or end a line, as the terminal's own settings name them.
#[derive(Debug, Clone, Copy)]
struct Keys {
    interrupt: u8,
    quit: u8,
    end: u8,
    erase: u8,
    kill: u8,
    word_erase: u8,
}

impl Default for Keys {
    fn default() -> Self {
        Keys { interrupt: 0x03, quit: 0x1c, end: 0x04, erase: 0x7f, kill: 0x15, word_erase: 0x17 }
    }
}

/// A line being typed with the echo off: each byte read goes through `key`.
#[derive(Debug, Default)]
struct LineEditor {
    keys: Keys,
    line: Vec<u8>,
}

impl LineEditor {
    /// Takes one byte; `Some` once the line is over.
    fn key(&mut self, byte: u8) -> Option<Typed> {
        let keys = self.keys;
        match byte {
            b'\r' | b'\n' => return Some(Typed::Line(std::mem::take(&mut self.line))),
            b if b == keys.interrupt || b == keys.quit => return Some(Typed::Interrupted),
            b if b == keys.end && self.line.is_empty() => return Some(Typed::Ended),
            b if b == keys.erase || b == 0x08 => self.erase_char(),
            b if b == keys.kill => self.line.clear(),
            b if b == keys.word_erase => {
                while self.line.last().is_some_and(u8::is_ascii_whitespace) {
                    self.line.pop();
                }
                while self.line.last().is_some_and(|b| !b.is_ascii_whitespace()) {
                    self.line.pop();
                }
            }
            // Ctrl-Z and the other keys that would be signals: nothing to suspend here.
            0x1a | 0x04 => {}
            b => self.line.push(b),
        }
        None
    }

    /// Drops the last character, all of its UTF-8 bytes.
    fn erase_char(&mut self) {
        while let Some(byte) = self.line.pop() {
            if byte & 0b1100_0000 != 0b1000_0000 {
                break;
            }
        }
    }
}

#[cfg(unix)]
mod tty {
    use super::{Keys, LineEditor, Typed};
    use rustix::termios::{self, LocalModes, OptionalActions, SpecialCodeIndex as Key, Termios};
    use std::io::{Read, Write};

    /// The terminal's mode before the prompt, put back when this is dropped.
    struct Restore(Termios);

    impl Drop for Restore {
        fn drop(&mut self) {
            let _ = termios::tcsetattr(rustix::stdio::stdin(), OptionalActions::Flush, &self.0);
        }
    }

    pub(super) fn read_hidden(prompt: &str) -> Result<Typed, String> {
        let cannot = || {
            format!(
                "Cannot turn the terminal's echo off to ask for the secret: set {}, or pass --secret-file FILE.",
                super::DEFAULT_VAR
            )
        };
        let stdin = rustix::stdio::stdin();
        let before = termios::tcgetattr(stdin).map_err(|_| cannot())?;
        let mut hidden = before.clone();
        hidden.local_modes -=
            LocalModes::ECHO | LocalModes::ECHONL | LocalModes::ICANON | LocalModes::ISIG | LocalModes::IEXTEN;
        hidden.special_codes[Key::VMIN] = 1;
        hidden.special_codes[Key::VTIME] = 0;
        termios::tcsetattr(stdin, OptionalActions::Flush, &hidden).map_err(|_| cannot())?;
        let _restore = Restore(before.clone());
        let key = |index: Key, default: u8| match before.special_codes[index] {
            0 => default,
            key => key,
        };
        let defaults = Keys::default();
        let keys = Keys {
            interrupt: key(Key::VINTR, defaults.interrupt),
            quit: key(Key::VQUIT, defaults.quit),
            end: key(Key::VEOF, defaults.end),
            erase: key(Key::VERASE, defaults.erase),
            kill: key(Key::VKILL, defaults.kill),
            word_erase: key(Key::VWERASE, defaults.word_erase),
        };
        let mut editor = LineEditor { keys, line: Vec::new() };
        // Shown only once the echo is off, so that nothing typed after it is ever echoed.
        let mut err = std::io::stderr();
        let _ = err.write_all(prompt.as_bytes()).and_then(|()| err.flush());
        let mut input = std::io::stdin().lock();
        let mut buffer = [0u8; 256];
        loop {
            let read = match input.read(&mut buffer) {
                Ok(0) => return Ok(Typed::Ended),
                Ok(read) => read,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => return Err("Cannot read the secret from the terminal.".to_string()),
            };
            for &byte in &buffer[..read] {
                if let Some(typed) = editor.key(byte) {
                    return Ok(typed);
                }
            }
        }
    }
}

/// Windows has no termios: the console's own mode hides the line (`rpassword`), and Ctrl-C
/// there ends the process as the console's handler does for any program.
#[cfg(windows)]
mod tty {
    use super::Typed;

    pub(super) fn read_hidden(prompt: &str) -> Result<Typed, String> {
        match rpassword::prompt_password(prompt) {
            Ok(line) => Ok(Typed::Line(line.into_bytes())),
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(Typed::Ended),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => Ok(Typed::Interrupted),
            Err(e) => Err(format!(
                "Cannot read the secret from the console ({e}): set {}, or pass --secret-file FILE.",
                super::DEFAULT_VAR
            )),
        }
    }
}

#[cfg(not(any(unix, windows)))]
mod tty {
    use super::Typed;

    pub(super) fn read_hidden(_prompt: &str) -> Result<Typed, String> {
        Err(format!("No hidden prompt on this system: set {}, or pass --secret-file FILE.", super::DEFAULT_VAR))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(keys: &[u8]) -> Option<Typed> {
        let mut editor = LineEditor::default();
        keys.iter().find_map(|&b| editor.key(b))
    }

    #[test]
    fn the_line_is_edited_as_a_terminal_would() {
        let line = |bytes: &[u8]| Some(Typed::Line(bytes.to_vec()));
        assert_eq!(typed(b"whsec\r"), line(b"whsec"));
        assert_eq!(typed(b"whsec\n"), line(b"whsec"));
        assert_eq!(typed(b"whsex\x7fc\r"), line(b"whsec"));
        assert_eq!(typed(b"whsex\x08c\r"), line(b"whsec"));
        assert_eq!(typed("sé\x7fec\r".as_bytes()), line(b"sec"));
        assert_eq!(typed("s€\x7f\x7fsec\r".as_bytes()), line(b"sec"));
        assert_eq!(typed(b"wrong\x15right\r"), line(b"right"));
        assert_eq!(typed(b"one two\x17three\r"), line(b"one three"));
        assert_eq!(typed(b"one two  \x17\x17x\r"), line(b"x"));
        assert_eq!(typed(b"a\x1ab\x04c\r"), line(b"abc"));
        assert_eq!(typed(b"\x7f\x7fa\r"), line(b"a"));
        assert_eq!(typed(b"half"), None);
    }

    #[test]
    fn interrupting_or_ending_gives_no_line() {
        assert_eq!(typed(b"secr\x03et\r"), Some(Typed::Interrupted));
        assert_eq!(typed(b"secr\x1c"), Some(Typed::Interrupted));
        assert_eq!(typed(b"\x04"), Some(Typed::Ended));
        let mut editor = LineEditor { keys: Keys { interrupt: b'!', ..Keys::default() }, line: Vec::new() };
        assert_eq!(b"ab\x03!".iter().find_map(|&b| editor.key(b)), Some(Typed::Interrupted));
    }

    #[test]
    fn what_a_typed_line_says() {
        assert_eq!(secret_typed(Typed::Line(b"whsec_1".to_vec())), Ok("whsec_1".into()));
        assert_eq!(secret_typed(Typed::Line(b"\x1b[200~whsec_1\x1b[201~".to_vec())), Ok("whsec_1".into()));
        assert_eq!(secret_typed(Typed::Line(Vec::new())), Err("No secret was typed.".into()));
        assert!(secret_typed(Typed::Line(b"ab\x1b[Dc".to_vec())).is_err_and(|e| e.contains("control character")));
        assert!(secret_typed(Typed::Line(vec![0xff])).is_err_and(|e| e.contains("UTF-8")));
        assert!(secret_typed(Typed::Interrupted).is_err_and(|e| e.starts_with("Interrupted")));
        assert!(secret_typed(Typed::Ended).is_err_and(|e| e.contains("closed")));
    }
}
