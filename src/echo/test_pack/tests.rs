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
    for seed in [0, 1, 200] {
        let vectors = vectors(NOW, &entropy(seed));
        for case in &vectors.cases {
            assert_eq!(core_accepts(case), case.expect == Expect::Accept, "{}", case.name);
            assert_eq!(case.name.starts_with("accepts-"), case.expect == Expect::Accept, "{}", case.name);
        }
    }
}

/// The issue's list, by name: every one is there, once, and nothing else sneaks in unnamed.
#[test]
fn the_pack_has_every_case_the_issue_asks_for() {
    let vectors = vectors(NOW, &entropy(7));
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
    let vectors = vectors(NOW, &entropy(3));
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
    let a = vectors(NOW, &entropy(1));
    let b = vectors(NOW, &entropy(2));
    assert_ne!(a.secret, b.secret);
    assert!(a.secret.starts_with("whsec_test_pack_") && a.secret.len() == 16 + 32, "{}", a.secret);
    let secrets: Vec<&str> = a.cases.iter().map(|c| c.secret.as_str()).filter(|s| *s != a.secret).collect();
    assert_eq!(secrets, [format!("{}\n", a.secret)]);
}

#[test]
fn every_failure_names_the_case_its_mistake_and_its_fix() {
    for case in vectors(NOW, &entropy(4)).cases {
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
        let vectors = vectors(NOW, &entropy(5));
        let opening: String = pack.text.lines().take(30).collect::<Vec<_>>().join("\n");
        assert!(opening.contains(language.run_command()), "{}: {opening}", language.id());
        assert!(pack.text.contains("upper case"), "{}", language.id());
        assert!(pack.text.contains(&vectors.secret), "{}", language.id());
        for case in &vectors.cases {
            let test_name = match language {
                Language::Node | Language::Go => format!("name: {:?}", case.name),
                Language::Python => format!("def test_{}(self)", case.name.replace('-', "_")),
                Language::Rust => format!("fn {}()", case.name.replace('-', "_")),
            };
            let test_name = test_name.replace("name: ", if language == Language::Go { "name:    " } else { "name: " });
            assert!(pack.text.contains(&test_name), "{}: {test_name}", language.id());
            assert!(pack.text.contains(&hex::encode(&case.body.head)), "{}: {}", language.id(), case.name);
        }
        assert_eq!(Language::from_id(language.id()), Some(language));
        assert!(pack.text.len() < 64 * 1024, "{}: {} bytes", language.id(), pack.text.len());
    }
    assert_eq!(Language::from_id("php"), None);
}
