//! The digest's forms: a received header read every way it could be encoded (hex in either case,
//! base64; `sha256=`, none or another prefix), and what is wrong with a form whose digest is right.

use super::*;

/// The digest a received header carries, read leniently: every way it could be decoded.
pub(in crate::diagnose) struct ReceivedDigest {
    pub(in crate::diagnose) bytes: Vec<u8>,
    encoding: DigestEncoding,
    prefix: PrefixForm,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(in crate::diagnose) enum DigestEncoding {
    LowerHex,
    UpperHex,
    Base64,
}

#[derive(Clone, PartialEq, Eq)]
pub(in crate::diagnose) enum PrefixForm {
    Right,
    Missing,
    Other(String),
}

pub(in crate::diagnose) fn read_received(header: &str) -> Vec<ReceivedDigest> {
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

impl ReceivedDigest {
    /// Cobinar's own form: `sha256=` and lower-case hex.
    pub(in crate::diagnose) fn is_canonical(&self) -> bool {
        self.encoding == DigestEncoding::LowerHex && self.prefix == PrefixForm::Right
    }

    /// How it is written, as far as a comparison of strings with Cobinar's header cares.
    pub(in crate::diagnose) fn form(&self) -> DigestForm {
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
pub(in crate::diagnose) enum DigestForm {
    Canonical,
    BareLowerHex,
    UpperHex,
    Base64,
    OtherPrefix(String),
}

/// What is wrong with the form of a header reading whose digest is right.
pub(in crate::diagnose) fn form_diagnosis(reading: &ReceivedDigest) -> Option<Diagnosis> {
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

pub(in crate::diagnose) fn prefix_diagnosis(what: &str) -> Diagnosis {
    Diagnosis::new(
        Cause::SignaturePrefix,
        format!("The digest is right, but {what}, so comparing whole headers fails."),
    )
}
