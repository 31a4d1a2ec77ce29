use leptos::prelude::*;

use crate::diagnose::diagnosis::Diagnosis;

/// Why the signature fails: each known mistake that explains it, with its fix.
#[component]
pub fn DiagnosisList(
    #[prop(into)] diagnoses: Signal<Vec<Diagnosis>>,
    #[prop(into)] pending: Signal<bool>,
) -> impl IntoView {
    let shown = move || pending.get() || diagnoses.with(|d| !d.is_empty());
    view! {
        <div class="we-diagnosis" hidden=move || !shown()>
            <h3 class="we-diagnosis__title">"Why it fails"</h3>
            {move || pending.get().then(|| view! {
                <p class="we-field__hint" data-testid="diagnosis-pending">"Searching the known mistakes…"</p>
            })}
            <ul class="we-diagnosis__list">
                {move || diagnoses.with(|list| list.iter().map(|d| view! {
                    <li class="we-diagnosis__item" data-testid="diagnosis" data-cause=d.cause.as_str()>
                        <p class="we-diagnosis__finding">{d.finding.clone()}</p>
                        <p class="we-diagnosis__fix"><span class="we-diagnosis__fix-label">"Fix: "</span>{d.fix.clone()}</p>
                    </li>
                }).collect_view())}
            </ul>
        </div>
    }
}
