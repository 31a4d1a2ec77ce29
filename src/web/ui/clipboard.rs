use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Copies text to the clipboard and says whether it worked. `accessible`, when given, is the
/// button's accessible name: what it copies ("Copy the FastAPI receiver").
#[component]
pub fn CopyButton(
    #[prop(into)] text: Signal<String>,
    label: &'static str,
    #[prop(optional, into)] testid: Option<String>,
    #[prop(optional, into)] accessible: Option<String>,
) -> impl IntoView {
    let said = RwSignal::new(None::<&'static str>);
    // A new value has not been copied yet.
    Effect::new(move |_| {
        text.track();
        said.set(None);
    });
    let copy = move |_| {
        let value = text.get_untracked();
        let Some(window) = web_sys::window() else {
            return;
        };
        let promise = window.navigator().clipboard().write_text(&value);
        leptos::task::spawn_local(async move {
            let outcome = JsFuture::from(promise).await;
            said.set(Some(if outcome.is_ok() { "Copied" } else { "Copy refused: select the text instead" }));
        });
    };
    view! {
        <button
            type="button"
            class="we-button we-button--quiet we-button--small"
            data-testid=testid
            aria-label=accessible
            disabled=move || text.with(String::is_empty)
            on:click=copy
        >
            {move || said.get().unwrap_or(label)}
        </button>
    }
}
