//! HMAC-SHA256 signatures as Cobinar writes them: `sha256=<64 lowercase hex>` over the raw body.
//!
//! The verdict is always a constant-time comparison of MACs (`verify_slice`, or for a finished
//! [`Mac`] the same `CtOutput` equality); the hex string is produced only for display.

use hmac::{Hmac, Mac as _};
use sha2::{Digest as _, Sha256};
use std::fmt;

use crate::protocol::headers::SIGNATURE_PREFIX;

pub type HmacSha256 = Hmac<Sha256>;

/// Length of an HMAC-SHA256 digest in bytes.
pub const DIGEST_LEN: usize = 32;
const HEX_LEN: usize = DIGEST_LEN * 2;
/// SHA-256's block size: HMAC keys are normalised to this many bytes (RFC 2104, section 2).
const BLOCK_LEN: usize = 64;

/// A MAC keyed with `secret`, whatever its length.
///
/// `Hmac::new_from_slice` accepts keys of any length but its signature is fallible, and the core
/// must not unwrap. RFC 2104 defines the key as hashed when longer than the block, then padded
/// with zeros to the block; the crate does the same inside. Doing that normalisation here lets
/// us call the infallible `new` with a block-sized key. RFC 4231 cases 6 and 7 (131-byte keys)
/// pin the equivalence in the tests.
fn keyed(secret: &[u8]) -> HmacSha256 {
    let mut block = [0u8; BLOCK_LEN];
    if secret.len() > BLOCK_LEN {
        block[..DIGEST_LEN].copy_from_slice(&Sha256::digest(secret));
    } else {
        block[..secret.len()].copy_from_slice(secret);
    }
    <HmacSha256 as hmac::digest::KeyInit>::new(&block.into())
}

/// The raw HMAC-SHA256 of `body` keyed with `secret`.
pub fn hmac_sha256(secret: &[u8], body: &[u8]) -> [u8; DIGEST_LEN] {
    let mut mac = keyed(secret);
    mac.update(body);
    mac.finalize().into_bytes().into()
}

/// The `x-cobinar-signature` value Cobinar would send for this secret and body.
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    format!("{SIGNATURE_PREFIX}{}", hex::encode(hmac_sha256(secret, body)))
}

/// Whether `digest` is the HMAC of `body` under `secret`, compared in constant time.
pub fn verify(secret: &[u8], body: &[u8], digest: &[u8]) -> bool {
    let mut mac = keyed(secret);
    mac.update(body);
    mac.verify_slice(digest).is_ok()
}

/// The MAC of one body under one secret, computed once: the header Cobinar would send, and the
/// constant-time check of any number of received digests against it. It is all the verdict needs
/// of a body, so the page's worker computes it for large ones and sends it back.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mac([u8; DIGEST_LEN]);

impl Mac {
    /// Computes the MAC once, for a secret of any length (empty included).
    pub fn new(secret: &[u8], body: &[u8]) -> Self {
        Self(hmac_sha256(secret, body))
    }

    /// `sha256=<hex>`.
    pub fn header(&self) -> String {
        format!("{SIGNATURE_PREFIX}{}", hex::encode(self.0))
    }

    /// Whether `digest` is this MAC, compared in constant time (the `CtOutput` equality that the
    /// MAC's own `verify_slice` uses).
    pub fn verifies(&self, digest: &[u8; DIGEST_LEN]) -> bool {
        let ours = hmac::digest::CtOutput::<HmacSha256>::new(self.0.into());
        ours == hmac::digest::CtOutput::new((*digest).into())
    }
}

/// Why a received `x-cobinar-signature` value is not of Cobinar's form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MalformedSignature {
    Empty,
    /// No `algorithm=` prefix at all: just a digest, or something else.
    MissingPrefix,
    /// A prefix other than `sha256=` (another algorithm, other case, doubled, stray spaces).
    WrongPrefix {
        prefix: String,
    },
    /// The digest part is not 64 characters long.
    WrongLength {
        found: usize,
    },
    /// A character that is not a hex digit, at a 0-based character position of the digest.
    NotHex {
        position: usize,
        found: char,
    },
    /// Hex, right length, but with upper-case digits. The bytes decode, but a string comparison,
    /// as in Cobinar's own example, rejects it.
    UpperCase {
        digest: [u8; DIGEST_LEN],
    },
}

impl fmt::Display for MalformedSignature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => write!(f, "the header is empty"),
            Self::MissingPrefix => write!(f, "it does not start with \"{SIGNATURE_PREFIX}\""),
            Self::WrongPrefix { prefix } => {
                write!(f, "it starts with \"{prefix}\" where Cobinar writes \"{SIGNATURE_PREFIX}\"")
            }
            Self::WrongLength { found } => {
                write!(f, "the digest after \"{SIGNATURE_PREFIX}\" has {found} characters; a SHA-256 digest in hex has {HEX_LEN}")
            }
            Self::NotHex { position, found } => {
                write!(f, "character {} of the digest, {found:?}, is not a hex digit", position + 1)
            }
            Self::UpperCase { .. } => {
                write!(f, "the digest is upper-case hex; Cobinar sends lower-case, and a string comparison rejects it")
            }
        }
    }
}

