//! A secret sealed with a passphrase, for links that carry it: PBKDF2-HMAC-SHA256 with a fixed,
//! high iteration count and a random salt derives the key; ChaCha20-Poly1305 encrypts and
//! authenticates. A wrong passphrase or an altered box fails to open; nothing is guessed.
//!
//! Deriving the key and using it are separate steps, so that the page can derive it with the
//! browser's own PBKDF2 (WebCrypto: asynchronous, off the page's thread) and hand the key here.
//! `key_params` is the gate in front of derivation: it refuses a box it cannot open before anyone
//! spends a single round on it.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Nonce};
use serde::Serialize;
use sha2::Sha256;

use crate::protocol::base64;
use crate::protocol::text::{grouped, plural};

/// OWASP's 2023 figure for PBKDF2-HMAC-SHA256. Fixed by the scheme: a link carries the count
/// (so that boxes made so far keep their wire form) but cannot choose it, or a crafted link
/// could make the page run as many rounds as it likes.
pub const ITERATIONS: u32 = 600_000;
pub const SALT_LEN: usize = 16;
pub const NONCE_LEN: usize = 12;
/// ChaCha20's key, the length PBKDF2 is asked for.
pub const KEY_LEN: usize = 32;
/// Poly1305's tag, which every ciphertext ends with: anything shorter was never sealed.
const TAG_LEN: usize = 16;
/// Bound to the box: a box cut from another context does not open here.
const CONTEXT: &[u8] = b"webhook-echo fixture v1 secret";
const SCHEME: &str = "pbkdf2-sha256/chacha20poly1305";

/// The most characters base64 (padded, as `base64::decode` takes it) of `bytes` bytes takes.
const fn base64_chars(bytes: usize) -> usize {
    bytes.div_ceil(3) * 4
}

/// The longest fields a box the page can open has, which the fixture reader holds a link's box to
/// as it reads it, so that a crafted one is refused before it is held whole. The ciphertext is the
/// secret, at most `limits::MAX_SECRET_BYTES`, and the tag; the salt and nonce have one length.
pub const MAX_CIPHERTEXT_CHARS: usize = base64_chars(crate::protocol::limits::MAX_SECRET_BYTES + TAG_LEN);
pub const MAX_SALT_CHARS: usize = base64_chars(SALT_LEN);
pub const MAX_NONCE_CHARS: usize = base64_chars(NONCE_LEN);
/// Whether a box's ciphertext holds a secret longer than `limits::MAX_SECRET_BYTES`: cheap on any
/// text, and exact, as `MAX_CIPHERTEXT_CHARS` alone is not (the 4 KiB secret's ciphertext written
/// with padding is as long as one a byte longer, without it).
pub fn ciphertext_too_long(ciphertext: &str) -> bool {
    ciphertext.len() > MAX_CIPHERTEXT_CHARS
        || ciphertext.trim_end_matches('=').len() * 3 / 4 > crate::protocol::limits::MAX_SECRET_BYTES + TAG_LEN
}

/// Twice the one scheme there is: room for a future one's name, which this page would refuse by
/// name when the secret is opened.
pub const MAX_SCHEME_BYTES: usize = 2 * SCHEME.len();

/// The key a passphrase derives for one box's salt.
pub type SealKey = [u8; KEY_LEN];

/// What travels in a link: everything but the passphrase. Written by serde; read by the fixture's
/// reader, field by field, each bounded as it is read (`MAX_CIPHERTEXT_CHARS` and the others).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SealedSecret {
    /// `pbkdf2-sha256/chacha20poly1305`.
    pub scheme: String,
    /// Always `ITERATIONS`; any other count is refused.
    pub iterations: u32,
    /// URL-safe base64.
    pub salt: String,
    pub nonce: String,
    pub ciphertext: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// The passphrase is not the one it was sealed with, or the box was altered.
    WrongPassphrase,
    /// Not a box this version can open; the text says why.
    Unsupported(String),
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::WrongPassphrase => write!(f, "That passphrase does not open the secret (or the link was altered)."),
            Self::Unsupported(why) => write!(f, "The secret in this link cannot be opened: {why}."),
        }
    }
}

