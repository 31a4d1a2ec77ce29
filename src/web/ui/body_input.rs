use std::sync::Arc;

use leptos::prelude::*;

use super::handover;
use wasm_bindgen_futures::JsFuture;

use super::body_bytes_view::BodyBytesView;
use super::file_picker::FilePicker;
use super::state::Inputs;
use crate::diagnose::offload;
use crate::inspect::body_bytes::BodyBytes;
use crate::page::inputs::{Fill, LoadedFile};
use crate::protocol::text::{plural, unreadable_file};
use crate::verify::body::{self, LineEnding};

/// The raw body: typed or pasted text with a line-ending choice, or a file's exact bytes.
#[component]
pub fn BodyInput(inputs: Inputs, #[prop(into)] bytes_view: Signal<BodyBytes>) -> impl IntoView {
    let body_len = move || bytes_view.with(|v| v.total);
    // Nothing to show of an empty body: the view comes with the first byte.
    let has_body = Memo::new(move |_| body_len() > 0);
    let file_error = RwSignal::new(None::<String>);
    let on_file = move |input: web_sys::HtmlInputElement| {
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        let name = file.name();
        if let Some(refused) = body::file_refused(&name, file.size()) {
            file_error.set(Some(refused));
            input.set_value("");
            return;
        }
        leptos::task::spawn_local(async move {
            match JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => {
                    let bytes: Arc<[u8]> = js_sys::Uint8Array::new(&buffer).to_vec().into();
                    // A whole body from the person's own disk: no longer an edit of a shared one.
                    let shown = body::text_box_view(&bytes);
                    let provenance = inputs.provenance.get_untracked();
                    inputs.apply(Fill::own_file(LoadedFile { name, bytes }, shown, provenance));
                    file_error.set(None);
                }
                Err(_) => file_error.set(Some(unreadable_file(&name))),
            }
            // Lets the same file be chosen again after it was edited on disk.
            input.set_value("");
        });
    };
    let ending_choice = move |ending: LineEnding, label: &'static str, hint: &'static str| {
        view! {
            <label class="we-choice">
                <input
                    type="radio"
                    name="line-ending"
                    data-testid=format!("line-ending-{}", ending.as_str())
                    prop:checked=move || inputs.line_ending.get() == ending
                    disabled=move || inputs.body_file.with(Option::is_some)
                    on:change=move |_| inputs.line_ending.set(ending)
                />
                <span>{label}</span>
                <span class="we-choice__hint">{hint}</span>
            </label>
        }
    };
    view! {
        <div class="we-field">
            <div class="we-field__row">
                <label class="we-field__label" for="body">"Raw body"</label>
                <span class="we-field__meta" data-testid="body-length">
                    {move || plural(body_len(), "byte")}
                </span>
            </div>
            {handover::kept_from_restoring(view! {
                <textarea
                    id="body"
                    class="we-input we-input--mono we-textarea"
                    data-testid="body"
                    rows="8"
                    spellcheck="false"
                    autocomplete="off"
                    placeholder=r#"{"id":"…","event":"otp.verified","createdAt":"…","payload":{…}}"#
                    prop:value=move || {
                        inputs.fills.track();
                        inputs.body_text.get_untracked()
                    }
                    on:input:target=move |ev| {
                        inputs.body_file.set(None);
                        inputs.body_text.set(ev.target().value());
                    }
                    on:paste=move |ev: web_sys::ClipboardEvent| {
                        let Some(text) = ev.clipboard_data().and_then(|data| data.get_data("text/plain").ok()) else { return };
                        if !offload::paste_held_as_bytes(text.len()) {
                            return;
                        }
                        // Held as its exact bytes (CRLFs included), the box left empty.
                        ev.prevent_default();
                        let file = LoadedFile { name: "the paste".into(), bytes: text.into_bytes().into() };
                        inputs.apply(Fill::own_file(file, String::new(), inputs.provenance.get_untracked()));
                    }
                ></textarea>
            })}
            {move || {
                inputs.body_file.with(|file| file.as_ref().map(|file| {
                    view! {
                        <p class="we-note" data-testid="body-file-note">
                            "Checking the " {plural(file.bytes.len(), "byte")} " of "
                            <strong>{file.name.clone()}</strong> " exactly as loaded. "
                            {body::held_bytes_notes(&file.bytes)}
                            "Typing in the box checks the typed text instead."
                        </p>
                    }
                }))
            }}
            {move || file_error.get().map(|message| view! { <p class="we-note we-note--error" role="alert">{message}</p> })}
            <div class="we-field__row we-field__row--wrap">
                <fieldset class="we-choices">
                    <legend class="we-choices__legend">"Line breaks"</legend>
                    {ending_choice(LineEnding::Lf, "LF", "as typed")}
                    {ending_choice(LineEnding::Crlf, "CRLF", "\\r\\n, as some senders and proxies write")}
                </fieldset>
                <FilePicker label="Load body from a file…" testid="body-file" quiet=true on_change=on_file />
            </div>
            {move || has_body.get().then(|| view! { <BodyBytesView view=bytes_view /> })}
            <p class="we-field__hint">
                "A text box turns CRLF into LF. Choose CRLF, or load the body from a file, to check the bytes exactly as sent."
            </p>
        </div>
    }
}
