use super::*;
use crate::echo::delivery::ENTROPY_LEN;
use crate::verify::signature::parse_header;

fn entropy(seed: u8) -> [u8; PACK_ENTROPY_LEN] {
    std::array::from_fn(|i| seed.wrapping_mul(89).wrapping_add((i as u8).wrapping_mul(37)) ^ 0xa5)
}

const NOW: i64 = 1_783_088_530_000;

/// What the core's own verifier says of a case: the documented comparison, a lower-case
/// `sha256=` digest that is the body's MAC under the case's secret.
fn core_accepts(case: &Case) -> bool {
    case.header
        .as_deref()
        .and_then(|header| parse_header(header).ok())
        .is_some_and(|digest| signature::verify(case.secret.as_bytes(), &case.body.bytes(), &digest))
}

#[test]
fn every_case_expects_what_the_core_verifier_answers() {
    for (seed, language) in [0, 1, 200].into_iter().zip(Language::ALL.into_iter().cycle().step_by(3)) {
        let vectors = vectors(language, NOW, &entropy(seed));
        for case in &vectors.cases {
            assert_eq!(core_accepts(case), case.expect == Expect::Accept, "{}", case.name);
            assert_eq!(case.name.starts_with("accepts-"), case.expect == Expect::Accept, "{}", case.name);
        }
    }
}

/// The issue's list, by name: every one is there, once, and nothing else sneaks in unnamed.
#[test]
fn the_pack_has_every_case_the_issue_asks_for() {
    let vectors = vectors(Language::Ruby, NOW, &entropy(7));
    let names: Vec<&str> = vectors.cases.iter().map(|c| c.name.as_str()).collect();
    let expected = [
        "accepts-genuine-otp-created",
        "accepts-genuine-otp-verified",
        "accepts-genuine-otp-failed",
        "accepts-genuine-otp-expired",
        "accepts-spec-example",
        "accepts-utf8-non-ascii",
        "accepts-crlf-line-breaks",
        "accepts-bytes-not-utf8",
        "accepts-one-megabyte-body",
        "rejects-body-byte-changed",
        "rejects-trailing-newline",
        "rejects-reserialized-compact",
        "rejects-reserialized-pretty",
        "rejects-keys-reordered",
        "rejects-another-secret",
        "rejects-secret-trailing-newline",
        "rejects-missing-signature",
        "rejects-empty-signature",
        "rejects-prefixless-signature",
        "rejects-truncated-signature",
        "rejects-doubled-prefix",
        "rejects-base64-signature",
        "rejects-hmac-sha1-signature",
        "rejects-same-first-characters",
        "rejects-upper-case-hex",
    ];
    assert_eq!(names, expected);
}

#[test]
fn the_bodies_are_what_their_names_say() {
    let vectors = vectors(Language::Java, NOW, &entropy(3));
    let case = |name: &str| vectors.cases.iter().find(|c| c.name == name).map(|c| c.body.bytes()).unwrap_or_default();
    // The tampered cases start from one genuine delivery: the trailing-newline case's body.
    let mut genuine = case("rejects-trailing-newline");
    assert_eq!(genuine.pop(), Some(b'\n'));
    assert_eq!(case("rejects-another-secret"), genuine);
    assert_eq!(case("accepts-one-megabyte-body").len(), LARGE_BODY_LEN);
    assert!(std::str::from_utf8(&case("accepts-utf8-non-ascii")).is_ok_and(|t| t.contains("東京")));
    assert!(std::str::from_utf8(&case("accepts-bytes-not-utf8")).is_err());
    let crlf = case("accepts-crlf-line-breaks");
    assert!(crlf.windows(2).any(|w| w == b"\r\n") && !crlf.ends_with(b"\n"));
    assert!(
        std::str::from_utf8(&case("rejects-reserialized-compact")).is_ok_and(|t| t.is_ascii() && t.contains("\\u6771"))
    );
    let tampered = case("rejects-body-byte-changed");
    let changed = genuine.iter().zip(&tampered).filter(|(a, b)| a != b).count();
    assert_eq!((tampered.len(), changed), (genuine.len(), 1));
    assert_ne!(case("rejects-keys-reordered"), genuine);
    let parsed = |bytes: Vec<u8>| serde_json::from_slice::<serde_json::Value>(&bytes).ok();
    for name in ["rejects-reserialized-pretty", "rejects-keys-reordered", "accepts-crlf-line-breaks"] {
        assert_eq!(parsed(case(name)), parsed(genuine.clone()), "{name} is the same JSON");
    }
}

#[test]
fn the_secret_is_made_for_the_pack() {
    let a = vectors(Language::Php, NOW, &entropy(1));
    let b = vectors(Language::Php, NOW, &entropy(2));
    assert_ne!(a.secret, b.secret);
    assert!(a.secret.starts_with("whsec_test_pack_") && a.secret.len() == 16 + 32, "{}", a.secret);
    let secrets: Vec<&str> = a.cases.iter().map(|c| c.secret.as_str()).filter(|s| *s != a.secret).collect();
    assert_eq!(secrets, [format!("{}\n", a.secret)]);
}

#[test]
fn every_failure_names_the_case_its_mistake_and_its_fix() {
    for case in Language::ALL.into_iter().flat_map(|language| vectors(language, NOW, &entropy(4)).cases) {
        let failure = case.failure();
        assert!(failure.starts_with(&format!("{}: your function ", case.name)), "{failure}");
        assert!(!case.mistake.is_empty() && failure.contains(&case.mistake), "{failure}");
        assert!(!case.fix.is_empty() && failure.contains(&format!("Fix: {}", case.fix)), "{failure}");
        if let Some(cause) = case.cause {
            assert!(failure.contains(cause.as_str()), "{failure}");
        }
    }
}

