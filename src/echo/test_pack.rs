//! The receiver test pack: one file of tests, in each language of `Language` (Node, Python, Go,
//! Rust, PHP, Ruby, Java, C#), that calls the reader's own verify function with deliveries that
//! catch the usual mistakes (hashing a re-serialised, trimmed or decoded body, a prefix or
//! `includes` comparison, a missing header accepted) as well as genuine ones it must accept.
//!
//! The vectors are made here, at download time, by the core's own delivery generator and signer,
//! under a test secret made for the pack from the entropy the caller passes (never the reader's
//! secret). Every mistake and fix is said in the pack's own language: the cause finder's fixes
//! for that language (`Cause::fix_in`), and the others from the stack table's idioms. `render`
//! turns them into each language's file.
//!
//! A team's fixtures become cases too (`build_with_fixtures`, `fixtures`): each replayed under the
//! pack's secret as `webhook-echo replay` would send it, with the mistake and fix of the built-in
//! case of its kind; the ones the signature alone does not decide are named in the file instead.

mod fixtures;
mod render;

use hmac::{Hmac, KeyInit as _, Mac as _};
use sha1::Sha1;

use crate::diagnose::diagnosis::Cause;
use crate::diagnose::json_forms::{self, Escape, KeyOrder, NumberStyle, Style};
use crate::echo::delivery::{generate, ENTROPY_LEN};
use crate::echo::example::EXAMPLE_BODY;
use crate::protocol::base64;
use crate::protocol::events::{Event, EventStatus};
use crate::protocol::headers::SIGNATURE_PREFIX;
use crate::share::fixture::Fixture;
use crate::stacks::Choice;
use crate::verify::signature;

pub use fixtures::{LeftOut, FIXTURE_CASE_PREFIX, MAX_FIXTURE_BODY_LEN, MAX_FIXTURE_BYTES, MAX_FIXTURE_CASES};

/// Random bytes for one pack: its test secret, another secret, and one delivery per active
/// event plus the one the tampered cases start from.
pub const PACK_ENTROPY_LEN: usize = 2 * SECRET_ENTROPY_LEN + 5 * ENTROPY_LEN;
const SECRET_ENTROPY_LEN: usize = 16;

/// The size of the large body: 1 MiB exactly.
pub const LARGE_BODY_LEN: usize = 1024 * 1024;
/// The byte the large body is padded with, repeated by the pack's own code.
pub const PADDING_BYTE: u8 = b'x';

pub use crate::stacks::Language;

/// What a pack needs of its language beyond the stack table's idioms.
impl Language {
    /// The file name the pack is saved under, which `run_command` expects.
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Node => "cobinar-webhook.test.mjs",
            Self::Python => "test_cobinar_webhook.py",
            Self::Go => "cobinar_webhook_test.go",
            Self::Rust => "cobinar_webhook.rs",
            Self::Php => "cobinar_webhook_test.php",
            Self::Ruby => "cobinar_webhook_test.rb",
            Self::Java => "CobinarWebhookTest.java",
            Self::Csharp => "CobinarWebhookTest.cs",
        }
    }

    /// The command that runs the pack, as the README and the file's own header give it.
    pub fn run_command(self) -> &'static str {
        self.idioms().test_command
    }

    /// How the pack passes a missing header, and how the language tests for a substring, a
    /// prefix and a suffix: the words its comparison mistakes are told in.
    fn pack_words(self) -> PackWords {
        let (missing, contains, starts_with, ends_with) = match self {
            Self::Node => ("undefined", "includes", "startsWith", "endsWith"),
            Self::Python => ("None", "in", "startswith", "endswith"),
            Self::Go => ("\"\"", "strings.Contains", "strings.HasPrefix", "strings.HasSuffix"),
            Self::Rust => ("None", "contains", "starts_with", "ends_with"),
            Self::Php => ("null", "str_contains", "str_starts_with", "str_ends_with"),
            Self::Ruby => ("nil", "include?", "start_with?", "end_with?"),
            Self::Java => ("null", "contains", "startsWith", "endsWith"),
            Self::Csharp => ("null", "Contains", "StartsWith", "EndsWith"),
        };
        // Where a language's common framework refuses a 1 MiB body unless told otherwise.
        let body_limit = match self {
            Self::Node => Some("In Express, express.raw (like express.json) refuses a body over 100kb by default: give it a limit, express.raw({ type: 'application/json', limit: '1mb' }) or more."),
            _ => None,
        };
        PackWords { missing, contains, starts_with, ends_with, body_limit }
    }

    /// The function the pack calls, with the documentation's signature in this language.
    pub fn signature(self) -> &'static str {
        match self {
            Self::Node => {
                "verifyWebhook(rawBody: Buffer, signatureHeader: string | undefined, webhookSecret: string) => boolean"
            }
            Self::Python => "verify_webhook(raw_body: bytes, signature_header: str | None, secret: str) -> bool",
            Self::Go => "func VerifyWebhook(body []byte, header string, secret string) bool",
            Self::Rust => "fn verify_webhook(body: &[u8], header: Option<&str>, secret: &str) -> bool",
            Self::Php => "function verify_webhook(string $rawBody, ?string $signatureHeader, string $secret): bool",
            Self::Ruby => "verify_webhook(raw_body, signature_header, secret) -> true or false",
            Self::Java => "public static boolean verify(byte[] rawBody, String signatureHeader, String secret) in public class WebhookVerifier",
            Self::Csharp => "public static bool Verify(byte[] rawBody, string signatureHeader, string secret) in public static class WebhookVerifier",
        }
    }
}

