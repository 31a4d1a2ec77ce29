//! Why a signature fails: the known mistakes, each tried as a variant of the body, the secret
//! or the signature header, listed where the variant reproduces the received signature.
//!
//! The work is bounded: a fixed list of variants, each linear in the body's size, and JSON
//! re-serialisation only for bodies that parse.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};

use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::{Digest as _, Sha256, Sha512};

use crate::protocol::base64;
use crate::diagnose::fixes;
use crate::diagnose::json_forms::{self, Escape, Json, KeyOrder, NumberStyle, Style};
use crate::diagnose::object_dumps;
use crate::protocol::events::Event;
use crate::protocol::headers::{EVENT_ID, SIGNATURE, SIGNATURE_PREFIX, TIMESTAMP};
use crate::protocol::invisible_chars;
use crate::protocol::invisible_names::invisible_name;
use crate::protocol::key_order::{payload_keys, ENVELOPE_KEYS};
use crate::protocol::text::{unquoted, PASTE_QUOTES};
use crate::stacks::{Choice, Language};
use crate::verify::received_headers::ReceivedHeaders;
use crate::verify::signature;
use crate::verify::timestamp;
use crate::verify::verification::Verdict;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Cause {
    BodyTrailingNewline,
    BodyLineEndings,
    BodyReserialized,
    BodyUnicodeEscaped,
    BodyBom,
    BodyInvisibleCharacter,
    BodyWhitespace,
    BodyObjectCoerced,
    SignedContentScheme,
    SecretWhitespace,
    SecretEncoding,
    SecretInvisibleCharacter,
    SecretQuotes,
    SecretEnvLine,
    SignaturePrefix,
    SignatureCase,
    SignatureBase64,
    SignatureAlgorithm,
    /// Stays last: `ALL`'s test counts on it.
    NoKnownCause,
}

impl Cause {
    /// Every cause, in declaration order: for tests and tables that must cover each one.
    pub const ALL: [Cause; 19] = [
        Self::BodyTrailingNewline,
        Self::BodyLineEndings,
        Self::BodyReserialized,
        Self::BodyUnicodeEscaped,
        Self::BodyBom,
        Self::BodyInvisibleCharacter,
        Self::BodyWhitespace,
        Self::BodyObjectCoerced,
        Self::SignedContentScheme,
        Self::SecretWhitespace,
        Self::SecretEncoding,
        Self::SecretInvisibleCharacter,
        Self::SecretQuotes,
        Self::SecretEnvLine,
        Self::SignaturePrefix,
        Self::SignatureCase,
        Self::SignatureBase64,
        Self::SignatureAlgorithm,
        Self::NoKnownCause,
    ];

    /// The stable name used in `data-cause` and the JS API.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::BodyTrailingNewline => "body-trailing-newline",
            Self::BodyLineEndings => "body-line-endings",
            Self::BodyReserialized => "body-reserialized",
            Self::BodyUnicodeEscaped => "body-unicode-escaped",
            Self::BodyBom => "body-bom",
            Self::BodyInvisibleCharacter => "body-invisible-character",
            Self::BodyWhitespace => "body-whitespace",
            Self::BodyObjectCoerced => "body-object-coerced",
            Self::SignedContentScheme => "signed-content-scheme",
            Self::SecretWhitespace => "secret-whitespace",
            Self::SecretEncoding => "secret-encoding",
            Self::SecretInvisibleCharacter => "secret-invisible-character",
            Self::SecretQuotes => "secret-quotes",
            Self::SecretEnvLine => "secret-env-line",
            Self::SignaturePrefix => "signature-prefix",
            Self::SignatureCase => "signature-case",
            Self::SignatureBase64 => "signature-base64",
            Self::SignatureAlgorithm => "signature-algorithm",
            Self::NoKnownCause => "no-known-cause",
        }
    }

    /// How to fix it in the receiver, in any stack's words (`fixes`).
    pub fn fix(self) -> String {
        self.fix_in(Choice::Any)
    }

    /// How to fix it in the receiver, in the words of the reader's stack or language.
    pub fn fix_in(self, choice: Choice) -> String {
        fixes::fix(self, choice)
    }
}

/// One explanation of the received signature.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnosis {
    pub cause: Cause,
    /// What was found, in a sentence.
    pub finding: String,
    /// How to fix it in the receiver: `cause.fix_in` the reader's choice, or the evidence's
    /// language where the evidence names one.
    pub fix: String,
    /// The language the evidence gives away (`[object Object]` is JavaScript, `{'id': …}` a
    /// Python dict), when it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
}

impl Diagnosis {
    fn new(cause: Cause, finding: String) -> Self {
        Diagnosis { cause, finding, fix: cause.fix(), language: None }
    }

    /// This diagnosis with its fix in the words of `choice`, or of the language the evidence
    /// names when that is another.
    pub fn in_words_of(mut self, choice: Choice) -> Self {
        self.fix = self.cause.fix_in(choice.given_evidence(self.language));
        self
    }
}

