//! What Cobinar's documentation fixes, and the words the program says it in: the events, active
//! and reserved (`events`), the header names and the signature's `sha256=` prefix (`headers`),
//! and counts, numbers and durations as a person reads them (`text`), RFC 4648 base64, strict, both
//! alphabets (`base64`), every size refused past (`limits`), and the one spelling on every wire
//! of an enum named outside the program, derived from its serde attributes (`wire`). Every other
//! capability speaks in these terms.
//!
//! Never: anything about a particular delivery, the page, or the network.

pub mod base64;
pub mod events;
pub mod headers;
pub mod http_syntax;
pub mod invisible_chars;
pub mod invisible_names;
pub mod key_order;
pub mod limits;
pub mod text;
pub mod wire;