/// A language's words for what the pack's mistakes name, beyond the stack table's idioms.
struct PackWords {
    missing: &'static str,
    contains: &'static str,
    starts_with: &'static str,
    ends_with: &'static str,
    body_limit: Option<&'static str>,
}

/// What the reader's function must answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    Accept,
    Reject,
}

/// A body as the pack writes it: `head`, then `padding` times `PADDING_BYTE`, then `tail`, so
/// that a megabyte body costs the file a few hundred bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackBody {
    pub head: Vec<u8>,
    pub padding: usize,
    pub tail: Vec<u8>,
}

impl PackBody {
    fn exact(bytes: impl Into<Vec<u8>>) -> Self {
        PackBody { head: bytes.into(), padding: 0, tail: Vec::new() }
    }

    /// The bytes the reader's function is given.
    pub fn bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.head.len() + self.padding + self.tail.len());
        out.extend_from_slice(&self.head);
        out.resize(self.head.len() + self.padding, PADDING_BYTE);
        out.extend_from_slice(&self.tail);
        out
    }
}

/// One call of the reader's function and the answer it must give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// Stable and meaningful: `accepts-…` or `rejects-…`.
    pub name: String,
    pub expect: Expect,
    /// What the delivery is, in a line.
    pub meaning: String,
    pub body: PackBody,
    /// The `x-cobinar-signature` value; `None` when the header is missing.
    pub header: Option<String>,
    /// The secret the function is given (the pack's, but for the one case that changes it).
    pub secret: String,
    /// What a wrong answer reveals about the function.
    pub mistake: String,
    /// How to fix it, in the pack's language: the cause finder's words where it names this
    /// mistake.
    pub fix: String,
    /// The cause finder's name for the mistake, when it has one.
    pub cause: Option<Cause>,
}

impl Case {
    /// The sentence a failing test prints: the case, the mistake and the fix.
    pub fn failure(&self) -> String {
        let answered = match self.expect {
            Expect::Accept => "rejected",
            Expect::Reject => "accepted",
        };
        let cause = self.cause.map(|c| format!(" [{}]", c.as_str())).unwrap_or_default();
        format!(
            "{}: your function {answered} {}. Mistake{cause}: {} Fix: {}",
            self.name, self.meaning, self.mistake, self.fix
        )
    }
}

/// The vectors of one pack, under its own test secret, told in its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackVectors {
    pub language: Language,
    pub secret: String,
    pub created_at: String,
    /// The built-in cases, then one per fixture that could be one (`FIXTURE_CASE_PREFIX`).
    pub cases: Vec<Case>,
    /// The fixtures given that are not cases, each with why: the pack names them.
    pub left_out: Vec<LeftOut>,
}

