//! `webhook-echo listen` against one local client that tries to hold it or bloat it: a peer
//! that floods takes at most half the places while another peer's delivery gets through, a
//! sender answered 408 is closed on, and a body over 1 MiB waits in a private temporary file
//! (verified whole, the file gone after) rather than in memory.
// Native only: the command does not exist on wasm32.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use std::io::Write;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::Arc;
use std::time::{Duration, Instant};

use webhook_echo::share::fixture::Fixture;
use webhook_echo::verify::signature::sign;

mod common;
use common::cli::{answer_on, text, Listener, VAR};

const SECRET: &str = "whsec_cli_listen_flood_5e1a";
/// Requests one peer may have at once (`PEER_AT_ONCE` in src/cli/listen.rs).
const PEER_AT_ONCE: usize = 32;
/// Connections one peer may have open at once (`PEER_CONNECTIONS`).
const PEER_CONNECTIONS: usize = 64;
/// How every spool file's name starts (`SPOOL_PREFIX` in src/cli/spool.rs).
const SPOOL_PREFIX: &str = "webhook-echo-listen-";

fn run(args: &[&str]) -> Output {
    common::cli::run_with(SECRET, args)
}

/// A fresh, empty folder of this test's own.
fn fresh_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("webhook-echo-cli-listen-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A connection from 127.0.0.1 that promises a body of `length` bytes, asks
/// `expect: 100-continue`, and returns with what listen answered: `100 Continue` once it has
/// given the request a place, a refusal otherwise.
fn stall(port: u16, target: &str, length: u64) -> (TcpStream, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    let head = format!("POST {target} HTTP/1.1\r\nhost: x\r\nexpect: 100-continue\r\ncontent-length: {length}\r\n\r\n");
    stream.write_all(head.as_bytes()).expect("write");
    let answer = answer_on(&mut stream, Duration::from_secs(30));
    (stream, answer)
}

/// `send` from another peer, [::1], to a listener bound to `::`: delivered at once?
fn send_from_another_peer(port: u16) -> (String, Duration) {
    let started = Instant::now();
    let out = run(&["send", &format!("http://[::1]:{port}/webhooks/auth"), "--secret-env", VAR]);
    (text(&out.stdout), started.elapsed())
}

#[test]
fn a_peer_that_stalls_takes_half_the_places_and_another_peer_s_delivery_gets_through() {
    // Bound to `::`: 127.0.0.1 and ::1 are two peers of one listener.
    let listener = Listener::start_with(SECRET, &["--host", "::"], None);
    let port = listener.port;
    // Forty senders from one address each take a place and stall their bodies...
    let mut held = Vec::new();
    let mut refused = Vec::new();
    for i in 0..40 {
        let (stream, answer) = stall(port, &format!("/stall-{i}"), 1_000_000);
        if answer.starts_with("HTTP/1.1 100") {
            held.push(stream);
        } else {
            refused.push(answer);
        }
    }
    // ...but only half the places are one address's: the rest are refused at once, with a sentence.
    assert_eq!(held.len(), PEER_AT_ONCE, "{refused:#?}");
    assert!(refused.iter().all(|a| a.starts_with("HTTP/1.1 503")), "{refused:#?}");
    assert!(refused[0].contains("32 requests from your address are already in progress"), "{}", refused[0]);
    let lines = listener.until(|line| line.contains("/stall-32"));
    let said = lines.last().map(String::as_str).unwrap_or_default();
    assert_eq!(
        said,
        "refused POST /stall-32 from 127.0.0.1: 32 requests from that address already in progress; answered 503"
    );
    // A genuine delivery from another address is answered while they still stall.
    let (said, took) = send_from_another_peer(port);
    assert!(said.contains("Delivered on attempt 1"), "{said}");
    assert!(took < Duration::from_secs(4), "{took:?}: {said}");
    drop(held);
}

#[test]
fn a_peer_that_opens_connections_takes_half_of_them_and_another_peer_s_delivery_gets_through() {
    let listener = Listener::start_with(SECRET, &["--host", "::"], None);
    let port = listener.port;
    // Connections that send nothing hold their threads until the head's deadline; from one
    // address, past half of all there may be, each is answered 503 at once, unread.
    let mut idle: Vec<_> = (0..130).map(|_| TcpStream::connect(("127.0.0.1", port)).expect("connect")).collect();
    let answer = answer_on(&mut idle[PEER_CONNECTIONS], Duration::from_secs(6));
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer:?}");
    assert!(answer.contains("64 connections from your address are already open"), "{answer}");
    let lines = listener.until(|line| line.contains("a connection"));
    assert_eq!(
        lines.last().map(String::as_str),
        Some("refused a connection from 127.0.0.1: 64 connections from that address already open; answered 503")
    );
    let (said, took) = send_from_another_peer(port);
    assert!(said.contains("Delivered on attempt 1"), "{said}");
    assert!(took < Duration::from_secs(4), "{took:?}: {said}");
    drop(idle);
}

