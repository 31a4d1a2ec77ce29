//! Broken on purpose: hashes the body parsed into serde_json::Value and written again.
//! expect-failure: accepts-genuine-otp-created
use hmac::{Hmac, Mac};
use sha2::Sha256;

fn hex_hmac(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

pub fn verify_webhook(body: &[u8], header: Option<&str>, secret: &str) -> bool {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) else { return false };
    let written = serde_json::to_vec(&value).unwrap_or_default();
    header == Some(format!("sha256={}", hex_hmac(secret, &written)).as_str())
}