/// The digest a received header carries, read leniently: every way it could be decoded.
pub(super) struct ReceivedDigest {
    pub(super) bytes: Vec<u8>,
    encoding: DigestEncoding,
    prefix: PrefixForm,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum DigestEncoding {
    LowerHex,
    UpperHex,
    Base64,
}

#[derive(Clone, PartialEq, Eq)]
enum PrefixForm {
    Right,
    Missing,
    Other(String),
}

pub(super) fn read_received(header: &str) -> Vec<ReceivedDigest> {
    let header = header.trim();
    let (prefix, digest) = match header.strip_prefix(SIGNATURE_PREFIX) {
        Some(rest) => match signature::algorithm_label_len(rest) {
            // `sha256=sha256=…` and the like: the prefix is wrong, not the digest.
            Some(len) => (PrefixForm::Other(header[..SIGNATURE_PREFIX.len() + len].to_string()), &rest[len..]),
            None => (PrefixForm::Right, rest),
        },
        None => match signature::algorithm_label_len(header) {
            Some(len) => (PrefixForm::Other(header[..len].to_string()), &header[len..]),
            None => (PrefixForm::Missing, header),
        },
    };
    let mut out = Vec::new();
    if digest.len() % 2 == 0 && digest.bytes().all(|b| b.is_ascii_hexdigit()) {
        if let Ok(bytes) = hex::decode(digest) {
            let encoding = if digest.bytes().any(|b| b.is_ascii_uppercase()) {
                DigestEncoding::UpperHex
            } else {
                DigestEncoding::LowerHex
            };
            out.push(ReceivedDigest { bytes, encoding, prefix: prefix.clone() });
        }
    }
    if let Some(bytes) = base64::decode(digest).filter(|b| [20, 32, 64].contains(&b.len())) {
        out.push(ReceivedDigest { bytes, encoding: DigestEncoding::Base64, prefix });
    }
    out
}

fn hmac_sha256_is(secret: &[u8], body: &[u8], digest: &[u8]) -> bool {
    digest.len() == signature::DIGEST_LEN && signature::verify(secret, body, digest)
}

fn hmac_other_is<M: Mac + hmac::digest::KeyInit>(secret: &[u8], body: &[u8], digest: &[u8]) -> bool {
    match <M as hmac::digest::KeyInit>::new_from_slice(secret) {
        Ok(mut mac) => {
            mac.update(body);
            mac.verify_slice(digest).is_ok()
        }
        Err(_) => false,
    }
}

/// A candidate body, secret or header reading, and what it would mean.
struct Variant<T> {
    value: T,
    label: String,
}

/// Whether a verdict's causes are searched: only when the signature is checked and fails. The
/// page (in place or in its worker) and `window.webhookEcho.verify` all decide by this.
pub fn wanted(verdict: Verdict) -> bool {
    verdict == Verdict::Invalid
}

/// The causes of `verdict`, for the received headers: none unless `wanted`.
pub fn for_verdict(verdict: Verdict, secret: &str, body: &[u8], headers: &ReceivedHeaders) -> Vec<Diagnosis> {
    if wanted(verdict) {
        diagnose_received(secret, body, headers)
    } else {
        Vec::new()
    }
}

/// The causes for a delivery as received: its `x-cobinar-signature` diagnosed as by `diagnose`,
/// the signed-content schemes also trying the headers' event id and timestamp. Nothing when
/// there is no such header to explain, or when it already matches.
pub fn diagnose_received(secret: &str, body: &[u8], headers: &ReceivedHeaders) -> Vec<Diagnosis> {
    headers.get(SIGNATURE).map(|field| diagnose_with(secret, body, &field.value, Some(headers))).unwrap_or_default()
}

/// Searches the known mistakes for those that explain `received_header`, given the secret and
/// body pasted. Returns `no-known-cause` alone when none does, and nothing when the signature
/// already matches. The signed-content schemes take the event id and timestamp from the body.
pub fn diagnose(secret: &str, body: &[u8], received_header: &str) -> Vec<Diagnosis> {
    diagnose_with(secret, body, received_header, None)
}

/// `diagnose`, the signed-content schemes also trying the `headers`' event id and timestamp.
fn diagnose_with(
    secret: &str,
    body: &[u8],
    received_header: &str,
    headers: Option<&ReceivedHeaders>,
) -> Vec<Diagnosis> {
    let received = read_received(received_header);
    if received.iter().any(|d| d.is_canonical() && hmac_sha256_is(secret.as_bytes(), body, &d.bytes)) {
        return Vec::new();
    }
    explain(secret, body, &received, headers, Subject::Header)
}

/// Whose value the variants are tried against: the findings name it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Subject {
    /// The `x-cobinar-signature` the delivery carried: its form (prefix, case, base64) is a cause.
    Header,
    /// What the receiver's server computed, as its log shows it: only its digest counts, since a
    /// log prints it in any form.
    ServerValue,
}

impl Subject {
    fn noun(self) -> &'static str {
        match self {
            Self::Header => "The signature",
            Self::ServerValue => "Your server's value",
        }
    }
}

impl ReceivedDigest {
    /// Cobinar's own form: `sha256=` and lower-case hex.
    pub(super) fn is_canonical(&self) -> bool {
        self.encoding == DigestEncoding::LowerHex && self.prefix == PrefixForm::Right
    }

    /// How it is written, as far as a comparison of strings with Cobinar's header cares.
    pub(super) fn form(&self) -> DigestForm {
        match (&self.prefix, self.encoding) {
            (_, DigestEncoding::Base64) => DigestForm::Base64,
            (_, DigestEncoding::UpperHex) => DigestForm::UpperHex,
            (PrefixForm::Other(prefix), DigestEncoding::LowerHex) => DigestForm::OtherPrefix(prefix.clone()),
            (PrefixForm::Missing, DigestEncoding::LowerHex) => DigestForm::BareLowerHex,
            (PrefixForm::Right, DigestEncoding::LowerHex) => DigestForm::Canonical,
        }
    }
}

/// A reading's form: `ReceivedDigest::form`.
pub(super) enum DigestForm {
    Canonical,
    BareLowerHex,
    UpperHex,
    Base64,
    OtherPrefix(String),
}

/// Every known mistake that turns this secret and body into one of the `received` readings.
/// `no-known-cause` alone when none does.
pub(super) fn explain(
    secret: &str,
    body: &[u8],
    received: &[ReceivedDigest],
    headers: Option<&ReceivedHeaders>,
    subject: Subject,
) -> Vec<Diagnosis> {
    let secret_bytes = secret.as_bytes();
    // Which readings of the header some candidate reproduces: their form is then a cause too.
    let mut explained = vec![false; received.len()];
    let mut matches = |secret: &[u8], body: &[u8]| {
        let mut any = false;
        for (reading, flag) in received.iter().zip(explained.iter_mut()) {
            if hmac_sha256_is(secret, body, &reading.bytes) {
                *flag = true;
                any = true;
            }
        }
        any
    };
    let mut found = Vec::new();
    matches(secret_bytes, body);
    let text = std::str::from_utf8(body).ok().map(|t| t.strip_prefix('\u{feff}').unwrap_or(t));
    let parsed = text.and_then(|text| json_forms::parse(text).ok().map(|tree| (text, tree)));
    let schemes = signed_content_prefixes(parsed.as_ref().map(|(_, tree)| tree), headers);
    let mut body_hits: Vec<(Cause, Vec<String>, Option<Language>)> = Vec::new();
    for_each_body_variant(
        body,
        parsed.as_ref().map(|(text, tree)| (*text, tree)),
        &schemes,
        |cause, label, language, candidate| {
            if matches(secret_bytes, candidate) {
                match body_hits.iter_mut().find(|(c, _, _)| *c == cause) {
                    Some((_, labels, _)) => labels.push(label.to_string()),
                    None => body_hits.push((cause, vec![label.to_string()], language)),
                }
            }
        },
    );
    for (cause, hits, language) in body_hits {
        found.extend(explain_body(subject, cause, &hits).map(|d| Diagnosis { language, ..d }));
    }
    // A secret variant another cause already offered is tried once, under the first cause.
    let mut tried: HashSet<Vec<u8>> = HashSet::from([secret_bytes.to_vec()]);
    for SecretVariants { cause, meaning, variants } in secret_variants(secret) {
        let hits: Vec<String> = variants
            .into_iter()
            .filter(|v| tried.insert(v.value.clone()) && matches(&v.value, body))
            .map(|v| v.label)
            .collect();
        found.extend(explain_secret(subject, cause, meaning, &hits));
    }
    // Standard Webhooks' libraries also key with the secret's part after `whsec_`, base64-decoded:
    // both mistakes at once, tried for that one key and that library's scheme only.
    if !found.iter().any(|d| d.cause == Cause::SignedContentScheme) {
        let key = secret.trim().strip_prefix("whsec_").and_then(base64::decode);
        let hit = key.and_then(|key| {
            schemes.iter().find(|scheme| scheme.standard && matches(&key, &[scheme.prefix.as_bytes(), body].concat()))
        });
        if let Some(scheme) = hit {
            let noun = subject.noun();
            found.push(Diagnosis::new(
                Cause::SignedContentScheme,
                format!("{noun} matches this body {}, keyed as the Standard Webhooks libraries key it.", scheme.label),
            ));
            found.push(Diagnosis::new(
                Cause::SecretEncoding,
                format!("{noun} matches the secret with its \"whsec_\" prefix removed and the rest base64-decoded to bytes, as the Standard Webhooks libraries do: Cobinar does not."),
            ));
        }
    }
    if subject == Subject::Header {
        for (reading, _) in
            received.iter().zip(&explained).filter(|(reading, explained)| **explained && !reading.is_canonical())
        {
            if let Some(diagnosis) = form_diagnosis(reading) {
                if !found.iter().any(|d| d.cause == diagnosis.cause) {
                    found.insert(0, diagnosis);
                }
            }
        }
    }
    found.extend(algorithm_diagnosis(subject, secret_bytes, body, received));
    if found.is_empty() {
        let finding = match subject {
            Subject::Header => "None of the usual mistakes explains this signature: it was most likely made with another secret, or over another body.",
            Subject::ServerValue => "None of the usual mistakes turns this body and secret into your server's value: it most likely uses another secret, or hashes other bytes than this body.",
        };
        found.push(Diagnosis::new(Cause::NoKnownCause, finding.into()));
    }
    found
}

