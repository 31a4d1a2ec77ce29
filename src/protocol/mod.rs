//! What Cobinar's documentation fixes: the events, active and reserved. Every other capability
//! speaks in these terms.
//!
//! Owns: the event names and their status. Never: anything about a particular delivery, the
//! page, or the network.

pub mod events;
