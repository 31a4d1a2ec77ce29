use std::collections::HashMap;

use leptos::prelude::*;
use wasm_bindgen::JsCast as _;
use wasm_bindgen_futures::JsFuture;

use super::clipboard::CopyButton;
use super::stack_picker::StackChoice;
use crate::stacks::{Choice, Language, Proof, SourceFile, Stack, STACKS};

/// A receiver file's text as the build serves it beside the page (`SourceFile::served_at`), or
/// why it could not be had.
async fn fetch_text(path: &str) -> Result<String, String> {
    let window = super::browser_window().ok_or("no window")?;
    let answer = JsFuture::from(window.fetch_with_str(path)).await.map_err(|_| "the request failed")?;
    let response: web_sys::Response = answer.dyn_into().map_err(|_| "not a response")?;
    if !response.ok() {
        return Err(format!("the page's server answered {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|_| "no text")?).await.map_err(|_| "the text was cut off")?;
    text.as_string().ok_or_else(|| "not text".to_string())
}

/// The receiver files asked for so far, by where they are served (`None` while one arrives):
/// each is fetched once a page, when its stack is first shown.
#[derive(Clone, Copy)]
struct Files(RwSignal<HashMap<String, Option<Result<String, String>>>>);

impl Files {
    /// Fetches the files of `stack` that were never asked for, or whose fetch failed (offline
    /// before the service worker kept them): showing the stack again tries again.
    fn fetch_missing(self, stack: &'static Stack) {
        for file in stack.files {
            let path = file.served_at(stack);
            if self.0.with_untracked(|files| matches!(files.get(&path), Some(None | Some(Ok(_))))) {
                continue;
            }
            self.0.update(|files| {
                files.insert(path.clone(), None);
            });
            let files = self.0;
            leptos::task::spawn_local(async move {
                let text = fetch_text(&path).await;
                files.try_update(|files| {
                    files.insert(path, Some(text));
                });
            });
        }
    }

    /// The file's text; `None` while it arrives.
    fn text(self, stack: &Stack, file: &SourceFile) -> Option<Result<String, String>> {
        self.0.with(|files| files.get(&file.served_at(stack)).cloned().flatten())
    }
}

/// The stack whose receiver is shown for `choice`: the stack chosen, or the first of the
/// language chosen, or the table's first for any stack.
fn shown(choice: Choice) -> &'static Stack {
    match choice {
        Choice::Stack(stack) => stack,
        Choice::Language(language) => language.stacks().next().unwrap_or(&STACKS[0]),
        Choice::Any => &STACKS[0],
    }
}

/// What a copy button copies: "the FastAPI receiver" for the file that receives,
/// "WebhookVerifier.java" for another.
fn copied_file(stack: &Stack, index: usize) -> String {
    match index {
        0 => format!("the {} receiver", stack.framework),
        _ => stack.files[index].name.to_string(),
    }
}

/// Receiver code: one tab per language and one choice per framework, both the page's stack
/// choice; the code shown is the code the tests run.
#[component]
pub fn ReceiverCode() -> impl IntoView {
    let choice = use_context::<StackChoice>().unwrap_or_else(StackChoice::provide);
    let stack = Memo::new(move |_| shown(choice.0.get()));
    let files = Files(RwSignal::new(HashMap::new()));
    Effect::new(move |_| files.fetch_missing(stack.get()));
    view! {
        <section class="we-panel" aria-labelledby="receiver-title">
            <div class="we-panel__head">
                <h2 id="receiver-title" class="we-panel__title">"Receiver code"</h2>
            </div>
            <p class="we-field__hint">
                "Reads the raw body (up to 2 MiB), verifies in constant time before parsing, answers 401 on "
                "a bad signature or a delivery more than 5 minutes old, and deduplicates retries by the body's "
                "signed id. Each one marked proven runs against webhook-echo check in our tests."
            </p>
            <div class="we-tabs we-tabs--small" role="tablist" aria-label="Language">
                {Language::ALL
                    .into_iter()
                    .map(|language| view! {
                        <button
                            type="button"
                            role="tab"
                            class="we-tab"
                            data-testid=format!("snippet-{}", language.id())
                            aria-selected=move || (stack.get().language == language).to_string()
                            on:click=move |_| {
                                if stack.get_untracked().language != language {
                                    choice.set(Choice::Stack(shown(Choice::Language(language))));
                                }
                            }
                        >
                            {language.label()}
                        </button>
                    })
                    .collect_view()}
            </div>
            <div class="we-snippet" role="tabpanel">
                <div class="we-choice-row" role="group" aria-label="Framework">
                    {move || {
                        let language = stack.get().language;
                        language
                            .stacks()
                            .map(|s| view! {
                                <button
                                    type="button"
                                    class="we-chip"
                                    data-testid=format!("snippet-{}", s.id)
                                    aria-pressed=move || (stack.get().id == s.id).to_string()
                                    on:click=move |_| choice.set(Choice::Stack(s))
                                >
                                    {s.framework}
                                </button>
                            })
                            .collect_view()
                    }}
                </div>
                {move || {
                    let s = stack.get();
                    let proof = match s.proof {
                        Proof::Run => None,
                        Proof::VerifyRunIn(other) => Some(format!(
                            "{} cannot be installed where our tests run, so this receiver is not run there; the same steps are proven in the {} receiver, and its comments say which lines the framework changes.",
                            s.framework,
                            Stack::by_id(other).map_or(other, |o| o.framework)
                        )),
                    };
                    view! {
                        {proof.map(|p| view! { <p class="we-note" data-testid="snippet-proof">{p}</p> })}
                        {s.files.iter().enumerate().map(|(index, file)| {
                            let testid = if index == 0 { "copy-snippet".to_string() } else { format!("copy-snippet-{index}") };
                            let code_testid = if index == 0 { "snippet-code".to_string() } else { format!("snippet-code-{index}") };
                            let text = move || files.text(s, file);
                            view! {
                                <div class="we-field__row">
                                    <code class="we-snippet__file">{file.name}</code>
                                    <CopyButton
                                        text=Signal::derive(move || text().and_then(Result::ok).unwrap_or_default())
                                        what=copied_file(s, index)
                                        testid=testid
                                    />
                                </div>
                                <pre class="we-code we-code--snippet" data-testid=code_testid tabindex="0" role="region" aria-label=format!("{} ({})", file.name, s.label())>
                                    {move || match text() {
                                        Some(Ok(code)) => code,
                                        Some(Err(why)) => format!("This file could not be loaded ({why}). It is {} in this project's repository.", file.served_at(s).trim_end_matches(".txt")),
                                        None => "Loading…".to_string(),
                                    }}
                                </pre>
                            }
                        }).collect_view()}
                        <dl class="we-snippet__how">
                            <dt>"Install"</dt>
                            <dd><code data-testid="snippet-install">{s.install}</code></dd>
                            <dt>"Run"</dt>
                            <dd><code data-testid="snippet-run">{s.run}</code></dd>
                        </dl>
                    }
                }}
            </div>
        </section>
    }
}