impl PackVectors {
    /// The cases made from fixtures, in the order the fixtures were given.
    pub fn fixture_cases(&self) -> impl Iterator<Item = &Case> {
        self.cases.iter().filter(|case| case.name.starts_with(FIXTURE_CASE_PREFIX))
    }
}

/// One pack's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestPack {
    pub language: Language,
    pub file_name: &'static str,
    pub text: String,
}

impl TestPack {
    /// The file for `vectors`, in their language.
    pub fn of(vectors: &PackVectors) -> Self {
        TestPack { language: vectors.language, file_name: vectors.language.file_name(), text: render::render(vectors) }
    }
}

/// The pack for `language`, made now with fresh randomness.
pub fn build(language: Language, now_unix_millis: i64, entropy: &[u8; PACK_ENTROPY_LEN]) -> TestPack {
    build_with_fixtures(language, now_unix_millis, entropy, &[])
}

/// The pack for `language` with one more case per fixture (its file name, then the fixture),
/// under the pack's own test secret; the fixtures that cannot be cases are named in the file
/// with why. A function of its arguments: the fixtures' fresh ids come from `entropy` too.
pub fn build_with_fixtures(
    language: Language,
    now_unix_millis: i64,
    entropy: &[u8; PACK_ENTROPY_LEN],
    fixtures: &[(String, Fixture)],
) -> TestPack {
    TestPack::of(&vectors_with_fixtures(language, now_unix_millis, entropy, fixtures))
}

/// Why upper-case hex is rejected, said in every pack.
pub const UPPER_CASE_DECISION: &str = "An upper-case hex digest is rejected. Cobinar writes lower-case hex, and the documentation's reference verification compares the whole header as a string, which rejects upper case; a header in upper case was therefore not written by Cobinar. Accepting it would not let a forgery in (the bytes are the same), but it means your function compares something laxer than the documented value, so this pack asks for the documented behaviour.";

/// The fixes no cause of the cause finder names, each in one language's words: the stack
/// table's idioms for that language and its frameworks'.
struct Fixes {
    language: Language,
}

impl Fixes {
    /// `sentence`, then how the language's frameworks give the raw body, where the table has any.
    fn with_raw_body(&self, sentence: &str) -> String {
        let ways: Vec<String> = self.language.stacks().map(|s| format!("{} in {}", s.raw_body, s.framework)).collect();
        if ways.is_empty() {
            sentence.to_string()
        } else {
            format!("{sentence} The raw body: {}.", ways.join("; "))
        }
    }

    /// The comparison mistakes' fix: the whole header, in constant time.
    fn compare(&self) -> String {
        let idioms = self.language.idioms();
        format!(
            "Compare the whole header with the expected value in constant time, a length difference being a mismatch. The expected value: {}; the comparison: {}.",
            idioms.hmac_hex, idioms.compare
        )
    }

    /// The fix for hashing decoded text rather than the bytes.
    fn raw_bytes(&self) -> String {
        self.with_raw_body(&format!(
            "Hash the raw bytes exactly as received, never text decoded and encoded again (no latin-1 or lossy UTF-8 decoding on the way): {}.",
            self.language.idioms().hmac_hex
        ))
    }

    fn whole_body(&self) -> String {
        let limit = self.language.pack_words().body_limit.map(|limit| format!(" {limit}")).unwrap_or_default();
        self.with_raw_body(&format!(
            "Read the whole raw body, with no size limit below 1 MiB and no partial read, and hash all of it.{limit}"
        ))
    }

    fn check_the_body(&self) -> String {
        let idioms = self.language.idioms();
        format!(
            "Compute the HMAC-SHA256 of the raw body under the secret ({}) and compare it with the whole x-cobinar-signature header: {}.",
            idioms.hmac_hex, idioms.compare
        )
    }

