use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::body_input::{BodyInput, LoadedFile};
use super::delivery_card::DeliveryCard;
use super::echo::Echo;
use super::headers_input::HeadersInput;
use super::import_panel::ImportPanel;
use super::link_banner::LinkBanner;
use super::offload::Offload;
use super::random::now_unix_millis;
use super::receiver_code::ReceiverCode;
use super::retry_timeline::RetryTimeline;
use super::saved_work_note::SavedWorkNote;
use super::secret_input::SecretInput;
use super::send_commands::SendCommands;
use super::share::{self, Page, Sharing};
use super::share_panel::SharePanel;
use super::theme_toggle::ThemeToggle;
use super::url_fragment;
use super::verdict_bar::VerdictBar;
use super::verdict_panel::VerdictPanel;
use crate::diagnose::diagnosis::{self, Diagnosis};
use crate::echo::commands;
use crate::echo::endpoint::Endpoint;
use crate::echo::example::{example_delivery, PastedDelivery};
use crate::inspect::body_bytes;
use crate::inspect::import::Imported;
use crate::inspect::secret_facts;
use crate::offload::{self, DiagnosisPlan, Task};
use crate::share::provenance::{BodyEvent, Provenance};
use crate::verify::body::{self, LineEnding};
use crate::verify::received_headers;
use crate::verify::received_headers::ReceivedHeaders;
use crate::verify::verification::Verification;
use crate::verify::verification::{verify_facts, BodyFacts};

/// What the person entered, and what the fields show when the program fills them.
#[derive(Clone, Copy)]
pub struct Inputs {
    pub secret: RwSignal<String>,
    pub body_text: RwSignal<String>,
    pub line_ending: RwSignal<LineEnding>,
    /// A body loaded from a file: checked byte for byte, whatever the text field shows.
    pub body_file: RwSignal<Option<LoadedFile>>,
    pub headers_text: RwSignal<String>,
    /// Bumped when the program (not the person) fills the fields, so that the text areas are
    /// rewritten then and only then: a keystroke never round-trips a large body through the DOM.
    pub fills: RwSignal<u32>,
    /// Who chose the body: while someone else did, nothing derived from it and the secret shows.
    pub provenance: RwSignal<Provenance>,
}

impl Inputs {
    fn new() -> Self {
        Self {
            secret: RwSignal::new(String::new()),
            body_text: RwSignal::new(String::new()),
            line_ending: RwSignal::new(LineEnding::Lf),
            body_file: RwSignal::new(None),
            headers_text: RwSignal::new(String::new()),
            fills: RwSignal::new(0),
            provenance: RwSignal::new(Provenance::Own),
        }
    }

    /// Takes what an import found; what it did not find stays as it was.
    fn apply_import(&self, imported: &Imported) {
        if let Some(lines) = imported.header_lines() {
            self.headers_text.set(lines);
        }
        if let Some(bytes) = &imported.body {
            self.provenance.update(|p| *p = p.after(BodyEvent::Replaced));
            self.load_body(bytes, "the import");
        }
        self.fills.update(|n| *n += 1);
    }

    /// Puts exact bytes in the body: as text with its line ending where the text box can hold
    /// them exactly (`body::as_typed_text`), else as a loaded file named `source`.
    pub fn load_body(&self, bytes: &[u8], source: &str) {
        match body::as_typed_text(bytes) {
            Some((text, ending)) => {
                self.body_text.set(text);
                self.line_ending.set(ending);
                self.body_file.set(None);
            }
            None => {
                self.body_text.set(body::text_box_view(bytes));
                self.body_file.set(Some(LoadedFile { name: source.to_string(), bytes: bytes.to_vec().into() }));
            }
        }
    }

    pub fn fill(&self, delivery: PastedDelivery) {
        self.provenance.update(|p| *p = p.after(BodyEvent::Replaced));
        self.secret.set(delivery.secret);
        self.body_text.set(delivery.body);
        self.body_file.set(None);
        self.line_ending.set(LineEnding::Lf);
        self.headers_text.set(delivery.headers);
        self.fills.update(|n| *n += 1);
    }
}

