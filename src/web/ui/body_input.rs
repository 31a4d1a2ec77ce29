use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

use super::handover;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::body_bytes_view::BodyBytesView;
use super::file_picker::FilePicker;
use super::state::Inputs;
use crate::diagnose::offload;
use crate::inspect::body_bytes::BodyBytes;
use crate::page::inputs::{Fill, LoadedFile};
use crate::protocol::text::{plural, unreadable_file};
use crate::verify::body::{self, LineEnding};

#[wasm_bindgen]
extern "C" {
    /// The browser's `TextEncoder`, given the text as the browser holds it: web-sys's binding
    /// takes a `&str`, which copies the text into the wasm a character at a time first, taking
    /// about as long as checking 10 MB does.
    type TextEncoder;
    #[wasm_bindgen(constructor, catch)]
    fn new() -> Result<TextEncoder, JsValue>;
    #[wasm_bindgen(method, catch, js_name = encodeInto)]
    fn encode_into(this: &TextEncoder, text: &js_sys::JsString, into: &js_sys::Uint8Array) -> Result<Encoded, JsValue>;
    /// What `encodeInto` did: UTF-16 units read, bytes written.
    type Encoded;
    #[wasm_bindgen(method, getter)]
    fn read(this: &Encoded) -> f64;
    #[wasm_bindgen(method, getter)]
    fn written(this: &Encoded) -> f64;
}

/// A new `Uint8Array` of `length` bytes, or `None` where the browser cannot make one that large
/// (js-sys's constructor would throw through the wasm).
fn room(length: u32) -> Option<js_sys::Uint8Array> {
    let constructor = js_sys::Reflect::get(&js_sys::global(), &"Uint8Array".into()).ok()?;
    let constructor: &js_sys::Function = constructor.dyn_ref()?;
    let made = js_sys::Reflect::construct(constructor, &js_sys::Array::of1(&length.into())).ok()?;
    made.dyn_into().ok()
}

/// `text` as UTF-8 (a lone surrogate as U+FFFD, as the bindings' conversion has it too).
fn utf8_of(text: &js_sys::JsString) -> Vec<u8> {
    let units = text.length();
    // Room for ASCII, the usual case, first; then for the longest UTF-8 there can be.
    for length in [units, units.saturating_mul(3)] {
        let Some(into) = room(length) else { break };
        match TextEncoder::new().and_then(|encoder| encoder.encode_into(text, &into)) {
            Ok(encoded) if encoded.read() == f64::from(units) => {
                return into.subarray(0, encoded.written() as u32).to_vec()
            }
            Ok(_) => {}
            Err(_) => break,
        }
    }
    String::from(text).into_bytes()
}

/// What the body's box has been through: input events, and the last one's `inputType`.
#[derive(Default)]
struct Seen {
    inputs: u64,
    last_type: Option<String>,
}

/// Text typed in the box is the body; text put in at once past a paste held as bytes (a drop, an
/// autofill, a script: `offload::input_held_as_bytes`) is held as bytes instead. The box is
/// emptied in the input event itself, before the browser lays the text out (a second for 10 MB),
/// and the text read out of it in later tasks, unless another input or a fill came first.
fn on_input(inputs: Inputs, event: &web_sys::Event, field: &web_sys::HtmlTextAreaElement, seen: StoredValue<Seen>) {
    let input_type = event.dyn_ref::<web_sys::InputEvent>().map(web_sys::InputEvent::input_type);
    let previous_type = seen
        .try_update_value(|seen| {
            seen.inputs += 1;
            std::mem::replace(&mut seen.last_type, input_type.clone())
        })
        .flatten();
    let held = |after: usize| {
        let before = inputs.body_text.with_untracked(String::len);
        offload::input_held_as_bytes(before, after, input_type.as_deref(), previous_type.as_deref())
    };
    // UTF-16 units, read without copying the text: never more than its UTF-8 bytes.
    let value =
        js_sys::Reflect::get(field, &"value".into()).ok().and_then(|value| value.dyn_into::<js_sys::JsString>().ok());
    if let Some(value) = value.as_ref().filter(|value| held(value.length() as usize)).cloned() {
        field.set_value("");
        // The bytes are made with the line ending chosen now, and the choice shows it after.
        let ending = inputs.line_ending.get_untracked();
        let (count, fills) = (seen.with_value(|seen| seen.inputs), inputs.fills.get_untracked());
        let still = move || seen.with_value(|seen| seen.inputs) == count && inputs.fills.get_untracked() == fills;
        // Read out, then checked, each a task of its own: together they would hold the page
        // about as long as the layout this spares.
        set_timeout(
            move || {
                if still() {
                    let fill = Fill::typed_as_bytes(utf8_of(&value), ending);
                    set_timeout(
                        move || {
                            if still() {
                                inputs.apply(fill)
                            }
                        },
                        Duration::ZERO,
                    );
                }
            },
            Duration::ZERO,
        );
        return;
    }
    // The value already read, not read again: a keystroke in a large body pays for one copy.
    let text = value.map_or_else(|| field.value(), String::from);
    if held(text.len()) {
        inputs.apply(Fill::typed_as_bytes(text.into_bytes(), inputs.line_ending.get_untracked()));
        return;
    }
    inputs.body_file.set(None);
    inputs.body_text.set(text);
}

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
    let seen = StoredValue::new(Seen::default());
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
                    on:input:target=move |ev| on_input(inputs, &ev, &ev.target(), seen)
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
