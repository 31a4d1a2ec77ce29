//! The page's first screen as HTML, rendered at build time by the same components the wasm
//! hydrates (leptos's `ssr`), under the kind of root owner `hydrate_body` makes (a shared
//! context), so that both number their nodes alike. `scripts/first-screen.mjs` runs it and
//! writes what it prints into `dist/index.html`'s `<body>`.
use std::sync::Arc;

use hydration_context::SsrSharedContext;
use leptos::prelude::*;
use webhook_echo::page::handover::Typed;
use webhook_echo::web::ui::App;

fn main() {
    let owner = Owner::new_root(Some(Arc::new(SsrSharedContext::new())));
    // As any browser first builds it: not in a frame, nothing typed yet.
    let html = owner.with(|| view! { <App framed=false typed=Typed::default() /> }.to_html());
    print!("{html}");
}
