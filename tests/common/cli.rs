//! The built `webhook-echo`, as every test file of the command runs it: one way to start it with
//! a test secret, to read what it printed, to run `listen` and to read an answer off a socket.
#![allow(clippy::panic, clippy::expect_used)]

use std::io::{BufRead, BufReader, Read};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

pub const BIN: &str = env!("CARGO_BIN_EXE_webhook-echo");
/// The variable the tests hand the secret in (`--secret-env VAR`), never the real one's name.
pub const VAR: &str = "WEBHOOK_ECHO_TEST_SECRET";

/// `webhook-echo args`, with `secret` in `VAR`, no `COBINAR_WEBHOOK_SECRET` and no colour.
pub fn command_with(secret: &str, args: &[&str]) -> Command {
    let mut command = Command::new(BIN);
    command.args(args).env_remove("COBINAR_WEBHOOK_SECRET").env(VAR, secret).env("NO_COLOR", "1");
    command
}

/// Runs it to the end with nothing on standard input.
pub fn run_with(secret: &str, args: &[&str]) -> Output {
    command_with(secret, args).stdin(Stdio::null()).output().expect("run webhook-echo")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A file of this run's own, in a folder named after `tag` (the test file).
pub fn temp_file_in(tag: &str, name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("webhook-echo-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path.display().to_string()
}

/// What comes back on `stream` within `wait` (the head, and the body its `content-length`
/// announces), or as much as came.
pub fn answer_on(stream: &mut TcpStream, wait: Duration) -> String {
    stream.set_read_timeout(Some(wait)).expect("timeout");
    let mut answer = Vec::new();
    let mut chunk = [0u8; 4096];
    let complete = |answer: &[u8]| {
        let Some(end) = answer.windows(4).position(|w| w == b"\r\n\r\n") else { return false };
        let head = text(&answer[..end]).to_ascii_lowercase();
        let length =
            head.lines().find_map(|l| l.strip_prefix("content-length:")).map(|v| v.trim().parse().unwrap_or(0));
        answer.len() >= end + 4 + length.unwrap_or(0)
    };
    while !complete(&answer) {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => answer.extend_from_slice(&chunk[..n]),
        }
    }
    text(&answer)
}

/// A running `webhook-echo listen` on a port of its own choosing, and the lines it prints.
pub struct Listener {
    pub child: Child,
    lines: mpsc::Receiver<String>,
    pub port: u16,
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Listener {
    /// `listen --port 0` under `secret`, with `extra` arguments; with `tmp`, its temporary files
    /// go there (`TMPDIR`).
    pub fn start_with(secret: &str, extra: &[&str], tmp: Option<&Path>) -> Self {
        let mut args = vec!["listen", "--port", "0", "--secret-env", VAR, "--page", "http://page.test/"];
        args.extend_from_slice(extra);
        let mut command = command_with(secret, &args);
        if let Some(tmp) = tmp {
            command.env("TMPDIR", tmp);
        }
        let mut child = command.stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn().expect("listen");
        let stdout = child.stdout.take().expect("stdout");
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = send.send(line);
            }
        });
        let first = lines.recv_timeout(Duration::from_secs(20)).expect("listen says where it listens");
        // `listening on http://127.0.0.1:PORT/ (any path)`, or `http://[::]:PORT/`.
        let port = first
            .split_once("]:")
            .map(|(_, rest)| rest.chars().take_while(char::is_ascii_digit).collect::<String>())
            .and_then(|digits| digits.parse().ok())
            .or_else(|| super::server::reported_port(&first))
            .unwrap_or_else(|| panic!("no port in {first:?}"));
        Listener { child, lines, port }
    }

    /// Lines up to and including the first that `stop` accepts.
    pub fn until(&self, stop: impl Fn(&str) -> bool) -> Vec<String> {
        let mut seen = Vec::new();
        loop {
            let line = self
                .lines
                .recv_timeout(Duration::from_secs(30))
                .unwrap_or_else(|_| panic!("waited for a line after {seen:#?}"));
            let done = stop(&line);
            seen.push(line);
            if done {
                return seen;
            }
        }
    }
}
