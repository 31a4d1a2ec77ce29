//! The verdict the sender's page showed when they made a link: "signature does not match —
//! body-reserialized". It travels in the link (see `fixture_link`) so that the teammate who
//! opens it knows what the sender saw, and whether their own page agrees.
//!
//! It is someone else's claim, in text anyone can write: only the known verdict and cause codes
//! are read (anything else is dropped, never shown), the page words it as the sender's claim,
//! and where the reader's page computes a verdict of its own, that one is what counts.

use crate::diagnose::diagnosis::{Cause, Diagnosis};
use crate::protocol::headers::SIGNATURE;
use crate::protocol::wire;
use crate::share::provenance::SecretOrigin;
use crate::verify::header_checks::CheckStatus;
use crate::verify::verification::{Verdict, Verification};

/// What the sender's page said about the signature; its code is serde's name (`wire`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SentVerdict {
    #[serde(rename = "valid")]
    Valid,
    /// Of Cobinar's form, and not the body's HMAC under the sender's secret.
    #[serde(rename = "invalid-signature")]
    SignatureMismatch,
    /// Not of Cobinar's form `sha256=<64 hex>`.
    #[serde(rename = "malformed-signature")]
    SignatureMalformed,
}

impl SentVerdict {
    /// The stable code carried in a link and in `data-verdict`.
    pub fn as_str(self) -> &'static str {
        wire::name(&self)
    }

    /// The verdict whose code (`as_str`) is exactly `code`; `None` for any other text, which is
    /// dropped, never shown.
    pub fn from_code(code: &str) -> Option<Self> {
        wire::from_name(code)
    }

    /// The verdict as a clause: `the signature does not match`.
    fn words(self) -> &'static str {
        match self {
            Self::Valid => "the signature matches",
            Self::SignatureMismatch => "the signature does not match",
            Self::SignatureMalformed => "the signature header is not of Cobinar's form",
        }
    }
}

/// What the sender's page found, as a clause: the finding's sentence in general words, since a
/// link carries the cause, not the details the sender's body gave it. Read by a person; the
/// codes (`Cause::as_str`) stay in attributes.
pub fn cause_words(cause: Cause) -> &'static str {
    match cause {
        Cause::BodyTrailingNewline => "a line break was added to or dropped from the end of the body",
        Cause::BodyLineEndings => "the body's line breaks were changed between LF and CRLF",
        Cause::BodyReserialized => "the body was parsed as JSON and written out again",
        Cause::BodyUnicodeEscaped => "the body's non-ASCII characters or slashes were escaped otherwise in JSON",
        Cause::BodyBom => "a byte order mark was added to or dropped from the start of the body",
        Cause::BodyInvisibleCharacter => "the body gained or lost an invisible character",
        Cause::BodyWhitespace => "whitespace was trimmed from or added around the body",
        Cause::BodyObjectCoerced => "the body was signed as a language's text for the parsed object (such as [object Object]), not as its JSON",
        Cause::SignedContentScheme => "the signature covers the body with a prefix, as the Standard Webhooks libraries sign",
        Cause::SecretWhitespace => "one copy of the secret has whitespace the other does not",
        Cause::SecretEncoding => "the secret was base64-decoded after its whsec_ prefix, as the Standard Webhooks libraries do and Cobinar does not",
        Cause::SecretInvisibleCharacter => "one copy of the secret carries an invisible character the other does not",
        Cause::SecretQuotes => "an environment file's quotes were kept as part of the secret on one side",
        Cause::SecretEnvLine => "a whole environment-file line was used as the secret, not just its value",
        Cause::SignaturePrefix => "the digest is right, but its sha256= prefix is missing or different",
        Cause::SignatureCase => "the digest is in upper-case hex, so a string comparison fails",
        Cause::SignatureBase64 => "the digest is base64-encoded instead of hex",
        Cause::SignatureAlgorithm => "the signature was made with another algorithm than HMAC-SHA256",
        Cause::NoKnownCause => "no known mistake explains it",
    }
}

