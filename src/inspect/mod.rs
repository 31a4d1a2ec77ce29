//! What the page shows about the inputs themselves, and how it takes them in: the body's bytes
//! made visible (`body_bytes`), facts about the secret that reveal nothing of it
//! (`secret_facts`), and every paste format (`import`).
//!
//! Never: decides a verdict, or keeps anything.

pub mod body_bytes;
pub mod fingerprint_commands;
pub mod import;
pub mod secret_facts;
