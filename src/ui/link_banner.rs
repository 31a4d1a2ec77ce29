use leptos::prelude::*;

use super::share::{LinkStatus, Page};
use crate::secret_box;
use crate::secret_facts::{compare_with_fingerprint, SecretMatch};

/// What the link the page was opened with brought, or what is wrong with it.
#[component]
pub fn LinkBanner(page: Page) -> impl IntoView {
    let passphrase = RwSignal::new(String::new());
    let unlock_error = RwSignal::new(None::<String>);
    let unlock = move || {
        let LinkStatus::Opened { sealed: Some(sealed), .. } = page.sharing.link.get_untracked() else { return };
        match secret_box::open(&sealed, &passphrase.get_untracked()) {
            Ok(secret) => {
                page.inputs.secret.set(secret);
                passphrase.set(String::new());
                unlock_error.set(None);
                page.sharing.link.set(LinkStatus::Opened { fingerprint: None, carried_secret: true, sealed: None });
            }
            Err(error) => unlock_error.set(Some(error.to_string())),
        }
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
            LinkStatus::Opened { fingerprint: sender, carried_secret, sealed } => Some(view! {
                <div class="we-banner" data-testid="link-opened" role="status">
                    <strong>"Opened a shared fixture."</strong>
                    {move || (!note().is_empty()).then(|| view! { <span>" Note: " <q data-testid="link-note">{note()}</q></span> })}
                    {sender.map(|sender| {
                        let shared = sender.clone();
                        let matches = Memo::new(move |_| page.inputs.secret.with(|secret| compare_with_fingerprint(secret, &shared)));
                        view! {
                            <p class="we-banner__line" data-testid="link-fingerprint" data-match=move || matches.with(SecretMatch::as_str)>
                                "The sender's secret fingerprint is " <code>{sender}</code> ". "
                                {move || match matches.get() {
                                    SecretMatch::Unknown => "Enter your secret to see whether it is the one the sender used.".to_string(),
                                    SecretMatch::Same => "Your secret is the one the sender used.".to_string(),
                                    SecretMatch::Different(mine) => format!("Your secret is not the one the sender used (yours: {mine})."),
                                }}
                            </p>
                        }
                    })}
                    {carried_secret.then(|| view! {
                        <p class="we-banner__line we-banner__warning" data-testid="link-secret-warning">
                            "This link carried the secret itself: it is in the secret field. Anyone with the link has it too."
                        </p>
                    })}
                    {sealed.map(|_| view! {
                        <form class="we-banner__line we-inline" on:submit=move |ev| { ev.prevent_default(); unlock(); }>
                            <span>"The link carries a sealed secret. Passphrase:"</span>
                            <input
                                class="we-input we-share__passphrase"
                                data-testid="link-passphrase"
                                type="password"
                                autocomplete="off"
                                aria-label="Passphrase for the shared secret"
                                prop:value=move || passphrase.get()
                                on:input:target=move |ev| passphrase.set(ev.target().value())
                            />
                            <button type="submit" class="we-button" data-testid="link-unlock">"Unlock"</button>
                            {move || unlock_error.get().map(|e| view! { <span class="we-note--error" data-testid="link-unlock-error" role="alert">{e}</span> })}
                        </form>
                    })}
                </div>
            }.into_any()),
        }}
    }
}