/// A signed-content scheme's text before the body, from this delivery's event id and timestamp.
struct SchemePrefix {
    prefix: String,
    /// How the finding says it.
    label: String,
    /// Standard Webhooks' `{id}.{timestamp}.` with the timestamp in Unix seconds.
    standard: bool,
}

/// The longest event id or timestamp tried: a value longer than this is not one.
const SCHEME_VALUE_MAX: usize = 200;

/// `{id}.{timestamp}.` (Standard Webhooks) and `{timestamp}.` (Stripe) for each event id (the
/// header's, the body's `id`) and timestamp (the header's, the body's `createdAt`, each also in
/// Unix seconds and milliseconds), distinct texts only: at most 18.
fn signed_content_prefixes(tree: Option<&Json>, headers: Option<&ReceivedHeaders>) -> Vec<SchemePrefix> {
    let from_body = |name: &str| match tree {
        Some(Json::Object(members)) => members.iter().rev().find_map(|(key, value)| match value {
            Json::String(text) if key == name => Some(text.clone()),
            _ => None,
        }),
        _ => None,
    };
    let from_headers = |name: &str| headers.and_then(|h| h.get(name)).map(|field| field.value.trim().to_string());
    let mut ids: Vec<(String, &str)> = Vec::new();
    for (value, source) in [(from_headers(EVENT_ID), "x-cobinar-event-id"), (from_body("id"), "the body's id")] {
        if let Some(value) = value.filter(|v| !v.is_empty() && v.len() <= SCHEME_VALUE_MAX) {
            if !ids.iter().any(|(id, _)| *id == value) {
                ids.push((value, source));
            }
        }
    }
    let mut stamps: Vec<(String, String, bool)> = Vec::new();
    for (value, source) in
        [(from_headers(TIMESTAMP), "x-cobinar-timestamp"), (from_body("createdAt"), "the body's createdAt")]
    {
        let Some(value) = value.filter(|v| !v.is_empty() && v.len() <= SCHEME_VALUE_MAX) else { continue };
        let mut forms = vec![(value.clone(), format!("{source} as written"), false)];
        if let Ok(instant) = timestamp::parse(&value) {
            let millis = instant.unix_millis;
            forms.push((millis.div_euclid(1000).to_string(), format!("{source} in Unix seconds"), true));
            forms.push((millis.to_string(), format!("{source} in Unix milliseconds"), false));
        }
        for form in forms {
            if !stamps.iter().any(|(text, _, _)| *text == form.0) {
                stamps.push(form);
            }
        }
    }
    let mut out = Vec::new();
    for (id, id_source) in &ids {
        for (stamp, stamp_source, seconds) in &stamps {
            let prefix = format!("{id}.{stamp}.");
            let label = format!(
                "with \"{prefix}\" before it: {{event-id}}.{{timestamp}}.{{body}}, as Standard Webhooks signs, from {id_source} and {stamp_source}"
            );
            out.push(SchemePrefix { prefix, label, standard: *seconds });
        }
    }
    for (stamp, stamp_source, _) in &stamps {
        let prefix = format!("{stamp}.");
        let label =
            format!("with \"{prefix}\" before it: {{timestamp}}.{{body}}, as Stripe signs, from {stamp_source}");
        out.push(SchemePrefix { prefix, label, standard: false });
    }
    out
}

/// What is wrong with the form of a header reading whose digest is right.
fn form_diagnosis(reading: &ReceivedDigest) -> Option<Diagnosis> {
    match (&reading.prefix, reading.encoding) {
        (_, DigestEncoding::Base64) => Some(Diagnosis::new(
            Cause::SignatureBase64,
            "The header carries the right HMAC-SHA256, but base64-encoded instead of hex.".into(),
        )),
        (PrefixForm::Missing, _) => Some(prefix_diagnosis("the sha256= prefix is missing")),
        (PrefixForm::Other(prefix), _) if prefix.starts_with(SIGNATURE_PREFIX) => {
            Some(prefix_diagnosis(&format!("the prefix is doubled (\"{prefix}\")")))
        }
        (PrefixForm::Other(prefix), _) => {
            Some(prefix_diagnosis(&format!("the prefix is \"{prefix}\" instead of \"sha256=\"")))
        }
        (PrefixForm::Right, DigestEncoding::UpperHex) => Some(Diagnosis::new(
            Cause::SignatureCase,
            "The digest is in upper-case hex: the same bytes, yet a string comparison fails.".into(),
        )),
        (PrefixForm::Right, DigestEncoding::LowerHex) => None,
    }
}