/// Each file opens with how to run it and the decision on upper-case hex, lists every case, and
/// holds one test per case (by the name the runner prints).
#[test]
fn every_language_renders_every_case() {
    for language in Language::ALL {
        let pack = build(language, NOW, &entropy(5));
        let vectors = vectors(language, NOW, &entropy(5));
        let opening: String = pack.text.lines().take(30).collect::<Vec<_>>().join("\n");
        assert!(opening.contains(language.run_command()), "{}: {opening}", language.id());
        assert!(pack.text.contains("upper case"), "{}", language.id());
        assert!(pack.text.contains(&vectors.secret), "{}", language.id());
        for case in &vectors.cases {
            let test_name = match language {
                Language::Node | Language::Go => format!("name: {:?}", case.name),
                Language::Python => format!("def test_{}(self)", case.name.replace('-', "_")),
                Language::Rust => format!("fn {}()", case.name.replace('-', "_")),
                Language::Php => format!("'{}' => [", case.name),
                Language::Ruby => format!("{:?} => [", case.name),
                Language::Java | Language::Csharp => format!("new Case(\n            {:?},", case.name),
            };
            let test_name = test_name.replace("name: ", if language == Language::Go { "name:    " } else { "name: " });
            assert!(pack.text.contains(&test_name), "{}: {test_name}", language.id());
            assert!(pack.text.contains(&hex::encode(&case.body.head)), "{}: {}", language.id(), case.name);
        }
        assert_eq!(Language::from_id(language.id()), Some(language));
        assert!(pack.text.len() < 64 * 1024, "{}: {} bytes", language.id(), pack.text.len());
    }
    assert_eq!(Language::from_id("cobol"), None);
}

/// Words only one language's receivers say: its idioms, its frameworks' and a few of its calls.
fn own_words(language: Language) -> Vec<&'static str> {
    let idioms = language.idioms();
    let mut words = vec![idioms.hmac_hex, idioms.hmac_base64, idioms.compare, idioms.trimmed_secret];
    for stack in language.stacks() {
        words.extend([stack.raw_body, stack.reparsed, stack.header]);
    }
    words.extend(match language {
        Language::Node => ["express", "createHmac", "timingSafeEqual", "JSON.stringify"],
        Language::Python => ["request.get_data", "compare_digest", "json.dumps", ".hexdigest()"],
        Language::Go => ["io.ReadAll", "hmac.Equal", "strings.TrimSpace", "json.Marshal"],
        Language::Rust => ["verify_slice", "Hmac::<Sha256>", "serde_json", "&[u8]"],
        Language::Php => ["hash_hmac", "hash_equals", "json_encode", "str_contains"],
        Language::Ruby => ["OpenSSL::HMAC", "secure_compare", "include?", "ENV.fetch"],
        Language::Java => ["MessageDigest.isEqual", "HexFormat", "getBytes(UTF_8)", "System.getenv"],
        Language::Csharp => ["FixedTimeEquals", "HMACSHA256", "Encoding.UTF8", "GetEnvironmentVariable"],
    });
    words
}

/// A Python reader is told Python (never express, createHmac or io.ReadAll), a Node reader
/// never request.get_data: no pack holds another language's idioms, neither in its file nor in
/// its sentences before they are quoted, and every pack's fixes hold its own.
#[test]
fn every_pack_speaks_its_own_language_only() {
    for language in Language::ALL {
        let file = build(language, NOW, &entropy(6)).text;
        let sentences: Vec<String> = vectors(language, NOW, &entropy(6))
            .cases
            .iter()
            .map(|c| format!("{} {}", c.meaning, c.failure()))
            .collect();
        let sentences = sentences.join("\n");
        for text in [&file, &sentences] {
            for other in Language::ALL.into_iter().filter(|other| *other != language) {
                for word in own_words(other) {
                    assert!(!text.contains(word), "the {} pack says {}'s {word:?}", language.id(), other.id());
                }
            }
            assert!(!text.contains("choose your stack"), "{}: a fix for any stack", language.id());
        }
        let idioms = language.idioms();
        for own in [idioms.hmac_hex, idioms.compare, idioms.trimmed_secret] {
            assert!(sentences.contains(own), "the {} pack never says {own:?}", language.id());
        }
        for stack in language.stacks() {
            assert!(sentences.contains(stack.raw_body), "the {} pack never says {:?}", language.id(), stack.raw_body);
        }
    }
}

/// Each case's fix is the one for its own language: the cause finder's for that language where
/// it names the cause, and never the words for any stack.
#[test]
fn every_fix_is_the_cause_finders_in_the_packs_language() {
    for language in Language::ALL {
        let vectors = vectors(language, NOW, &entropy(8));
        assert_eq!(vectors.language, language);
        for case in &vectors.cases {
            if let Some(cause) = case.cause {
                assert_eq!(case.fix, cause.fix_in(Choice::Language(language)), "{}: {}", language.id(), case.name);
            }
            let fix = &case.fix;
            assert!(fix.ends_with('.') && !fix.contains(": .") && !fix.contains("; not ."), "{}: {fix}", language.id());
            assert_eq!(fix.matches(" The raw body: ").count(), fix.matches(". The raw body: ").count(), "{fix}");
        }
        let other = vectors.cases.iter().zip(super::vectors(Language::Node, NOW, &entropy(8)).cases);
        for (case, node) in other {
            assert_eq!(
                (&case.name, &case.body, &case.header, &case.secret),
                (&node.name, &node.body, &node.header, &node.secret)
            );
        }
    }
}

/// javac reads `\u` escapes everywhere, comments included, and a file in the locale's encoding:
/// the Java pack is ASCII and every `\u` that javac would read is a whole escape.
#[test]
fn the_java_pack_is_ascii_and_its_unicode_escapes_are_whole() {
    let text = build(Language::Java, NOW, &entropy(9)).text;
    assert_java_escapes_are_whole(&text);
    assert!(text.contains("\\u6771\\u4eac"), "東京 in the comment and the failure, as escapes");
}

#[test]
fn the_literals_read_back() {
    assert_eq!(render::php_quoted("a'b\\c"), "'a\\'b\\\\c'");
    assert_eq!(render::php_quoted("s$x\n"), "\"s\\$x\\n\"");
    assert_eq!(render::ruby_quoted("#{x}\"\n"), "\"\\#{x}\\\"\\n\"");
    assert_eq!(render::ascii_quoted("é😀\n\\u"), "\"\\u00e9\\ud83d\\ude00\\n\\\\u\"");
}

