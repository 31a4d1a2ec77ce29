//! Broken on purpose: trims the body before hashing.
//! expect-failure: rejects-trailing-newline
use hmac::{Hmac, Mac};
use sha2::Sha256;

fn hex_hmac(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

pub fn verify_webhook(body: &[u8], header: Option<&str>, secret: &str) -> bool {
    header == Some(format!("sha256={}", hex_hmac(secret, body.trim_ascii())).as_str())
}
