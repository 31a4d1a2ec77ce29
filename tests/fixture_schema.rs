//! `schema/fixture.schema.json`, the JSON Schema of the fixture file, held to the code on both
//! sides: every fixture webhook-echo writes is valid under it (`Fixture::to_json` and
//! `to_pretty_json` over a generated set, the fixture files and share links kept in the
//! repository, the files `webhook-echo fixture new` writes), and it agrees with the reader
//! (`share/fixture/reader.rs`), which is the authority on what a fixture may be: a document the
//! reader refuses is invalid, one it reads is valid. What the schema cannot say (byte lengths,
//! a field given twice, `1.0` for `1`) is listed apart, as the reader refusing what the schema
//! lets through.
// Native only: the validator is a native dev-dependency, and the command does not exist on wasm32.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use jsonschema::Validator;
use serde_json::{json, Map, Value};
use webhook_echo::echo::example::{example_delivery, EXAMPLE_BODY};
use webhook_echo::protocol::base64;
use webhook_echo::protocol::events::Event;
use webhook_echo::protocol::limits::{MAX_HEADERS_BYTES, MAX_NOTE_CHARS, MAX_SECRET_BYTES};
use webhook_echo::share::fixture::{CaseFields, Expect, Fixture, SecretChoice, SharedSecret, Tamper, Work, VERSION};
use webhook_echo::share::fixture_link;
use webhook_echo::share::provenance::Provenance;
use webhook_echo::share::saved_work::SavedWork;
use webhook_echo::share::secret_box::{
    self, SealedSecret, ITERATIONS, KEY_LEN, MAX_CIPHERTEXT_CHARS, MAX_NONCE_CHARS, MAX_SALT_CHARS, MAX_SCHEME_BYTES,
    NONCE_LEN, SALT_LEN,
};
use webhook_echo::verify::fingerprint::fingerprint;

const SCHEMA_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/fixture.schema.json");
const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";
const BIN: &str = env!("CARGO_BIN_EXE_webhook-echo");
const SECRET: &str = "whsec_schema_proof_41c7";

/// The file's fields, in the order the writer writes them (`FixtureFile`, and the reader's
/// `FIELDS`), and a sealed secret's.
const FIELDS: [&str; 11] = [
    "webhookEchoFixture",
    "body",
    "bodyBase64",
    "headers",
    "event",
    "note",
    "secretFingerprint",
    "secret",
    "sealedSecret",
    "expect",
    "tamper",
];
const BOX_FIELDS: [&str; 5] = ["scheme", "iterations", "salt", "nonce", "ciphertext"];

fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let text = std::fs::read_to_string(SCHEMA_PATH).unwrap_or_else(|e| panic!("{SCHEMA_PATH}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{SCHEMA_PATH} is not JSON: {e}"))
    })
}

fn validator() -> &'static Validator {
    static VALIDATOR: OnceLock<Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        jsonschema::draft202012::new(schema()).unwrap_or_else(|e| panic!("{SCHEMA_PATH} does not compile: {e}"))
    })
}

/// Why `document` is invalid, one line an error; empty when it is valid. Values are masked: a
/// note at its limit would fill the message.
fn schema_errors(document: &Value) -> Vec<String> {
    validator().iter_errors(document).map(|e| format!("at {:?}: {}", e.instance_path().as_str(), e.masked())).collect()
}

fn short(text: &str) -> String {
    let mut cut: String = text.chars().take(200).collect();
    if cut.len() < text.len() {
        cut.push_str(&format!("… ({} bytes)", text.len()));
    }
    cut
}

/// Parses `json` and checks it against the schema.
#[track_caller]
fn assert_valid(what: &str, json: &str) {
    let document: Value =
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {}", short(json)));
    let errors = schema_errors(&document);
    assert!(errors.is_empty(), "{what} is invalid under the schema:\n  {}\n{}", errors.join("\n  "), short(json));
}

/// Whether the schema takes `json` (`None` when serde_json cannot parse it, as the reader cannot).
fn schema_takes(json: &str) -> Option<bool> {
    serde_json::from_str::<Value>(json).ok().map(|document| validator().is_valid(&document))
}

fn property<'a>(schema: &'a Value, path: &[&str]) -> &'a Value {
    path.iter().fold(schema, |node, name| &node["properties"][name])
}

// (a) The schema itself.

#[test]
fn the_schema_is_valid_draft_2020_12() {
    let schema = schema();
    assert_eq!(schema["$schema"], DRAFT_2020_12);
    assert_eq!(schema["$id"], "https://webhook-echo.dev/schema/fixture.schema.json");
    if let Err(error) = jsonschema::draft202012::meta::validate(schema) {
        panic!("not a valid draft 2020-12 schema: {error} at {}", error.instance_path().as_str());
    }
    // The draft it declares is the one it is checked against.
    assert!(jsonschema::meta::is_valid(schema));
    assert!(validator().is_valid(&json!({ "webhookEchoFixture": 1 })));
    // The check is real: a typo in a keyword's value is caught.
    let mut broken = schema.clone();
    broken["properties"]["note"]["type"] = json!("strnig");
    assert!(jsonschema::draft202012::meta::validate(&broken).is_err());
    broken = schema.clone();
    broken["properties"]["note"]["maxLength"] = json!(-1);
    assert!(jsonschema::draft202012::meta::validate(&broken).is_err());

    // Written for a person: a title, and a description on the file and every property.
    assert!(schema["title"].as_str().is_some_and(|t| !t.is_empty()));
    let described = |node: &Value| node["description"].as_str().is_some_and(|d| d.len() > 40);
    assert!(described(schema));
    for name in FIELDS {
        assert!(described(property(schema, &[name])), "{name} has no description");
    }
    for name in BOX_FIELDS {
        assert!(described(property(schema, &["sealedSecret", name])), "sealedSecret.{name} has no description");
    }
}

