use leptos::html::Input;
use leptos::prelude::*;

/// A field for a secret or a passphrase. A text field, masked by CSS (`we-masked`) while
/// `masked`, rather than a password field: password managers offer to save and fill password
/// fields, and these belong in none of them; every manager's own opt-out, and the browser's
/// spelling and capitals, are told to keep out, here once for all three fields. Anything else
/// (`id`, `disabled`, `aria-*`, `on:paste`…) comes after `{..}` where it is used.
#[component]
pub fn MaskedInput(
    /// Its `data-testid`.
    testid: &'static str,
    /// Its classes, besides `we-masked`.
    class: &'static str,
    #[prop(into)] masked: Signal<bool>,
    #[prop(into)] value: Signal<String>,
    /// Called with the field's text on each input.
    on_input: impl Fn(String) + 'static,
    #[prop(optional)] field: NodeRef<Input>,
) -> impl IntoView {
    view! {
        <input
            class=class
            class:we-masked=move || masked.get()
            data-testid=testid
            node_ref=field
            type="text"
            autocomplete="off"
            autocapitalize="off"
            spellcheck="false"
            data-1p-ignore="true"
            data-lpignore="true"
            data-bwignore="true"
            data-form-type="other"
            prop:value=move || value.get()
            on:input:target=move |ev| on_input(ev.target().value())
        />
    }
}
