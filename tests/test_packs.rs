//! The receiver test packs, proven in each language's own test runner.
//!
//! Each pack is written to a directory under `target/test-packs/` and run against: a correct
//! verify function (every case passes), each broken one under `tests/packs/<language>/` (the run
//! fails, and among its failures is the case named on the file's `expect-failure:` line, with its
//! message), and the receiver snippet's own verify function (every case passes). The PHP, Ruby,
//! Java and C# packs are run by the very command their header gives (`Language::run_command`),
//! once a subject, in a directory holding the pack and the subject saved under the name that
//! command expects. Ignored by a plain `cargo test`: it needs Node, the snippets' Python virtual
//! environment, Go, the Rust snippet's dependencies built, PHP 8, Ruby, a JDK and Mono, which
//! `make test-receivers` provides (scripts/setup.sh). The languages run side by side.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::{Command, Output};

use webhook_echo::echo::test_pack::{build, vectors, Language, TestPack, PACK_ENTROPY_LEN};

const NOW: i64 = 1_783_088_530_000;
/// The snippets read their secret at start; importing one for its verify function needs it set.
const SNIPPET_SECRET: &str = "whsec_not_used_by_the_pack";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn entropy() -> [u8; PACK_ENTROPY_LEN] {
    std::array::from_fn(|i| (i as u8).wrapping_mul(151).wrapping_add(29))
}

fn case_names() -> BTreeSet<String> {
    vectors(Language::Node, NOW, &entropy()).cases.into_iter().map(|case| case.name).collect()
}

/// A verify function the pack is run against: `must_fail` are the cases a broken one must fail
/// on (its file's `expect-failure:` line); none for the correct one and the snippet's.
#[derive(Debug, Clone)]
struct Subject {
    name: String,
    path: PathBuf,
    must_fail: Vec<String>,
}

fn subjects(language: Language) -> Vec<Subject> {
    let dir = root().join("tests/packs").join(language.id());
    let mut found: Vec<Subject> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("read an implementation");
            let must_fail = text
                .lines()
                .find_map(|line| line.split_once("expect-failure: ").map(|(_, rest)| rest.to_string()))
                .map(|rest| rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect::<String>());
            let name = path.file_stem().unwrap().to_string_lossy().replace('-', "_");
            assert!(
                must_fail.is_some() || name == "correct",
                "{}: a broken implementation names the case it must fail with an expect-failure: line",
                path.display()
            );
            Subject { name, path, must_fail: must_fail.into_iter().collect() }
        })
        .collect();
    found.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(found.iter().any(|s| s.name == "correct") && found.len() >= 8, "{}: {found:?}", dir.display());
    found
}

/// What one run of a pack said: the cases that passed and failed, and everything it printed.
#[derive(Debug, Default)]
struct Outcome {
    passed: BTreeSet<String>,
    failed: BTreeSet<String>,
    output: String,
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

fn run(command: &mut Command) -> Output {
    command.output().unwrap_or_else(|e| panic!("could not run {command:?}: {e}"))
}

fn fresh_dir(name: &str) -> PathBuf {
    let dir = root().join("target/test-packs").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("make the pack's directory");
    dir
}

/// Checks one outcome against what its subject must do; returns what went wrong.
fn judge(language: Language, subject: &Subject, outcome: &Outcome, all: &BTreeSet<String>) -> Vec<String> {
    let who = format!("{} pack against {}", language.id(), subject.path.display());
    let mut wrong = Vec::new();
    let seen: BTreeSet<String> = outcome.passed.union(&outcome.failed).cloned().collect();
    if &seen != all {
        wrong.push(format!("{who}: ran {seen:?}, expected every case {all:?}\n{}", outcome.output));
        return wrong;
    }
    if subject.must_fail.is_empty() && !outcome.failed.is_empty() {
        wrong.push(format!("{who}: should pass, failed {:?}\n{}", outcome.failed, outcome.output));
    }
    for case in &subject.must_fail {
        if !outcome.failed.contains(case) {
            wrong.push(format!("{who}: should fail {case}, failed {:?}\n{}", outcome.failed, outcome.output));
            continue;
        }
        // The failing case says what the mistake is and how to fix it.
        let message = format!("{case}: your function ");
        if !outcome.output.contains(&message) || !outcome.output.contains("Fix: ") {
            wrong.push(format!("{who}: the failure of {case} does not explain itself\n{}", outcome.output));
        }
    }
    wrong
}

/// One run of one language's pack: its file, the verify functions it is run against, the folder
/// under `target/test-packs/` it runs in, and every case it must run.
struct Proof<'a> {
    pack: &'a TestPack,
    subjects: Vec<Subject>,
    dir: String,
    all: &'a BTreeSet<String>,
}

