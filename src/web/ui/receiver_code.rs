use leptos::prelude::*;

use super::clipboard::CopyButton;
use crate::echo::snippets::{ReceiverSnippet, RECEIVER_SNIPPETS};

/// Receiver code, one tab per language; the code shown is the code the tests run.
#[component]
pub fn ReceiverCode(snippet: RwSignal<&'static ReceiverSnippet>) -> impl IntoView {
    view! {
        <section class="we-panel" aria-labelledby="receiver-title">
            <div class="we-panel__head">
                <h2 id="receiver-title" class="we-panel__title">"Receiver code"</h2>
            </div>
            <p class="we-field__hint">
                "Reads the raw body, verifies in constant time before parsing, answers 401 on a bad signature "
                "and deduplicates by event id. Each is run against deliveries from this page in our tests."
            </p>
            <div class="we-tabs we-tabs--small" role="tablist" aria-label="Language">
                {RECEIVER_SNIPPETS
                    .iter()
                    .map(|s| view! {
                        <button
                            type="button"
                            role="tab"
                            class="we-tab"
                            data-testid=format!("snippet-{}", s.id)
                            aria-selected=move || (snippet.get().id == s.id).to_string()
                            on:click=move |_| snippet.set(s)
                        >
                            {s.label}
                        </button>
                    })
                    .collect_view()}
            </div>
            <div class="we-snippet" role="tabpanel">
                <div class="we-field__row">
                    <code class="we-snippet__file">{move || snippet.get().file}</code>
                    <CopyButton text=Signal::derive(move || snippet.get().code.to_string()) label="Copy" testid="copy-snippet" />
                </div>
                <pre class="we-code we-code--snippet" data-testid="snippet-code" tabindex="0" role="region" aria-label="Receiver code">{move || snippet.get().code}</pre>
                <dl class="we-snippet__how">
                    <dt>"Install"</dt>
                    <dd><code>{move || snippet.get().setup}</code></dd>
                    <dt>"Run"</dt>
                    <dd><code>{move || snippet.get().run}</code></dd>
                </dl>
            </div>
        </section>
    }
}
