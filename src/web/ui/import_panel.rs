use leptos::prelude::*;

use super::handover;
use wasm_bindgen_futures::JsFuture;

use super::file_picker::FilePicker;
use crate::inspect::import::{import, ImportError, Imported};
use crate::page::import_box::ImportBox;
use crate::protocol::text::unreadable_file;

/// Paste anything a person has at hand; the fields change only when an import succeeds.
#[component]
pub fn ImportPanel(on_import: impl Fn(&Imported) + Copy + 'static) -> impl IntoView {
    // What the box shows, and the clipboard's text as pasted while it still shows that
    // (`page::import_box`): the text box itself turns CRLF into LF.
    let import_box = RwSignal::new(ImportBox::default());
    // Only a change of the text rewrites the box: a paste alone must not, before it lands.
    let shown = Memo::new(move |_| import_box.with(|b| b.text().to_string()));
    let outcome = RwSignal::new(None::<Result<String, ImportError>>);
    let run = move |input: &[u8]| {
        let result = import(input);
        if let Ok(imported) = &result {
            on_import(imported);
        }
        outcome.set(Some(result.map(|imported| {
            let mut said = imported.summary();
            for note in &imported.notes {
                said.push(' ');
                said.push_str(note);
            }
            said
        })));
    };
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        let raw = ev.clipboard_data().and_then(|data| data.get_data("text/plain").ok());
        if let Some(raw) = raw {
            run(raw.as_bytes());
            import_box.update(|b| b.paste(raw));
        }
    };
    let on_input = move |ev: leptos::ev::Targeted<web_sys::Event, web_sys::HtmlTextAreaElement>| {
        import_box.update(|b| b.input(ev.target().value()));
    };
    let apply = move |_| {
        let source = import_box.with_untracked(|b| b.to_import().to_string());
        run(source.as_bytes());
    };
    // A chosen or dropped file: its size checked before a byte is read, then its bytes imported.
    let read_file = move |file: web_sys::File, done: Box<dyn FnOnce()>| {
        let name = file.name();
        if let Some(message) = crate::verify::body::file_refused(&name, file.size()) {
            outcome.set(Some(Err(ImportError { message })));
            done();
            return;
        }
        leptos::task::spawn_local(async move {
            match JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => run(&js_sys::Uint8Array::new(&buffer).to_vec()),
                Err(_) => outcome.set(Some(Err(ImportError { message: unreadable_file(&name) }))),
            }
            done();
        });
    };
    let on_file = move |input: web_sys::HtmlInputElement| {
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        read_file(file, Box::new(move || input.set_value("")));
    };
    let dragging = RwSignal::new(false);
    let carries_files = |ev: &leptos::ev::DragEvent| {
        ev.data_transfer().is_some_and(|data| data.types().iter().any(|t| t.as_string().as_deref() == Some("Files")))
    };
    let on_dragover = move |ev: leptos::ev::DragEvent| {
        if carries_files(&ev) {
            // Without this the browser opens the file in place of the page.
            ev.prevent_default();
            dragging.set(true);
        }
    };
    let on_dragleave = move |_: leptos::ev::DragEvent| dragging.set(false);
    let on_drop = move |ev: leptos::ev::DragEvent| {
        dragging.set(false);
        let Some(file) = ev.data_transfer().and_then(|data| data.files()).and_then(|files| files.get(0)) else {
            return;
        };
        ev.prevent_default();
        read_file(file, Box::new(|| {}));
    };
    view! {
        <section
            class="we-import"
            class:we-import--dragging=move || dragging.get()
            data-testid="import-zone"
            aria-labelledby="we-import-label"
            on:dragover=on_dragover
            on:dragenter=on_dragover
            on:dragleave=on_dragleave
            on:drop=on_drop
        >
            <div class="we-import__head">
                <span class="we-field__label" id="we-import-label">"Paste anything"</span>
                <span class="we-field__meta">"a curl or HTTPie command, a terminal with curl -v output, a raw request, a headers dump, a HAR entry; or drop a file here"</span>
            </div>
            {handover::kept_from_restoring(view! {
                <textarea
                    class="we-input we-input--mono we-textarea we-textarea--short"
                    data-testid="import"
                    aria-label="Paste a command, a terminal, a request, curl output, headers JSON or a HAR entry"
                    rows="4"
                    spellcheck="false"
                    autocomplete="off"
                    placeholder="$ curl -v --request POST … --data-raw '{\"id\":…}'\n> x-cobinar-signature: sha256=…\n…"
                    prop:value=move || shown.get()
                    on:paste=on_paste
                    on:input:target=on_input
                ></textarea>
            })}
            <div class="we-field__row we-field__row--wrap">
                <button type="button" class="we-button" data-testid="import-apply" on:click=apply>"Import"</button>
                <FilePicker label="Import a file…" testid="import-file" quiet=true on_change=on_file />
            </div>
            {move || outcome.with(|o| match o {
                Some(Ok(said)) => Some(view! { <p class="we-note" data-testid="import-status" role="status">{said.clone()}</p> }.into_any()),
                Some(Err(e)) => Some(view! { <p class="we-note we-note--error" data-testid="import-error" role="alert">{e.message.clone()}</p> }.into_any()),
                None => None,
            })}
        </section>
    }
}