/// Every part of the entropy is used (the two secrets and each delivery have their own), and the
/// sizes are what the documentation says.
#[test]
fn every_part_of_the_entropy_counts() {
    assert_eq!(LARGE_BODY_LEN, 1_048_576);
    let delivery = crate::echo::delivery::ENTROPY_LEN;
    assert_eq!(PACK_ENTROPY_LEN, 2 * SECRET_ENTROPY_LEN + 5 * delivery);
    let base = vectors(Language::Go, NOW, &entropy(10));
    let mut parts = vec![0..SECRET_ENTROPY_LEN, SECRET_ENTROPY_LEN..2 * SECRET_ENTROPY_LEN];
    parts.extend((0..5).map(|i| 2 * SECRET_ENTROPY_LEN + i * delivery..2 * SECRET_ENTROPY_LEN + (i + 1) * delivery));
    for part in parts {
        let mut other = entropy(10);
        other[part.clone()].iter_mut().for_each(|byte| *byte ^= 0x5a);
        let changed = vectors(Language::Go, NOW, &other);
        let differ = base.cases.iter().zip(&changed.cases).filter(|(a, b)| a != b).count();
        assert!(base.secret != changed.secret || differ > 0, "bytes {part:?} change nothing");
        // Each delivery's part changes its own case and not the others' genuine ones.
        let genuine = base.cases[..4].iter().zip(&changed.cases[..4]).filter(|(a, b)| a != b).count();
        assert!(genuine <= 1 || base.secret != changed.secret, "bytes {part:?} change {genuine} genuine cases");
    }
    // The other secret is made as the pack's is, from its own half.
    let seed = entropy(10);
    let other_secret = pack_secret(&seed[SECRET_ENTROPY_LEN..2 * SECRET_ENTROPY_LEN]);
    let case =
        base.cases.iter().find(|c| c.name == "rejects-another-secret").map(|c| (c.header.clone(), c.body.bytes()));
    let (header, body) = case.unwrap_or_default();
    assert_eq!(header, Some(signature::sign(other_secret.as_bytes(), &body)));
}

/// Entropy whose two secret halves are equal still gives a case signed with another secret.
#[test]
fn the_other_secret_is_another_even_from_equal_halves() {
    let mut seed = entropy(11);
    seed.copy_within(..SECRET_ENTROPY_LEN, SECRET_ENTROPY_LEN);
    let vectors = vectors(Language::Node, NOW, &seed);
    for case in &vectors.cases {
        assert_eq!(core_accepts(case), case.expect == Expect::Accept, "{}", case.name);
    }
}

#[test]
fn the_tampered_bodies_change_what_their_names_say() {
    let vectors = vectors(Language::Php, NOW, &entropy(12));
    let case = |name: &str| vectors.cases.iter().find(|c| c.name == name).cloned().map(|c| (c.body.bytes(), c.header));
    let (genuine, _) = case("rejects-another-secret").unwrap_or_default();
    let (tampered, _) = case("rejects-body-byte-changed").unwrap_or_default();
    let phone = genuine.windows(5).position(|w| w == b"+999 ").map(|at| at + 5).unwrap_or(usize::MAX);
    let changed: Vec<usize> = (0..genuine.len()).filter(|&i| genuine.get(i) != tampered.get(i)).collect();
    assert_eq!(changed, [phone], "one digit of the phone number");
    // The digit after "+999 " becomes the next one (9 becomes 0): still a phone number.
    let next = |digit: u8| if digit == b'9' { b'0' } else { digit + 1 };
    for seed in [12, 13, 14, 15] {
        let cases = super::vectors(Language::Php, NOW, &entropy(seed)).cases;
        let body = |name: &str| cases.iter().find(|c| c.name == name).map(|c| c.body.bytes()).unwrap_or_default();
        let (genuine, tampered) = (body("rejects-another-secret"), body("rejects-body-byte-changed"));
        let phone = genuine.windows(5).position(|w| w == b"+999 ").map_or(0, |at| at + 5);
        assert!(genuine[phone].is_ascii_digit() && tampered[phone] == next(genuine[phone]), "seed {seed}");
    }
    let (not_utf8, _) = case("accepts-bytes-not-utf8").unwrap_or_default();
    assert!(not_utf8.windows(6).any(|w| w == b"caf\xe9\"}") && not_utf8.ends_with(b"\"}}"));
    let (_, sha1) = case("rejects-hmac-sha1-signature").unwrap_or_default();
    let sha1 = sha1.unwrap_or_default();
    let digest = sha1.strip_prefix("sha256=").unwrap_or_default();
    assert!(digest.len() == 40 && digest.bytes().all(|b| b.is_ascii_hexdigit()), "{sha1}");
}

