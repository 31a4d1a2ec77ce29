use leptos::prelude::*;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;

use crate::verify::verification::Verification;

/// Moves focus to the result (the verdict and the header checks), scrolling it into view:
/// after *Check it in the verifier*, from the skip link and from the verdict bar. Not a
/// `#result` link: the fragment belongs to share links.
pub fn focus_result() {
    let Some(result) = super::browser_window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("result"))
    else {
        return;
    };
    let _ = result.set_attribute("tabindex", "-1");
    let result: web_sys::HtmlElement = result.unchecked_into();
    let _ = result.focus();
    result.scroll_into_view();
}

/// Where the result is, as the bar sees it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ResultIs {
    InView,
    Above,
    Below,
}

/// On narrow screens, the verdict kept in sight at the bottom, pointing to the full result:
/// hidden while the result itself is in view, and its arrow pointing where the result is.
#[component]
pub fn VerdictBar(
    #[prop(into)] verification: Signal<Verification>,
    #[prop(into)] visible: Signal<bool>,
) -> impl IntoView {
    let verdict = move || verification.with(|v| v.verdict);
    let result_is = RwSignal::new(ResultIs::Below);
    Effect::new(move |_| {
        let Some(result) =
            super::browser_window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("result"))
        else {
            return;
        };
        let seen = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            for entry in entries.iter() {
                let entry: web_sys::IntersectionObserverEntry = entry.unchecked_into();
                result_is.set(if entry.is_intersecting() {
                    ResultIs::InView
                } else if entry.bounding_client_rect().bottom() <= 0.0 {
                    ResultIs::Above
                } else {
                    ResultIs::Below
                });
            }
        });
        if let Ok(observer) = web_sys::IntersectionObserver::new(seen.as_ref().unchecked_ref()) {
            observer.observe(&result);
        }
        // The observer lives as long as the page.
        seen.forget();
    });
    view! {
        <button
            type="button"
            class=move || format!("we-verdict-bar we-verdict-bar--{}", verdict().as_str())
            data-testid="verdict-bar"
            data-points=move || match result_is.get() {
                ResultIs::Above => "up",
                ResultIs::Below | ResultIs::InView => "down",
            }
            hidden=move || !visible.get() || result_is.get() == ResultIs::InView
            on:click=move |_| focus_result()
        >
            <span>
                {move || {
                    let verdict = verdict();
                    match verdict.mark() {
                        Some(mark) => format!("{mark} {}", verdict.headline()),
                        None => verdict.headline().to_string(),
                    }
                }}
            </span>
            <span class="we-verdict-bar__more">
                {move || if result_is.get() == ResultIs::Above { "See the result ↑" } else { "See the result ↓" }}
            </span>
        </button>
    }
}
