use leptos::prelude::*;

use super::storage;

/// Light or dark: the system's choice unless the person picks one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    fn name(self) -> Option<&'static str> {
        match self {
            Self::System => None,
            Self::Light => Some("light"),
            Self::Dark => Some("dark"),
        }
    }

    fn from_name(name: Option<&str>) -> Self {
        match name {
            Some("light") => Self::Light,
            Some("dark") => Self::Dark,
            _ => Self::System,
        }
    }

    fn next(self) -> Self {
        match self {
            Self::System => Self::Light,
            Self::Light => Self::Dark,
            Self::Dark => Self::System,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::System => "Theme: system",
            Self::Light => "Theme: light",
            Self::Dark => "Theme: dark",
        }
    }
}

fn apply(theme: Theme) {
    let Some(root) = super::browser_window().and_then(|w| w.document()).and_then(|d| d.document_element()) else {
        return;
    };
    let _ = match theme.name() {
        Some(name) => root.set_attribute("data-theme", name),
        None => root.remove_attribute("data-theme"),
    };
}

/// Cycles system, light and dark; the choice is remembered (it is not a secret).
#[component]
pub fn ThemeToggle() -> impl IntoView {
    // As at build time, then as stored, once the page is taken over (until then the page
    // follows the system's scheme).
    let theme = RwSignal::new(Theme::System);
    Effect::new(move |_| {
        let stored = Theme::from_name(storage::theme().as_deref());
        theme.set(stored);
        apply(stored);
    });
    view! {
        <button
            type="button"
            class="we-button we-button--quiet we-button--small we-theme"
            data-testid="theme-toggle"
            data-theme=move || theme.get().name().unwrap_or("system")
            on:click=move |_| {
                let next = theme.get_untracked().next();
                theme.set(next);
                apply(next);
                storage::set_theme(next.name());
            }
        >
            {move || theme.get().label()}
        </button>
    }
}
