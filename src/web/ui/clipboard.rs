use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Copies text to the clipboard and says whether it worked. The button shows "Copy"; its
/// accessible name says what it copies ("Copy the FastAPI receiver"), so that a list of the
/// page's buttons never reads "Copy, Copy, Copy". What happened is said in a status beside it.
#[component]
pub fn CopyButton(
    #[prop(into)] text: Signal<String>,
    /// What the button copies, after "Copy": `the curl command`.
    #[prop(into)]
    what: String,
    #[prop(optional, into)] testid: Option<String>,
) -> impl IntoView {
    let said = RwSignal::new(None::<&'static str>);
    // A new value has not been copied yet.
    Effect::new(move |_| {
        text.track();
        said.set(None);
    });
    let copy = move |_| {
        let value = text.get_untracked();
        let Some(window) = super::browser_window() else {
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
            aria-label=format!("Copy {what}")
            disabled=move || text.with(String::is_empty)
            on:click=copy
        >
            {move || said.get().unwrap_or("Copy")}
        </button>
        // The name stays "Copy the …"; what happened is announced here.
        <span class="we-visually-hidden" role="status">{move || said.get()}</span>
    }
}
