//! The command's words (`send`, `check`, `verify`) when things go wrong: a reply that is not
//! HTTP named by what came back, a refusal's body and the secrets' fingerprints, no sentence
//! that points at the page ("see below", "as pasted"), `verify --request` reading a request as
//! the page's import does, and long lines wrapped on a terminal. Fake receivers are a few lines
//! of `TcpListener` serving a canned reply.
// Native only: the command does not exist on wasm32.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::{Command, Output};
use std::time::Duration;

use webhook_echo::echo::example::EXAMPLE_BODY;
use webhook_echo::verify::fingerprint::fingerprint;
use webhook_echo::verify::signature::sign;

mod common;
use common::cli::{text, BIN, VAR};

const SECRET: &str = "whsec_cli_words_5e1f";

fn command(args: &[&str]) -> Command {
    common::cli::command_with(SECRET, args)
}

fn run(args: &[&str]) -> Output {
    common::cli::run_with(SECRET, args)
}

fn temp_file(name: &str, bytes: &[u8]) -> String {
    common::cli::temp_file_in("cli-words", name, bytes)
}

/// A receiver that reads each request's head and answers `reply`, then closes: its URL.
fn fake_receiver(reply: &'static [u8]) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            std::thread::spawn(move || {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                let mut head = Vec::new();
                let mut buf = [0u8; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let _ = stream.write_all(reply);
                let _ = stream.shutdown(std::net::Shutdown::Write);
                // Read what is left of the request, so that closing sends no reset.
                while matches!(stream.read(&mut buf), Ok(n) if n > 0) {}
            });
        }
    });
    format!("http://127.0.0.1:{port}/webhooks/auth")
}

fn said(out: &Output) -> String {
    format!("{}{}", text(&out.stdout), text(&out.stderr))
}

#[test]
fn a_reply_that_is_not_http_is_named_by_what_came_back_not_called_no_connection() {
    for (reply, shown) in [
        (&b"SSH-2.0-OpenSSH_9.6\r\n"[..], "SSH-2.0-OpenSSH_9.6⟨U+000D⟩⟨U+000A⟩"),
        (&b"hello\x1b[2J\n"[..], "hello⟨U+001B⟩[2J⟨U+000A⟩"),
    ] {
        let url = fake_receiver(reply);
        for subcommand in ["check", "send"] {
            let out = run(&[subcommand, &url, "--secret-env", VAR]);
            let said = said(&out);
            assert_eq!(out.status.code(), Some(1), "{said}");
            assert!(!said.to_lowercase().contains("no connection"), "{subcommand}: {said}");
            assert!(!said.contains("not running") && !said.contains("start the receiver"), "{subcommand}: {said}");
            assert!(said.contains("not HTTP"), "{subcommand}: {said}");
            assert!(said.contains(shown), "{subcommand} shows the bytes, escaped: {said}");
            assert!(!said.contains('\x1b'), "{subcommand} never writes the escape itself: {said:?}");
        }
    }
}

#[test]
fn a_401_shows_its_body_escaped_the_secret_s_fingerprint_and_the_server_one_liner() {
    // A body longer than 200 bytes, with an escape sequence in its first 200.
    let body = format!("{{\"error\":\"bad signature \x1b]0;pwned\x07\",\"detail\":\"{}\"}}", "x".repeat(300));
    let reply: &'static [u8] = Box::leak(
        format!("HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}", body.len())
            .into_bytes()
            .into_boxed_slice(),
    );
    let url = fake_receiver(reply);
    let first_200 = &body.as_bytes()[..200];
    let escaped = String::from_utf8_lossy(first_200).replace('\x1b', "⟨U+001B⟩").replace('\x07', "⟨U+0007⟩");
    for args in
        [vec!["send", url.as_str()], vec!["check", url.as_str()], vec!["send", url.as_str(), "--stack", "python"]]
    {
        let mut args = args.clone();
        args.extend(["--secret-env", VAR]);
        let out = run(&args);
        let said = said(&out);
        assert_eq!(out.status.code(), Some(1), "{said}");
        assert!(said.contains(&escaped), "{args:?}: the first 200 bytes, escaped: {said}");
        assert!(!said.contains(&"x".repeat(200)), "{args:?}: no more than 200 bytes: {said}");
        assert!(!said.contains('\x1b') && !said.contains('\x07'), "{args:?}: {said:?}");
        assert!(said.contains(&format!("fingerprint {}", fingerprint(SECRET))), "{args:?}: {said}");
        let one_liner = if args.contains(&"python") {
            "python3 -c 'import hashlib,hmac,os"
        } else {
            "openssl dgst -sha256 -hmac 'webhook-echo secret fingerprint v1'"
        };
        assert!(said.contains(one_liner), "{args:?}: the server's one-liner: {said}");
        assert!(said.contains("on the server"), "{args:?}: {said}");
    }
    let out = run(&["send", &url, "--secret-env", VAR]);
    assert!(text(&out.stdout).contains("Your receiver answered 401 (the first 200 of "), "{}", text(&out.stdout));
}

