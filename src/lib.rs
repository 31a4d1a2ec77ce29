//! webhook-echo: verify Cobinar OTP webhook deliveries in the browser, byte for byte.
//!
//! The modules at the top decide everything and are plain Rust over plain data; they compile and
//! are tested natively. `ui` and `js_api` exist only on wasm32 and only render or convert.

pub mod base64;
pub mod body;
pub mod body_bytes;
pub mod commands;
pub mod decimal;
pub mod delivery;
pub mod diagnosis;
pub mod diff;
pub mod endpoint;
pub mod events;
pub mod example;
pub mod fixture;
pub mod fixture_link;
pub mod header_checks;
pub mod import;
pub mod json_forms;
pub mod offload;
pub mod passphrase;
pub mod payload_audit;
pub mod provenance;
pub mod received_headers;
pub mod retry;
pub mod saved_work;
pub mod secret_box;
pub mod secret_facts;
pub mod signature;
pub mod snippets;
pub mod timestamp;
pub mod verification;

// The property tests' random source, shared with the integration tests (by path, as this).
#[cfg(test)]
#[path = "../tests/common/rng.rs"]
#[allow(dead_code)]
mod test_rng;

#[cfg(target_arch = "wasm32")]
pub mod js_api;
#[cfg(target_arch = "wasm32")]
pub mod ui;
