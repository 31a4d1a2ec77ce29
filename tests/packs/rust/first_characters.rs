//! Broken on purpose: compares only the first 32 characters of the digest.
//! expect-failure: rejects-same-first-characters
use hmac::{Hmac, Mac};
use sha2::Sha256;

fn hex_hmac(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

pub fn verify_webhook(body: &[u8], header: Option<&str>, secret: &str) -> bool {
    let expected = format!("sha256={}", hex_hmac(secret, body));
    header.and_then(|header| header.get(..39)) == expected.get(..39)
}
