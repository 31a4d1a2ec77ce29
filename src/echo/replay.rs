//! A fixture sent again: its body re-signed under the reader's secret (a fresh event id and
//! `createdAt` written into the body in place, every other byte as captured), then changed as
//! its `tamper` says. The changes after signing are the ones `webhook-echo check`'s cases make
//! (`contract` calls the same functions), so a fixture's `tamper` means what the case id means.
//!
//! Plain data in, plain data out: the clock and the randomness are arguments; the command sends
//! (`src/cli/replay.rs`), the test packs write the bytes into a file (`test_pack`).

use std::ops::Range;

use crate::diagnose::diagnosis::Cause;
use crate::diagnose::json_forms;
use crate::echo::delivery::uuid_v4;
use crate::protocol::headers::{EVENT, EVENT_ID, SIGNATURE, TIMESTAMP};
use crate::share::fixture::{CaseFields, Expect, Fixture, Tamper};
use crate::verify::body::{BodyFields, Field};
use crate::verify::received_headers;
use crate::verify::signature;
use crate::verify::timestamp::format_utc_millis;
use crate::verify::verification::Verdict;

/// How old the `stale-delivery` change makes the signed `createdAt`.
pub const STALE_AGE_MILLIS: i64 = 24 * 60 * 60 * 1000;
/// The secret the `wrong-secret` change signs with (another one if it is the reader's).
pub const OTHER_SECRET: &str = "whsec_webhook_echo_not_your_secret";
/// Random bytes for one replay: the fresh event id.
pub const REPLAY_ENTROPY_LEN: usize = 16;

/// Headers that carry a credential of whoever was in front of the receiver (a proxy's basic
/// auth, a session cookie): never kept in a fixture a team commits (`listen --save`), never sent
/// on to wherever a replay goes.
pub const CREDENTIALS: [&str; 3] = ["authorization", "proxy-authorization", "cookie"];

/// Header lines (`Name: value`, one a line) without the `CREDENTIALS`, and how many were left out.
pub fn without_credentials(lines: &str) -> (String, usize) {
    let mut dropped = 0;
    let kept = lines
        .lines()
        .filter(|line| {
            let name = line.split(':').next().unwrap_or("").trim().to_ascii_lowercase();
            let credential = CREDENTIALS.contains(&name.as_str());
            dropped += usize::from(credential);
            !credential
        })
        .map(|line| format!("{line}\n"))
        .collect();
    (kept, dropped)
}

/// Headers that describe one hop, not the delivery (RFC 9110 §7.6.1, and the proxy's): `listen
/// --forward-to` does not pass them on, and a replay sends its own (the client writes `host` and
/// `content-length` for the bytes it sends).
pub const HOP_BY_HOP: [&str; 11] = [
    "host",
    "content-length",
    "connection",
    "transfer-encoding",
    "expect",
    "keep-alive",
    "te",
    "trailer",
    "upgrade",
    "proxy-authorization",
    "proxy-connection",
];

/// One request: the exact body bytes and the headers, in the order they are sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub body: Vec<u8>,
    pub headers: Vec<(String, String)>,
}

impl Request {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn set_header(&mut self, name: &str, value: String) {
        match self.headers.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
            Some((_, old)) => *old = value,
            None => self.headers.push((name.to_string(), value)),
        }
    }

    fn remove_header(&mut self, name: &str) {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
    }

    /// Signs the body as it now is with `secret`.
    fn sign(&mut self, secret: &str) {
        let signature = signature::sign(secret.as_bytes(), &self.body);
        self.set_header(SIGNATURE, signature);
    }
}

/// Which bytes a replay sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bytes {
    /// A fresh event id and `createdAt` written into the body in place: what a receiver that
    /// rejects old deliveries and deduplicates ids accepts again and again.
    Fresh,
    /// The body's bytes as captured (`--as-captured`), only the signature made anew.
    AsCaptured,
}