/// HMAC with another hash, or no key at all, over the same body and secret.
fn algorithm_diagnosis(subject: Subject, secret: &[u8], body: &[u8], received: &[ReceivedDigest]) -> Option<Diagnosis> {
    let algorithm = received.iter().find_map(|digest| {
        let bytes = digest.bytes.as_slice();
        if bytes.len() == 20 && hmac_other_is::<Hmac<Sha1>>(secret, body, bytes) {
            Some("HMAC-SHA1")
        } else if bytes.len() == 64 && hmac_other_is::<Hmac<Sha512>>(secret, body, bytes) {
            Some("HMAC-SHA512")
        } else if bytes.len() == 32 && Sha256::digest(body).as_slice() == bytes {
            Some("a plain SHA-256 of the body, with no secret")
        } else {
            None
        }
    })?;
    let noun = match subject {
        Subject::Header => "The header",
        Subject::ServerValue => "Your server's value",
    };
    Some(Diagnosis::new(Cause::SignatureAlgorithm, format!("{noun} is {algorithm} of this body, not HMAC-SHA256.")))
}

fn prefix_diagnosis(what: &str) -> Diagnosis {
    Diagnosis::new(
        Cause::SignaturePrefix,
        format!("The digest is right, but {what}, so comparing whole headers fails."),
    )
}

const NEWLINES: [(&[u8], &str); 2] = [(b"\r\n", "CRLF"), (b"\n", "LF")];
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Calls `visit` with each candidate body once: distinct bytes only, never the body itself.
/// Candidates are made one at a time, so a large body is not held in thirty copies.
fn for_each_body_variant(
    body: &[u8],
    parsed: Option<(&str, &Json)>,
    schemes: &[SchemePrefix],
    mut visit: impl FnMut(Cause, &str, Option<Language>, &[u8]),
) {
    let mut seen: HashSet<(usize, u64)> = HashSet::new();
    let fingerprint = |bytes: &[u8]| {
        let mut hasher = DefaultHasher::new();
        bytes.hash(&mut hasher);
        (bytes.len(), hasher.finish())
    };
    seen.insert(fingerprint(body));
    // A variant only one language writes names that language: the evidence of the reader's stack.
    let mut offer = |cause: Cause, label: &str, language: Option<Language>, bytes: &[u8]| {
        if seen.insert(fingerprint(bytes)) {
            visit(cause, label, language, bytes);
        }
    };

    for (ending, name) in NEWLINES {
        if let Some(stripped) = body.strip_suffix(ending) {
            offer(Cause::BodyTrailingNewline, &format!("with its trailing {name} removed"), None, stripped);
        }
        offer(Cause::BodyTrailingNewline, &format!("with a trailing {name} added"), None, &[body, ending].concat());
    }
    // More than one line break at the end: blank lines, which a logger or a trim added or removed.
    let trimmed = body.iter().rposition(|b| !matches!(b, b'\r' | b'\n')).map_or(0, |i| i + 1);
    offer(Cause::BodyWhitespace, "with all its trailing line breaks removed", None, &body[..trimmed]);

    let space = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    let start = body.iter().position(|b| !space(b)).unwrap_or(body.len());
    let end = body.iter().rposition(|b| !space(b)).map_or(start, |i| i + 1);
    offer(Cause::BodyWhitespace, "with the spaces, tabs and line breaks at its start trimmed", None, &body[start..]);
    offer(Cause::BodyWhitespace, "with the spaces, tabs and line breaks at its end trimmed", None, &body[..end]);
    offer(
        Cause::BodyWhitespace,
        "with the spaces, tabs and line breaks at both its ends trimmed",
        None,
        &body[start..end],
    );
    offer(Cause::BodyWhitespace, "trimmed, then ended with a single LF", None, &[&body[start..end], b"\n"].concat());
    for (added, label) in WHITESPACE_ADDED_AT_END {
        offer(Cause::BodyWhitespace, label, None, &[body, added].concat());
    }
    for (added, label) in WHITESPACE_ADDED_AT_START {
        offer(Cause::BodyWhitespace, label, None, &[added, body].concat());
    }

    if body.contains(&b'\n') {
        let lf = replace(body, b"\r\n", b"\n");
        offer(Cause::BodyLineEndings, "with CRLF line breaks written as LF", None, &lf);
        offer(Cause::BodyLineEndings, "with LF line breaks written as CRLF", None, &replace(&lf, b"\n", b"\r\n"));
    }

    match body.strip_prefix(BOM) {
        Some(rest) => offer(Cause::BodyBom, "without the byte order mark at its start", None, rest),
        None => offer(
            Cause::BodyBom,
            "with a UTF-8 byte order mark (EF BB BF) added at its start",
            None,
            &[BOM, body].concat(),
        ),
    }

    let found = invisible_characters(body, true);
    for &(c, first, count) in &found {
        let label = format!("without {}", describe_invisible(c, first, count));
        offer(Cause::BodyInvisibleCharacter, &label, None, &remove_char(body, c, true));
    }
    if found.len() > 1 {
        let mut all = body.to_vec();
        for &(c, _, _) in &found {
            all = remove_char(&all, c, true);
        }
        offer(Cause::BodyInvisibleCharacter, "without any of its invisible characters", None, &all);
    }

    for scheme in schemes {
        offer(Cause::SignedContentScheme, &scheme.label, None, &[scheme.prefix.as_bytes(), body].concat());
    }

    let Some((text, tree)) = parsed else {
        return;
    };
    // Escaping before re-serialisation: when both give the same bytes, the narrower cause names it.
    let escape_non_ascii = |c: char, out: &mut String| {
        if c.is_ascii() {
            false
        } else {
            json_forms::push_unicode_escape(c, out);
            true
        }
    };
    let escape_slash = |c: char, out: &mut String| {
        if c == '/' {
            out.push_str("\\/");
            true
        } else {
            false
        }
    };
    let escaped = [
        (json_forms::map_string_chars(text, escape_non_ascii), "with non-ASCII characters written as \\uXXXX", None),
        (json_forms::map_string_chars(text, escape_slash), "with / written as \\/", None),
        (
            json_forms::map_string_chars(text, |c, out| escape_non_ascii(c, out) || escape_slash(c, out)),
            "with non-ASCII characters as \\uXXXX and / as \\/ (PHP's json_encode defaults)",
            Some(Language::Php),
        ),
        (
            json_forms::unescape_non_ascii_and_slashes(text),
            "with its \\uXXXX and \\/ escapes written as plain characters",
            None,
        ),
    ];
    for (candidate, label, language) in escaped {
        if let Some(candidate) = candidate {
            offer(Cause::BodyUnicodeEscaped, label, language, candidate.as_bytes());
        }
    }
    for (label, style, language) in RESERIALIZATIONS {
        offer(Cause::BodyReserialized, label, language, json_forms::write(tree, &style).as_bytes());
    }
    // Keys sorted before the body was logged or copied: the styles that keep key order, over
    // the keys put back in Cobinar's order.
    if let Some((restored, order)) = documented_order(tree) {
        for (label, style, language) in RESERIALIZATIONS.iter().filter(|(_, style, _)| style.keys != KeyOrder::Sorted) {
            let label = format!(
                "as Cobinar wrote it before its keys were sorted (by a Go map, Python's sort_keys, jq -S or a logger): {order}; written {label}"
            );
            offer(Cause::BodyReserialized, &label, *language, json_forms::write(&restored, style).as_bytes());
        }
    }
    // Last: a re-serialisation that gives the same bytes names the narrower cause.
    for (dump, label, language) in object_dumps::dumps(tree) {
        offer(Cause::BodyObjectCoerced, label, Some(language), dump.as_bytes());
    }
}

