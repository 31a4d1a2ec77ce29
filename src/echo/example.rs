//! The documentation's `otp.verified` delivery, signed, for a first look at the verifier.

use crate::protocol::headers::{EVENT, EVENT_ID, SIGNATURE, TIMESTAMP};
use crate::verify::signature;

/// A demo secret: obviously not a real one, and never anyone's.
pub const EXAMPLE_SECRET: &str = "whsec_example_not_a_real_secret";

/// The delivery from Cobinar's documentation, with its elided ids filled in.
pub const EXAMPLE_BODY: &str = r#"{"id":"e3a9c1f0-5b7d-4e2a-9c61-2f8d0b7a4e13","event":"otp.verified","createdAt":"2026-07-03T14:22:10.000Z","payload":{"requestId":"a4b8c2d1-7e3f-4a90-b1c5-d2e6f8091a3b","phone":"+999 482 918 102","verifiedAt":"2026-07-03T14:22:10.000Z"}}"#;

/// A delivery as pasted into the verifier: secret, body text and header lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastedDelivery {
    pub secret: String,
    pub body: String,
    pub headers: String,
}

/// The example delivery with the headers Cobinar would send for it.
pub fn example_delivery() -> PastedDelivery {
    let signature = signature::sign(EXAMPLE_SECRET.as_bytes(), EXAMPLE_BODY.as_bytes());
    let headers = format!(
        "content-type: application/json\n{SIGNATURE}: {signature}\n{EVENT}: otp.verified\n{EVENT_ID}: e3a9c1f0-5b7d-4e2a-9c61-2f8d0b7a4e13\n{TIMESTAMP}: 2026-07-03T14:22:10.000Z\n"
    );
    PastedDelivery { secret: EXAMPLE_SECRET.to_string(), body: EXAMPLE_BODY.to_string(), headers }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::header_checks::CheckStatus;
    use crate::verify::received_headers;
    use crate::verify::verification::{verify, ReceivedDelivery, Verdict};

    #[test]
    fn the_example_verifies_with_every_header_ok() {
        let example = example_delivery();
        let headers = received_headers::parse(&example.headers);
        let result = verify(ReceivedDelivery {
            secret: &example.secret,
            body: example.body.as_bytes(),
            headers: &headers,
            now_unix_millis: None,
        });
        assert_eq!(result.verdict, Verdict::Valid, "{}", result.summary);
        assert!(result.checks.iter().all(|c| c.status == CheckStatus::Ok), "{:?}", result.checks);
    }
}
