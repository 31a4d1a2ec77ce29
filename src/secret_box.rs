//! A secret sealed with a passphrase, for links that carry it: PBKDF2-HMAC-SHA256 with a high
//! iteration count and a random salt derives the key; ChaCha20-Poly1305 encrypts and
//! authenticates. A wrong passphrase or an altered box fails to open; nothing is guessed.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use crate::base64;

/// OWASP's 2023 figure for PBKDF2-HMAC-SHA256. Stored in each box, so it can rise later.
pub const ITERATIONS: u32 = 600_000;
/// Refused above this when opening, so that a crafted link cannot stall the page.
pub const MAX_ITERATIONS: u32 = 10_000_000;
pub const SALT_LEN: usize = 16;
pub const NONCE_LEN: usize = 12;
/// Bound to the box: a box cut from another context does not open here.
const CONTEXT: &[u8] = b"webhook-echo fixture v1 secret";

/// What travels in a link: everything but the passphrase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealedSecret {
    /// `pbkdf2-sha256/chacha20poly1305`.
    pub scheme: String,
    pub iterations: u32,
    /// URL-safe base64.
    pub salt: String,
    pub nonce: String,
    pub ciphertext: String,
}

const SCHEME: &str = "pbkdf2-sha256/chacha20poly1305";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// The passphrase is not the one it was sealed with, or the box was altered.
    WrongPassphrase,
    /// Not a box this version can open.
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

fn key(passphrase: &str, salt: &[u8], iterations: u32) -> Key {
    let mut key = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(passphrase.as_bytes(), salt, iterations, &mut key);
    key.into()
}

/// Seals `secret`; `salt` and `nonce` must be fresh random bytes.
pub fn seal(secret: &str, passphrase: &str, salt: [u8; SALT_LEN], nonce: [u8; NONCE_LEN]) -> SealedSecret {
    seal_with_iterations(secret, passphrase, salt, nonce, ITERATIONS)
}

fn seal_with_iterations(
    secret: &str,
    passphrase: &str,
    salt: [u8; SALT_LEN],
    nonce: [u8; NONCE_LEN],
    iterations: u32,
) -> SealedSecret {
    let cipher = ChaCha20Poly1305::new(&key(passphrase, &salt, iterations));
    // Encryption only fails for messages beyond 256 GiB.
    let ciphertext =
        cipher.encrypt(Nonce::from_slice(&nonce), Payload { msg: secret.as_bytes(), aad: CONTEXT }).unwrap_or_default();
    SealedSecret {
        scheme: SCHEME.to_string(),
        iterations,
        salt: base64::encode_url_safe(&salt),
        nonce: base64::encode_url_safe(&nonce),
        ciphertext: base64::encode_url_safe(&ciphertext),
    }
}

pub fn open(sealed: &SealedSecret, passphrase: &str) -> Result<String, OpenError> {
    if sealed.scheme != SCHEME {
        return Err(OpenError::Unsupported(format!("unknown scheme \"{}\"", sealed.scheme)));
    }
    if sealed.iterations == 0 || sealed.iterations > MAX_ITERATIONS {
        return Err(OpenError::Unsupported(format!("{} iterations is out of range", sealed.iterations)));
    }
    let decode = |field: &str, len: Option<usize>| {
        base64::decode(field)
            .filter(|bytes| len.is_none_or(|len| bytes.len() == len))
            .ok_or_else(|| OpenError::Unsupported("its fields are not well-formed".into()))
    };
    let salt = decode(&sealed.salt, Some(SALT_LEN))?;
    let nonce = decode(&sealed.nonce, Some(NONCE_LEN))?;
    let ciphertext = decode(&sealed.ciphertext, None)?;
    let cipher = ChaCha20Poly1305::new(&key(passphrase, &salt, sealed.iterations));
    let plain = cipher
        .decrypt(Nonce::from_slice(&nonce), Payload { msg: &ciphertext, aad: CONTEXT })
        .map_err(|_| OpenError::WrongPassphrase)?;
    String::from_utf8(plain).map_err(|_| OpenError::WrongPassphrase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seals_and_opens_only_with_the_passphrase() {
        // Few iterations keep the test fast; the count travels in the box.
        let sealed = seal_with_iterations("whsec_live_123", "correct horse", [7; SALT_LEN], [9; NONCE_LEN], 1000);
        assert!(!sealed.ciphertext.contains("whsec"));
        assert_eq!(open(&sealed, "correct horse").as_deref(), Ok("whsec_live_123"));
        assert_eq!(open(&sealed, "correct horse "), Err(OpenError::WrongPassphrase));
        let mut altered = sealed.clone();
        altered.ciphertext.replace_range(0..1, if altered.ciphertext.starts_with('A') { "B" } else { "A" });
        assert_eq!(open(&altered, "correct horse"), Err(OpenError::WrongPassphrase));
        let crafted = SealedSecret { iterations: u32::MAX, ..sealed };
        assert!(matches!(open(&crafted, "correct horse"), Err(OpenError::Unsupported(_))));
    }

    #[test]
    fn the_default_is_the_slow_one() {
        let sealed = seal("s", "p", [1; SALT_LEN], [2; NONCE_LEN]);
        assert_eq!(sealed.iterations, ITERATIONS);
        assert_eq!(open(&sealed, "p").as_deref(), Ok("s"));
    }
}
