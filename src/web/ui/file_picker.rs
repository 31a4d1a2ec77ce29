use leptos::prelude::*;
use web_sys::HtmlInputElement;

/// A button that opens the browser's file chooser: a visually hidden file input inside a label
/// styled as a button. Named once, by the input's `aria-label`: the words shown beside it are
/// `aria-hidden`, so a screen reader does not read the name a second time. The input is handed
/// to `on_change`, which reads its files and clears it, so that choosing the same file again
/// is a change.
#[component]
pub fn FilePicker(
    /// The words on the button, and the input's accessible name.
    label: &'static str,
    /// The input's `data-testid`.
    testid: &'static str,
    /// Called with the input when the person has chosen.
    on_change: impl Fn(HtmlInputElement) + 'static,
    /// A quieter button, beside a primary action.
    #[prop(optional)]
    quiet: bool,
    /// The file types offered first (the input's `accept`).
    #[prop(optional)]
    accept: Option<&'static str>,
    /// Several files at once.
    #[prop(optional)]
    multiple: bool,
    /// A whole folder (`webkitdirectory`, read by every current engine).
    #[prop(optional)]
    folder: bool,
) -> impl IntoView {
    let class = if quiet { "we-button we-button--quiet we-file" } else { "we-button we-file" };
    view! {
        <label class=class>
            <input
                type="file"
                class="we-visually-hidden"
                data-testid=testid
                aria-label=label
                accept=accept
                multiple=multiple
                prop:webkitdirectory=folder
                on:change:target=move |ev| on_change(ev.target())
            />
            <span aria-hidden="true">{label}</span>
        </label>
    }
}