impl Proof<'_> {
    /// A fresh folder for `name` under this proof's.
    fn fresh(&self, name: &str) -> PathBuf {
        fresh_dir(&format!("{}/{name}", self.dir))
    }
}

/// The receiver snippet's own verify function for `language`.
fn snippet(language: Language) -> Subject {
    let path = match language {
        Language::Node => "snippets/node/server.js",
        Language::Python => "snippets/python/server.py",
        Language::Go => "snippets/go/main.go",
        Language::Rust => "snippets/rust/src/main.rs",
        Language::Php => "snippets/php/verify.php",
        Language::Ruby => "snippets/ruby/verify.rb",
        Language::Java => "snippets/java/WebhookVerifier.java",
        Language::Csharp => "snippets/csharp/WebhookVerifier.cs",
    };
    Subject { name: "snippet".into(), path: root().join(path), must_fail: Vec::new() }
}

fn node_outcome(output: &Output) -> Outcome {
    let output = text(output);
    let mut outcome = Outcome::default();
    for line in output.lines() {
        let (ok, rest) = match line.strip_prefix("not ok ") {
            Some(rest) => (false, rest),
            None => match line.strip_prefix("ok ") {
                Some(rest) => (true, rest),
                None => continue,
            },
        };
        if let Some((_, name)) = rest.split_once(" - ") {
            let set = if ok { &mut outcome.passed } else { &mut outcome.failed };
            set.insert(name.trim().to_string());
        }
    }
    outcome.output = output;
    outcome
}

fn prove_node(proof: &Proof<'_>) -> Vec<String> {
    let (pack, all) = (proof.pack, proof.all);
    let dir = fresh_dir(&proof.dir);
    std::fs::write(dir.join(pack.file_name), &pack.text).expect("write the pack");
    let mut wrong = Vec::new();
    for subject in &proof.subjects {
        let output = run(Command::new("node")
            .args(["--test", "--test-reporter=tap", pack.file_name])
            .current_dir(&dir)
            .env("VERIFY_MODULE", &subject.path)
            .env("COBINAR_WEBHOOK_SECRET", SNIPPET_SECRET));
        let outcome = node_outcome(&output);
        assert_eq!(
            output.status.success(),
            outcome.failed.is_empty() && !outcome.passed.is_empty(),
            "{}",
            outcome.output
        );
        wrong.extend(judge(Language::Node, subject, &outcome, all));
    }
    wrong
}

fn python_outcome(output: &Output) -> Outcome {
    let output = text(output);
    let mut outcome = Outcome::default();
    // `-v` prints "test_rejects_x (module.Class.test_rejects_x) ... ok" (or FAIL, ERROR).
    for line in output.lines() {
        let Some(rest) = line.strip_prefix("test_") else { continue };
        let (Some((method, _)), Some((_, verdict))) = (rest.split_once(' '), rest.rsplit_once(" ... ")) else {
            continue;
        };
        let name = method.replace('_', "-");
        let set = if verdict.trim() == "ok" { &mut outcome.passed } else { &mut outcome.failed };
        set.insert(name);
    }
    outcome.output = output;
    outcome
}