/// The example delivery's body file and its headers, signed under `secret`.
fn example(secret: &str, body: &str) -> (String, Vec<String>) {
    let signature = sign(secret.as_bytes(), body.as_bytes());
    let path = temp_file(&format!("body-{}.json", body.len()), body.as_bytes());
    let headers = vec![
        format!("x-cobinar-signature: {signature}"),
        "x-cobinar-event: otp.verified".to_string(),
        "x-cobinar-event-id: e3a9c1f0-5b7d-4e2a-9c61-2f8d0b7a4e13".to_string(),
        "x-cobinar-timestamp: 2026-07-03T14:22:10.000Z".to_string(),
    ];
    (path, headers)
}

#[track_caller]
fn assert_own_words(what: &str, said: &str) {
    let lower = said.to_lowercase();
    for page_only in ["see below", "as pasted", "pasted", "paste the"] {
        assert!(!lower.contains(page_only), "{what}: {page_only:?} in\n{said}");
    }
}

#[test]
fn verify_check_and_send_never_point_at_the_page() {
    let (body, mut headers) = example("whsec_another", EXAMPLE_BODY);
    // A wrong secret, an event id that disagrees, a content-length for another body.
    headers[2] = "x-cobinar-event-id: 00000000-0000-4000-8000-000000000000".to_string();
    headers.push("content-length: 3".to_string());
    let mut typical: Vec<(String, Vec<String>)> = vec![(body.clone(), headers.clone())];
    // No signature at all; a body with a trailing newline; an empty body.
    typical.push((body.clone(), headers[1..].to_vec()));
    let (_, signed_without_newline) = example(SECRET, EXAMPLE_BODY);
    typical.push((temp_file("newline.json", format!("{EXAMPLE_BODY}\n").as_bytes()), signed_without_newline));
    typical.push((temp_file("empty.json", b""), headers.clone()));
    for (body, headers) in &typical {
        let mut args = vec!["verify", "--secret-env", VAR, "--body", body.as_str()];
        for header in headers {
            args.extend(["--header", header.as_str()]);
        }
        let out = run(&args);
        assert_eq!(out.status.code(), Some(1), "{}", said(&out));
        assert_own_words("verify", &said(&out));
    }
    let refusing =
        fake_receiver(b"HTTP/1.1 401 Unauthorized\r\ncontent-length: 13\r\nconnection: close\r\n\r\nbad signature");
    for subcommand in ["check", "send"] {
        let out = run(&[subcommand, &refusing, "--secret-env", VAR]);
        assert_own_words(subcommand, &said(&out));
    }
}

