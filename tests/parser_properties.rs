//! The parsers that take whatever a person pastes or a link carries, driven with random and
//! mutated input: the header parser, the import parser, the fixture reader, the verifier as a
//! whole and the messages between the page and its worker. Each is held to what it can get
//! wrong: headers written out read back as written; a raw request, however its body is framed,
//! imports to its exact bytes and headers; the verdict is `valid` exactly when the signature
//! header is `sign(secret, body)`; a fixture and a worker message read back as written. Random
//! text never panics any of them. `make test` runs a bounded number of cases; `make fuzz` sets
//! FUZZ_ITERATIONS for a long run.

mod common;

use common::{iterations, Rng};
use webhook_echo::echo::commands::{curl, http_request, httpie};
use webhook_echo::echo::delivery::{generate, ENTROPY_LEN};
use webhook_echo::echo::endpoint::Endpoint;
use webhook_echo::inspect::import::{import, ImportFormat};
use webhook_echo::protocol::events::Event;
use webhook_echo::share::fixture::{CaseFields, Expect, Fixture, SecretChoice, SharedSecret, Tamper, Work};
use webhook_echo::verify::received_headers;
use webhook_echo::verify::signature::sign;
use webhook_echo::verify::verification::{verify, ReceivedDelivery, Verdict};

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

