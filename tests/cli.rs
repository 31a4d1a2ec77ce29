//! The `webhook-echo` command, run as built: `sign` and `verify` exit codes and JSON shapes,
//! `listen` capturing a `send` (always run); `check` against the
//! deliberately broken receivers of `tests/cli-receivers/`, and `send`'s retry timing against a
//! flaky one (ignored by a plain `cargo test`: Node and the built snippets are needed, so
//! `make test-receivers` runs them).
// Native only: the command does not exist on wasm32.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::{mpsc, Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use serde_json::Value;
use webhook_echo::echo::contract::TEST_REQUEST_PREFIX;
use webhook_echo::share::fixture::SharedSecret;
use webhook_echo::share::fixture_link;
use webhook_echo::verify::received_headers;
use webhook_echo::verify::verification::{verify, ReceivedDelivery, Verdict};

mod common;
use common::cli::{answer_on, text, Listener, BIN, VAR};
use common::server::{refusing_port, root, start, Server};

const SECRET: &str = "whsec_cli_proof_8c2d";

fn command(args: &[&str]) -> Command {
    common::cli::command_with(SECRET, args)
}

fn run(args: &[&str]) -> Output {
    common::cli::run_with(SECRET, args)
}

fn temp_file(name: &str, bytes: &[u8]) -> String {
    common::cli::temp_file_in("cli", name, bytes)
}

/// `listen` under this file's secret.
fn listen(extra: &[&str]) -> Listener {
    Listener::start_with(SECRET, extra, None)
}

#[test]
fn version_says_the_commit_it_was_built_from() {
    let out = run(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    let said = text(&out.stdout);
    let head = Command::new("git").args(["rev-parse", "HEAD"]).current_dir(env!("CARGO_MANIFEST_DIR")).output();
    let commit = head.ok().filter(|o| o.status.success()).map(|o| text(&o.stdout).trim()[..12].to_string());
    let built_from = commit.map_or_else(|| "unknown commit".to_string(), |c| format!("commit {c}"));
    assert_eq!(said, format!("webhook-echo {} ({built_from})\n", env!("CARGO_PKG_VERSION")));
    // Each command says the same.
    assert_eq!(text(&run(&["check", "--version"]).stdout), said.replacen("webhook-echo", "webhook-echo-check", 1));
}

/// The names `--help` lists are the core's, in its order: every event, every contract case
/// and every tamper, so a new one reaches the help without anyone writing it there.
#[test]
fn help_lists_the_core_s_events_and_cases() {
    use webhook_echo::echo::contract::CaseId;
    use webhook_echo::protocol::events::Event;
    use webhook_echo::share::fixture::{Expect, Tamper};
    let help = |args: &[&str]| {
        let out = run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        // clap breaks nothing inside a name; the cases' paragraph may break between them.
        text(&out.stdout).replace('\n', " ")
    };
    let listed = |names: &[&str]| format!("[possible values: {}]", names.join(", "));
    let events = listed(&Event::ALL.map(Event::name));
    let send = help(&["send", "--help"]);
    assert!(send.contains(&format!("[default: otp.verified] {events}")), "{send}");
    let new = help(&["fixture", "new", "--help"]);
    for values in [events, listed(&Expect::ALL.map(Expect::name)), listed(&Tamper::ALL.map(Tamper::name))] {
        assert!(new.contains(&values), "{values} in {new}");
    }
    let check = help(&["check", "--help"]);
    let cases = CaseId::ALL.map(CaseId::as_str).join(", ");
    assert!(check.contains(&format!("Cases: {cases}; then fixture:<file name> for each fixture")), "{check}");
    // A name that is not an event is refused before anything runs, the events named.
    let out = run(&["fixture", "new", "--event", "otp.sent", "--out", "/nonexistent/"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("otp.verified"), "{}", text(&out.stderr));
}

#[test]
fn sign_prints_the_github_vector_and_never_takes_the_secret_from_argv() {
    let body = temp_file("hello.txt", b"Hello, World!");
    let mut signing = command(&["sign", "--secret-env", "GITHUB_VECTOR", &body]);
    let out = signing.env("GITHUB_VECTOR", "It's a Secret to Everybody").output().expect("sign");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17\n");
    // A secret file loses one trailing newline, as `echo secret > file` adds it.
    let secret_file = temp_file("secret.txt", b"It's a Secret to Everybody\n");
    let out = run(&["sign", "--secret-file", &secret_file, &body]);
    assert_eq!(text(&out.stdout).trim(), "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    // No secret anywhere: exit 2 and say where it may come from.
    let out = command(&["sign", &body]).env_remove(VAR).stdin(Stdio::null()).output().expect("sign");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("COBINAR_WEBHOOK_SECRET"), "{}", text(&out.stderr));
    let out = run(&["sign", "--secret", "whsec_x", &body]);
    assert_eq!(out.status.code(), Some(2), "there is no --secret option");
    let out = run(&["sign", "--secret-env", "NOT_SET_ANYWHERE_42", &body]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("NOT_SET_ANYWHERE_42 is not set"), "{}", text(&out.stderr));
    let out = run(&["sign", "--secret-env", VAR, "/nonexistent/body.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("/nonexistent/body.json"));
}

/// The example delivery, as a body file and header arguments.
fn example(secret: &str) -> (String, Vec<String>) {
    let body = webhook_echo::echo::example::EXAMPLE_BODY;
    let signature = webhook_echo::verify::signature::sign(secret.as_bytes(), body.as_bytes());
    let path = temp_file("example.json", body.as_bytes());
    let headers = vec![
        format!("x-cobinar-signature: {signature}"),
        "x-cobinar-event: otp.verified".to_string(),
        "x-cobinar-event-id: e3a9c1f0-5b7d-4e2a-9c61-2f8d0b7a4e13".to_string(),
        "x-cobinar-timestamp: 2026-07-03T14:22:10.000Z".to_string(),
    ];
    (path, headers)
}

fn verify_args<'a>(body: &'a str, headers: &'a [String], json: bool) -> Vec<&'a str> {
    let mut args = vec!["verify", "--secret-env", VAR, "--body", body];
    for header in headers {
        args.extend(["--header", header.as_str()]);
    }
    if json {
        args.push("--json");
    }
    args
}

/// `--stack` words each fix in the reader's stack, in the text and the JSON alike; an id the
/// table does not hold is refused before anything is read.
#[test]
fn verify_speaks_the_stack_it_is_given() {
    let (_, headers) = example(SECRET);
    let body = format!("{}\n", webhook_echo::echo::example::EXAMPLE_BODY);
    let body = temp_file("example-newline.json", body.as_bytes());
    let mut args = verify_args(&body, &headers, false);
    args.extend(["--stack", "python-fastapi"]);
    let out = run(&args);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("body-trailing-newline") && said.contains("await request.body()"), "{said}");
    assert!(!said.to_lowercase().contains("express"), "{said}");

    let mut args = verify_args(&body, &headers, true);
    args.extend(["--stack", "php"]);
    let json: Value = serde_json::from_slice(&run(&args).stdout).expect("JSON");
    let fix = json["diagnosis"][0]["fix"].as_str().unwrap_or_default();
    assert!(fix.contains("php://input") && fix.contains("getContent()"), "{fix}");

    let mut args = verify_args(&body, &headers, false);
    args.extend(["--stack", "cobol-cics"]);
    let out = run(&args);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("python-fastapi"), "the error lists the ids: {}", text(&out.stderr));
}

#[test]
fn verify_says_what_the_page_says_with_exit_codes() {
    let (body, headers) = example(SECRET);
    let out = run(&verify_args(&body, &headers, true));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["verdict"], "valid");
    let statuses: Vec<(&str, &str)> = json["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .map(|c| (c["header"].as_str().unwrap_or(""), c["status"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(
        statuses,
        [
            ("x-cobinar-signature", "ok"),
            ("x-cobinar-event", "ok"),
            ("x-cobinar-event-id", "ok"),
            ("x-cobinar-timestamp", "ok")
        ]
    );
    assert_eq!(json["diagnosis"], Value::Array(Vec::new()));

    // The same delivery received with a trailing newline: invalid, and the cause is named.
    let (_, headers) = example(SECRET);
    let body = temp_file("newline.json", format!("{}\n", webhook_echo::echo::example::EXAMPLE_BODY).as_bytes());
    let out = run(&verify_args(&body, &headers, true));
    assert_eq!(out.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["verdict"], "invalid");
    assert_eq!(json["diagnosis"][0]["cause"], "body-trailing-newline");
    // The report card for a person says the same.
    let out = run(&verify_args(&body, &headers, false));
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out.stdout);
    assert!(said.starts_with("invalid: "), "{said}");
    assert!(said.contains("body-trailing-newline"), "{said}");
    assert!(!said.contains('\x1b'), "NO_COLOR: {said:?}");

    // Signed with another secret; and a header without a colon is refused.
    let (body, headers) = example("whsec_someone_else");
    assert_eq!(run(&verify_args(&body, &headers, false)).status.code(), Some(1));
    let out = run(&verify_args(&body, &["x-cobinar-signature sha256=00".to_string()], false));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("'name: value'"));
    // No signature header at all: incomplete, not valid.
    let out = run(&verify_args(&body, &[], true));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).expect("JSON")["verdict"], "incomplete");
}