#[test]
fn verify_reads_a_raw_request_file_and_a_curl_v_transcript_as_the_page_s_import_does() {
    let signature = sign(SECRET.as_bytes(), EXAMPLE_BODY.as_bytes());
    let head = format!(
        "POST /webhooks/auth HTTP/1.1\r\nhost: localhost:3000\r\ncontent-type: application/json\r\nx-cobinar-signature: {signature}\r\nx-cobinar-event: otp.verified\r\nx-cobinar-event-id: e3a9c1f0-5b7d-4e2a-9c61-2f8d0b7a4e13\r\nx-cobinar-timestamp: 2026-07-03T14:22:10.000Z\r\ncontent-length: {}\r\n\r\n",
        EXAMPLE_BODY.len()
    );
    let raw = temp_file("request.txt", format!("{head}{EXAMPLE_BODY}").as_bytes());
    let out = run(&["verify", "--secret-env", VAR, "--request", &raw]);
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    assert!(text(&out.stdout).contains("valid: Genuine"), "{}", said(&out));
    assert!(text(&out.stdout).contains("a raw HTTP request"), "says what it read: {}", said(&out));
    // The same request with one byte of the body changed: invalid, and why.
    let tampered = temp_file("tampered.txt", format!("{head}{}", EXAMPLE_BODY.replacen("otp", "OTP", 1)).as_bytes());
    let out = run(&["verify", "--secret-env", VAR, "--request", &tampered]);
    assert_eq!(out.status.code(), Some(1), "{}", said(&out));
    assert!(text(&out.stdout).starts_with("read: ") && text(&out.stdout).contains("invalid: "), "{}", said(&out));

    // A curl command and its -v output, as a terminal shows them: the body is the command's.
    let quoted = EXAMPLE_BODY.replace('\'', "'\\''");
    let transcript = format!(
        "$ curl -v http://localhost:3000/webhooks/auth -H 'content-type: application/json' -H 'x-cobinar-signature: {signature}' -H 'x-cobinar-event: otp.verified' -H 'x-cobinar-event-id: e3a9c1f0-5b7d-4e2a-9c61-2f8d0b7a4e13' -H 'x-cobinar-timestamp: 2026-07-03T14:22:10.000Z' --data-binary '{quoted}'\n\
*   Trying 127.0.0.1:3000...\n\
* Connected to localhost (127.0.0.1) port 3000\n\
> POST /webhooks/auth HTTP/1.1\n\
> Host: localhost:3000\n\
> User-Agent: curl/8.5.0\n\
> Accept: */*\n\
> content-type: application/json\n\
> x-cobinar-signature: {signature}\n\
> x-cobinar-event: otp.verified\n\
> x-cobinar-event-id: e3a9c1f0-5b7d-4e2a-9c61-2f8d0b7a4e13\n\
> x-cobinar-timestamp: 2026-07-03T14:22:10.000Z\n\
> Content-Length: {}\n\
>\n\
< HTTP/1.1 401 Unauthorized\n\
< content-length: 13\n\
<\n\
bad signature\n",
        EXAMPLE_BODY.len()
    );
    let curl = temp_file("curl-v.txt", transcript.as_bytes());
    let out = run(&["verify", "--secret-env", VAR, "--request", &curl]);
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    assert!(text(&out.stdout).contains("valid: Genuine"), "{}", said(&out));
    // Under another secret: invalid, with the cause named.
    let out = command(&["verify", "--secret-env", "OTHER", "--request", &curl])
        .env("OTHER", "whsec_other")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1), "{}", said(&out));

    // curl -v alone does not print the body: --body gives it, and without it the command says so.
    let verbose_only = transcript.split_once('\n').map(|(_, rest)| rest.to_string()).unwrap_or_default();
    let verbose_only = temp_file("verbose-only.txt", verbose_only.as_bytes());
    let out = run(&["verify", "--secret-env", VAR, "--request", &verbose_only]);
    assert_eq!(out.status.code(), Some(2), "{}", said(&out));
    assert!(text(&out.stderr).contains("--body"), "{}", said(&out));
    let body = temp_file("curl-body.json", EXAMPLE_BODY.as_bytes());
    let out = run(&["verify", "--secret-env", VAR, "--request", &verbose_only, "--body", &body]);
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
}

/// Runs the command on a pseudo-terminal `columns` wide (as `$COLUMNS` says) and prints what
/// the terminal got.
const ON_A_TERMINAL: &str = r#"
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
out = b""
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
os.waitpid(pid, 0)
sys.stdout.write(out.decode(errors="replace"))
"#;

#[test]
fn long_lines_wrap_at_the_terminal_s_width_and_stay_whole_in_a_pipe() {
    let url = fake_receiver(b"HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
    let args = ["check", url.as_str(), "--secret-env", VAR];
    let piped = text(&run(&args).stdout);
    let fix = "Answer 2xx to every genuine delivery, including events you do not act on.";
    assert!(piped.contains(fix), "a pipe gets whole lines: {piped}");
    let out = Command::new("python3")
        .arg("-c")
        .arg(ON_A_TERMINAL)
        .arg(BIN)
        .args(args)
        .env_remove("COBINAR_WEBHOOK_SECRET")
        .env(VAR, SECRET)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "60")
        .output()
        .expect("python3 with pty");
    let shown = text(&out.stdout).replace("\r\n", "\n");
    let lines: Vec<&str> = shown.lines().filter(|l| !l.contains('\x1b') && !l.trim().is_empty()).collect();
    assert!(lines.iter().all(|l| l.chars().count() <= 60 || !l.trim().contains(' ')), "{shown}");
    // The fix, wrapped with its continuation under the text after "fix:".
    let at = lines
        .iter()
        .position(|l| l.trim_start().starts_with("fix:") && l.contains("Answer 2xx to every"))
        .unwrap_or_else(|| panic!("{shown}"));
    let indent = lines[at].find("Answer").unwrap_or(0);
    let next = lines[at + 1];
    assert_eq!(next.len() - next.trim_start().len(), indent, "a hanging indent:\n{}\n{next}", lines[at]);
    let joined = format!("{} {}", lines[at][indent..].trim_end(), next.trim());
    assert!(fix.starts_with(&joined) || joined.starts_with(fix), "words never split: {joined:?}");
}
