//! The verifier over fixture files: `tests/fixtures/verify/*.json`, one delivery a file, each
//! with the verdict, header statuses, message fragments and highlighted differences expected.

mod common;

use serde_json::{Map, Value};
use webhook_echo::verify::diff::Span;
use webhook_echo::verify::received_headers;
use webhook_echo::verify::verification::{verify, ReceivedDelivery, Verification};

fn render(spans: &[Span]) -> String {
    spans.iter().map(|s| if s.differs { format!("[{}]", s.text) } else { s.text.clone() }).collect()
}

/// The string at `field` of `case`: a fixture that lacks it, or holds something else there, is
/// wrong, said so by name rather than read as "" (which every message contains).
fn text<'a>(case: &'a Value, field: &str) -> Result<&'a str, String> {
    case[field].as_str().ok_or_else(|| format!("{field} must be a string, not {}", case[field]))
}

/// A fragment a message must contain: a string, and not "", which any message contains.
fn fragment<'a>(value: &'a Value, place: &str) -> Result<&'a str, String> {
    value.as_str().filter(|f| !f.is_empty()).ok_or_else(|| format!("{place} must be a non-empty string, not {value}"))
}

fn object(value: &Value) -> Map<String, Value> {
    value.as_object().cloned().unwrap_or_default()
}

/// Checks one fixture; returns what disagreed, so that every fixture is reported in one run.
fn check(case: &Value) -> Vec<String> {
    let expect = &case["expect"];
    let (secret, body, headers, verdict) =
        match (text(case, "secret"), text(case, "body"), text(case, "headers"), text(expect, "verdict")) {
            (Ok(secret), Ok(body), Ok(headers), Ok(verdict)) => (secret, body, headers, verdict),
            (secret, body, headers, verdict) => {
                return [secret, body, headers, verdict.map_err(|e| format!("expect.{e}"))]
                    .into_iter()
                    .filter_map(Result::err)
                    .collect()
            }
        };
    let headers = received_headers::parse(headers);
    let result: Verification = verify(ReceivedDelivery {
        secret,
        body: body.as_bytes(),
        headers: &headers,
        now_unix_millis: case["now"].as_i64(),
    });
    let mut wrong = Vec::new();
    if result.verdict.as_str() != verdict {
        wrong.push(format!("verdict {} (expected {}): {}", result.verdict.as_str(), expect["verdict"], result.summary));
    }
    if let Some(signature) = expect["expected_signature"].as_str() {
        if result.expected_signature.as_deref() != Some(signature) {
            wrong.push(format!(
                "expected signature {:?}, computed by Python's hmac as {signature}",
                result.expected_signature
            ));
        }
    }
    let statuses = object(&expect["statuses"]);
    // The four documented headers, then content-length when the pasted headers carry it.
    let carries_length = headers.get("content-length").is_some();
    if statuses.len() != result.checks.len() || result.checks.len() != 4 + usize::from(carries_length) {
        wrong.push("every fixture names the four documented headers, and content-length when it is pasted".into());
    }
    for check in &result.checks {
        match statuses.get(check.header).and_then(Value::as_str) {
            Some(status) if status == check.status.as_str() => {}
            other => wrong.push(format!(
                "{} is {} (expected {other:?}): {}",
                check.header,
                check.status.as_str(),
                check.message
            )),
        }
    }
    for (place, fragment) in object(&expect["messages_contain"]) {
        let fragment = match self::fragment(&fragment, &format!("messages_contain.{place}")) {
            Ok(fragment) => fragment,
            Err(problem) => {
                wrong.push(problem);
                continue;
            }
        };
        let message = match place.as_str() {
            "summary" => Some(result.summary.as_str()),
            header => result.checks.iter().find(|c| c.header == header).map(|c| c.message.as_str()),
        };
        if !message.is_some_and(|m| m.contains(fragment)) {
            wrong.push(format!("{place} message {message:?} lacks {fragment:?}"));
        }
    }
    for (header, fragment) in object(&expect["notes_contain"]) {
        let fragment = match self::fragment(&fragment, &format!("notes_contain.{header}")) {
            Ok(fragment) => fragment,
            Err(problem) => {
                wrong.push(problem);
                continue;
            }
        };
        let notes = result.checks.iter().find(|c| c.header == header).map(|c| c.notes.join(" ")).unwrap_or_default();
        if !notes.contains(fragment) {
            wrong.push(format!("{header} notes {notes:?} lack {fragment:?}"));
        }
    }
    let mut flags = Vec::new();
    for flag in expect["not_from_cobinar"].as_array().into_iter().flatten() {
        match fragment(flag, "each of not_from_cobinar") {
            Ok(flag) => flags.push(flag),
            Err(problem) => wrong.push(problem),
        }
    }
    if result.not_from_cobinar.len() != flags.len()
        || !flags.iter().zip(&result.not_from_cobinar).all(|(want, got)| got.contains(want))
    {
        wrong.push(format!("not from Cobinar: {:?}, expected {flags:?}", result.not_from_cobinar));
    }
    for (header, want) in object(&expect["received_diffs"]) {
        if let Err(problem) = fragment(&want, &format!("received_diffs.{header}")) {
            wrong.push(problem);
            continue;
        }
        let diff = result.checks.iter().find(|c| c.header == header).and_then(|c| c.diff.as_ref());
        let got = diff.map(|d| render(&d.received));
        if got.as_deref() != want.as_str() {
            wrong.push(format!("{header} highlights {got:?}, expected {want}"));
        }
    }
    wrong
}

#[test]
fn verifier_fixtures() {
    let fixtures = common::fixtures("tests/fixtures/verify");
    assert!(fixtures.len() >= 20, "fixtures missing from tests/fixtures/verify");
    let failures: Vec<String> = fixtures
        .iter()
        .flat_map(|(path, case)| check(case).into_iter().map(move |problem| format!("{}: {problem}", path.display())))
        .collect();
    assert!(
        failures.is_empty(),
        "{} problems in {} fixtures:\n{}",
        failures.len(),
        fixtures.len(),
        failures.join("\n")
    );
}