#[test]
fn listen_captures_a_send_verifies_it_and_links_it_without_the_secret() {
    let listener = listen(&[]);
    let url = format!("http://127.0.0.1:{}/webhooks/auth", listener.port);
    let out = run(&["send", &url, "--event", "otp.created", "--secret-env", VAR]);
    let said = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{said}{}", text(&out.stderr));
    assert!(said.contains("attempt 1 at"), "{said}");
    assert!(said.contains("Delivered on attempt 1"), "{said}");
    let lines = listener.until(|line| line.trim_start().starts_with("open: "));
    let joined = lines.join("\n");
    let captured = lines.iter().find(|l| l.contains(" POST ")).unwrap_or_else(|| panic!("{joined}"));
    assert!(captured.contains("POST /webhooks/auth otp.created"), "{joined}");
    assert!(captured.ends_with(" valid"), "{joined}");
    assert!(!joined.contains(SECRET), "the secret is never printed");
    let link = lines.last().map(|l| l.trim_start().trim_start_matches("open: ")).unwrap_or_default();
    let fragment = link.strip_prefix("http://page.test/#").unwrap_or_else(|| panic!("{link}"));
    let opened = fixture_link::decode_link(fragment).expect("the link decodes");
    // The link carries the verdict listen reached, as the page's share does.
    assert_eq!(opened.sender_verdict.map(|v| v.to_trailer()), Some("verdict=valid".to_string()));
    let fixture = opened.fixture;
    assert!(matches!(fixture.secret, SharedSecret::Fingerprint(_)), "{:?}", fixture.secret);
    // The captured bytes verify as the delivery sent, and say they are a test.
    let headers = received_headers::parse(&fixture.headers);
    let result =
        verify(ReceivedDelivery { secret: SECRET, body: &fixture.body, headers: &headers, now_unix_millis: None });
    assert_eq!(result.verdict, Verdict::Valid, "{}", result.summary);
    let body: Value = serde_json::from_slice(&fixture.body).expect("JSON body");
    assert_eq!(body["event"], "otp.created");
    assert!(body["payload"]["requestId"].as_str().unwrap_or("").starts_with(TEST_REQUEST_PREFIX), "{body}");

    // A forged delivery is answered 401 and its cause named.
    let out = command(&["send", &url, "--secret-env", "OTHER"]).env("OTHER", "whsec_other").output().expect("send");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let said = text(&out.stdout);
    assert_eq!(said.lines().filter(|l| l.starts_with("  attempt ")).count(), 3, "three attempts: {said}");
    assert!(said.contains("Failed after 3 attempts"), "{said}");
    let lines = listener.until(|line| line.trim_start().starts_with("open: "));
    assert!(lines.iter().any(|l| l.contains(" POST ") && l.ends_with(" invalid")), "{lines:#?}");
    assert!(lines.iter().any(|l| l.contains("no-known-cause")), "{lines:#?}");
}

