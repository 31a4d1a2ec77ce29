//! The cause finder: when a signature does not match, which known mistake reproduces it
//! (`diagnosis::diagnose`), with the fix for the receiver.
//!
//! Owns: the fixed list of body, secret and header variants, and the JSON rewriting they need:
//! `json_forms` (an order- and text-keeping JSON tree written in JavaScript's, Python's, Go's
//! and pretty-printers' styles) and `decimal` (numbers read and written as those languages do),
//! private to this folder (but for the echo's test pack, which writes its bodies with `json_forms`).
//! Never: more than a fixed number of passes over the body, or recursion past 256 levels.

mod decimal;
pub mod diagnosis;
pub(crate) mod json_forms;
#[cfg(test)]
mod json_forms_vs_serde;