const SEEDS: [&[u8]; 7] = [
    b"POST /webhooks/auth HTTP/1.1\r\nHost: localhost\r\nContent-Length: 7\r\n\r\n{\"a\":1}",
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n0\r\n\r\n",
    b"* Connected\n> POST / HTTP/1.1\n> x-cobinar-event: otp.verified\n",
    br#"{"log":{"entries":[{"request":{"headers":[{"name":"x-cobinar-signature","value":"sha256=ab"}],"postData":{"text":"{}"}}}]}}"#,
    b"[Object: null prototype] { host: 'h', 'x-a': 'b' + 'c', list: ['1', \"2\"] }",
    b"$ curl -v -XPOST 'http://h/' \\\n  -H 'x-a: b' --data-raw $'{\\n}'\n> POST / HTTP/1.1\n> x-a: b\n>\n} [3 bytes data]\n< HTTP/1.1 200 OK\n< a: b\n",
    b"printf '%s' '{\"a\":\"it'\\''s\"}' |\n  http POST 'http://h/' 'x-a:b' --path-as-is",
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

/// A header name: an RFC 9110 token, never one that changes how a body is framed.
fn header_name(rng: &mut Rng) -> String {
    const TOKEN: &[u8] = b"abcxyzABCXYZ0129-_.!#$%&'*+^`|~";
    let len = 1 + rng.below(12);
    let name: String = (0..len).map(|_| char::from(TOKEN[rng.below(TOKEN.len())])).collect();
    format!("x-{name}")
}

/// A header value as it is read: no line break, no space or tab at either end, anything inside.
fn header_value(rng: &mut Rng) -> String {
    const CHARS: [char; 12] = [' ', '\t', ':', '"', '\'', ',', ';', '=', 'é', '☕', '\u{202e}', '\u{7f}'];
    let len = rng.below(24);
    let value: String = (0..len)
        .map(|_| if rng.below(3) == 0 { CHARS[rng.below(CHARS.len())] } else { char::from(b'!' + rng.below(94) as u8) })
        .collect();
    value.trim_matches([' ', '\t']).to_string()
}

fn random_headers(rng: &mut Rng) -> Vec<(String, String)> {
    (0..rng.below(8)).map(|_| (header_name(rng), header_value(rng))).collect()
}

#[test]
fn headers_written_out_read_back_as_written() {
    let mut rng = Rng(11);
    for _ in 0..iterations(3000) {
        let written = random_headers(&mut rng);
        let eol = ["\n", "\r\n"][rng.below(2)];
        let mut text = String::new();
        if rng.below(2) == 0 {
            text.push_str(&format!("POST /webhooks HTTP/1.1{eol}"));
        }
        for (name, value) in &written {
            // The optional whitespace HTTP allows around a value, and curl -v's "> ".
            let (before, after) = ([" ", "", "\t ", "  "][rng.below(4)], ["", " ", "\t"][rng.below(3)]);
            let marker = ["", "> "][rng.below(2)];
            text.push_str(&format!("{marker}{name}:{before}{value}{after}{eol}"));
        }
        let read = received_headers::parse(&text);
        let pairs: Vec<(String, String)> = read.fields.iter().map(|f| (f.name.clone(), f.value.clone())).collect();
        assert_eq!(pairs, written, "{text:?}");
        assert_eq!(read.not_headers_sentence(), None, "{text:?}");
    }
}

/// A raw request around `body`, framed one of the ways a receiver may log it: with a
/// content-length (and sometimes the line breaks a copy adds after it), with none, or in chunks.
/// Returns the request and the headers it carries, in order.
fn raw_request(rng: &mut Rng, body: &[u8]) -> (Vec<u8>, Vec<(String, String)>) {
    let mut headers = vec![("Host".to_string(), "127.0.0.1:3000".to_string())];
    headers.extend(random_headers(rng));
    let framing = rng.below(3);
    match framing {
        0 => headers.push(("Content-Length".into(), body.len().to_string())),
        1 => {}
        _ => headers.push(("Transfer-Encoding".into(), "chunked".into())),
    }
    let eol = ["\r\n", "\n"][rng.below(2)];
    let mut request = format!("POST /webhooks/auth?x=1 HTTP/1.1{eol}").into_bytes();
    for (name, value) in &headers {
        request.extend_from_slice(format!("{name}: {value}{eol}").as_bytes());
    }
    request.extend_from_slice(eol.as_bytes());
    match framing {
        0 => {
            request.extend_from_slice(body);
            request.extend_from_slice([&b""[..], b"\n", b"\r\n", b"\r\n\r\n"][rng.below(4)]);
        }
        1 => request.extend_from_slice(body),
        _ => {
            let mut rest = body;
            while !rest.is_empty() {
                let size = 1 + rng.below(rest.len());
                request.extend_from_slice(format!("{size:x}\r\n").as_bytes());
                request.extend_from_slice(&rest[..size]);
                request.extend_from_slice(b"\r\n");
                rest = &rest[size..];
            }
            request.extend_from_slice(b"0\r\n\r\n");
        }
    }
    (request, headers)
}

#[test]
fn a_raw_request_imports_to_its_exact_body_and_headers() {
    let mut rng = Rng(12);
    for _ in 0..iterations(3000) {
        let len = rng.below(300);
        // Bytes a body may hold that the framing also uses: blank lines, CRLF, stray NULs.
        let body = if rng.below(2) == 0 { rng.bytes(len) } else { text(&mut rng, len) };
        let (request, headers) = raw_request(&mut rng, &body);
        let imported =
            import(&request).unwrap_or_else(|e| panic!("{}: {:?}", e.message, String::from_utf8_lossy(&request)));
        assert_eq!(imported.format, ImportFormat::RawRequest);
        assert_eq!(imported.headers.as_ref(), Some(&headers), "{:?}", String::from_utf8_lossy(&request));
        assert_eq!(imported.body.as_deref(), Some(&body[..]), "{:?}", String::from_utf8_lossy(&request));
    }
}

#[test]
fn the_request_the_page_shows_imports_and_verifies() {
    let mut rng = Rng(13);
    let endpoint = Endpoint::parse("http://localhost:3000/webhooks/auth").unwrap();
    for _ in 0..iterations(500) {
        let event = Event::ALL[rng.below(Event::ALL.len())];
        let entropy: [u8; ENTROPY_LEN] = rng.bytes(ENTROPY_LEN).try_into().unwrap();
        let now = 1_783_000_000_000 + rng.below(1 << 30) as i64;
        let secret_len = 1 + rng.below(40);
        let secret = String::from_utf8_lossy(&text(&mut rng, secret_len)).into_owned();
        let signed = generate(event, now, &entropy).signed(&secret);
        let imported = import(http_request(&signed, &endpoint).as_bytes()).unwrap();
        assert_eq!(imported.body.as_deref(), Some(signed.body.as_bytes()));
        let headers = received_headers::parse(&imported.header_lines().unwrap());
        for (name, value) in &signed.headers {
            assert_eq!(headers.get(name).map(|f| f.value.as_str()), Some(value.as_str()));
        }
        let body = imported.body.unwrap_or_default();
        let verification =
            verify(ReceivedDelivery { secret: &secret, body: &body, headers: &headers, now_unix_millis: Some(now) });
        assert_eq!(verification.verdict, Verdict::Valid, "{}", verification.summary);
    }
}

/// A delivery whose body holds what a shell or a parser could misread: quotes of both kinds,
/// `$(…)`, backquotes, backslashes, line breaks raw (between JSON tokens) and escaped, unicode.
fn awkward_delivery(rng: &mut Rng) -> (webhook_echo::echo::delivery::SignedDelivery, String, i64) {
    const PIECES: [&str; 14] =
        ["'", "\"", "$(rm -rf ~)", "`id`", "\\", "\n", "\r\n", "é☕", "\u{202e}", "$HOME", "'\\''", "!", "%s", " "];
    let event = Event::ALL[rng.below(Event::ALL.len())];
    let mut entropy = [0u8; ENTROPY_LEN];
    entropy.copy_from_slice(&rng.bytes(ENTROPY_LEN));
    let now = 1_783_000_000_000 + rng.below(1 << 30) as i64;
    let secret_len = 1 + rng.below(40);
    let secret = String::from_utf8_lossy(&text(rng, secret_len)).into_owned();
    let delivery = generate(event, now, &entropy);
    let note: String = (0..rng.below(12)).map(|_| PIECES[rng.below(PIECES.len())]).collect();
    let space = ["", "\n", "\r\n", "  \n  "][rng.below(4)];
    let body = delivery.body.replacen(
        "\"payload\":",
        &format!("{space}\"note\":{},{space}\"payload\":", serde_json::Value::String(note)),
        1,
    );
    let mut signed = delivery.signed(&secret);
    for (name, value) in &mut signed.headers {
        if *name == "x-cobinar-signature" {
            *value = sign(secret.as_bytes(), body.as_bytes());
        }
    }
    signed.body = body;
    (signed, secret, now)
}

/// The page's own curl and HTTPie commands import back to the delivery they send: its exact body
/// and headers, which verify `valid`.
#[test]
fn the_pages_commands_import_back_and_verify() {
    let mut rng = Rng(14);
    let endpoints = ["http://localhost:3000/webhooks/auth", "http://127.0.0.1:8080/hooks/{a,b}[1-4]?ids=[0-9]&o'k"];
    for round in 0..iterations(500) {
        let endpoint = Endpoint::parse(endpoints[round % 2]).unwrap();
        let (signed, secret, now) = awkward_delivery(&mut rng);
        let forms = [
            (curl(&signed, &endpoint), ImportFormat::CurlCommand),
            (httpie(&signed, &endpoint), ImportFormat::HttpieCommand),
        ];
        for (command, format) in forms {
            // As typed, and as a terminal shows it after a prompt.
            let pasted = if round % 3 == 0 { format!("$ {command}\n") } else { command.clone() };
            let imported = import(pasted.as_bytes()).unwrap_or_else(|e| panic!("{}: {command}", e.message));
            assert_eq!(imported.format, format, "{command}");
            assert_eq!(imported.body.as_deref(), Some(signed.body.as_bytes()), "{command}");
            let taken: Vec<(&str, &str)> =
                imported.headers.iter().flatten().map(|(n, v)| (n.as_str(), v.as_str())).collect();
            let sent: Vec<(&str, &str)> = signed.headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
            assert_eq!(taken, sent, "{command}");
            let headers = received_headers::parse(&imported.header_lines().unwrap());
            let body = imported.body.unwrap_or_default();
            let verification = verify(ReceivedDelivery {
                secret: &secret,
                body: &body,
                headers: &headers,
                now_unix_millis: Some(now),
            });
            assert_eq!(verification.verdict, Verdict::Valid, "{}: {command}", verification.summary);
        }
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
            // A body is never invented: it is bytes of the input, or (de-chunked, or a parsed
            // JSON body written compactly) no longer than it.
            Ok(imported) => assert!(imported.body.as_ref().is_none_or(|body| body.len() <= input.len())),
            Err(error) => assert!(error.message.ends_with("Nothing was changed."), "{}", error.message),
        }
    }
}