#[test]
fn send_and_check_ask_before_a_remote_host() {
    for args in [["send", "https://hooks.example.com/webhooks"], ["check", "https://hooks.example.com/webhooks"]] {
        let out = run(&[args[0], args[1], "--secret-env", VAR]);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stderr).contains("--yes"), "{}", text(&out.stderr));
    }
    let out = run(&["send", "localhost:3000", "--secret-env", VAR]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("http://"), "{}", text(&out.stderr));
    let out = run(&["send", "http://127.0.0.1:9/", "--event", "otp.nope", "--secret-env", VAR]);
    assert!(text(&out.stderr).contains("otp.verified"), "{}", text(&out.stderr));
}

fn check_json(url: &str) -> (Option<i32>, Vec<(String, String, Value)>) {
    let out = run(&["check", url, "--secret-env", VAR, "--json"]);
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", text(&out.stdout), text(&out.stderr)));
    let cases = json["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| {
            (c["id"].as_str().unwrap_or("").to_string(), c["outcome"].as_str().unwrap_or("").to_string(), c.clone())
        })
        .collect();
    (out.status.code(), cases)
}

fn broken(file: &str) -> Server {
    let name: &'static str = Box::leak(file.to_string().into_boxed_str());
    start(name, Path::new("node"), &[file], &root().join("tests/cli-receivers"), &[("COBINAR_WEBHOOK_SECRET", SECRET)])
}

#[test]
#[ignore = "needs Node: make test-receivers"]
fn check_names_what_each_broken_receiver_gets_wrong() {
    // (receiver, the case that must fail, the cases that must pass)
    let expectations: [(&str, &str, &[&str]); 5] = [
        (
            "reserialized.js",
            "reserialized-body",
            &["genuine-otp.verified", "duplicate", "tampered-body", "wrong-secret"],
        ),
        ("any-signature.js", "wrong-secret", &["genuine-otp.verified", "duplicate", "missing-signature"]),
        ("duplicate-500.js", "duplicate", &["genuine-otp.verified", "tampered-body", "reserved-event"]),
        ("slow.js", "slow", &[]),
        ("reserved-500.js", "reserved-event", &["genuine-otp.created", "duplicate", "wrong-secret"]),
    ];
    std::thread::scope(|scope| {
        for (file, failing, passing) in expectations {
            scope.spawn(move || {
                let server = broken(file);
                let (code, cases) = check_json(&server.endpoint.url);
                let outcome = |id: &str| cases.iter().find(|c| c.0 == id).map(|c| c.1.clone()).unwrap_or_default();
                assert_eq!(outcome(failing), "fail", "{file}: {cases:#?}");
                for id in passing {
                    assert_eq!(outcome(id), "pass", "{file}: {id}: {cases:#?}");
                }
                assert_eq!(code, Some(1), "{file}");
                // The report card for a person names the case with its cause and fix.
                let out = run(&["check", &server.endpoint.url, "--secret-env", VAR]);
                let said = text(&out.stdout);
                let row = said.lines().position(|l| l.contains(failing) && l.contains("FAIL"));
                let row = row.unwrap_or_else(|| panic!("{file}: no row for {failing}:\n{said}"));
                let next: Vec<&str> =
                    said.lines().skip(row + 1).filter(|l| !l.trim_start().starts_with("answer:")).take(2).collect();
                assert!(
                    next[0].trim_start().starts_with("cause:") && next[1].trim_start().starts_with("fix:"),
                    "{file}:\n{said}"
                );
            });
        }
    });
}

#[test]
#[ignore = "needs Node: make test-receivers"]
fn send_retries_one_second_then_four_with_one_event_id() {
    let server = broken("flaky.js");
    let out = run(&["send", &server.endpoint.url, "--secret-env", VAR]);
    let said = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{said}");
    assert!(said.contains("Delivered on attempt 3"), "{said}");
    assert!(said.contains(" s after attempt 2 ended"), "{said}");
    let arrivals = |lines: &[String]| -> Vec<Value> {
        lines
            .iter()
            .filter_map(|line| serde_json::from_str::<Value>(line).ok())
            .filter(|v| v.get("at").is_some())
            .collect()
    };
    // The receiver's last line may still be on its way through the pipe: wait for it.
    let arrivals = arrivals(&server.lines_once(Duration::from_secs(5), |lines| arrivals(lines).len() >= 3));
    assert_eq!(arrivals.len(), 3, "{arrivals:?}");
    let at: Vec<f64> = arrivals.iter().map(|a| a["at"].as_f64().unwrap_or(f64::NAN)).collect();
    let (first_gap, second_gap) = (at[1] - at[0], at[2] - at[1]);
    // The receiver's own clock; the answer takes a few milliseconds, scheduling a few more.
    assert!((1_000.0..1_500.0).contains(&first_gap), "1 s between attempts 1 and 2: {first_gap} ms");
    assert!((4_000.0..4_500.0).contains(&second_gap), "4 s between attempts 2 and 3: {second_gap} ms");
    let ids: Vec<&str> = arrivals.iter().map(|a| a["eventId"].as_str().unwrap_or("")).collect();
    assert!(!ids[0].is_empty() && ids.iter().all(|id| *id == ids[0]), "one event id: {ids:?}");
}

#[test]
fn check_without_a_receiver_fails_every_case_and_says_what_to_do() {
    // Nothing listens there, and nothing can start to during the test.
    let nothing = refusing_port();
    let url = format!("http://127.0.0.1:{}/webhooks/auth", nothing.port);
    let (code, cases) = check_json(&url);
    assert_eq!(code, Some(1));
    assert_eq!(cases.len(), 13);
    assert!(cases.iter().all(|(_, outcome, case)| outcome == "fail" && case["status"].is_null()), "{cases:#?}");
    let out = run(&["check", &url, "--secret-env", VAR]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("start the receiver"), "{}", text(&out.stdout));
}