/// The sender's verdict and the causes their page named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SenderVerdict {
    pub verdict: SentVerdict,
    /// Named only with `SignatureMismatch`, in the order the page listed them, each once.
    pub causes: Vec<Cause>,
}

/// A link's verdict is a few dozen bytes; more is not a verdict, and is not read.
pub const MAX_TRAILER_BYTES: usize = 512;

impl SenderVerdict {
    /// What the page shows now, as a link carries it; `None` while there is no verdict to tell
    /// (something is missing, or a large body is still being checked).
    pub fn of(verification: &Verification, diagnoses: &[Diagnosis]) -> Option<Self> {
        let signature = verification.checks.iter().find(|check| check.header == SIGNATURE).map(|check| check.status);
        let verdict = match (verification.verdict, signature) {
            (Verdict::Valid, _) => SentVerdict::Valid,
            (Verdict::Invalid, Some(CheckStatus::Malformed)) => SentVerdict::SignatureMalformed,
            (Verdict::Invalid, _) => SentVerdict::SignatureMismatch,
            (Verdict::Incomplete | Verdict::Checking, _) => return None,
        };
        let causes = match verdict {
            SentVerdict::SignatureMismatch => diagnoses.iter().map(|d| d.cause).collect(),
            SentVerdict::Valid | SentVerdict::SignatureMalformed => Vec::new(),
        };
        Some(Self::new(verdict, causes))
    }

    /// What a link made now carries: `of`, but while the page's cause search has not answered
    /// for what is on it (`searching`), no causes: the list on screen is still the one found for
    /// the body before (a link just opened, or an edit), and the verdict alone is true.
    pub fn to_share(verification: &Verification, diagnoses: &[Diagnosis], searching: bool) -> Option<Self> {
        Self::of(verification, if searching { &[] } else { diagnoses })
    }

    fn new(verdict: SentVerdict, causes: Vec<Cause>) -> Self {
        let mut unique: Vec<Cause> = Vec::new();
        for cause in causes {
            if !unique.contains(&cause) {
                unique.push(cause);
            }
        }
        if verdict != SentVerdict::SignatureMismatch {
            unique.clear();
        }
        Self { verdict, causes: unique }
    }

    /// The link's form: `verdict=invalid-signature;causes=body-reserialized,signature-case`.
    pub fn to_trailer(&self) -> String {
        let mut trailer = format!("verdict={}", self.verdict.as_str());
        if !self.causes.is_empty() {
            let codes: Vec<&str> = self.causes.iter().map(|cause| cause.as_str()).collect();
            trailer.push_str(";causes=");
            trailer.push_str(&codes.join(","));
        }
        trailer
    }

    /// Reads the link's form. Anything unexpected is dropped rather than refused: the verdict
    /// is an extra, and a link opens with or without it. An unknown verdict drops the whole
    /// verdict; an unknown cause drops that cause; unknown keys are passed over (a later
    /// version may add some).
    pub fn from_trailer(bytes: &[u8]) -> Option<Self> {
        if bytes.is_empty() || bytes.len() > MAX_TRAILER_BYTES || !bytes.is_ascii() {
            return None;
        }
        let text = std::str::from_utf8(bytes).ok()?;
        let mut verdict = None;
        let mut causes = Vec::new();
        for part in text.split(';') {
            match part.split_once('=') {
                Some(("verdict", code)) if verdict.is_none() => verdict = Some(SentVerdict::from_code(code)?),
                Some(("verdict", _)) => return None,
                Some(("causes", codes)) => causes.extend(codes.split(',').filter_map(Cause::from_name)),
                _ => {}
            }
        }
        Some(Self::new(verdict?, causes))
    }

