//! The secret's fingerprint: 32 bits of an HMAC keyed with a fixed label, the one identity a
//! link, a fixture file, the command and the page compare. It tells two copies of a secret apart
//! without saying anything usable about either: anyone who can see the fingerprint of a
//! delivery's secret can already see its signature, a far longer HMAC of it.

use hmac::Mac;

use crate::verify::signature::HmacSha256;

/// Versioned, so a future change of fingerprint cannot be mistaken for another secret.
const FINGERPRINT_LABEL: &[u8] = b"webhook-echo secret fingerprint v1";

/// The secret's fingerprint, `a1b2-c3d4`: 32 bits of the HMAC of the secret as typed (whitespace
/// included) under a fixed label. The same secret always gives the same one, the empty one too.
#[expect(clippy::expect_used, reason = "HMAC takes a key of any length, and this one is a fixed 34 bytes")]
pub fn fingerprint(secret: &str) -> String {
    // An empty fingerprint would have matched another empty one: no stand-in, the key is fixed.
    let mut mac = <HmacSha256 as hmac::digest::KeyInit>::new_from_slice(FINGERPRINT_LABEL).expect("HMAC takes any key");
    mac.update(secret.as_bytes());
    let digest = mac.finalize().into_bytes();
    format!("{}-{}", hex::encode(&digest[..2]), hex::encode(&digest[2..4]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fingerprint_is_stable_short_and_tells_secrets_apart() {
        let a = fingerprint("whsec_example_not_a_real_secret");
        assert_eq!(a.len(), 9);
        assert_eq!(a, fingerprint("whsec_example_not_a_real_secret"));
        assert_ne!(a, fingerprint("whsec_example_not_a_real_secret\n"));
        assert!(!a.contains("whsec"));
        // Pinned, so that teammates on different versions of the page see the same value.
        let python = "c23c-353e"; // hmac.new(label, secret, sha256).hexdigest()[:8], in CPython
        assert_eq!(fingerprint("It's a Secret to Everybody"), python);
    }
}
