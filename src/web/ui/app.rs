use std::sync::Arc;

use leptos::prelude::*;

use super::diagnosing::diagnose_when_invalid;
use super::echo_state::Echo;
use super::echo_tab::EchoTab;
use super::fixture_library::FixtureLibrary;
use super::link_banner::LinkBanner;
use super::page_header::{FramedNotice, PageHeader};
use super::random::now_unix_millis;
use super::received_panel::ReceivedPanel;
use super::secret_input::SecretInput;
use super::share::{self, Page, Sharing};
use super::share_panel::SharePanel;
use super::stack_picker::StackChoice;
use super::state::Inputs;
use super::tool_tabs::{Tool, ToolTabs};
use super::verdict_bar::VerdictBar;
use super::verdict_panel::VerdictPanel;
use super::worker::Offload;
use crate::diagnose::offload::{self, Task};
use crate::inspect::body_bytes;
use crate::inspect::secret_facts;
use crate::page::handover::Typed;
use crate::verify::body;
use crate::verify::received_headers;
use crate::verify::verification::Verification;
use crate::verify::verification::{verify_facts, BodyFacts};

/// The page. `framed`: shown inside another page's frame, where it takes no secret. `typed`:
/// what was typed into the build-time page before this took it over.
///
/// Built first as it was at build time (nothing stored, no address, no choices), so that it
/// hydrates that HTML; what the browser holds (saved work, a link, the theme and stack chosen)
/// comes in just after, from effects, which never run at build time.
#[component]
pub fn App(framed: bool, #[prop(optional)] typed: Typed) -> impl IntoView {
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
        Memo::new(move |_| !offload.failed() && body_bytes.with(|body| offload::verified_in_worker(body.len())));
    Effect::new(move |filled_before: Option<u32>| {
        // The body is tracked before `in_worker`, which is derived from it: an Effect that first
        // reads the derived memo sees the body as unchanged when it checks it after, and does not
        // run (edits to a large typed body went unverified that way).
        body_bytes.track();
        // A body the program puts on the page (a link, a file, an import, the example) is another
        // body, maybe with another provenance: the worker's answer for the one it replaced must
        // not stand in for it during the grace period, or its expected signature would show under
        // the new provenance. So it is dropped, and asked for again: the same bytes put back (a
        // headers-only import, a link with the same body) change no memo that would ask.
        let filled = inputs.fills.get();
        if filled_before.is_some_and(|before| before != filled) {
            offload.refilled();
        }
        if in_worker.get() {
            // The worker works out what grows with the body; the headers are judged here, so
            // editing them sends nothing.
            let secret = inputs.secret.get();
            body_bytes.with(|body| offload.send(Task::Verify, secret, String::new(), body));
        } else {
            offload.forget(Task::Verify);
        }
        filled
    });
    // What the verdict needs of the body and secret: worked out by the worker for a large body,
    // here otherwise. The headers are judged against it, so editing them never re-reads the body.
    let facts = Memo::new(move |_| {
        if in_worker.get() {
            return offload.with_verified(|done| done.map(|(facts, _)| facts.clone()));
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
                offload.with_verified(|done| match done {
                    Some((_, counts)) => body_bytes::with_counts(body, counts.clone()),
                    None => body_bytes::preview(body),
                })
            });
        }
        body_bytes.with(|body| body_bytes::body_bytes(body))
    });
    let secret_facts = Memo::new(move |_| inputs.secret.with(|secret| secret_facts::secret_facts(secret)));
    let (diagnoses, diagnosing) = diagnose_when_invalid(inputs, body_bytes, headers, verification, offload);
    super::server_signature::provide(inputs, body_bytes, headers);
    StackChoice::provide();

    let echo = Echo::new();
    let sharing = Sharing::new();
    let page = Page { inputs, echo, sharing, body_bytes, framed };
    share::start(page);
    // Once, after hydration; the typed values are taken, not kept (they may hold the secret).
    let typed = StoredValue::new(Some(typed));
    Effect::new(move |_| {
        if let Some(typed) = typed.try_update_value(Option::take).flatten() {
            untrack(|| share::boot(page, typed));
        }
    });

    let echo_opened =
        Memo::new(move |opened: Option<&bool>| opened.copied().unwrap_or(false) || tool.get() == Tool::Echo);

    view! {
        <PageHeader />
        // The secret and the tabs are the page's main content too: a landmark jump lands on them.
        <main class="we-main-wrap">
            <div class="we-top">
                {framed.then(|| view! { <FramedNotice /> })}
                <div class="we-panel we-panel--secret">
                    <SecretInput secret=inputs.secret facts=secret_facts framed=framed />
                </div>
                <LinkBanner page=page verification=verification diagnoses=diagnoses diagnosing=diagnosing />
                <ToolTabs tool=tool />
            </div>
            <div
                class="we-main we-main--verify"
                id="panel-verify"
                role="tabpanel"
                aria-labelledby="tab-verify"
                hidden=move || tool.get() != Tool::Verify
            >
                <ReceivedPanel page=page bytes_view=bytes_view headers=headers />
                <VerdictPanel
                    verification=verification
                    diagnoses=diagnoses
                    diagnosing=diagnosing
                    provenance=inputs.provenance
                    page=page
                    worker_failure=Signal::derive(move || offload.failure())
                />
                <SharePanel page=page verification=verification diagnoses=diagnoses diagnosing=diagnosing />
                <FixtureLibrary page=page />
            </div>
            <div
                class="we-main"
                id="panel-echo"
                role="tabpanel"
                aria-labelledby="tab-echo"
                hidden=move || tool.get() != Tool::Echo
            >
                // Built the first time the tab is opened, then kept: the page is usable sooner.
                {move || echo_opened.get().then(|| view! { <EchoTab echo=echo inputs=inputs tool=tool /> })}
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
