//! Broken on purpose: reads the body as latin-1 (one char a byte) and hashes that text as UTF-8.
//! expect-failure: accepts-utf8-non-ascii
use hmac::{Hmac, Mac};
use sha2::Sha256;

fn hex_hmac(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

pub fn verify_webhook(body: &[u8], header: Option<&str>, secret: &str) -> bool {
    let text: String = body.iter().map(|&b| char::from(b)).collect();
    header == Some(format!("sha256={}", hex_hmac(secret, text.as_bytes())).as_str())
}
