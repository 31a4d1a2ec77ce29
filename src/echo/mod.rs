//! The echo: what Cobinar would send. A delivery made by the core (`delivery`), the
//! documentation's example (`example`), the exact request and the commands that send it
//! (`commands`, to an `endpoint`), the retry policy (`retry`), the test packs for the reader's
//! own verify function (`test_pack`, in the languages of `crate::stacks`), and a receiver's contract that
//! `webhook-echo check` holds it to (`contract`, native only).
//!
//! Never: sends anything itself, or reads a clock or randomness (both are arguments).

pub mod commands;
// Only the command (src/cli) sends deliveries: leaving the contract out of wasm32 keeps the
// page's wasm byte for byte what it was (with it, codegen moved and the wasm grew 83 bytes).
#[cfg(not(target_arch = "wasm32"))]
pub mod contract;
pub mod delivery;
pub mod endpoint;
pub mod example;
pub mod replay;
pub mod retry;
pub mod test_pack;
