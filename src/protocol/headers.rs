//! The headers Cobinar sends with every delivery, and the form of its signature header.

pub const SIGNATURE: &str = "x-cobinar-signature";
pub const EVENT: &str = "x-cobinar-event";
pub const EVENT_ID: &str = "x-cobinar-event-id";
pub const TIMESTAMP: &str = "x-cobinar-timestamp";

/// Not Cobinar's: HTTP's count of the body's bytes, checked when the pasted headers carry it.
pub const CONTENT_LENGTH: &str = "content-length";

/// The prefix Cobinar puts in front of the hex digest in `x-cobinar-signature`.
pub const SIGNATURE_PREFIX: &str = "sha256=";
