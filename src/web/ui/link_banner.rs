use leptos::prelude::*;

use super::masked_input::MaskedInput;
use super::seal;
use super::share::Page;
use crate::diagnose::diagnosis::Diagnosis;
use crate::inspect::secret_facts::{compare_with_fingerprint, SecretMatch};
use crate::page::unlocking::{self, Answer, Start, Unlocking};
use crate::share::opening::{self, LinkStatus};
use crate::share::provenance::SharedFrom;
use crate::share::sender_verdict::{self, SenderVerdict};
use crate::verify::invisible;
use crate::verify::verification::Verification;

/// What the link the page was opened with brought, or what is wrong with it. `verification`
/// and `diagnoses` are this page's own, to hold the sender's verdict against; `diagnosing`, that
/// its cause search has not answered for what is on the page yet.
#[component]
pub fn LinkBanner(
    page: Page,
    #[prop(into)] verification: Signal<Verification>,
    #[prop(into)] diagnoses: Signal<Vec<Diagnosis>>,
    #[prop(into)] diagnosing: Signal<bool>,
) -> impl IntoView {
    let own_verdict = Memo::new(move |_| verification.with(|v| diagnoses.with(|d| SenderVerdict::of(v, d))));
    let state = RwSignal::new(Unlocking::default());
    // The key is derived by the browser's PBKDF2, off the page's thread; the box's form (and its
    // round count, which a link does not choose) is checked first, so a crafted box costs nothing.
    let unlock = move || {
        let start = page.sharing.link.with_untracked(|link| {
            page.inputs.secret.with_untracked(|field| state.try_update(|s| s.start(link, field)))
        });
        let Some(Start::Derive { generation, passphrase, salt }) = start else { return };
        leptos::task::spawn_local(async move {
            let key = seal::derive_key(&passphrase, &salt).await;
            // Another link may have arrived, or a secret been typed, meanwhile: `answered` holds
            // the answer to the box and the field as they are now.
            let answer = page.sharing.link.with_untracked(|link| {
                page.inputs
                    .secret
                    .with_untracked(|field| state.try_update(|s| s.answered(generation, key, link, field)))
            });
            let Some(Answer::Unlocked { secret, from }) = answer else { return };
            page.sharing.link.update(unlocking::mark_unsealed);
            // The secret goes in on a task of its own: the banner says it is unlocked first, and
            // the verifier's work under it never lengthens the unlocking.
            set_timeout(
                move || {
                    // Unless another link replaced this one in between.
                    if page.sharing.link.with_untracked(unlocking::still_unsealed) {
                        page.sharing.secret_from_link.set(Some((secret.clone(), from)));
                        page.inputs.secret.set(secret);
                    }
                },
                std::time::Duration::ZERO,
            );
        });
    };
    let note = move || page.sharing.note.get();
    view! {
        {move || match page.sharing.link.get() {
            LinkStatus::None => None,
            LinkStatus::Failed(message) => Some(view! {
                <div class="we-banner we-banner--error" data-testid="link-error" role="alert">
                    <strong>"This link could not be opened. "</strong>
                    {message}
                    " What you had entered is unchanged."
                </div>
            }.into_any()),
            LinkStatus::Opened { from, fingerprint: sender, carried_secret, sealed, unsealed, sender_verdict } => Some(view! {
                <div class="we-banner" data-testid="link-opened" role="status">
                    <strong>"Opened a shared fixture."</strong>
                    {move || (!note().is_empty()).then(|| view! { <span>" Note: " <q data-testid="link-note"><bdi>{invisible::visible(&note())}</bdi></q></span> })}
                    {sender.map(|sender| {
                        let shared = sender.clone();
                        let matches = Memo::new(move |_| page.inputs.secret.with(|secret| compare_with_fingerprint(secret, &shared)));
                        view! {
                            <p class="we-banner__line" data-testid="link-fingerprint" data-match=move || matches.with(SecretMatch::as_str)>
                                "The sender's secret fingerprint is " <code>{sender}</code> ". "
                                {move || matches.with(|matches| matches.sentence(page.framed))}
                            </p>
                        }
                    })}
                    {sender_verdict.map(|sent| {
                        let code = sent.verdict.as_str();
                        // The causes' codes, for whoever looks them up: the line itself says them in words.
                        let causes = sent.cause_codes();
                        let title = (!causes.is_empty()).then(|| format!("Cause codes: {causes}"));
                        let agreement = Memo::new({
                            let sent = sent.clone();
                            move |_| {
                                let searching = diagnosing.get();
                                own_verdict.with(|own| sender_verdict::compare(&sent, own.as_ref(), searching))
                            }
                        });
                        view! {
                            <p
                                class="we-banner__line we-sender-verdict"
                                data-testid="sender-verdict"
                                data-verdict=code
                                data-causes=causes
                                title=title
                                data-agreement=move || agreement.with(|a| a.as_str())
                                class:we-banner__warning=move || agreement.with(|a| matches!(a, sender_verdict::Agreement::Different(_)))
                            >
                                {move || agreement.with(|a| sender_verdict::banner_sentence(&sent, a, page.framed, page.secret_origin()))}
                            </p>
                        }
                    })}
                    {carried_secret.then(|| view! {
                        <p class="we-banner__line we-banner__warning" data-testid="link-secret-warning">
                            {opening::plain_secret_warning(from, page.framed)}
                        </p>
                    })}
                    {unsealed.then(|| view! {
                        <p class="we-banner__line we-banner__warning" data-testid="link-secret-warning">
                            {unlocking::unsealed_line(from)}
                        </p>
                    })}
                    {sealed.map(|_| unlock_form(page, from, state, unlock))}
                </div>
            }.into_any()),
        }}
    }
}

/// The passphrase field for a sealed secret, with its progress and error. No `<form>`: a
/// password manager takes a submitted form with a password-like field for a login to save.
fn unlock_form(
    page: Page,
    from: SharedFrom,
    state: RwSignal<Unlocking>,
    unlock: impl Fn() + Copy + 'static,
) -> AnyView {
    if page.framed {
        return view! {
            <p class="we-banner__line" data-testid="link-sealed-framed">{unlocking::sealed_line(from, true)}</p>
        }
        .into_any();
    }
    let passphrase = Memo::new(move |_| state.with(|s| s.passphrase.clone()));
    let unlocking = Memo::new(move |_| state.with(Unlocking::unlocking));
    let error = Memo::new(move |_| state.with(|s| s.error.clone()));
    view! {
        <p class="we-banner__line" data-testid="link-sealed">{unlocking::sealed_line(from, false)}</p>
        <div class="we-banner__line we-inline">
            <label for="link-passphrase">"Passphrase"</label>
            <MaskedInput
                masked=true
                value=passphrase
                on_input=move |text| state.update(|s| s.type_passphrase(text))
                testid="link-passphrase"
                class="we-input we-share__passphrase"
                {..}
                id="link-passphrase"
                on:keydown=move |ev| if ev.key() == "Enter" { unlock() }
            />
            <button
                type="button"
                class="we-button"
                data-testid="link-unlock"
                disabled=move || unlocking.get()
                on:click=move |_| unlock()
            >
                "Unlock"
            </button>
            {move || unlocking.get().then(|| view! {
                <span class="we-progress" data-testid="link-unlock-progress" role="status">
                    <progress aria-label="Unlocking"></progress>
                    {unlocking::unlock_progress()}
                </span>
            })}
            {move || error.get().map(|e| view! { <span class="we-note--error" data-testid="link-unlock-error" role="alert">{e}</span> })}
        </div>
    }
    .into_any()
}
