//! Every proven stack of `snippets/stacks.json`, started as the file says (its `start` in its
//! `dir`, `PORT=0`, the secret in `COBINAR_WEBHOOK_SECRET`), must pass every case of
//! `webhook-echo check` with no failure and no warning: the receiver code the page shows is held
//! to Cobinar's whole contract, stale deliveries included. `make test-receivers` sets the stacks
//! up first (scripts/setup.sh); a plain `cargo test` skips this.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use std::process::Command;
use std::sync::Mutex;

use serde_json::Value;

mod common;
use common::server::{stack_rows, start_stack, StackRow};

const SECRET: &str = "whsec_stack_proof_7c2d";

/// `webhook-echo check URL --json`: its exit code and each case's (id, outcome, whole case).
fn check(url: &str) -> (Option<i32>, Vec<(String, String, Value)>) {
    let out = Command::new(env!("CARGO_BIN_EXE_webhook-echo"))
        .args(["check", url, "--json"])
        .env("COBINAR_WEBHOOK_SECRET", SECRET)
        .env("NO_COLOR", "1")
        .output()
        .expect("webhook-echo runs");
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    });
    let cases = json["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| {
            (c["id"].as_str().unwrap_or("").to_string(), c["outcome"].as_str().unwrap_or("").to_string(), c.clone())
        })
        .collect();
    (out.status.code(), cases)
}

/// What is wrong with one stack under `check`: nothing, when every case passes.
fn prove(row: &StackRow) -> Vec<String> {
    let server = start_stack(row, SECRET);
    let (code, cases) = check(&server.endpoint.url);
    let mut wrong: Vec<String> = cases
        .iter()
        .filter(|(_, outcome, _)| outcome != "pass")
        .map(|(id, outcome, case)| format!("{}: {id} {outcome}: {case}", row.id))
        .collect();
    if cases.len() < 13 {
        wrong.push(format!("{}: only {} cases", row.id, cases.len()));
    }
    if code != Some(0) {
        wrong.push(format!("{}: exit code {code:?}", row.id));
    }
    if !wrong.is_empty() {
        wrong.push(format!("{} printed:\n  {}", row.id, server.lines().join("\n  ")));
    }
    wrong
}

#[test]
#[ignore = "needs every stack's runtime and receiver set up: make test-receivers"]
fn every_proven_stack_passes_check_with_no_warning() {
    let rows: Vec<StackRow> = stack_rows().into_iter().filter(|row| row.proven).collect();
    assert!(rows.len() >= 15, "{} proven stacks", rows.len());
    let wrong = Mutex::new(Vec::new());
    let next = Mutex::new(rows.iter());
    // Three at a time: each check takes a few seconds (its slow case waits on the answer), and
    // some runtimes take seconds to start.
    std::thread::scope(|scope| {
        for _ in 0..3 {
            scope.spawn(|| loop {
                let Some(row) = next.lock().unwrap().next() else { break };
                let started = std::time::Instant::now();
                let found = prove(row);
                // What each stack took, for `--nocapture`: a runtime's start-up is most of it.
                println!("{}: {} problems, {:.1} s", row.id, found.len(), started.elapsed().as_secs_f64());
                wrong.lock().unwrap().extend(found);
            });
        }
    });
    let wrong = wrong.into_inner().unwrap();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
