use leptos::prelude::*;

use crate::verify::verification::{Verdict, Verification};

/// On narrow screens, the verdict kept in sight at the bottom, linking to the full result.
#[component]
pub fn VerdictBar(
    #[prop(into)] verification: Signal<Verification>,
    #[prop(into)] visible: Signal<bool>,
) -> impl IntoView {
    let verdict = move || verification.with(|v| v.verdict);
    view! {
        <button
            type="button"
            class=move || format!("we-verdict-bar we-verdict-bar--{}", verdict().as_str())
            hidden=move || !visible.get()
            on:click=move |_| {
                // Scrolls instead of following `#result`: the fragment belongs to share links.
                if let Some(result) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("result")) {
                    result.scroll_into_view();
                }
            }
        >
            <span>
                {move || match verdict() {
                    Verdict::Valid => "✓ Valid signature",
                    Verdict::Invalid => "✕ Invalid signature",
                    Verdict::Incomplete => "Waiting for input",
                    Verdict::Checking => "Checking…",
                }}
            </span>
            <span class="we-verdict-bar__more">"See the result ↓"</span>
        </button>
    }
}
