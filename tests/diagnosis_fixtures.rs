//! The cause finder over fixture files: `tests/fixtures/diagnosis/*.json`, one mistake a file,
//! each signature made by an independent implementation (CPython's hmac and json, Node's
//! crypto and JSON.stringify) the way the mistake makes it.
// A fixture that cannot be read should fail the test, loudly.
#![allow(clippy::panic)]

use serde_json::Value;
use std::path::Path;
use webhook_echo::diagnosis::diagnose;

fn check(case: &Value) -> Option<String> {
    let text = |field: &str| case[field].as_str().unwrap_or_default();
    let found = diagnose(text("secret"), text("body").as_bytes(), text("signature"));
    let mut got: Vec<&str> = found.iter().map(|d| d.cause.as_str()).collect();
    let mut expected: Vec<&str> = case["causes"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    got.sort_unstable();
    expected.sort_unstable();
    if let Some(empty) = found.iter().find(|d| d.finding.is_empty() || d.fix.is_empty()) {
        return Some(format!("{} says nothing", empty.cause.as_str()));
    }
    (got != expected).then(|| {
        let said: Vec<&str> = found.iter().map(|d| d.finding.as_str()).collect();
        format!("found {got:?}, expected {expected:?}: {said:?}")
    })
}

#[test]
fn diagnosis_fixtures() {
    let dir = Path::new("tests/fixtures/diagnosis");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    let mut causes_covered = std::collections::BTreeSet::new();
    let mut failures = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let case: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        causes_covered
            .extend(case["causes"].as_array().into_iter().flatten().filter_map(Value::as_str).map(String::from));
        if let Some(problem) = check(&case) {
            failures.push(format!("{}: {problem}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{} of {} fixtures disagree:\n{}", failures.len(), paths.len(), failures.join("\n"));
    assert_eq!(causes_covered.len(), 12, "every cause has a fixture: {causes_covered:?}");
}
