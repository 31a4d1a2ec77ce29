use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::masked_input::MaskedInput;
use super::random::random_bytes;
use super::seal;
use super::share::Page;
use super::url_fragment;
use crate::diagnose::diagnosis::Diagnosis;
use crate::protocol::text::{grouped, unreadable_file};
use crate::share::fixture::{self, Fixture, FixtureError, SecretChoice, MAX_FIXTURE_BYTES, MAX_NOTE_CHARS};
use crate::share::fixture_link;
use crate::share::passphrase::{self, Weakness};
use crate::share::secret_box::{ITERATIONS, NONCE_LEN, SALT_LEN};
use crate::share::sender_verdict::SenderVerdict;
use crate::verify::verification::Verification;

/// Make a link (or a file) of what is on the page, the secret left out unless chosen, and then
/// only sealed under a passphrase. A link also carries the verdict the page shows, so that the
/// teammate sees what the sender saw.
#[component]
pub fn SharePanel(
    page: Page,
    #[prop(into)] verification: Signal<Verification>,
    #[prop(into)] diagnoses: Signal<Vec<Diagnosis>>,
    #[prop(into)] diagnosing: Signal<bool>,
) -> impl IntoView {
    let verdict =
        Memo::new(move |_| verification.with(|v| diagnoses.with(|d| SenderVerdict::to_share(v, d, diagnosing.get()))));
    let include_secret = RwSignal::new(false);
    let passphrase = RwSignal::new(String::new());
    let words = Words { loaded: RwSignal::new(false), failed: RwSignal::new(false) };
    // The word list is fetched when the seal form opens, never with the page.
    Effect::new(move |_| {
        if include_secret.get() && !words.loaded.get_untracked() {
            leptos::task::spawn_local(async move {
                words.load().await;
            });
        }
    });
    let url = RwSignal::new(String::new());
    let said = RwSignal::new(None::<(bool, String)>);
    let file_error = RwSignal::new(None::<String>);
    let sealing = RwSignal::new(false);
    let url_field = NodeRef::<leptos::html::Input>::new();
    // A link shows what was on the page when it was made: any change after marks it out of date.
    let stale = RwSignal::new(false);
    // Whether anything a link carries changed since the link being made was begun.
    let changed_while_making = StoredValue::new(false);
    Effect::new(move |first: Option<()>| {
        page.body_bytes.track();
        page.inputs.headers_text.track();
        page.inputs.secret.track();
        page.sharing.note.track();
        page.echo.event.track();
        verdict.track();
        include_secret.track();
        passphrase.track();
        if first.is_some() {
            stale.set(true);
            changed_while_making.set_value(true);
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
        if !include_secret.get_untracked() || secret.is_empty() {
            return Ok(make(SecretChoice::LeaveOut));
        }
        if let Some(refused) = fixture::secret_too_long(&secret) {
            return Err(refused);
        }
        let typed = seal::normalize(&passphrase.get_untracked());
        let list = words.load().await;
        passphrase::judge(&typed, &secret, list.as_deref())
            .map_err(|weak| format!("The secret was not sealed: {weak}"))?;
        let refused = |why: &str| format!("The secret was not sealed: {why}. Nothing was made.");
        let salt = random_bytes::<SALT_LEN>().map_err(refused)?;
        let nonce = random_bytes::<NONCE_LEN>().map_err(refused)?;
        sealing.set(true);
        let key = seal::derive_key(&typed, &salt).await;
        sealing.set(false);
        let key = key.map_err(|why| refused(&why))?;
        Ok::<_, String>(make(SecretChoice::Seal { key: &key, salt, nonce }))
    };
    let share = move |_| {
        leptos::task::spawn_local(async move {
            let shown = verdict.get_untracked();
            changed_while_making.set_value(false);
            let fixture = match fixture().await {
                Ok(fixture) => fixture,
                Err(message) => {
                    said.set(Some((false, message)));
                    return;
                }
            };
            let link = url_fragment::link_to(&fixture_link::encode_with_verdict(&fixture, shown.as_ref()));
            url.set(link.clone());
            stale.set(changed_while_making.get_value());
            let Some(window) = web_sys::window() else { return };
            let copied = JsFuture::from(window.navigator().clipboard().write_text(&link)).await.is_ok();
            if copied {
                said.set(Some((true, format!("Link copied: {} characters.", link.len()))));
            } else {
                // The clipboard was refused (permissions, an insecure context): select the link
                // so that one keystroke copies it.
                if let Some(field) = url_field.get_untracked() {
                    let _ = field.focus();
                    field.select();
                }
                said.set(Some((
                    false,
                    "The browser refused the clipboard: the link is selected, press Ctrl+C (⌘C) to copy it.".into(),
                )));
            }
        });
    };
    let export = move |_| {
        leptos::task::spawn_local(async move {
            let made = fixture().await.and_then(|fixture| {
                // Its library name, as `listen --save` and `fixture new` write it.
                download(&fixture.file_name(|_| false), &fixture.to_pretty_json(), "application/json")
                    .map_err(|problem| format!("The file could not be made: {problem}."))
            });
            match made {
                Ok(()) => file_error.set(None),
                Err(message) => file_error.set(Some(message)),
            }
        });
    };
    let import = move |ev: leptos::ev::Targeted<web_sys::Event, web_sys::HtmlInputElement>| {
        let input = ev.target();
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        let name = file.name();
        if file.size() > MAX_FIXTURE_BYTES as f64 {
            file_error.set(Some(format!("{} Nothing was changed.", FixtureError::TooLarge)));
            input.set_value("");
            return;
        }
        leptos::task::spawn_local(async move {
            let result = match JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => Fixture::from_json(&js_sys::Uint8Array::new(&buffer).to_vec())
                    .map_err(|e| format!("{e} Nothing was changed.")),
                Err(_) => Err(unreadable_file(&name)),
            };
            match result {
                Ok(fixture) => {
                    page.open_file(fixture, &name);
                    file_error.set(None);
                    said.set(Some((true, format!("Opened {name}."))));
                }
                Err(message) => file_error.set(Some(message)),
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
            </div>
            <SealChoice include_secret=include_secret passphrase=passphrase words=words framed=page.framed secret=page.inputs.secret said=said />
            {move || sealing.get().then(|| view! {
                <p class="we-progress" data-testid="share-sealing" role="status">
                    <progress aria-label="Sealing"></progress>
                    {format!("Sealing the secret: {} rounds of PBKDF2, in the browser's own crypto…", grouped(ITERATIONS as usize))}
                </p>
            })}
            {move || verdict.with(|v| v.as_ref().map(|v| view! {
                <p class="we-field__hint" data-testid="share-verdict">{v.in_link_sentence()}</p>
            }))}
            <div class="we-field__row we-field__row--wrap">
                <button type="button" class="we-button we-button--primary" data-testid="share" disabled=move || sealing.get() on:click=share>"Copy a link"</button>
                <button type="button" class="we-button" data-testid="fixture-export" disabled=move || sealing.get() on:click=export>"Save as a file"</button>
                <label class="we-button we-button--quiet we-file">
                    <input type="file" accept=".json,application/json" class="we-visually-hidden" data-testid="fixture-import" aria-label="Open a file…" on:change:target=import />
                    <span aria-hidden="true">"Open a file…"</span>
                </label>
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
            {move || (stale.get() && !url.with(String::is_empty)).then(|| view! {
                <p class="we-note we-note--warning" data-testid="share-stale" role="status">
                    "The page changed since this link was made: copy a new one to share what is there now."
                </p>
            })}
            {move || said.get().map(|(ok, text)| view! {
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

/// Whether the word list `passphrase::judge` reads typed passphrases against is there
/// (`seal::words`), or could not be had.
#[derive(Clone, Copy)]
struct Words {
    loaded: RwSignal<bool>,
    failed: RwSignal<bool>,
}

impl Words {
    /// The list, fetched if it is not there yet (again after a failure).
    async fn load(self) -> Option<std::rc::Rc<passphrase::WordList>> {
        let list = seal::load_words().await;
        self.loaded.set(list.is_some());
        self.failed.set(list.is_none());
        list
    }
}

/// Whether the secret goes in the link, and the passphrase it is then sealed under: generated
/// from the platform's CSPRNG (offered first), or typed and judged as it is typed.
#[component]
fn SealChoice(
    include_secret: RwSignal<bool>,
    passphrase: RwSignal<String>,
    words: Words,
    framed: bool,
    secret: RwSignal<String>,
    said: RwSignal<Option<(bool, String)>>,
) -> impl IntoView {
    let judged = Memo::new(move |_| {
        words.loaded.track();
        let list = seal::words();
        passphrase.with(|p| secret.with(|secret| passphrase::judge(&seal::normalize(p), secret, list.as_deref())))
    });
    let loading = move || !words.loaded.get() && !words.failed.get();

    let generate = move |_| match random_bytes::<{ passphrase::ENTROPY_BYTES }>() {
        Ok(entropy) => passphrase.set(passphrase::generate(&entropy)),
        Err(why) => said.set(Some((false, format!("No passphrase was generated: {why}.")))),
    };
    view! {
        <label class="we-choice we-share__include">
            <input
                type="checkbox"
                data-testid="share-include-secret"
                disabled=framed
                prop:checked=move || include_secret.get()
                on:change:target=move |ev| include_secret.set(ev.target().checked())
            />
            <span>"Include the secret, sealed with a passphrase"</span>
        </label>
        {move || if include_secret.get() {
            view! {
                <div class="we-note we-note--warning" data-testid="share-secret-warning" role="alert">
                    <strong>"Anyone with this link and its passphrase can sign deliveries your server will accept."</strong>
                    {format!(
                        " The secret is sealed with ChaCha20-Poly1305 under a key derived from the passphrase ({} rounds of \
                         PBKDF2). Send the passphrase another way than the link.",
                        grouped(ITERATIONS as usize)
                    )}
                    <div class="we-field__row we-field__row--wrap">
                        <button type="button" class="we-button" data-testid="share-passphrase-generate" on:click=generate>
                            "Generate a passphrase"
                        </button>
                        <MaskedInput
                            masked=false
                            value=passphrase
                            on_input=move |text| passphrase.set(text)
                            testid="share-passphrase"
                            class="we-input we-input--mono we-share__passphrase"
                            {..}
                            aria-label="Passphrase to seal the secret"
                            aria-describedby="share-passphrase-verdict"
                            placeholder="or type a passphrase"
                        />
                    </div>
                    <span class="we-field__hint" id="share-passphrase-verdict" data-testid="share-passphrase-verdict"
                        data-strong=move || judged.with(Result::is_ok).to_string()>
                        {move || match (passphrase.with(String::is_empty), judged.get()) {
                            (true, _) => "A link that includes the secret always seals it: generate a passphrase, or type one.".to_string(),
                            (false, Err(Weakness::Unchecked)) if loading() => "Checking it against common passwords, words and names…".to_string(),
                            (false, Err(weak)) => weak.to_string(),
                            (false, Ok(())) => "Strong enough. Send it by another channel than the link.".to_string(),
                        }}
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
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let anchor: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(|_| "no anchor".to_string())?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