/// Spaces, tabs and blank lines a logger or a copy adds at the end (one LF or CRLF alone is
/// `body-trailing-newline`, offered first).
const WHITESPACE_ADDED_AT_END: [(&[u8], &str); 4] = [
    (b" ", "with a trailing space added"),
    (b"\t", "with a trailing tab added"),
    (b"\n\n", "with a blank line added at its end (two LF)"),
    (b"\r\n\r\n", "with a blank line added at its end (two CRLF)"),
];

const WHITESPACE_ADDED_AT_START: [(&[u8], &str); 3] = [
    (b" ", "with a leading space added"),
    (b"\n", "with a line break added at its start"),
    (b"\r\n", "with a CRLF added at its start"),
];

/// How many different invisible characters the cause finder tries taking out, one at a time (each
/// is one more HMAC of the whole body): a copy brings in one or two kinds, while a crafted body
/// could hold thousands (the tag characters alone are 4,096).
const INVISIBLE_KINDS_TRIED: usize = 16;

/// Whether a copy could have brought `c` in unseen: the shared table of characters a renderer
/// draws as nothing (`protocol::invisible_chars`), and the no-break space, which looks like a
/// space and is not one.
fn is_copied_invisible(c: char) -> bool {
    c == '\u{00A0}' || invisible_chars::is_default_ignorable(c)
}

fn utf8(c: char) -> ([u8; 4], usize) {
    let mut buffer = [0u8; 4];
    let len = c.encode_utf8(&mut buffer).len();
    (buffer, len)
}

/// Which invisible characters `bytes` holds, in one pass over its UTF-8 (bytes that are not UTF-8
/// are passed over): (the character, byte offset of the first, how many), the first
/// `INVISIBLE_KINDS_TRIED` kinds by where they first appear. A byte order mark at offset 0 is
/// skipped when `skip_leading_bom` (`body-bom` covers it).
fn invisible_characters(bytes: &[u8], skip_leading_bom: bool) -> Vec<(char, usize, usize)> {
    let mut found: Vec<(char, usize, usize)> = Vec::new();
    let mut base = 0;
    for chunk in bytes.utf8_chunks() {
        for (at, c) in chunk.valid().char_indices().map(|(i, c)| (base + i, c)) {
            if !is_copied_invisible(c) || (skip_leading_bom && at == 0 && c == '\u{FEFF}') {
                continue;
            }
            if let Some((_, _, count)) = found.iter_mut().find(|(seen, _, _)| *seen == c) {
                *count += 1;
            } else if found.len() < INVISIBLE_KINDS_TRIED {
                found.push((c, at, 1));
            }
        }
        base += chunk.valid().len() + chunk.invalid().len();
    }
    found
}

/// "its U+200B (ZERO WIDTH SPACE) at byte offset 0", named as the Bytes view names it.
fn describe_invisible(c: char, first: usize, count: usize) -> String {
    let code = u32::from(c);
    let name = invisible_name(c).unwrap_or("an invisible character");
    match count {
        1 => format!("its U+{code:04X} ({name}) at byte offset {first}"),
        n => format!("its {n} U+{code:04X} ({name}) characters, the first at byte offset {first}"),
    }
}

/// `bytes` without each occurrence of `c` (but a byte order mark at offset 0 when
/// `keep_leading_bom`).
fn remove_char(bytes: &[u8], c: char, keep_leading_bom: bool) -> Vec<u8> {
    let (encoded, len) = utf8(c);
    let encoded = &encoded[..len];
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at..].starts_with(encoded) && !(keep_leading_bom && at == 0 && c == '\u{FEFF}') {
            at += len;
        } else {
            out.push(bytes[at]);
            at += 1;
        }
    }
    out
}

/// The parsed body with its keys in Cobinar's order: `id`, `event`, `createdAt`, `payload` (other
/// keys after them, in their order), and the payload's keys in the order Cobinar writes them for
/// its event. With the order, in words; `None` when the keys already are in that order.
fn documented_order(tree: &Json) -> Option<(Json, String)> {
    let Json::Object(members) = tree else {
        return None;
    };
    let event = members.iter().find_map(|(key, value)| match (key.as_str(), value) {
        ("event", Json::String(name)) => Event::from_name(name),
        _ => None,
    });
    let (mut members, mut changed) = reorder(members, &ENVELOPE_KEYS);
    let mut order = ENVELOPE_KEYS.join(", ");
    if let Some(event) = event {
        let keys = payload_keys(event);
        for (key, value) in &mut members {
            if let (true, Json::Object(payload)) = (key == "payload", &*value) {
                let (payload, payload_changed) = reorder(payload, keys);
                changed |= payload_changed;
                *value = Json::Object(payload);
            }
        }
        order = format!("{order}, and {} in the payload", keys.join(", "));
    }
    changed.then_some((Json::Object(members), order))
}

/// `members` with the `keys` first, in that order, the rest after them as they were; and
/// whether that moved anything. A stable sort: one pass to rank, one to sort.
fn reorder(members: &[(String, Json)], keys: &[&str]) -> (Vec<(String, Json)>, bool) {
    let rank = |key: &str| keys.iter().position(|k| *k == key).unwrap_or(keys.len());
    let mut ordered = members.to_vec();
    ordered.sort_by_key(|(key, _)| rank(key));
    let changed = ordered.iter().zip(members).any(|((a, _), (b, _))| a != b);
    (ordered, changed)
}

fn replace(haystack: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len() + haystack.len() / 16);
    let mut i = 0;
    while i < haystack.len() {
        if haystack[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(haystack[i]);
            i += 1;
        }
    }
    out
}

const fn style(
    indent: Option<usize>,
    item_separator: &'static str,
    key_separator: &'static str,
    keys: KeyOrder,
    numbers: NumberStyle,
    escape: Escape,
) -> Style {
    Style { indent, item_separator, key_separator, keys, numbers, escape }
}

