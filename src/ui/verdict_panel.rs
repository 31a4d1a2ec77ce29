use leptos::prelude::*;

use super::check_row::CheckRow;
use super::clipboard::CopyButton;
use super::diagnosis_list::DiagnosisList;
use crate::diagnosis::Diagnosis;
use crate::verification::{Verdict, Verification};

/// The verdict, the expected signature and one row per documented header.
#[component]
pub fn VerdictPanel(
    #[prop(into)] verification: Signal<Verification>,
    #[prop(into)] diagnoses: Signal<Vec<Diagnosis>>,
    #[prop(into)] diagnosing: Signal<bool>,
) -> impl IntoView {
    let verdict = move || verification.with(|v| v.verdict);
    let headline = move || match verdict() {
        Verdict::Valid => "Valid signature",
        Verdict::Invalid => "Invalid signature",
        Verdict::Incomplete => "Waiting for input",
        Verdict::Checking => "Checking…",
    };
    let expected = move || verification.with(|v| v.expected_signature.clone());
    view! {
        <section id="result" class="we-panel we-panel--result" aria-labelledby="result-title">
            <h2 id="result-title" class="we-visually-hidden">"Result"</h2>
            <div
                class=move || format!("we-verdict we-verdict--{}", verdict().as_str())
                data-testid="verdict"
                data-verdict=move || verdict().as_str()
                role="status"
                aria-live="polite"
            >
                <span class="we-verdict__icon" aria-hidden="true">
                    {move || match verdict() {
                        Verdict::Valid => "✓",
                        Verdict::Invalid => "✕",
                        Verdict::Incomplete | Verdict::Checking => "…",
                    }}
                </span>
                <div class="we-verdict__text">
                    <p class="we-verdict__headline">{headline}</p>
                    <p class="we-verdict__summary">{move || verification.with(|v| v.summary.clone())}</p>
                </div>
            </div>
            {move || verification.with(|v| (!v.not_from_cobinar.is_empty()).then(|| view! {
                <div class="we-note we-note--warning we-not-cobinar" data-testid="not-from-cobinar" role="note">
                    <strong>"Not something Cobinar sends"</strong>
                    <ul>{v.not_from_cobinar.iter().map(|reason| view! { <li>{reason.clone()}</li> }).collect_view()}</ul>
                </div>
            }))}
            <DiagnosisList diagnoses=diagnoses pending=diagnosing />
            <div class="we-expected">
                <div class="we-field__row">
                    <span class="we-field__label">"Expected x-cobinar-signature"</span>
                    <CopyButton text=Signal::derive(move || expected().unwrap_or_default()) label="Copy" />
                </div>
                <output class="we-expected__value" data-testid="expected-signature">
                    {move || expected().unwrap_or_default()}
                </output>
                {move || match (expected().is_none(), verdict()) {
                    (false, _) => None,
                    (true, Verdict::Checking) => Some(view! { <p class="we-field__hint">"It follows with the verdict."</p> }),
                    (true, _) => Some(view! { <p class="we-field__hint">"Enter the secret to compute it."</p> }),
                }}
            </div>
            <h3 class="we-checks__title">"Headers"</h3>
            {move || (verdict() == Verdict::Checking).then(|| view! {
                <p class="we-field__hint">"They follow with the verdict."</p>
            })}
            <ul class="we-checks">
                {move || verification.with(|v| {
                    v.checks.iter().cloned().map(|check| view! { <CheckRow check=check /> }).collect_view()
                })}
            </ul>
        </section>
    }
}
