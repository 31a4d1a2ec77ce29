//! The browser edge, and the only wasm32 code: the page (`ui`, Leptos components that render
//! what the core decided) and `window.webhookEcho` (`js_api`, converting between JavaScript
//! values and the core's types).
//!
//! Never: decides anything. The core never imports from here, and cannot: this folder does not
//! exist in a native build.

pub mod js_api;
pub mod ui;
