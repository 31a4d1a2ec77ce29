use leptos::prelude::*;

use super::body_input::{BodyInput, LoadedFile};
use super::headers_input::HeadersInput;
use super::secret_input::SecretInput;
use super::verdict_bar::VerdictBar;
use super::verdict_panel::VerdictPanel;
use crate::body::{self, LineEnding};
use crate::example::{example_delivery, PastedDelivery};
use crate::received_headers;
use crate::verification::{verify, ReceivedDelivery};

/// What the person entered, and what the fields show when the program fills them.
#[derive(Clone, Copy)]
pub struct Inputs {
    pub secret: RwSignal<String>,
    pub body_text: RwSignal<String>,
    pub line_ending: RwSignal<LineEnding>,
    /// A body loaded from a file: checked byte for byte, whatever the text field shows.
    pub body_file: RwSignal<Option<LoadedFile>>,
    pub headers_text: RwSignal<String>,
    /// Bumped when the program (not the person) fills the fields, so that the text areas are
    /// rewritten then and only then: a keystroke never round-trips a large body through the DOM.
    pub fills: RwSignal<u32>,
}

impl Inputs {
    fn new() -> Self {
        Self {
            secret: RwSignal::new(String::new()),
            body_text: RwSignal::new(String::new()),
            line_ending: RwSignal::new(LineEnding::Lf),
            body_file: RwSignal::new(None),
            headers_text: RwSignal::new(String::new()),
            fills: RwSignal::new(0),
        }
    }

    fn fill(&self, delivery: PastedDelivery) {
        self.secret.set(delivery.secret);
        self.body_text.set(delivery.body);
        self.body_file.set(None);
        self.line_ending.set(LineEnding::Lf);
        self.headers_text.set(delivery.headers);
        self.fills.update(|n| *n += 1);
    }
}

#[component]
pub fn App() -> impl IntoView {
    let inputs = Inputs::new();
    let body_bytes = Memo::new(move |_| match inputs.body_file.get() {
        Some(file) => file.bytes,
        None => inputs.line_ending.with(|&ending| inputs.body_text.with(|text| body::bytes_of_text(text, ending))),
    });
    let headers = Memo::new(move |_| inputs.headers_text.with(|text| received_headers::parse(text)));
    let verification = Memo::new(move |_| {
        inputs.secret.with(|secret| {
            body_bytes.with(|body| headers.with(|headers| verify(ReceivedDelivery { secret, body, headers })))
        })
    });

    view! {
        <header class="we-header">
            <div class="we-header__inner">
                <div class="we-brand">
                    <span class="we-brand__mark" aria-hidden="true">"{ }"</span>
                    <span class="we-brand__name">"webhook-echo"</span>
                </div>
                <p class="we-header__tagline">
                    "Check a Cobinar webhook delivery byte for byte. Everything runs in this page: "
                    "your secret never leaves it."
                </p>
            </div>
        </header>
        <main class="we-main">
            <section class="we-panel we-panel--inputs" aria-labelledby="received-title">
                <div class="we-panel__head">
                    <h2 id="received-title" class="we-panel__title">"What your server received"</h2>
                    <div class="we-panel__actions">
                        <button
                            type="button"
                            class="we-button we-button--quiet"
                            data-testid="load-example"
                            on:click=move |_| inputs.fill(example_delivery())
                        >
                            "Load an example"
                        </button>
                        <button
                            type="button"
                            class="we-button we-button--quiet"
                            data-testid="clear"
                            on:click=move |_| {
                                inputs.fill(PastedDelivery { secret: String::new(), body: String::new(), headers: String::new() })
                            }
                        >
                            "Clear"
                        </button>
                    </div>
                </div>
                <SecretInput secret=inputs.secret />
                <BodyInput inputs=inputs body_len=Signal::derive(move || body_bytes.with(Vec::len)) />
                <HeadersInput inputs=inputs headers=headers />
            </section>
            <VerdictPanel verification=verification />
        </main>
        <VerdictBar verification=verification />
        <footer class="we-footer">
            <p>
                "Signatures are HMAC-SHA256 of the raw body, keyed with your application's webhook secret, "
                "computed in WebAssembly and compared in constant time. "
                <code>"window.webhookEcho"</code>
                " offers the same checks to scripts."
            </p>
        </footer>
    }
}
