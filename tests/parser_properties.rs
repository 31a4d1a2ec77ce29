//! The parsers that take whatever a person pastes or a link carries, driven with random and
//! mutated input: the header parser, the import parser, the fixture reader, the verifier as a
//! whole and the messages between the page and its worker. They never panic, and what they return holds its promises. `make test` runs a
//! bounded number of cases; `make fuzz` sets FUZZ_ITERATIONS for a long run.

mod common;

use common::{iterations, Rng};
use webhook_echo::inspect::import::import;
use webhook_echo::protocol::events::Event;
use webhook_echo::share::fixture::{Fixture, SecretChoice, Work};
use webhook_echo::verify::received_headers;
use webhook_echo::verify::verification::{verify, ReceivedDelivery};

/// Bytes biased towards what parsers care about: line breaks, colons, quotes, braces.
fn text(rng: &mut Rng, len: usize) -> Vec<u8> {
    const PIECES: [&[u8]; 16] = [
        b"\r\n",
        b"\n",
        b": ",
        b":",
        b"{",
        b"}",
        b"\"",
        b"'",
        b"[",
        b"]",
        b"POST / HTTP/1.1",
        b"HTTP/1.1 200 OK",
        b"x-cobinar-signature",
        b"\xff",
        "é☕\u{202e}".as_bytes(),
        b"> ",
    ];
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        match rng.below(3) {
            0 => {
                let piece = PIECES[rng.below(PIECES.len())];
                out.extend_from_slice(piece);
            }
            _ => out.push(rng.next() as u8),
        }
    }
    out
}

const SEEDS: [&[u8]; 5] = [
    b"POST /webhooks/auth HTTP/1.1\r\nHost: localhost\r\nContent-Length: 7\r\n\r\n{\"a\":1}",
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n0\r\n\r\n",
    b"* Connected\n> POST / HTTP/1.1\n> x-cobinar-event: otp.verified\n",
    br#"{"log":{"entries":[{"request":{"headers":[{"name":"x-cobinar-signature","value":"sha256=ab"}],"postData":{"text":"{}"}}}]}}"#,
    b"[Object: null prototype] { host: 'h', 'x-a': 'b' + 'c', list: ['1', \"2\"] }",
];

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..=rng.below(4) {
        if bytes.is_empty() {
            break;
        }
        let at = rng.below(bytes.len());
        match rng.below(4) {
            0 => bytes[at] = rng.next() as u8,
            1 => {
                bytes.remove(at);
            }
            2 => bytes.truncate(at),
            _ => {
                let len = rng.below(8) + 1;
                let insert = text(rng, len);
                bytes.splice(at..at, insert);
            }
        }
    }
    bytes
}

#[test]
fn the_header_parser_keeps_its_promises() {
    let mut rng = Rng(1);
    for _ in 0..iterations(3000) {
        let len = rng.below(400);
        let text = String::from_utf8_lossy(&text(&mut rng, len)).into_owned();
        let headers = received_headers::parse(&text);
        for field in &headers.fields {
            assert!(!field.name.is_empty() && !field.name.contains([' ', ':', '\n', '\r']), "{field:?}");
            assert_eq!(field.value, field.value.trim_matches([' ', '\t']), "{field:?}");
            assert!(!field.value.contains('\n'), "{field:?}");
        }
        let _ = headers.not_headers_sentence();
    }
}

#[test]
fn import_never_panics_and_refuses_with_a_message() {
    let mut rng = Rng(2);
    for round in 0..iterations(3000) {
        let input = if round % 2 == 0 {
            let len = rng.below(300);
            text(&mut rng, len)
        } else {
            let seed = SEEDS[rng.below(SEEDS.len())];
            mutate(&mut rng, seed)
        };
        match import(&input) {
            Ok(imported) => assert!(!imported.summary().is_empty()),
            Err(error) => assert!(error.message.ends_with("Nothing was changed."), "{}", error.message),
        }
    }
}

#[test]
fn the_fixture_reader_and_the_verifier_take_anything() {
    let mut rng = Rng(3);
    let work = Work { body: b"{\"id\":\"1\"}\r\n", headers: "x-a: b\n", event: Some(Event::OtpFailed), note: "note" };
    let valid = Fixture::of(work, "s", SecretChoice::LeaveOut).to_json();
    for _ in 0..iterations(2000) {
        let json = mutate(&mut rng, valid.as_bytes());
        if let Ok(fixture) = Fixture::from_json(&json) {
            assert_eq!(Fixture::from_json(fixture.to_json().as_bytes()), Ok(fixture));
        }
        let body_len = rng.below(200);
        let body = text(&mut rng, body_len);
        let header_len = rng.below(200);
        let headers = received_headers::parse(&String::from_utf8_lossy(&text(&mut rng, header_len)));
        let result = verify(ReceivedDelivery { secret: "s", body: &body, headers: &headers, now_unix_millis: Some(0) });
        assert_eq!(result.checks.len(), 4);
        assert!(!result.summary.is_empty());
    }
}

#[test]
fn the_worker_messages_take_anything_and_lose_nothing() {
    use webhook_echo::offload::{self, Job, Outcome, Task};
    let mut rng = Rng(4);
    for round in 0..iterations(2000) {
        let body_len = rng.below(300);
        let body = text(&mut rng, body_len);
        let header_len = rng.below(200);
        let headers_text = String::from_utf8_lossy(&text(&mut rng, header_len)).into_owned();
        let task = if round % 2 == 0 { Task::Verify } else { Task::Diagnose };
        let job = Job { id: round as u32, task, secret: "s".into(), headers_text };
        let outcome = offload::run(&job, &body);
        let wire = offload::encode(&outcome).unwrap();
        assert_eq!(offload::decode::<Outcome>(&wire).as_ref(), Some(&outcome), "an outcome survives the trip");
        // A mangled message is refused or read, never a panic; what is read encodes back the same.
        let mangled = mutate(&mut rng, wire.as_bytes());
        if let Some(read) = offload::decode::<Outcome>(&String::from_utf8_lossy(&mangled)) {
            assert_eq!(offload::decode::<Outcome>(&offload::encode(&read).unwrap()), Some(read));
        }
        let job_wire = offload::encode(&job).unwrap();
        let _ = offload::decode::<Job>(&String::from_utf8_lossy(&mutate(&mut rng, job_wire.as_bytes())));
    }
}
