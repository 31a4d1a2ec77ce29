//! The page's first screen as HTML, rendered at build time by the same components the wasm
//! hydrates (leptos's `ssr`), under the kind of root owner `hydrate_body` makes (a shared
//! context), so that both number their nodes alike. `scripts/prerender.mjs` runs it and
//! `scripts/post-build.mjs` writes its output into `dist/index.html`.
//!
//! Usage: `prerender <file>`, or to standard output without one.
use std::sync::Arc;

use hydration_context::SsrSharedContext;
use leptos::prelude::*;
use webhook_echo::page::handover::Typed;
use webhook_echo::web::ui::App;

fn main() {
    let owner = Owner::new_root(Some(Arc::new(SsrSharedContext::new())));
    // As any browser first builds it: not in a frame, nothing typed yet.
    let html = owner.with(|| view! { <App framed=false typed=Typed::default() /> }.to_html());
    let written = match std::env::args_os().nth(1) {
        Some(path) => std::fs::write(&path, html).map_err(|error| format!("{}: {error}", path.to_string_lossy())),
        None => {
            print!("{html}");
            Ok(())
        }
    };
    if let Err(error) = written {
        eprintln!("prerender: {error}");
        std::process::exit(1);
    }
}