#[test]
fn the_fixture_reader_reads_back_what_was_written_and_takes_anything() {
    let mut rng = Rng(3);
    let work = Work { body: b"{\"id\":\"1\"}\r\n", headers: "x-a: b\n", event: Some(Event::OtpFailed), note: "note" };
    let valid = Fixture::of(work, "s", SecretChoice::LeaveOut).to_json();
    for _ in 0..iterations(2000) {
        let json = mutate(&mut rng, valid.as_bytes());
        if let Ok(fixture) = Fixture::from_json(&json) {
            assert_eq!(Fixture::from_json(fixture.to_json().as_bytes()), Ok(fixture));
        }
        let body_len = rng.below(200);
        let headers_len = rng.below(200);
        let fixture = Fixture {
            body: if rng.below(2) == 0 { rng.bytes(body_len) } else { text(&mut rng, body_len) },
            headers: String::from_utf8_lossy(&text(&mut rng, headers_len)).into_owned(),
            event: [None, Some(Event::OtpFailed)][rng.below(2)],
            note: String::from_utf8_lossy(&text(&mut rng, body_len % 40)).into_owned(),
            secret: [SharedSecret::None, SharedSecret::Fingerprint("a1b2-c3d4".into())][rng.below(2)].clone(),
            case: CaseFields {
                expect: [None, Some(Expect::Accept), Some(Expect::Reject)][rng.below(3)],
                tamper: [None, Some(Tamper::ALL[rng.below(Tamper::ALL.len())])][rng.below(2)],
            },
        };
        assert_eq!(Fixture::from_json(fixture.to_json().as_bytes()).as_ref(), Ok(&fixture));
        assert_eq!(Fixture::from_json(fixture.to_pretty_json().as_bytes()), Ok(fixture));
    }
}