/// The schema's names and limits are the code's: a new event, case word or limit fails here
/// until the schema says it too.
#[test]
fn the_schema_names_what_the_code_names() {
    let schema = schema();
    let keys = |node: &Value| -> BTreeSet<String> {
        node["properties"].as_object().map(|p| p.keys().cloned().collect()).unwrap_or_default()
    };
    assert_eq!(keys(schema), FIELDS.iter().map(|f| f.to_string()).collect());
    assert_eq!(keys(property(schema, &["sealedSecret"])), BOX_FIELDS.iter().map(|f| f.to_string()).collect());
    assert_eq!(schema["additionalProperties"], false);
    assert_eq!(property(schema, &["sealedSecret"])["additionalProperties"], false);
    assert_eq!(schema["required"], json!(["webhookEchoFixture"]));
    assert_eq!(property(schema, &["sealedSecret"])["required"], json!(BOX_FIELDS));

    // The enums, in the code's order, null last (the reader reads null as absent).
    let words = |name: &str| property(schema, &[name])["enum"].clone();
    let with_null = |names: Vec<&str>| {
        let mut values: Vec<Value> = names.into_iter().map(Value::from).collect();
        values.push(Value::Null);
        Value::Array(values)
    };
    assert_eq!(words("event"), with_null(Event::ALL.iter().map(|e| e.name()).collect()));
    assert_eq!(words("expect"), with_null(Expect::ALL.iter().map(|e| e.name()).collect()));
    assert_eq!(words("tamper"), with_null(Tamper::ALL.iter().map(|t| t.name()).collect()));

    // The limits.
    let max_length = |path: &[&str]| property(schema, path)["maxLength"].as_u64().map(|n| n as usize);
    assert_eq!(property(schema, &["webhookEchoFixture"])["const"], VERSION);
    assert_eq!(max_length(&["note"]), Some(MAX_NOTE_CHARS));
    assert_eq!(max_length(&["headers"]), Some(MAX_HEADERS_BYTES));
    assert_eq!(max_length(&["secret"]), Some(MAX_SECRET_BYTES));
    assert_eq!(max_length(&["sealedSecret", "scheme"]), Some(MAX_SCHEME_BYTES));
    assert_eq!(max_length(&["sealedSecret", "salt"]), Some(MAX_SALT_CHARS));
    assert_eq!(max_length(&["sealedSecret", "nonce"]), Some(MAX_NONCE_CHARS));
    assert_eq!(max_length(&["sealedSecret", "ciphertext"]), Some(MAX_CIPHERTEXT_CHARS));
    assert_eq!(property(schema, &["sealedSecret", "iterations"])["maximum"], u32::MAX);

    // What the box's fields say webhook-echo writes is what it writes.
    let sealed = secret_box::seal_with_key("s", &[1; KEY_LEN], [2; SALT_LEN], [3; NONCE_LEN]);
    assert_eq!(property(schema, &["sealedSecret", "scheme"])["examples"], json!([sealed.scheme]));
    assert_eq!(property(schema, &["sealedSecret", "iterations"])["examples"], json!([ITERATIONS]));
    assert_eq!(sealed.salt.len(), 22, "the salt's description says 22 characters");
    assert_eq!(sealed.nonce.len(), 16, "the nonce's description says 16 characters");
    let example = example_delivery();
    assert_eq!(property(schema, &["secretFingerprint"])["examples"], json!([fingerprint(&example.secret)]));
}

/// Each of the schema's examples is a fixture webhook-echo reads, and writes back as it is.
#[test]
fn the_schemas_examples_are_fixtures_webhook_echo_writes() {
    let examples = schema()["examples"].as_array().expect("examples");
    assert!((2..=3).contains(&examples.len()), "{} examples", examples.len());
    for example in examples {
        let text = serde_json::to_string(example).expect("JSON");
        assert_valid("an example", &text);
        let fixture = Fixture::from_json(text.as_bytes()).unwrap_or_else(|e| panic!("{e}: {text}"));
        let written: Value = serde_json::from_str(&fixture.to_pretty_json()).expect("JSON");
        assert_eq!(&written, example, "an example is written back as it is");
    }
    // The first two are the documentation's delivery, as the page would share it.
    let example = example_delivery();
    let first = Fixture::from_json(serde_json::to_string(&examples[0]).expect("JSON").as_bytes()).expect("reads");
    assert_eq!((first.body.as_slice(), first.headers.as_str()), (EXAMPLE_BODY.as_bytes(), example.headers.as_str()));
    assert_eq!(first.secret, SharedSecret::Fingerprint(fingerprint(&example.secret)));
    let second = Fixture::from_json(serde_json::to_string(&examples[1]).expect("JSON").as_bytes()).expect("reads");
    let SharedSecret::Sealed(sealed) = &second.secret else { panic!("{:?}", second.secret) };
    // Opens with the passphrase its salt was derived for (one real derivation, 600,000 rounds).
    let key = secret_box::derive_key("correct horse battery staple", &[0x3c; SALT_LEN]);
    assert_eq!(secret_box::open_with_key(sealed, &key).as_deref(), Ok(example.secret.as_str()));
}

// (b) Every fixture webhook-echo writes.

/// Bodies of every form: UTF-8 text (written as `body`), bytes that are not (as `bodyBase64`,
/// in each of its padding lengths and with both of standard base64's last two symbols), empty.
fn bodies() -> Vec<Vec<u8>> {
    let mut bodies = vec![
        EXAMPLE_BODY.as_bytes().to_vec(),
        Vec::new(),
        b"{\"a\":1}\r\n\r\n".to_vec(),
        "{\"name\":\"Jos\u{e9}\",\"emoji\":\"\u{1F600}\",\"zwsp\":\"\u{200B}\",\"nul\":\"\0\"}".as_bytes().to_vec(),
        b"\xef\xbb\xbf{\"bom\":true}".to_vec(),
        b"{\"name\":\"Jos\xe9\"}".to_vec(),
        b"\xff\xfe{\0\"\0}\0".to_vec(),
        (0..=255).collect(),
        vec![0xfb, 0xff, 0xbf],
    ];
    // Not UTF-8, 1 to 6 bytes long: every padding of base64.
    for len in 1..=6 {
        bodies.push((0..len).map(|i| 0xff - i as u8 * 3).collect());
    }
    bodies
}