/// Each pack names its file, calls the function its header's signature names, and says its
/// language's words for a missing header, a substring, a prefix and a suffix.
#[test]
fn every_pack_names_its_file_function_and_words() {
    let calls = [
        (Language::Node, "verifyWebhook", ".mjs"),
        (Language::Python, "verify_webhook", ".py"),
        (Language::Go, "VerifyWebhook", "_test.go"),
        (Language::Rust, "verify_webhook", ".rs"),
        (Language::Php, "verify_webhook", ".php"),
        (Language::Ruby, "verify_webhook", ".rb"),
        (Language::Java, "verify", ".java"),
        (Language::Csharp, "Verify", ".cs"),
    ];
    assert_eq!(calls.map(|(language, ..)| language), Language::ALL);
    for (language, function, extension) in calls {
        let pack = build(language, NOW, &entropy(13));
        let id = language.id();
        assert!(pack.file_name.ends_with(extension) && pack.file_name.len() > extension.len() + 4, "{id}");
        assert!(pack.text.contains(pack.file_name), "{id}: the header names {}", pack.file_name);
        let stem = pack.file_name.split('.').next().unwrap_or_default();
        assert!(language.run_command().contains(stem) || language == Language::Go, "{id}: {}", language.run_command());
        assert!(language.signature().contains(&format!("{function}(")), "{id}: {}", language.signature());
        assert!(pack.text.contains(&format!("{function}(")), "{id}: the pack never calls {function}");
        let words = language.pack_words();
        let vectors = vectors(language, NOW, &entropy(13));
        let said = |name: &str| vectors.cases.iter().find(|c| c.name == name).map(Case::failure).unwrap_or_default();
        assert!(said("rejects-prefixless-signature").contains(&format!("({})", words.contains)), "{id}");
        assert!(said("rejects-truncated-signature").contains(&format!("({},", words.starts_with)), "{id}");
        let doubled = format!("({}, {})", words.contains, words.ends_with);
        assert!(said("rejects-doubled-prefix").contains(&doubled), "{id}");
        assert!(said("rejects-missing-signature").contains(&format!("({} here)", words.missing)), "{id}");
        let mistake = |name: &str| vectors.cases.iter().find(|c| c.name == name).map(|c| c.mistake.clone());
        let reparsed = mistake("rejects-reserialized-compact").unwrap_or_default();
        for stack in language.stacks() {
            assert!(
                reparsed.contains(&format!("{})", stack.reparsed))
                    || reparsed.contains(&format!("{}, or ", stack.reparsed)),
                "{id}: {reparsed}"
            );
        }
        let large = said("accepts-one-megabyte-body");
        assert_eq!(large.contains("limit: '1mb'"), language == Language::Node, "{id}: {large}");
    }
}

// Fixtures as cases.

use crate::share::fixture::{self as shared, CaseFields, SharedSecret, Tamper};

/// A fixture of a genuine `event` delivery, signed with the team's own secret (never the pack's),
/// with `case` and `note`.
fn fixture(event: Event, seed: u8, case: CaseFields, note: &str) -> Fixture {
    let signed = generate(event, NOW - 86_400_000, &[seed; ENTROPY_LEN]).signed("whsec_the_teams_own");
    Fixture {
        body: signed.body.clone().into_bytes(),
        headers: signed.header_lines(),
        event: Some(event),
        note: note.into(),
        secret: SharedSecret::None,
        case,
    }
}

fn tampered(tamper: Tamper) -> CaseFields {
    CaseFields { expect: None, tamper: Some(tamper) }
}

/// A library with one fixture of every kind: an accept, each tamper, a reject without tamper and
/// an accept with a tamper that breaks the signature.
fn library() -> Vec<(String, Fixture)> {
    let mut out =
        vec![("otp.verified-e3a9c1f0.json".to_string(), fixture(Event::OtpVerified, 1, CaseFields::default(), "kept"))];
    for (i, tamper) in Tamper::ALL.into_iter().enumerate() {
        out.push((format!("{}.json", tamper.name()), fixture(Event::OtpFailed, 10 + i as u8, tampered(tamper), "")));
    }
    let reject = CaseFields { expect: Some(shared::Expect::Reject), tamper: None };
    out.push(("plain-reject.json".into(), fixture(Event::OtpCreated, 30, reject, "")));
    let accept_tampered = CaseFields { expect: Some(shared::Expect::Accept), tamper: Some(Tamper::TamperedBody) };
    out.push(("accept-tampered.json".into(), fixture(Event::OtpCreated, 31, accept_tampered, "")));
    let accept_stale = CaseFields { expect: Some(shared::Expect::Accept), tamper: Some(Tamper::StaleDelivery) };
    out.push(("accept-stale.json".into(), fixture(Event::OtpExpired, 32, accept_stale, "")));
    out
}

#[test]
fn each_usable_fixture_is_one_case_that_the_core_verifier_answers_as_it_expects() {
    let fixtures = library();
    for language in [Language::Node, Language::Csharp] {
        let plain = vectors(language, NOW, &entropy(20));
        let with = vectors_with_fixtures(language, NOW, &entropy(20), &fixtures);
        assert_eq!(with.cases[..plain.cases.len()], plain.cases[..], "the built-in cases come first, unchanged");
        assert_eq!((&with.secret, &with.created_at), (&plain.secret, &plain.created_at));
        let cases: Vec<(&str, Expect)> = with.fixture_cases().map(|c| (c.name.as_str(), c.expect)).collect();
        assert_eq!(
            cases,
            [
                ("fixture-otp-verified-e3a9c1f0", Expect::Accept),
                ("fixture-tampered-body", Expect::Reject),
                ("fixture-trailing-newline", Expect::Reject),
                ("fixture-reserialized-body", Expect::Reject),
                ("fixture-missing-signature", Expect::Reject),
                ("fixture-wrong-secret", Expect::Reject),
                ("fixture-accept-stale", Expect::Accept),
            ]
        );
        assert_eq!(with.cases.len(), plain.cases.len() + 7);
        for case in with.fixture_cases() {
            assert_eq!(core_accepts(case), case.expect == Expect::Accept, "{}", case.name);
            assert_eq!(case.secret, with.secret, "{}: under the pack's secret", case.name);
            assert!(!case.mistake.is_empty() && case.fix.ends_with('.'), "{}", case.failure());
        }
        let left: Vec<&str> = with.left_out.iter().map(|l| l.file.as_str()).collect();
        assert_eq!(left, ["stale-delivery.json", "plain-reject.json", "accept-tampered.json"]);
        let why = |file: &str| with.left_out.iter().find(|l| l.file == file).map(|l| l.why.clone()).unwrap_or_default();
        assert!(why("stale-delivery.json").contains("clock check"), "{}", why("stale-delivery.json"));
        assert!(why("plain-reject.json").contains("without a tamper"), "{}", why("plain-reject.json"));
        assert!(why("accept-tampered.json").contains("tamper tampered-body breaks the signature"));
        // The pack names each with why, and where to replay it.
        let text = TestPack::of(&with).text;
        for left in &with.left_out {
            let named = format!("\"{}\": {}", left.file, &left.why[..20]);
            assert!(text.contains(&named), "{}: {named}", language.id());
        }
        let unwrapped = text.replace("\n//   ", " ");
        assert_eq!(unwrapped.matches("; replay it with webhook-echo replay or check --fixtures instead.").count(), 3);
        assert!(text.contains("The cases named fixture-"));
        assert!(!TestPack::of(&plain).text.contains("fixture-"), "no fixtures, no word of them");
    }
}