/// What deriving the key needs, after the box's form was checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyParams {
    pub salt: [u8; SALT_LEN],
    pub iterations: u32,
}

/// A box whose every field has the form the scheme gives it.
struct CheckedBox {
    salt: [u8; SALT_LEN],
    nonce: [u8; NONCE_LEN],
    ciphertext: Vec<u8>,
}

fn check(sealed: &SealedSecret) -> Result<CheckedBox, OpenError> {
    if sealed.scheme != SCHEME {
        // The scheme comes from the link: cut, with what cannot be seen named.
        return Err(OpenError::Unsupported(format!(
            "it was sealed with \"{}\", and this page opens only {SCHEME}",
            crate::verify::invisible::quoted(&sealed.scheme)
        )));
    }
    if sealed.iterations != ITERATIONS {
        return Err(OpenError::Unsupported(format!(
            "it asks for {} of key derivation, and webhook-echo always uses {}; a link that asks \
             for another count was not made by webhook-echo, so the page does not run it",
            plural(sealed.iterations as usize, "round"),
            grouped(ITERATIONS as usize)
        )));
    }
    let malformed = |field: &str| OpenError::Unsupported(format!("its {field} is not well-formed"));
    let salt = base64::decode(&sealed.salt).and_then(|bytes| bytes.try_into().ok()).ok_or_else(|| malformed("salt"))?;
    let nonce =
        base64::decode(&sealed.nonce).and_then(|bytes| bytes.try_into().ok()).ok_or_else(|| malformed("nonce"))?;
    let ciphertext = base64::decode(&sealed.ciphertext)
        .filter(|bytes| bytes.len() >= TAG_LEN)
        .ok_or_else(|| malformed("ciphertext"))?;
    Ok(CheckedBox { salt, nonce, ciphertext })
}

/// Refuses at once, before any derivation, a box this page cannot open: another scheme, another
/// iteration count than `ITERATIONS`, or a malformed salt, nonce or ciphertext.
pub fn key_params(sealed: &SealedSecret) -> Result<KeyParams, OpenError> {
    check(sealed).map(|checked| KeyParams { salt: checked.salt, iterations: ITERATIONS })
}

/// PBKDF2-HMAC-SHA256 over `ITERATIONS` rounds: the same key WebCrypto's PBKDF2 derives from the
/// passphrase's UTF-8 bytes. The passphrase is expected in Unicode NFC (the page normalises it),
/// so that the same words typed on another system derive the same key.
pub fn derive_key(passphrase: &str, salt: &[u8; SALT_LEN]) -> SealKey {
    let mut key = [0u8; KEY_LEN];
    pbkdf2_sha256(passphrase.as_bytes(), salt, ITERATIONS, &mut key);
    key
}

/// The primitive under `derive_key`, apart so that published vectors (other salts, counts and
/// lengths) can pin it.
fn pbkdf2_sha256(password: &[u8], salt: &[u8], rounds: u32, out: &mut [u8]) {
    pbkdf2::pbkdf2_hmac::<Sha256>(password, salt, rounds, out);
}

/// Seals `secret` with a key derived for `salt` (by `derive_key`, or by the browser's PBKDF2 with
/// `ITERATIONS` rounds); `salt` and `nonce` must be fresh random bytes.
pub fn seal_with_key(secret: &str, key: &SealKey, salt: [u8; SALT_LEN], nonce: [u8; NONCE_LEN]) -> SealedSecret {
    let cipher = ChaCha20Poly1305::new(key.into());
    #[expect(
        clippy::expect_used,
        reason = "ChaCha20-Poly1305 refuses only messages over 256 GiB, and a secret is a line of text"
    )]
    let ciphertext = cipher
        .encrypt(Nonce::from_slice(&nonce), Payload { msg: secret.as_bytes(), aad: CONTEXT })
        .expect("a secret is far shorter than ChaCha20-Poly1305's 256 GiB limit");
    SealedSecret {
        scheme: SCHEME.to_string(),
        iterations: ITERATIONS,
        salt: base64::encode_url_safe(&salt),
        nonce: base64::encode_url_safe(&nonce),
        ciphertext: base64::encode_url_safe(&ciphertext),
    }
}

