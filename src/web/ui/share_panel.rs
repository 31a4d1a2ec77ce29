use leptos::prelude::*;

use super::handover;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::file_picker::FilePicker;
use super::masked_input::MaskedInput;
use super::random::random_bytes;
use super::seal;
use super::share::Page;
use super::url_fragment;
use crate::diagnose::diagnosis::Diagnosis;
use crate::page::sealing::{self, Said, Sealing, SecretPlan};
use crate::protocol::limits::MAX_NOTE_CHARS;
use crate::share::fixture::{Fixture, SecretChoice};
use crate::share::fixture_link;
use crate::share::passphrase;
use crate::share::secret_box::{NONCE_LEN, SALT_LEN};
use crate::share::sender_verdict::SenderVerdict;
use crate::verify::verification::Verification;

/// Make a link (or a file) of what is on the page, the secret left out unless chosen, and then
/// only sealed under a passphrase. A link also carries the verdict the page shows, so that the
/// teammate sees what the sender saw. What each step decides is `page::sealing`'s.
#[component]
pub fn SharePanel(
    page: Page,
    #[prop(into)] verification: Signal<Verification>,
    #[prop(into)] diagnoses: Signal<Vec<Diagnosis>>,
    #[prop(into)] diagnosing: Signal<bool>,
) -> impl IntoView {
    let verdict =
        Memo::new(move |_| verification.with(|v| diagnoses.with(|d| SenderVerdict::to_share(v, d, diagnosing.get()))));
    let state = RwSignal::new(Sealing::default());
    let sealing = Memo::new(move |_| state.with(|s| s.sealing));
    let url = Memo::new(move |_| state.with(|s| s.link.clone()));
    let stale = Memo::new(move |_| state.with(|s| s.stale));
    let shows_stale = Memo::new(move |_| state.with(Sealing::shows_stale));
    let said = Memo::new(move |_| state.with(|s| s.said.clone()));
    let file_error = Memo::new(move |_| state.with(|s| s.file_error.clone()));
    let url_field = NodeRef::<leptos::html::Input>::new();
    // A link shows what was on the page when it was made: any change after marks it out of date
    // (the seal form's own changes are its events).
    Effect::new(move |first: Option<()>| {
        page.body_bytes.track();
        page.inputs.headers_text.track();
        page.inputs.secret.track();
        page.sharing.note.track();
        page.echo.event.track();
        verdict.track();
        if first.is_some() {
            state.update(Sealing::page_changed);
        }
    });
    // The fixture to share: the secret left out, or sealed. The key comes from the browser's
    // PBKDF2, off the page's thread; salt and nonce from its CSPRNG, or nothing is sealed.
    // Everything is read before the key is awaited: a link made while a new delivery arrives
    // still pairs one delivery's work, secret and verdict (and is marked out of date).
    let fixture = move || async move {
        let work = page.work();
        let secret = page.inputs.secret.get_untracked();
        let make = |choice| Fixture::of(work.as_work(), &secret, choice);
        match state.with_untracked(|s| s.plan(&secret)) {
            SecretPlan::LeaveOut => return Ok(make(SecretChoice::LeaveOut)),
            SecretPlan::Refuse(refused) => return Err(refused),
            SecretPlan::Seal => {}
        }
        let typed = state.with_untracked(|s| seal::normalize(&s.passphrase));
        let list = load_words(state).await;
        Sealing::judged_for_sealing(passphrase::judge(&typed, &secret, list.as_deref()))?;
        let salt = random_bytes::<SALT_LEN>().map_err(Sealing::not_sealed)?;
        let nonce = random_bytes::<NONCE_LEN>().map_err(Sealing::not_sealed)?;
        state.update(Sealing::key_started);
        let key = seal::derive_key(&typed, &salt).await;
        state.update(Sealing::key_done);
        let key = key.map_err(|why| Sealing::not_sealed(&why))?;
        Ok::<_, String>(make(SecretChoice::Seal { key: &key, salt, nonce }))
    };
    let share = move |_| {
        leptos::task::spawn_local(async move {
            let shown = verdict.get_untracked();
            state.update(Sealing::begin_link);
            let fixture = match fixture().await {
                Ok(fixture) => fixture,
                Err(message) => {
                    state.update(|s| s.link_refused(message));
                    return;
                }
            };
            let link = url_fragment::link_to(&fixture_link::encode_with_verdict(&fixture, shown.as_ref()));
            state.update(|s| s.link_made(link.clone()));
            let Some(window) = super::browser_window() else { return };
            let copied = JsFuture::from(window.navigator().clipboard().write_text(&link)).await.is_ok();
            if !copied {
                // The clipboard was refused (permissions, an insecure context): select the link
                // so that one keystroke copies it.
                if let Some(field) = url_field.get_untracked() {
                    let _ = field.focus();
                    field.select();
                }
            }
            state.update(|s| s.link_copied(&link, copied));
        });
    };
    let export = move |_| {
        leptos::task::spawn_local(async move {
            let made = fixture().await.and_then(|fixture| {
                // Its library name, as `listen --save` and `fixture new` write it.
                download(&fixture.file_name(|_| false), &fixture.to_pretty_json(), "application/json")
                    .map_err(|problem| Sealing::file_not_made(&problem))
            });
            state.update(|s| s.exported(made));
        });
    };
    let import = move |input: web_sys::HtmlInputElement| {
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        let name = file.name();
        if !state.try_update(|s| s.file_chosen(file.size())).unwrap_or(false) {
            input.set_value("");
            return;
        }
        leptos::task::spawn_local(async move {
            match JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => match Fixture::from_json(&js_sys::Uint8Array::new(&buffer).to_vec()) {
                    Ok(fixture) => {
                        page.open_file(fixture, &name);
                        state.update(|s| s.file_opened(&name));
                    }
                    Err(error) => state.update(|s| s.file_refused(&error)),
                },
                Err(_) => state.update(|s| s.file_unreadable(&name)),
            }
            input.set_value("");
        });
    };

    view! {
        <section class="we-panel we-share" aria-labelledby="share-title">
            <div class="we-panel__head">
                <h2 id="share-title" class="we-panel__title">"Share this fixture"</h2>
            </div>
            <p class="we-field__hint">
                "A link that restores the body byte for byte, the headers, the event and your note. It lives in the "
                "address's #fragment, which browsers never send to a server."
            </p>
            <div class="we-field">
                <label class="we-field__label" for="share-note">"Note for your teammate"</label>
                {handover::kept_from_restoring(view! {
                    <textarea
                        id="share-note"
                        class="we-input we-textarea we-textarea--note"
                        data-testid="share-note"
                        rows="2"
                        maxlength=MAX_NOTE_CHARS.to_string()
                        placeholder="e.g. our receiver says 401 since the deploy on Tuesday"
                        prop:value=move || page.sharing.note.get()
                        on:input:target=move |ev| page.sharing.note.set(ev.target().value())
                    ></textarea>
                })}
            </div>
            <SealChoice state=state framed=page.framed secret=page.inputs.secret />
            {move || sealing.get().then(|| view! {
                <p class="we-progress" data-testid="share-sealing" role="status">
                    <progress aria-label="Sealing"></progress>
                    {sealing::sealing_progress()}
                </p>
            })}
            {move || verdict.with(|v| v.as_ref().map(|v| view! {
                <p class="we-field__hint" data-testid="share-verdict">{v.in_link_sentence()}</p>
            }))}
            <div class="we-field__row we-field__row--wrap">
                <button type="button" class="we-button we-button--primary" data-testid="share" disabled=move || sealing.get() on:click=share>"Copy a link"</button>
                <button type="button" class="we-button" data-testid="fixture-export" disabled=move || sealing.get() on:click=export>"Save as a file"</button>
                <FilePicker
                    label="Open a file…"
                    testid="fixture-import"
                    quiet=true
                    accept=".json,application/json"
                    on_change=import
                />
            </div>
            <input
                class="we-input we-input--mono we-share__url"
                data-testid="share-url"
                node_ref=url_field
                readonly
                aria-label="Share link"
                placeholder="the link appears here"
                prop:value=move || url.get()
                class:we-share__url--stale=move || stale.get()
            />
            {move || shows_stale.get().then(|| view! {
                <p class="we-note we-note--warning" data-testid="share-stale" role="status">
                    "The page changed since this link was made: copy a new one to share what is there now."
                </p>
            })}
            {move || said.get().map(|Said { ok, text }| view! {
                <p class=if ok { "we-note" } else { "we-note we-note--warning" } data-testid="share-status" role="status">{text}</p>
            })}
            {move || file_error.get().map(|text| view! {
                <p class="we-note we-note--error" data-testid="fixture-file-error" role="alert">{text}</p>
            })}
            {move || page.sharing.save_problem.get().map(|why| view! {
                <p class="we-field__hint">"Work in progress is not kept across reloads: " {why} "."</p>
            })}
        </section>
    }
}