/// Each fixture case's bytes are the fixture's replay under the pack's secret: its own body with
/// a fresh id and createdAt, changed as its tamper says.
#[test]
fn a_fixture_case_is_the_fixtures_replay_under_the_packs_secret() {
    let fixtures = library();
    let with = vectors_with_fixtures(Language::Go, NOW, &entropy(21), &fixtures);
    let case = |name: &str| with.cases.iter().find(|c| c.name == name).cloned();
    let genuine = case("fixture-otp-verified-e3a9c1f0").map(|c| c.body.bytes()).unwrap_or_default();
    let body: serde_json::Value = serde_json::from_slice(&genuine).unwrap_or_default();
    let captured: serde_json::Value = serde_json::from_slice(&fixtures[0].1.body).unwrap_or_default();
    assert_eq!(body["payload"], captured["payload"]);
    assert_ne!(body["id"], captured["id"], "a fresh id");
    assert_eq!(body["createdAt"], crate::verify::timestamp::format_utc_millis(NOW));
    let replayed = |index: usize| {
        let (_, fixture) = &fixtures[index];
        crate::echo::replay::replay(
            fixture,
            &with.secret,
            NOW,
            &fixtures::replay_entropy(&entropy(21), index),
            crate::echo::replay::Bytes::Fresh,
        )
        .request
    };
    assert_eq!(replayed(0).body, genuine);
    for (index, name) in [(1, "fixture-tampered-body"), (2, "fixture-trailing-newline"), (5, "fixture-wrong-secret")] {
        let made = case(name).unwrap_or_else(|| panic!("{name}"));
        let request = replayed(index);
        assert_eq!(
            (made.body.bytes(), made.header.as_deref()),
            (request.body.clone(), request.header(SIGNATURE_HEADER))
        );
    }
    let only_cases = vectors_with_fixtures(Language::Go, NOW, &entropy(21), &fixtures[..1]);
    assert!(only_cases.left_out.is_empty() && TestPack::of(&only_cases).text.contains("The cases named fixture-"));
    let newline = case("fixture-trailing-newline").map(|c| c.body.bytes()).unwrap_or_default();
    assert!(newline.ends_with(b"}\n"));
    assert_eq!(case("fixture-missing-signature").map(|c| c.header), Some(None));
    // Each fixture's fresh id is its own, from the pack's entropy.
    let ids: std::collections::BTreeSet<Vec<u8>> =
        (0..fixtures.len()).map(|i| fixtures::replay_entropy(&entropy(21), i).to_vec()).collect();
    assert_eq!(ids.len(), fixtures.len());
    assert_ne!(fixtures::replay_entropy(&entropy(21), 0), fixtures::replay_entropy(&entropy(22), 0));
    assert_eq!(vectors_with_fixtures(Language::Go, NOW, &entropy(21), &fixtures), with, "a function of its arguments");
    let same = vec![fixtures[0].clone(), fixtures[0].clone()];
    let twice = vectors_with_fixtures(Language::Go, NOW, &entropy(21), &same);
    let bodies: Vec<Vec<u8>> = twice.fixture_cases().map(|c| c.body.bytes()).collect();
    assert!(bodies.len() == 2 && bodies[0] != bodies[1], "the same fixture twice is two deliveries");
    let names: Vec<&str> = twice.fixture_cases().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["fixture-otp-verified-e3a9c1f0", "fixture-otp-verified-e3a9c1f0-2"]);
}

const SIGNATURE_HEADER: &str = crate::protocol::headers::SIGNATURE;

/// A failing fixture case says what a failing built-in case of its kind says; an accepted one
/// names its file.
#[test]
fn a_fixture_case_says_the_mistake_and_fix_of_its_kind() {
    let fixtures = library();
    for language in Language::ALL {
        let with = vectors_with_fixtures(language, NOW, &entropy(23), &fixtures);
        let case = |name: &str| with.cases.iter().find(|c| c.name == name).cloned().unwrap_or_else(|| panic!("{name}"));
        for (fixture, built_in) in [
            ("fixture-tampered-body", "rejects-body-byte-changed"),
            ("fixture-trailing-newline", "rejects-trailing-newline"),
            ("fixture-reserialized-body", "rejects-reserialized-pretty"),
            ("fixture-missing-signature", "rejects-missing-signature"),
            ("fixture-wrong-secret", "rejects-another-secret"),
        ] {
            let (made, kind) = (case(fixture), case(built_in));
            assert_eq!((&made.mistake, &made.fix, made.cause), (&kind.mistake, &kind.fix, kind.cause), "{fixture}");
            let tamper = fixture.trim_start_matches("fixture-");
            assert!(made.meaning.contains(&format!("\"{tamper}.json\"")), "{}", made.meaning);
            assert!(made.meaning.ends_with(&format!("then changed by its tamper {tamper}")), "{}", made.meaning);
        }
        let accepted = case("fixture-otp-verified-e3a9c1f0");
        assert_eq!(
            accepted.mistake,
            "your function rejected \"otp.verified-e3a9c1f0.json\": a delivery your team keeps as one to accept."
        );
        assert_eq!(accepted.fix, Cause::BodyReserialized.fix_in(Choice::Language(language)));
        assert_eq!(accepted.cause, None);
        assert_eq!(
            accepted.meaning,
            "the fixture \"otp.verified-e3a9c1f0.json\" re-signed with this pack's secret (its note: \"kept\")"
        );
        assert!(accepted.failure().starts_with("fixture-otp-verified-e3a9c1f0: your function rejected the fixture "));
    }
}

