//! The page's decisions, as plain state and transitions: each panel's state is a value, each
//! event a method on it, tested natively (`cargo test --lib page::`); `web/ui` holds the value in
//! a signal, forwards events and renders what it says. Never touches the browser: what needs
//! one (a key derived, a file read, the clipboard) is done by the component, which hands the
//! outcome back as an event.

pub mod sealing;
pub mod unlocking;
