use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The page's two tools.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    Verify,
    Echo,
}

/// The tab list that switches between the tools, as the ARIA tabs pattern has it.
#[component]
pub fn ToolTabs(tool: RwSignal<Tool>) -> impl IntoView {
    let tab = move |which: Tool, id: &'static str, label: &'static str| {
        view! {
            <button
                type="button"
                role="tab"
                class="we-tab"
                id=format!("tab-{id}")
                data-testid=format!("tab-{id}")
                aria-controls=format!("panel-{id}")
                aria-selected=move || (tool.get() == which).to_string()
                tabindex=move || if tool.get() == which { "0" } else { "-1" }
                on:click=move |_| tool.set(which)
                on:keydown=move |ev| {
                    // The ARIA tabs pattern: arrows move between the tabs, and focus follows.
                    let next = match ev.key().as_str() {
                        "ArrowRight" | "ArrowLeft" | "Home" | "End" => match tool.get_untracked() {
                            Tool::Verify => Tool::Echo,
                            Tool::Echo => Tool::Verify,
                        },
                        _ => return,
                    };
                    ev.prevent_default();
                    tool.set(next);
                    let id = match next {
                        Tool::Verify => "tab-verify",
                        Tool::Echo => "tab-echo",
                    };
                    if let Some(tab) = super::browser_window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) {
                        let _ = tab.unchecked_into::<web_sys::HtmlElement>().focus();
                    }
                }
            >
                {label}
            </button>
        }
    };

    view! {
        <nav class="we-tabs" role="tablist" aria-label="Tools">
            {tab(Tool::Verify, "verify", "Verify a delivery")}
            {tab(Tool::Echo, "echo", "Echo a delivery")}
        </nav>
    }
}
