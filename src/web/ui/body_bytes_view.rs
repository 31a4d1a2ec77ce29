use leptos::prelude::*;

use crate::inspect::body_bytes::{BodyBytes, ByteRun};

/// The body's bytes with what cannot be seen marked, and its last bytes exactly. The text is
/// read, not operated: it grows with the body rather than scrolling, so that it is never a tab
/// stop of its own (a browser makes a scrolling box one).
#[component]
pub fn BodyBytesView(#[prop(into)] view: Signal<BodyBytes>) -> impl IntoView {
    let facts = move || view.with(BodyBytes::summary);
    view! {
        <details class="we-bytes" data-testid="body-bytes" open>
            <summary class="we-bytes__summary">
                <span class="we-field__label">"Bytes"</span>
                <span class="we-field__meta" data-testid="body-bytes-summary">{move || facts().join(" · ")}</span>
            </summary>
            <pre class="we-bytes__text" data-testid="body-bytes-text">
                {move || view.with(|v| v.runs.iter().map(|run| match run {
                    ByteRun::Text(text) => view! { <span>{text.clone()}</span> }.into_any(),
                    ByteRun::Mark { kind, label, detail, breaks_line } => view! {
                        <span class=format!("we-byte we-byte--{}", kind.as_str()) data-mark=kind.as_str() title=detail.clone()>{label.clone()}</span>
                        {breaks_line.then_some("\n")}
                    }.into_any(),
                }).collect_view())}
            </pre>
            {move || view.with(BodyBytes::shown_part).map(|said| view! { <p class="we-field__hint">{said}</p> })}
            <div class="we-bytes__tail">
                <span class="we-field__meta">"Last bytes"</span>
                <ol class="we-bytes__tail-list" data-testid="body-bytes-tail">
                    {move || view.with(|v| v.tail.iter().map(|b| view! {
                        <li class="we-tail-byte"><span class="we-tail-byte__char">{b.shown.clone()}</span><span class="we-tail-byte__hex">{b.hex.clone()}</span></li>
                    }).collect_view())}
                </ol>
            </div>
        </details>
    }
}