/// How common tools write a parsed body back out.
const RESERIALIZATIONS: [(&str, Style, Option<Language>); 13] = [
    (
        "compact, as a minifier writes it",
        style(None, ",", ":", KeyOrder::AsWritten, NumberStyle::AsWritten, Escape::Minimal),
        None,
    ),
    (
        "indented by 2 spaces",
        style(Some(2), ",", ": ", KeyOrder::AsWritten, NumberStyle::AsWritten, Escape::Minimal),
        None,
    ),
    (
        "indented by 4 spaces",
        style(Some(4), ",", ": ", KeyOrder::AsWritten, NumberStyle::AsWritten, Escape::Minimal),
        None,
    ),
    (
        "as JavaScript's JSON.stringify(JSON.parse(body)) writes it",
        style(None, ",", ":", KeyOrder::JavaScript, NumberStyle::JavaScript, Escape::Minimal),
        Some(Language::Node),
    ),
    (
        "as JSON.stringify(value, null, 2) writes it",
        style(Some(2), ",", ": ", KeyOrder::JavaScript, NumberStyle::JavaScript, Escape::Minimal),
        Some(Language::Node),
    ),
    (
        "as JSON.stringify(value, null, 4) writes it",
        style(Some(4), ",", ": ", KeyOrder::JavaScript, NumberStyle::JavaScript, Escape::Minimal),
        Some(Language::Node),
    ),
    (
        "as Python's json.dumps writes it by default (\", \" and \": \", non-ASCII escaped)",
        style(None, ", ", ": ", KeyOrder::Parsed, NumberStyle::Python, Escape::Ascii),
        Some(Language::Python),
    ),
    (
        "as Python's json.dumps(value, indent=2) writes it",
        style(Some(2), ", ", ": ", KeyOrder::Parsed, NumberStyle::Python, Escape::Ascii),
        Some(Language::Python),
    ),
    (
        "compact with its keys sorted",
        style(None, ",", ":", KeyOrder::Sorted, NumberStyle::AsWritten, Escape::Minimal),
        None,
    ),
    (
        "with its keys sorted, as JSON.stringify writes it",
        style(None, ",", ":", KeyOrder::Sorted, NumberStyle::JavaScript, Escape::Minimal),
        Some(Language::Node),
    ),
    (
        "indented by 2 spaces with its keys sorted",
        style(Some(2), ",", ": ", KeyOrder::Sorted, NumberStyle::AsWritten, Escape::Minimal),
        None,
    ),
    (
        "as Python's json.dumps(value, sort_keys=True) writes it",
        style(None, ", ", ": ", KeyOrder::Sorted, NumberStyle::Python, Escape::Ascii),
        Some(Language::Python),
    ),
    (
        "as Go's json.Marshal writes it (keys sorted, <, > and & escaped)",
        style(None, ",", ":", KeyOrder::Sorted, NumberStyle::AsWritten, Escape::Html),
        Some(Language::Go),
    ),
];

fn explain_body(subject: Subject, cause: Cause, hits: &[String]) -> Option<Diagnosis> {
    let first = hits.first()?;
    let also = match hits.len() {
        1 => String::new(),
        n => format!(" ({} other forms give the same bytes)", n - 1),
    };
    Some(Diagnosis::new(cause, format!("{} matches this body {first}{also}.", subject.noun())))
}

/// One cause's variants of the secret, and what a match means: the finding's second half.
struct SecretVariants {
    cause: Cause,
    meaning: &'static str,
    variants: Vec<Variant<Vec<u8>>>,
}

fn secret_variants(secret: &str) -> [SecretVariants; 5] {
    let variant = |value: &[u8], label: &str| Variant { value: value.to_vec(), label: label.to_string() };
    let mut whitespace = Vec::new();
    if secret.trim() != secret {
        whitespace.push(variant(secret.trim().as_bytes(), "with the whitespace around it removed"));
        if secret.trim_end() != secret && secret.trim_start() != secret {
            whitespace.push(variant(secret.trim_end().as_bytes(), "with its trailing whitespace removed"));
            whitespace.push(variant(secret.trim_start().as_bytes(), "with its leading whitespace removed"));
        }
    }
    for (added, label) in [
        ("\n", "with a trailing newline added"),
        ("\r\n", "with a trailing CRLF added"),
        (" ", "with a trailing space added"),
    ] {
        whitespace.push(variant(format!("{secret}{added}").as_bytes(), label));
    }

    let mut encoding = Vec::new();
    let trimmed = secret.trim();
    let unprefixed = trimmed.split_once('_').filter(|(p, rest)| {
        (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_lowercase()) && !rest.is_empty()
    });
    let mut forms: Vec<(&str, String)> = vec![(trimmed, String::new())];
    if let Some((prefix, rest)) = unprefixed {
        encoding.push(variant(rest.as_bytes(), &format!("with its \"{prefix}_\" prefix removed")));
        forms.push((rest, format!(" after removing its \"{prefix}_\" prefix")));
    }
    for (form, after) in &forms {
        if form.len() >= 16 && form.len() % 2 == 0 && form.bytes().all(|b| b.is_ascii_hexdigit()) {
            if let Ok(bytes) = hex::decode(form) {
                encoding.push(variant(&bytes, &format!("hex-decoded to bytes{after}")));
            }
        }
        if form.len() >= 16 {
            if let Some(bytes) = base64::decode(form) {
                encoding.push(variant(&bytes, &format!("base64-decoded to bytes{after}")));
            }
        }
    }
    let mut invisible = Vec::new();
    let found = invisible_characters(secret.as_bytes(), false);
    for &(c, first, count) in &found {
        let label = format!("without {}", describe_invisible(c, first, count));
        invisible.push(variant(&remove_char(secret.as_bytes(), c, false), &label));
    }
    if found.len() > 1 {
        let mut all = secret.as_bytes().to_vec();
        for &(c, _, _) in &found {
            all = remove_char(&all, c, false);
        }
        invisible.push(variant(&all, "without any of its invisible characters"));
    }

    let mut quotes = Vec::new();
    match unquoted(trimmed, &PASTE_QUOTES) {
        Some(inner) => quotes.push(variant(inner.as_bytes(), "without the quotes around it")),
        None => {
            for (quote, label) in [('"', "wrapped in double quotes"), ('\'', "wrapped in single quotes")] {
                quotes.push(variant(format!("{quote}{trimmed}{quote}").as_bytes(), label));
            }
        }
    }

    let mut env_line = Vec::new();
    let line = trimmed.strip_prefix("export ").map_or(trimmed, str::trim_start);
    if let Some((name, value)) = line.split_once('=') {
        let name = name.trim_end();
        let is_name = name.starts_with(|c: char| c.is_ascii_uppercase() || c == '_')
            && name.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
        let value = value.trim();
        if is_name && !value.is_empty() {
            let inner = unquoted(value, &PASTE_QUOTES).unwrap_or(value);
            env_line.push(variant(inner.as_bytes(), &format!("reduced to the value after {name}=")));
            if inner != value {
                env_line.push(variant(value.as_bytes(), &format!("reduced to the value after {name}=, quotes kept")));
            }
        }
    }
    [
        SecretVariants {
            cause: Cause::SecretWhitespace,
            meaning: "one side's copy of the secret has whitespace the other's does not",
            variants: whitespace,
        },
        SecretVariants {
            cause: Cause::SecretEncoding,
            meaning: "whoever made it decoded the secret, which Cobinar does not",
            variants: encoding,
        },
        SecretVariants {
            cause: Cause::SecretInvisibleCharacter,
            meaning: "the secret pasted here carries an invisible character that the signer's copy does not",
            variants: invisible,
        },
        SecretVariants {
            cause: Cause::SecretQuotes,
            meaning: "an environment file's quotes were kept as part of the secret on one side",
            variants: quotes,
        },
        SecretVariants {
            cause: Cause::SecretEnvLine,
            meaning: "the secret field holds a whole environment-file line, not just its value",
            variants: env_line,
        },
    ]
}

