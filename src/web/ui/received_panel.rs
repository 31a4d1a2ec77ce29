use leptos::prelude::*;

use super::body_input::BodyInput;
use super::headers_input::HeadersInput;
use super::import_panel::ImportPanel;
use super::saved_work_note::SavedWorkNote;
use super::server_signature::{self, ServerSignatureInput};
use super::share::Page;
use crate::echo::example::example_delivery;
use crate::inspect::body_bytes::BodyBytes;
use crate::inspect::import::Imported;
use crate::page::undo::ExampleUndo;
use crate::verify::received_headers::ReceivedHeaders;

/// What the person's server received: the body and headers, and the ways to fill them.
#[component]
pub fn ReceivedPanel(
    page: Page,
    #[prop(into)] bytes_view: Signal<BodyBytes>,
    #[prop(into)] headers: Signal<ReceivedHeaders>,
) -> impl IntoView {
    let inputs = page.inputs;
    let server = server_signature::state();
    // *Load an example* never takes what the person entered without a way back
    // (`page::undo`), the value their server computed included.
    let example_undo = RwSignal::new(ExampleUndo::default());
    let can_undo = Memo::new(move |_| example_undo.with(ExampleUndo::can_undo));
    let load_example = move |_| {
        let (entered, server_value) = (inputs.entered(), server.value_untracked());
        example_undo.update(|undo| undo.load_example(entered, server_value));
        inputs.fill(example_delivery());
    };
    let undo = move |_| {
        if let Some((entered, server_value)) = example_undo.try_update(ExampleUndo::undo).flatten() {
            server.give_back_with_next_delivery(server_value);
            inputs.restore(entered);
        }
    };
    view! {
    <section class="we-panel we-panel--inputs" aria-labelledby="received-title">
        <div class="we-panel__head">
            <h2 id="received-title" class="we-panel__title">"What your server received"</h2>
            <div class="we-panel__actions">
                <button
                    type="button"
                    class="we-button we-button--quiet"
                    data-testid="load-example"
                    on:click=load_example
                >
                    "Load an example"
                </button>
                <button
                    type="button"
                    class="we-button we-button--quiet"
                    data-testid="clear"
                    on:click=move |_| {
                        example_undo.update(ExampleUndo::clear);
                        page.clear();
                        server.clear();
                    }
                >
                    "Clear"
                </button>
            </div>
        </div>
        {move || can_undo.get().then(|| view! {
            <p class="we-note we-undo" data-testid="load-example-note" role="status">
                "The example replaced what you had entered. "
                <button type="button" class="we-button we-button--quiet we-button--small" data-testid="load-example-undo" on:click=undo>
                    "Undo"
                </button>
            </p>
        })}
        <SavedWorkNote page=page />
        <ImportPanel on_import=move |imported: &Imported| inputs.apply_import(imported) />
        <BodyInput inputs=inputs bytes_view=bytes_view />
        <HeadersInput inputs=inputs headers=headers />
        <ServerSignatureInput />
    </section>
    }
}