fn prove_python(proof: &Proof<'_>) -> Vec<String> {
    let (pack, all) = (proof.pack, proof.all);
    let python = root().join("target/receivers/venv/bin/python");
    assert!(python.exists(), "{} is missing; run make test-receivers", python.display());
    let dir = fresh_dir(&proof.dir);
    std::fs::write(dir.join(pack.file_name), &pack.text).expect("write the pack");
    let mut wrong = Vec::new();
    for subject in &proof.subjects {
        let module = subject.path.file_stem().unwrap().to_string_lossy().to_string();
        let output = run(Command::new(&python)
            .args(["-m", "unittest", "-v", "test_cobinar_webhook"])
            .current_dir(&dir)
            .env("PYTHONPATH", subject.path.parent().unwrap())
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .env("VERIFY_MODULE", &module)
            .env("COBINAR_WEBHOOK_SECRET", SNIPPET_SECRET));
        let outcome = python_outcome(&output);
        assert_eq!(
            output.status.success(),
            outcome.failed.is_empty() && !outcome.passed.is_empty(),
            "{}",
            outcome.output
        );
        wrong.extend(judge(Language::Python, subject, &outcome, all));
    }
    wrong
}

/// `go test -json` over one module holding a package per subject: one run, compiled in parallel.
fn prove_go(proof: &Proof<'_>) -> Vec<String> {
    let (pack, all, subjects) = (proof.pack, proof.all, &proof.subjects);
    let dir = fresh_dir(&proof.dir);
    let package_line = pack.text.lines().find(|line| line.starts_with("package main")).expect("the package line");
    std::fs::write(dir.join("go.mod"), "module packs\n\ngo 1.19\n").expect("go.mod");
    for subject in subjects {
        let package = dir.join(&subject.name);
        std::fs::create_dir_all(&package).expect("a package directory");
        std::fs::copy(&subject.path, package.join(subject.path.file_name().unwrap())).expect("copy the subject");
        // What a reader does: the pack's package line set to the package it joins.
        let text = if subject.name == "snippet" {
            pack.text.clone()
        } else {
            pack.text.replacen(package_line, "package verify", 1)
        };
        std::fs::write(package.join(pack.file_name), text).expect("write the pack");
    }
    let output = run(Command::new("go").args(["test", "-json", "./..."]).current_dir(&dir));
    let mut outcomes: std::collections::HashMap<String, Outcome> = std::collections::HashMap::new();
    let mut everything = String::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(event) = serde_json::from_str::<serde_json::Value>(line) else {
            everything.push_str(line);
            everything.push('\n');
            continue;
        };
        let package = event["Package"].as_str().unwrap_or_default().trim_start_matches("packs/").to_string();
        let outcome = outcomes.entry(package).or_default();
        if let Some(printed) = event["Output"].as_str() {
            outcome.output.push_str(printed);
        }
        let case = event["Test"].as_str().and_then(|t| t.strip_prefix("TestCobinarWebhook/"));
        match (event["Action"].as_str(), case) {
            (Some("pass"), Some(case)) => drop(outcome.passed.insert(case.to_string())),
            (Some("fail"), Some(case)) => drop(outcome.failed.insert(case.to_string())),
            _ => {}
        }
    }
    let mut wrong = Vec::new();
    for subject in subjects {
        match outcomes.get(&subject.name) {
            Some(outcome) => wrong.extend(judge(Language::Go, subject, outcome, all)),
            None => wrong.push(format!(
                "go: no result for {}\n{everything}{}",
                subject.name,
                String::from_utf8_lossy(&output.stderr)
            )),
        }
    }
    wrong
}

