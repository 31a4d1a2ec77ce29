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

use crate::diagnose::fixes;
use crate::diagnose::json_forms::{self, Escape, Json, KeyOrder, NumberStyle, Style};
use crate::diagnose::object_dumps;
use crate::protocol::base64;
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

mod body_variants;
mod cause;
mod digest;
mod schemes;
mod secret_variants;

use self::body_variants::*;
pub use self::cause::Cause;
use self::digest::*;
pub(super) use self::digest::{read_received, DigestForm, ReceivedDigest};
use self::schemes::*;
use self::secret_variants::*;

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

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec_5f2b8c1d9e0a7f36";
    const BODY: &str = r#"{"id":"e1","event":"otp.verified","createdAt":"2026-07-03T14:22:10.000Z","payload":{"requestId":"r1","phone":"+999 482 918 102","verifiedAt":"2026-07-03T14:22:10.000Z"}}"#;

    fn causes(secret: &str, body: &str, signed_secret: &str, signed_body: &str) -> Vec<Diagnosis> {
        diagnose(secret, body.as_bytes(), &signature::sign(signed_secret.as_bytes(), signed_body.as_bytes()))
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
