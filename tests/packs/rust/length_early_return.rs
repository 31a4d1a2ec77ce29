//! Broken on purpose: a hand-written comparison whose loop runs over the received length only,
//! so it returns true early for an empty (or shorter) header.
//! expect-failure: rejects-empty-signature
use hmac::{Hmac, Mac};
use sha2::Sha256;

fn hex_hmac(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

pub fn verify_webhook(body: &[u8], header: Option<&str>, secret: &str) -> bool {
    let expected = format!("sha256={}", hex_hmac(secret, body));
    let received = header.unwrap_or("missing").as_bytes();
    if received.len() > expected.len() {
        return false;
    }
    received.iter().zip(expected.as_bytes()).fold(0u8, |difference, (a, b)| difference | (a ^ b)) == 0
}