/// One crate that holds every subject as a module and the pack once per subject, its `use` line
/// set to that subject: one compile, in release, against the dependencies the Rust snippet's
/// build (`target/receivers/rust`) already compiled.
fn prove_rust(proof: &Proof<'_>) -> Vec<String> {
    let (pack, all, subjects) = (proof.pack, proof.all, &proof.subjects);
    let snippet = root().join("snippets/rust");
    let dir = fresh_dir(&proof.dir);
    std::fs::create_dir_all(dir.join("src")).expect("src");
    let manifest = std::fs::read_to_string(snippet.join("Cargo.toml")).expect("the snippet's Cargo.toml");
    let manifest = manifest.replace("name = \"cobinar-receiver\"", "name = \"cobinar-test-packs\"");
    assert!(manifest.contains("cobinar-test-packs") && manifest.contains("[workspace]"), "{manifest}");
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("Cargo.toml");
    std::fs::copy(snippet.join("Cargo.lock"), dir.join("Cargo.lock")).expect("Cargo.lock");
    // What a reader does: the one line of code that says where the function is.
    let use_line = "\nuse your_crate::verify_webhook;\n";
    assert!(pack.text.contains(use_line), "the Rust pack's use line");
    let mut lib = String::from("#![allow(dead_code, unused_imports)]\n");
    for subject in subjects {
        lib.push_str(&format!(
            "#[path = {:?}]\npub mod {};\n#[cfg(test)]\nmod pack_{};\n",
            subject.path.display().to_string(),
            subject.name,
            subject.name
        ));
        let text = pack.text.replacen(use_line, &format!("\nuse crate::{}::verify_webhook;\n", subject.name), 1);
        std::fs::write(dir.join(format!("src/pack_{}.rs", subject.name)), text).expect("write the pack");
    }
    std::fs::write(dir.join("src/lib.rs"), lib).expect("lib.rs");
    let output = run(Command::new("cargo")
        .args(["test", "--release", "--offline", "--lib", "--", "--test-threads=2"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", root().join("target/receivers/rust"))
        .env_remove("RUSTFLAGS"));
    let printed = text(&output);
    let mut wrong = Vec::new();
    for subject in subjects {
        let prefix = format!("test pack_{}::", subject.name);
        let mut outcome = Outcome { output: printed.clone(), ..Outcome::default() };
        for line in printed.lines() {
            let Some((test, verdict)) = line.strip_prefix(&prefix).and_then(|rest| rest.split_once(" ... ")) else {
                continue;
            };
            let set = if verdict.trim() == "ok" { &mut outcome.passed } else { &mut outcome.failed };
            set.insert(test.replace('_', "-"));
        }
        wrong.extend(judge(Language::Rust, subject, &outcome, all));
    }
    wrong
}

/// The packs' own TAP lines (PHP, Java, C#: `ok 3 - name`, `not ok 4 - name`), read as Node's.
fn tap_outcome(output: &Output) -> Outcome {
    node_outcome(output)
}

/// minitest's `-v` lines: `CobinarWebhookTest#test_accepts_x = 0.00 s = .` (or `F`, `E`).
fn ruby_outcome(output: &Output) -> Outcome {
    let output = text(output);
    let mut outcome = Outcome::default();
    for line in output.lines() {
        let Some(rest) = line.strip_prefix("CobinarWebhookTest#test_") else { continue };
        let (Some((method, _)), Some((_, verdict))) = (rest.split_once(' '), rest.rsplit_once(" = ")) else {
            continue;
        };
        let set = if verdict.trim() == "." { &mut outcome.passed } else { &mut outcome.failed };
        set.insert(method.replace('_', "-"));
    }
    outcome.output = output;
    outcome
}

/// How a pack is proven by its header's own command: the name the subject is saved under, what
/// the command gets appended, and how its output reads.
struct ByCommand {
    language: Language,
    save_as: &'static str,
    extra_arguments: &'static str,
    outcome: fn(&Output) -> Outcome,
}

/// Runs `language.run_command()` through sh, once a subject, each in a directory of its own that
/// holds the pack and the subject saved as `save_as`: what a reader does.
fn prove_by_command(how: &ByCommand, proof: &Proof<'_>) -> Vec<String> {
    let (pack, all) = (proof.pack, proof.all);
    let language = how.language;
    let _ = std::fs::remove_dir_all(root().join("target/test-packs").join(&proof.dir));
    let command = format!("{}{}", language.run_command(), how.extra_arguments);
    let mut wrong = Vec::new();
    for subject in &proof.subjects {
        let dir = proof.fresh(&subject.name);
        std::fs::write(dir.join(pack.file_name), &pack.text).expect("write the pack");
        if !subject.path.exists() {
            wrong.push(format!("{}: {} is missing", language.id(), subject.path.display()));
            continue;
        }
        std::fs::copy(&subject.path, dir.join(how.save_as)).expect("copy the subject");
        let output = run(Command::new("sh")
            .args(["-c", &command])
            .current_dir(&dir)
            .env("COBINAR_WEBHOOK_SECRET", SNIPPET_SECRET));
        let outcome = (how.outcome)(&output);
        if output.status.success() != (outcome.failed.is_empty() && !outcome.passed.is_empty()) {
            wrong.push(format!(
                "{} against {}: exit {:?} with {} passed, {} failed\n{}",
                language.id(),
                subject.path.display(),
                output.status.code(),
                outcome.passed.len(),
                outcome.failed.len(),
                outcome.output
            ));
        }
        wrong.extend(judge(language, subject, &outcome, all));
    }
    wrong
}

const PHP: ByCommand =
    ByCommand { language: Language::Php, save_as: "verify.php", extra_arguments: "", outcome: tap_outcome };
const RUBY: ByCommand = ByCommand {
    language: Language::Ruby,
    save_as: "verify.rb",
    // Every case by name, passed or failed.
    extra_arguments: " -v",
    outcome: ruby_outcome,
};
const JAVA: ByCommand =
    ByCommand { language: Language::Java, save_as: "WebhookVerifier.java", extra_arguments: "", outcome: tap_outcome };
const CSHARP: ByCommand =
    ByCommand { language: Language::Csharp, save_as: "WebhookVerifier.cs", extra_arguments: "", outcome: tap_outcome };

/// One language's pack, in its own runner.
fn prove_in(language: Language, proof: &Proof<'_>) -> Vec<String> {
    match language {
        Language::Node => prove_node(proof),
        Language::Python => prove_python(proof),
        Language::Go => prove_go(proof),
        Language::Rust => prove_rust(proof),
        Language::Php => prove_by_command(&PHP, proof),
        Language::Ruby => prove_by_command(&RUBY, proof),
        Language::Java => prove_by_command(&JAVA, proof),
        Language::Csharp => prove_by_command(&CSHARP, proof),
    }
}

/// The built-in pack of `language` against its correct function, every broken one and the
/// snippet's.
fn prove(language: Language, all: &BTreeSet<String>) -> Vec<String> {
    let pack = build(language, NOW, &entropy());
    let mut subjects = subjects(language);
    subjects.push(snippet(language));
    prove_in(language, &Proof { pack: &pack, subjects, dir: language.id().to_string(), all })
}

#[test]
#[ignore = "needs Node, Python, Go, the Rust snippet's dependencies built, PHP, Ruby, a JDK and Mono: make test-receivers"]
fn each_pack_passes_correct_functions_and_names_each_broken_ones_mistake() {
    let all = case_names();
    let wrong: Vec<String> = std::thread::scope(|scope| {
        let running: Vec<_> = Language::ALL
            .into_iter()
            .map(|language| {
                let all = &all;
                let handle = scope.spawn(move || {
                    let started = std::time::Instant::now();
                    let wrong = prove(language, all);
                    (wrong, started.elapsed())
                });
                (language, handle)
            })
            .collect();
        running
            .into_iter()
            .flat_map(|(language, handle)| {
                let (wrong, took) = handle.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
                eprintln!("the {} pack, proven in {took:.1?}", language.id());
                wrong
            })
            .collect()
    });
    assert!(wrong.is_empty(), "{} failures:\n{}", wrong.len(), wrong.join("\n\n"));
}

/// Every broken function names a case the pack has, and every language has its folder of them.
#[test]
fn every_broken_function_names_a_case_of_the_pack() {
    let all = case_names();
    for language in Language::ALL {
        for subject in subjects(language) {
            for case in &subject.must_fail {
                assert!(all.contains(case), "{}: no case {case}", subject.path.display());
            }
        }
    }
}

/// Nothing a pack holds came from anything but its own test secret: the entropy.
#[test]
fn a_pack_is_made_from_its_entropy_alone() {
    for language in Language::ALL {
        assert_eq!(build(language, NOW, &entropy()), build(language, NOW, &entropy()));
        let mut other = entropy();
        other[0] ^= 1;
        assert_ne!(build(language, NOW, &entropy()).text, build(language, NOW, &other).text);
    }
}

// Packs made by `webhook-echo pack` with a team's fixtures.

const BIN: &str = env!("CARGO_BIN_EXE_webhook-echo");
/// The secret the team's fixtures were made under: never the pack's.
const TEAM_SECRET: &str = "whsec_the_teams_production_secret";
/// A note and a file name that break out of a comment or a string literal in one language or
/// another, were they written as they are.
const HOSTILE_NOTE: &str = "*/ /* \"\"\"\"\" ''' \\\" \\u000a \\ ${process.exit(1)} #{exit 1} `exit 1` ?> <?php -*- frozen_string_literal: true -*-\n# injected\r\n\0 \u{2028}\u{202e}\u{feff} end";
const HOSTILE_FILE: &str = "genuine \"\"\"?>*\\${x}#{y}`z` -*- a: b -*-\n.json";

/// `webhook-echo` with no secret from the environment and no colour.
fn pack_command(args: &[&str]) -> Command {
    let mut command = Command::new(BIN);
    command.args(args).env_remove("COBINAR_WEBHOOK_SECRET").env("NO_COLOR", "1").stdin(std::process::Stdio::null());
    command
}

/// A library of four fixtures, made as `fixture new` makes them (a fresh delivery signed with the
/// team's secret): a genuine one to accept (with a hostile note and file name), one with its body
/// tampered with, one with a trailing newline, and a stale one, which the pack leaves out. The
/// fixture case names of the three that are cases.
fn fixture_library(dir: &std::path::Path) -> Vec<&'static str> {
    use webhook_echo::echo::delivery::{generate, ENTROPY_LEN};
    use webhook_echo::protocol::events::Event;
    use webhook_echo::share::fixture::{CaseFields, Fixture, SecretChoice, Tamper, Work};
    std::fs::create_dir_all(dir).expect("the library's folder");
    let files = [
        (HOSTILE_FILE, Event::OtpVerified, None, HOSTILE_NOTE),
        ("tampered.json", Event::OtpVerified, Some(Tamper::TamperedBody), HOSTILE_NOTE),
        ("trailing-newline.json", Event::OtpFailed, Some(Tamper::TrailingNewline), "a proxy added a line break"),
        ("stale.json", Event::OtpCreated, Some(Tamper::StaleDelivery), ""),
    ];
    for (seed, (file, event, tamper, note)) in files.into_iter().enumerate() {
        let signed = generate(event, NOW - 3_600_000, &[seed as u8 + 1; ENTROPY_LEN]).signed(TEAM_SECRET);
        let headers = signed.header_lines();
        let work = Work { body: signed.body.as_bytes(), headers: &headers, event: Some(event), note };
        let fixture = Fixture {
            case: CaseFields { expect: None, tamper },
            ..Fixture::of(work, TEAM_SECRET, SecretChoice::LeaveOut)
        };
        std::fs::write(dir.join(file), format!("{}\n", fixture.to_pretty_json())).expect("write a fixture");
    }
    vec!["fixture-genuine-x-y-z-a-b", "fixture-tampered", "fixture-trailing-newline"]
}

/// A verify function that accepts anything, in `language`, saved under `dir`.
fn accepts_anything(language: Language, dir: &std::path::Path) -> PathBuf {
    let (file, code) = match language {
        Language::Node => ("accepts_anything.js", "module.exports = { verifyWebhook: () => true };\n"),
        Language::Python => ("accepts_anything.py", "def verify_webhook(raw_body, signature_header, secret):\n    return True\n"),
        Language::Go => (
            "accepts_anything.go",
            "package verify\n\nfunc VerifyWebhook(body []byte, header string, secret string) bool {\n\treturn true\n}\n",
        ),
        Language::Rust => (
            "accepts_anything.rs",
            "pub fn verify_webhook(_body: &[u8], _header: Option<&str>, _secret: &str) -> bool {\n    true\n}\n",
        ),
        Language::Php => (
            "accepts_anything.php",
            "<?php\nfunction verify_webhook(string $rawBody, ?string $signatureHeader, string $secret): bool\n{\n    return true;\n}\n",
        ),
        Language::Ruby => ("accepts_anything.rb", "def verify_webhook(raw_body, signature_header, secret)\n  true\nend\n"),
        Language::Java => (
            "AcceptsAnything.java",
            "public class WebhookVerifier {\n    public static boolean verify(byte[] rawBody, String signatureHeader, String secret) {\n        return true;\n    }\n}\n",
        ),
        Language::Csharp => (
            "AcceptsAnything.cs",
            "public static class WebhookVerifier\n{\n    public static bool Verify(byte[] rawBody, string signatureHeader, string secret)\n    {\n        return true;\n    }\n}\n",
        ),
    };
    std::fs::create_dir_all(dir).expect("the subject's folder");
    let path = dir.join(file);
    std::fs::write(&path, code).expect("write the subject");
    path
}

/// `webhook-echo pack LANG --fixtures DIR --out FILE` for every language; each pack holds the
/// built-in cases and one per usable fixture, passes against the language's correct function
/// and fails against one that accepts anything, on the fixtures it must reject too.
#[test]
#[ignore = "needs Node, Python, Go, the Rust snippet's dependencies built, PHP, Ruby, a JDK and Mono: make test-receivers"]
fn packs_made_by_the_command_carry_the_fixtures_and_pass_correct_functions() {
    let base = fresh_dir("fixtures");
    let library = base.join("library");
    let fixture_cases = fixture_library(&library);
    let mut all = case_names();
    all.extend(fixture_cases.iter().map(|name| name.to_string()));
    let wrong: Vec<String> = std::thread::scope(|scope| {
        let running: Vec<_> = Language::ALL
            .into_iter()
            .map(|language| {
                let (all, library, base) = (&all, &library, &base);
                scope.spawn(move || {
                    let id = language.id();
                    let out = base.join("made").join(id).join(language.file_name());
                    std::fs::create_dir_all(out.parent().unwrap()).expect("the pack's folder");
                    let made = run(&mut pack_command(&[
                        "pack",
                        id,
                        "--fixtures",
                        library.to_str().unwrap(),
                        "--out",
                        out.to_str().unwrap(),
                    ]));
                    let said = text(&made);
                    assert_eq!(made.status.code(), Some(0), "{id}: {said}");
                    assert!(said.contains(&format!("wrote {}", out.display())), "{id}: {said}");
                    assert!(said.contains(&format!("{} from fixtures", 3)), "{id}: {said}");
                    assert!(said.contains("left out stale.json: its tamper is stale-delivery"), "{id}: {said}");
                    let text = std::fs::read_to_string(&out).expect("read the pack");
                    assert!(text.contains("\"stale.json\": its tamper is stale-delivery"), "{id}: the pack names it");
                    assert!(!text.contains(TEAM_SECRET), "{id}");
                    let pack = TestPack { language, file_name: language.file_name(), text };
                    let correct = subjects(language).into_iter().find(|s| s.name == "correct").expect("correct");
                    let broken = Subject {
                        name: "accepts_anything".into(),
                        path: accepts_anything(language, &base.join("subjects").join(id)),
                        must_fail: vec!["fixture-tampered".into(), "fixture-trailing-newline".into()],
                    };
                    let proof =
                        Proof { pack: &pack, subjects: vec![correct, broken], dir: format!("fixtures/run/{id}"), all };
                    prove_in(language, &proof)
                })
            })
            .collect();
        running.into_iter().flat_map(|handle| handle.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    assert!(wrong.is_empty(), "{} failures:\n{}", wrong.len(), wrong.join("\n\n"));
}

/// The command writes a new file only: never over another, nothing when a fixture cannot be read
/// (exit 2, naming it and why), the pack's own name in the current folder by default.
#[test]
fn the_pack_command_writes_a_new_file_and_refuses_unreadable_fixtures() {
    let base = fresh_dir("command");
    let library = base.join("library");
    let fixture_cases = fixture_library(&library);
    let library = library.to_str().unwrap().to_string();
    let out = base.join("pack.py");
    let out_arg = out.to_str().unwrap().to_string();
    let made = run(&mut pack_command(&["pack", "python", "--fixtures", &library, "--out", &out_arg]));
    let said = text(&made);
    assert_eq!(made.status.code(), Some(0), "{said}");
    let cases = vectors(Language::Python, NOW, &entropy()).cases.len() + fixture_cases.len();
    assert!(said.contains(&format!("({} pack: {cases} cases, 3 from fixtures)", Language::Python.label())), "{said}");
    assert!(said.contains("left out stale.json:") && said.contains("webhook-echo replay"), "{said}");
    // The file name is shown with its line break as a token, never raw.
    assert!(!said.contains("-*-\n"), "{said}");
    let written = std::fs::read_to_string(&out).expect("the pack");
    for name in &fixture_cases {
        assert!(written.contains(&format!("def test_{}(self)", name.replace('-', "_"))), "{name}");
    }

    let again = run(&mut pack_command(&["pack", "python", "--fixtures", &library, "--out", &out_arg]));
    assert_eq!(again.status.code(), Some(2), "{}", text(&again));
    assert!(text(&again).contains("exists: webhook-echo never overwrites a file"), "{}", text(&again));
    assert_eq!(std::fs::read_to_string(&out).expect("the pack"), written, "left as it was");

    let here = base.join("here");
    std::fs::create_dir_all(&here).expect("a folder");
    let default = run(pack_command(&["pack", "go"]).current_dir(&here));
    assert_eq!(default.status.code(), Some(0), "{}", text(&default));
    assert!(text(&default).contains("0 from fixtures"), "{}", text(&default));
    assert!(here.join(Language::Go.file_name()).is_file());

    std::fs::write(base.join("library/broken.json"), "{\"webhookEchoFixture\": 1, \"body\": ").expect("write");
    let other = base.join("other.py");
    let refused = run(&mut pack_command(&["pack", "python", "--fixtures", &library, "--out", other.to_str().unwrap()]));
    let said = text(&refused);
    assert_eq!(refused.status.code(), Some(2), "{said}");
    assert!(said.contains("broken.json") && said.contains("No pack was written."), "{said}");
    assert!(!other.exists(), "nothing written");

    let missing = run(&mut pack_command(&["pack", "ruby", "--fixtures", "/nonexistent/fixtures", "--out", &out_arg]));
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing).contains("/nonexistent/fixtures"), "{}", text(&missing));
    let cobol = run(pack_command(&["pack", "cobol"]).current_dir(&here));
    assert_eq!(cobol.status.code(), Some(2), "{}", text(&cobol));
}