/// Every way a secret travels: none, its fingerprint, plain (as old links carry it) and sealed
/// by `Fixture::of`, each also at the 4 KiB limit.
fn secrets(work: Work<'_>) -> Vec<SharedSecret> {
    let key = [6; KEY_LEN];
    let seal = SecretChoice::Seal { key: &key, salt: [1; SALT_LEN], nonce: [2; NONCE_LEN] };
    let sealed = |secret: &str| Fixture::of(work, secret, seal).secret;
    let at_limit = "\u{7}".repeat(MAX_SECRET_BYTES);
    let at_limit_sealed = secret_box::seal_with_key(&at_limit, &key, [1; SALT_LEN], [2; NONCE_LEN]);
    // With base64's padding, as a hand-made link may write it: the longest ciphertext read.
    let padded = SealedSecret { ciphertext: format!("{}=", at_limit_sealed.ciphertext), ..at_limit_sealed.clone() };
    assert_eq!(padded.ciphertext.len(), MAX_CIPHERTEXT_CHARS);
    vec![
        Fixture::of(work, "", SecretChoice::LeaveOut).secret,
        Fixture::of(work, SECRET, SecretChoice::LeaveOut).secret,
        Fixture::of(work, "whsec_\u{e9}\u{1F600}", SecretChoice::LeaveOut).secret,
        SharedSecret::Plain(SECRET.into()),
        SharedSecret::Plain("w".repeat(MAX_SECRET_BYTES)),
        SharedSecret::Plain(at_limit.clone()),
        sealed(SECRET),
        sealed(&"w".repeat(MAX_SECRET_BYTES)),
        SharedSecret::Sealed(at_limit_sealed),
        SharedSecret::Sealed(padded),
    ]
}

fn cases() -> Vec<CaseFields> {
    let expects = [None, Some(Expect::Accept), Some(Expect::Reject)];
    let tampers = std::iter::once(None).chain(Tamper::ALL.map(Some));
    tampers.flat_map(|tamper| expects.map(|expect| CaseFields { expect, tamper })).collect()
}

/// Each `(fixture, what it is)` of the generated set: every body by every secret by every case,
/// each with one of the events (all of them in turn, and none) and notes and headers; then the
/// fields at their limits.
fn generated() -> Vec<(Fixture, String)> {
    let example = example_delivery();
    let notes = [
        String::new(),
        "fails since Tuesday".to_string(),
        "quotes \" and \\ and\nnew lines\tand \u{7} and \u{202E}bidi".to_string(),
        "n".repeat(MAX_NOTE_CHARS),
        "\u{1F600}".repeat(MAX_NOTE_CHARS),
    ];
    let headers = [example.headers.clone(), String::new(), "x-a: b\r\nx-zwsp: \u{200B}\n".to_string()];
    let events: Vec<Option<Event>> = std::iter::once(None).chain(Event::ALL.map(Some)).collect();
    let work = Work { body: b"{}", headers: "", event: None, note: "" };
    let mut set = Vec::new();
    let mut n = 0_usize;
    for body in bodies() {
        for secret in secrets(work) {
            for case in cases() {
                let fixture = Fixture {
                    body: body.clone(),
                    headers: headers[n % headers.len()].clone(),
                    event: events[n % events.len()],
                    note: notes[n % notes.len()].clone(),
                    secret: secret.clone(),
                    case,
                };
                set.push((fixture, format!("generated #{n}")));
                n += 1;
            }
        }
    }
    // Every field at its limit at once, and the headers at theirs in bytes as in characters.
    let at_limits = Fixture {
        body: b"\xff".repeat(1 << 20),
        headers: "\u{7}".repeat(MAX_HEADERS_BYTES),
        event: Some(Event::ApplicationDeleted),
        note: "\u{1F600}".repeat(MAX_NOTE_CHARS),
        secret: SharedSecret::Plain("\u{7}".repeat(MAX_SECRET_BYTES)),
        case: CaseFields { expect: Some(Expect::Accept), tamper: Some(Tamper::StaleDelivery) },
    };
    let two_byte_headers = Fixture { headers: "\u{e9}".repeat(MAX_HEADERS_BYTES / 2), ..at_limits.clone() };
    set.push((at_limits, "every field at its limit".into()));
    set.push((two_byte_headers, "headers of two-byte characters at the byte limit".into()));
    set
}

#[test]
fn every_fixture_webhook_echo_writes_is_valid() {
    let set = generated();
    assert!(set.len() > 2_000, "{} fixtures", set.len());
    let mut written_keys = BTreeSet::new();
    let mut seen = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    for (i, (fixture, what)) in set.iter().enumerate() {
        for json in [fixture.to_json(), fixture.to_pretty_json()] {
            assert_valid(what, &json);
            // The set is within the reader's limits: each is a fixture someone can open.
            assert_eq!(Fixture::from_json(json.as_bytes()).as_ref(), Ok(fixture), "{what}");
            let document: Map<String, Value> = serde_json::from_str(&json).expect("an object");
            written_keys.extend(document.keys().cloned());
        }
        seen.0.insert(fixture.event.map(Event::name));
        seen.1.insert((fixture.case.expect.map(Expect::name), fixture.case.tamper.map(Tamper::name)));
        seen.2.insert(match fixture.secret {
            SharedSecret::None => "none",
            SharedSecret::Fingerprint(_) => "fingerprint",
            SharedSecret::Plain(_) => "plain",
            SharedSecret::Sealed(_) => "sealed",
        });
        // As the page keeps work in progress (the fixture's own JSON, without its secret), and
        // as a share link carries it, for a sample (deflating every one is slow).
        if i % 97 == 0 {
            let saved: Value =
                serde_json::from_str(&SavedWork::new(fixture, Provenance::Own, 0).to_json()).expect("JSON");
            assert_valid(&format!("{what}, saved as work"), saved["fixture"].as_str().expect("the fixture's JSON"));
            let payload = link_payload(&fixture_link::encode(fixture), usize::MAX).expect("inflates");
            assert_valid(&format!("{what}, in a link"), std::str::from_utf8(&payload).expect("UTF-8"));
        }
    }
    // Every field is written by some fixture of the set; every event, case and secret form is in it.
    assert_eq!(written_keys, FIELDS.iter().map(|f| f.to_string()).collect());
    assert_eq!(seen.0.len(), Event::ALL.len() + 1);
    assert_eq!(seen.1.len(), 3 * (Tamper::ALL.len() + 1));
    assert_eq!(seen.2.len(), 4);
}

