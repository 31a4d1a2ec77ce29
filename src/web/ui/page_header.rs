use leptos::prelude::*;

use super::stack_picker::StackPicker;
use super::theme_toggle::ThemeToggle;
use super::url_fragment;
use super::verdict_bar::focus_result;

/// The name, what the page does, the stack picker and the theme toggle.
#[component]
pub fn PageHeader() -> impl IntoView {
    view! {
        <a
            class="we-skip"
            href="#result"
            data-testid="skip-to-result"
            on:click=move |ev| {
                ev.prevent_default();
                focus_result();
            }
        >
            "Skip to the result"
        </a>
        <header class="we-header">
        <div class="we-header__inner">
            <div class="we-brand">
                <span class="we-brand__mark" aria-hidden="true">"{ }"</span>
                <span class="we-brand__name">"webhook-echo"</span>
            </div>
            <p class="we-header__tagline">
                "Check Cobinar webhook deliveries byte for byte. Everything runs in this page: "
                "your secret never leaves it."
            </p>
            <div class="we-header__choices">
                <StackPicker />
                <ThemeToggle />
            </div>
        </div>
    </header>
    }
}

/// Shown instead of taking a secret when the page is inside another site's frame.
#[component]
pub fn FramedNotice() -> impl IntoView {
    view! {
        <div class="we-banner we-banner--error we-framed" data-testid="framed" role="alert">
            <strong>"Open webhook-echo directly. "</strong>
            "This page is shown inside another site's frame, which could watch or act on what you do here, "
            "so it takes no secret. "
            <a href=url_fragment::page_address() target="_blank" rel="noopener noreferrer">"Open it in a tab of its own"</a>
            "."
        </div>
    }
}
