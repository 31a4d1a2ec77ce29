//! The cause finder over fixture files: `tests/fixtures/diagnosis/*.json`, one mistake a file,
//! each signature made by an independent implementation (CPython's hmac, json and str(), Node's
//! crypto and JSON.stringify, Go's fmt) the way the mistake makes it. A fixture with a `server`
//! value also holds what the receiver's server computed, checked with `diagnose_server`.

mod common;

use serde_json::Value;
use std::collections::BTreeSet;
use webhook_echo::diagnose::diagnosis::{diagnose, Cause};
use webhook_echo::diagnose::server_signature::diagnose_server;
use webhook_echo::verify::received_headers::ReceivedHeaders;

fn names(list: &Value) -> Vec<&str> {
    let mut names: Vec<&str> = list.as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    names.sort_unstable();
    names
}

fn check(case: &Value) -> Option<String> {
    let text = |field: &str| case[field].as_str().unwrap_or_default();
    let found = diagnose(text("secret"), text("body").as_bytes(), text("signature"));
    let mut got: Vec<&str> = found.iter().map(|d| d.cause.as_str()).collect();
    got.sort_unstable();
    let expected = names(&case["causes"]);
    if got != expected {
        let said: Vec<&str> = found.iter().map(|d| d.finding.as_str()).collect();
        return Some(format!("found {got:?}, expected {expected:?}: {said:?}"));
    }
    let server = case["server"].as_str()?;
    let mut pairs = vec![("x-cobinar-signature".to_string(), text("signature").to_string())];
    for (name, value) in case["headers"].as_object().into_iter().flatten() {
        pairs.push((name.clone(), value.as_str().unwrap_or_default().to_string()));
    }
    let headers = ReceivedHeaders::from_pairs(pairs);
    let Some(said) = diagnose_server(text("secret"), text("body").as_bytes(), &headers, server) else {
        return Some("the server's value was taken as blank".into());
    };
    let mut got: Vec<&str> = said.causes.iter().map(|d| d.cause.as_str()).collect();
    got.sort_unstable();
    let expected = (text("serverOutcome"), names(&case["serverCauses"]));
    (said.outcome.as_str() != expected.0 || got != expected.1)
        .then(|| format!("server: {} {got:?}, expected {expected:?}: {said:?}", said.outcome.as_str()))
}

#[test]
fn diagnosis_fixtures() {
    let fixtures = common::fixtures("tests/fixtures/diagnosis");
    let causes_covered: BTreeSet<&str> = fixtures
        .iter()
        .flat_map(|(_, case)| {
            [&case["causes"], &case["serverCauses"]]
                .into_iter()
                .flat_map(|list| list.as_array().into_iter().flatten().filter_map(Value::as_str))
        })
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
    assert_eq!(causes_covered.len(), Cause::ALL.len(), "every cause has a fixture: {causes_covered:?}");
    let readme = std::fs::read_to_string("README.md").unwrap_or_default();
    let without_row: Vec<&&str> = causes_covered.iter().filter(|c| !readme.contains(&format!("| `{c}` |"))).collect();
    assert!(without_row.is_empty(), "causes without a row in the README's cause table: {without_row:?}");
    let outcomes: BTreeSet<&str> = fixtures.iter().filter_map(|(_, case)| case["serverOutcome"].as_str()).collect();
    assert_eq!(outcomes, BTreeSet::from(["correct", "explained", "same-as-received"]));
}
