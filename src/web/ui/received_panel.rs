use leptos::prelude::*;

use super::body_input::BodyInput;
use super::headers_input::HeadersInput;
use super::import_panel::ImportPanel;
use super::saved_work_note::SavedWorkNote;
use super::share::Page;
use crate::echo::example::example_delivery;
use crate::inspect::body_bytes::BodyBytes;
use crate::inspect::import::Imported;
use crate::verify::received_headers::ReceivedHeaders;

/// What the person's server received: the body and headers, and the ways to fill them.
#[component]
pub fn ReceivedPanel(
    page: Page,
    #[prop(into)] bytes_view: Signal<BodyBytes>,
    #[prop(into)] headers: Signal<ReceivedHeaders>,
) -> impl IntoView {
    let inputs = page.inputs;
    view! {
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
                    on:click=move |_| page.clear()
                >
                    "Clear"
                </button>
            </div>
        </div>
        <SavedWorkNote page=page />
        <ImportPanel on_import=move |imported: &Imported| inputs.apply_import(imported) />
        <BodyInput inputs=inputs bytes_view=bytes_view />
        <HeadersInput inputs=inputs headers=headers />
    </section>
    }
}