/// What a replay changed in the body, for the line that reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replayed {
    pub request: Request,
    /// The fresh event id written in, when the body had a top-level `id` string.
    pub fresh_id: Option<String>,
    /// Why the body's id or createdAt was left as captured, when `Bytes::Fresh` was asked for.
    pub kept: Option<&'static str>,
}

/// The request that replays `fixture` under `secret` at `now_unix_millis`: re-signed, its
/// `x-cobinar-*` headers made to match the body, then its `tamper` applied.
pub fn replay(
    fixture: &Fixture,
    secret: &str,
    now_unix_millis: i64,
    entropy: &[u8; REPLAY_ENTROPY_LEN],
    bytes: Bytes,
) -> Replayed {
    let tamper = fixture.case.tamper;
    let stale = tamper == Some(Tamper::StaleDelivery);
    let created_at = format_utc_millis(if stale { now_unix_millis - STALE_AGE_MILLIS } else { now_unix_millis });
    let (body, fresh_id, kept) = match bytes {
        Bytes::AsCaptured => (fixture.body.clone(), None, None),
        Bytes::Fresh => {
            let id = uuid_v4(entropy);
            match refreshed(&fixture.body, &id, &created_at) {
                Ok(body) => (body, Some(id), None),
                Err(why) => (fixture.body.clone(), None, Some(why)),
            }
        }
    };
    let captured = received_headers::parse(&fixture.headers);
    let cobinar = [SIGNATURE, EVENT, EVENT_ID, TIMESTAMP];
    let mut headers: Vec<(String, String)> = captured
        .fields
        .iter()
        .filter(|f| {
            let name = f.name.to_ascii_lowercase();
            ![&HOP_BY_HOP[..], &CREDENTIALS, &cobinar].iter().any(|names| names.contains(&name.as_str()))
        })
        .map(|f| (f.name.clone(), f.value.clone()))
        .collect();
    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("content-type")) {
        headers.insert(0, ("content-type".to_string(), "application/json".to_string()));
    }
    let fields = BodyFields::read(&body);
    let text = |field: Option<&Field>| match field {
        Some(Field::Text(text)) => Some(text.clone()),
        _ => None,
    };
    let header = |name: &str| captured.get(name).map(|f| f.value.clone());
    let mut request = Request { body, headers };
    request.sign(secret);
    // The headers repeat what the body says, as Cobinar's do; what the body does not say is
    // sent as captured.
    let event = text(fields.event()).or_else(|| fixture.event.map(|e| e.name().to_string())).or_else(|| header(EVENT));
    let event_id = text(fields.id()).or_else(|| header(EVENT_ID));
    let timestamp = if stale {
        // As a replay would come: the unsigned header made fresh, the signed createdAt old.
        Some(format_utc_millis(now_unix_millis))
    } else {
        text(fields.created_at()).or_else(|| header(TIMESTAMP))
    };
    for (name, value) in [(EVENT, event), (EVENT_ID, event_id), (TIMESTAMP, timestamp)] {
        if let Some(value) = value {
            request.set_header(name, value);
        }
    }
    if let Some(tamper) = tamper {
        after_signing(&mut request, tamper, secret);
    }
    Replayed { request, fresh_id, kept }
}

