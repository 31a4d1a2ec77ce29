//! A fixture library, the whole loop, with the command as built: `fixture new` starts a library,
//! `listen --save` captures a genuine and a tampered delivery into it, `verify --fixture` judges
//! both, `replay` sends them again, and `check --fixtures --junit` runs them with the contract's
//! cases. Against `listen` itself (always run), then against the Express snippet and a receiver
//! that accepts any signature (ignored by a plain `cargo test`: Node is needed, so `make
//! test-receivers` runs it).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use serde_json::Value;
use webhook_echo::share::fixture::{Expect, Fixture, SharedSecret, Tamper};
use webhook_echo::verify::signature;

mod common;
use common::cli::{text, BIN, VAR};
use common::server::{root, stack_rows, start, start_stack, Server};

const SECRET: &str = "whsec_fixture_library_51f0";

fn command(args: &[&str]) -> Command {
    common::cli::command_with(SECRET, args)
}

fn run(args: &[&str]) -> Output {
    common::cli::run_with(SECRET, args)
}

fn said(out: &Output) -> String {
    format!("{}{}", text(&out.stdout), text(&out.stderr))
}

/// A fresh folder of its own under the system's temporary folder.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("webhook-echo-library-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn read_fixture(path: &Path) -> Fixture {
    Fixture::from_json(&std::fs::read(path).expect("fixture file")).expect("a fixture webhook-echo reads")
}

/// `listen --save DIR` on a port the system picks.
fn listen(save: &Path) -> Server {
    let save = save.display().to_string();
    start(
        "listen",
        Path::new(BIN),
        &["listen", "--port", "0", "--secret-env", VAR, "--save", &save, "--page", "http://page.test/"],
        &root(),
        &[(VAR, SECRET), ("NO_COLOR", "1")],
    )
}

/// Waits for `count` lines saying where a capture was saved, and returns them.
fn saved_lines(server: &Server, count: usize) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let lines: Vec<String> = server.lines().into_iter().filter(|l| l.trim_start().starts_with("saved: ")).collect();
        if lines.len() >= count {
            return lines;
        }
        assert!(Instant::now() < deadline, "no {count} saved lines: {:#?}", server.lines());
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Posts `body` with `headers` to the server and returns the status.
fn post(server: &Server, headers: &[(&str, &str)], body: &[u8]) -> u16 {
    let port = server.endpoint.url.split(':').nth(2).and_then(|p| p.split('/').next()).expect("port");
    let mut stream = std::net::TcpStream::connect(format!("127.0.0.1:{port}")).expect("connect");
    let lines: String = headers.iter().map(|(n, v)| format!("{n}: {v}\r\n")).collect();
    let head = format!(
        "POST /webhooks/auth HTTP/1.1\r\nhost: x\r\n{lines}content-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(body)).expect("write");
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("no status: {answer}"))
}

/// The library of the loop: two fixtures from `fixture new` in `lib/`, and in `cap/` what
/// `listen --save` captured: one genuine delivery sent by `send`, and one whose body was
/// changed after it was signed.
struct Library {
    lib: PathBuf,
    cap: PathBuf,
    genuine: PathBuf,
    tampered: PathBuf,
}