/// Writes `request` to the listener as is and returns what comes back (the status line first).
fn raw_request(port: u16, request: &[u8]) -> String {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.write_all(request).expect("write");
    answer_on(&mut stream, Duration::from_secs(30))
}

fn post(target: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut request = format!(
        "POST {target} HTTP/1.1\r\nhost: x\r\n{headers}content-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(body);
    request
}

#[test]
fn listen_shows_terminal_escapes_from_a_request_without_obeying_them() {
    let listener = listen(&[]);
    let osc8 = "\x1b]8;;http://evil.test/\x1b\\otp.verified\x1b]8;;\x1b\\";
    let headers = format!("x-cobinar-event: {osc8}\r\nx-cobinar-event-id: \x1b]0;pwned\x07\x1b[2J\r\n");
    let answer = raw_request(listener.port, &post("/hooks\x1b[2J\x1b[1;1H\x1b[32mvalid", &headers, b"{}"));
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
    let lines = listener.until(|line| line.trim_start().starts_with("open: "));
    let joined = lines.join("\n");
    assert!(!joined.chars().any(|c| c.is_control() && c != '\n'), "{joined:?}");
    let captured = lines.iter().find(|l| l.contains(" POST ")).unwrap_or_else(|| panic!("{joined}"));
    assert!(captured.contains("/hooks⟨U+001B⟩[2J⟨U+001B⟩[1;1H⟨U+001B⟩[32mvalid"), "{captured}");
    assert!(captured.contains("⟨U+001B⟩]8;;http://evil.test/⟨U+001B⟩\\otp.verified"), "{captured}");
    assert!(captured.contains("⟨U+001B⟩]0;pwned⟨U+0007⟩⟨U+001B⟩[2J"), "{captured}");
}

#[test]
fn a_stalled_sender_does_not_hold_up_the_next_delivery() {
    let listener = listen(&[]);
    // Promises a megabyte, sends 5,000 bytes, then waits.
    let mut stalled = std::net::TcpStream::connect(("127.0.0.1", listener.port)).expect("connect");
    let head = "POST /stall HTTP/1.1\r\nhost: x\r\ncontent-length: 1000000\r\n\r\n";
    stalled.write_all(head.as_bytes()).expect("write");
    stalled.write_all(&[b'a'; 5_000]).expect("write");
    // Listen is in the middle of it, reading, before the next delivery is sent.
    read_by_the_other_end(&stalled);
    let url = format!("http://127.0.0.1:{}/webhooks/auth", listener.port);
    let started = std::time::Instant::now();
    let out = run(&["send", &url, "--secret-env", VAR]);
    let said = text(&out.stdout);
    assert!(said.contains("Delivered on attempt 1"), "{said}");
    assert!(started.elapsed() < Duration::from_secs(4), "{:?}: {said}", started.elapsed());
    // The stalled one is given up on at Cobinar's timeout, and said so.
    let lines = listener.until(|line| line.contains("/stall"));
    assert!(lines.last().is_some_and(|l| l.contains("did not arrive within 8 s")), "{lines:#?}");
    drop(stalled);
}

/// Waits until the other end of `stream` has read all that was sent on it: the connection's
/// receive queue on this machine (Linux's /proc/net/tcp) is empty. What a server has read it has
/// accepted and started on, so what the test does next comes after it.
fn read_by_the_other_end(stream: &std::net::TcpStream) {
    let (ours, theirs) = (stream.local_addr().expect("address").port(), stream.peer_addr().expect("peer").port());
    // "sl local_address rem_address st tx_queue:rx_queue ...", ports in hex.
    let unread = || -> Option<u64> {
        let table = std::fs::read_to_string("/proc/net/tcp").expect("/proc/net/tcp");
        table.lines().skip(1).find_map(|row| {
            let fields: Vec<&str> = row.split_whitespace().collect();
            let port = |field: &str| field.rsplit(':').next().and_then(|hex| u16::from_str_radix(hex, 16).ok());
            let theirs_to_ours = port(fields.get(1)?) == Some(theirs) && port(fields.get(2)?) == Some(ours);
            theirs_to_ours
                .then(|| fields.get(4)?.split(':').nth(1).and_then(|hex| u64::from_str_radix(hex, 16).ok()))?
        })
    };
    let started = std::time::Instant::now();
    while unread() != Some(0) {
        assert!(started.elapsed() < Duration::from_secs(20), "the other end read nothing in 20 s: {:?}", unread());
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// A receiver on loopback that answers every request 200, on its own thread per request, and
/// hands over each request's head as received. A held one answers none until `release`.
struct Receiver {
    port: u16,
    heads: mpsc::Receiver<String>,
    open: Arc<(Mutex<bool>, Condvar)>,
}

impl Receiver {
    fn start(held: bool) -> Self {
        let server = std::net::TcpListener::bind(("127.0.0.1", 0)).expect("bind");
        let port = server.local_addr().expect("address").port();
        let (send, heads) = mpsc::channel();
        let open = Arc::new((Mutex::new(!held), Condvar::new()));
        let gate = Arc::clone(&open);
        std::thread::spawn(move || {
            for mut stream in server.incoming().map_while(Result::ok) {
                let (send, gate) = (send.clone(), Arc::clone(&gate));
                std::thread::spawn(move || {
                    let mut head = Vec::new();
                    let mut chunk = [0u8; 4096];
                    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                        match stream.read(&mut chunk) {
                            Ok(0) | Err(_) => return,
                            Ok(n) => head.extend_from_slice(&chunk[..n]),
                        }
                    }
                    let _ = send.send(text(&head));
                    let (open, opened) = &*gate;
                    let open = open.lock().unwrap_or_else(PoisonError::into_inner);
                    drop(opened.wait_while(open, |open| !*open).unwrap_or_else(PoisonError::into_inner));
                    let _ = stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok");
                });
            }
        });
        Receiver { port, heads, open }
    }

    /// The next request's head, waited for.
    fn head(&self, what: &str) -> String {
        self.heads.recv_timeout(Duration::from_secs(20)).unwrap_or_else(|_| panic!("{what} within 20 s"))
    }

    /// Answers what it holds, and from now on at once.
    fn release(&self) {
        let (open, opened) = &*self.open;
        *open.lock().unwrap_or_else(PoisonError::into_inner) = true;
        opened.notify_all();
    }
}

#[test]
fn each_forwarded_line_stays_with_its_own_delivery() {
    let receiver = Receiver::start(true);
    let target = format!("http://127.0.0.1:{}/hook", receiver.port);
    let listener = listen(&["--forward-to", &target]);
    let port = listener.port;
    // The second arrives while the first is still waiting for the receiver, which answers
    // neither until both have reached it.
    let first = std::thread::spawn(move || raw_request(port, &post("/first", "", b"{}")));
    receiver.head("the first delivery reached the receiver");
    let second = std::thread::spawn(move || raw_request(port, &post("/second", "", b"{}")));
    receiver.head("the second delivery reached the receiver while the first waited for its answer");
    receiver.release();
    for answer in [first, second] {
        let answer = answer.join().expect("request");
        assert!(answer.starts_with("HTTP/1.1 200"), "the receiver's answer is passed back: {answer}");
    }
    let mut lines = listener.until(|line| line.trim_start().starts_with("forwarded: "));
    lines.extend(listener.until(|line| line.trim_start().starts_with("forwarded: ")));
    // Each block: the request line, its reasons, its link, then what the receiver answered.
    let blocks: Vec<&[String]> = lines.split_inclusive(|l| l.trim_start().starts_with("forwarded: ")).collect();
    assert_eq!(blocks.len(), 2, "{lines:#?}");
    for block in blocks {
        let starts = block.iter().filter(|l| l.contains(" POST /")).count();
        assert_eq!(starts, 1, "one delivery per block: {block:#?}");
        assert!(block[block.len() - 2].trim_start().starts_with("open: "), "{block:#?}");
        assert!(block[block.len() - 1].contains("forwarded: 200 in "), "{block:#?}");
    }
}

#[test]
fn listen_refuses_what_the_page_would_refuse_and_says_why() {
    let listener = listen(&[]);
    // Headers over the page's 256 KiB: 431, and not captured.
    let big = format!("x-big: {}\r\n", "a".repeat(300 * 1024));
    let answer = raw_request(listener.port, &post("/big-headers", &big, b"{}"));
    assert!(answer.starts_with("HTTP/1.1 431"), "{answer}");
    let lines = listener.until(|line| line.contains("/big-headers"));
    let refused = lines.last().map(String::as_str).unwrap_or_default();
    assert!(refused.contains("refused") && refused.contains("256 KiB") && refused.len() < 400, "{refused}");

    // A long request target: shown cut, and the link's note within the page's 2,000 characters.
    let target = format!("/{}", "p".repeat(5_000));
    raw_request(listener.port, &post(&target, "", b"{}"));
    let lines = listener.until(|line| line.trim_start().starts_with("open: ") || line.contains("no link:"));
    assert!(lines.iter().all(|l| l.len() < 1_000), "{lines:#?}");
    let link = lines.last().map(|l| l.trim_start().trim_start_matches("open: ")).unwrap_or_default();
    let fragment = link.strip_prefix("http://page.test/#").unwrap_or_else(|| panic!("{link}"));
    let fixture = fixture_link::decode(fragment).expect("the page reads the link");
    assert!(fixture.note.contains("/ppp") && fixture.note.chars().count() <= 2_000, "{}", fixture.note.len());

    // A body that deflates to more than a link may carry: no link, and why.
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let noise: Vec<u8> = (0..3_500_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[0]
        })
        .collect();
    raw_request(listener.port, &post("/noise", "", &noise));
    let lines = listener.until(|line| line.trim_start().starts_with("open: ") || line.contains("no link:"));
    assert!(lines.last().is_some_and(|l| l.contains("no link:")), "{lines:#?}");
}

#[test]
fn listen_asks_before_forwarding_to_a_remote_host() {
    let args = ["listen", "--port", "0", "--secret-env", VAR, "--forward-to", "https://hooks.example.com/x"];
    let child =
        command(&args).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("listen");
    // It must refuse at once, not start listening: its exit is waited for, 10 s at most.
    let pid = child.id();
    let (send, exited) = mpsc::channel();
    std::thread::spawn(move || send.send(child.wait_with_output()));
    let Ok(out) = exited.recv_timeout(Duration::from_secs(10)) else {
        let _ = Command::new("kill").arg("-KILL").arg(pid.to_string()).status();
        panic!("listen started forwarding to a remote host without asking");
    };
    let out = out.expect("wait");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--yes"), "{}", text(&out.stderr));
}

#[test]
fn a_closed_pipe_ends_the_printing_not_the_command() {
    let (body, headers) = example("whsec_someone_else");
    for json in [true, false] {
        let mut child = command(&verify_args(&body, &headers, json))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run");
        // The reader goes away before a line is written, as `| head -c 0` would.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait");
        assert_eq!(out.status.code(), Some(1), "the verdict's exit code, not a panic: {}", text(&out.stderr));
        assert!(!text(&out.stderr).contains("panicked"), "{}", text(&out.stderr));
    }
}

#[test]
fn check_tells_a_broken_answer_from_no_receiver() {
    // Something that answers every connection with a line that is not HTTP.
    let server = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = server.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in server.incoming().map_while(Result::ok) {
            std::thread::spawn(move || {
                let mut stream = stream;
                let mut buffer = [0u8; 1024];
                let _ = stream.read(&mut buffer);
                let _ = stream.write_all(b"NOT-HTTP garbage\r\n\r\n");
            });
        }
    });
    let url = format!("http://127.0.0.1:{port}/webhooks/auth");
    let out = run(&["check", &url, "--secret-env", VAR]);
    let said = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(!said.contains("start the receiver"), "{said}");
    assert!(said.contains("NOT-HTTP garbage"), "{said}");
}

