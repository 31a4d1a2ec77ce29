//! A correct verify_webhook: the documented HMAC over the raw bytes, checked in constant time by
//! the MAC itself. The Rust test pack must pass against it (tests/test_packs.rs).
use hmac::{Hmac, Mac};
use sha2::Sha256;

pub fn verify_webhook(body: &[u8], header: Option<&str>, secret: &str) -> bool {
    let Some(digest) = header
        .and_then(|value| value.strip_prefix("sha256="))
        .filter(|hex| !hex.bytes().any(|b| b.is_ascii_uppercase()))
        .and_then(|hex| hex::decode(hex).ok())
    else {
        return false;
    };
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(body);
    mac.verify_slice(&digest).is_ok()
}