    fn missing_header(&self) -> String {
        format!(
            "Treat a missing x-cobinar-signature header ({} here) or an empty one as a failed verification (401), before computing anything.",
            self.language.pack_words().missing
        )
    }

    /// How the language's frameworks commonly re-serialise the body, in brackets, or nothing.
    fn reparsed(&self) -> String {
        let ways: Vec<&str> = self.language.stacks().map(|s| s.reparsed).collect();
        if ways.is_empty() {
            String::new()
        } else {
            format!(" ({})", ways.join(", or "))
        }
    }
}

fn pack_secret(random: &[u8]) -> String {
    format!("whsec_test_pack_{}", hex::encode(random))
}

fn entropy_at(entropy: &[u8; PACK_ENTROPY_LEN], index: usize) -> [u8; ENTROPY_LEN] {
    let start = 2 * SECRET_ENTROPY_LEN + index * ENTROPY_LEN;
    let mut out = [0u8; ENTROPY_LEN];
    out.copy_from_slice(&entropy[start..start + ENTROPY_LEN]);
    out
}

fn style(indent: Option<usize>, keys: KeyOrder, escape: Escape) -> Style {
    let key_separator = if indent.is_some() { ": " } else { ":" };
    Style { indent, item_separator: ",", key_separator, keys, numbers: NumberStyle::AsWritten, escape }
}

/// `body` written again in `style` by the cause finder's JSON writer (the body is the core's own
/// JSON, so it parses; an unparsable one is kept as is and the case is left out).
fn rewritten(body: &str, style: &Style) -> Option<String> {
    json_forms::parse(body).ok().map(|tree| json_forms::write(&tree, style))
}

/// `body`, a compact JSON object ending in `}}` (the payload's and the envelope's), with one more
/// member added at the end of the payload.
fn with_payload_member(body: &str, member: &str) -> String {
    match body.strip_suffix("}}") {
        Some(open) => format!("{open},{member}}}}}"),
        None => body.to_string(),
    }
}

fn hmac_sha1_hex(secret: &[u8], body: &[u8]) -> String {
    match Hmac::<Sha1>::new_from_slice(secret) {
        Ok(mut mac) => {
            mac.update(body);
            hex::encode(mac.finalize().into_bytes())
        }
        Err(_) => String::new(),
    }
}

struct Builder {
    language: Language,
    secret: String,
    cases: Vec<Case>,
}

impl Builder {
    #[expect(clippy::too_many_arguments, reason = "one row of the case table")]
    fn push(
        &mut self,
        name: &str,
        expect: Expect,
        meaning: &str,
        body: PackBody,
        header: Option<String>,
        mistake: &str,
        cause: Option<Cause>,
        fix: Option<String>,
    ) {
        let choice = Choice::Language(self.language);
        let fix = fix.or_else(|| cause.map(|c| c.fix_in(choice))).unwrap_or_default();
        self.cases.push(Case {
            name: name.to_string(),
            expect,
            meaning: meaning.to_string(),
            body,
            header,
            secret: self.secret.clone(),
            mistake: mistake.to_string(),
            fix,
            cause,
        });
    }

    fn sign(&self, body: &[u8]) -> Option<String> {
        Some(signature::sign(self.secret.as_bytes(), body))
    }
}

/// Every case of `language`'s pack, made with the core's delivery generator and signer; the cases
/// and bytes are the same in every language, the mistakes and fixes in `language`'s words.
pub fn vectors(language: Language, now_unix_millis: i64, entropy: &[u8; PACK_ENTROPY_LEN]) -> PackVectors {
    vectors_with_fixtures(language, now_unix_millis, entropy, &[])
}

/// `vectors`, then one case per fixture that can be one (`fixtures::add`): each replayed under
/// the pack's secret, its mistake and fix the built-in case's of the same kind.
pub fn vectors_with_fixtures(
    language: Language,
    now_unix_millis: i64,
    entropy: &[u8; PACK_ENTROPY_LEN],
    fixtures: &[(String, Fixture)],
) -> PackVectors {
    let mut vectors = built_in(language, now_unix_millis, entropy);
    fixtures::add(&mut vectors, now_unix_millis, entropy, fixtures);
    vectors
}

