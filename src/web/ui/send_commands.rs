use leptos::prelude::*;

use super::clipboard::CopyButton;
use crate::echo::commands::{SendForms, INSTALLS};
use crate::echo::endpoint::EndpointError;

/// The endpoint, and commands that send the delivery's exact bytes to it.
#[component]
pub fn SendCommands(
    endpoint: RwSignal<String>,
    #[prop(into)] forms: Signal<Result<SendForms, EndpointError>>,
) -> impl IntoView {
    let block = move |id: &'static str,
                      title: &'static str,
                      what: &'static str,
                      hint: &'static str,
                      pick: fn(&SendForms) -> String| {
        let text = Signal::derive(move || forms.with(|f| f.as_ref().map(pick).unwrap_or_default()));
        view! {
            <div class="we-command">
                <div class="we-field__row">
                    <span class="we-field__label">{title}</span>
                    <CopyButton text=text what=what testid=format!("copy-{id}") />
                </div>
                <pre class="we-code" data-testid=format!("command-{id}") tabindex="0" role="region" aria-label=title>{text}</pre>
                <p class="we-field__hint">{hint}</p>
            </div>
        }
    };
    view! {
        <section class="we-panel" aria-labelledby="send-title">
            <div class="we-panel__head">
                <h2 id="send-title" class="we-panel__title">"Send it to your server"</h2>
            </div>
            <div class="we-field">
                <label class="we-field__label" for="endpoint">"Your endpoint"</label>
                <input
                    id="endpoint"
                    class="we-input we-input--mono"
                    data-testid="endpoint"
                    type="url"
                    spellcheck="false"
                    autocomplete="off"
                    prop:value=move || endpoint.get()
                    on:input:target=move |ev| endpoint.set(ev.target().value())
                />
                {move || forms.with(|f| f.as_ref().err().map(|error| view! {
                    <p class="we-note we-note--error" data-testid="endpoint-error" role="alert">{error.to_string()}</p>
                }))}
            </div>
            {block("curl", "curl", "the curl command", "Sends the body with --data-raw: byte for byte, newlines and quotes included.", |f| f.curl.clone())}
            {block("httpie", "HTTPie", "the HTTPie command", "The body goes in on standard input, so HTTPie sends it as is.", |f| f.httpie.clone())}
            {block("fetch", "fetch()", "the fetch() call", "For Node 18+, or a browser console on a page your server accepts requests from.", |f| f.fetch.clone())}
            {block("check", "webhook-echo check", "the webhook-echo check command", "The companion command checks your receiver against Cobinar's whole contract from a terminal or CI: every event, a retry, forgeries, a reserved event, a replay, a slow answer. It reads the secret from COBINAR_WEBHOOK_SECRET, never from its arguments. npx runs it with nothing installed first; no Rust is needed.", |f| f.check.clone())}
            <div class="we-field">
                <span class="we-field__label" id="install-title">"Install it for good"</span>
                <ul class="we-installs" data-testid="install-commands" aria-labelledby="install-title">
                    {INSTALLS.iter().map(|&(manager, line)| view! {
                        <li><code data-testid=format!("install-{manager}")>{line}</code></li>
                    }).collect_view()}
                </ul>
            </div>
        </section>
    }
}
