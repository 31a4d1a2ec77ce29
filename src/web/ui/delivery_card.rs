use leptos::prelude::*;

use super::clipboard::CopyButton;
use super::echo_state::{Echo, Made};
use crate::echo::commands::SendForms;
use crate::echo::endpoint::EndpointError;
use crate::protocol::events::{Event, EventStatus};

/// The event picker, the generated delivery as the HTTP request Cobinar would send, and the
/// way into the verifier.
#[component]
pub fn DeliveryCard(
    echo: Echo,
    made: Made,
    #[prop(into)] forms: Signal<Result<SendForms, EndpointError>>,
    #[prop(into)] using_demo_secret: Signal<bool>,
    on_load_into_verifier: impl Fn() + 'static,
) -> impl IntoView {
    let option = move |event: Event| {
        let label = match event.status() {
            EventStatus::Active => event.name().to_string(),
            EventStatus::Reserved => format!("{} (reserved, not delivered today)", event.name()),
        };
        view! {
            <option value=event.name() prop:selected=move || echo.event.get() == event>{label}</option>
        }
    };
    let group = move |status: EventStatus| {
        Event::ALL.into_iter().filter(move |e| e.status() == status).map(option).collect_view()
    };
    let request = move || forms.with(|forms| forms.as_ref().map(|f| f.request.clone()).unwrap_or_default());
    let delivery = made.delivery;
    view! {
        <section class="we-panel" aria-labelledby="delivery-title">
            <div class="we-panel__head">
                <h2 id="delivery-title" class="we-panel__title">"What Cobinar sends"</h2>
            </div>
            <div class="we-field">
                <label class="we-field__label" for="event-type">"Event"</label>
                <div class="we-inline">
                    <select
                        id="event-type"
                        class="we-input we-select"
                        data-testid="event-type"
                        on:change:target=move |ev| {
                            if let Some(event) = Event::from_name(&ev.target().value()) {
                                echo.event.set(event);
                                echo.regenerate();
                            }
                        }
                    >
                        <optgroup label="Delivered">{group(EventStatus::Active)}</optgroup>
                        <optgroup label="Reserved: not delivered today">{group(EventStatus::Reserved)}</optgroup>
                    </select>
                    <button
                        type="button"
                        class="we-button we-button--primary"
                        data-testid="generate"
                        on:click=move |_| echo.regenerate()
                    >
                        "Generate a delivery"
                    </button>
                </div>
                <p class="we-field__hint">
                    {move || {
                        match echo.event.get().fires_when() {
                            Some(fires_when) => format!("Fires when: {fires_when}."),
                            None => "Registrable today, but never delivered yet: build nothing on it.".to_string(),
                        }
                    }}
                </p>
            </div>
            {move || echo.refused.get().map(|refused| view! {
                <p class="we-note we-note--error" data-testid="echo-no-randomness" role="alert">{refused.sentence()}</p>
            })}
            {move || delivery.with(|d| d.is_reserved()).then(|| view! {
                <p class="we-note we-note--warning" data-testid="reserved-warning" role="note">
                    <strong>{delivery.with(|d| d.event.name())} " is reserved, not delivered today."</strong>
                    " Cobinar does not send this event yet; this delivery only shows what one could look like."
                </p>
            })}
            {move || using_demo_secret.get().then(|| view! {
                <p class="we-note" data-testid="demo-secret-note">
                    "The secret field is empty, so this delivery is signed with a random demo secret, "
                    <code>{made.demo_secret.get()}</code>
                    ". Enter your application's webhook secret above to sign with it."
                </p>
            })}
            <div class="we-field">
                <div class="we-field__row">
                    <span class="we-field__label">"The request, byte for byte"</span>
                    <CopyButton text=Signal::derive(request) what="the request" testid="copy-request" />
                </div>
                <pre class="we-code we-code--request" data-testid="delivery-request" tabindex="0" role="region" aria-label="The HTTP request">{request}</pre>
                {move || forms.with(|forms| forms.as_ref().err().map(|error| view! {
                    <p class="we-note we-note--error">"No request to show: " {error.to_string()}</p>
                }))}
                <p class="we-field__hint" data-testid="payload-note">
                    {move || if delivery.with(|d| d.payload_is_documented()) {
                        "Lines end in CRLF, as HTTP requires. The payload has exactly the documented otp.verified shape."
                            .to_string()
                    } else {
                        format!(
                            "Lines end in CRLF, as HTTP requires. Cobinar documents only otp.verified's payload; this {} payload is illustrative. No payload ever carries the OTP code.",
                            delivery.with(|d| d.event.name())
                        )
                    }}
                </p>
            </div>
            <button
                type="button"
                class="we-button"
                data-testid="load-into-verifier"
                on:click=move |_| on_load_into_verifier()
            >
                "Check it in the verifier →"
            </button>
        </section>
    }
}
