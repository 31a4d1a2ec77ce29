//! The cause finder: when a signature does not match, which known mistake reproduces it
//! (`diagnosis::diagnose`), with the fix for the receiver; and the same search run against the
//! value the receiver's own server computed (`server_signature::diagnose_server`); and the work the
//! page hands its worker for large bodies, with its wire form (`offload`).
//!
//! Owns: the fixed list of body, secret and header variants, and the JSON rewriting they need:
//! `json_forms` (an order- and text-keeping JSON tree written in JavaScript's, Python's, Go's
//! and pretty-printers' styles) and `decimal` (numbers read and written as those languages do),
//! private to this folder but for `json_forms`, which `echo::contract` and the echo's test pack
//! also write with, and `object_dumps` (a parsed body as languages print objects).
//! Never: more than a fixed number of passes over the body, or recursion past 256 levels.

mod decimal;
pub mod diagnosis;
pub mod fixes;
pub(crate) mod json_forms;
#[cfg(test)]
mod json_forms_vs_serde;
mod object_dumps;
pub mod offload;
pub mod report;
pub mod server_signature;
