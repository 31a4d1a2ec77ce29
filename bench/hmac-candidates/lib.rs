//! One export, `hmac(key, body)`, over whichever HMAC-SHA256 pair the build's feature picks.

use wasm_bindgen::prelude::*;

#[cfg(feature = "current")]
use {hmac_current::Mac, sha2_current::Sha256};
#[cfg(feature = "next")]
use {hmac_next::{KeyInit, Mac}, sha2_next::Sha256};

#[cfg(feature = "current")]
type HmacSha256 = hmac_current::Hmac<Sha256>;
#[cfg(feature = "next")]
type HmacSha256 = hmac_next::Hmac<Sha256>;

/// The 32-byte tag, or an empty vector where the key is refused (HMAC takes any length).
#[wasm_bindgen]
pub fn hmac(key: &[u8], body: &[u8]) -> Vec<u8> {
    match HmacSha256::new_from_slice(key) {
        Ok(mut mac) => {
            mac.update(body);
            mac.finalize().into_bytes().to_vec()
        }
        Err(_) => Vec::new(),
    }
}
