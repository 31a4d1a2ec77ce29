use leptos::prelude::*;

use super::storage;
use crate::stacks::{Choice, Language, STACKS};

/// The stack the person chose: the fixes speak its idioms and the Echo tab shows its receiver.
/// Remembered like the theme (it is not a secret), never sent anywhere.
#[derive(Clone, Copy)]
pub struct StackChoice(pub RwSignal<Choice>);

impl StackChoice {
    /// The page's one choice: "any stack" as at build time, then as stored (an unknown id is
    /// "any stack").
    pub fn provide() -> Self {
        let choice = StackChoice(RwSignal::new(Choice::default()));
        Effect::new(move |_| choice.0.set(storage::stack().and_then(|id| Choice::from_id(&id)).unwrap_or_default()));
        provide_context(choice);
        choice
    }

    /// The page's choice; "any stack" outside the page (a component tested alone).
    pub fn get() -> Choice {
        use_context::<StackChoice>().map_or(Choice::Any, |StackChoice(choice)| choice.get())
    }

    pub fn set(self, choice: Choice) {
        storage::set_stack(choice.id());
        self.0.set(choice);
    }
}

/// "Your stack": any stack, or one of the table's, grouped by language.
#[component]
pub fn StackPicker() -> impl IntoView {
    let choice = use_context::<StackChoice>().unwrap_or_else(StackChoice::provide);
    view! {
        <label class="we-stack">
            <span class="we-stack__label">"Your stack"</span>
            <select
                class="we-stack__select"
                data-testid="stack-picker"
                prop:value=move || choice.0.get().id()
                on:change=move |ev| {
                    if let Some(picked) = Choice::from_id(&event_target_value(&ev)) {
                        choice.set(picked);
                    }
                }
            >
                <option value="any">"Any stack"</option>
                {Language::ALL
                    .into_iter()
                    .map(|language| view! {
                        <optgroup label=language.label()>
                            // A language alone (`--stack php`, a stored choice): its frameworks' words.
                            <option value=language.id()>{format!("{} · any framework", language.label())}</option>
                            {STACKS
                                .iter()
                                .filter(move |s| s.language == language)
                                .map(|s| view! { <option value=s.id>{s.label()}</option> })
                                .collect_view()}
                        </optgroup>
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
