//! The cases `check` sends, in order (`CaseId`), and their requests (`probes`): each a delivery
//! the core makes, marked as a test (`test_delivery`), some changed after signing as a
//! fixture's `tamper` of the same name is.

use serde::{Deserialize, Serialize};

use crate::echo::delivery::{generate, Delivery, SignedDelivery, ENTROPY_LEN};
use crate::echo::replay::{self, Request, STALE_AGE_MILLIS};
use crate::protocol::events::Event;
use crate::protocol::headers::TIMESTAMP;
use crate::protocol::wire;
use crate::share::fixture::Tamper;
use crate::verify::timestamp::format_utc_millis;

/// What every `requestId` the tool sends starts with, so that a receiver (or a person reading
/// its logs) can tell a test from a real OTP event.
pub const TEST_REQUEST_PREFIX: &str = "webhook-echo-test-";
/// The reserved event the `reserved-event` case sends.
const RESERVED_EVENT: Event = Event::IdentityCreated;

/// A delivery made by the core, marked as a test where its payload has a `requestId`: the same
/// bytes Cobinar would send otherwise, the id keeping its UUID after the prefix.
pub fn test_delivery(event: Event, now_unix_millis: i64, entropy: &[u8; ENTROPY_LEN]) -> Delivery {
    let delivery = generate(event, now_unix_millis, entropy);
    let key = "\"requestId\":\"";
    let body = match delivery.body.find(key) {
        Some(at) => {
            let (before, after) = delivery.body.split_at(at + key.len());
            format!("{before}{TEST_REQUEST_PREFIX}{after}")
        }
        None => delivery.body.clone(),
    };
    Delivery { body, ..delivery }
}

/// The cases, in the order they are sent and reported. Their names (`as_str`) are stable:
/// serde's, from the attributes here (`wire`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CaseId {
    #[serde(rename = "genuine-otp.created")]
    GenuineOtpCreated,
    #[serde(rename = "genuine-otp.verified")]
    GenuineOtpVerified,
    #[serde(rename = "genuine-otp.failed")]
    GenuineOtpFailed,
    #[serde(rename = "genuine-otp.expired")]
    GenuineOtpExpired,
    Duplicate,
    TamperedBody,
    WrongSecret,
    MissingSignature,
    ReserializedBody,
    TrailingNewline,
    /// 2xx passes; a refusal (another status below 500) warns; an error (5xx) fails.
    ReservedEvent,
    StaleDelivery,
    /// Stays last: `ALL`'s test counts on it.
    Slow,
}

impl CaseId {
    pub const ALL: [Self; 13] = [
        Self::GenuineOtpCreated,
        Self::GenuineOtpVerified,
        Self::GenuineOtpFailed,
        Self::GenuineOtpExpired,
        Self::Duplicate,
        Self::TamperedBody,
        Self::WrongSecret,
        Self::MissingSignature,
        Self::ReserializedBody,
        Self::TrailingNewline,
        Self::ReservedEvent,
        Self::StaleDelivery,
        Self::Slow,
    ];

