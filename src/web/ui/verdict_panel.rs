use leptos::prelude::*;

use super::check_row::CheckRow;
use super::clipboard::CopyButton;
use super::diagnosis_list::DiagnosisList;
use super::share::Page;
use crate::diagnose::diagnosis::Diagnosis;
use crate::echo::example::example_delivery;
use crate::inspect::fingerprint_commands::COMMANDS;
use crate::page::verdict::{self as page_verdict, ExpectedHint};
use crate::share::provenance::{self, BodyEvent, Provenance};
use crate::verify::first_run;
use crate::verify::verification::Verification;

/// The verdict, the expected signature and one row per documented header. While someone else
/// chose the body, what derives from it and the secret is withheld (`provenance::shown`).
/// Before anything is entered, one prompt stands in place of the rows (`first_run`).
#[component]
pub fn VerdictPanel(
    #[prop(into)] verification: Signal<Verification>,
    #[prop(into)] diagnoses: Signal<Vec<Diagnosis>>,
    #[prop(into)] diagnosing: Signal<bool>,
    provenance: RwSignal<Provenance>,
    page: Page,
    /// Why large bodies are checked on the page itself: its worker failed.
    #[prop(into)]
    worker_failure: Signal<Option<String>>,
) -> impl IntoView {
    let inputs = page.inputs;
    let first_run = Memo::new(move |_| {
        inputs.secret.with(|secret| {
            page.body_bytes
                .with(|body| inputs.headers_text.with(|headers| first_run::is_first_run(secret, body, headers)))
        })
    });
    let computed = verification;
    let verification = Memo::new(move |_| computed.with(|v| provenance::shown(v, provenance.get())));
    // Withheld, and there is a value to withhold: the sentence and the way to reveal it stand there.
    let hint = Memo::new(move |_| {
        let p = provenance.get();
        computed.with(|computed| verification.with(|shown| ExpectedHint::of(p, computed, shown)))
    });
    let confirming = RwSignal::new(false);
    Effect::new(move |_| {
        provenance.track();
        confirming.set(false);
    });
    let verdict = move || verification.with(|v| v.verdict);
    let headline = move || verdict().headline();
    let expected = move || verification.with(|v| v.expected_signature.clone());
    // The expected signature is of a body: without one, its box would only stand there empty.
    let has_body = Memo::new(move |_| page.body_bytes.with(|body| !body.is_empty()));
    view! {
        <section
            id="result"
            class="we-panel we-panel--result"
            class:we-panel--first-run=move || first_run.get()
            aria-labelledby="result-title"
        >
            <h2 id="result-title" class="we-visually-hidden">"Result"</h2>
            // Read only without JavaScript, where the verdict would be (which CSS hides then).
            // Text alone: with JavaScript on, a browser reads what is inside as one text node.
            <noscript class="we-noscript" data-testid="no-script">{NO_SCRIPT}</noscript>
            <div
                class=move || format!("we-verdict we-verdict--{}", verdict().as_str())
                data-testid="verdict"
                data-verdict=move || verdict().as_str()
                role="status"
                aria-live="polite"
            >
                <span class="we-verdict__icon" aria-hidden="true">
                    {move || verdict().mark().unwrap_or("…")}
                </span>
                <div class="we-verdict__text">
                    <p class="we-verdict__headline">{headline}</p>
                    <p class="we-verdict__summary">{move || verification.with(|v| v.summary.clone())}</p>
                </div>
            </div>
            {move || worker_failure.get().map(|said| view! {
                <p class="we-note we-note--warning" data-testid="worker-failed" role="note">{said}</p>
            })}
            {move || page_verdict::says_secret_origin(verdict()).then(|| page.secret_origin().verdict_note()).flatten().map(|note| view! {
                <p class="we-note we-note--warning" data-testid="secret-from-link" role="note">{note}</p>
            })}
            {move || verification.with(|v| (!v.not_from_cobinar.is_empty()).then(|| view! {
                <div class="we-note we-note--warning we-not-cobinar" data-testid="not-from-cobinar" role="note">
                    <strong>"Not something Cobinar sends"</strong>
                    <ul>{v.not_from_cobinar.iter().map(|reason| view! { <li>{reason.clone()}</li> }).collect_view()}</ul>
                </div>
            }))}
            {move || first_run.get().then(|| view! { <FirstRun on_example=move || inputs.fill(example_delivery()) /> })}
            {move || page_verdict::offers_server_401(verdict()).then(ServerSays401)}
            <DiagnosisList diagnoses=diagnoses pending=diagnosing />
            <super::server_signature::ServerDiagnosisList />
            <div class="we-expected" hidden=move || !has_body.get()>
                <div class="we-field__row">
                    <span class="we-field__label">"Expected x-cobinar-signature"</span>
                    {move || expected().is_some().then(|| view! {
                        <CopyButton text=Signal::derive(move || expected().unwrap_or_default()) what="the expected signature" />
                    })}
                </div>
                <output class="we-expected__value" class:we-expected__value--withheld=move || matches!(hint.get(), ExpectedHint::Withheld(_)) data-testid="expected-signature">
                    {move || expected().unwrap_or_default()}
                </output>
                {move || match hint.get() {
                    ExpectedHint::Withheld(from) => Some(view! {
                        <div class="we-note we-note--warning we-withheld" data-testid="expected-withheld">
                            <p>{move || provenance::withheld_sentence(from, page.secret_origin())}</p>
                            {move || if confirming.get() {
                                view! {
                                    <div class="we-withheld__confirm" role="group" aria-label="Show the expected signature">
                                        <p data-testid="reveal-warning"><strong>{provenance::REVEAL_WARNING}</strong></p>
                                        <div class="we-field__row we-field__row--wrap">
                                            <button
                                                type="button"
                                                class="we-button"
                                                data-testid="reveal-expected-confirm"
                                                on:click=move |_| provenance.update(|p| *p = p.after(BodyEvent::Revealed))
                                            >
                                                "I wrote this body: show it"
                                            </button>
                                            <button
                                                type="button"
                                                class="we-button we-button--quiet"
                                                data-testid="reveal-expected-cancel"
                                                on:click=move |_| confirming.set(false)
                                            >
                                                "Keep it hidden"
                                            </button>
                                        </div>
                                    </div>
                                }.into_any()
                            } else {
                                view! {
                                    <button
                                        type="button"
                                        class="we-button we-button--quiet we-button--small"
                                        data-testid="reveal-expected"
                                        on:click=move |_| confirming.set(true)
                                    >
                                        "Show it anyway…"
                                    </button>
                                }.into_any()
                            }}
                        </div>
                    }.into_any()),
                    ExpectedHint::NeverSend => Some(view! {
                        <p class="we-field__hint we-expected__reminder" data-testid="expected-reminder">{provenance::NEVER_SEND}</p>
                    }.into_any()),
                    ExpectedHint::FollowsVerdict => Some(view! { <p class="we-field__hint">"It follows with the verdict."</p> }.into_any()),
                    ExpectedHint::EnterSecret => Some(view! { <p class="we-field__hint">"Enter the secret to compute it."</p> }.into_any()),
                }}
            </div>
            <div class="we-checks-wrap" hidden=move || first_run.get()>
                <h3 class="we-checks__title">"Headers"</h3>
                {move || page_verdict::headers_follow(verdict()).then(|| view! {
                    <p class="we-field__hint">"They follow with the verdict."</p>
                })}
                <ul class="we-checks">
                    {move || (!first_run.get()).then(|| verification.with(|v| {
                        v.checks.iter().cloned().map(|check| view! { <CheckRow check=check /> }).collect_view()
                    }))}
                </ul>
            </div>
        </section>
    }
}

