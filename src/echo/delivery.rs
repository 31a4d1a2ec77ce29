//! Deliveries as Cobinar sends them: `{id, event, createdAt, payload}`, compact JSON, signed over
//! its exact bytes, with the four `x-cobinar-*` headers.
//!
//! Randomness and the clock come in as arguments, so that generation is a plain function: the
//! page passes `crypto.getRandomValues` bytes and `Date.now()`, tests pass fixed ones.

use serde::Serialize;

use crate::protocol::events::{Event, EventStatus};
use crate::protocol::headers::{EVENT, EVENT_ID, SIGNATURE, TIMESTAMP};
use crate::verify::signature;
use crate::verify::timestamp::format_utc_millis;

/// Random bytes for one delivery: ids, a phone number and small choices.
pub const ENTROPY_LEN: usize = 48;

/// The OTP time to live, from the documentation.
pub const OTP_TTL_MILLIS: i64 = 5 * 60 * 1000;

/// A delivery's content, before it is signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub event: Event,
    pub id: String,
    pub created_at: String,
    /// The exact body bytes Cobinar would send, as text (always UTF-8 JSON).
    pub body: String,
}

impl Delivery {
    /// Whether the payload's shape is the documentation's (only `otp.verified` is documented).
    pub fn payload_is_documented(&self) -> bool {
        match self.event {
            Event::OtpVerified => true,
            Event::OtpCreated
            | Event::OtpFailed
            | Event::OtpExpired
            | Event::IdentityCreated
            | Event::IdentityUpdated
            | Event::ApplicationCreated
            | Event::ApplicationDeleted => false,
        }
    }

    /// Whether the event is one Cobinar reserves and does not deliver today.
    pub fn is_reserved(&self) -> bool {
        self.event.status() == EventStatus::Reserved
    }

    /// The delivery signed with `secret`, with its headers in the order Cobinar lists them.
    pub fn signed(&self, secret: &str) -> SignedDelivery {
        let signature = signature::sign(secret.as_bytes(), self.body.as_bytes());
        let headers = vec![
            ("content-type", "application/json".to_string()),
            (SIGNATURE, signature),
            (EVENT, self.event.name().to_string()),
            (EVENT_ID, self.id.clone()),
            (TIMESTAMP, self.created_at.clone()),
        ];
        SignedDelivery { body: self.body.clone(), headers }
    }
}

/// What goes over the wire: the body and the headers that describe it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedDelivery {
    pub body: String,
    pub headers: Vec<(&'static str, String)>,
}

impl SignedDelivery {
    /// The headers as the verifier takes them, one `name: value` a line.
    pub fn header_lines(&self) -> String {
        self.headers.iter().map(|(name, value)| format!("{name}: {value}\n")).collect()
    }
}

/// Makes a fresh delivery of `event`, created at `now_unix_millis`.
pub fn generate(event: Event, now_unix_millis: i64, entropy: &[u8; ENTROPY_LEN]) -> Delivery {
    let id = uuid_v4(&entropy[0..16]);
    let request_id = uuid_v4(&entropy[16..32]);
    let phone = phone_number(&entropy[32..41]);
    let created_at = format_utc_millis(now_unix_millis);
    let choice = entropy[41];
    let payload = payload(event, &request_id, &phone, now_unix_millis, choice, &entropy[42..48]);
    let body = Envelope { id: &id, event: event.name(), created_at: &created_at, payload: &payload };
    // serde_json fails only on a map with non-string keys or a Serialize impl that errors:
    // these are derived structs of strings and small integers, so it cannot.
    #[expect(clippy::expect_used, reason = "serialising derived structs of strings and integers cannot fail")]
    let body = serde_json::to_string(&body).expect("a delivery's envelope serialises");
    Delivery { event, id, created_at, body }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Envelope<'a> {
    id: &'a str,
    event: &'a str,
    created_at: &'a str,
    payload: &'a Payload,
}

