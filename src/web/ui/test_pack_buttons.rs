use leptos::prelude::*;

use super::echo_state::fresh_test_pack;
use super::share_panel::download;
use crate::echo::test_pack::Language;

/// The media type a pack's file is saved with.
pub(super) fn mime(language: Language) -> &'static str {
    match language {
        Language::Node => "text/javascript",
        Language::Python => "text/x-python",
        Language::Go => "text/x-go",
        Language::Rust => "text/x-rust",
        Language::Php => "application/x-php",
        Language::Ruby => "text/x-ruby",
        Language::Java => "text/x-java",
        Language::Csharp => "text/x-csharp",
    }
}

/// "Download a test pack": one file of tests per language that calls the reader's own verify
/// function. Made in the page under a test secret of its own; nothing leaves the page.
#[component]
pub fn TestPackPanel() -> impl IntoView {
    // What the last download did: the pack saved, or why none was.
    let said = RwSignal::new(None::<Result<Language, String>>);
    let save = move |language: Language| {
        let saved = fresh_test_pack(language)
            .map_err(str::to_string)
            .and_then(|pack| download(pack.file_name, &pack.text, mime(language)));
        said.set(Some(saved.map(|()| language).map_err(|problem| format!("The file could not be made: {problem}."))));
    };
    view! {
        <section class="we-panel we-test-pack" aria-labelledby="test-pack-title">
            <div class="we-panel__head">
                <h2 id="test-pack-title" class="we-panel__title">"Download a test pack"</h2>
            </div>
            <p class="we-field__hint">
                "Tests for your own verify function, one file with no dependencies: genuine deliveries it must "
                "accept, and the usual mistakes it must reject (a re-serialised, trimmed or decoded body, a prefix "
                "or includes comparison, a missing header). Each failing case names the mistake and the fix. "
                "Signed with a test secret made for the pack, never yours."
            </p>
            <div class="we-field__row we-field__row--wrap">
                {Language::ALL
                    .into_iter()
                    .map(|language| view! {
                        <button
                            type="button"
                            class="we-button"
                            data-testid=format!("test-pack-{}", language.id())
                            aria-label=format!("{} test pack ({})", language.label(), language.file_name())
                            on:click=move |_| save(language)
                        >
                            {language.label()}
                        </button>
                    })
                    .collect_view()}
            </div>
            {move || said.get().map(|saved| match saved {
                Ok(language) => view! {
                    <p class="we-note" data-testid="test-pack-status" role="status">
                        "Saved " <code>{language.file_name()}</code> ". Run it with " <code>{language.run_command()}</code>
                    </p>
                }.into_any(),
                Err(text) => view! {
                    <p class="we-note we-note--error" data-testid="test-pack-status" role="alert">{text}</p>
                }.into_any(),
            })}
        </section>
    }
}
