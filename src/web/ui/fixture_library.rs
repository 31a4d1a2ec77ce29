use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::file_picker::FilePicker;
use super::random::{now_unix_millis, random_bytes};
use super::share::Page;
use super::share_panel::download;
use crate::echo::test_pack::{self, Language, PACK_ENTROPY_LEN};
use crate::share::library::{is_json_name, Library, Offered, Row, Rows, MAX_ENTRIES_WALKED};

/// A file the person chose or dropped, by the name the list knows it by (its path inside the
/// folder opened). A name that is not `.json` needs no file: it is only counted.
struct Chosen {
    name: String,
    file: Option<web_sys::File>,
}

/// The fixture library: many fixture files, or a folder of them, each listed with its verdict
/// under the secret as it is typed. Files are read in the page, one at a time, and kept in
/// memory only; the list is never stored.
#[component]
pub fn FixtureLibrary(page: Page) -> impl IntoView {
    let library = RwSignal::new(Library::default());
    // One HMAC per new file as files arrive; one per file when the secret changes.
    let rows = Memo::new(move |previous: Option<&Rows>| {
        page.inputs.secret.with(|secret| library.with(|library| library.rows(secret, previous)))
    });
    let summary = Memo::new(move |_| rows.with(|rows| library.with(|library| library.summary(rows.counts))));
    let progress = Memo::new(move |_| library.with(Library::progress));
    let readable = Memo::new(move |_| library.with(|library| library.entries().iter().any(|e| e.fixture().is_some())));
    let said = RwSignal::new(None::<Result<String, String>>);
    let pack_language = RwSignal::new(Language::Node);
    let dragging = RwSignal::new(false);

    let take = move |chosen: Vec<Chosen>, walk_stopped: bool| {
        if walk_stopped {
            library.update(Library::walk_stopped);
        }
        leptos::task::spawn_local(read_all(library, chosen));
    };
    let on_files = move |input: web_sys::HtmlInputElement| {
        let (chosen, stopped) = input.files().map(|files| chosen_from(&files)).unwrap_or_default();
        // Cleared, so that choosing the same files again is a change.
        input.set_value("");
        take(chosen, stopped);
    };
    let on_dragover = move |ev: leptos::ev::DragEvent| {
        let carries_files = ev
            .data_transfer()
            .is_some_and(|data| data.types().iter().any(|t| t.as_string().as_deref() == Some("Files")));
        if carries_files {
            // Without this the browser opens the file in place of the page.
            ev.prevent_default();
            dragging.set(true);
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        dragging.set(false);
        let Some(data) = ev.data_transfer() else { return };
        ev.prevent_default();
        // The entries are the drop's only while the event is dispatched: taken now, walked after.
        let items = data.items();
        let mut roots = Vec::new();
        let mut files = Vec::new();
        for index in 0..items.length() {
            let Some(item) = items.get(index) else { continue };
            if item.kind() != "file" {
                continue;
            }
            match item.webkit_get_as_entry() {
                Ok(Some(entry)) => roots.push(entry),
                _ => files.extend(item.get_as_file().ok().flatten()),
            }
        }
        leptos::task::spawn_local(async move {
            let (mut chosen, stopped) = walk(roots).await;
            chosen.extend(files.into_iter().map(|file| Chosen { name: file.name(), file: Some(file) }));
            take(chosen, stopped);
        });
    };
    let open = move |id: u64, shown_name: String| {
        let Some(fixture) = library.with_untracked(|library| library.entry(id).and_then(|e| e.fixture().cloned()))
        else {
            return;
        };
        // As "Open a file…" opens one; named by its shown form, since the page says where the
        // body came from.
        page.open_file(fixture, &shown_name);
        said.set(Some(Ok(format!("Opened {shown_name}: it is on the page above, as a shared link shows it."))));
        if let Some(window) = super::browser_window() {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
    };
    let clear = move |_| {
        library.update(Library::clear);
        said.set(None);
    };
    let save_pack = move |_| {
        let language = pack_language.get_untracked();
        let fixtures: Vec<_> = library
            .with_untracked(Library::fixtures)
            .into_iter()
            .map(|(name, fixture)| (name.rsplit('/').next().unwrap_or_default().to_string(), fixture))
            .collect();
        let saved = random_bytes::<PACK_ENTROPY_LEN>()
            .map_err(str::to_string)
            .map(|entropy| test_pack::build_with_fixtures(language, now_unix_millis(), &entropy, &fixtures))
            .and_then(|pack| {
                download(pack.file_name, &pack.text, super::test_pack_buttons::mime(language)).map(|()| pack.file_name)
            });
        said.set(Some(match saved {
            Ok(file) => Ok(format!(
                "Saved {file}, the test pack with these fixtures as cases (those that cannot be one are named in it, \
                 with why). Run it with {}",
                language.run_command()
            )),
            Err(problem) => Err(format!("The file could not be made: {problem}.")),
        }));
    };

    view! {
        <section class="we-panel we-library" aria-labelledby="library-title">
            <div class="we-panel__head">
                <h2 id="library-title" class="we-panel__title">"Fixture library"</h2>
            </div>
            <p class="we-field__hint">
                {move || format!("Open many fixture files, or a whole folder of them, and see each one's verdict under {}. ", page.secret_origin().whose())}
                "They are read in this page and kept nowhere."
            </p>
            <div
                class="we-library__drop"
                class:we-library__drop--dragging=move || dragging.get()
                data-testid="fixture-library-drop"
                on:dragover=on_dragover
                on:dragenter=on_dragover
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop
            >
                <FilePicker
                    label="Open fixtures…"
                    testid="fixture-library-files"
                    accept=".json,application/json"
                    multiple=true
                    on_change=on_files
                />
                <FilePicker label="Open a folder…" testid="fixture-library-folder" folder=true on_change=on_files />
                <span class="we-field__meta">"or drop files and folders here"</span>
            </div>
            {move || progress.get().map(|progress| view! {
                <p class="we-progress" data-testid="fixture-library-progress" role="status">
                    <progress max=progress.of value=progress.read aria-label="Reading the files"></progress>
                    {progress.sentence()}
                </p>
            })}
            {move || summary.get().map(|summary| view! {
                <p class="we-library__summary" data-testid="fixture-library-summary" role="status">{summary}</p>
            })}
            // Focusable, so that a list of unreadable files (no buttons) still scrolls by keyboard.
            <ul
                class="we-library__list"
                data-testid="fixture-library"
                tabindex="0"
                aria-label="Fixtures opened"
                hidden=move || rows.with(|r| r.rows.is_empty())
            >
                <For each=move || rows.with(|r| r.rows.clone()) key=|row| row.clone() let:row>
                    {row_view(row, open)}
                </For>
            </ul>
            <div class="we-field__row we-field__row--wrap">
                <label class="we-stack">
                    "Test pack in"
                    <select
                        class="we-stack__select"
                        data-testid="fixture-library-pack-language"
                        prop:value=move || pack_language.get().id()
                        on:change=move |ev| {
                            if let Some(language) = Language::from_id(&event_target_value(&ev)) {
                                pack_language.set(language);
                            }
                        }
                    >
                        {Language::ALL
                            .into_iter()
                            .map(|language| view! { <option value=language.id()>{language.label()}</option> })
                            .collect_view()}
                    </select>
                </label>
                <button
                    type="button"
                    class="we-button"
                    data-testid="fixture-library-pack"
                    disabled=move || !readable.get() || progress.with(Option::is_some)
                    on:click=save_pack
                >
                    "Download a test pack with these fixtures"
                </button>
                <button
                    type="button"
                    class="we-button we-button--quiet"
                    data-testid="fixture-library-clear"
                    disabled=move || rows.with(|r| r.rows.is_empty()) && progress.with(Option::is_none) && summary.with(Option::is_none)
                    on:click=clear
                >
                    "Clear the list"
                </button>
            </div>
            {move || said.get().map(|said| match said {
                Ok(text) => view! { <p class="we-note" data-testid="fixture-library-status" role="status">{text}</p> }.into_any(),
                Err(text) => view! { <p class="we-note we-note--error" data-testid="fixture-library-status" role="alert">{text}</p> }.into_any(),
            })}
        </section>
    }
}

/// One file's row: everything in it is text the core made safe to show.
fn row_view(row: Row, open: impl Fn(u64, String) + Copy + 'static) -> impl IntoView {
    let Row { id, name, shown_name, event, note, verdict, case, secret, error } = row;
    let verdict_class = format!("we-library__verdict we-library__verdict--{}", verdict.as_str());
    let opens = error.is_none();
    let error_attribute = error.clone();
    let open_name = shown_name.clone();
    view! {
        <li
            class="we-library__item"
            data-testid="fixture-library-item"
            data-name=name
            data-verdict=verdict.as_str()
            data-secret=secret.as_str()
            data-error=error_attribute
        >
            <div class="we-library__line">
                <bdi class="we-library__name" data-testid="fixture-library-name">{shown_name}</bdi>
                <span class=verdict_class data-testid="fixture-library-verdict">{verdict.words()}</span>
                {opens.then(|| view! {
                    <button
                        type="button"
                        class="we-button we-button--small"
                        data-testid="fixture-library-open"
                        on:click=move |_| open(id, open_name.clone())
                    >
                        "Open"
                    </button>
                })}
            </div>
            {(event.is_some() || case.is_some()).then(|| view! {
                <p class="we-library__meta">
                    {event.map(|event| view! { <span data-testid="fixture-library-event">{event}</span> })}
                    {case.map(|case| view! { <span data-testid="fixture-library-case">{case}</span> })}
                </p>
            })}
            {(!note.is_empty()).then(|| view! {
                <p class="we-library__note">"Note: " <q data-testid="fixture-library-note"><bdi>{note}</bdi></q></p>
            })}
            {secret.sentence().map(|sentence| view! {
                <p class="we-library__secret" data-testid="fixture-library-secret">{sentence}</p>
            })}
            {error.map(|shown| view! { <p class="we-library__error" data-testid="fixture-library-error">{shown}</p> })}
        </li>
    }
}

/// The files of an `<input type=file>`, named by their path inside the folder chosen (a folder
/// input's `webkitRelativePath`) or their name; at most `MAX_ENTRIES_WALKED`, and whether there
/// were more.
fn chosen_from(files: &web_sys::FileList) -> (Vec<Chosen>, bool) {
    let count = files.length() as usize;
    let chosen = (0..files.length())
        .take(MAX_ENTRIES_WALKED)
        .filter_map(|index| files.get(index))
        .map(|file| {
            let relative = js_sys::Reflect::get(&file, &JsValue::from_str("webkitRelativePath"))
                .ok()
                .and_then(|path| path.as_string())
                .filter(|path| !path.is_empty());
            let name = relative.unwrap_or_else(|| file.name());
            let file = is_json_name(&name).then_some(file);
            Chosen { name, file }
        })
        .collect();
    (chosen, count > MAX_ENTRIES_WALKED)
}

/// Walks dropped folders through their directory readers, at most `MAX_ENTRIES_WALKED` entries;
/// says whether it stopped there. A `.json` file's `File` is asked for; other names are only
/// counted.
async fn walk(roots: Vec<web_sys::FileSystemEntry>) -> (Vec<Chosen>, bool) {
    let mut chosen = Vec::new();
    let mut to_visit = roots;
    let mut looked_at = 0;
    while let Some(entry) = to_visit.pop() {
        looked_at += 1;
        if looked_at > MAX_ENTRIES_WALKED {
            return (chosen, true);
        }
        let name = entry.full_path().trim_start_matches('/').to_string();
        if entry.is_directory() {
            let reader = entry.unchecked_into::<web_sys::FileSystemDirectoryEntry>().create_reader();
            // A reader gives its entries in batches (100 in Chromium) until an empty one.
            loop {
                let batch = callback_promise(|done, failed| {
                    let _ = reader.read_entries_with_callback_and_callback(done, failed);
                })
                .await;
                let Ok(batch) = batch.map(|batch| js_sys::Array::from(&batch)) else { break };
                if batch.length() == 0 {
                    break;
                }
                to_visit.extend(batch.iter().map(JsCast::unchecked_into::<web_sys::FileSystemEntry>));
                if looked_at + to_visit.len() > MAX_ENTRIES_WALKED {
                    break;
                }
            }
        } else if entry.is_file() {
            // A `.json` file's `File`; one the browser will not give is listed as unreadable.
            let file = if is_json_name(&name) {
                let entry = entry.unchecked_into::<web_sys::FileSystemFileEntry>();
                callback_promise(|done, failed| entry.file_with_callback_and_callback(done, failed))
                    .await
                    .ok()
                    .map(JsCast::unchecked_into::<web_sys::File>)
            } else {
                None
            };
            chosen.push(Chosen { name, file });
        }
    }
    (chosen, false)
}

/// A callback-style API's answer as a future.
async fn callback_promise(call: impl FnOnce(&js_sys::Function, &js_sys::Function)) -> Result<JsValue, JsValue> {
    let mut call = Some(call);
    let promise = js_sys::Promise::new(&mut |done, failed| {
        if let Some(call) = call.take() {
            call(&done, &failed);
        }
    });
    JsFuture::from(promise).await
}

/// Reads the chosen files into the list, one at a time, the page's event loop running between
/// them, so that the page answers typing while hundreds are read.
async fn read_all(library: RwSignal<Library>, chosen: Vec<Chosen>) {
    let offered: Vec<Offered> = chosen
        .iter()
        .map(|c| Offered { name: c.name.clone(), size: c.file.as_ref().map_or(0, |file| file.size() as u64) })
        .collect();
    let Some(tickets) = library.try_update(|library| library.offer(&offered)) else { return };
    for (index, ticket) in tickets {
        if !library.try_with_untracked(|library| library.wants(ticket)).unwrap_or(false) {
            continue;
        }
        let bytes = match chosen.get(index).and_then(|c| c.file.as_ref()) {
            Some(file) => JsFuture::from(file.array_buffer())
                .await
                .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec())
                .map_err(|_| "The browser could not read it.".to_string()),
            None => Err("The browser would not give this file.".to_string()),
        };
        if library.try_update(|library| library.read(ticket, bytes.as_deref().map_err(Clone::clone))).is_none() {
            return;
        }
        next_turn().await;
    }
}

/// Lets the event loop run (input, rendering) before going on.
async fn next_turn() {
    let _ = callback_promise(|done, _| {
        let scheduled = super::browser_window().is_some_and(|window| window.set_timeout_with_callback(done).is_ok());
        if !scheduled {
            let _ = done.call0(&JsValue::NULL);
        }
    })
    .await;
}