#[test]
fn send_and_check_never_print_the_url_s_credentials() {
    // Nothing listens there: the words are the ones said when nothing answers.
    let nothing = refusing_port();
    let port = nothing.port;
    let url = format!("http://deploy:hunter2@127.0.0.1:{port}/webhooks/auth");
    for args in [["send", url.as_str()], ["check", url.as_str()]] {
        let out = run(&[args[0], args[1], "--secret-env", VAR]);
        let said = format!("{}{}", text(&out.stdout), text(&out.stderr));
        assert!(said.contains(&format!("127.0.0.1:{port}")), "{said}");
        assert!(!said.contains("hunter2") && !said.contains("deploy"), "{said}");
    }
}

/// What both pseudo-terminal scripts start with: `read(until)` gathers what the terminal `fd`
/// (set by the script's `pty.fork()`) shows into `out`, until `until` is in it or it closes.
const ON_A_PTY: &str = r#"
import os, pty, sys, time
out = b""
def read(until, seconds=20):
    global out
    end = time.time() + seconds
    while until not in out and time.time() < end:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            return
        if not chunk:
            return
        out += chunk
"#;

/// Runs `webhook-echo sign` on a pseudo-terminal, presses Ctrl-C at the secret prompt, then
/// prints the terminal's settings (`stty -a`) from the same terminal.
const CTRL_C_AT_THE_PROMPT: &str = r#"
pid, fd = pty.fork()
if pid == 0:
    os.execvp("sh", ["sh", "-c", 'trap true INT; "$0" sign "$1"; echo; echo "settings: $(stty -a)"', sys.argv[1], sys.argv[2]])