/// The case a captured delivery becomes in a fixture library (`listen --save`): a delivery valid
/// under the secret must go on being accepted (no fields: accept is the default); one that is not
/// must go on being rejected once re-signed, so it keeps the change that made it fail, as the
/// tamper that reproduces it: a missing signature, a newline or a rewrite the cause finder named,
/// another secret for a signature of another form or key, and a changed body otherwise. Not
/// verified (no secret) or not yet judged: nothing is said.
pub fn case_of_capture(verdict: Option<Verdict>, has_signature: bool, causes: &[Cause]) -> CaseFields {
    let tamper = match verdict {
        None | Some(Verdict::Valid | Verdict::Checking) => return CaseFields::default(),
        Some(Verdict::Incomplete) if !has_signature => Tamper::MissingSignature,
        Some(Verdict::Incomplete | Verdict::Invalid) => {
            if causes.contains(&Cause::BodyTrailingNewline) || causes.contains(&Cause::BodyWhitespace) {
                Tamper::TrailingNewline
            } else if causes.contains(&Cause::BodyReserialized) {
                Tamper::ReserializedBody
            } else if causes.iter().any(|c| c.as_str().starts_with("secret-") || c.as_str().starts_with("signature-")) {
                Tamper::WrongSecret
            } else {
                Tamper::TamperedBody
            }
        }
    };
    CaseFields { expect: Some(Expect::Reject), tamper: Some(tamper) }
}

/// What `tamper` does to a request once it is signed. `stale-delivery` changes nothing here: its
/// old `createdAt` is signed (`replay`, `contract::probes`).
pub fn after_signing(request: &mut Request, tamper: Tamper, secret: &str) {
    match tamper {
        Tamper::TamperedBody => request.body = tampered(&request.body),
        Tamper::TrailingNewline => request.body.push(b'\n'),
        Tamper::ReserializedBody => request.body = reserialized(&request.body),
        Tamper::MissingSignature => request.remove_header(SIGNATURE),
        Tamper::WrongSecret => {
            let other = if secret == OTHER_SECRET { "whsec_webhook_echo_another" } else { OTHER_SECRET };
            request.sign(other);
        }
        Tamper::StaleDelivery => {}
    }
}

/// The body with one character changed, as someone redirecting an OTP's effect would change
/// it: the first digit of the payload's phone number (of the body, when it has none) made one
/// lower (0 becomes 9); a body without digits gets its first letter's case changed, and one
/// without letters a space in front.
pub fn tampered(body: &[u8]) -> Vec<u8> {
    let mut out = body.to_vec();
    let phone = find(body, b"\"phone\":\"").map_or(0, |at| at + 9);
    let digit = body[phone..].iter().position(u8::is_ascii_digit).map(|at| at + phone);
    let digit = digit.or_else(|| body.iter().position(u8::is_ascii_digit));
    if let Some(at) = digit {
        out[at] = if out[at] == b'0' { b'9' } else { out[at] - 1 };
    } else if let Some(at) = body.iter().position(u8::is_ascii_alphabetic) {
        out[at] ^= 0x20;
    } else {
        out.insert(0, b' ');
    }
    out
}