#[test]
fn a_sender_answered_408_is_closed_on_not_kept() {
    let listener = Listener::start_with(SECRET, &[], None);
    let (mut stream, answer) = stall(listener.port, "/slow", 100);
    assert!(answer.starts_with("HTTP/1.1 100"), "{answer}");
    stream.write_all(b"0123456789").expect("write");
    let answer = answer_on(&mut stream, Duration::from_secs(20));
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer:?}");
    let answered = Instant::now();
    // Listen closes its end soon after: what the sender still writes is refused (a reset), not
    // read on for as long as the sender likes.
    let closed = loop {
        if let Err(e) = stream.write_all(&[b'x'; 1024]) {
            break e;
        }
        assert!(answered.elapsed() < Duration::from_secs(5), "still read 5 s after the 408");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(
        matches!(closed.kind(), std::io::ErrorKind::BrokenPipe | std::io::ErrorKind::ConnectionReset),
        "{closed:?}"
    );
    listener.until(|line| line.contains("/slow") && line.contains("did not arrive within 8 s"));
}

/// The spool files that listen (`pid`) holds open in `dir`, each as its `/proc/<pid>/fd/N` link
/// with its size (Linux). They have no name in `dir` (`named_spool_files`): only listen's handle
/// reaches them, so a killed listen leaves no body on disk.
fn spool_files(pid: u32, dir: &Path) -> Vec<(PathBuf, u64)> {
    let prefix = dir.join(SPOOL_PREFIX).display().to_string();
    let fds = std::fs::read_dir(format!("/proc/{pid}/fd")).expect("/proc").filter_map(Result::ok);
    fds.filter_map(|fd| {
        let target = std::fs::read_link(fd.path()).ok()?.display().to_string();
        target.starts_with(&prefix).then(|| (fd.path(), std::fs::metadata(fd.path()).map_or(0, |m| m.len())))
    })
    .collect()
}

/// The files in `dir` named as spool files: none, ever, even while bodies are spooled.
fn named_spool_files(dir: &Path) -> Vec<PathBuf> {
    let entries = std::fs::read_dir(dir).expect("read the temp dir").filter_map(Result::ok);
    entries.filter(|e| e.file_name().to_string_lossy().starts_with(SPOOL_PREFIX)).map(|e| e.path()).collect()
}

/// Waits up to 20 s for `done`.
fn wait_for(what: &str, done: impl Fn() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < Duration::from_secs(20), "waited 20 s for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A JSON body of about `size` bytes, and its head with a signature under `SECRET`.
fn signed_delivery(size: usize) -> (String, Vec<u8>) {
    let mut body = br#"{"event":"otp.verified","payload":{"padding":""#.to_vec();
    body.resize(size - 3, b'a');
    body.extend_from_slice(br#""}}"#);
    let head = format!(
        "POST /webhooks/auth HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\nx-cobinar-signature: {}\r\nx-cobinar-event: otp.verified\r\nx-cobinar-event-id: evt_big\r\ncontent-length: {}\r\n\r\n",
        sign(SECRET.as_bytes(), &body),
        body.len()
    );
    (head, body)
}

#[test]
fn a_body_over_a_mebibyte_waits_in_a_private_file_is_verified_whole_and_leaves_no_file() {
    let tmp = fresh_dir("spool");
    let saved = fresh_dir("saved");
    let listener = Listener::start_with(SECRET, &["--save", saved.to_str().unwrap()], Some(&tmp));
    let (head, body) = signed_delivery(3 * 1024 * 1024 + 17);
    let mut stream = TcpStream::connect(("127.0.0.1", listener.port)).expect("connect");
    stream.write_all(head.as_bytes()).expect("write");
    let (first, rest) = body.split_at(2 * 1024 * 1024);
    stream.write_all(first).expect("write");
    // While the rest is on its way, what came waits in a file only this user may read...
    let pid = listener.child.id();
    wait_for("a spool file of 2 MiB", || spool_files(pid, &tmp).iter().any(|(_, len)| *len >= first.len() as u64));
    let files = spool_files(pid, &tmp);
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(named_spool_files(&tmp), Vec::<PathBuf>::new(), "the file has no name to find it by");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&files[0].0).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }
    stream.write_all(rest).expect("write");
    // ...and the whole body is verified: the signature over every byte matches.
    let answer = answer_on(&mut stream, Duration::from_secs(30));
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let lines = listener.until(|line| line.trim_start().starts_with("saved: "));
    let captured = lines.iter().find(|l| l.contains(" POST ")).unwrap_or_else(|| panic!("{lines:#?}"));
    assert!(captured.ends_with(&format!("otp.verified evt_big {} bytes valid", body.len())), "{captured}");
    // Saved as ever, byte for byte; and the file is gone.
    let path = lines.last().unwrap().trim_start().trim_start_matches("saved: ");
    let fixture = Fixture::from_json(&std::fs::read(path).expect("the saved fixture")).expect("a fixture");
    assert!(fixture.body == body, "the saved body is the body sent");
    assert_eq!(spool_files(pid, &tmp), vec![], "the spool file is closed, and with it gone");
    assert_eq!(named_spool_files(&tmp), Vec::<PathBuf>::new());
}