/// The deflated payload of a share link (`v1.<length>.<data>`: URL-safe base64 of the deflate
/// stream, then whatever rides after it, then a 4-byte checksum), or `None` past `limit` bytes.
fn link_payload(fragment: &str, limit: usize) -> Option<Vec<u8>> {
    let data = base64::decode(fragment.trim().rsplit('.').next().unwrap_or_default()).expect("URL-safe base64");
    miniz_oxide::inflate::decompress_to_vec_with_limit(&data[..data.len() - 4], limit).ok()
}

/// Every file under `dir` whose name ends in `extension`, but in folders no one keeps fixtures in.
fn files(dir: &Path, extension: &str, found: &mut Vec<PathBuf>) {
    const SKIPPED: [&str; 5] = ["target", "node_modules", "dist", "test-results", "pkg"];
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !name.starts_with('.') && !SKIPPED.contains(&name.as_str()) {
                files(&path, extension, found);
            }
        } else if name.ends_with(extension) {
            found.push(path);
        }
    }
}

/// The `.json` fixture files kept in the repository (a JSON object with a `webhookEchoFixture`
/// key, wherever it is), and the share links of `tests/fixtures/links/`: each is valid exactly
/// when the reader reads it. (None of the first kind is kept today; any added is held here.)
#[test]
fn every_fixture_kept_in_the_repository_agrees_with_the_reader() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut json_files = Vec::new();
    files(root, ".json", &mut json_files);
    let mut checked = Vec::new();
    for path in json_files {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let is_fixture = serde_json::from_str::<Value>(&text).is_ok_and(|v| v.get("webhookEchoFixture").is_some());
        if !is_fixture || path.ends_with("schema/fixture.schema.json") {
            continue;
        }
        let read = Fixture::from_json(text.as_bytes());
        assert_eq!(schema_takes(&text), Some(read.is_ok()), "{}: the reader says {read:?}", path.display());
        checked.push(path);
    }

    let mut links = Vec::new();
    files(&root.join("tests/fixtures/links"), ".txt", &mut links);
    assert!(links.len() >= 4, "{links:?}");
    let mut opened = 0;
    for path in &links {
        let fragment = std::fs::read_to_string(path).expect("read");
        let decoded = fixture_link::decode(fragment.trim());
        // The crafted bomb inflates to 15 MB of one unknown field: refused by the reader after
        // 4 KiB; not parsed whole here.
        let Some(payload) = link_payload(&fragment, 1 << 20) else {
            assert!(decoded.is_err(), "{}", path.display());
            continue;
        };
        let text = String::from_utf8(payload).expect("UTF-8");
        assert_eq!(schema_takes(&text), Some(decoded.is_ok()), "{}: {decoded:?}", path.display());
        opened += usize::from(decoded.is_ok());
    }
    // The legacy sealed and plain links, and the two with a sender's verdict.
    assert!(opened >= 4, "{opened} links opened");
    eprintln!("{} fixture files and {opened} links checked", checked.len());
}

/// A folder of its own for this run's files.
fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("webhook-echo-fixture-schema-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn fixture_new(args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .args(["fixture", "new"])
        .args(args)
        .env("COBINAR_WEBHOOK_SECRET", SECRET)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run webhook-echo")
}

/// `webhook-echo fixture new`, as built, for every event and every case option: each file it
/// writes is valid, and says what it was asked to.
#[test]
fn every_file_fixture_new_writes_is_valid() {
    let dir = temp_dir();
    let long_note = "\u{e9}".repeat(MAX_NOTE_CHARS);
    let mut runs: Vec<(String, Vec<String>)> = Vec::new();
    for event in Event::ALL {
        runs.push((event.name().into(), vec![]));
    }
    for (i, tamper) in Tamper::ALL.into_iter().enumerate() {
        let mut options = vec!["--tamper".to_string(), tamper.name().to_string()];
        if let Some(expect) = [None, Some("accept"), Some("reject")][i % 3] {
            options.extend(["--expect".to_string(), expect.to_string()]);
        }
        runs.push((Event::ALL[i % Event::ALL.len()].name().into(), options));
    }
    for expect in Expect::ALL {
        runs.push(("otp.failed".into(), vec!["--expect".into(), expect.name().into()]));
    }
    runs.push(("otp.verified".into(), vec!["--note".into(), "forged phone \"+999\"\nsecond line".into()]));
    runs.push(("otp.expired".into(), vec!["--note".into(), long_note.clone()]));
    runs.push((
        "identity.updated".into(),
        ["--tamper", "wrong-secret", "--expect", "accept", "--note", "accepted anyway"].map(String::from).to_vec(),
    ));

    for (i, (event, options)) in runs.iter().enumerate() {
        // A folder each (`--out DIR/`), and the last one a file of its own name (`--out FILE`).
        let run_dir = dir.join(format!("run-{i}"));
        let out = if i + 1 == runs.len() {
            std::fs::create_dir_all(&run_dir).expect("dir");
            run_dir.join("named.json").display().to_string()
        } else {
            format!("{}{}", run_dir.display(), std::path::MAIN_SEPARATOR)
        };
        let mut args = vec!["--event", event.as_str(), "--out", out.as_str()];
        args.extend(options.iter().map(String::as_str));
        let output = fixture_new(&args);
        let said = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        assert_eq!(output.status.code(), Some(0), "{args:?}: {said}");

        let mut written = Vec::new();
        files(&run_dir, ".json", &mut written);
        assert_eq!(written.len(), 1, "{args:?}: {written:?}");
        let text = std::fs::read_to_string(&written[0]).expect("read");
        assert_valid(&format!("fixture new {args:?}"), &text);
        let document: Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(document["event"], event.as_str());
        assert_eq!(document["secretFingerprint"], fingerprint(SECRET), "the secret travels as its fingerprint");
        let option = |name: &str| options.iter().position(|o| o == name).map(|at| options[at + 1].clone());
        assert_eq!(document["note"].as_str().map(String::from), option("--note"), "{args:?}");
        assert_eq!(document["expect"].as_str().map(String::from), option("--expect"), "{args:?}");
        assert_eq!(document["tamper"].as_str().map(String::from), option("--tamper"), "{args:?}");
        let fixture = Fixture::from_json(text.as_bytes()).unwrap_or_else(|e| panic!("{args:?}: {e}"));
        assert_eq!(fixture.event.map(Event::name), Some(event.as_str()));
    }

    // A note past the limit is refused, and nothing is written.
    let refused_dir = dir.join("refused");
    let out = format!("{}{}", refused_dir.display(), std::path::MAIN_SEPARATOR);
    let too_long = format!("{long_note}x");
    let output = fixture_new(&["--event", "otp.verified", "--out", &out, "--note", &too_long]);
    assert_ne!(output.status.code(), Some(0));
    let mut written = Vec::new();
    files(&refused_dir, ".json", &mut written);
    assert!(written.is_empty(), "{written:?}");

    let _ = std::fs::remove_dir_all(&dir);
}