/// The body as `JSON.stringify(JSON.parse(body), null, 2)` writes it: the same JSON value, other
/// bytes. The diagnosis's own JSON writer, keys in their order. A body that is not JSON gets a
/// space in front, which changes the bytes and not a JSON reader's value.
pub fn reserialized(body: &[u8]) -> Vec<u8> {
    let style = json_forms::Style {
        indent: Some(2),
        item_separator: ",",
        key_separator: ": ",
        keys: json_forms::KeyOrder::AsWritten,
        numbers: json_forms::NumberStyle::AsWritten,
        escape: json_forms::Escape::Minimal,
    };
    match std::str::from_utf8(body).ok().map(json_forms::parse) {
        Some(Ok(json)) => json_forms::write(&json, &style).into_bytes(),
        _ => [b" ", body].concat(),
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The body with the string values of its top-level `id` and `createdAt` replaced, every other
/// byte as it was; why not, when the body is not a JSON object with both as strings.
pub fn refreshed(body: &[u8], id: &str, created_at: &str) -> Result<Vec<u8>, &'static str> {
    let spans = top_level_strings(body, &["id", "createdAt"])
        .ok_or("the body is not a JSON object, so its id and createdAt were left as captured")?;
    let [Some(id_at), Some(created_at_at)] = spans else {
        return Err("the body has no top-level id and createdAt strings, so they were left as captured");
    };
    let mut edits = [(id_at, id), (created_at_at, created_at)];
    edits.sort_by_key(|(range, _)| range.start);
    let mut out = Vec::with_capacity(body.len() + 64);
    let mut from = 0;
    for (range, value) in edits {
        out.extend_from_slice(&body[from..range.start]);
        // The values are ours: a UUID and a timestamp, nothing JSON must escape.
        out.push(b'"');
        out.extend_from_slice(value.as_bytes());
        out.push(b'"');
        from = range.end;
    }
    out.extend_from_slice(&body[from..]);
    Ok(out)
}

/// Where the string values of `keys` are in a JSON object's top level (quotes included), one
/// per key (`None` when absent, or not a string); `None` when the body is not a JSON object. A
/// key written with escapes is not matched. Duplicate keys: the last, as JSON.parse reads it.
fn top_level_strings<const N: usize>(body: &[u8], keys: &[&str; N]) -> Option<[Option<Range<usize>>; N]> {
    let mut at = skip_ws(body, 0);
    if body.get(at) != Some(&b'{') {
        return None;
    }
    at = skip_ws(body, at + 1);
    let mut found: [Option<Range<usize>>; N] = std::array::from_fn(|_| None);
    if body.get(at) == Some(&b'}') {
        return (skip_ws(body, at + 1) == body.len()).then_some(found);
    }
    loop {
        let key = string_end(body, at)?;
        let name = &body[at + 1..key - 1];
        at = skip_ws(body, key);
        if body.get(at) != Some(&b':') {
            return None;
        }
        at = skip_ws(body, at + 1);
        let end = value_end(body, at)?;
        if let Some(slot) = keys.iter().position(|k| k.as_bytes() == name) {
            found[slot] = (body[at] == b'"').then_some(at..end);
        }
        at = skip_ws(body, end);
        match body.get(at) {
            Some(b',') => at = skip_ws(body, at + 1),
            Some(b'}') => return (skip_ws(body, at + 1) == body.len()).then_some(found),
            _ => return None,
        }
    }
}

fn skip_ws(body: &[u8], mut at: usize) -> usize {
    while matches!(body.get(at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        at += 1;
    }
    at
}

/// The end (one past the closing quote) of the string starting at `at`.
fn string_end(body: &[u8], at: usize) -> Option<usize> {
    if body.get(at) != Some(&b'"') {
        return None;
    }
    let mut i = at + 1;
    loop {
        match body.get(i)? {
            b'"' => return Some(i + 1),
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
}

/// The end of the JSON value starting at `at`: a string, or anything else up to where its
/// nesting closes (strings inside skipped as strings). Not a validator: `refreshed` only needs
/// the top level's boundaries, and `BodyFields` has already said whether the body is JSON.
fn value_end(body: &[u8], at: usize) -> Option<usize> {
    match body.get(at)? {
        b'"' => string_end(body, at),
        b'{' | b'[' => {
            let mut depth = 0_usize;
            let mut i = at;
            loop {
                match body.get(i)? {
                    b'"' => {
                        i = string_end(body, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        _ => {
            let len = body[at..].iter().position(|b| matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'));
            let end = at + len.unwrap_or(body.len() - at);
            (end > at).then_some(end)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::echo::example::EXAMPLE_BODY;
    use crate::share::fixture::SharedSecret;
    use crate::verify::verification::{verify, ReceivedDelivery};

    const SECRET: &str = "whsec_replay_test";
    const NOW: i64 = 1_783_088_530_000;

    fn fixture(body: &[u8], headers: &str, tamper: Option<Tamper>) -> Fixture {
        Fixture {
            body: body.to_vec(),
            headers: headers.into(),
            event: None,
            note: String::new(),
            secret: SharedSecret::None,
            case: CaseFields { expect: None, tamper },
        }
    }

    fn verdict(request: &Request, now: i64) -> Verdict {
        let lines: String = request.headers.iter().map(|(n, v)| format!("{n}: {v}\n")).collect();
        let headers = received_headers::parse(&lines);
        verify(ReceivedDelivery { secret: SECRET, body: &request.body, headers: &headers, now_unix_millis: Some(now) })
            .verdict
    }

    #[test]
    fn a_replay_is_fresh_and_valid_with_every_other_byte_as_captured() {
        let captured = "Content-Type: application/json; charset=utf-8\nUser-Agent: Cobinar-Webhooks/1.0\nHost: old.example\nContent-Length: 3\nx-cobinar-signature: sha256=00\nx-cobinar-event-id: e3a9c1f0-5b7d-4e2a-9c61-2f8d0b7a4e13\n";
        let replayed = replay(&fixture(EXAMPLE_BODY.as_bytes(), captured, None), SECRET, NOW, &[9; 16], Bytes::Fresh);
        let request = &replayed.request;
        assert_eq!(verdict(request, NOW), Verdict::Valid, "{request:?}");
        let id = replayed.fresh_id.clone().unwrap_or_default();
        assert_eq!(id, "09090909-0909-4909-8909-090909090909");
        let expected = EXAMPLE_BODY.replace("e3a9c1f0-5b7d-4e2a-9c61-2f8d0b7a4e13", &id).replace(
            "\"createdAt\":\"2026-07-03T14:22:10.000Z\"",
            &format!("\"createdAt\":\"{}\"", format_utc_millis(NOW)),
        );
        assert_eq!(String::from_utf8_lossy(&request.body), expected);
        // The payload's own times are the captured ones.
        assert!(expected.contains("\"verifiedAt\":\"2026-07-03T14:22:10.000Z\""));
        assert_eq!(request.header(EVENT_ID), Some(id.as_str()));
        assert_eq!(request.header(TIMESTAMP), Some(format_utc_millis(NOW).as_str()));
        assert_eq!(request.header(EVENT), Some("otp.verified"));
        assert_eq!(request.header("content-type"), Some("application/json; charset=utf-8"));
        assert_eq!(request.header("user-agent"), Some("Cobinar-Webhooks/1.0"));
        assert_eq!(request.header("host"), None);
        assert_eq!(request.header("content-length"), None);
        // Two replays are two deliveries.
        let other = replay(&fixture(EXAMPLE_BODY.as_bytes(), captured, None), SECRET, NOW, &[8; 16], Bytes::Fresh);
        assert_ne!(other.request.header(EVENT_ID), request.header(EVENT_ID));

        let as_captured =
            replay(&fixture(EXAMPLE_BODY.as_bytes(), captured, None), SECRET, NOW, &[9; 16], Bytes::AsCaptured);
        assert_eq!(as_captured.request.body, EXAMPLE_BODY.as_bytes());
        assert_eq!(as_captured.fresh_id, None);
        assert_eq!(
            as_captured.request.header(SIGNATURE),
            Some(signature::sign(SECRET.as_bytes(), EXAMPLE_BODY.as_bytes()).as_str())
        );
        assert_eq!(as_captured.request.header(EVENT_ID), Some("e3a9c1f0-5b7d-4e2a-9c61-2f8d0b7a4e13"));
    }

    #[test]
    fn each_tamper_does_what_checks_case_of_that_name_does() {
        let base =
            |tamper| replay(&fixture(EXAMPLE_BODY.as_bytes(), "", tamper), SECRET, NOW, &[9; 16], Bytes::Fresh).request;
        let genuine = base(None);
        for tamper in Tamper::ALL {
            let request = base(Some(tamper));
            let expected = match tamper {
                Tamper::MissingSignature => Verdict::Incomplete,
                // Valid bytes, signed a day ago: the receiver's clock check is what catches it.
                Tamper::StaleDelivery => Verdict::Valid,
                _ => Verdict::Invalid,
            };
            assert_eq!(verdict(&request, NOW), expected, "{}", tamper.name());
            match tamper {
                Tamper::TamperedBody => {
                    let changed: Vec<usize> =
                        (0..genuine.body.len()).filter(|&i| genuine.body[i] != request.body[i]).collect();
                    assert_eq!(changed.len(), 1);
                    assert!(String::from_utf8_lossy(&request.body).contains("\"phone\":\"+899 482"));
                }
                Tamper::TrailingNewline => assert_eq!(request.body, [&genuine.body[..], b"\n"].concat()),
                Tamper::ReserializedBody => {
                    let value = |b: &[u8]| serde_json::from_slice::<serde_json::Value>(b).ok();
                    assert_eq!(value(&request.body), value(&genuine.body));
                    assert!(String::from_utf8_lossy(&request.body).contains("\n  \"id\": "));
                }
                Tamper::StaleDelivery => {
                    let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap_or_default();
                    assert_eq!(body["createdAt"], format_utc_millis(NOW - STALE_AGE_MILLIS));
                    assert_eq!(request.header(TIMESTAMP), Some(format_utc_millis(NOW).as_str()));
                }
                Tamper::MissingSignature | Tamper::WrongSecret => assert_eq!(request.body, genuine.body),
            }
        }
        // The wrong secret is never the reader's own.
        let mut request = genuine.clone();
        after_signing(&mut request, Tamper::WrongSecret, OTHER_SECRET);
        assert_ne!(request.header(SIGNATURE), Some(signature::sign(OTHER_SECRET.as_bytes(), &genuine.body).as_str()));
    }

    #[test]
    fn a_body_that_cannot_be_refreshed_is_sent_as_captured_and_said_so() {
        for (body, why) in [
            (&b"id=1&createdAt=2"[..], "not a JSON object"),
            (b"[{\"id\":\"x\"}]", "not a JSON object"),
            (b"{\"id\":7,\"createdAt\":\"x\"}", "no top-level id and createdAt strings"),
            (b"{\"payload\":{\"id\":\"x\",\"createdAt\":\"y\"}}", "no top-level id and createdAt strings"),
        ] {
            let replayed = replay(&fixture(body, "", None), SECRET, NOW, &[1; 16], Bytes::Fresh);
            assert_eq!(replayed.request.body, body);
            assert!(replayed.kept.is_some_and(|kept| kept.contains(why)), "{replayed:?}");
            // Re-signed: the signature holds over the bytes as captured.
            let lines: String = replayed.request.headers.iter().map(|(n, v)| format!("{n}: {v}\n")).collect();
            let signed = received_headers::parse(&lines).get(SIGNATURE).map(|f| f.value.clone());
            assert_eq!(signed, Some(signature::sign(SECRET.as_bytes(), body)), "{}", String::from_utf8_lossy(body));
        }
    }

    #[test]
    fn refreshing_finds_the_top_level_strings_whatever_surrounds_them() {
        let cases: [(&[u8], Option<&str>); 8] = [
            (br#"{"id":"a","createdAt":"b"}"#, Some(r#"{"id":"N","createdAt":"T"}"#)),
            (
                b"{ \"payload\" : {\"id\":\"in\",\"x\":[1,\"}\",{\"createdAt\":\"]\"}]} ,\n\"createdAt\" :\"b\\\"q\", \"id\":\"a\"}\n",
                Some("{ \"payload\" : {\"id\":\"in\",\"x\":[1,\"}\",{\"createdAt\":\"]\"}]} ,\n\"createdAt\" :\"T\", \"id\":\"N\"}\n"),
            ),
            (br#"{"id":"a","id":"c","createdAt":"b"}"#, Some(r#"{"id":"a","id":"N","createdAt":"T"}"#)),
            (br#"{"i\u0064":"a","createdAt":"b"}"#, None),
            (br#"{"id":"a","createdAt":"b"} x"#, None),
            (br#"{"id":"a","createdAt":"b""#, None),
            (br#"{"id":"a" "createdAt":"b"}"#, None),
            (b"{}", None),
        ];
        for (body, expected) in cases {
            let got = refreshed(body, "N", "T").ok().map(|b| String::from_utf8_lossy(&b).into_owned());
            assert_eq!(got.as_deref(), expected, "{}", String::from_utf8_lossy(body));
        }
    }

    #[test]
    fn credentials_are_neither_kept_nor_replayed() {
        let lines = "Authorization: Basic dTpw\nx-cobinar-event: otp.verified\nCOOKIE: s=1\nProxy-Authorization: x\nx-a: Authorization: no\n";
        assert_eq!(
            without_credentials(lines),
            ("x-cobinar-event: otp.verified\nx-a: Authorization: no\n".to_string(), 3)
        );
        let replayed = replay(&fixture(EXAMPLE_BODY.as_bytes(), lines, None), SECRET, NOW, &[1; 16], Bytes::Fresh);
        for name in CREDENTIALS {
            assert_eq!(replayed.request.header(name), None, "{name}");
        }
        assert_eq!(replayed.request.header("x-a"), Some("Authorization: no"));
    }

    #[test]
    fn a_capture_becomes_the_case_that_reproduces_it() {
        let reject = |tamper| CaseFields { expect: Some(Expect::Reject), tamper: Some(tamper) };
        let cases = [
            (None, true, vec![], CaseFields::default()),
            (Some(Verdict::Valid), true, vec![], CaseFields::default()),
            (Some(Verdict::Checking), true, vec![], CaseFields::default()),
            (Some(Verdict::Incomplete), false, vec![], reject(Tamper::MissingSignature)),
            (Some(Verdict::Invalid), true, vec![Cause::NoKnownCause], reject(Tamper::TamperedBody)),
            (Some(Verdict::Invalid), true, vec![], reject(Tamper::TamperedBody)),
            (Some(Verdict::Invalid), true, vec![Cause::BodyTrailingNewline], reject(Tamper::TrailingNewline)),
            (Some(Verdict::Invalid), true, vec![Cause::BodyWhitespace], reject(Tamper::TrailingNewline)),
            (Some(Verdict::Invalid), true, vec![Cause::BodyReserialized], reject(Tamper::ReserializedBody)),
            (Some(Verdict::Invalid), true, vec![Cause::SecretWhitespace], reject(Tamper::WrongSecret)),
            (Some(Verdict::Invalid), true, vec![Cause::SignatureCase], reject(Tamper::WrongSecret)),
            (Some(Verdict::Incomplete), true, vec![], reject(Tamper::TamperedBody)),
        ];
        for (verdict, has_signature, causes, expected) in cases {
            assert_eq!(case_of_capture(verdict, has_signature, &causes), expected, "{verdict:?} {causes:?}");
        }
    }

    #[test]
    fn an_empty_object_has_no_fields_and_what_follows_it_makes_it_no_object() {
        assert_eq!(
            refreshed(b" { }\n", "N", "T"),
            Err("the body has no top-level id and createdAt strings, so they were left as captured")
        );
        assert_eq!(
            refreshed(b"{} x", "N", "T"),
            Err("the body is not a JSON object, so its id and createdAt were left as captured")
        );
        assert_eq!(
            refreshed(b"{}}", "N", "T"),
            Err("the body is not a JSON object, so its id and createdAt were left as captured")
        );
    }

    #[test]
    fn tampering_changes_one_byte_of_any_body() {
        assert_eq!(tampered(b"{\"a\":10}"), b"{\"a\":00}");
        assert_eq!(tampered(b"{\"n\":0}"), b"{\"n\":9}");
        assert_eq!(tampered(b"{\"a\":\"x\"}"), b"{\"A\":\"x\"}");
        assert_eq!(tampered(b"{}"), b" {}");
        assert_eq!(tampered(b""), b" ");
        assert_eq!(reserialized(b"\xff"), b" \xff");
    }
}
