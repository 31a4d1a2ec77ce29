//! The echo's tab: the delivery Cobinar would send, signed with the secret field's secret or
//! the demo secret (`page::echo`), the commands that send it, the retry policy, receivers and
//! test packs. Without the platform's generator the echo makes nothing and says why.

use leptos::prelude::*;

use super::delivery_card::DeliveryCard;
use super::echo_state::{Echo, Made};
use super::receiver_code::ReceiverCode;
use super::retry_timeline::RetryTimeline;
use super::send_commands::SendCommands;
use super::state::Inputs;
use super::test_pack_buttons::TestPackPanel;
use super::tool_tabs::Tool;
use super::verdict_bar::focus_result;
use crate::echo::commands;
use crate::echo::endpoint::Endpoint;
use crate::echo::example::PastedDelivery;
use crate::page::echo as page_echo;

#[component]
pub fn EchoTab(echo: Echo, inputs: Inputs, tool: RwSignal<Tool>) -> impl IntoView {
    let first_column = match echo.made {
        Ok(made) => view! { <EchoDelivery echo=echo made=made inputs=inputs tool=tool /> }.into_any(),
        Err(refused) => view! {
            <section class="we-panel" aria-labelledby="delivery-title">
                <div class="we-panel__head">
                    <h2 id="delivery-title" class="we-panel__title">"What Cobinar sends"</h2>
                </div>
                <p class="we-note we-note--error" data-testid="echo-no-randomness" role="alert">{refused.sentence()}</p>
            </section>
        }
        .into_any(),
    };
    view! {
        <div class="we-column">{first_column}</div>
        <div class="we-column">
            {echo.made.ok().map(|made| view! {
                <RetryTimeline responses=echo.responses event_id=Signal::derive(move || made.delivery.with(|d| d.id.clone())) />
            })}
            <ReceiverCode />
            <TestPackPanel />
        </div>
    }
}

/// The delivery, signed, and the commands that send it.
#[component]
fn EchoDelivery(echo: Echo, made: Made, inputs: Inputs, tool: RwSignal<Tool>) -> impl IntoView {
    let using_demo_secret = Memo::new(move |_| inputs.secret.with(|field| page_echo::uses_demo_secret(field)));
    let signing_secret = Memo::new(move |_| {
        inputs.secret.with(|field| made.demo_secret.with(|demo| page_echo::signing_secret(field, demo).to_string()))
    });
    let signed = Memo::new(move |_| signing_secret.with(|secret| made.delivery.with(|d| d.signed(secret))));
    let forms = Memo::new(move |_| {
        let endpoint = echo.endpoint.with(|text| Endpoint::parse(text))?;
        Ok(signed.with(|signed| commands::send_forms(signed, &endpoint)))
    });
    let load_into_verifier = move || {
        let signed = signed.get_untracked();
        inputs.fill(PastedDelivery {
            secret: signing_secret.get_untracked(),
            body: signed.body.clone(),
            headers: signed.header_lines(),
        });
        tool.set(Tool::Verify);
        // The verifier's answer is what the person came for: focus follows, once it is shown.
        if let Err(error) = set_timeout_with_handle(focus_result, std::time::Duration::from_millis(0)) {
            web_sys::console::warn_2(&"The result could not be focused:".into(), &error);
        }
    };
    view! {
        <DeliveryCard
            echo=echo
            made=made
            forms=forms
            using_demo_secret=using_demo_secret
            on_load_into_verifier=load_into_verifier
        />
        <SendCommands endpoint=echo.endpoint forms=forms />
    }
}
