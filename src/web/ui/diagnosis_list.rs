use leptos::prelude::*;

use super::stack_picker::StackChoice;
use crate::diagnose::diagnosis::Diagnosis;
use crate::diagnose::fixes;
use crate::stacks::Choice;

/// The fix, in the words of the stack chosen, or of the language the evidence names; and, when
/// the evidence names another language than the one chosen, a line that says so.
#[component]
pub fn Fix(diagnosis: Diagnosis) -> impl IntoView {
    let words = move || {
        let chosen = StackChoice::get();
        (
            diagnosis.cause.fix_in(chosen.given_evidence(diagnosis.language)),
            fixes::evidence_note(chosen, diagnosis.language),
        )
    };
    view! {
        {move || {
            let (fix, evidence) = words();
            view! {
                {evidence.map(|e| view! { <p class="we-diagnosis__evidence" data-testid="diagnosis-evidence">{e}</p> })}
                <p class="we-diagnosis__fix" data-testid="diagnosis-fix">
                    <span class="we-diagnosis__fix-label">"Fix: "</span>{fix}
                </p>
            }
        }}
    }
}

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
                        <Fix diagnosis=d.clone() />
                    </li>
                }).collect_view())}
            </ul>
            {move || {
                let asks = diagnoses.with(|list| list.iter().any(|d| fixes::speaks_a_stack(d.cause)));
                (asks && StackChoice::get() == Choice::Any).then(|| view! {
                <p class="we-field__hint" data-testid="stack-hint">
                    "Choose your stack at the top of the page to read each fix in its own idiom."
                </p>
            })}}
        </div>
    }
}