# The prompt is written once the echo is off, so a key pressed after it reaches the prompt.
read(b"not shown")
os.write(fd, b"\x03")
read(b"\x00never")
os.waitpid(pid, 0)
sys.stdout.write(out.decode(errors="replace"))
"#;

#[test]
#[ignore = "needs Python 3 for a pseudo-terminal: make test-receivers"]
fn ctrl_c_at_the_secret_prompt_gives_the_terminal_its_echo_back() {
    let body = temp_file("ctrl-c.txt", b"x");
    let out = Command::new("python3")
        .args(["-c", &format!("{ON_A_PTY}{CTRL_C_AT_THE_PROMPT}"), BIN, &body])
        .env_remove("COBINAR_WEBHOOK_SECRET")
        .output()
        .expect("python3");
    let said = text(&out.stdout);
    assert!(said.contains("not shown"), "{said}");
    let settings = said.split("settings:").nth(1).unwrap_or_else(|| panic!("{said}"));
    let flags: Vec<&str> = settings.split(|c: char| c.is_whitespace() || c == ';').collect();
    assert!(flags.contains(&"echo") && !flags.contains(&"-echo"), "{settings}");
}

/// Runs `webhook-echo sign` on a pseudo-terminal with `PATH` holding only a fake `sh` and `stty`
/// (each leaves a mark if run), types a secret with a mistake and a backspace at the prompt, and
/// prints all the terminal showed, then `marks:` and the marks left.
const TYPED_AT_THE_PROMPT: &str = r##"
bin, body, fake = sys.argv[1], sys.argv[2], sys.argv[3]
for tool in ["sh", "stty"]:
    path = os.path.join(fake, tool)
    with open(path, "w") as f:
        f.write("#!/bin/sh\necho ran >> %s/marks\n" % fake)
    os.chmod(path, 0o755)
pid, fd = pty.fork()
if pid == 0:
    os.execve(bin, [bin, "sign", body], {"PATH": fake, "NO_COLOR": "1"})
read(b"not shown")
os.write(fd, b"It's a Secret to Everybodx\x7fy\r")
read(b"\x00never")
os.waitpid(pid, 0)
marks = os.path.join(fake, "marks")
sys.stdout.write(out.decode(errors="replace") + "\nmarks:" + (open(marks).read() if os.path.exists(marks) else ""))
"##;

