use leptos::prelude::*;

use super::random::{now_unix_millis, random_bytes};
use crate::echo::delivery::Delivery;
use crate::echo::endpoint::DEFAULT_ENDPOINT;
use crate::echo::retry::EndpointResponse;
use crate::echo::test_pack::{self, Language, TestPack, PACK_ENTROPY_LEN};
use crate::page::echo::{self as page_echo, NoRandomness};
use crate::protocol::events::Event;

/// The echo's state: the delivery shown and the choices around it.
#[derive(Clone, Copy)]
pub struct Echo {
    pub event: RwSignal<Event>,
    /// The delivery and the demo secret, made from the platform's generator; without one, why
    /// the echo makes nothing (`page::echo`).
    pub made: Result<Made, NoRandomness>,
    /// Why the last *Generate* made nothing, if it did not.
    pub refused: RwSignal<Option<NoRandomness>>,
    pub endpoint: RwSignal<String>,
    pub responses: RwSignal<[EndpointResponse; 3]>,
}

/// What the echo made from the generator's bytes.
#[derive(Clone, Copy)]
pub struct Made {
    pub delivery: RwSignal<Delivery>,
    /// Signs deliveries while the secret field is empty; made once per page.
    pub demo_secret: RwSignal<String>,
}

/// A fresh delivery of `event`, created now; none without the platform's generator.
pub fn fresh_delivery(event: Event) -> Result<Delivery, NoRandomness> {
    page_echo::delivery(event, now_unix_millis(), random_bytes())
}

/// A receiver test pack for `language`, made now under a fresh test secret: what the download
/// buttons save and `window.webhookEcho.testPack` returns. The secret is the pack's own, never
/// the secret field's; without the platform's CSPRNG there is no pack, and `Err` says why.
pub fn fresh_test_pack(language: Language) -> Result<TestPack, &'static str> {
    Ok(test_pack::build(language, now_unix_millis(), &random_bytes::<PACK_ENTROPY_LEN>()?))
}

impl Echo {
    pub fn new() -> Self {
        let event = Event::OtpVerified;
        let made = fresh_delivery(event).and_then(|delivery| {
            let demo_secret = page_echo::demo_secret(random_bytes())?;
            Ok(Made { delivery: RwSignal::new(delivery), demo_secret: RwSignal::new(demo_secret) })
        });
        if let Err(refused) = made {
            web_sys::console::warn_1(&refused.sentence().into());
        }
        Self {
            event: RwSignal::new(event),
            made,
            refused: RwSignal::new(None),
            endpoint: RwSignal::new(DEFAULT_ENDPOINT.to_string()),
            responses: RwSignal::new([
                EndpointResponse::NoAnswer,
                EndpointResponse::Failure,
                EndpointResponse::Success,
            ]),
        }
    }

    /// A fresh delivery of the chosen event; where the generator fails, the last one stays
    /// and the page says why.
    pub fn regenerate(&self) {
        let Ok(made) = self.made else { return };
        match fresh_delivery(self.event.get_untracked()) {
            Ok(delivery) => {
                made.delivery.set(delivery);
                if self.refused.with_untracked(Option::is_some) {
                    self.refused.set(None);
                }
            }
            Err(refused) => self.refused.set(Some(refused)),
        }
    }
}