/// The cases every pack has.
fn built_in(language: Language, now_unix_millis: i64, entropy: &[u8; PACK_ENTROPY_LEN]) -> PackVectors {
    use Expect::{Accept, Reject};
    let fixes = Fixes { language };
    let words = language.pack_words();
    let reserialized_fix = Cause::BodyReserialized.fix_in(Choice::Language(language));
    let secret = pack_secret(&entropy[..SECRET_ENTROPY_LEN]);
    let mut other_secret = pack_secret(&entropy[SECRET_ENTROPY_LEN..2 * SECRET_ENTROPY_LEN]);
    if other_secret == secret {
        other_secret.push_str("_other");
    }
    let mut b = Builder { language, secret: secret.clone(), cases: Vec::new() };

    let active = Event::ALL.into_iter().filter(|event| event.status() == EventStatus::Active);
    for (index, event) in active.enumerate() {
        let delivery = generate(event, now_unix_millis, &entropy_at(entropy, index));
        let body = delivery.body.as_bytes();
        b.push(
            &format!("accepts-genuine-{}", event.name().replace('.', "-")),
            Accept,
            &format!("a genuine {} delivery, exactly as Cobinar sends it", event.name()),
            PackBody::exact(body),
            b.sign(body),
            "it does not accept even a genuine delivery: it hashes something other than the raw body (a parsed and re-serialised object, decoded text), with another key, or compares the header in another form.",
            None,
            Some(reserialized_fix.clone()),
        );
    }
    let base = generate(Event::OtpVerified, now_unix_millis, &entropy_at(entropy, 4));
    let genuine = base.body.clone();
    let created_at = base.created_at.clone();
    let signed = signature::sign(secret.as_bytes(), genuine.as_bytes());

    b.push(
        "accepts-spec-example",
        Accept,
        "the documentation's example otp.verified delivery (signed with this pack's secret)",
        PackBody::exact(EXAMPLE_BODY),
        b.sign(EXAMPLE_BODY.as_bytes()),
        "it rejects the very delivery Cobinar's documentation shows.",
        None,
        Some(reserialized_fix),
    );

    let utf8 = with_payload_member(&genuine, "\"note\":\"Zoë · café ☕ · 東京 · 😀\"");
    b.push(
        "accepts-utf8-non-ascii",
        Accept,
        "a genuine delivery whose body holds non-ASCII UTF-8 text (é, ☕, 東京, an emoji)",
        PackBody::exact(utf8.as_bytes()),
        b.sign(utf8.as_bytes()),
        "it hashes text decoded from the body (latin-1, or a string encoded again), not the bytes received.",
        None,
        Some(fixes.raw_bytes()),
    );

    let pretty = rewritten(&genuine, &style(Some(2), KeyOrder::AsWritten, Escape::Minimal));
    if let Some(pretty) = &pretty {
        let crlf = pretty.replace('\n', "\r\n");
        b.push(
            "accepts-crlf-line-breaks",
            Accept,
            "a genuine delivery whose body is indented JSON with CRLF line breaks",
            PackBody::exact(crlf.as_bytes()),
            b.sign(crlf.as_bytes()),
            "it changes the body's line breaks or whitespace before hashing: it re-serialises the JSON, or normalises CRLF to LF.",
            Some(Cause::BodyReserialized),
            None,
        );
    }

    let mut not_utf8 = with_payload_member(&genuine, "\"note\":\"caf_\"").into_bytes();
    if let Some(at) = not_utf8.iter().rposition(|&byte| byte == b'_') {
        not_utf8[at] = 0xe9; // é in latin-1: not valid UTF-8 on its own
    }
    b.push(
        "accepts-bytes-not-utf8",
        Accept,
        "a body that is not valid UTF-8 (a latin-1 é byte) with a genuine signature over its bytes",
        PackBody::exact(not_utf8.clone()),
        b.sign(&not_utf8),
        "it decodes the body as text (lossy UTF-8 or latin-1) before hashing, which replaces or re-encodes bytes. Cobinar sends UTF-8, so this case only proves your function hashes bytes.",
        None,
        Some(fixes.raw_bytes()),
    );

    let open = format!("{},\"padding\":\"", genuine.strip_suffix("}}").unwrap_or(&genuine));
    let close = "\"}}";
    let large = PackBody {
        head: open.clone().into_bytes(),
        padding: LARGE_BODY_LEN.saturating_sub(open.len() + close.len()),
        tail: close.as_bytes().to_vec(),
    };
    let large_signature = b.sign(&large.bytes());
    b.push(
        "accepts-one-megabyte-body",
        Accept,
        "a genuine delivery of exactly 1 MiB (1,048,576 bytes)",
        large,
        large_signature,
        "it cuts or refuses large bodies before hashing (a read limit below 1 MB, a partial read).",
        None,
        Some(fixes.whole_body()),
    );

    let mut changed = genuine.clone().into_bytes();
    if let Some(at) = genuine.find("+999 ").map(|at| at + 5) {
        changed[at] = if changed[at] == b'9' { b'0' } else { changed[at] + 1 };
    }
    b.push(
        "rejects-body-byte-changed",
        Reject,
        "a delivery with one byte of its body changed after signing",
        PackBody::exact(changed),
        Some(signed.clone()),
        "it does not check the body against the signature at all.",
        None,
        Some(fixes.check_the_body()),
    );
    let mut newline = genuine.clone();
    newline.push('\n');
    b.push(
        "rejects-trailing-newline",
        Reject,
        "a delivery with a trailing newline added to its body after signing",
        PackBody::exact(newline),
        Some(signed.clone()),
        "it trims the body (or strips its final line break) before hashing.",
        Some(Cause::BodyTrailingNewline),
        None,
    );
    let escaped = rewritten(&utf8, &style(None, KeyOrder::AsWritten, Escape::Ascii));
    if let Some(escaped) = escaped {
        b.push(
            "rejects-reserialized-compact",
            Reject,
            "the non-ASCII delivery re-serialised compact with \\uXXXX escapes (as JSON encoders that escape non-ASCII write it), with the original's signature",
            PackBody::exact(escaped),
            b.sign(utf8.as_bytes()),
            &format!(
                "it parses the JSON and writes it again{} before hashing, so bytes the signature never covered verify.",
                fixes.reparsed()
            ),
            Some(Cause::BodyReserialized),
            None,
        );
    }
    if let Some(pretty) = pretty {
        b.push(
            "rejects-reserialized-pretty",
            Reject,
            "a delivery re-serialised as indented JSON, with the compact original's signature",
            PackBody::exact(pretty),
            Some(signed.clone()),
            "it parses the JSON and writes it again compact (or strips whitespace) before hashing, so bytes the signature never covered verify.",
            Some(Cause::BodyReserialized),
            None,
        );
    }
    if let Some(sorted) = rewritten(&genuine, &style(None, KeyOrder::Sorted, Escape::Minimal)) {
        b.push(
            "rejects-keys-reordered",
            Reject,
            "a delivery with its keys sorted (as canonical JSON writers and sorted maps write them), with the original's signature",
            PackBody::exact(sorted),
            Some(signed.clone()),
            "it hashes a parsed and re-serialised object (in a canonical key order), not the raw bytes.",
            Some(Cause::BodyReserialized),
            None,
        );
    }

    b.push(
        "rejects-another-secret",
        Reject,
        "a delivery signed with another secret",
        PackBody::exact(genuine.as_bytes()),
        Some(signature::sign(other_secret.as_bytes(), genuine.as_bytes())),
        "it does not key the HMAC with the secret it is given.",
        Some(Cause::SignatureAlgorithm),
        None,
    );
    b.push(
        "rejects-secret-trailing-newline",
        Reject,
        "a genuine delivery checked with the secret plus a trailing newline",
        PackBody::exact(genuine.as_bytes()),
        Some(signed.clone()),
        "it trims or otherwise changes the secret inside the verify function; an HMAC key is its exact bytes, so the place to trim is where the secret is loaded.",
        Some(Cause::SecretWhitespace),
        None,
    );
    if let Some(case) = b.cases.last_mut() {
        case.secret.push('\n');
    }

    let hex_digest = signed.strip_prefix(SIGNATURE_PREFIX).unwrap_or(&signed).to_string();
    let body = || PackBody::exact(genuine.as_bytes());
    let compare = "it does not compare the whole header exactly";
    b.push(
        "rejects-missing-signature",
        Reject,
        "a delivery with no x-cobinar-signature header",
        body(),
        None,
        "it accepts a delivery without a signature: a missing header must fail, never skip the check.",
        None,
        Some(fixes.missing_header()),
    );
    b.push(
        "rejects-empty-signature",
        Reject,
        "a delivery with an empty x-cobinar-signature header",
        body(),
        Some(String::new()),
        &format!("{compare}: an empty header passes (a loop over the received length, or {}).", words.starts_with),
        None,
        Some(fixes.compare()),
    );
    b.push(
        "rejects-prefixless-signature",
        Reject,
        "the right hex digest without its sha256= prefix",
        body(),
        Some(hex_digest.clone()),
        &format!(
            "{compare}: it searches for the digest in the header ({}) or strips an optional prefix.",
            words.contains
        ),
        Some(Cause::SignaturePrefix),
        None,
    );
    b.push(
        "rejects-truncated-signature",
        Reject,
        "the right signature with its last hex digit cut off",
        body(),
        Some(signed[..signed.len() - 1].to_string()),
        &format!(
            "{compare}: a prefix of the right value passes ({}, or a loop that stops at the shorter length).",
            words.starts_with
        ),
        None,
        Some(fixes.compare()),
    );
    b.push(
        "rejects-doubled-prefix",
        Reject,
        "the right signature with its sha256= prefix written twice",
        body(),
        Some(format!("{SIGNATURE_PREFIX}{signed}")),
        &format!(
            "{compare}: it searches for the value in the header ({}, {}) or strips every prefix.",
            words.contains, words.ends_with
        ),
        Some(Cause::SignaturePrefix),
        None,
    );
    b.push(
        "rejects-base64-signature",
        Reject,
        "the right digest written in base64 after sha256=",
        body(),
        Some(format!(
            "{SIGNATURE_PREFIX}{}",
            base64::encode_standard(&signature::hmac_sha256(secret.as_bytes(), genuine.as_bytes()))
        )),
        "it accepts the digest in base64, which Cobinar never sends.",
        Some(Cause::SignatureBase64),
        None,
    );
    b.push(
        "rejects-hmac-sha1-signature",
        Reject,
        "an HMAC-SHA1 of the body under the right secret, after sha256=",
        body(),
        Some(format!("{SIGNATURE_PREFIX}{}", hmac_sha1_hex(secret.as_bytes(), genuine.as_bytes()))),
        "it computes HMAC-SHA1 rather than HMAC-SHA256.",
        Some(Cause::SignatureAlgorithm),
        None,
    );
    let other_digest = signature::sign(secret.as_bytes(), format!("{genuine} ").as_bytes());
    let half = SIGNATURE_PREFIX.len() + 32;
    b.push(
        "rejects-same-first-characters",
        Reject,
        "a signature that shares only its first 32 hex digits with the right one",
        body(),
        Some(format!("{}{}", &signed[..half], other_digest.get(half..).unwrap_or_default())),
        &format!("{compare}: it compares only the first characters."),
        None,
        Some(fixes.compare()),
    );
    b.push(
        "rejects-upper-case-hex",
        Reject,
        "the right digest in upper-case hex",
        body(),
        Some(format!("{SIGNATURE_PREFIX}{}", hex_digest.to_ascii_uppercase())),
        "it accepts a form of the header that Cobinar never writes and the documented comparison rejects (see the note on upper-case hex above).",
        Some(Cause::SignatureCase),
        None,
    );

    PackVectors { language, secret, created_at, cases: b.cases, left_out: Vec::new() }
}

#[cfg(test)]
mod tests;