/// Reads a received `x-cobinar-signature` value into the digest bytes it carries.
///
/// Surrounding whitespace is not trimmed here: header parsing already removed the optional
/// whitespace HTTP allows, so anything left is part of what the receiver would compare.
pub fn parse_header(value: &str) -> Result<[u8; DIGEST_LEN], MalformedSignature> {
    if value.is_empty() {
        return Err(MalformedSignature::Empty);
    }
    let Some(digest) = value.strip_prefix(SIGNATURE_PREFIX) else {
        return Err(match algorithm_label_len(value) {
            Some(len) => MalformedSignature::WrongPrefix { prefix: value[..len].to_string() },
            None => MalformedSignature::MissingPrefix,
        });
    };
    // `sha256=sha256=…`, `sha256==…`, `sha256= …`: the prefix went wrong, not the digest.
    let extra = algorithm_label_len(digest).or_else(|| digest.starts_with(['=', ' ', '\t']).then_some(1));
    if let Some(extra) = extra {
        return Err(MalformedSignature::WrongPrefix { prefix: value[..SIGNATURE_PREFIX.len() + extra].to_string() });
    }
    let length = digest.chars().count();
    if length != HEX_LEN {
        return Err(MalformedSignature::WrongLength { found: length });
    }
    if let Some((position, found)) = digest.chars().enumerate().find(|(_, c)| !c.is_ascii_hexdigit()) {
        return Err(MalformedSignature::NotHex { position, found });
    }
    let mut bytes = [0u8; DIGEST_LEN];
    hex::decode_to_slice(digest.to_ascii_lowercase(), &mut bytes)
        .map_err(|_| MalformedSignature::WrongLength { found: length })?;
    if digest.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(MalformedSignature::UpperCase { digest: bytes });
    }
    Ok(bytes)
}

/// Length of a leading `algorithm=` label (`sha1=`, `SHA256=`, `v1=`), including the `=`.
pub(crate) fn algorithm_label_len(value: &str) -> Option<usize> {
    let at = value.find('=')?;
    let label = &value[..at];
    let looks_like_label =
        (1..=16).contains(&label.len()) && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    looks_like_label.then_some(at + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_then_verify_round_trips() {
        let signature = sign(b"s3cret", b"{}");
        let digest = parse_header(&signature);
        assert!(matches!(digest, Ok(d) if verify(b"s3cret", b"{}", &d)));
        assert!(matches!(parse_header(&signature), Ok(d) if !verify(b"s3cret", b"{ }", &d)));
        assert!(matches!(parse_header(&signature), Ok(d) if !verify(b"s3cret ", b"{}", &d)));
    }

    #[test]
    fn one_pass_gives_the_header_and_the_checks() {
        let mac = Mac::new(b"k", b"body");
        assert_eq!(mac.header(), sign(b"k", b"body"));
        assert!(mac.verifies(&hmac_sha256(b"k", b"body")));
        assert!(!mac.verifies(&hmac_sha256(b"k", b"bodY")));
        assert!(!mac.verifies(&hmac_sha256(b"K", b"body")));
        let mut one_bit_off = hmac_sha256(b"k", b"body");
        one_bit_off[31] ^= 1;
        assert!(!mac.verifies(&one_bit_off));
        assert!(mac.verifies(&hmac_sha256(b"k", b"body")), "checking does not use the MAC up");
    }

    #[test]
    fn a_short_digest_never_verifies() {
        let full = hmac_sha256(b"k", b"m");
        assert!(verify(b"k", b"m", &full));
        assert!(!verify(b"k", b"m", &full[..31]));
        assert!(!verify(b"k", b"m", &[]));
    }

    #[test]
    fn malformed_headers_say_what_is_wrong() {
        let hex = "a".repeat(64);
        let cases: Vec<(String, MalformedSignature)> = vec![
            (String::new(), MalformedSignature::Empty),
            (hex.clone(), MalformedSignature::MissingPrefix),
            (format!("sha1={hex}"), MalformedSignature::WrongPrefix { prefix: "sha1=".into() }),
            (format!("SHA256={hex}"), MalformedSignature::WrongPrefix { prefix: "SHA256=".into() }),
            (format!("sha256=sha256={hex}"), MalformedSignature::WrongPrefix { prefix: "sha256=sha256=".into() }),
            (format!("sha256=={hex}"), MalformedSignature::WrongPrefix { prefix: "sha256==".into() }),
            (format!("sha256= {hex}"), MalformedSignature::WrongPrefix { prefix: "sha256= ".into() }),
            ("sha256=abc".into(), MalformedSignature::WrongLength { found: 3 }),
            (format!("sha256={}", &hex[..63]), MalformedSignature::WrongLength { found: 63 }),
            (format!("sha256={}g", &hex[..63]), MalformedSignature::NotHex { position: 63, found: 'g' }),
            (format!("sha256={}", "AB".repeat(32)), MalformedSignature::UpperCase { digest: [0xab; 32] }),
        ];
        for (value, expected) in cases {
            assert_eq!(parse_header(&value), Err(expected), "for {value:?}");
        }
    }
}
