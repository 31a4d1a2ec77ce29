//! The echo: what Cobinar would send. A delivery made by the core (`delivery`), the
//! documentation's example (`example`), the exact request and the commands that send it
//! (`commands`, to an `endpoint`), the retry policy (`retry`) and the receiver code the page
//! shows (`snippets`, the very files `tests/receivers.rs` runs).
//!
//! Never: sends anything itself, or reads a clock or randomness (both are arguments).

pub mod commands;
pub mod delivery;
pub mod endpoint;
pub mod example;
pub mod retry;
pub mod snippets;
pub mod test_pack;
