//! The order Cobinar writes a delivery's keys in: the envelope's, and each event's payload's. The
//! generator writes them so (`echo::delivery`'s tests hold it to this) and the cause finder puts a
//! sorted body back in this order.

use crate::protocol::events::Event;

/// The body's own keys, in the order Cobinar writes them.
pub const ENVELOPE_KEYS: [&str; 4] = ["id", "event", "createdAt", "payload"];

/// The payload's keys for `event`, in the order Cobinar writes them: the documentation's for
/// `otp.verified`, this generator's (the `Payload` variants' field order) for the others.
pub fn payload_keys(event: Event) -> &'static [&'static str] {
    match event {
        Event::OtpCreated => &["requestId", "phone", "channel", "expiresAt"],
        Event::OtpVerified => &["requestId", "phone", "verifiedAt"],
        Event::OtpFailed => &["requestId", "phone", "reason", "attempts", "maxAttempts"],
        Event::OtpExpired => &["requestId", "phone", "sentAt", "expiredAt", "attemptedAt"],
        Event::IdentityCreated | Event::IdentityUpdated => &["identityId", "phone", "changedAt"],
        Event::ApplicationCreated | Event::ApplicationDeleted => &["applicationId", "name", "changedAt"],
    }
}