/// The current and peak resident memory of process `pid`, in bytes (Linux).
fn memory(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc");
    let field = |name: &str| {
        let line = status.lines().find(|l| l.starts_with(name)).expect(name);
        let kib: u64 = line.split_whitespace().nth(1).and_then(|n| n.parse().ok()).expect("a number");
        kib * 1024
    };
    (field("VmRSS:"), field("VmHWM:"))
}

#[test]
fn bodies_that_trickle_in_are_held_on_disk_not_in_memory() {
    let tmp = fresh_dir("trickle");
    let listener = Listener::start_with(SECRET, &[], Some(&tmp));
    let port = listener.port;
    const SENDERS: usize = 24;
    const SENT: usize = 6 * 1024 * 1024;
    let (head, body) = signed_delivery(SENT + 1024 * 1024);
    let (head, body) = (Arc::new(head), Arc::new(body));
    // Each sends 6 of its 7 MiB, then stalls: 144 MiB received and not yet whole.
    let senders: Vec<_> = (0..SENDERS)
        .map(|_| {
            let (head, body) = (head.clone(), body.clone());
            std::thread::spawn(move || {
                let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
                stream.write_all(head.as_bytes()).expect("write");
                stream.write_all(&body[..SENT]).expect("write");
                stream
            })
        })
        .collect();
    let streams: Vec<TcpStream> = senders.into_iter().map(|s| s.join().expect("sender")).collect();
    let pid = listener.child.id();
    let on_disk = || spool_files(pid, &tmp).iter().map(|(_, len)| *len).sum::<u64>();
    // Until listen has read it all, to disk or (as it once did) into memory.
    wait_for("the bodies read", || on_disk() >= (SENDERS * SENT) as u64 || memory(pid).0 >= (SENDERS * SENT) as u64);
    let (_, peak) = memory(pid);
    assert!(peak < 80_000_000, "peak resident memory {} MB while {SENDERS} bodies trickle in", peak / 1_000_000);
    assert_eq!(spool_files(pid, &tmp).len(), SENDERS);
    assert_eq!(named_spool_files(&tmp), Vec::<PathBuf>::new());
    // The senders give up: their requests end, and their files with them.
    drop(streams);
    wait_for("every spool file removed", || spool_files(pid, &tmp).is_empty());
}

#[test]
fn listen_prints_the_send_command_that_reaches_it_without_the_secret() {
    let listener = Listener::start_with(SECRET, &[], None);
    let lines = listener.until(|line| line.contains("to send a signed test delivery: "));
    let line = lines.last().unwrap();
    let said = line.split_once(": ").map(|(_, command)| command).unwrap_or_default();
    let url = format!("http://127.0.0.1:{}/webhooks/auth", listener.port);
    assert_eq!(said, format!("webhook-echo send {url} --secret-env {VAR}"));
    assert!(!lines.join("\n").contains(SECRET), "{lines:#?}");
    // Run as printed, it is delivered and verified.
    let words: Vec<&str> = said.split_whitespace().skip(1).collect();
    let out = run(&words);
    assert!(text(&out.stdout).contains("Delivered on attempt 1"), "{}", text(&out.stdout));
    let lines = listener.until(|line| line.contains(" POST /webhooks/auth "));
    assert!(lines.last().unwrap().ends_with(" valid"), "{lines:#?}");
}
