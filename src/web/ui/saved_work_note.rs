use leptos::prelude::*;

use super::share::Page;
use crate::share::saved_work::keeping_sentence;

/// Says that work in progress is kept in this browser, and lets the person stop it (remembered).
#[component]
pub fn SavedWorkNote(page: Page) -> impl IntoView {
    let saving = page.sharing.saving;
    view! {
        <p class="we-saved-work" data-testid="saved-work" data-saving=move || saving.get().to_string()>
            <span>{move || keeping_sentence(saving.get())}</span>
            <button
                type="button"
                class="we-button we-button--quiet we-button--small"
                data-testid="saved-work-toggle"
                aria-pressed=move || (!saving.get()).to_string()
                on:click=move |_| page.set_saving(!saving.get_untracked())
            >
                {move || if saving.get() { "Stop keeping them" } else { "Keep them" }}
            </button>
        </p>
    }
}
