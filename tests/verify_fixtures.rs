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

fn text<'a>(case: &'a Value, field: &str) -> &'a str {
    case[field].as_str().unwrap_or_default()
}

fn object(value: &Value) -> Map<String, Value> {
    value.as_object().cloned().unwrap_or_default()
}

/// Checks one fixture; returns what disagreed, so that every fixture is reported in one run.
fn check(case: &Value) -> Vec<String> {
    let headers = received_headers::parse(text(case, "headers"));
    let result: Verification = verify(ReceivedDelivery {
        secret: text(case, "secret"),
        body: text(case, "body").as_bytes(),
        headers: &headers,
        now_unix_millis: case["now"].as_i64(),
    });
    let expect = &case["expect"];
    let mut wrong = Vec::new();
    if result.verdict.as_str() != text(expect, "verdict") {
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
        let fragment = fragment.as_str().unwrap_or_default();
        let message = match place.as_str() {
            "summary" => Some(result.summary.as_str()),
            header => result.checks.iter().find(|c| c.header == header).map(|c| c.message.as_str()),
        };
        if !message.is_some_and(|m| m.contains(fragment)) {
            wrong.push(format!("{place} message {message:?} lacks {fragment:?}"));
        }
    }
    for (header, fragment) in object(&expect["notes_contain"]) {
        let fragment = fragment.as_str().unwrap_or_default();
        let notes = result.checks.iter().find(|c| c.header == header).map(|c| c.notes.join(" ")).unwrap_or_default();
        if !notes.contains(fragment) {
            wrong.push(format!("{header} notes {notes:?} lack {fragment:?}"));
        }
    }
    let flags: Vec<&str> =
        expect["not_from_cobinar"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    if result.not_from_cobinar.len() != flags.len()
        || !flags.iter().zip(&result.not_from_cobinar).all(|(want, got)| got.contains(want))
    {
        wrong.push(format!("not from Cobinar: {:?}, expected {flags:?}", result.not_from_cobinar));
    }
    for (header, want) in object(&expect["received_diffs"]) {
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
