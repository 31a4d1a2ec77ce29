use std::path::Path;

use super::*;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `snippets/stacks.json` is the table, written out; `UPDATE_STACKS_JSON=1 cargo test --lib
/// stacks` rewrites it after a row changes.
#[test]
fn stacks_json_is_the_table() {
    let path = root().join("snippets/stacks.json");
    let written = stacks_json();
    if std::env::var_os("UPDATE_STACKS_JSON").is_some() {
        assert!(std::fs::write(&path, &written).is_ok(), "could not write {}", path.display());
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        on_disk, written,
        "snippets/stacks.json differs from the table: UPDATE_STACKS_JSON=1 cargo test --lib stacks"
    );
    let rows: Vec<serde_json::Value> = serde_json::from_str(&on_disk).unwrap_or_default();
    assert_eq!(rows.len(), STACKS.len());
    for (row, stack) in rows.iter().zip(&STACKS) {
        for key in ["id", "language", "framework", "dir", "start", "path", "proven", "files"] {
            assert!(row.get(key).is_some(), "{}: no {key}", stack.id);
        }
        assert_eq!(row["proven"], stack.proven());
        let served: Vec<String> = stack.files.iter().map(|f| f.served_at(stack)).collect();
        let listed: Vec<String> = row["files"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|f| format!("{}/{}.txt", stack.dir, f.as_str().unwrap_or("")))
            .collect();
        assert_eq!(listed, served, "{}: the build copies the files the page fetches", stack.id);
    }
}

#[test]
fn every_stack_is_a_folder_with_its_files_and_a_unique_id() {
    for (index, stack) in STACKS.iter().enumerate() {
        assert!(STACKS[..index].iter().all(|other| other.id != stack.id), "{} twice", stack.id);
        assert!(stack.id.starts_with(&format!("{}-", stack.language.id())), "{}: id names its language", stack.id);
        assert!(root().join(stack.dir).is_dir(), "{}: {} is not a folder", stack.id, stack.dir);
        for file in stack.files {
            let on_disk = std::fs::read_to_string(root().join(stack.dir).join(file.name)).unwrap_or_default();
            assert_eq!(on_disk, file.code, "{}: {} is not the file the page shows", stack.id, file.name);
        }
        assert_eq!(Stack::by_id(stack.id), Some(stack));
        assert_eq!(Choice::from_id(stack.id), Some(Choice::Stack(stack)));
        if let Proof::VerifyRunIn(other) = stack.proof {
            let other = Stack::by_id(other);
            assert!(
                other.is_some_and(|o| o.proven() && o.language == stack.language),
                "{}: its verify function must run in a proven stack of its language",
                stack.id
            );
        }
    }
}

#[test]
fn every_language_has_a_proven_stack_first_and_reads_back_its_id() {
    for language in Language::ALL {
        let first = language.stacks().next();
        assert!(first.is_some_and(Stack::proven), "{language:?}: its first stack is run by make test");
        assert_eq!(Language::from_id(language.id()), Some(language));
        assert_eq!(Choice::from_id(language.id()), Some(Choice::Language(language)));
    }
    assert_eq!(Language::from_id("cobol"), None);
    assert_eq!(Choice::from_id("any"), Some(Choice::Any));
    assert_eq!(Choice::from_id(""), Some(Choice::Any));
    assert_eq!(Choice::from_id("python-flask-ish"), None);
    let ids: Vec<&str> = Choice::ids().collect();
    assert_eq!(ids.len(), 1 + STACKS.len() + Language::ALL.len());
    for id in ids {
        assert_eq!(Choice::from_id(id).map(Choice::id), Some(id), "{id} reads back");
    }
}

/// What every receiver must do, looked for in its text: a constant-time comparison, 401,
/// deduplication by event id, the freshness check on createdAt, no JSON parser before the raw
/// body. That the steps hold, in order, `tests/stacks.rs` proves by running each under `check`.
#[test]
fn every_receiver_names_each_step_it_must_take() {
    const COMPARE: [&str; 8] = [
        "timingsafeequal",
        "compare_digest",
        "hmac.equal",
        "verify_slice",
        "hash_equals",
        "secure_compare",
        "messagedigest.isequal",
        // The unproven stacks call the verify function their language's proven stack runs.
        "webhookverifier.verify",
    ];
    for stack in &STACKS {
        let code: String = stack.files.iter().map(|f| f.code.to_ascii_lowercase()).collect::<Vec<_>>().join("\n");
        assert!(
            COMPARE.iter().any(|f| code.contains(f)) || code.contains("fixedtimeequals"),
            "{}: no constant-time comparison",
            stack.id
        );
        assert!(code.contains("401") || code.contains("unauthorized"), "{}: no 401", stack.id);
        assert!(code.contains("x-cobinar-event-id") && code.contains("duplicate"), "{}: no dedupe", stack.id);
        assert!(code.contains("createdat"), "{}: no freshness check on createdAt", stack.id);
        assert!(!code.contains("express.json("), "{}: parses JSON before verifying", stack.id);
    }
}
