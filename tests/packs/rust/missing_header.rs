//! Broken on purpose: a delivery without a signature header is let through.
//! expect-failure: rejects-missing-signature
use hmac::{Hmac, Mac};
use sha2::Sha256;

fn hex_hmac(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

pub fn verify_webhook(body: &[u8], header: Option<&str>, secret: &str) -> bool {
    let Some(header) = header else { return true }; // "nothing to check"
    header == format!("sha256={}", hex_hmac(secret, body))
}