/// Opens a box with a key derived from its `key_params`. Checks the box's form first, as
/// `key_params` does, so that a box refused there is refused here too.
pub fn open_with_key(sealed: &SealedSecret, key: &SealKey) -> Result<String, OpenError> {
    let checked = check(sealed)?;
    let cipher = ChaCha20Poly1305::new(key.into());
    let plain = cipher
        .decrypt(Nonce::from_slice(&checked.nonce), Payload { msg: &checked.ciphertext, aad: CONTEXT })
        .map_err(|_| OpenError::WrongPassphrase)?;
    String::from_utf8(plain).map_err(|_| OpenError::WrongPassphrase)
}

/// `derive_key` then `seal_with_key`, for callers that hold the passphrase.
pub fn seal(secret: &str, passphrase: &str, salt: [u8; SALT_LEN], nonce: [u8; NONCE_LEN]) -> SealedSecret {
    seal_with_key(secret, &derive_key(passphrase, &salt), salt, nonce)
}

/// `key_params`, then (only for a box that passed) `derive_key` and `open_with_key`.
pub fn open(sealed: &SealedSecret, passphrase: &str) -> Result<String, OpenError> {
    let params = key_params(sealed)?;
    open_with_key(sealed, &derive_key(passphrase, &params.salt))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    const KEY: SealKey = [0x5a; KEY_LEN];

    fn sealed() -> SealedSecret {
        seal_with_key("whsec_live_123", &KEY, [7; SALT_LEN], [9; NONCE_LEN])
    }

    #[test]
    fn seals_and_opens_with_the_key() {
        let sealed = sealed();
        assert!(!sealed.ciphertext.contains("whsec"));
        assert_eq!(sealed.iterations, ITERATIONS);
        assert_eq!(key_params(&sealed), Ok(KeyParams { salt: [7; SALT_LEN], iterations: ITERATIONS }));
        assert_eq!(open_with_key(&sealed, &KEY).as_deref(), Ok("whsec_live_123"));
    }

    #[test]
    fn another_key_does_not_open_it() {
        let mut other = KEY;
        other[31] ^= 1;
        assert_eq!(open_with_key(&sealed(), &other), Err(OpenError::WrongPassphrase));
    }

    #[test]
    fn an_altered_box_does_not_open() {
        let sealed = sealed();
        let flip = |text: &str| format!("{}{}", if text.starts_with('A') { 'B' } else { 'A' }, &text[1..]);
        let altered = [
            SealedSecret { ciphertext: flip(&sealed.ciphertext), ..sealed.clone() },
            SealedSecret { nonce: flip(&sealed.nonce), ..sealed.clone() },
        ];
        for altered in altered {
            assert_eq!(open_with_key(&altered, &KEY), Err(OpenError::WrongPassphrase), "{altered:?}");
        }
    }

    #[test]
    fn seals_and_opens_only_with_the_passphrase() {
        let sealed = seal("whsec_live_123", "correct horse battery", [1; SALT_LEN], [2; NONCE_LEN]);
        assert_eq!(
            open_with_key(&sealed, &derive_key("correct horse battery", &[1; SALT_LEN])).as_deref(),
            Ok("whsec_live_123")
        );
        assert_eq!(open(&sealed, "correct horse battery").as_deref(), Ok("whsec_live_123"));
        assert_eq!(open(&sealed, "correct horse battery "), Err(OpenError::WrongPassphrase));
    }

    #[test]
    fn boxes_it_cannot_open_are_refused_before_any_derivation() {
        let sealed = sealed();
        let cases = [
            (SealedSecret { iterations: 10_000_000, ..sealed.clone() }, "it asks for 10,000,000 rounds"),
            (SealedSecret { iterations: u32::MAX, ..sealed.clone() }, "it asks for 4,294,967,295 rounds"),
            (SealedSecret { iterations: 1, ..sealed.clone() }, "it asks for 1 round of"),
            (SealedSecret { iterations: 0, ..sealed.clone() }, "it asks for 0 rounds"),
            (SealedSecret { scheme: "argon2id/aes-256-gcm".into(), ..sealed.clone() }, "\"argon2id/aes-256-gcm\""),
            (SealedSecret { salt: "AAAA".into(), ..sealed.clone() }, "its salt is not well-formed"),
            (SealedSecret { nonce: "not base64!".into(), ..sealed.clone() }, "its nonce is not well-formed"),
            (SealedSecret { ciphertext: "AAAA".into(), ..sealed.clone() }, "its ciphertext is not well-formed"),
        ];
        for (crafted, why) in cases {
            let refused = match key_params(&crafted) {
                Err(error @ OpenError::Unsupported(_)) => {
                    assert!(error.to_string().contains(why), "{error} does not say {why:?}");
                    error
                }
                other => panic!("{crafted:?} gave {other:?}"),
            };
            assert_eq!(open_with_key(&crafted, &KEY), Err(refused.clone()));
            assert_eq!(open(&crafted, "correct horse battery"), Err(refused));
        }
    }

    #[test]
    fn a_crafted_scheme_is_cut_and_shows_what_cannot_be_seen() {
        let scheme = format!("pbkdf2\u{202E}{}", "x".repeat(1 << 20));
        let crafted = SealedSecret { scheme, ..sealed() };
        let message = match key_params(&crafted) {
            Err(error @ OpenError::Unsupported(_)) => error.to_string(),
            other => panic!("{other:?}"),
        };
        assert!(message.contains("\"pbkdf2⟨U+202E⟩xxx"), "{message}");
        assert!(message.contains("… and 1,048,483 more characters\""), "{message}");
        assert!(!message.contains('\u{202E}') && message.len() < 400, "{message}");
    }

    #[test]
    fn ten_million_rounds_cost_nothing() {
        // `open` calls `key_params` first; this pins that order by time: refusing the crafted box
        // takes a small fraction of what one real derivation takes.
        let crafted = SealedSecret { iterations: 10_000_000, ..sealed() };
        let started = Instant::now();
        let _ = derive_key("correct horse battery", &[1; SALT_LEN]);
        let one_derivation = started.elapsed();
        let started = Instant::now();
        assert!(matches!(open(&crafted, "correct horse battery"), Err(OpenError::Unsupported(_))));
        let refusal = started.elapsed();
        assert!(refusal < one_derivation / 20 + Duration::from_micros(200), "{refusal:?} against {one_derivation:?}");
    }

    #[test]
    fn the_primitive_matches_published_vectors() {
        // RFC 7914, section 11 (PBKDF2-HMAC-SHA256, 64 bytes), and the widely used
        // "password"/"salt" vectors (also in Python's hashlib and OpenSSL's test suites).
        let cases: [(&[u8], &[u8], u32, &str); 4] = [
            (b"passwd", b"salt", 1, "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"),
            (b"Password", b"NaCl", 80_000, "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d"),
            (b"password", b"salt", 1, "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"),
            (b"password", b"salt", 4096, "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"),
        ];
        for (password, salt, rounds, expected) in cases {
            let mut out = vec![0u8; expected.len() / 2];
            pbkdf2_sha256(password, salt, rounds, &mut out);
            assert_eq!(
                hex::encode(out),
                expected,
                "{} / {} / {rounds}",
                String::from_utf8_lossy(password),
                String::from_utf8_lossy(salt)
            );
        }
    }

    #[test]
    fn derive_key_is_what_webcrypto_derives() {
        // Computed independently (Python's hashlib.pbkdf2_hmac("sha256", ..., 600000, 32)); the
        // page's WebCrypto PBKDF2 with the same salt and ITERATIONS gives the same bytes.
        let salt: [u8; SALT_LEN] = std::array::from_fn(|i| i as u8);
        assert_eq!(
            hex::encode(derive_key("correct horse battery staple", &salt)),
            "ef177144eec9420cbc1093d2a8b344a92bc506d0d4ec9c028dd19f8324d8c1e6"
        );
    }
}