/// The page's two tools.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    Verify,
    Echo,
}

/// The page. `framed`: shown inside another page's frame, where it takes no secret.
#[component]
pub fn App(framed: bool) -> impl IntoView {
    let inputs = Inputs::new();
    let tool = RwSignal::new(Tool::Verify);

    let body_bytes: Memo<Arc<[u8]>> = Memo::new(move |_| {
        inputs.body_file.with(|file| match file {
            Some(file) => file.bytes.clone(),
            None => inputs
                .line_ending
                .with(|&ending| inputs.body_text.with(|text| body::bytes_of_text(text, ending)))
                .into(),
        })
    });
    let headers = Memo::new(move |_| inputs.headers_text.with(|text| received_headers::parse(text)));
    // A large body goes to the worker, so that typing and painting never wait on it.
    let offload = Offload::new();
    let in_worker =
        Memo::new(move |_| !offload.failed.get() && body_bytes.with(|body| body.len() > offload::WORKER_ABOVE_BYTES));
    // A body the program puts on the page (a link, a file, an import, the example) is another
    // body, maybe with another provenance: the worker's answer for the one it replaced must not
    // stand in for it during the grace period, or its expected signature would show under the
    // new provenance.
    Effect::new(move |_| {
        inputs.fills.track();
        offload.verified.set(None);
    });
    Effect::new(move |_| {
        // The body is tracked before `in_worker`, which is derived from it: an Effect that first
        // reads the derived memo sees the body as unchanged when it checks it after, and does not
        // run (edits to a large typed body went unverified that way).
        body_bytes.track();
        if in_worker.get() {
            // The worker works out what grows with the body; the headers are judged here, so
            // editing them sends nothing.
            let secret = inputs.secret.get();
            body_bytes.with(|body| offload.send(Task::Verify, secret, String::new(), body));
        } else {
            offload.forget(Task::Verify);
        }
    });
    // What the verdict needs of the body and secret: worked out by the worker for a large body,
    // here otherwise. The headers are judged against it, so editing them never re-reads the body.
    let facts = Memo::new(move |_| {
        if in_worker.get() {
            return offload.verified.with(|done| done.as_ref().map(|(facts, _)| facts.clone()));
        }
        Some(inputs.secret.with(|secret| body_bytes.with(|body| BodyFacts::of(secret, body))))
    });
    let verification = Memo::new(move |_| {
        facts.with(|facts| match facts {
            Some(facts) => headers.with(|headers| verify_facts(facts, headers, Some(now_unix_millis()))),
            None => Verification::checking(body_bytes.with(|body| body.len())),
        })
    });
    let bytes_view = Memo::new(move |_| {
        if in_worker.get() {
            return body_bytes.with(|body| {
                offload.verified.with(|done| match done {
                    Some((_, counts)) => body_bytes::with_counts(body, counts.clone()),
                    None => body_bytes::preview(body),
                })
            });
        }
        body_bytes.with(|body| body_bytes::body_bytes(body))
    });
    let secret_facts = Memo::new(move |_| inputs.secret.with(|secret| secret_facts::secret_facts(secret)));
    let (diagnoses, diagnosing) = diagnose_when_invalid(inputs, body_bytes, headers, verification, offload);

    let echo = Echo::new();
    let sharing = Sharing::new();
    let page = Page { inputs, echo, sharing, body_bytes, framed };
    share::start(page);
    let using_demo_secret = Memo::new(move |_| inputs.secret.with(String::is_empty));
    let signing_secret =
        Memo::new(move |_| if using_demo_secret.get() { echo.demo_secret.get() } else { inputs.secret.get() });
    let signed = Memo::new(move |_| signing_secret.with(|secret| echo.delivery.with(|d| d.signed(secret))));
    let forms = Memo::new(move |_| {
        let endpoint = echo.endpoint.with(|text| Endpoint::parse(text))?;
        Ok(signed.with(|signed| commands::send_forms(signed, &endpoint)))
    });
    let load_into_verifier = move || {
        let signed = signed.get_untracked();
        inputs.fill(PastedDelivery {
            secret: signing_secret.get_untracked(),
            body: signed.body.clone(),
            headers: signed.header_lines(),
        });
        tool.set(Tool::Verify);
    };

    let echo_opened =
        Memo::new(move |opened: Option<&bool>| opened.copied().unwrap_or(false) || tool.get() == Tool::Echo);

    let tab = move |which: Tool, id: &'static str, label: &'static str| {
        view! {
            <button
                type="button"
                role="tab"
                class="we-tab"
                id=format!("tab-{id}")
                data-testid=format!("tab-{id}")
                aria-controls=format!("panel-{id}")
                aria-selected=move || (tool.get() == which).to_string()
                tabindex=move || if tool.get() == which { "0" } else { "-1" }
                on:click=move |_| tool.set(which)
                on:keydown=move |ev| {
                    // The ARIA tabs pattern: arrows move between the tabs, and focus follows.
                    let next = match ev.key().as_str() {
                        "ArrowRight" | "ArrowLeft" | "Home" | "End" => match tool.get_untracked() {
                            Tool::Verify => Tool::Echo,
                            Tool::Echo => Tool::Verify,
                        },
                        _ => return,
                    };
                    ev.prevent_default();
                    tool.set(next);
                    let id = match next {
                        Tool::Verify => "tab-verify",
                        Tool::Echo => "tab-echo",
                    };
                    if let Some(tab) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) {
                        let _ = tab.unchecked_into::<web_sys::HtmlElement>().focus();
                    }
                }
            >
                {label}
            </button>
        }
    };

    view! {
        <header class="we-header">
            <div class="we-header__inner">
                <div class="we-brand">
                    <span class="we-brand__mark" aria-hidden="true">"{ }"</span>
                    <span class="we-brand__name">"webhook-echo"</span>
                </div>
                <p class="we-header__tagline">
                    "Check Cobinar webhook deliveries byte for byte. Everything runs in this page: "
                    "your secret never leaves it."
                </p>
                <ThemeToggle />
            </div>
        </header>
        <div class="we-top">
            {framed.then(|| view! {
                <div class="we-banner we-banner--error we-framed" data-testid="framed" role="alert">
                    <strong>"Open webhook-echo directly. "</strong>
                    "This page is shown inside another site's frame, which could watch or act on what you do here, "
                    "so it takes no secret. "
                    <a href=url_fragment::page_address() target="_blank" rel="noopener noreferrer">"Open it in a tab of its own"</a>
                    "."
                </div>
            })}
            <div class="we-panel we-panel--secret">
                <SecretInput secret=inputs.secret facts=secret_facts framed=framed />
            </div>
            <LinkBanner page=page />
            <nav class="we-tabs" role="tablist" aria-label="Tools">
                {tab(Tool::Verify, "verify", "Verify a delivery")}
                {tab(Tool::Echo, "echo", "Echo a delivery")}
            </nav>
        </div>
        <main class="we-main-wrap">
            <div
                class="we-main we-main--verify"
                id="panel-verify"
                role="tabpanel"
                aria-labelledby="tab-verify"
                hidden=move || tool.get() != Tool::Verify
            >
                <section class="we-panel we-panel--inputs" aria-labelledby="received-title">
                    <div class="we-panel__head">
                        <h2 id="received-title" class="we-panel__title">"What your server received"</h2>
                        <div class="we-panel__actions">
                            <button
                                type="button"
                                class="we-button we-button--quiet"
                                data-testid="load-example"
                                on:click=move |_| inputs.fill(example_delivery())
                            >
                                "Load an example"
                            </button>
                            <button
                                type="button"
                                class="we-button we-button--quiet"
                                data-testid="clear"
                                on:click=move |_| page.clear()
                            >
                                "Clear"
                            </button>
                        </div>
                    </div>
                    <SavedWorkNote page=page />
                    <ImportPanel on_import=move |imported: &Imported| inputs.apply_import(imported) />
                    <BodyInput inputs=inputs bytes_view=bytes_view />
                    <HeadersInput inputs=inputs headers=headers />
                </section>
                <VerdictPanel
                    verification=verification
                    diagnoses=diagnoses
                    diagnosing=diagnosing
                    provenance=inputs.provenance
                />
                <SharePanel page=page />
            </div>
            <div
                class="we-main"
                id="panel-echo"
                role="tabpanel"
                aria-labelledby="tab-echo"
                hidden=move || tool.get() != Tool::Echo
            >
                // Built the first time the tab is opened, then kept: the page is usable sooner.
                {move || echo_opened.get().then(|| view! {
                    <div class="we-column">
                        <DeliveryCard
                            echo=echo
                            forms=forms
                            using_demo_secret=using_demo_secret
                            on_load_into_verifier=load_into_verifier
                        />
                        <SendCommands endpoint=echo.endpoint forms=forms />
                    </div>
                    <div class="we-column">
                        <RetryTimeline responses=echo.responses event_id=Signal::derive(move || echo.delivery.with(|d| d.id.clone())) />
                        <ReceiverCode snippet=echo.snippet />
                    </div>
                })}
            </div>
        </main>
        <VerdictBar verification=verification visible=Signal::derive(move || tool.get() == Tool::Verify) />
        <footer class="we-footer">
            <p>
                "Signatures are HMAC-SHA256 of the raw body, keyed with your application's webhook secret, "
                "computed in WebAssembly and compared in constant time. "
                <code>"window.webhookEcho"</code>
                " offers the same checks to scripts."
            </p>
        </footer>
    }
}