#[test]
#[ignore = "needs Python 3 for a pseudo-terminal: make test-receivers"]
fn the_secret_prompt_hides_the_line_edits_it_and_runs_nothing_from_path() {
    let body = temp_file("prompt.txt", b"Hello, World!");
    let fake = std::env::temp_dir().join(format!("webhook-echo-fake-path-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&fake);
    std::fs::create_dir_all(&fake).expect("fake PATH dir");
    let out = Command::new("python3")
        .args(["-c", &format!("{ON_A_PTY}{TYPED_AT_THE_PROMPT}"), BIN, &body, &fake.display().to_string()])
        .output()
        .expect("python3");
    let said = text(&out.stdout);
    assert!(said.contains("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"), "{said}");
    assert!(!said.contains("Everybod"), "nothing typed is shown: {said}");
    assert!(said.trim_end().ends_with("marks:"), "no sh or stty from PATH ran: {said}");
}

#[test]
fn a_secret_file_is_read_only_up_to_a_secret_s_size() {
    let body = temp_file("big-secret-body.txt", b"Hello, World!");
    let huge = temp_file("huge-secret.txt", &vec![b'a'; 5000]);
    for file in [huge.as_str(), "/dev/zero"] {
        let out = run(&["sign", "--secret-file", file, &body]);
        assert_eq!(out.status.code(), Some(2), "{file}");
        assert!(text(&out.stderr).contains("more than 4096 bytes"), "{}", text(&out.stderr));
    }
}

#[cfg(unix)]
#[test]
fn a_secret_file_others_can_read_is_warned_about() {
    use std::os::unix::fs::PermissionsExt;
    let body = temp_file("perm-body.txt", b"Hello, World!");
    let secret_file = temp_file("perm-secret.txt", b"It's a Secret to Everybody");
    for (mode, warned) in [
        (0o644, Some("its group and anyone on this machine (mode 644)")),
        (0o604, Some("anyone on this machine (mode 604)")),
        (0o640, Some("its group (mode 640)")),
        (0o600, None),
        (0o400, None),
    ] {
        std::fs::set_permissions(&secret_file, std::fs::Permissions::from_mode(mode)).expect("chmod");
        let out = run(&["sign", "--secret-file", &secret_file, &body]);
        let (said, warnings) = (text(&out.stdout), text(&out.stderr));
        assert_eq!(said.trim(), "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
        match warned {
            Some(who) => {
                assert!(warnings.contains(&format!("can be read by {who}")), "{mode:o}: {warnings}");
                assert!(warnings.contains(&format!("chmod 600 {secret_file}")), "{warnings}");
            }
            None => assert!(!warnings.contains("can be read"), "{mode:o}: {warnings}"),
        }
    }
}

/// The link on the last of `lines`, opened as the page opens it.
fn opened_fixture(lines: &[String]) -> webhook_echo::share::fixture::Fixture {
    let link = lines.last().map(|l| l.trim_start().trim_start_matches("open: ")).unwrap_or_default();
    let fragment = link.strip_prefix("http://page.test/#").unwrap_or_else(|| panic!("{lines:#?}"));
    fixture_link::decode_link(fragment).expect("the link decodes").fixture
}

#[test]
fn listen_refuses_a_huge_or_broken_content_length_before_reading_and_stays_up() {
    let listener = listen(&[]);
    let port = listener.port;
    // 2^62 bytes announced, two sent, then the sender is done: 413 at once, nothing allocated
    // for what was announced, and listen carries on.
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    let head = "POST /huge HTTP/1.1\r\nhost: x\r\ncontent-length: 4611686018427387904\r\n\r\n{}";
    stream.write_all(head.as_bytes()).expect("write");
    stream.shutdown(std::net::Shutdown::Write).expect("shutdown");
    let answer = answer_on(&mut stream, Duration::from_secs(30));
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer:?}");
    assert!(answer.contains("captures bodies up to 16 MiB"), "a sentence says why: {answer}");
    let lines = listener.until(|line| line.contains("/huge"));
    assert!(lines.last().is_some_and(|l| l.contains("body larger than 16 MiB, not captured")), "{lines:#?}");
    // More digits than any integer holds: the same.
    let answer = raw_request(port, b"POST /huger HTTP/1.1\r\ncontent-length: 99999999999999999999999999\r\n\r\n");
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer:?}");
    // A length that is not one decimal number is refused with a sentence, unread.
    for (target, lengths) in [
        ("/junk", "content-length: 2x\r\n"),
        ("/plus", "content-length: +2\r\n"),
        ("/conflicting", "content-length: 2\r\ncontent-length: 3\r\n"),
        ("/both", "content-length: 2\r\ntransfer-encoding: chunked\r\n"),
    ] {
        let request = format!("POST {target} HTTP/1.1\r\nhost: x\r\n{lengths}\r\n{{}}");
        let answer = raw_request(port, request.as_bytes());
        assert!(answer.starts_with("HTTP/1.1 400"), "{target}: {answer:?}");
        assert!(answer.contains("webhook-echo listen: "), "{target}: {answer}");
        let lines = listener.until(|line| line.contains(target));
        assert!(lines.last().is_some_and(|l| l.starts_with(&format!("refused POST {target}: "))), "{lines:#?}");
    }
    // Still up: a delivery afterwards is captured and answered.
    let url = format!("http://127.0.0.1:{port}/webhooks/auth");
    let out = run(&["send", &url, "--secret-env", VAR]);
    let said = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{said}{}", text(&out.stderr));
    assert!(said.contains("Delivered on attempt 1"), "{said}");
}

#[test]
fn listen_captures_a_header_with_a_raw_zero_width_space_and_shows_it() {
    let listener = listen(&[]);
    let headers = "x-cobinar-event: otp.verified\u{200B}\r\nx-cobinar-event-id: evt_1\r\n";
    let answer = raw_request(listener.port, &post("/zwsp", headers, b"{}"));
    // No signature: answered 401, as any delivery that does not verify.
    assert!(answer.starts_with("HTTP/1.1 401"), "answered, not dropped: {answer:?}");
    let lines = listener.until(|line| line.trim_start().starts_with("open: "));
    let captured = lines.iter().find(|l| l.contains(" POST /zwsp ")).unwrap_or_else(|| panic!("{lines:#?}"));
    assert!(captured.contains(" otp.verified⟨U+200B⟩ evt_1 2 bytes "), "{captured}");
    assert!(!lines.join("\n").contains('\u{200B}'), "never printed as is: {lines:#?}");
    // The capture holds the character itself, as the page would receive it.
    let fixture = opened_fixture(&lines);
    assert!(fixture.headers.contains("x-cobinar-event: otp.verified\u{200B}\n"), "{:?}", fixture.headers);
}

#[test]
fn listen_captures_a_chunked_delivery_byte_for_byte() {
    let listener = listen(&[]);
    let now =
        i64::try_from(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock").as_millis())
            .expect("millis");
    let event = webhook_echo::protocol::events::Event::OtpVerified;
    let delivery = webhook_echo::echo::delivery::generate(event, now, &[7u8; 48]).signed(SECRET);
    let mut request = b"POST /chunked HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n".to_vec();
    for (name, value) in &delivery.headers {
        request.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    request.extend_from_slice(b"connection: close\r\n\r\n");
    // Chunks of 7 bytes, one with a chunk extension, then a trailer (read and ignored).
    for (i, chunk) in delivery.body.as_bytes().chunks(7).enumerate() {
        let extension = if i == 1 { ";name=value" } else { "" };
        request.extend_from_slice(format!("{:x}{extension}\r\n", chunk.len()).as_bytes());
        request.extend_from_slice(chunk);
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"0\r\nx-trailer: ignored\r\n\r\n");
    let answer = raw_request(listener.port, &request);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:?}");
    let lines = listener.until(|line| line.trim_start().starts_with("open: "));
    let captured = lines.iter().find(|l| l.contains(" POST /chunked ")).unwrap_or_else(|| panic!("{lines:#?}"));
    let length = delivery.body.len();
    assert!(captured.ends_with(&format!(" otp.verified {} {length} bytes valid", delivery.headers[3].1)), "{captured}");
    assert_eq!(opened_fixture(&lines).body, delivery.body.as_bytes(), "the decoded body, byte for byte");
}

#[test]
fn listen_answers_a_head_over_its_cap_431_without_reading_on() {
    let listener = listen(&[]);
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", listener.port)).expect("connect");
    stream.write_all(b"POST /endless HTTP/1.1\r\nhost: x\r\nx-endless: ").expect("write");
    // 16 KiB past the page's 256 KiB, and the head never ends: the answer must come from what
    // was sent, without waiting for more.
    let piece = [b'a'; 16 * 1024];
    for _ in 0..(256 / 16 + 1) {
        stream.write_all(&piece).expect("write");
    }
    let answer = answer_on(&mut stream, Duration::from_secs(30));
    assert!(answer.starts_with("HTTP/1.1 431"), "{answer:?}");
    let lines = listener.until(|line| line.contains("/endless"));
    assert!(lines.last().is_some_and(|l| l.contains("headers larger than 256 KiB, not captured")), "{lines:#?}");
    // The connection is closed, not read on: a sender that keeps going is cut off well before
    // 64 MiB (the sockets' buffers take a few).
    let mut sent = 0usize;
    while stream.write_all(&piece).is_ok() {
        sent += piece.len();
        assert!(sent < 64 << 20, "listen kept reading the head past its cap");
    }
    // Small in bytes, but more header lines than listen holds (`MAX_HEADER_LINES`): 431 too.
    let many = "a:\r\n".repeat(4_097);
    let answer = raw_request(listener.port, &post("/many", &many, b"{}"));
    assert!(answer.starts_with("HTTP/1.1 431"), "{answer:?}");
    let lines = listener.until(|line| line.contains("/many"));
    assert!(lines.last().is_some_and(|l| l.ends_with(": more than 4096 header lines, not captured")), "{lines:#?}");
}

#[test]
fn a_forwarded_delivery_carries_the_sender_s_headers_and_no_hop_s() {
    let receiver = Receiver::start(false);
    let target = format!("http://127.0.0.1:{}/hook", receiver.port);
    let listener = listen(&["--forward-to", &target]);
    let headers = "User-Agent: the-sender/1\r\nx-cobinar-event: otp.created\r\nConnection: close, X-Hop\r\nX-Hop: one hop\r\nTE: trailers\r\nUpgrade: h2c\r\nProxy-Authorization: Basic eA==\r\n";
    let answer = raw_request(listener.port, &post("/webhooks/auth", headers, b"{}"));
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let head = receiver.head("the receiver got the delivery").to_ascii_lowercase();
    // The sender's own user-agent, once; nothing of ours added.
    assert_eq!(head.matches("user-agent:").count(), 1, "{head}");
    assert!(head.contains("user-agent: the-sender/1"), "{head}");
    assert!(!head.contains("accept:") && !head.contains("webhook-echo/"), "{head}");
    assert!(head.contains("x-cobinar-event: otp.created"), "{head}");
    // What describes the hop stays with it, the names `connection` lists included.
    for hop in ["x-hop:", "te:", "upgrade:", "proxy-authorization:"] {
        assert!(!head.contains(hop), "{hop} was forwarded: {head}");
    }
    listener.until(|line| line.trim_start().starts_with("forwarded: "));
}

#[test]
fn a_value_cannot_pass_for_the_request_line_s_own_fields() {
    let listener = listen(&[]);
    let forged = format!("otp.verified evt_7 57 bytes valid{}.", " ".repeat(160));
    let headers = format!("x-cobinar-event: {forged}\r\n");
    let answer = raw_request(listener.port, &post("/webhooks/auth", &headers, b"{}"));
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
    let lines = listener.until(|line| line.trim_start().starts_with("open: "));
    let captured = lines.iter().find(|l| l.contains(" POST ")).unwrap_or_else(|| panic!("{lines:#?}"));
    // Quoted and cut: the line's own verdict stays near the start of the screen.
    assert!(captured.contains(" POST /webhooks/auth \"otp.verified evt_7 57 bytes valid   "), "{captured}");
    assert!(captured.ends_with(" - 2 bytes incomplete"), "{captured}");
    assert!(captured.chars().count() < 160, "{} characters: {captured}", captured.chars().count());
}

/// The peak resident memory of process `pid`, in bytes (Linux).
fn peak_memory(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc");
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).expect("VmHWM");
    let kib: u64 = line.split_whitespace().nth(1).and_then(|n| n.parse().ok()).expect("a number");
    kib * 1024
}

#[test]
fn bodies_of_many_tiny_json_values_are_analysed_one_at_a_time_and_not_rewritten() {
    let listener = listen(&[]);
    let port = listener.port;
    // Just under the 16 MiB cap: eight million zeros, each a JSON value.
    let mut body = b"[0".to_vec();
    while body.len() < 16 * 1024 * 1024 - 8 {
        body.extend_from_slice(b",0");
    }
    body.push(b']');
    let body = std::sync::Arc::new(body);
    let signature = format!("x-cobinar-signature: sha256={}\r\n", "0".repeat(64));
    let senders: Vec<_> = (0..3)
        .map(|_| {
            let (body, signature) = (body.clone(), signature.clone());
            std::thread::spawn(move || raw_request(port, &post("/big", &signature, &body)))
        })
        .collect();
    for sender in senders {
        let answer = sender.join().expect("sender");
        assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
    }
    let mut lines = Vec::new();
    for _ in 0..3 {
        lines.extend(listener.until(|line| line.trim_start().starts_with("open: ") || line.contains("no link:")));
    }
    assert_eq!(lines.iter().filter(|l| l.contains("its causes are not searched")).count(), 3, "{lines:#?}");
    // Three at once, rewritten a dozen ways each, once held about 3 GB.
    let peak = peak_memory(listener.child.id());
    assert!(peak < 1_000_000_000, "peak resident memory {} MB", peak / 1_000_000);
}