    /// `the signature does not match: the body was parsed as JSON and written out again; the
    /// digest is in upper-case hex, so a string comparison fails`: words, never codes.
    pub fn describe(&self) -> String {
        if self.causes.is_empty() {
            return self.verdict.words().to_string();
        }
        let causes: Vec<&str> = self.causes.iter().map(|&cause| cause_words(cause)).collect();
        format!("{}: {}", self.verdict.words(), causes.join("; "))
    }

    /// `body-reserialized signature-case`: the causes' codes, for an attribute, not for reading.
    pub fn cause_codes(&self) -> String {
        self.causes.iter().map(|cause| cause.as_str()).collect::<Vec<_>>().join(" ")
    }

    /// Said beside the share buttons: what the link will tell the teammate.
    pub fn in_link_sentence(&self) -> String {
        format!("The link also carries the verdict shown here, that {}.", self.describe())
    }
}

/// The sender's claim against what this page computes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Agreement {
    /// This page has no verdict of its own (no secret yet, most often).
    Unchecked,
    /// The same verdict, while this page's cause search has not answered for these inputs: its
    /// causes can be held against the sender's only once it has.
    Checking,
    Same,
    /// The same verdict, but this page names other causes.
    OtherCauses(SenderVerdict),
    Different(SenderVerdict),
}

impl Agreement {
    /// The stable name used in `data-agreement`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Unchecked => "unchecked",
            Self::Checking => "checking",
            Self::Same => "same",
            Self::OtherCauses(_) => "other-causes",
            Self::Different(_) => "different",
        }
    }
}

/// `own` is `SenderVerdict::of` this page's verification; `searching`, whether this page's cause
/// search is still running for the inputs now on the page (what it found before is for others).
/// A finished search on a mismatch always names a cause (`no-known-cause` at least), so a
/// mismatch with none is a search that has not answered either.
pub fn compare(sent: &SenderVerdict, own: Option<&SenderVerdict>, searching: bool) -> Agreement {
    match own {
        None => Agreement::Unchecked,
        Some(own) if own.verdict != sent.verdict => Agreement::Different(own.clone()),
        Some(own) if searching || (own.verdict == SentVerdict::SignatureMismatch && own.causes.is_empty()) => {
            Agreement::Checking
        }
        Some(own) if own.causes == sent.causes => Agreement::Same,
        Some(own) => Agreement::OtherCauses(own.clone()),
    }
}

