use leptos::prelude::*;

use super::app::Inputs;
use crate::received_headers::{ReceivedHeaders, SkipReason};

/// The received headers, one `Name: value` a line.
#[component]
pub fn HeadersInput(inputs: Inputs, #[prop(into)] headers: Signal<ReceivedHeaders>) -> impl IntoView {
    let not_headers = move || {
        headers.with(|h| {
            h.skipped
                .iter()
                .filter(|line| line.reason == SkipReason::NotAHeader)
                .map(|line| line.line.to_string())
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="we-field">
            <div class="we-field__row">
                <label class="we-field__label" for="headers">"Received headers"</label>
                <span class="we-field__meta">
                    {move || match headers.with(|h| h.fields.len()) {
                        1 => "1 header".to_string(),
                        n => format!("{n} headers"),
                    }}
                </span>
            </div>
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
            {move || {
                let lines = not_headers();
                (!lines.is_empty()).then(|| {
                    let (which, verb) = if lines.len() == 1 { ("Line", "is") } else { ("Lines", "are") };
                    view! {
                        <p class="we-note" data-testid="headers-skipped">
                            {which} " " {lines.join(", ")} " " {verb} " not " <code>"Name: value"</code> " and passed over."
                        </p>
                    }
                })
            }}
            <p class="we-field__hint">
                "One " <code>"Name: value"</code> " a line, as a log or " <code>"curl -i"</code>
                " shows them; names are case-insensitive."
            </p>
        </div>
    }
}
