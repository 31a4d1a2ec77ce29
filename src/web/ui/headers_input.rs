use leptos::prelude::*;

use super::handover;

use crate::protocol::text::plural;

use super::state::Inputs;
use crate::verify::received_headers::ReceivedHeaders;

/// The received headers, one `Name: value` a line.
#[component]
pub fn HeadersInput(inputs: Inputs, #[prop(into)] headers: Signal<ReceivedHeaders>) -> impl IntoView {
    view! {
        <div class="we-field">
            <div class="we-field__row">
                <label class="we-field__label" for="headers">"Received headers"</label>
                <span class="we-field__meta">
                    {move || plural(headers.with(|h| h.fields.len()), "header")}
                </span>
            </div>
            {handover::kept_from_restoring(view! {
                <textarea
                    id="headers"
                    class="we-input we-input--mono we-textarea we-textarea--short"
                    data-testid="headers"
                    rows="5"
                    spellcheck="false"
                    autocomplete="off"
                    placeholder="x-cobinar-signature: sha256=…\nx-cobinar-event: otp.verified\nx-cobinar-event-id: …\nx-cobinar-timestamp: …"
                    prop:value=move || {
                        inputs.fills.track();
                        inputs.headers_text.get_untracked()
                    }
                    on:input:target=move |ev| inputs.headers_text.set(ev.target().value())
                ></textarea>
            })}
            {move || {
                headers.with(ReceivedHeaders::not_headers_sentence).map(|sentence| view! {
                    <p class="we-note" data-testid="headers-skipped">{sentence}</p>
                })
            }}
            <p class="we-field__hint">
                "One " <code>"Name: value"</code> " a line, as a log or " <code>"curl -i"</code>
                " shows them; names are case-insensitive."
            </p>
        </div>
    }
}