    /// The case's stable name, as `webhook-echo check` reports it (`--json` and JUnit
    /// included) and a fixture's `tamper` names it.
    pub fn as_str(self) -> &'static str {
        wire::name(&self)
    }

    /// The case whose name (`as_str`) is exactly `name`; `None` for any other text.
    pub fn from_name(name: &str) -> Option<Self> {
        wire::from_name(name)
    }

    /// What the case sends, in a few words.
    pub fn sends(self) -> &'static str {
        match self {
            Self::GenuineOtpCreated | Self::GenuineOtpVerified | Self::GenuineOtpFailed | Self::GenuineOtpExpired => {
                "a genuine delivery"
            }
            Self::Duplicate => "the genuine otp.verified delivery again, as a retry",
            Self::TamperedBody => "a body changed after signing",
            Self::WrongSecret => "a delivery signed with another secret",
            Self::MissingSignature => "a delivery without x-cobinar-signature",
            Self::ReserializedBody => "the same JSON written again (2-space indent) under the original signature",
            Self::TrailingNewline => "the signed body with a newline added",
            Self::ReservedEvent => "a genuine identity.created delivery (reserved, not delivered today)",
            Self::StaleDelivery => {
                "a genuine delivery signed a day ago, with a new event id and a fresh timestamp header"
            }
            Self::Slow => "a genuine delivery, timed",
        }
    }

    /// The change after signing this case makes, by the name a fixture's `tamper` gives it.
    pub fn tamper(self) -> Option<Tamper> {
        Tamper::ALL.into_iter().find(|t| t.name() == self.as_str())
    }

    /// Which case must have been sent, and answered, before this one.
    pub fn after(self) -> Option<Self> {
        match self {
            Self::Duplicate => Some(Self::GenuineOtpVerified),
            _ => None,
        }
    }
}

/// One request of `check`: the exact body bytes and headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    pub case: CaseId,
    pub body: Vec<u8>,
    pub headers: Vec<(String, String)>,
}

impl Probe {
    fn of(case: CaseId, signed: SignedDelivery) -> Self {
        let headers = signed.headers.into_iter().map(|(n, v)| (n.to_string(), v)).collect();
        Self { case, body: signed.body.into_bytes(), headers }
    }

    /// The same request, changed after signing as `tamper` says (`replay::after_signing`, which
    /// a fixture's `tamper` uses too).
    fn tampered(self, tamper: Tamper, secret: &str) -> Self {
        let mut request = Request { body: self.body, headers: self.headers };
        replay::after_signing(&mut request, tamper, secret);
        Self { case: self.case, body: request.body, headers: request.headers }
    }
}