#[test]
fn a_fixtures_verdict_that_the_signature_does_not_decide_is_left_out() {
    use shared::Expect::{Accept, Reject};
    assert_eq!(fixtures::why_not_a_case(Accept, None, true), None);
    assert_eq!(fixtures::why_not_a_case(Accept, Some(Tamper::StaleDelivery), true), None);
    assert_eq!(fixtures::why_not_a_case(Reject, Some(Tamper::TamperedBody), false), None);
    assert_eq!(fixtures::why_not_a_case(Reject, None, false), None);
    let why = |expect, tamper, valid| fixtures::why_not_a_case(expect, tamper, valid).unwrap_or_default();
    assert!(why(Reject, Some(Tamper::StaleDelivery), true).starts_with("its tamper is stale-delivery"));
    assert!(why(Reject, None, true).starts_with("it expects reject without a tamper"));
    assert!(
        why(Reject, Some(Tamper::ReserializedBody), true).starts_with("its tamper reserialized-body leaves the bytes")
    );
    assert!(why(Accept, Some(Tamper::WrongSecret), false).starts_with("it expects accept, but its tamper wrong-secret"));
    assert!(why(Accept, None, false).contains("does not verify"));
    // A body already in the reserialised form: its tamper changes nothing, so it is left out.
    let pretty = crate::echo::replay::reserialized(&fixture(Event::OtpVerified, 2, CaseFields::default(), "").body);
    let mut already = fixture(Event::OtpVerified, 2, tampered(Tamper::ReserializedBody), "");
    already.body = pretty;
    let with = vectors_with_fixtures(Language::Ruby, NOW, &entropy(24), &[("pretty.json".into(), already)]);
    assert_eq!(with.fixture_cases().count(), 0);
    assert!(with.left_out.iter().any(|l| l.file == "pretty.json" && l.why.contains("leaves the bytes as signed")));
    assert!(TestPack::of(&with).text.contains("The cases named fixture-"), "said when every fixture is left out too");
}

#[test]
fn a_fixture_case_name_is_a_test_name_in_every_language() {
    let mut taken = std::collections::BTreeSet::new();
    let mut name = |file: &str, index: usize| fixtures::case_name(file, index, &mut taken);
    assert_eq!(name("Otp.Verified-E3A9C1F0.JSON", 0), "fixture-otp-verified-e3a9c1f0");
    assert_eq!(name("otp.verified-e3a9c1f0.json", 1), "fixture-otp-verified-e3a9c1f0-2");
    assert_eq!(name("otp verified e3a9c1f0", 2), "fixture-otp-verified-e3a9c1f0-3");
    assert_eq!(name("--__Forged  phone!!.json", 3), "fixture-forged-phone");
    assert_eq!(name("東京.json", 4), "fixture-5");
    assert_eq!(name(".json", 5), "fixture-6");
    assert_eq!(name("é.json.json", 6), "fixture-json");
    assert_eq!(name("a\"\"\"\n?>*/${x}#{y}`z`\0.json", 7), "fixture-a-x-y-z");
    assert_eq!(name("caf\u{e9}.jsoné", 8), "fixture-caf-json");
    let long = name(&format!("{}-{}.json", "a".repeat(47), "b".repeat(40)), 9);
    assert_eq!(long, format!("fixture-{}", "a".repeat(47)), "48 characters, no - at the end");
    assert_eq!(name(&"b".repeat(60), 10), format!("fixture-{}", "b".repeat(48)));
    for name in &taken {
        let rest = name.strip_prefix("fixture-").unwrap_or_default();
        assert!(
            !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{name}"
        );
        assert!(!rest.starts_with('-') && !rest.ends_with('-') && !rest.contains("--"), "{name}");
    }
}

/// A body as the file writes it: the longest run of the padding byte as a count, when it is long.
#[test]
fn a_fixture_body_is_written_short_when_it_has_a_long_run_of_padding() {
    let short = [b"{\"a\":\"".as_slice(), &[PADDING_BYTE; 1023], b"\"}"].concat();
    assert_eq!(PackBody::compact(short.clone()), PackBody::exact(short));
    let body = [b"xx{".as_slice(), &[PADDING_BYTE; 1500], b"-", &[PADDING_BYTE; 2000], b"}x"].concat();
    let packed = PackBody::compact(body.clone());
    assert_eq!((packed.head.len(), packed.padding, packed.tail.len()), (3 + 1500 + 1, 2000, 2));
    assert_eq!(packed.bytes(), body);
    assert_eq!(packed.written(), 3 + 1500 + 1 + 2, "what the file holds: the head and the tail");
    // Of two runs as long, the first.
    let twice = [b"{".as_slice(), &[PADDING_BYTE; 1200], b"-", &[PADDING_BYTE; 1200], b"}"].concat();
    let packed = PackBody::compact(twice.clone());
    assert_eq!((packed.head.len(), packed.padding, packed.tail.len()), (1, 1200, 1202));
    assert_eq!((packed.bytes(), packed.written()), (twice, 1203));
    let all = vec![PADDING_BYTE; 1024];
    assert_eq!(PackBody::compact(all.clone()), PackBody { head: vec![], padding: 1024, tail: vec![] });
    assert_eq!(PackBody::compact(Vec::new()), PackBody::exact(Vec::new()));
}