/// A received signature header for `body`: Cobinar's own, or one changed the ways a copy or a
/// receiver changes it. Returns the header and whether it is still exactly `sign(secret, body)`.
fn signature_header(rng: &mut Rng, secret: &str, body: &[u8]) -> (String, bool) {
    let right = sign(secret.as_bytes(), body);
    let changed = match rng.below(9) {
        0 | 1 => right.clone(),
        2 => {
            // One hex digit of the digest changed.
            let at = "sha256=".len() + rng.below(64);
            let mut bytes = right.clone().into_bytes();
            bytes[at] = if bytes[at] == b'0' { b'f' } else { b'0' };
            String::from_utf8_lossy(&bytes).into_owned()
        }
        3 => right.to_uppercase(),
        4 => right.replacen("sha256=", ["", "SHA256=", "sha1=", "sha256= ", "sha256=sha256="][rng.below(5)], 1),
        5 => right[..rng.below(right.len())].to_string(),
        6 => format!("{right}{}", ["0", "\u{200b}", ",", " x"][rng.below(4)]),
        7 => sign(format!("{secret} ").as_bytes(), body),
        _ => sign(secret.as_bytes(), &[body, b"\n"].concat()),
    };
    let equal = changed == right;
    (changed, equal)
}

#[test]
fn the_verdict_is_valid_exactly_when_the_signature_is_the_bodys() {
    let mut rng = Rng(5);
    let mut seen = [0usize; 2];
    for _ in 0..iterations(3000) {
        let secret = match rng.below(4) {
            0 => String::new(),
            _ => {
                let len = 1 + rng.below(80);
                String::from_utf8_lossy(&text(&mut rng, len)).into_owned()
            }
        };
        let body_len = [0, 1, 64, rng.below(500)][rng.below(4)];
        let body = if rng.below(2) == 0 { rng.bytes(body_len) } else { text(&mut rng, body_len) };
        let (header, equal) = signature_header(&mut rng, &secret, &body);
        // Around it, other headers, the OWS a log keeps and the signature perhaps twice: the
        // first one counts.
        let mut pasted = String::new();
        for (name, value) in random_headers(&mut rng) {
            pasted.push_str(&format!("{name}: {value}\r\n"));
        }
        pasted.push_str(&format!("X-Cobinar-Signature:{}{header}\t\r\n", [" ", "", "  "][rng.below(3)]));
        if rng.below(4) == 0 {
            pasted.push_str(&format!("x-cobinar-signature: {}\r\n", sign(b"other", &body)));
        }
        let headers = received_headers::parse(&pasted);
        let result =
            verify(ReceivedDelivery { secret: &secret, body: &body, headers: &headers, now_unix_millis: Some(0) });
        let valid = equal && !secret.is_empty() && !body.is_empty();
        assert_eq!(result.verdict == Verdict::Valid, valid, "{header:?} for {secret:?}: {}", result.summary);
        assert_eq!(result.expected_signature, (!secret.is_empty()).then(|| sign(secret.as_bytes(), &body)));
        seen[usize::from(valid)] += 1;
    }
    assert!(seen[0] > 0 && seen[1] > 0, "both verdicts were reached: {seen:?}");
}

#[test]
fn the_verifier_takes_anything() {
    let mut rng = Rng(6);
    for _ in 0..iterations(2000) {
        let body_len = rng.below(200);
        let body = text(&mut rng, body_len);
        let header_len = rng.below(200);
        let headers = received_headers::parse(&String::from_utf8_lossy(&text(&mut rng, header_len)));
        let result = verify(ReceivedDelivery { secret: "s", body: &body, headers: &headers, now_unix_millis: Some(0) });
        // Random headers carry no signature of this body, so nothing random is ever valid.
        assert_ne!(result.verdict, Verdict::Valid, "{headers:?}");
    }
}

#[test]
fn the_worker_messages_take_anything_and_lose_nothing() {
    use webhook_echo::diagnose::offload::{self, Job, JobAnswer, Task};
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
        assert_eq!(offload::decode::<JobAnswer>(&wire).as_ref(), Some(&outcome), "an outcome survives the trip");
        // A mangled message is refused or read, never a panic; what is read encodes back the same.
        let mangled = mutate(&mut rng, wire.as_bytes());
        if let Some(read) = offload::decode::<JobAnswer>(&String::from_utf8_lossy(&mangled)) {
            assert_eq!(offload::decode::<JobAnswer>(&offload::encode(&read).unwrap()), Some(read));
        }
        let job_wire = offload::encode(&job).unwrap();
        let _ = offload::decode::<Job>(&String::from_utf8_lossy(&mutate(&mut rng, job_wire.as_bytes())));
    }
}
