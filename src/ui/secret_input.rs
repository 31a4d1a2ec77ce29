use leptos::prelude::*;

/// The webhook secret: masked unless the person asks to see it, never stored or sent.
#[component]
pub fn SecretInput(secret: RwSignal<String>) -> impl IntoView {
    let shown = RwSignal::new(false);
    view! {
        <div class="we-field">
            <label class="we-field__label" for="secret">"Webhook secret"</label>
            <div class="we-secret">
                <input
                    id="secret"
                    class="we-input we-input--mono we-secret__input"
                    data-testid="secret"
                    type=move || if shown.get() { "text" } else { "password" }
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    placeholder="the application's webhook secret"
                    prop:value=move || secret.get()
                    on:input:target=move |ev| secret.set(ev.target().value())
                />
                <button
                    type="button"
                    class="we-button we-button--quiet we-secret__toggle"
                    data-testid="secret-toggle"
                    aria-controls="secret"
                    aria-pressed=move || shown.get().to_string()
                    on:click=move |_| shown.update(|s| *s = !*s)
                >
                    {move || if shown.get() { "Hide" } else { "Show" }}
                </button>
            </div>
            <p class="we-field__hint">
                "Verifies what your server received and signs the echo's deliveries. "
                "It stays in this page: not stored, not sent, not put in links."
            </p>
        </div>
    }
}
