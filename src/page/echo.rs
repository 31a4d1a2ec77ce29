//! The echo's randomness and its demo secret. Its ids and demo secret come from the platform's
//! generator only: without one the echo makes no delivery and says why (as sealing refuses),
//! since a stand-in (zeros) would repeat ids and sign with a secret anyone knows.

use crate::echo::delivery::{generate, Delivery, ENTROPY_LEN};
use crate::protocol::events::Event;

/// The demo secret's random bytes.
pub const DEMO_ENTROPY_LEN: usize = 12;

/// Why the echo makes nothing: the platform's generator is missing (its reason inside).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoRandomness(pub &'static str);

impl NoRandomness {
    /// What the page says in place of the delivery.
    pub fn sentence(self) -> String {
        format!(
            "The echo makes no delivery: {}, and a delivery's ids and demo secret must be \
             unguessable. Verifying still works.",
            self.0
        )
    }
}

/// A delivery of `event` created at `now`, from the generator's bytes.
pub fn delivery(
    event: Event,
    now: i64,
    random: Result<[u8; ENTROPY_LEN], &'static str>,
) -> Result<Delivery, NoRandomness> {
    random.map(|entropy| generate(event, now, &entropy)).map_err(NoRandomness)
}

/// The demo secret, made once per page from the generator's bytes.
pub fn demo_secret(random: Result<[u8; DEMO_ENTROPY_LEN], &'static str>) -> Result<String, NoRandomness> {
    random.map(|entropy| format!("whsec_demo_{}", hex::encode(entropy))).map_err(NoRandomness)
}

/// The demo-secret rule: while the secret field is empty, the echo signs with the demo secret.
pub fn uses_demo_secret(field: &str) -> bool {
    field.is_empty()
}

/// The secret the echo signs with: the field's, or the demo secret while the field is empty.
pub fn signing_secret<'a>(field: &'a str, demo: &'a str) -> &'a str {
    if uses_demo_secret(field) {
        demo
    } else {
        field
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_the_generator_there_is_no_delivery_and_the_page_says_why() {
        let refused = delivery(Event::OtpVerified, 0, Err("no crypto here"));
        assert_eq!(refused, Err(NoRandomness("no crypto here")));
        assert_eq!(demo_secret(Err("no crypto here")), Err(NoRandomness("no crypto here")));
        let said = NoRandomness("no crypto here").sentence();
        assert!(said.contains("no crypto here") && said.contains("no delivery"), "{said}");
    }

    #[test]
    fn with_the_generator_its_bytes_make_the_delivery_and_the_demo_secret() {
        let made = delivery(Event::OtpVerified, 1_700_000_000_000, Ok([7; ENTROPY_LEN]));
        assert_eq!(made, Ok(generate(Event::OtpVerified, 1_700_000_000_000, &[7; ENTROPY_LEN])));
        let other = delivery(Event::OtpVerified, 1_700_000_000_000, Ok([8; ENTROPY_LEN]));
        assert_ne!(made.map(|d| d.id), other.map(|d| d.id), "the bytes make the ids");
        assert_eq!(demo_secret(Ok([0xab; DEMO_ENTROPY_LEN])), Ok(format!("whsec_demo_{}", "ab".repeat(12))));
    }

    #[test]
    fn the_demo_secret_signs_only_while_the_field_is_empty() {
        assert!(uses_demo_secret(""));
        assert_eq!(signing_secret("", "whsec_demo_1"), "whsec_demo_1");
        assert!(!uses_demo_secret(" "), "a space is a secret, if a wrong one");
        assert_eq!(signing_secret(" ", "whsec_demo_1"), " ");
        assert_eq!(signing_secret("whsec_mine", "whsec_demo_1"), "whsec_mine");
    }
}