/// The payloads. `Verified` is the documented shape; the others are illustrative, consistent
/// with what the documentation says fires them.
#[derive(Serialize)]
#[serde(untagged)]
enum Payload {
    #[serde(rename_all = "camelCase")]
    Created { request_id: String, phone: String, channel: &'static str, expires_at: String },
    #[serde(rename_all = "camelCase")]
    Verified { request_id: String, phone: String, verified_at: String },
    #[serde(rename_all = "camelCase")]
    Failed { request_id: String, phone: String, reason: &'static str, attempts: u8, max_attempts: u8 },
    #[serde(rename_all = "camelCase")]
    Expired { request_id: String, phone: String, sent_at: String, expired_at: String, attempted_at: String },
    #[serde(rename_all = "camelCase")]
    Identity { identity_id: String, phone: String, changed_at: String },
    #[serde(rename_all = "camelCase")]
    Application { application_id: String, name: &'static str, changed_at: String },
}

/// How many wrong codes an illustrative `otp.failed` allows before the OTP is spent.
const ILLUSTRATIVE_MAX_ATTEMPTS: u8 = 3;

fn payload(event: Event, request_id: &str, phone: &str, now: i64, choice: u8, spare: &[u8]) -> Payload {
    let request_id = request_id.to_string();
    let phone = phone.to_string();
    let at = |millis: i64| format_utc_millis(millis);
    match event {
        Event::OtpCreated => {
            Payload::Created { request_id, phone, channel: "sms", expires_at: at(now + OTP_TTL_MILLIS) }
        }
        Event::OtpFailed => {
            // Either a wrong code with attempts left, or the attempt that used up the last one.
            let attempts = 1 + choice % ILLUSTRATIVE_MAX_ATTEMPTS;
            let reason = if attempts == ILLUSTRATIVE_MAX_ATTEMPTS { "max_attempts_exceeded" } else { "incorrect_code" };
            Payload::Failed { request_id, phone, reason, attempts, max_attempts: ILLUSTRATIVE_MAX_ATTEMPTS }
        }
        Event::OtpExpired => {
            // The attempt came after the 5-minute TTL: between 1 s and about 4 min late.
            let late = 1000 + i64::from(u16::from_le_bytes([spare[0], spare[1]])) * 4;
            let sent = now - OTP_TTL_MILLIS - late;
            Payload::Expired {
                request_id,
                phone,
                sent_at: at(sent),
                expired_at: at(sent + OTP_TTL_MILLIS),
                attempted_at: at(now),
            }
        }
        Event::IdentityCreated | Event::IdentityUpdated => {
            Payload::Identity { identity_id: format!("idn_{}", hex::encode(&spare[..6])), phone, changed_at: at(now) }
        }
        Event::ApplicationCreated | Event::ApplicationDeleted => Payload::Application {
            application_id: format!("app_{}", hex::encode(&spare[..6])),
            name: "Sandbox application",
            changed_at: at(now),
        },
        Event::OtpVerified => Payload::Verified { request_id, phone, verified_at: at(now) },
    }
}

/// An RFC 9562 version 4 UUID from 16 random bytes.
pub(crate) fn uuid_v4(random: &[u8]) -> String {
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&random[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex = hex::encode(bytes);
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// A number in the documentation's fictional `+999` range, written as it writes it.
fn phone_number(random: &[u8]) -> String {
    let digit = |b: u8| char::from(b'0' + b % 10);
    let digits: String = random.iter().map(|&b| digit(b)).collect();
    format!("+999 {} {} {}", &digits[0..3], &digits[3..6], &digits[6..9])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::key_order::{payload_keys, ENVELOPE_KEYS};
    use serde_json::Value;

    fn entropy(seed: u8) -> [u8; ENTROPY_LEN] {
        let mut bytes = [0u8; ENTROPY_LEN];
        let mut state = u32::from(seed).wrapping_mul(2_654_435_761).wrapping_add(1);
        for byte in &mut bytes {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            *byte = state.to_le_bytes()[0];
        }
        bytes
    }

    fn parsed(delivery: &Delivery) -> Value {
        serde_json::from_str(&delivery.body).unwrap_or(Value::Null)
    }

    #[test]
    fn otp_verified_has_exactly_the_documented_shape() {
        let event = Event::OtpVerified;
        let delivery = generate(event, 1_783_088_530_000, &entropy(1));
        let body = parsed(&delivery);
        let keys: Vec<&str> = body.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(delivery.body.find("\"id\""), Some(1), "id comes first, as documented");
        assert_eq!(keys.len(), 4);
        for key in ["id", "event", "createdAt", "payload"] {
            assert!(body.get(key).is_some(), "{key}");
        }
        let mut payload_keys: Vec<&str> = body["payload"].as_object().unwrap().keys().map(String::as_str).collect();
        payload_keys.sort_unstable();
        assert_eq!(payload_keys, ["phone", "requestId", "verifiedAt"]);
        assert_eq!(body["createdAt"], "2026-07-03T14:22:10.000Z");
        assert_eq!(body["payload"]["verifiedAt"], "2026-07-03T14:22:10.000Z");
        assert_eq!(body["event"], "otp.verified");
        assert!(delivery.payload_is_documented());
    }

    /// Each event gets its own payload: only otp.verified has the documented shape, and the
    /// body names the event it was generated for.
    #[test]
    fn every_event_has_its_own_payload() {
        let payload_keys = |event: Event| {
            let body = parsed(&generate(event, 1_783_088_530_000, &entropy(5)));
            assert_eq!(body["event"], event.name());
            let keys: Vec<String> = body["payload"].as_object().into_iter().flat_map(|o| o.keys().cloned()).collect();
            keys
        };
        let cases: [(Event, &str); 8] = [
            (Event::OtpCreated, "expiresAt"),
            (Event::OtpVerified, "verifiedAt"),
            (Event::OtpFailed, "reason"),
            (Event::OtpExpired, "expiredAt"),
            (Event::IdentityCreated, "identityId"),
            (Event::IdentityUpdated, "identityId"),
            (Event::ApplicationCreated, "applicationId"),
            (Event::ApplicationDeleted, "applicationId"),
        ];
        for (event, key) in cases {
            let keys = payload_keys(event);
            assert!(keys.iter().any(|k| k == key), "{}: {keys:?}", event.name());
            assert_eq!(keys.iter().any(|k| k == "verifiedAt"), event == Event::OtpVerified, "{}", event.name());
        }
    }

    /// `payload_keys` and `ENVELOPE_KEYS` are the order `generate` writes, for every event.
    #[test]
    fn key_orders_are_the_generated_ones() {
        for event in Event::ALL {
            let body = generate(event, 1_783_088_530_000, &entropy(9)).body;
            let positions = |keys: &[&str], within: &str| -> Vec<usize> {
                keys.iter().map(|k| within.find(&format!("\"{k}\":")).unwrap_or(usize::MAX)).collect()
            };
            let top = positions(&ENVELOPE_KEYS, &body);
            assert!(top.windows(2).all(|w| w[0] < w[1]), "{body}");
            let payload = &body[body.find("\"payload\":").unwrap_or(0)..];
            let inner = positions(payload_keys(event), payload);
            assert!(inner.windows(2).all(|w| w[0] < w[1] && w[1] != usize::MAX), "{}: {payload}", event.name());
            let count = parsed(&generate(event, 1_783_088_530_000, &entropy(9)))["payload"]
                .as_object()
                .map_or(0, serde_json::Map::len);
            assert_eq!(count, payload_keys(event).len(), "{}", event.name());
        }
    }

    #[test]
    fn ids_are_uuid_v4_and_fresh() {
        let event = Event::OtpCreated;
        let a = generate(event, 0, &entropy(1));
        let b = generate(event, 0, &entropy(2));
        assert_ne!(a.id, b.id);
        for id in [&a.id, &b.id] {
            let bytes = id.as_bytes();
            assert_eq!(id.len(), 36);
            assert_eq!([bytes[8], bytes[13], bytes[18], bytes[23]], [b'-'; 4]);
            assert_eq!(bytes[14], b'4', "version 4: {id}");
            assert!(matches!(bytes[19], b'8' | b'9' | b'a' | b'b'), "RFC variant: {id}");
        }
        assert_eq!(uuid_v4(&[0xff; 16]), "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(uuid_v4(&[0; 16]), "00000000-0000-4000-8000-000000000000");
    }

    #[test]
    fn payloads_follow_the_ttl_and_attempt_rules() {
        let now = 1_783_088_530_000;
        let created = parsed(&generate(Event::OtpCreated, now, &entropy(3)));
        assert_eq!(created["payload"]["expiresAt"], "2026-07-03T14:27:10.000Z");
        for seed in 0..30 {
            let expired = parsed(&generate(Event::OtpExpired, now, &entropy(seed)));
            let instant = |key: &str| {
                crate::verify::timestamp::parse(expired["payload"][key].as_str().unwrap_or_default())
                    .unwrap()
                    .unix_millis
            };
            let (sent, expired_at, attempted) = (instant("sentAt"), instant("expiredAt"), instant("attemptedAt"));
            assert_eq!(expired_at - sent, OTP_TTL_MILLIS);
            assert!(attempted > expired_at, "attempted after the TTL");
            let failed = parsed(&generate(Event::OtpFailed, now, &entropy(seed)));
            let attempts = failed["payload"]["attempts"].as_u64().unwrap();
            let reason = failed["payload"]["reason"].as_str().unwrap();
            assert!((1..=3).contains(&attempts));
            assert_eq!(reason == "max_attempts_exceeded", attempts == 3, "{failed}");
        }
    }

    /// The documentation: "The OTP code itself is never included in any webhook payload, under
    /// any event type." The audit the verifier runs finds nothing in any generated payload, and
    /// no number in one could pass for a code either.
    #[test]
    fn no_payload_of_any_event_contains_an_otp_code() {
        fn numbers(value: &Value, out: &mut Vec<u64>) {
            match value {
                Value::Number(n) => out.extend(n.as_u64()),
                Value::Array(items) => items.iter().for_each(|v| numbers(v, out)),
                Value::Object(map) => map.values().for_each(|v| numbers(v, out)),
                _ => {}
            }
        }
        let mut problems = Vec::new();
        for event in Event::ALL {
            for seed in 0..64 {
                let body = parsed(&generate(event, 1_783_088_530_000 + i64::from(seed) * 7919, &entropy(seed)));
                problems.extend(
                    crate::verify::payload_audit::otp_code_like(&body)
                        .fields
                        .into_iter()
                        .map(|p| format!("{}: {p}", event.name())),
                );
                let mut found = Vec::new();
                numbers(&body, &mut found);
                problems.extend(
                    found
                        .into_iter()
                        .filter(|n| (1000..=99_999_999).contains(n))
                        .map(|n| format!("{}: {n}", event.name())),
                );
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn signed_deliveries_verify_in_the_verifier() {
        for event in Event::ALL {
            let delivery = generate(event, 1_783_088_530_000, &entropy(9));
            let signed = delivery.signed("whsec_test");
            let headers = crate::verify::received_headers::parse(&signed.header_lines());
            let result = crate::verify::verification::verify(crate::verify::verification::ReceivedDelivery {
                secret: "whsec_test",
                body: signed.body.as_bytes(),
                headers: &headers,
                now_unix_millis: Some(1_783_088_530_000),
            });
            assert_eq!(result.verdict, crate::verify::verification::Verdict::Valid, "{}", event.name());
            // A reserved event's delivery is flagged as one Cobinar does not send today.
            assert_eq!(result.not_from_cobinar.is_empty(), event.status() == EventStatus::Active, "{}", event.name());
            let problems: Vec<_> = result.checks.iter().filter(|c| c.status.is_problem()).collect();
            assert!(problems.is_empty(), "{}: {problems:?}", event.name());
            assert_eq!(delivery.is_reserved(), event.status() == EventStatus::Reserved);
        }
    }
}