fn make_library(name: &str) -> Library {
    let base = temp_dir(name);
    let (lib, cap) = (base.join("lib"), base.join("cap"));

    // `fixture new`: files named for their event and id, never overwritten.
    for event in ["otp.created", "otp.verified", "otp.verified"] {
        let out =
            run(&["fixture", "new", "--event", event, "--out", &format!("{}/", lib.display()), "--secret-env", VAR]);
        assert_eq!(out.status.code(), Some(0), "{}", said(&out));
        assert!(text(&out.stdout).starts_with("wrote "), "{}", said(&out));
    }
    let made = files(&lib);
    assert_eq!(made.len(), 3, "{made:?}");
    for name in &made {
        let fixture = read_fixture(&lib.join(name));
        let body: Value = serde_json::from_slice(&fixture.body).expect("JSON body");
        let id = body["id"].as_str().expect("id");
        assert_eq!(name, &format!("{}-{}.json", body["event"].as_str().expect("event"), &id[..8]));
        assert!(matches!(fixture.secret, SharedSecret::Fingerprint(_)), "never the secret: {:?}", fixture.secret);
        assert!(!std::fs::read_to_string(lib.join(name)).expect("file").contains(SECRET));
    }
    let one = lib.join(&made[0]);
    let again =
        run(&["fixture", "new", "--event", "otp.failed", "--out", &one.display().to_string(), "--secret-env", VAR]);
    assert_eq!(again.status.code(), Some(2), "{}", said(&again));
    assert!(said(&again).contains("never overwrites"), "{}", said(&again));

    // `listen --save`: a genuine delivery, and the same bytes with the phone number changed.
    let listener = listen(&cap);
    let out = run(&["send", &listener.endpoint.url, "--event", "otp.verified", "--secret-env", VAR]);
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    let body = br#"{"id":"7c1e5a90-3f0b-4d2e-9a61-5b8c0d7e4f12","event":"otp.verified","createdAt":"2026-12-01T10:00:00.000Z","payload":{"requestId":"r-1","phone":"+999 482 918 102","verifiedAt":"2026-12-01T10:00:00.000Z"}}"#;
    let sig = signature::sign(SECRET.as_bytes(), body);
    let forged = String::from_utf8_lossy(body).replace("+999 482", "+999 483");
    let headers = [
        ("content-type", "application/json"),
        ("x-cobinar-signature", sig.as_str()),
        ("x-cobinar-event", "otp.verified"),
        ("x-cobinar-event-id", "7c1e5a90-3f0b-4d2e-9a61-5b8c0d7e4f12"),
        ("x-cobinar-timestamp", "2026-12-01T10:00:00.000Z"),
        ("authorization", "Basic cHJveHk6aHVudGVyMg=="),
    ];
    assert_eq!(post(&listener, &headers, forged.as_bytes()), 401);
    let saved = saved_lines(&listener, 2);
    assert!(saved[1].ends_with("(expect reject, tamper tampered-body)"), "{saved:#?}");
    let captured = files(&cap);
    assert_eq!(captured.len(), 2, "{captured:?}");
    let tampered = cap.join("otp.verified-7c1e5a90.json");
    let genuine = cap.join(captured.iter().find(|n| !n.starts_with("otp.verified-7c1e5a90")).expect("genuine"));
    assert!(saved[0].contains(&genuine.display().to_string()), "{saved:#?}");
    assert!(
        !std::fs::read_to_string(&tampered).expect("file").contains("cHJveHk6"),
        "a proxy's credential is not kept"
    );
    let kept = read_fixture(&tampered);
    assert_eq!(kept.body, forged.as_bytes(), "captured byte for byte");
    assert_eq!((kept.case.expect, kept.case.tamper), (Some(Expect::Reject), Some(Tamper::TamperedBody)));
    assert!(kept.note.starts_with("Captured by webhook-echo listen: POST /webhooks/auth at "), "{}", kept.note);
    assert_eq!(read_fixture(&genuine).case.expected(), Expect::Accept);
    Library { lib, cap, genuine, tampered }
}

/// `verify --fixture`: each verdict under the secret; exit 0 only when every one is valid.
fn verify_both(library: &Library) {
    let path = |p: &Path| p.display().to_string();
    let out = run(&["verify", "--fixture", &path(&library.genuine), "--secret-env", VAR]);
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    assert!(text(&out.stdout).contains("valid: Genuine"), "{}", said(&out));
    let out = run(&["verify", "--fixture", &path(&library.tampered), "--secret-env", VAR]);
    assert_eq!(out.status.code(), Some(1), "{}", said(&out));
    assert!(text(&out.stdout).contains("no-known-cause"), "{}", said(&out));
    let out = run(&["verify", "--fixture", &path(&library.cap), &path(&library.lib), "--secret-env", VAR, "--json"]);
    assert_eq!(out.status.code(), Some(1), "{}", said(&out));
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let verdicts: Vec<(String, String)> = json["fixtures"]
        .as_array()
        .expect("fixtures")
        .iter()
        .map(|f| {
            (f["file"].as_str().unwrap_or("").to_string(), f["report"]["verdict"].as_str().unwrap_or("").to_string())
        })
        .collect();
    assert_eq!(verdicts.len(), 5, "{verdicts:?}");
    assert_eq!(verdicts.iter().filter(|(_, v)| v == "invalid").count(), 1, "{verdicts:?}");
    assert!(verdicts.iter().any(|(f, v)| f == "otp.verified-7c1e5a90.json" && v == "invalid"), "{verdicts:?}");
    // Under another secret, each says it was saved under another one.
    let out = command(&["verify", "--fixture", &path(&library.genuine), "--secret-env", "OTHER"])
        .env("OTHER", "whsec_another")
        .output()
        .expect("verify");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("saved under another secret"), "{}", said(&out));
}

