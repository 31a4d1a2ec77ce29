//! The receiver snippets the page offers, proven against deliveries made by our core.
//!
//! Each snippet runs as a real server on loopback. Deliveries from `delivery::generate` are sent
//! by running the very curl command the page copies (and, against Node, the HTTPie command and
//! the `fetch()` call): a genuine one gets 2xx, its retry is recognised as a duplicate, and a
//! tampered body or a wrong secret gets 401. `make test-receivers` builds the snippets first
//! (scripts/setup.sh); this test is ignored by a plain `cargo test` because it needs them.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use webhook_echo::echo::commands;
use webhook_echo::echo::delivery::{generate, Delivery, SignedDelivery, ENTROPY_LEN};
use webhook_echo::echo::endpoint::Endpoint;
use webhook_echo::protocol::events::{Event, EventStatus};

const SECRET: &str = "whsec_receiver_proof_5e1f";

struct Server {
    name: &'static str,
    child: Child,
    endpoint: Endpoint,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Starts a snippet on a port the system picks (`PORT=0`) and reads the address it reports
/// ("listening on http://127.0.0.1:<port>/…", or Flask's "Running on http://127.0.0.1:<port>"),
/// so no port is chosen first and bound later by someone else.
fn start(name: &'static str, program: &Path, args: &[&str], cwd: &Path) -> Server {
    assert!(
        program.exists() || !program.is_absolute(),
        "{name}: {} is missing; run make test-receivers",
        program.display()
    );
    let mut child = Command::new(program)
        .args(args)
        .current_dir(cwd)
        .env("COBINAR_WEBHOOK_SECRET", SECRET)
        .env("PORT", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{name}: could not start {}: {e}", program.display()));
    let (found, reported) = std::sync::mpsc::channel();
    for stream in [
        child.stdout.take().map(|s| Box::new(s) as Box<dyn std::io::Read + std::marker::Send>),
        child.stderr.take().map(|s| Box::new(s) as Box<dyn std::io::Read + std::marker::Send>),
    ]
    .into_iter()
    .flatten()
    {
        let found = found.clone();
        // Reads the stream to its end, so that the server never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if let Some(port) = reported_port(&line) {
                    let _ = found.send(port);
                }
            }
        });
    }
    let port = reported
        .recv_timeout(Duration::from_secs(60))
        .unwrap_or_else(|_| panic!("{name} did not say where it listens within 60 s"));
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    assert!(
        TcpStream::connect_timeout(&address, Duration::from_secs(5)).is_ok(),
        "{name} does not answer on {address}"
    );
    let endpoint = Endpoint::parse(&format!("http://127.0.0.1:{port}/webhooks/auth")).expect("endpoint");
    Server { name, child, endpoint }
}

/// The port in a line such as "listening on http://127.0.0.1:41234/webhooks/auth".
fn reported_port(line: &str) -> Option<u16> {
    let (_, rest) = line.split_once("http://127.0.0.1:")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok().filter(|port| *port != 0)
}

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

fn entropy(seed: u8) -> [u8; ENTROPY_LEN] {
    std::array::from_fn(|i| seed.wrapping_mul(31).wrapping_add((i as u8).wrapping_mul(17)) ^ 0x5a)
}

/// A delivery whose body would break naive quoting: single quotes, `$()`, backticks, `%s`,
/// backslashes, CRLF line breaks, non-ASCII text and a trailing newline.
fn hostile_delivery() -> Delivery {
    let event = Event::OtpVerified;
    let base = generate(event, 1_783_088_530_000, &entropy(200));
    let body = format!(
        "{{\r\n  \"id\": \"{}\",\r\n  \"event\": \"otp.verified\",\r\n  \"createdAt\": \"{}\",\r\n  \"payload\": {{\"note\": \"O'Brien $(echo pwned) `id` %s \\\\ café ☕\"}}\r\n}}\r\n",
        base.id, base.created_at
    );
    Delivery { body, ..base }
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
        let delivery = generate(event, 1_783_088_530_000 + index as i64, &entropy(seed.wrapping_add(index as u8)));
        let signed = delivery.signed(SECRET);
        expect(&format!("genuine {}", event.name()), send(&signed, server), 200, "ok");
        expect(&format!("retried {}", event.name()), send(&signed, server), 200, "duplicate");
    }
    let delivery = generate(Event::OtpVerified, 1_783_088_530_000, &entropy(seed.wrapping_add(100)));
    let genuine = delivery.signed(SECRET);
    let mut tampered = genuine.clone();
    tampered.body = tampered.body.replacen("+999 ", "+998 ", 1);
    assert_ne!(tampered.body, genuine.body);
    expect("tampered body", send(&tampered, server), 401, "invalid signature");
    expect("wrong secret", send(&delivery.signed("whsec_someone_else"), server), 401, "invalid signature");
    let mut hostile = hostile_delivery();
    hostile.id = format!("{}-{how}", hostile.id);
    let hostile = SignedDelivery {
        headers: hostile
            .signed(SECRET)
            .headers
            .into_iter()
            .map(|(n, v)| (n, if n == "x-cobinar-event-id" { hostile.id.clone() } else { v }))
            .collect(),
        body: hostile.body.clone(),
    };
    expect("body with quotes, $(), backticks, CRLF and UTF-8", send(&hostile, server), 200, "ok");
    wrong
}

#[test]
#[ignore = "needs the receiver snippets built and their runtimes installed: make test-receivers"]
fn receiver_snippets_accept_genuine_deliveries_and_reject_forgeries() {
    let root = root();
    let snippets = root.join("snippets");
    let servers = [
        start("node", Path::new("node"), &["server.js"], &snippets.join("node")),
        start("python", &root.join("target/receivers/venv/bin/python"), &["server.py"], &snippets.join("python")),
        start("go", &root.join("target/receivers/go-receiver"), &[], &snippets.join("go")),
        start("rust", &root.join("target/receivers/rust/release/cobinar-receiver"), &[], &snippets.join("rust")),
    ];
    let mut wrong = Vec::new();
    for (index, server) in servers.iter().enumerate() {
        wrong.extend(prove(server, send_with_curl, "curl", index as u8 * 10));
    }
    wrong.extend(prove(&servers[0], send_with_httpie, "httpie", 50));
    wrong.extend(prove(&servers[0], send_with_fetch, "fetch", 60));
    wrong.extend(prove(&servers[1], send_with_httpie, "httpie", 70));
    assert!(wrong.is_empty(), "{} failures:\n{}", wrong.len(), wrong.join("\n"));
}
