//! Broken on purpose: decodes the body with String::from_utf8_lossy before hashing.
//! expect-failure: accepts-bytes-not-utf8
use hmac::{Hmac, Mac};
use sha2::Sha256;

fn hex_hmac(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

pub fn verify_webhook(body: &[u8], header: Option<&str>, secret: &str) -> bool {
    let text = String::from_utf8_lossy(body);
    header == Some(format!("sha256={}", hex_hmac(secret, text.as_bytes())).as_str())
}
