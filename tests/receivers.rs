//! The receiver snippets the page offers, proven against deliveries made by our core.
//!
//! Each snippet runs as a real server on loopback. Deliveries from `delivery::generate` are sent
//! by running the very curl command the page copies (and, against Node, the HTTPie command and
//! the `fetch()` call): a genuine one gets 2xx, its retry is recognised as a duplicate, and a
//! tampered body or a wrong secret gets 401. `make test-receivers` builds the snippets first
//! (scripts/setup.sh); this test is ignored by a plain `cargo test` because it needs them.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use std::process::Command;

mod common;
use common::server::{root, snippets, Server};

use webhook_echo::echo::commands;
use webhook_echo::echo::delivery::{generate, Delivery, SignedDelivery, ENTROPY_LEN};
use webhook_echo::protocol::events::{Event, EventStatus};

const SECRET: &str = "whsec_receiver_proof_5e1f";

/// Runs a shell command and returns (status, body) from its last two output lines.
fn run_shell(script: &str) -> (u16, String) {
    let output = Command::new("sh").arg("-c").arg(script).output().expect("sh");
    let stdout = String::from_utf8_lossy(&output.stdout).to_string();
    let (body, status) = stdout.trim_end().rsplit_once('\n').unwrap_or(("", stdout.trim()));
    let status = status.trim().parse().unwrap_or_else(|_| {
        panic!("no status from:\n{script}\nstdout: {stdout}\nstderr: {}", String::from_utf8_lossy(&output.stderr))
    });
    (status, body.trim().to_string())
}

/// The page's curl command, as copied, with output options added at the end.
fn send_with_curl(delivery: &SignedDelivery, server: &Server) -> (u16, String) {
    let command = commands::curl(delivery, &server.endpoint);
    run_shell(&format!("{command} \\\n  --silent --show-error --write-out '\\n%{{http_code}}'"))
}

fn send_with_httpie(delivery: &SignedDelivery, server: &Server) -> (u16, String) {
    let http = root().join("target/receivers/venv/bin");
    let command = commands::httpie(delivery, &server.endpoint);
    // --print=b shows the answer's body; the status comes from HTTPie's exit code.
    let script = format!(
        "PATH={}:$PATH\n{command} \\\n  --print=b --check-status\ncode=$?\necho\ncase $code in 0) echo 200;; 4) echo 401;; *) echo $code;; esac",
        http.display()
    );
    run_shell(&script)
}

fn send_with_fetch(delivery: &SignedDelivery, server: &Server) -> (u16, String) {
    let call = commands::fetch(delivery, &server.endpoint);
    let script =
        format!("const response = {call}\nconsole.log(await response.text());\nconsole.log(response.status);\n");
    let file = std::env::temp_dir().join(format!("webhook-echo-fetch-{}.mjs", std::process::id()));
    std::fs::write(&file, script).expect("write the fetch script");
    run_shell(&format!("node {}", file.display()))
}

/// Now, in Unix milliseconds: the receivers reject a delivery signed more than 5 minutes ago.
fn now() -> i64 {
    let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("after 1970");
    i64::try_from(since.as_millis()).expect("in range")
}

fn entropy(seed: u8) -> [u8; ENTROPY_LEN] {
    std::array::from_fn(|i| seed.wrapping_mul(31).wrapping_add((i as u8).wrapping_mul(17)) ^ 0x5a)
}

/// A delivery whose body would break naive quoting: single quotes, `$()`, backticks, `%s`,
/// backslashes, CRLF line breaks, non-ASCII text and a trailing newline. Its id ends in `how`,
/// so that each way of sending it is a delivery of its own.
fn hostile_delivery(how: &str) -> Delivery {
    let event = Event::OtpVerified;
    let base = generate(event, now(), &entropy(200));
    let id = format!("{}-{how}", base.id);
    let body = format!(
        "{{\r\n  \"id\": \"{id}\",\r\n  \"event\": \"otp.verified\",\r\n  \"createdAt\": \"{}\",\r\n  \"payload\": {{\"note\": \"O'Brien $(echo pwned) `id` %s \\\\ café ☕\"}}\r\n}}\r\n",
        base.created_at
    );
    Delivery { body, id, ..base }
}

type Send = fn(&SignedDelivery, &Server) -> (u16, String);

fn prove(server: &Server, send: Send, how: &str, seed: u8) -> Vec<String> {
    let mut wrong = Vec::new();
    let mut expect = |what: &str, got: (u16, String), status: u16, body: &str| {
        if got.0 != status || (!body.is_empty() && got.1 != body) {
            wrong.push(format!(
                "{} via {how}, {what}: got {} {:?}, expected {status} {body:?}",
                server.name, got.0, got.1
            ));
        }
    };
    for (index, event) in Event::ALL.into_iter().filter(|e| e.status() == EventStatus::Active).enumerate() {
        let delivery = generate(event, now() + index as i64, &entropy(seed.wrapping_add(index as u8)));
        let signed = delivery.signed(SECRET);
        expect(&format!("genuine {}", event.name()), send(&signed, server), 200, "ok");
        expect(&format!("retried {}", event.name()), send(&signed, server), 200, "duplicate");
    }
    let delivery = generate(Event::OtpVerified, now(), &entropy(seed.wrapping_add(100)));
    let genuine = delivery.signed(SECRET);
    let mut tampered = genuine.clone();
    tampered.body = tampered.body.replacen("+999 ", "+998 ", 1);
    assert_ne!(tampered.body, genuine.body);
    expect("tampered body", send(&tampered, server), 401, "invalid signature");
    expect("wrong secret", send(&delivery.signed("whsec_someone_else"), server), 401, "invalid signature");
    let hostile = hostile_delivery(how).signed(SECRET);
    expect("body with quotes, $(), backticks, CRLF and UTF-8", send(&hostile, server), 200, "ok");
    // The same signed body under an event id header it does not carry: a replay, refused.
    let mut replayed = hostile.clone();
    for (name, value) in &mut replayed.headers {
        if *name == "x-cobinar-event-id" {
            value.push_str("-replayed");
        }
    }
    expect("the same body under another event id header", send(&replayed, server), 401, "event id mismatch");
    wrong
}

#[test]
#[ignore = "needs the receiver snippets built and their runtimes installed: make test-receivers"]
fn receiver_snippets_accept_genuine_deliveries_and_reject_forgeries() {
    let servers = snippets(SECRET);
    let mut wrong = Vec::new();
    for (index, server) in servers.iter().enumerate() {
        wrong.extend(prove(server, send_with_curl, "curl", index as u8 * 10));
    }
    wrong.extend(prove(&servers[0], send_with_httpie, "httpie", 50));
    wrong.extend(prove(&servers[0], send_with_fetch, "fetch", 60));
    wrong.extend(prove(&servers[1], send_with_httpie, "httpie", 70));
    assert!(wrong.is_empty(), "{} failures:\n{}", wrong.len(), wrong.join("\n"));
}
