use super::*;
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
    assert!(text.is_ascii());
    let bytes = text.as_bytes();
    let mut backslashes = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        if byte == b'\\' {
            if backslashes % 2 == 0 && bytes.get(at + 1) == Some(&b'u') {
                let digits = bytes.get(at + 2..at + 6).unwrap_or_default();
                assert!(digits.len() == 4 && digits.iter().all(u8::is_ascii_hexdigit), "at {at}: {}", &text[at..]);
            }
            backslashes += 1;
        } else {
            backslashes = 0;
        }
    }
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
