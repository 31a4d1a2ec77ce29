//! "What your server computed": the optional field beside the received inputs, and its own
//! diagnosis under the verdict's. Both reach one state that `provide` puts in the page's context,
//! so that neither panel's parent passes it down. The core decides (`diagnose_server`, `plan`);
//! this runs it and renders what it says, which never holds a computed signature.
//!
//! The value is held in memory only: it is not part of saved work or a link. It is about one
//! delivery, so it is emptied when the program puts another on the page (a link, an import, the
//! example: `Inputs::deliveries`); a body file the person loads is theirs, and keeps it.

use std::sync::Arc;

use leptos::prelude::*;

use super::diagnosis_list::Fix;

use super::state::Inputs;
use crate::diagnose::server_signature::{self, ServerDiagnosis, ServerPlan};
use crate::verify::received_headers::ReceivedHeaders;

/// What the person typed, and what the core said of it.
#[derive(Clone, Copy)]
pub struct ServerSignature {
    value: RwSignal<String>,
    /// Bumped when the program empties or refills the field: the input is rewritten then only.
    cleared: RwSignal<u32>,
    diagnosis: RwSignal<Option<ServerDiagnosis>>,
    /// What the next delivery put on the page gives back instead of emptying the field: set by
    /// *Undo*, whose delivery is the one the value was about.
    given_back: StoredValue<Option<String>>,
}

impl ServerSignature {
    fn new() -> Self {
        ServerSignature {
            value: RwSignal::new(String::new()),
            cleared: RwSignal::new(0),
            diagnosis: RwSignal::new(None),
            given_back: StoredValue::new(None),
        }
    }

    /// What the field holds now, for *Undo* to keep.
    pub fn value_untracked(&self) -> String {
        self.value.get_untracked()
    }

    /// The next delivery put on the page is the one `value` was typed about (*Undo* restores it):
    /// the field gets `value` back instead of being emptied.
    pub fn give_back_with_next_delivery(&self, value: String) {
        self.given_back.set_value(Some(value));
    }

    /// Empties the field (*Clear*).
    pub fn clear(&self) {
        self.value.set(String::new());
        self.cleared.update(|n| *n += 1);
    }
}

/// Makes the state and keeps its diagnosis up to date with the value, secret, body and headers.
pub fn provide(inputs: Inputs, body_bytes: Memo<Arc<[u8]>>, headers: Memo<ReceivedHeaders>) {
    let state = ServerSignature::new();
    Effect::new(move |first: Option<()>| {
        inputs.deliveries.track();
        if first.is_some() {
            match state.given_back.try_update_value(Option::take).flatten() {
                Some(value) => {
                    state.value.set(value);
                    state.cleared.update(|n| *n += 1);
                }
                None => state.clear(),
            }
        }
    });
    Effect::new(move |_| {
        let found = state.value.with(|value| {
            if value.trim().is_empty() {
                return None;
            }
            body_bytes.with(|body| match server_signature::plan(body.len()) {
                ServerPlan::InPlace => inputs.secret.with(|secret| {
                    headers.with(|headers| server_signature::diagnose_server(secret, body, headers, value))
                }),
                ServerPlan::TooLarge => Some(server_signature::too_large()),
            })
        });
        state.diagnosis.set(found);
    });
    provide_context(state);
}

/// The page's state, or one of its own where nothing provided it (a component mounted alone).
pub fn state() -> ServerSignature {
    use_context::<ServerSignature>().unwrap_or_else(ServerSignature::new)
}

/// The optional field, with the received inputs.
#[component]
pub fn ServerSignatureInput() -> impl IntoView {
    let state = state();
    view! {
        <div class="we-field">
            <div class="we-field__row">
                <label class="we-field__label" for="server-signature">"What your server computed"</label>
                <span class="we-field__meta">"optional"</span>
            </div>
            <input
                id="server-signature"
                type="text"
                class="we-input we-input--mono"
                data-testid="server-signature"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                placeholder="the “expected” in your server's log: hex or base64"
                aria-describedby="server-signature-hint"
                prop:value=move || {
                    state.cleared.track();
                    state.value.get_untracked()
                }
                on:input:target=move |ev| state.value.set(ev.target().value())
            />
            <p class="we-field__hint" id="server-signature-hint">
                "When your server logs \u{201C}expected X, got Y\u{201D}, paste its X: it is checked against this body and secret, and what your server does wrong is named under the verdict."
            </p>
        </div>
    }
}

/// What the server's value says: its outcome in a sentence, and the causes that reproduce it.
/// Nothing while the field is blank.
#[component]
pub fn ServerDiagnosisList() -> impl IntoView {
    let state = state();
    let shown = move || state.diagnosis.with(Option::is_some);
    move || {
        shown().then(|| {
            view! {
                <div
                    class="we-diagnosis we-server-diagnosis"
                    data-testid="server-diagnosis"
                    data-outcome=move || state.diagnosis.with(|d| d.as_ref().map(|d| d.outcome.as_str()))
                    role="region"
                    aria-labelledby="server-diagnosis-title"
                >
                    <h3 class="we-diagnosis__title" id="server-diagnosis-title">"What your server computed"</h3>
                    {move || state.diagnosis.with(|d| d.as_ref().map(|d| view! {
                        <p class="we-diagnosis__summary" data-testid="server-diagnosis-summary">{d.summary.clone()}</p>
                        <ul class="we-diagnosis__list">
                            {d.causes.iter().map(|c| view! {
                                <li class="we-diagnosis__item" data-testid="server-diagnosis-item" data-cause=c.cause.as_str()>
                                    <p class="we-diagnosis__finding">{c.finding.clone()}</p>
                                    <Fix diagnosis=c.clone() />
                                </li>
                            }).collect_view()}
                        </ul>
                    }))}
                </div>
            }
        })
    }
}
