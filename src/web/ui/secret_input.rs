use leptos::prelude::*;

use super::masked_input::MaskedInput;
use crate::protocol::text::plural;

use crate::inspect::secret_facts::{self, paste_note, SecretFacts};

/// The webhook secret: masked unless the person asks to see it, never stored or sent. Framed by
/// another page, it takes nothing: that page could otherwise act on it for the person.
#[component]
pub fn SecretInput(
    secret: RwSignal<String>,
    #[prop(into)] facts: Signal<Option<SecretFacts>>,
    framed: bool,
) -> impl IntoView {
    let shown = RwSignal::new(false);
    // What the last paste ended with, when it ended with whitespace: the field drops a pasted
    // line break without a word, and the secret it came from may still hold it.
    let note = RwSignal::new(None::<String>);
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        let pasted = ev.clipboard_data().and_then(|data| data.get_data("text/plain").ok());
        note.set(pasted.as_deref().and_then(paste_note));
    };
    // Whitespace at the ends or quotes around it: one click puts the value it stands for.
    let trimmed = Memo::new(move |_| secret.with(|secret| secret_facts::trimmed(secret)));
    let field = NodeRef::<leptos::html::Input>::new();
    let use_trimmed = move |_| {
        let Some(value) = trimmed.get_untracked() else { return };
        secret.set(value);
        // What the paste ended with is gone now.
        note.set(None);
        // The button goes with the warning: the focus stays with the field it changed.
        if let Some(input) = field.get_untracked() {
            let _ = input.focus();
        }
    };
    // An emptied field has nothing left of the paste to speak of.
    Effect::new(move |_| {
        if secret.with(String::is_empty) {
            note.set(None);
        }
    });
    view! {
        <div class="we-field">
            <label class="we-field__label" for="secret">"Webhook secret"</label>
            <div class="we-secret">
                <MaskedInput
                    field=field
                    masked=Signal::derive(move || !shown.get())
                    value=secret
                    on_input=move |text| secret.set(text)
                    testid="secret"
                    class="we-input we-input--mono we-secret__input"
                    {..}
                    id="secret"
                    disabled=framed
                    placeholder="the application's webhook secret"
                    on:paste=on_paste
                />
                <button
                    type="button"
                    class="we-button we-button--quiet we-secret__toggle"
                    data-testid="secret-toggle"
                    aria-controls="secret"
                    aria-pressed=move || shown.get().to_string()
                    disabled=framed
                    on:click=move |_| shown.update(|s| *s = !*s)
                >
                    {move || if shown.get() { "Hide" } else { "Show" }}
                </button>
            </div>
            {move || facts.get().map(|facts| {
                let warnings = facts.warnings();
                let length = if facts.chars == facts.bytes {
                    plural(facts.chars, "character")
                } else {
                    format!("{}, {}", plural(facts.chars, "character"), plural(facts.bytes, "byte"))
                };
                view! {
                    <p class="we-secret__facts" data-testid="secret-facts">
                        <span>{length}</span>
                        " · fingerprint "
                        <code data-testid="secret-fingerprint" title="The same secret gives the same fingerprint for anyone; it reveals nothing of the secret.">{facts.fingerprint}</code>
                        {(!warnings.is_empty()).then(|| view! {
                            <span class="we-secret__warning" data-testid="secret-whitespace">" · " {warnings.join(" ")}</span>
                        })}
                    </p>
                }
            })}
            {move || (!framed && trimmed.with(Option::is_some)).then(|| view! {
                <button
                    type="button"
                    class="we-button we-button--quiet we-button--small we-secret__trim"
                    data-testid="secret-use-trimmed"
                    aria-controls="secret"
                    on:click=use_trimmed
                >
                    "Use the trimmed value"
                </button>
            })}
            {move || note.get().map(|note| view! {
                <p class="we-secret__warning we-secret__paste-note" data-testid="secret-paste-note" role="note">{note}</p>
            })}
            <p class="we-field__hint" data-testid="secret-hint">
                "Verifies what your server received and signs the echo's deliveries. It stays in this page: "
                "never stored or sent. A share link leaves it out, unless you choose to seal it in with a passphrase."
            </p>
        </div>
    }
}
