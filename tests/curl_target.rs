//! The page's curl command, run by a real shell and a real curl against a listener on loopback:
//! an endpoint holding what curl would read as globs (`{a,b}`, `[1-4]`) or squash (`/./`, `/../`)
//! gets exactly one request, to exactly the target the page shows in its HTTP request.
//!
//! Needs only `sh` and `curl`, which the page's command needs anyway, so a plain `cargo test`
//! runs it. It bounds itself: at most `MAX_CONNECTIONS` connections, a read timeout on each,
//! and an overall deadline after which curl is killed.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use std::io::{ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use webhook_echo::echo::commands;
use webhook_echo::echo::delivery::{generate, ENTROPY_LEN};
use webhook_echo::echo::endpoint::Endpoint;
use webhook_echo::protocol::events::Event;

/// More than one is already wrong; a glob of `{a,b}[1-4]` would make eight.
const MAX_CONNECTIONS: usize = 16;
const HEAD_LIMIT: usize = 64 * 1024;

/// One request as it arrived: the request line and the body.
#[derive(Debug)]
struct Received {
    request_line: String,
    body: Vec<u8>,
}

/// Reads one HTTP/1.1 request (head, then `content-length` bytes of body) and answers 200.
fn answer(mut stream: TcpStream) -> Received {
    stream.set_nonblocking(false).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut data = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break end;
        }
        assert!(data.len() < HEAD_LIMIT, "a request head over {HEAD_LIMIT} bytes");
        let read = stream.read(&mut chunk).expect("the request head within 5 s");
        assert!(read > 0, "the connection closed before the head ended: {:?}", String::from_utf8_lossy(&data));
        data.extend_from_slice(&chunk[..read]);
    };
    let head = String::from_utf8_lossy(&data[..head_end]).to_string();
    let length: usize = head
        .split("\r\n")
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .map_or(0, |(_, value)| value.trim().parse().expect("a numeric content-length"));
    assert!(length <= HEAD_LIMIT, "a body of {length} bytes");
    let mut body = data[head_end + 4..].to_vec();
    while body.len() < length {
        let read = stream.read(&mut chunk).expect("the request body within 5 s");
        assert!(read > 0, "the connection closed before the body ended");
        body.extend_from_slice(&chunk[..read]);
    }
    stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok").unwrap();
    Received { request_line: head.split("\r\n").next().unwrap_or_default().to_string(), body }
}

/// Runs `command` with `sh -c` and collects every request it makes to `listener` until it exits.
fn requests_made_by(command: &str, listener: &TcpListener) -> Vec<Received> {
    listener.set_nonblocking(true).unwrap();
    let mut curl = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sh, to run the curl command");
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut received = Vec::new();
    let mut exited = false;
    while received.len() < MAX_CONNECTIONS {
        match listener.accept() {
            Ok((stream, _)) => received.push(answer(stream)),
            // curl waits for each answer before its next request, so once it has exited and no
            // connection is pending, every request it made has been read.
            Err(e) if e.kind() == ErrorKind::WouldBlock => {
                if exited {
                    break;
                }
                exited = curl.try_wait().unwrap().is_some();
                if !exited {
                    if Instant::now() > deadline {
                        let _ = curl.kill();
                        panic!("curl still running after 30 s; {} requests so far: {received:?}", received.len());
                    }
                    std::thread::sleep(Duration::from_millis(10));
                }
            }
            Err(e) => panic!("accept: {e}"),
        }
    }
    let _ = curl.kill();
    let output = curl.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "curl failed ({}): {}\n{command}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    received
}

#[test]
fn curl_sends_one_request_to_the_target_as_written() {
    let delivery = generate(Event::OtpVerified, 1_783_088_530_000, &[7; ENTROPY_LEN]).signed("whsec_glob");
    for path in ["/hooks/{a,b}[1-4]", "/hooks/[1-4]?ids={a,b}&range=[0-9]", "/hooks/./{a,b}/../[1-4]"] {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let endpoint = Endpoint::parse(&format!("http://127.0.0.1:{port}{path}")).unwrap();
        assert_eq!(endpoint.target, path, "the page's request line shows the path as typed");
        let command = commands::curl(&delivery, &endpoint);
        let received = requests_made_by(&command, &listener);
        let lines: Vec<&str> = received.iter().map(|r| r.request_line.as_str()).collect();
        assert_eq!(lines, [format!("POST {path} HTTP/1.1")], "for {path}:\n{command}");
        assert_eq!(received[0].body, delivery.body.as_bytes(), "the body, byte for byte");
    }
}