/// A body over 1 MiB is left out; a pack carries 2 MiB of fixture bodies and 200 fixture cases
/// at most; the 1 MiB body made from the large case costs the file its head and tail only.
#[test]
fn large_fixtures_and_large_libraries_keep_the_pack_a_reasonable_size() {
    let accept = CaseFields::default();
    let large_case = vectors(Language::Node, NOW, &entropy(25))
        .cases
        .into_iter()
        .find(|c| c.name == "accepts-one-megabyte-body")
        .map(|c| c.body.bytes())
        .unwrap_or_default();
    let of = |body: Vec<u8>| Fixture { body, ..fixture(Event::OtpVerified, 3, accept, "") };
    let not_padding = |len: usize| vec![b'y'; len];
    // Replayed, the large case's body keeps its length (a fresh id and createdAt as long as its
    // own) and is written as its head and tail.
    let large_written = PackBody::compact(large_case.clone()).written();
    let fixtures = vec![
        ("too-large.json".to_string(), of(not_padding(MAX_FIXTURE_BODY_LEN + 1))),
        ("large-case.json".to_string(), of(large_case.clone())),
        ("exactly-1-mib.json".to_string(), of(not_padding(MAX_FIXTURE_BODY_LEN))),
        (
            "fills-the-budget.json".to_string(),
            of(not_padding(MAX_FIXTURE_BYTES - MAX_FIXTURE_BODY_LEN - large_written)),
        ),
        ("past-the-budget.json".to_string(), of(not_padding(1))),
    ];
    let with = vectors_with_fixtures(Language::Java, NOW, &entropy(25), &fixtures);
    let names: Vec<&str> = with.fixture_cases().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["fixture-large-case", "fixture-exactly-1-mib", "fixture-fills-the-budget"]);
    for case in with.fixture_cases() {
        assert!(core_accepts(case), "{}", case.name);
    }
    let large = with.fixture_cases().next().map(|c| c.body.clone()).unwrap_or_else(|| PackBody::exact(vec![]));
    assert!(large.padding > 1_000_000 && large.written() == large_written && large_written < 1000, "{large_written}");
    let written: usize = with.fixture_cases().map(|c| c.body.head.len() + c.body.tail.len()).sum();
    assert_eq!(written, MAX_FIXTURE_BYTES, "the budget, to the byte");
    let left: Vec<(&str, &str)> = with.left_out.iter().map(|l| (l.file.as_str(), l.why.as_str())).collect();
    assert_eq!(left.len(), 2, "{left:?}");
    assert_eq!(left[0].0, "too-large.json");
    assert!(left[0].1.starts_with("its body is 1,048,577 bytes, more than the 1,048,576 (1 MiB)"), "{}", left[0].1);
    assert_eq!(left[1].0, "past-the-budget.json");
    assert_eq!(
        left[1].1,
        "the pack already carries 2,097,152 bytes of fixture bodies, and this one's 1 would take it past 2,097,152 (2 MiB)"
    );
    // Java and C# join a long body's literals at run time: javac refuses a constant over 64 KB.
    let java = TestPack::of(&with).text;
    assert!(java.contains("String.join(\"\", \""), "Java joins the parts");
    let longest = java.split(|c: char| !c.is_ascii_hexdigit()).map(str::len).max().unwrap_or(0);
    assert_eq!(longest, render::HEX_LITERAL_CHARS);
    let csharp = TestPack::of(&PackVectors { language: Language::Csharp, ..with.clone() }).text;
    assert!(csharp.contains("string.Concat(\""));
    assert!(java.len() < 5 * 1024 * 1024 && csharp.len() < 5 * 1024 * 1024);

    let many: Vec<(String, Fixture)> =
        (0..=MAX_FIXTURE_CASES).map(|i| (format!("f{i}.json"), fixture(Event::OtpVerified, 4, accept, ""))).collect();
    let with = vectors_with_fixtures(Language::Python, NOW, &entropy(26), &many);
    assert_eq!(with.fixture_cases().count(), MAX_FIXTURE_CASES);
    let left: Vec<&str> = with.left_out.iter().map(|l| l.file.as_str()).collect();
    assert_eq!(left, [format!("f{MAX_FIXTURE_CASES}.json")]);
    assert!(with.left_out[0].why.contains("already holds 200 fixture cases"));
}

#[test]
fn a_long_hex_literal_is_joined_from_parts_of_the_limit() {
    let limit = render::HEX_LITERAL_CHARS;
    let hex = "ab".repeat(limit / 2);
    assert_eq!(render::ascii_quoted(&hex), format!("\"{hex}\""));
    let longer = format!("{hex}cd");
    let parts = format!("J(\"{hex}\", \"cd\")");
    assert_eq!(render_hex_literal(&longer), parts);
    assert_eq!(render_hex_literal(&hex), format!("\"{hex}\""));
}

fn render_hex_literal(hex: &str) -> String {
    render::hex_literal(hex, "J(")
}

/// Text that breaks out of a comment or a string literal in one language or another.
const HOSTILE: &str = "QZX */ /* \"\"\"\"\" ''' \\\" \\' \\u000a \\ ${process.exit(1)} #{exit 1} #@x #$y `rm -rf /` ?> <?php -*- frozen_string_literal: true -*- \n# injected\r\n\0NUL \u{2028}\u{2029}\u{85}\u{202e}\u{2066}\u{feff}\u{200b}\t\u{7f} end QZX";

/// One language's quoting of a failure: the function its renderer uses.
fn literal(language: Language, text: &str) -> String {
    match language {
        Language::Node | Language::Python | Language::Go => render::quoted(text),
        Language::Rust => render::rust_quoted(text),
        Language::Php => render::php_quoted(text),
        Language::Ruby => render::ruby_quoted(text),
        Language::Java | Language::Csharp => render::ascii_quoted(text),
    }
}

