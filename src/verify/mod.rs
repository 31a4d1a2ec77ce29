//! The verifier: a secret, a body's exact bytes and the received headers in; a verdict and one
//! check per documented header out (`verification::verify`).
//!
//! Owns: the HMAC and its constant-time comparison (`signature`), the secret's `fingerprint`, reading pasted headers
//! (`received_headers`), the body's bytes and the fields the headers repeat (`body`), the header
//! checks and their highlighted differences (`header_checks`, `diff`), the characters in a value
//! that cannot be seen, named and made visible (`invisible`), timestamps
//! (`timestamp`), what Cobinar never sends (`payload_audit`), and what to paste before anything
//! is (`first_run`).
//! Never: touches the browser, guesses why a signature fails (that is `diagnose`), or compares
//! signatures as strings (hex exists for display only).

pub mod body;
pub mod diff;
pub mod fingerprint;
pub mod first_run;
pub mod header_checks;
pub mod invisible;
pub mod payload_audit;
pub mod received_headers;
pub mod signature;
pub mod timestamp;
pub mod verification;