/// The requests of every case, in `CaseId::ALL`'s order. `entropy` is called once a delivery;
/// each case gets a delivery (and event id) of its own but `duplicate`, which repeats
/// `genuine-otp.verified` exactly.
pub fn probes(secret: &str, now_unix_millis: i64, mut entropy: impl FnMut() -> [u8; ENTROPY_LEN]) -> Vec<Probe> {
    let mut fresh = |event: Event, at: i64| test_delivery(event, at, &entropy());
    let mut out = Vec::with_capacity(CaseId::ALL.len());
    let mut verified = None;
    for case in CaseId::ALL {
        let genuine = |event| Probe::of(case, event);
        let probe = match case {
            CaseId::GenuineOtpCreated => genuine(fresh(Event::OtpCreated, now_unix_millis).signed(secret)),
            CaseId::GenuineOtpVerified => {
                let signed = fresh(Event::OtpVerified, now_unix_millis).signed(secret);
                verified = Some(signed.clone());
                genuine(signed)
            }
            CaseId::GenuineOtpFailed => genuine(fresh(Event::OtpFailed, now_unix_millis).signed(secret)),
            CaseId::GenuineOtpExpired => genuine(fresh(Event::OtpExpired, now_unix_millis).signed(secret)),
            CaseId::Duplicate => match verified.clone() {
                Some(signed) => genuine(signed),
                None => genuine(fresh(Event::OtpVerified, now_unix_millis).signed(secret)),
            },
            CaseId::ReservedEvent => genuine(fresh(RESERVED_EVENT, now_unix_millis).signed(secret)),
            CaseId::StaleDelivery => {
                // As a replay would come: the body signed a day ago, the unsigned timestamp
                // header made fresh. Only a receiver that reads the signed createdAt rejects it.
                let mut signed = fresh(Event::OtpVerified, now_unix_millis - STALE_AGE_MILLIS).signed(secret);
                for (name, value) in &mut signed.headers {
                    if *name == TIMESTAMP {
                        *value = format_utc_millis(now_unix_millis);
                    }
                }
                genuine(signed)
            }
            CaseId::Slow => genuine(fresh(Event::OtpVerified, now_unix_millis).signed(secret)),
            CaseId::TamperedBody
            | CaseId::WrongSecret
            | CaseId::MissingSignature
            | CaseId::ReserializedBody
            | CaseId::TrailingNewline => {
                let signed = genuine(fresh(Event::OtpVerified, now_unix_millis).signed(secret));
                match case.tamper() {
                    Some(tamper) => signed.tampered(tamper, secret),
                    None => signed,
                }
            }
        };
        out.push(probe);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::received_headers::ReceivedHeaders;
    use crate::verify::verification::{verify, ReceivedDelivery, Verdict};

    const SECRET: &str = "whsec_contract_test";
    const NOW: i64 = 1_783_088_530_000;

    fn entropy_source() -> impl FnMut() -> [u8; ENTROPY_LEN] {
        let mut seed = 0u8;
        move || {
            seed = seed.wrapping_add(1);
            std::array::from_fn(|i| seed.wrapping_mul(37).wrapping_add((i as u8).wrapping_mul(11)) ^ 0xa5)
        }
    }

    fn verdict(probe: &Probe) -> Verdict {
        let headers = ReceivedHeaders::from_pairs(probe.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        verify(ReceivedDelivery { secret: SECRET, body: &probe.body, headers: &headers, now_unix_millis: Some(NOW) })
            .verdict
    }

    fn body_json(probe: &Probe) -> serde_json::Value {
        serde_json::from_slice(&probe.body).unwrap_or(serde_json::Value::Null)
    }

    /// The page's verifier says of each probe what a correct receiver must conclude.
    #[test]
    fn each_probe_is_what_its_case_says() {
        let probes = probes(SECRET, NOW, entropy_source());
        assert_eq!(probes.iter().map(|p| p.case).collect::<Vec<_>>(), CaseId::ALL);
        let valid: Vec<&str> =
            probes.iter().filter(|p| verdict(p) == Verdict::Valid).map(|p| p.case.as_str()).collect();
        assert_eq!(
            valid,
            [
                "genuine-otp.created",
                "genuine-otp.verified",
                "genuine-otp.failed",
                "genuine-otp.expired",
                "duplicate",
                "reserved-event",
                "stale-delivery",
                "slow"
            ]
        );
        let by = |case: CaseId| probes.iter().find(|p| p.case == case).cloned().unwrap_or_else(|| unreachable!());
        assert_eq!(by(CaseId::Duplicate), Probe { case: CaseId::Duplicate, ..by(CaseId::GenuineOtpVerified) });
        assert_eq!(verdict(&by(CaseId::MissingSignature)), Verdict::Incomplete);
        // The re-serialized body is the same JSON value as the one signed, in other bytes.
        let rewritten = by(CaseId::ReserializedBody);
        assert_eq!(verdict(&rewritten), Verdict::Invalid);
        assert!(String::from_utf8_lossy(&rewritten.body).contains("\n  \"id\": "));
        let signed = test_delivery(Event::OtpVerified, NOW, &[3; ENTROPY_LEN]).body;
        let again = String::from_utf8_lossy(&crate::echo::replay::reserialized(signed.as_bytes())).into_owned();
        assert_ne!(again, signed);
        assert_eq!(serde_json::from_str::<serde_json::Value>(&again).ok(), serde_json::from_str(&signed).ok());
        // Keys keep their order, so JSON.stringify(JSON.parse(again)) gives back the signed bytes.
        let key_at = |text: &str, key: &str| text.find(&format!("\"{key}\"")).unwrap_or(usize::MAX);
        for pair in ["id", "event", "createdAt", "payload"].windows(2) {
            assert!(key_at(&again, pair[0]) < key_at(&again, pair[1]), "{again}");
        }
        assert!(by(CaseId::TrailingNewline).body.ends_with(b"}\n"));
        // Every case but the duplicate has an event id of its own.
        let mut ids: Vec<String> = probes
            .iter()
            .filter(|p| p.case != CaseId::Duplicate)
            .map(|p| body_json(p)["id"].as_str().unwrap_or_default().to_string())
            .collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), CaseId::ALL.len() - 1);
        let stale = by(CaseId::StaleDelivery);
        assert_eq!(body_json(&stale)["createdAt"], "2026-07-02T14:22:10.000Z");
        // Its unsigned timestamp header says now: a receiver that trusts it, not the body, is caught.
        let header = stale.headers.iter().find(|(name, _)| *name == TIMESTAMP).map(|(_, v)| v.as_str());
        assert_eq!(header, Some("2026-07-03T14:22:10.000Z"));
        assert_eq!(body_json(&by(CaseId::ReservedEvent))["event"], "identity.created");
    }

    /// Every delivery the tool sends says it is a test, where the payload has a `requestId`.
    #[test]
    fn test_deliveries_are_marked_and_still_verify() {
        for event in Event::ALL {
            let delivery = test_delivery(event, NOW, &[7; ENTROPY_LEN]);
            let plain = generate(event, NOW, &[7; ENTROPY_LEN]);
            let body: serde_json::Value = serde_json::from_str(&delivery.body).unwrap_or_default();
            match body["payload"]["requestId"].as_str() {
                Some(id) => {
                    assert!(id.starts_with(TEST_REQUEST_PREFIX), "{id}");
                    assert_eq!(delivery.body.len(), plain.body.len() + TEST_REQUEST_PREFIX.len());
                }
                None => assert_eq!(delivery.body, plain.body, "{}", event.name()),
            }
            let signed = delivery.signed(SECRET);
            let probe = Probe::of(CaseId::Slow, signed);
            assert_eq!(verdict(&probe), Verdict::Valid, "{}", event.name());
        }
    }

    /// Each case's name, written out: reports, CI dashboards and fixtures' `tamper` hold these.
    fn pinned(case: CaseId) -> &'static str {
        match case {
            CaseId::GenuineOtpCreated => "genuine-otp.created",
            CaseId::GenuineOtpVerified => "genuine-otp.verified",
            CaseId::GenuineOtpFailed => "genuine-otp.failed",
            CaseId::GenuineOtpExpired => "genuine-otp.expired",
            CaseId::Duplicate => "duplicate",
            CaseId::TamperedBody => "tampered-body",
            CaseId::WrongSecret => "wrong-secret",
            CaseId::MissingSignature => "missing-signature",
            CaseId::ReserializedBody => "reserialized-body",
            CaseId::TrailingNewline => "trailing-newline",
            CaseId::ReservedEvent => "reserved-event",
            CaseId::StaleDelivery => "stale-delivery",
            CaseId::Slow => "slow",
        }
    }

    #[test]
    fn every_case_keeps_its_wire_name() {
        for (position, case) in CaseId::ALL.into_iter().enumerate() {
            assert_eq!(case as usize, position, "{case:?}: ALL lists each case once, in order");
            assert_eq!(case.as_str(), pinned(case));
            assert_eq!(CaseId::from_name(case.as_str()), Some(case));
        }
        crate::protocol::wire::assert_spelled(&CaseId::ALL, pinned, CaseId::from_name);
        assert_eq!(CaseId::ALL.len(), CaseId::Slow as usize + 1);
        assert_eq!(CaseId::from_name("genuine-otp-created"), None);
    }

    #[test]
    fn every_tamper_is_a_case_of_the_same_name() {
        let mut named: Vec<&str> = CaseId::ALL.into_iter().filter_map(CaseId::tamper).map(Tamper::name).collect();
        let mut all = Tamper::ALL.map(Tamper::name);
        named.sort_unstable();
        all.sort_unstable();
        assert_eq!(named, all);
        for case in CaseId::ALL {
            if let Some(tamper) = case.tamper() {
                assert_eq!(tamper.name(), case.as_str());
            }
        }
    }
}