/// The banner's line: the sender's claim, worded as theirs, then what this page finds. `framed`:
/// the page is inside another site's frame, where it takes no secret, so it cannot be asked for.
pub fn banner_sentence(sent: &SenderVerdict, agreement: &Agreement, framed: bool, secret: SecretOrigin) -> String {
    let claim = format!("The sender's page said {}.", sent.describe());
    let ours = match agreement {
        Agreement::Unchecked if framed => "That is their claim; this page, inside another site's frame, takes no secret: open it directly and it checks the claim for itself.".to_string(),
        Agreement::Unchecked => {
            "That is their claim; enter your secret and this page checks it for itself.".to_string()
        }
        Agreement::Checking => format!(
            "That is the sender's claim; this page, checking for itself, also finds that {}, and is still looking for why…",
            sent.verdict.words()
        ),
        Agreement::Same => "That is the sender's claim, and this page, checking for itself, finds the same.".to_string(),
        Agreement::OtherCauses(own) => {
            let causes: Vec<&str> = own.causes.iter().map(|&cause| cause_words(cause)).collect();
            format!(
                "That is the sender's claim; this page, checking for itself, also finds that {}, but for another reason: {}.",
                own.verdict.words(),
                causes.join("; ")
            )
        }
        Agreement::Different(own) => format!(
            "That is the sender's claim, but this page finds otherwise, that {}. {}, or the body and headers now on the page, differ from the sender's.",
            own.describe(),
            match secret {
                SecretOrigin::Reader => "Your secret".to_string(),
                SecretOrigin::Shared(from) => format!("The {}'s secret", from.noun()),
            }
        ),
    };
    // Agreeing under the secret the link itself carried proves only that the link is consistent.
    let under = match (secret, agreement) {
        (SecretOrigin::Shared(from), Agreement::Checking | Agreement::Same | Agreement::OtherCauses(_)) => {
            format!(" It checked under the {}'s secret, not one you entered.", from.noun())
        }
        _ => String::new(),
    };
    format!("{claim} {ours}{under}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::echo::example::{example_delivery, EXAMPLE_SECRET};
    use crate::share::provenance::SharedFrom;
    use crate::verify::received_headers;
    use crate::verify::verification::{verify, ReceivedDelivery};

    fn mismatch(causes: &[Cause]) -> SenderVerdict {
        SenderVerdict { verdict: SentVerdict::SignatureMismatch, causes: causes.to_vec() }
    }

    /// The banner and the share panel speak sentences: no cause's code is ever in what they say,
    /// and every cause has words of its own.
    #[test]
    fn the_verdict_reads_as_sentences_not_codes() {
        let all = mismatch(&Cause::ALL);
        let codes: Vec<&str> = Cause::ALL.iter().map(|cause| cause.as_str()).collect();
        let mut said = vec![all.describe(), all.in_link_sentence()];
        for agreement in [
            Agreement::Unchecked,
            Agreement::Checking,
            Agreement::Same,
            Agreement::OtherCauses(all.clone()),
            Agreement::Different(all.clone()),
        ] {
            for secret in [SecretOrigin::Reader, SecretOrigin::Shared(SharedFrom::Link)] {
                said.push(banner_sentence(&all, &agreement, false, secret));
            }
        }
        for text in &said {
            for code in &codes {
                assert!(!text.contains(code), "{code} in {text:?}");
            }
        }
        // The codes are still there, for an attribute.
        assert_eq!(all.cause_codes(), codes.join(" "));
        let mut words: Vec<&str> = Cause::ALL.iter().map(|&cause| cause_words(cause)).collect();
        words.sort_unstable();
        words.dedup();
        assert_eq!(words.len(), Cause::ALL.len(), "two causes read alike");
        assert_eq!(
            mismatch(&[Cause::BodyReserialized, Cause::SignatureCase]).in_link_sentence(),
            "The link also carries the verdict shown here, that the signature does not match: the body was parsed as JSON and written out again; the digest is in upper-case hex, so a string comparison fails."
        );
    }

    #[test]
    fn every_verdict_keeps_its_code() {
        for (verdict, code) in [
            (SentVerdict::Valid, "valid"),
            (SentVerdict::SignatureMismatch, "invalid-signature"),
            (SentVerdict::SignatureMalformed, "malformed-signature"),
        ] {
            // A new verdict is a compile error here until it has a code pinned above.
            match verdict {
                SentVerdict::Valid | SentVerdict::SignatureMismatch | SentVerdict::SignatureMalformed => {}
            }
            assert_eq!(verdict.as_str(), code);
            assert_eq!(SentVerdict::from_code(code), Some(verdict));
            assert_eq!(SentVerdict::from_code(&format!("{verdict:?}")), None);
        }
        assert_eq!(SentVerdict::from_code(""), None);
    }

    #[test]
    fn a_link_names_every_cause_by_its_code_and_nothing_else() {
        let read = |codes: &str| {
            SenderVerdict::from_trailer(format!("verdict=invalid-signature;causes={codes}").as_bytes())
                .map(|verdict| verdict.causes)
        };
        for cause in Cause::ALL {
            assert_eq!(read(cause.as_str()), Some(vec![cause]));
        }
        for code in
            ["", "-", "body", "body--bom", "Body-bom", "bodybom", "BodyBom", "body-bom-", "body_bom", "body-bom "]
        {
            assert_eq!(read(code), Some(vec![]), "{code:?}");
        }
        // Not ASCII: not a verdict at all.
        assert_eq!(read("bоdy-bom"), None);
    }

    #[test]
    fn round_trips_through_the_link_form() {
        let cases = [
            SenderVerdict { verdict: SentVerdict::Valid, causes: vec![] },
            SenderVerdict { verdict: SentVerdict::SignatureMalformed, causes: vec![] },
            mismatch(&[]),
            mismatch(&[Cause::BodyReserialized]),
            mismatch(&Cause::ALL),
        ];
        for verdict in cases {
            let trailer = verdict.to_trailer();
            assert!(trailer.len() <= MAX_TRAILER_BYTES, "{trailer}");
            assert_eq!(SenderVerdict::from_trailer(trailer.as_bytes()), Some(verdict), "{trailer}");
        }
        assert_eq!(
            mismatch(&[Cause::BodyReserialized]).to_trailer(),
            "verdict=invalid-signature;causes=body-reserialized"
        );
    }

    #[test]
    fn hostile_trailers_give_nothing_unknown() {
        let read = |text: &str| SenderVerdict::from_trailer(text.as_bytes());
        // An unknown verdict, markup, a second verdict, an empty one: no verdict at all.
        for text in [
            "",
            "verdict=",
            "verdict=VALID",
            "verdict=<img src=x onerror=alert(1)>",
            "verdict=valid;verdict=invalid-signature",
            "verdict=valid\u{202E}",
            "causes=body-bom",
            "nonsense",
        ] {
            assert_eq!(read(text), None, "{text:?}");
        }
        // Unknown causes are dropped one by one; repeats count once; unknown keys are passed over.
        assert_eq!(
            read(
                "verdict=invalid-signature;causes=<script>,body-bom,,body-bom,BODY-BOM;future=1;causes=signature-case"
            ),
            Some(mismatch(&[Cause::BodyBom, Cause::SignatureCase]))
        );
        // Causes make sense only with a signature that does not match.
        assert_eq!(
            read("verdict=valid;causes=body-bom"),
            Some(SenderVerdict { verdict: SentVerdict::Valid, causes: vec![] })
        );
        // Too long, or not ASCII: not read.
        let long = format!("verdict=valid;x={}", "a".repeat(MAX_TRAILER_BYTES));
        assert_eq!(read(&long), None);
        assert_eq!(SenderVerdict::from_trailer(b"verdict=valid\xff"), None);
    }

    #[test]
    fn from_the_page_and_against_it() {
        let example = example_delivery();
        let headers = received_headers::parse(&example.headers);
        let check = |secret: &str, body: &[u8]| {
            verify(ReceivedDelivery { secret, body, headers: &headers, now_unix_millis: None })
        };
        let valid = check(EXAMPLE_SECRET, example.body.as_bytes());
        let sent_valid = SenderVerdict::of(&valid, &[]);
        assert_eq!(sent_valid, Some(SenderVerdict { verdict: SentVerdict::Valid, causes: vec![] }));
        assert_eq!(SenderVerdict::of(&check("", example.body.as_bytes()), &[]), None, "no secret, no verdict");

        let changed = check(EXAMPLE_SECRET, format!("{}\n", example.body).as_bytes());
        let diagnoses = crate::diagnose::diagnosis::diagnose_received(
            EXAMPLE_SECRET,
            format!("{}\n", example.body).as_bytes(),
            &headers,
        );
        let sent = SenderVerdict::of(&changed, &diagnoses).unwrap_or(mismatch(&[]));
        assert_eq!(sent, mismatch(&[Cause::BodyTrailingNewline]));
        assert_eq!(
            sent.describe(),
            "the signature does not match: a line break was added to or dropped from the end of the body"
        );
        assert_eq!(sent.cause_codes(), "body-trailing-newline");
        // While the search has not answered, the causes on screen are an earlier body's.
        assert_eq!(SenderVerdict::to_share(&changed, &diagnoses, false), Some(sent.clone()));
        assert_eq!(SenderVerdict::to_share(&changed, &diagnoses, true), Some(mismatch(&[])));
        assert_eq!(SenderVerdict::to_share(&valid, &[], true), sent_valid);

        assert_eq!(compare(&sent, None, false), Agreement::Unchecked);
        assert_eq!(compare(&sent, Some(&sent), false), Agreement::Same);
        assert_eq!(
            compare(&sent, Some(&mismatch(&[Cause::BodyBom])), false),
            Agreement::OtherCauses(mismatch(&[Cause::BodyBom]))
        );
        // While this page's own search has not answered, it says so, and not "the same".
        assert_eq!(compare(&sent, Some(&mismatch(&[])), false), Agreement::Checking, "causes not found yet");
        assert_eq!(compare(&sent, Some(&sent), true), Agreement::Checking, "what was found is for other inputs");
        assert_eq!(compare(&sent, Some(&mismatch(&[Cause::BodyBom])), true), Agreement::Checking);
        assert_eq!(
            banner_sentence(&sent, &Agreement::Checking, false, SecretOrigin::Reader),
            "The sender's page said the signature does not match: a line break was added to or dropped from the end of the body. That is the sender's claim; this page, checking for itself, also finds that the signature does not match, and is still looking for why…"
        );
        // A verdict that differs is said at once, search or not; a valid one has no causes.
        assert_eq!(compare(&sent, Some(&sent_valid.clone().unwrap_or(mismatch(&[]))), true).as_str(), "different");
        let valid_sent = SenderVerdict { verdict: SentVerdict::Valid, causes: vec![] };
        assert_eq!(compare(&valid_sent, Some(&valid_sent), false), Agreement::Same);
        // Where the page takes no secret, it does not ask for one.
        let unchecked = banner_sentence(&sent, &Agreement::Unchecked, true, SecretOrigin::Reader);
        assert!(!unchecked.contains("enter your secret"), "{unchecked}");
        assert!(unchecked.contains("open it directly"), "{unchecked}");
        assert!(
            banner_sentence(&sent, &Agreement::Unchecked, false, SecretOrigin::Reader).contains("enter your secret")
        );
        assert_eq!(
            banner_sentence(&sent, &Agreement::OtherCauses(mismatch(&[Cause::NoKnownCause])), false, SecretOrigin::Reader),
            "The sender's page said the signature does not match: a line break was added to or dropped from the end of the body. That is the sender's claim; this page, checking for itself, also finds that the signature does not match, but for another reason: no known mistake explains it."
        );
        // Agreeing under the secret the link carried is said to be that, not a check of the reader's.
        let forged = banner_sentence(&valid_sent, &Agreement::Same, false, SecretOrigin::Shared(SharedFrom::Link));
        assert_eq!(
            forged,
            "The sender's page said the signature matches. That is the sender's claim, and this page, checking for itself, finds the same. It checked under the link's secret, not one you entered."
        );
        let checking = banner_sentence(&sent, &Agreement::Checking, false, SecretOrigin::Shared(SharedFrom::Link));
        assert!(checking.ends_with("It checked under the link's secret, not one you entered."), "{checking}");
        let unchecked = banner_sentence(&sent, &Agreement::Unchecked, false, SecretOrigin::Shared(SharedFrom::Link));
        assert!(!unchecked.contains("the link's secret"), "{unchecked}");
        let own = SenderVerdict { verdict: SentVerdict::Valid, causes: vec![] };
        let differs = compare(&sent, Some(&own), false);
        let under_link = banner_sentence(&sent, &differs, false, SecretOrigin::Shared(SharedFrom::Link));
        assert!(under_link.contains("matches. The link's secret, or the body"), "{under_link}");
        assert_eq!(differs, Agreement::Different(own));
        assert_eq!(
            banner_sentence(&sent, &differs, false, SecretOrigin::Reader),
            "The sender's page said the signature does not match: a line break was added to or dropped from the end of the body. That is the sender's claim, but this page finds otherwise, that the signature matches. Your secret, or the body and headers now on the page, differ from the sender's."
        );
    }
}