fn junit(path: &Path) -> String {
    std::fs::read_to_string(path).expect("the JUnit report")
}

#[test]
fn the_loop_runs_against_listen_as_a_receiver() {
    let library = make_library("listen");
    verify_both(&library);
    // `listen` answers 200 to a valid delivery and 401 otherwise: a receiver that checks the
    // signature, and nothing else.
    let receiver = listen(&temp_dir("listen-receiver"));
    let (cap, lib) = (library.cap.display().to_string(), library.lib.display().to_string());
    let out = run(&["replay", &cap, &lib, "--to", &receiver.endpoint.url, "--secret-env", VAR]);
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    let report = text(&out.stdout);
    assert!(report.contains("fixture:otp.verified-7c1e5a90.json"), "{report}");
    assert!(report.contains("Rejected the fixture re-signed, then changed (tampered-body) with 401"), "{report}");
    assert!(report.ends_with("5 passed, 0 warned, 0 failed, of 5 cases.\n"), "{report}");
    // Under another secret than the one the fixtures were made with: re-signed, they pass too.
    let other = listen(&temp_dir("listen-other"));
    let out = command(&["replay", &cap, "--to", &other.endpoint.url, "--secret-env", "OTHER"])
        .env("OTHER", "whsec_other_for_replay")
        .env_remove(VAR)
        .output()
        .expect("replay");
    assert_eq!(out.status.code(), Some(1), "the receiver uses the library's secret: {}", said(&out));
    // A folder with a broken file: it is named, the others still run.
    std::fs::write(library.lib.join("broken.json"), b"{\"webhookEchoFixture\":1,\"tamper\":\"slow\"}").expect("write");
    let out = run(&["replay", &lib, "--to", &receiver.endpoint.url, "--secret-env", VAR, "--json"]);
    assert_eq!(out.status.code(), Some(1), "{}", said(&out));
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let cases = json["cases"].as_array().expect("cases");
    assert_eq!(cases.len(), 4);
    let broken = cases.iter().find(|c| c["id"] == "fixture:broken.json").expect("the broken file's case");
    assert_eq!(broken["outcome"], "fail");
    assert!(broken["message"].as_str().unwrap_or("").contains("its tamper \"slow\" is not one of"), "{broken}");
    assert_eq!(cases.iter().filter(|c| c["outcome"] == "pass").count(), 3);
    // Each replay is a delivery of its own: a fresh event id each time, every other byte kept.
    let before = receiver.lines().len();
    let out =
        run(&["replay", &library.genuine.display().to_string(), "--to", &receiver.endpoint.url, "--secret-env", VAR]);
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    let out = run(&[
        "replay",
        &library.genuine.display().to_string(),
        "--as-captured",
        "--to",
        &receiver.endpoint.url,
        "--secret-env",
        VAR,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    let deadline = Instant::now() + Duration::from_secs(10);
    let requests = loop {
        let lines: Vec<String> = receiver.lines()[before..].iter().filter(|l| l.contains(" POST ")).cloned().collect();
        if lines.len() >= 2 || Instant::now() > deadline {
            break lines;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let captured = read_fixture(&library.genuine);
    let captured_id =
        serde_json::from_slice::<Value>(&captured.body).expect("JSON")["id"].as_str().unwrap_or("").to_string();
    assert!(!requests[0].contains(&captured_id), "a fresh id: {requests:#?}");
    assert!(requests[1].contains(&captured_id), "as captured: {requests:#?}");

    // `check --fixtures --junit`: the contract's cases, then one per fixture.
    let report = temp_dir("junit").join("report.xml");
    let out = run(&[
        "check",
        &receiver.endpoint.url,
        "--fixtures",
        &cap,
        "--secret-env",
        VAR,
        "--junit",
        &report.display().to_string(),
    ]);
    // listen neither deduplicates nor reads createdAt: the contract warns, no case fails.
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    let xml = junit(&report);
    assert!(xml.contains("tests=\"15\" failures=\"0\""), "{xml}");
    assert!(xml.contains("name=\"fixture:otp.verified-7c1e5a90.json\""), "{xml}");
}

#[test]
#[ignore = "needs Node: make test-receivers"]
fn the_loop_holds_a_real_receiver_and_catches_one_that_accepts_any_signature() {
    let library = make_library("express");
    verify_both(&library);
    let rows = stack_rows();
    let express = start_stack(rows.iter().find(|r| r.id == "node-express").expect("node-express"), SECRET);
    let any = start(
        "any-signature.js",
        Path::new("node"),
        &["any-signature.js"],
        &root().join("tests/cli-receivers"),
        &[("COBINAR_WEBHOOK_SECRET", SECRET)],
    );
    let (cap, lib) = (library.cap.display().to_string(), library.lib.display().to_string());
    // The Express receiver rejects old deliveries and deduplicates ids: a replay is accepted
    // because its id and createdAt are fresh.
    for _ in 0..2 {
        let out = run(&["replay", &cap, &lib, "--to", &express.endpoint.url, "--secret-env", VAR]);
        assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    }
    let dir = temp_dir("express-junit");
    let (good, bad) = (dir.join("good.xml"), dir.join("bad.xml"));
    let check = |url: &str, report: &Path| {
        run(&[
            "check",
            url,
            "--fixtures",
            &cap,
            "--fixtures",
            &lib,
            "--secret-env",
            VAR,
            "--stack",
            "node-express",
            "--junit",
            &report.display().to_string(),
        ])
    };
    let out = check(&express.endpoint.url, &good);
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    let xml = junit(&good);
    assert!(xml.contains("tests=\"18\" failures=\"0\""), "{xml}");
    assert!(!xml.contains("<failure"), "{xml}");

    let out = check(&any.endpoint.url, &bad);
    assert_eq!(out.status.code(), Some(1), "{}", said(&out));
    let report = text(&out.stdout);
    assert!(report.contains("FAIL  fixture:otp.verified-7c1e5a90.json"), "{report}");
    let xml = junit(&bad);
    let tampered = xml
        .split("<testcase ")
        .find(|t| t.contains("name=\"fixture:otp.verified-7c1e5a90.json\""))
        .expect("its testcase");
    assert!(tampered.contains("<failure message=\"Accepted the fixture re-signed, then changed (tampered-body) with 200; the fixture expects it rejected.\""), "{tampered}");
    assert!(tampered.contains("fix: "), "{tampered}");
    // The genuine fixtures still pass against it: only the forgeries fail.
    let genuine = library.genuine.file_name().unwrap().to_string_lossy().into_owned();
    let genuine =
        xml.split("<testcase ").find(|t| t.contains(&format!("name=\"fixture:{genuine}\""))).expect("its testcase");
    assert!(genuine.trim_end().ends_with("/>"), "{genuine}");
}

#[test]
fn a_folder_is_read_with_its_folders_but_not_hidden_ones() {
    let dir = temp_dir("nested");
    for sub in ["", "incidents/2026", ".git", "notes"] {
        let into = format!("{}/", dir.join(sub).display());
        let out = run(&["fixture", "new", "--event", "otp.expired", "--out", &into, "--secret-env", VAR]);
        assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    }
    std::fs::write(dir.join("notes/readme.md"), b"not a fixture").expect("write");
    std::fs::write(dir.join("incidents/package.json"), b"{\"name\":\"x\"}").expect("write");
    let out = run(&["verify", "--fixture", &dir.display().to_string(), "--secret-env", VAR, "--json"]);
    assert_eq!(out.status.code(), Some(1), "one is not a fixture: {}", said(&out));
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let names: Vec<&str> =
        json["fixtures"].as_array().expect("fixtures").iter().map(|f| f["file"].as_str().unwrap_or("")).collect();
    assert_eq!(names.len(), 4, "{names:?}");
    assert!(names[0].starts_with("incidents/2026/otp.expired-"), "{names:?}");
    assert_eq!(names[1], "incidents/package.json");
    assert!(names[2].starts_with("notes/otp.expired-") && names[3].starts_with("otp.expired-"), "{names:?}");
    let refused = &json["fixtures"][1]["error"];
    assert!(refused.as_str().unwrap_or("").starts_with("This is not a webhook-echo fixture"), "{refused}");
}