/// The causes of an invalid signature, searched when the verdict turns or stays invalid.
fn diagnose_when_invalid(
    inputs: Inputs,
    body_bytes: Memo<Arc<[u8]>>,
    headers: Memo<ReceivedHeaders>,
    verification: Memo<Verification>,
    offload: Offload,
) -> (RwSignal<Vec<Diagnosis>>, RwSignal<bool>) {
    let diagnoses = RwSignal::new(Vec::new());
    let pending = RwSignal::new(false);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    // Where and when: `offload::plan_diagnosis`. A large body goes to the worker, or is searched
    // in place where there is none.
    let run = move || {
        let sent = inputs.secret.with_untracked(|secret| {
            inputs.headers_text.with_untracked(|headers_text| {
                body_bytes.with_untracked(|body| {
                    body.len() > offload::DIAGNOSE_IN_PLACE_UP_TO_BYTES
                        && offload.send(Task::Diagnose, secret.clone(), headers_text.clone(), body)
                })
            })
        });
        if sent {
            return;
        }
        let found = inputs.secret.with_untracked(|secret| {
            body_bytes.with_untracked(|body| {
                headers.with_untracked(|headers| {
                    diagnosis::for_verdict(verification.with_untracked(|v| v.verdict), secret, body, headers)
                })
            })
        });
        diagnoses.set(found);
        pending.set(false);
    };
    Effect::new(move |_| {
        let plan =
            verification.with(|v| offload::plan_diagnosis(v.verdict, body_bytes.with_untracked(|body| body.len())));
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        // A search still running in the worker was for input that has just changed (or the
        // worker failed, and the search is done again in place).
        offload.failed.track();
        offload.forget(Task::Diagnose);
        match plan {
            DiagnosisPlan::Nothing => {
                diagnoses.set(Vec::new());
                pending.set(false);
            }
            DiagnosisPlan::InPlace => run(),
            DiagnosisPlan::WhenTypingPauses => {
                pending.set(true);
                let pause = std::time::Duration::from_millis(offload::DIAGNOSE_AFTER_PAUSE_MILLIS);
                timer.set_value(set_timeout_with_handle(run, pause).ok());
            }
        }
    });
    Effect::new(move |_| {
        if let Some(found) = offload.diagnosed.get() {
            diagnoses.set(found);
            pending.set(false);
        }
    });
    (diagnoses, pending)
}