/// The word list `passphrase::judge` reads typed passphrases against (`seal::words`), fetched if
/// it is not there yet (again after a failure); the answer goes to `state`.
async fn load_words(state: RwSignal<Sealing>) -> Option<std::rc::Rc<passphrase::WordList>> {
    let list = seal::load_words().await;
    state.update(|s| s.words_answered(list.is_some()));
    list
}

/// Whether the secret goes in the link, and the passphrase it is then sealed under: generated
/// from the platform's CSPRNG (offered first), or typed and judged as it is typed.
#[component]
fn SealChoice(state: RwSignal<Sealing>, framed: bool, secret: RwSignal<String>) -> impl IntoView {
    let include_secret = Memo::new(move |_| state.with(|s| s.include_secret));
    let passphrase = Memo::new(move |_| state.with(|s| s.passphrase.clone()));
    let words = Memo::new(move |_| state.with(|s| s.words));
    let judged = Memo::new(move |_| {
        words.track();
        let list = seal::words();
        passphrase.with(|p| secret.with(|secret| passphrase::judge(&seal::normalize(p), secret, list.as_deref())))
    });
    let line = Memo::new(move |_| judged.with(|judged| state.with(|s| s.passphrase_line(judged))));
    let choose = move |include: bool| {
        // The word list is fetched when the seal form opens, never with the page.
        if state.try_update(|s| s.choose(include)).unwrap_or(false) {
            leptos::task::spawn_local(async move {
                load_words(state).await;
            });
        }
    };
    let generate = move |_| {
        let made = random_bytes::<{ passphrase::ENTROPY_BYTES }>()
            .map(|entropy| passphrase::generate(&entropy))
            .map_err(String::from);
        state.update(|s| s.generated(made));
    };
    view! {
        <label class="we-choice we-share__include">
            <input
                type="checkbox"
                data-testid="share-include-secret"
                disabled=framed
                prop:checked=move || include_secret.get()
                on:change:target=move |ev| choose(ev.target().checked())
            />
            <span>"Include the secret, sealed with a passphrase"</span>
        </label>
        {move || if include_secret.get() {
            view! {
                <div class="we-note we-note--warning" data-testid="share-secret-warning" role="alert">
                    <strong>"Anyone with this link and its passphrase can sign deliveries your server will accept."</strong>
                    {sealing::seal_warning()}
                    <div class="we-field__row we-field__row--wrap">
                        <button type="button" class="we-button" data-testid="share-passphrase-generate" on:click=generate>
                            "Generate a passphrase"
                        </button>
                        <MaskedInput
                            masked=false
                            value=passphrase
                            on_input=move |text| state.update(|s| s.type_passphrase(text))
                            testid="share-passphrase"
                            class="we-input we-input--mono we-share__passphrase"
                            {..}
                            aria-label="Passphrase to seal the secret"
                            aria-describedby="share-passphrase-verdict"
                            placeholder="or type a passphrase"
                        />
                    </div>
                    <span class="we-field__hint" id="share-passphrase-verdict" data-testid="share-passphrase-verdict"
                        data-strong=move || line.with(|line| line.strong.to_string())>
                        {move || line.with(|line| line.sentence.clone())}
                    </span>
                </div>
            }.into_any()
        } else {
            view! {
                <p class="we-field__hint">
                    "The secret is left out; the link carries its fingerprint, so your teammate sees whether theirs is the same."
                </p>
            }.into_any()
        }}
    }
}

/// Offers `text` as a file download (a Blob made in the page; the test packs' buttons use it too).
pub(super) fn download(name: &str, text: &str, mime: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| "no Blob".to_string())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "no object URL".to_string())?;
    let document = super::browser_window().and_then(|w| w.document()).ok_or("no document")?;
    let anchor: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(|_| "no anchor".to_string())?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
