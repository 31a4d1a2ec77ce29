use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::inspect::import::{import, ImportError, Imported};

/// Paste anything a person has at hand; the fields change only when an import succeeds.
#[component]
pub fn ImportPanel(on_import: impl Fn(&Imported) + Copy + 'static) -> impl IntoView {
    let text = RwSignal::new(String::new());
    // The clipboard's text as pasted, CRs included: the text box itself turns CRLF into LF.
    let pasted = RwSignal::new(None::<String>);
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
            pasted.set(Some(raw));
        }
    };
    let on_input = move |ev: leptos::ev::Targeted<web_sys::Event, web_sys::HtmlTextAreaElement>| {
        let value = ev.target().value();
        let still_the_paste =
            pasted.with(|p| p.as_ref().is_some_and(|p| p.replace("\r\n", "\n").replace('\r', "\n") == value));
        if !still_the_paste {
            pasted.set(None);
        }
        text.set(value);
    };
    let apply = move |_| match pasted.get_untracked() {
        Some(raw) => run(raw.as_bytes()),
        None => run(text.get_untracked().as_bytes()),
    };
    let on_file = move |ev: leptos::ev::Targeted<web_sys::Event, web_sys::HtmlInputElement>| {
        let input = ev.target();
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        let name = file.name();
        if file.size() > crate::verify::body::MAX_FILE_BYTES as f64 {
            outcome.set(Some(Err(ImportError {
                message: format!(
                    "{name} is larger than {} MiB. Nothing was changed.",
                    crate::verify::body::MAX_FILE_BYTES >> 20
                ),
            })));
            input.set_value("");
            return;
        }
        leptos::task::spawn_local(async move {
            match JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => run(&js_sys::Uint8Array::new(&buffer).to_vec()),
                Err(_) => outcome
                    .set(Some(Err(ImportError { message: format!("{name} could not be read. Nothing was changed.") }))),
            }
            input.set_value("");
        });
    };
    view! {
        <details class="we-import">
            <summary class="we-import__summary">
                <span class="we-field__label">"Paste anything"</span>
                <span class="we-field__meta">"a raw request, curl -i or -v output, a headers dump, a HAR entry"</span>
            </summary>
            <textarea
                class="we-input we-input--mono we-textarea we-textarea--short"
                data-testid="import"
                aria-label="Paste a request, curl output, headers JSON or a HAR entry"
                rows="4"
                spellcheck="false"
                autocomplete="off"
                placeholder="POST /webhooks/auth HTTP/1.1\nx-cobinar-signature: sha256=…\n…\n\n{\"id\":…}"
                prop:value=move || text.get()
                on:paste=on_paste
                on:input:target=on_input
            ></textarea>
            <div class="we-field__row we-field__row--wrap">
                <button type="button" class="we-button" data-testid="import-apply" on:click=apply>"Import"</button>
                <label class="we-button we-button--quiet we-file">
                    <input type="file" class="we-visually-hidden" data-testid="import-file" on:change:target=on_file />
                    "Import a file…"
                </label>
            </div>
            {move || outcome.with(|o| match o {
                Some(Ok(said)) => Some(view! { <p class="we-note" data-testid="import-status" role="status">{said.clone()}</p> }.into_any()),
                Some(Err(e)) => Some(view! { <p class="we-note we-note--error" data-testid="import-error" role="alert">{e.message.clone()}</p> }.into_any()),
                None => None,
            })}
        </details>
    }
}
