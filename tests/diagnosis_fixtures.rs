//! The cause finder over fixture files: `tests/fixtures/diagnosis/*.json`, one mistake a file,
//! each signature made by an independent implementation (CPython's hmac and json, Node's
//! crypto and JSON.stringify) the way the mistake makes it.

mod common;

use serde_json::Value;
use std::collections::BTreeSet;
use webhook_echo::diagnose::diagnosis::diagnose;

fn check(case: &Value) -> Option<String> {
    let text = |field: &str| case[field].as_str().unwrap_or_default();
    let found = diagnose(text("secret"), text("body").as_bytes(), text("signature"));
    let mut got: Vec<&str> = found.iter().map(|d| d.cause.as_str()).collect();
    let mut expected: Vec<&str> = case["causes"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    got.sort_unstable();
    expected.sort_unstable();
    (got != expected).then(|| {
        let said: Vec<&str> = found.iter().map(|d| d.finding.as_str()).collect();
        format!("found {got:?}, expected {expected:?}: {said:?}")
    })
}

#[test]
fn diagnosis_fixtures() {
    let fixtures = common::fixtures("tests/fixtures/diagnosis");
    let causes_covered: BTreeSet<&str> = fixtures
        .iter()
        .flat_map(|(_, case)| case["causes"].as_array().into_iter().flatten().filter_map(Value::as_str))
        .collect();
    let failures: Vec<String> = fixtures
        .iter()
        .filter_map(|(path, case)| check(case).map(|problem| format!("{}: {problem}", path.display())))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} fixtures disagree:\n{}",
        failures.len(),
        fixtures.len(),
        failures.join("\n")
    );
    assert_eq!(causes_covered.len(), 17, "every cause has a fixture: {causes_covered:?}");
}