/// A note and file names from a file cannot break out of a comment or a string in any language:
/// the text is one line with its invisible and control characters as tokens, it stands only in
/// comment lines and in the failure's literal (which reads back), and nothing a language reads in
/// a comment (`?>` in PHP, `-*-` in Ruby, `"""` in Python's docstring, `\u` in Java) survives.
#[test]
fn hostile_notes_and_file_names_stay_inside_comments_and_strings() {
    let accept = CaseFields::default();
    let fixtures = vec![
        (format!("{HOSTILE}.json"), fixture(Event::OtpVerified, 5, accept, HOSTILE)),
        (format!("{HOSTILE}-2.json"), fixture(Event::OtpVerified, 6, tampered(Tamper::StaleDelivery), HOSTILE)),
        ("note.json".into(), fixture(Event::OtpFailed, 7, tampered(Tamper::TrailingNewline), HOSTILE)),
    ];
    for language in Language::ALL {
        let with = vectors_with_fixtures(language, NOW, &entropy(27), &fixtures);
        assert_eq!((with.fixture_cases().count(), with.left_out.len()), (2, 1), "{}", language.id());
        let text = TestPack::of(&with).text;
        let id = language.id();
        let forbidden =
            ['\r', '\0', '\u{2028}', '\u{2029}', '\u{85}', '\u{202e}', '\u{2066}', '\u{feff}', '\u{200b}', '\u{7f}'];
        for c in forbidden {
            assert!(!text.contains(c), "{id}: U+{:04X} in the file", u32::from(c));
        }
        assert!(!text.chars().any(|c| c.is_control() && c != '\n' && c != '\t'), "{id}: a control character");
        let docstring_end = match language {
            Language::Python => {
                let end = text.find("\n\"\"\"\n\nimport").map_or(0, |at| at + 1);
                assert_eq!(text[4..].find("\"\"\"").map(|at| at + 4), Some(end), "the docstring ends where it should");
                end
            }
            _ => 0,
        };
        let comment = match language {
            Language::Ruby => "#",
            _ => "//",
        };
        let comments = || text.lines().filter(|line| line.starts_with(comment));
        match language {
            Language::Php => assert_eq!(comments().filter(|line| line.contains("?>")).count(), 0, "PHP"),
            Language::Ruby => assert_eq!(comments().filter(|line| line.contains("-*-")).count(), 0, "Ruby"),
            Language::Java => assert_java_escapes_are_whole(&text),
            _ => {}
        }
        let failures: Vec<String> = with.fixture_cases().map(|c| literal(language, &c.failure())).collect();
        let mut offset = 0;
        let mut seen = 0;
        for line in text.split_inclusive('\n') {
            let at = offset;
            offset += line.len();
            if !line.contains("QZX") {
                continue;
            }
            seen += 1;
            let trimmed = line.trim();
            if at < docstring_end || trimmed.starts_with(comment) {
                continue;
            }
            let value = trimmed.strip_prefix("failure:").map_or(trimmed, str::trim_start);
            assert!(
                failures.iter().any(|f| value == format!("{f},") || value == format!("{f}),")),
                "{id}: a line that is neither a comment nor the failure's literal: {line}"
            );
        }
        // Each fixture case's line in the header, the left-out one's, and two failures at least.
        assert!(seen >= 5, "{id}: {seen} lines");
        for case in with.fixture_cases() {
            assert!(case.meaning.contains("QZX */ /*") && !case.meaning.contains('\n'), "{}", case.meaning);
        }
    }
    // Each literal reads back as the failure, whole.
    let failure = vectors_with_fixtures(Language::Node, NOW, &entropy(27), &fixtures)
        .fixture_cases()
        .next()
        .map(Case::failure)
        .unwrap_or_default();
    for text in [failure.as_str(), HOSTILE] {
        assert_eq!(serde_json::from_str::<String>(&render::quoted(text)).ok().as_deref(), Some(text));
        assert_eq!(serde_json::from_str::<String>(&render::ascii_quoted(text)).ok().as_deref(), Some(text));
        assert!(render::ascii_quoted(text).is_ascii());
        assert_eq!(php_unquoted(&render::php_quoted(text)).as_deref(), Some(text), "PHP");
        assert_eq!(ruby_unquoted(&render::ruby_quoted(text)).as_deref(), Some(text), "Ruby");
    }
}

/// javac reads `\u` escapes everywhere: every one it would read in `text` is whole, and the file
/// is ASCII.
fn assert_java_escapes_are_whole(text: &str) {
    assert!(text.is_ascii());
    let bytes = text.as_bytes();
    let mut backslashes = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        if byte == b'\\' {
            if backslashes % 2 == 0 && bytes.get(at + 1) == Some(&b'u') {
                let digits = bytes.get(at + 2..at + 6).unwrap_or_default();
                assert!(digits.len() == 4 && digits.iter().all(u8::is_ascii_hexdigit), "at {at}: {}", &text[at..]);
                let unit = u32::from_str_radix(std::str::from_utf8(digits).unwrap_or_default(), 16).unwrap_or(0);
                assert!(unit >= 0x80, "at {at}: javac would read an ASCII character (a line break, a quote) here");
            }
            backslashes += 1;
        } else {
            backslashes = 0;
        }
    }
}

/// What PHP reads from one of `php_quoted`'s literals; `None` when the literal ends early or
/// would interpolate.
fn php_unquoted(literal: &str) -> Option<String> {
    let (quote, inner) = match literal.chars().next()? {
        '\'' => ('\'', literal.strip_prefix('\'')?.strip_suffix('\'')?),
        '"' => ('"', literal.strip_prefix('"')?.strip_suffix('"')?),
        _ => return None,
    };
    let mut bytes = Vec::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (_, '\\') => {
                let next = chars.next()?;
                match (quote, next) {
                    ('\'', '\\' | '\'') | ('"', '\\' | '"' | '$') => bytes.push(next as u8),
                    ('\'', other) => bytes.extend_from_slice(format!("\\{other}").as_bytes()),
                    ('"', 'n') => bytes.push(b'\n'),
                    ('"', 'r') => bytes.push(b'\r'),
                    ('"', 't') => bytes.push(b'\t'),
                    ('"', 'x') => {
                        let hex: String = [chars.next()?, chars.next()?].iter().collect();
                        bytes.push(u8::from_str_radix(&hex, 16).ok()?);
                    }
                    _ => return None,
                }
            }
            ('\'', '\'') | ('"', '"' | '$') => return None,
            _ => bytes.extend_from_slice(c.to_string().as_bytes()),
        }
    }
    String::from_utf8(bytes).ok()
}

/// What Ruby reads from one of `ruby_quoted`'s literals; `None` when the literal ends early or
/// would interpolate.
fn ruby_unquoted(literal: &str) -> Option<String> {
    let inner = literal.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                'u' => {
                    if chars.next()? != '{' {
                        return None;
                    }
                    let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                other @ ('\\' | '"' | '#') => out.push(other),
                _ => return None,
            },
            '"' => return None,
            '#' if matches!(chars.peek(), Some('{' | '$' | '@')) => return None,
            c => out.push(c),
        }
    }
    Some(out)
}