// (c) The schema and the reader agree.

/// A fixture of version 1 with `fields` (JSON members, comma-separated) after the version.
fn doc(fields: &str) -> String {
    if fields.is_empty() {
        r#"{"webhookEchoFixture":1}"#.to_string()
    } else {
        format!(r#"{{"webhookEchoFixture":1,{fields}}}"#)
    }
}

/// A well-formed sealed secret, as a JSON object to change.
fn sealed_box() -> Map<String, Value> {
    let sealed = secret_box::seal_with_key(SECRET, &[6; KEY_LEN], [1; SALT_LEN], [2; NONCE_LEN]);
    let value = json!({
        "scheme": sealed.scheme,
        "iterations": sealed.iterations,
        "salt": sealed.salt,
        "nonce": sealed.nonce,
        "ciphertext": sealed.ciphertext,
    });
    value.as_object().cloned().expect("an object")
}

/// The well-formed sealed secret changed by `change`, as JSON.
fn box_json(change: impl FnOnce(&mut Map<String, Value>)) -> String {
    let mut sealed = sealed_box();
    change(&mut sealed);
    Value::Object(sealed).to_string()
}

/// A fixture whose sealed secret is the well-formed one changed by `change`.
fn with_box(change: impl FnOnce(&mut Map<String, Value>)) -> String {
    doc(&format!(r#""sealedSecret":{}"#, box_json(change)))
}

fn quoted(text: &str) -> String {
    Value::from(text).to_string()
}

/// Documents the reader refuses: each is invalid under the schema.
fn refused() -> Vec<(String, String)> {
    let cases: Vec<(&str, String)> = vec![
        ("not an object: an array", "[]".into()),
        ("not an object: a string", r#""webhookEchoFixture""#.into()),
        ("not an object: null", "null".into()),
        ("no version", r#"{"headers":"a: b"}"#.into()),
        ("no version, only fields", r#"{"body":"{}","note":"n"}"#.into()),
        ("the empty object", "{}".into()),
        ("version 2", r#"{"webhookEchoFixture":2}"#.into()),
        ("version 0", r#"{"webhookEchoFixture":0}"#.into()),
        ("version beyond u32", r#"{"webhookEchoFixture":99999999999}"#.into()),
        ("version as a string", r#"{"webhookEchoFixture":"1"}"#.into()),
        ("version negative", r#"{"webhookEchoFixture":-1}"#.into()),
        ("version as a fraction", r#"{"webhookEchoFixture":1.5}"#.into()),
        ("version null", r#"{"webhookEchoFixture":null}"#.into()),
        ("version true", r#"{"webhookEchoFixture":true}"#.into()),
        ("an unknown field", doc(r#""x":[0,0]"#)),
        ("an unknown field before the version", r#"{"name":"my-app","webhookEchoFixture":1}"#.into()),
        ("a $schema field", doc(r#""$schema":"https://webhook-echo.dev/schema/fixture.schema.json""#)),
        ("a field of another case", doc(r#""Body":"{}""#)),
        ("two bodies", doc(r#""body":"{}","bodyBase64":"e30=""#)),
        ("two empty bodies", doc(r#""body":"","bodyBase64":"""#)),
        ("fingerprint and plain secret", doc(r#""secretFingerprint":"a1b2-c3d4","secret":"whsec_x""#)),
        ("plain secret and fingerprint", doc(r#""secret":"a","secretFingerprint":"b""#)),
        (
            "the three secret forms",
            doc(&format!(r#""secretFingerprint":"a1b2-c3d4","secret":"s","sealedSecret":{}"#, box_json(|_| {}))),
        ),
        ("sealed and plain secret", doc(&format!(r#""sealedSecret":{},"secret":"s""#, box_json(|_| {})))),
        (
            "sealed secret and fingerprint",
            doc(&format!(r#""sealedSecret":{},"secretFingerprint":"a1b2-c3d4""#, box_json(|_| {}))),
        ),
        ("an unknown event", doc(r#""event":"otp.sent""#)),
        ("an event in capitals", doc(r#""event":"OTP.VERIFIED""#)),
        ("an event with a zero-width space", doc(r#""event":"otp.verified\u200b""#)),
        ("an event with a trailing space", doc(r#""event":"otp.verified ""#)),
        ("an empty event", doc(r#""event":"""#)),
        ("an event past 64 bytes", doc(&format!(r#""event":"otp.{}""#, "x".repeat(100)))),
        ("an unknown tamper", doc(r#""tamper":"slow""#)),
        ("a tamper in capitals", doc(r#""tamper":"Tampered-Body""#)),
        ("an empty tamper", doc(r#""tamper":"""#)),
        ("check's case id that is no tamper", doc(r#""tamper":"reserved-event""#)),
        ("expect deny", doc(r#""expect":"deny""#)),
        ("expect in capitals", doc(r#""expect":"ACCEPT""#)),
        ("expect empty", doc(r#""expect":"""#)),
        ("a note past 2,000 characters", doc(&format!(r#""note":{}"#, quoted(&"n".repeat(MAX_NOTE_CHARS + 1))))),
        (
            "a note past 2,000 characters, of escaped emoji",
            doc(&format!(r#""note":"{}""#, "\\ud83d\\ude00".repeat(MAX_NOTE_CHARS + 1))),
        ),
        ("headers past 256 KiB", doc(&format!(r#""headers":{}"#, quoted(&"x".repeat(MAX_HEADERS_BYTES + 1))))),
        ("a plain secret past 4 KiB", doc(&format!(r#""secret":{}"#, quoted(&"w".repeat(MAX_SECRET_BYTES + 1))))),
        ("bodyBase64 of symbols outside base64", doc(r#""bodyBase64":"!!!!""#)),
        ("bodyBase64 with a space", doc(r#""bodyBase64":" e30=""#)),
        ("bodyBase64 with a new line", doc(r#""bodyBase64":"e30=\n""#)),
        ("bodyBase64 of one symbol", doc(r#""bodyBase64":"Z""#)),
        ("bodyBase64 padded short", doc(r#""bodyBase64":"Zg=""#)),
        ("bodyBase64 padded three times", doc(r#""bodyBase64":"Zg===""#)),
        ("bodyBase64 padded after a whole group", doc(r#""bodyBase64":"Zm9v=""#)),
        ("bodyBase64 padded too much", doc(r#""bodyBase64":"Zm9vYmE==""#)),
        ("bodyBase64 with padding inside", doc(r#""bodyBase64":"Zg==Zg==""#)),
        ("bodyBase64 not canonical", doc(r#""bodyBase64":"Zh==""#)),
        ("bodyBase64 of two alphabets", doc(r#""bodyBase64":"a-b+""#)),
        ("a box without its iterations", with_box(|b| drop(b.remove("iterations")))),
        ("a box with an extra field", with_box(|b| drop(b.insert("extra".into(), json!(1))))),
        ("a box with iterations as a string", with_box(|b| drop(b.insert("iterations".into(), json!("600000"))))),
        ("a box with negative iterations", with_box(|b| drop(b.insert("iterations".into(), json!(-1))))),
        ("a box with iterations beyond u32", with_box(|b| drop(b.insert("iterations".into(), json!(1_u64 << 32))))),
        ("a box with fractional iterations", with_box(|b| drop(b.insert("iterations".into(), json!(1.5))))),
        ("a box with a long salt", with_box(|b| drop(b.insert("salt".into(), json!("A".repeat(MAX_SALT_CHARS + 1)))))),
        (
            "a box with a long nonce",
            with_box(|b| drop(b.insert("nonce".into(), json!("A".repeat(MAX_NONCE_CHARS + 1))))),
        ),
        (
            "a box with a long scheme",
            with_box(|b| drop(b.insert("scheme".into(), json!("p".repeat(MAX_SCHEME_BYTES + 1))))),
        ),
        (
            "a box with a long ciphertext",
            with_box(|b| drop(b.insert("ciphertext".into(), json!("A".repeat(MAX_CIPHERTEXT_CHARS + 1))))),
        ),
        ("a box with a number for its salt", with_box(|b| drop(b.insert("salt".into(), json!(5))))),
        ("a box with a null nonce", with_box(|b| drop(b.insert("nonce".into(), Value::Null)))),
        ("a box that is empty", doc(r#""sealedSecret":{}"#)),
    ];
    let mut cases: Vec<(String, String)> = cases.into_iter().map(|(what, json)| (what.to_string(), json)).collect();
    for field in BOX_FIELDS {
        cases.push((format!("a box without its {field}"), with_box(|b| drop(b.remove(field)))));
    }
    for fingerprint in
        ["a1b2-c3d", "a1b2c3d4", "A1B2-C3D4", "a1b2-c3d4 ", "a1b2_c3d4", "g1b2-c3d4", "a1b2-c3d4-e5f6", ""]
    {
        let json = doc(&format!(r#""secretFingerprint":{}"#, quoted(fingerprint)));
        cases.push((format!("the malformed fingerprint {fingerprint:?}"), json));
    }
    cases.push(("a fingerprint and a new line".into(), doc(r#""secretFingerprint":"a1b2-c3d4\n""#)));
    cases.push(("a fingerprint after a new line".into(), doc(r#""secretFingerprint":"\na1b2-c3d4""#)));
    // A value of the wrong type, in each field.
    let wrong_types = [
        ("body", "5"),
        ("body", "{}"),
        ("body", "[\"{}\"]"),
        ("bodyBase64", "true"),
        ("headers", "5"),
        ("headers", "null"),
        ("headers", "{\"a\":\"b\"}"),
        ("headers", "[\"a: b\"]"),
        ("event", "5"),
        ("event", "[\"otp.verified\"]"),
        ("note", "null"),
        ("note", "[\"x\"]"),
        ("note", "false"),
        ("secretFingerprint", "1"),
        ("secret", "5"),
        ("secret", "{}"),
        ("sealedSecret", "\"x\""),
        ("sealedSecret", "[]"),
        ("sealedSecret", "1"),
        ("expect", "true"),
        ("expect", "[\"accept\"]"),
        ("tamper", "1"),
        ("tamper", "{}"),
    ];
    for (field, value) in wrong_types {
        cases.push((format!("{field} of the wrong type: {value}"), doc(&format!(r#""{field}":{value}"#))));
    }
    cases
}

/// Documents the reader reads: each is valid under the schema.
fn accepted() -> Vec<(String, String)> {
    let mut cases: Vec<(String, String)> = vec![
        ("only the version".into(), doc("")),
        (
            "the version last, fields in any order".into(),
            r#"{"note":"n","headers":"a: b\n","webhookEchoFixture":1,"body":"{}"}"#.into(),
        ),
        (
            "whitespace everywhere".into(),
            "\n{ \"webhookEchoFixture\" :\t1 ,\r\n  \"headers\" : \"\" , \"body\" : \"{}\" }\n".into(),
        ),
        ("an empty body".into(), doc(r#""body":"""#)),
        ("an empty bodyBase64".into(), doc(r#""bodyBase64":"""#)),
        ("bodyBase64 unpadded".into(), doc(r#""bodyBase64":"Zg""#)),
        ("bodyBase64 padded".into(), doc(r#""bodyBase64":"Zg==""#)),
        ("bodyBase64 of three symbols".into(), doc(r#""bodyBase64":"Zm8""#)),
        ("bodyBase64 of three symbols, padded".into(), doc(r#""bodyBase64":"Zm8=""#)),
        ("bodyBase64 standard".into(), doc(r#""bodyBase64":"+/8=""#)),
        ("bodyBase64 URL-safe".into(), doc(r#""bodyBase64":"-_8""#)),
        ("a body of JSON escapes".into(), doc(r#""body":"\u0000\u001f\ud83d\ude00\"\\/""#)),
        ("body null and bodyBase64".into(), doc(r#""body":null,"bodyBase64":"e30=""#)),
        ("body and bodyBase64 null".into(), doc(r#""body":"{}","bodyBase64":null"#)),
        ("headers empty".into(), doc(r#""headers":"""#)),
        ("an empty note".into(), doc(r#""note":"""#)),
        ("event null".into(), doc(r#""event":null"#)),
        (
            "every null the reader reads as absent".into(),
            doc(
                r#""body":null,"bodyBase64":null,"event":null,"secretFingerprint":null,"secret":null,"sealedSecret":null,"expect":null,"tamper":null"#,
            ),
        ),
        ("a fingerprint".into(), doc(r#""secretFingerprint":"0f9e-a1b2""#)),
        ("a plain secret, as old links carry it".into(), doc(r#""secret":"whsec_legacy""#)),
        ("an empty plain secret".into(), doc(r#""secret":"""#)),
        ("a sealed secret".into(), with_box(|_| {})),
        (
            "a fingerprint, the others null".into(),
            doc(r#""secretFingerprint":"0f9e-a1b2","secret":null,"sealedSecret":null"#),
        ),
        ("a plain secret, the fingerprint null".into(), doc(r#""secretFingerprint":null,"secret":"whsec_x""#)),
        (
            "a sealed secret, the others null".into(),
            with_box(|_| {}).replace(
                r#"{"webhookEchoFixture":1,"#,
                r#"{"webhookEchoFixture":1,"secret":null,"secretFingerprint":null,"#,
            ),
        ),
        // Read, and refused only when opened (`secret_box::key_params`): the reader checks lengths.
        (
            "a box of another scheme".into(),
            with_box(|b| drop(b.insert("scheme".into(), json!("argon2id/aes-256-gcm")))),
        ),
        ("a box asking for one round".into(), with_box(|b| drop(b.insert("iterations".into(), json!(1))))),
        ("a box asking for u32::MAX rounds".into(), with_box(|b| drop(b.insert("iterations".into(), json!(u32::MAX))))),
        ("a box with a short salt".into(), with_box(|b| drop(b.insert("salt".into(), json!("AAAA"))))),
        ("a box with a nonce not base64".into(), with_box(|b| drop(b.insert("nonce".into(), json!("not base64!"))))),
        (
            "a box with empty strings".into(),
            with_box(|b| {
                for field in ["salt", "nonce", "ciphertext"] {
                    b.insert(field.into(), json!(""));
                }
            }),
        ),
        (
            "a box of the longest strings".into(),
            with_box(|b| {
                b.insert("scheme".into(), json!("p".repeat(MAX_SCHEME_BYTES)));
                b.insert("salt".into(), json!("A".repeat(MAX_SALT_CHARS)));
                b.insert("nonce".into(), json!("A".repeat(MAX_NONCE_CHARS)));
                b.insert("ciphertext".into(), json!(format!("{}=", "A".repeat(MAX_CIPHERTEXT_CHARS - 1))));
            }),
        ),
        ("a box with its fields in another order".into(), {
            let sealed = sealed_box();
            let reversed: Map<String, Value> =
                BOX_FIELDS.iter().rev().map(|f| (f.to_string(), sealed[*f].clone())).collect();
            doc(&format!(r#""sealedSecret":{}"#, serde_json::to_string(&reversed).expect("JSON")))
        }),
        ("a note of 2,000 characters".into(), doc(&format!(r#""note":{}"#, quoted(&"n".repeat(MAX_NOTE_CHARS))))),
        (
            "a note of 2,000 escaped emoji".into(),
            doc(&format!(r#""note":"{}""#, "\\ud83d\\ude00".repeat(MAX_NOTE_CHARS))),
        ),
        ("headers of 256 KiB".into(), doc(&format!(r#""headers":"{}""#, "\\u0007".repeat(MAX_HEADERS_BYTES)))),
        ("a plain secret of 4 KiB".into(), doc(&format!(r#""secret":{}"#, quoted(&"w".repeat(MAX_SECRET_BYTES))))),
        ("expect accept with a tamper".into(), doc(r#""expect":"accept","tamper":"stale-delivery""#)),
        ("expect reject without a tamper".into(), doc(r#""expect":"reject""#)),
        ("expect and tamper null".into(), doc(r#""expect":null,"tamper":null"#)),
    ];
    for event in Event::ALL {
        cases.push((format!("event {}", event.name()), doc(&format!(r#""event":"{}""#, event.name()))));
    }
    for tamper in Tamper::ALL {
        cases.push((format!("tamper {}", tamper.name()), doc(&format!(r#""tamper":"{}""#, tamper.name()))));
    }
    for expect in Expect::ALL {
        cases.push((format!("expect {}", expect.name()), doc(&format!(r#""expect":"{}""#, expect.name()))));
    }
    cases
}

#[test]
fn what_the_reader_refuses_is_invalid_and_what_it_reads_is_valid() {
    let mut disagreements = Vec::new();
    for (what, json) in refused() {
        let read = Fixture::from_json(json.as_bytes());
        if read.is_ok() {
            disagreements.push(format!("the reader reads \"{what}\": {}", short(&json)));
        }
        if schema_takes(&json) != Some(false) {
            disagreements
                .push(format!("the schema takes \"{what}\", which the reader refuses ({read:?}): {}", short(&json)));
        }
    }
    for (what, json) in accepted() {
        if let Err(error) = Fixture::from_json(json.as_bytes()) {
            disagreements.push(format!("the reader refuses \"{what}\" ({error}): {}", short(&json)));
        }
        if schema_takes(&json) != Some(true) {
            let errors = serde_json::from_str(&json).map(|d| schema_errors(&d)).unwrap_or_default();
            disagreements
                .push(format!("the schema refuses \"{what}\", which the reader reads: {errors:?}: {}", short(&json)));
        }
    }
    assert!(disagreements.is_empty(), "{} disagreements:\n{}", disagreements.len(), disagreements.join("\n"));
}

/// What JSON Schema cannot say, and the schema therefore lets through: the reader refuses each.
/// Listed so that the gaps are known, and so that this fails if either side changes.
#[test]
fn what_the_schema_cannot_say_is_refused_by_the_reader_alone() {
    let gaps = [
        // A JSON Schema sees the parsed value: 1.0 is the integer 1 to it, and serde_json keeps
        // the last of two equal keys.
        ("the version written as 1.0", r#"{"webhookEchoFixture":1.0}"#.to_string()),
        ("iterations written as 600000.0", with_box(|b| drop(b.insert("iterations".into(), json!(600000.0))))),
        ("a field given twice", doc(r#""note":"a","note":"b""#)),
        ("the version given twice", r#"{"webhookEchoFixture":1,"webhookEchoFixture":1}"#.to_string()),
        // maxLength counts characters; the reader counts UTF-8 bytes.
        (
            "headers of 150,000 two-byte characters (300,000 bytes)",
            doc(&format!(r#""headers":{}"#, quoted(&"\u{e9}".repeat(150_000)))),
        ),
        (
            "a plain secret of 3,000 two-byte characters",
            doc(&format!(r#""secret":{}"#, quoted(&"\u{e9}".repeat(3_000)))),
        ),
        ("a salt of 13 two-byte characters", with_box(|b| drop(b.insert("salt".into(), json!("\u{e9}".repeat(13)))))),
        // The ciphertext's limit is the secret's length, which its padding decides.
        (
            "a ciphertext of 5,484 characters without padding",
            with_box(|b| drop(b.insert("ciphertext".into(), json!("A".repeat(MAX_CIPHERTEXT_CHARS))))),
        ),
    ];
    for (what, json) in gaps {
        assert!(Fixture::from_json(json.as_bytes()).is_err(), "the reader reads {what}");
        assert_eq!(schema_takes(&json), Some(true), "the schema now refuses {what}: move it to refused()");
    }
    // Not JSON to serde_json, so not a document to validate: the reader refuses it as not JSON.
    for json in [r#"{"webhookEchoFixture":1} {}"#, r#"{"webhookEchoFixture":1,"note":"\ud83d"}"#] {
        assert!(Fixture::from_json(json.as_bytes()).is_err(), "{json}");
        assert_eq!(schema_takes(json), None, "{json}");
    }
}

/// bodyBase64's pattern is the reader's base64 rule exactly: every string of up to five symbols
/// from a set that has each class of symbol the rule tells apart (both alphabets' own symbols,
/// values whose low bits are or are not zero, padding) is taken by both or by neither.
#[test]
fn the_base64_pattern_is_the_readers_rule() {
    const SYMBOLS: [char; 12] = ['A', 'Q', 'g', 'w', 'B', 'E', '8', '+', '/', '-', '_', '='];
    let mut strings = vec![String::new()];
    let mut last = vec![String::new()];
    for _ in 0..5 {
        last = last.iter().flat_map(|s| SYMBOLS.map(|c| format!("{s}{c}"))).collect();
        strings.extend(last.iter().cloned());
    }
    let mut disagree = Vec::new();
    let mut taken = 0;
    for text in &strings {
        let json = doc(&format!(r#""bodyBase64":"{text}""#));
        let read = Fixture::from_json(json.as_bytes()).is_ok();
        assert_eq!(read, base64::decode(text).is_some(), "{text}");
        if schema_takes(&json) != Some(read) {
            disagree.push(format!("{text:?}: the reader {}", if read { "reads it" } else { "refuses it" }));
        }
        taken += usize::from(read);
    }
    assert!(disagree.is_empty(), "{} of {}:\n{}", disagree.len(), strings.len(), disagree.join("\n"));
    assert!(taken > 1_000, "{taken} taken");
    // And the encodings of any bytes, as both alphabets write them, with and without padding.
    for len in 0..64_usize {
        let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + len * 11) as u8 ^ 0xa5).collect();
        let standard = base64::encode_standard(&bytes);
        for text in [standard.clone(), standard.trim_end_matches('=').to_string(), base64::encode_url_safe(&bytes)] {
            assert_eq!(schema_takes(&doc(&format!(r#""bodyBase64":"{text}""#))), Some(true), "{text}");
        }
    }
}
