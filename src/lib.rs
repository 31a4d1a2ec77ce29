//! webhook-echo: verify Cobinar OTP webhook deliveries in the browser, byte for byte.
//!
//! One folder per thing the program does for a person; each `mod.rs` says what it owns and what it
//! must never do. Everything but `web` decides, as plain Rust over plain data, compiled and tested
//! natively; `web` exists only on wasm32 and only renders or converts.
//!
//! - `protocol`: Cobinar's events, active and reserved.
//! - `verify`: a secret, a body and headers in; a verdict and one check per header out.
//! - `diagnose`: which known mistake explains a signature that does not match.
//! - `inspect`: the body's bytes made visible, facts about the secret, every paste format.
//! - `share`: fixtures, links, the sealed secret, saved work, and whose body is on the page.
//! - `stacks`: the integrators' languages and frameworks, the one table of their idioms and receivers.
//! - `echo`: what Cobinar would send, the commands that send it, the retry policy.
//! - `page`: the page's decisions as plain state and transitions; `web` holds and renders them.
//! - `web` (wasm32 only): the page and `window.webhookEcho`.

pub mod diagnose;
pub mod echo;
pub mod inspect;
pub mod page;
pub mod protocol;
pub mod share;
pub mod stacks;
pub mod verify;

// The property tests' random source, shared with the integration tests (by path, as this).
#[cfg(test)]
#[path = "../tests/common/rng.rs"]
#[allow(dead_code)]
mod test_rng;

#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub mod web;