/// Before anything is entered: what to paste and where each comes from, and the example.
#[component]
fn FirstRun(on_example: impl Fn() + 'static) -> impl IntoView {
    view! {
        <div class="we-first-run" data-testid="first-run">
            <p class="we-first-run__title">{first_run::TITLE}</p>
            <ol class="we-first-run__steps">
                {first_run::STEPS.iter().map(|step| view! {
                    <li><strong>{step.what}</strong>", " {step.from}</li>
                }).collect_view()}
            </ol>
            <p class="we-field__hint">{first_run::OUTCOMES}</p>
            <p class="we-first-run__example">
                {first_run::EXAMPLE}" "
                <button type="button" class="we-button we-button--small" data-testid="first-run-example" on:click=move |_| on_example()>
                    "Load an example"
                </button>
            </p>
        </div>
    }
}

/// Valid here: what to check when the server still answers 401, and how to see the server's
/// secret fingerprint, to compare with the one under the secret field.
#[component]
fn ServerSays401() -> impl IntoView {
    view! {
        <details class="we-import we-server-401" data-testid="server-401">
            <summary class="we-import__summary">
                <span class="we-field__label">"Valid here, but your server says 401?"</span>
            </summary>
            <ul class="we-server-401__checks">
                <li>"Your server verifies the raw body bytes, before any JSON parsing or re-serialising."</li>
                <li>"It uses the same secret: compare its fingerprint (below) with the one under the secret field."</li>
                <li>"No middleware trims, decodes or re-encodes the body first."</li>
                <li>"It reads x-cobinar-signature exactly, sha256= prefix and all, with no extra whitespace."</li>
            </ul>
            <p class="we-field__hint">"Run one on the server, where COBINAR_WEBHOOK_SECRET is set; it prints the fingerprint of the secret your server signs with:"</p>
            {COMMANDS.iter().map(|c| view! {
                <div class="we-server-401__command">
                    <div class="we-field__row">
                        <span class="we-field__label">{c.language}</span>
                        <CopyButton text=Signal::derive(move || c.command.to_string()) what=format!("the {} fingerprint command", c.language) />
                    </div>
                    <pre class="we-code"><code data-testid=c.testid>{c.command}</code></pre>
                </div>
            }).collect_view()}
        </details>
    }
}

/// Where the verdict would be, with JavaScript off (the build-time page still shows the fields).
pub const NO_SCRIPT: &str = "No verdict here: this page checks deliveries in your browser, with JavaScript and \
     WebAssembly, and JavaScript is off. Turn it on for this page to check a delivery; nothing you \
     enter is sent anywhere.";
