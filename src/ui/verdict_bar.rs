use leptos::prelude::*;

use crate::verification::{Verdict, Verification};

/// On narrow screens, the verdict kept in sight at the bottom, linking to the full result.
#[component]
pub fn VerdictBar(
    #[prop(into)] verification: Signal<Verification>,
    #[prop(into)] visible: Signal<bool>,
) -> impl IntoView {
    let verdict = move || verification.with(|v| v.verdict);
    view! {
        <a
            class=move || format!("we-verdict-bar we-verdict-bar--{}", verdict().as_str())
            href="#result"
            hidden=move || !visible.get()
        >
            <span>
                {move || match verdict() {
                    Verdict::Valid => "✓ Valid signature",
                    Verdict::Invalid => "✕ Invalid signature",
                    Verdict::Incomplete => "Waiting for input",
                }}
            </span>
            <span class="we-verdict-bar__more">"See the result ↓"</span>
        </a>
    }
}