fn explain_secret(subject: Subject, cause: Cause, meaning: &str, hits: &[String]) -> Option<Diagnosis> {
    let first = hits.first()?;
    Some(Diagnosis::new(cause, format!("{} matches the secret {first}: {meaning}.", subject.noun())))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec_5f2b8c1d9e0a7f36";
    const BODY: &str = r#"{"id":"e1","event":"otp.verified","createdAt":"2026-07-03T14:22:10.000Z","payload":{"requestId":"r1","phone":"+999 482 918 102","verifiedAt":"2026-07-03T14:22:10.000Z"}}"#;

    fn causes(secret: &str, body: &str, signed_secret: &str, signed_body: &str) -> Vec<Diagnosis> {
        diagnose(secret, body.as_bytes(), &signature::sign(signed_secret.as_bytes(), signed_body.as_bytes()))
    }

    #[test]
    fn all_lists_every_cause_once_in_declaration_order() {
        for (position, cause) in Cause::ALL.iter().enumerate() {
            assert_eq!(*cause as usize, position, "{cause:?}");
        }
        assert_eq!(Cause::ALL.len(), Cause::NoKnownCause as usize + 1);
    }

    #[track_caller]
    fn only(found: &[Diagnosis], cause: Cause, finding_has: &[&str]) {
        let names: Vec<&str> = found.iter().map(|d| d.cause.as_str()).collect();
        assert_eq!(names, [cause.as_str()], "{found:?}");
        for part in finding_has {
            assert!(found[0].finding.contains(part), "{:?} lacks {part:?}", found[0].finding);
        }
        assert_eq!(found[0].fix, cause.fix());
    }

    #[test]
    fn invisible_characters_in_the_body_at_its_edges() {
        let at_start = format!("\u{200B}{BODY}");
        only(&causes(SECRET, &at_start, SECRET, BODY), Cause::BodyInvisibleCharacter, &["U+200B", "byte offset 0"]);
        let at_end = format!("{BODY}\u{202E}");
        let offset = format!("byte offset {}", BODY.len());
        only(&causes(SECRET, &at_end, SECRET, BODY), Cause::BodyInvisibleCharacter, &["U+202E", &offset]);
        // Every occurrence goes, and the first is named.
        let twice = BODY.replace("+999", "\u{00A0}+999").replace("r1", "r\u{00A0}1");
        let first = format!("byte offset {}", twice.find('\u{00A0}').unwrap_or(0));
        only(&causes(SECRET, &twice, SECRET, BODY), Cause::BodyInvisibleCharacter, &["2 U+00A0", &first]);
        // A byte order mark at the start stays body-bom's; one further in is an invisible character.
        only(&causes(SECRET, &format!("\u{FEFF}{BODY}"), SECRET, BODY), Cause::BodyBom, &[]);
        let inside = format!("\u{FEFF}{}", BODY.replace("\"event\"", "\u{FEFF}\"event\""));
        let signed = format!("\u{FEFF}{BODY}");
        only(&causes(SECRET, &inside, SECRET, &signed), Cause::BodyInvisibleCharacter, &["U+FEFF", "byte offset 14"]);
        // Two kinds at once: only removing both reproduces it.
        let both = format!("\u{200E}{BODY}\u{2069}");
        only(&causes(SECRET, &both, SECRET, BODY), Cause::BodyInvisibleCharacter, &["any of its invisible"]);
        // Not UTF-8 at all: still scanned as bytes.
        let mut raw = BODY.as_bytes().to_vec();
        raw.push(0xFF);
        let found =
            diagnose(SECRET, &[&raw[..], "\u{200D}".as_bytes()].concat(), &signature::sign(SECRET.as_bytes(), &raw));
        only(&found, Cause::BodyInvisibleCharacter, &["U+200D"]);
    }

    #[test]
    fn invisible_characters_are_the_shared_table_s_and_few_kinds_are_tried() {
        // A word joiner and a tag character are in the shared table, named as the Bytes view names them.
        let joined = BODY.replace("otp.verified", "otp.\u{2060}verified");
        only(&causes(SECRET, &joined, SECRET, BODY), Cause::BodyInvisibleCharacter, &["U+2060 (WORD JOINER)"]);
        let tagged = format!("{BODY}\u{E0041}");
        only(&causes(SECRET, &tagged, SECRET, BODY), Cause::BodyInvisibleCharacter, &["U+E0041 (TAG CHARACTER)"]);
        // A body crafted with every tag character: 16 kinds are tried, each counted in one pass.
        let crafted: String = ('\u{E0000}'..='\u{E0FFF}').cycle().take(40_000).collect();
        let found = invisible_characters(crafted.as_bytes(), true);
        assert_eq!(found.len(), INVISIBLE_KINDS_TRIED);
        assert_eq!(found[0], ('\u{E0000}', 0, 10));
        assert_eq!(found[15], ('\u{E000F}', 15 * 4, 10));
    }

    #[test]
    fn invisible_characters_in_the_secret_at_its_edges() {
        let at_start = format!("\u{FEFF}{SECRET}");
        only(&causes(&at_start, BODY, SECRET, BODY), Cause::SecretInvisibleCharacter, &["U+FEFF", "byte offset 0"]);
        let at_end = format!("{SECRET}\u{200C}");
        let offset = format!("byte offset {}", SECRET.len());
        only(&causes(&at_end, BODY, SECRET, BODY), Cause::SecretInvisibleCharacter, &["U+200C", &offset]);
        // A trailing no-break space is whitespace that trim() removes: secret-whitespace, once.
        only(&causes(&format!("{SECRET}\u{00A0}"), BODY, SECRET, BODY), Cause::SecretWhitespace, &[]);
    }

    #[test]
    fn whitespace_at_the_body_ends_is_not_a_trailing_newline_unless_it_is_one() {
        only(&causes(SECRET, &format!("{BODY}\n"), SECRET, BODY), Cause::BodyTrailingNewline, &[]);
        only(&causes(SECRET, &format!("{BODY}\r\n"), SECRET, BODY), Cause::BodyTrailingNewline, &[]);
        only(&causes(SECRET, BODY, SECRET, &format!("{BODY}\n")), Cause::BodyTrailingNewline, &[]);
        only(&causes(SECRET, &format!("{BODY}\n\n"), SECRET, BODY), Cause::BodyWhitespace, &["trailing line breaks"]);
        only(&causes(SECRET, &format!("\t{BODY}"), SECRET, BODY), Cause::BodyWhitespace, &["at its start trimmed"]);
        only(&causes(SECRET, BODY, SECRET, &format!("{BODY} ")), Cause::BodyWhitespace, &["trailing space added"]);
        only(
            &causes(SECRET, BODY, SECRET, &format!("\n{BODY}")),
            Cause::BodyWhitespace,
            &["line break added at its start"],
        );
        only(
            &causes(SECRET, &format!("  {BODY}\n"), SECRET, &format!("{BODY}\n")),
            Cause::BodyWhitespace,
            &["trimmed"],
        );
        // All whitespace: trimmed to nothing.
        only(&causes(SECRET, " \t\n", SECRET, ""), Cause::BodyWhitespace, &["at its start trimmed"]);
        only(&causes(SECRET, &format!(" {BODY}\t"), SECRET, BODY), Cause::BodyWhitespace, &["both its ends"]);
        // Never the re-serialisation advice for a trimmed JSON body.
        let found = causes(SECRET, &format!("   {BODY}   "), SECRET, BODY);
        assert!(found.iter().all(|d| d.cause != Cause::BodyReserialized), "{found:?}");
    }

    #[test]
    fn signed_content_schemes_take_the_headers_and_the_body() {
        let header_id = "from-the-header";
        let headers = ReceivedHeaders::from_pairs([
            ("x-cobinar-event-id", header_id),
            ("x-cobinar-timestamp", " 2026-07-03T14:22:10Z "),
        ]);
        let signed = |prefix: &str| signature::sign(SECRET.as_bytes(), format!("{prefix}{BODY}").as_bytes());
        let cases = [
            // The body's own id and createdAt, in each timestamp form.
            (
                "e1.1783088530.",
                true,
                &["Standard Webhooks", "the body's id", "the body's createdAt in Unix seconds"][..],
            ),
            ("e1.1783088530000.", true, &["in Unix milliseconds"][..]),
            ("2026-07-03T14:22:10.000Z.", true, &["as Stripe signs", "createdAt as written"][..]),
            // The headers' values (the timestamp read without its whitespace): only with the headers.
            (
                "from-the-header.2026-07-03T14:22:10Z.",
                false,
                &["x-cobinar-event-id", "x-cobinar-timestamp as written"][..],
            ),
            ("from-the-header.1783088530.", false, &["x-cobinar-event-id"][..]),
        ];
        for (prefix, from_body, finding_has) in cases {
            let received = signed(prefix);
            let with_headers = diagnose_with(SECRET, BODY.as_bytes(), &received, Some(&headers));
            let body_only = diagnose(SECRET, BODY.as_bytes(), &received);
            if from_body {
                only(&body_only, Cause::SignedContentScheme, finding_has);
                only(&with_headers, Cause::SignedContentScheme, &[]);
            } else {
                only(&with_headers, Cause::SignedContentScheme, finding_has);
                only(&body_only, Cause::NoKnownCause, &[]);
            }
        }
        // Bounded: ids and timestamps past 200 bytes are not tried; never more than 18 prefixes.
        let long = ReceivedHeaders::from_pairs([("x-cobinar-event-id", "x".repeat(201))]);
        let tree = json_forms::parse(BODY).ok();
        assert_eq!(signed_content_prefixes(tree.as_ref(), Some(&long)).len(), 3 + 3);
        assert!(signed_content_prefixes(tree.as_ref(), Some(&headers)).len() <= 18);
        assert!(signed_content_prefixes(None, None).is_empty());
    }

    #[test]
    fn quotes_around_the_secret() {
        only(&causes(&format!("'{SECRET}'"), BODY, SECRET, BODY), Cause::SecretQuotes, &["without the quotes"]);
        only(&causes(&format!("\"{SECRET}\"\n"), BODY, SECRET, BODY), Cause::SecretQuotes, &[]);
        only(&causes(SECRET, BODY, &format!("\"{SECRET}\""), BODY), Cause::SecretQuotes, &["double quotes"]);
        // Mismatched quotes are not a wrapping; a lone quote is not either.
        assert!(unquoted("\"x'", &PASTE_QUOTES).is_none() && unquoted("\"", &PASTE_QUOTES).is_none());
        assert_eq!(unquoted("''", &PASTE_QUOTES), Some(""));
    }

    #[test]
    fn a_whole_env_line_as_the_secret() {
        let line = format!("export   COBINAR_WEBHOOK_SECRET = '{SECRET}'  ");
        only(&causes(&line, BODY, SECRET, BODY), Cause::SecretEnvLine, &["COBINAR_WEBHOOK_SECRET="]);
        let line = format!("WEBHOOK_SECRET_2=\"{SECRET}\"");
        only(&causes(&line, BODY, &format!("\"{SECRET}\""), BODY), Cause::SecretEnvLine, &["quotes kept"]);
        // A lower-case name is not an environment line; an empty value tries nothing.
        let found = causes(&format!("cobinar_secret={SECRET}"), BODY, SECRET, BODY);
        assert_eq!(found.iter().map(|d| d.cause).collect::<Vec<_>>(), [Cause::NoKnownCause]);
        assert!(secret_variants("COBINAR_WEBHOOK_SECRET=")[4].variants.is_empty());
    }

    #[test]
    fn keys_sorted_before_logging_are_put_back_in_cobinars_order() {
        let sorted = r#"{"createdAt":"2026-07-03T14:22:10.000Z","event":"otp.verified","id":"e1","payload":{"phone":"+999 482 918 102","requestId":"r1","verifiedAt":"2026-07-03T14:22:10.000Z"}}"#;
        only(
            &causes(SECRET, sorted, SECRET, BODY),
            Cause::BodyReserialized,
            &["keys were sorted", "id, event, createdAt, payload, and requestId, phone, verifiedAt in the payload"],
        );
        // Already in order: nothing to restore.
        let tree = json_forms::parse(BODY).ok();
        assert!(tree.as_ref().and_then(documented_order).is_none());
        // An unknown event: the envelope's order alone, other keys kept after it.
        let unknown = r#"{"extra":1,"event":"otp.unknown","id":"e1"}"#;
        let restored = json_forms::parse(unknown).ok().as_ref().and_then(documented_order);
        let style = RESERIALIZATIONS[0].1;
        let written = restored.map(|(tree, order)| (json_forms::write(&tree, &style), order));
        assert_eq!(
            written,
            Some((
                r#"{"id":"e1","event":"otp.unknown","extra":1}"#.to_string(),
                "id, event, createdAt, payload".to_string()
            ))
        );
        // Not an object: nothing.
        assert!(json_forms::parse("[1,2]").ok().as_ref().and_then(documented_order).is_none());
    }
}
