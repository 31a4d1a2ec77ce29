//! Broken on purpose: looks for the hex digest anywhere in the header.
//! expect-failure: rejects-prefixless-signature
use hmac::{Hmac, Mac};
use sha2::Sha256;

fn hex_hmac(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

pub fn verify_webhook(body: &[u8], header: Option<&str>, secret: &str) -> bool {
    header.is_some_and(|header| header.contains(&hex_hmac(secret, body)))
}
