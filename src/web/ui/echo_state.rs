use leptos::prelude::*;

use super::random::{now_unix_millis, random_bytes};
use crate::echo::delivery::{generate, Delivery, ENTROPY_LEN};
use crate::echo::endpoint::DEFAULT_ENDPOINT;
use crate::echo::retry::EndpointResponse;
use crate::echo::test_pack::{self, Language, TestPack, PACK_ENTROPY_LEN};
use crate::protocol::events::Event;

/// The echo's state: the delivery shown and the choices around it.
#[derive(Clone, Copy)]
pub struct Echo {
    pub event: RwSignal<Event>,
    pub delivery: RwSignal<Delivery>,
    /// Signs deliveries while the secret field is empty; made once per page.
    pub demo_secret: RwSignal<String>,
    pub endpoint: RwSignal<String>,
    pub responses: RwSignal<[EndpointResponse; 3]>,
}

/// A fresh delivery of `event`, created now.
pub fn fresh_delivery(event: Event) -> Delivery {
    generate(event, now_unix_millis(), &echo_entropy::<ENTROPY_LEN>())
}

/// A receiver test pack for `language`, made now under a fresh test secret: what the download
/// buttons save and `window.webhookEcho.testPack` returns. The secret is the pack's own, never
/// the secret field's; without the platform's CSPRNG there is no pack, and `Err` says why.
pub fn fresh_test_pack(language: Language) -> Result<TestPack, &'static str> {
    Ok(test_pack::build(language, now_unix_millis(), &random_bytes::<PACK_ENTROPY_LEN>()?))
}

/// Randomness for the echo's ids and demo secret. Where the browser has no CSPRNG (none that
/// runs WebAssembly lacks one) they are zeros: repeated ids and a known demo secret, which sign
/// only demonstration deliveries. Sealing, which needs real randomness, refuses instead.
fn echo_entropy<const N: usize>() -> [u8; N] {
    random_bytes::<N>().unwrap_or([0; N])
}

impl Echo {
    pub fn new() -> Self {
        let event = Event::OtpVerified;
        Self {
            event: RwSignal::new(event),
            delivery: RwSignal::new(fresh_delivery(event)),
            demo_secret: RwSignal::new(format!("whsec_demo_{}", hex::encode(echo_entropy::<12>()))),
            endpoint: RwSignal::new(DEFAULT_ENDPOINT.to_string()),
            responses: RwSignal::new([
                EndpointResponse::NoAnswer,
                EndpointResponse::Failure,
                EndpointResponse::Success,
            ]),
        }
    }

    pub fn regenerate(&self) {
        self.delivery.set(fresh_delivery(self.event.get_untracked()));
    }
}
