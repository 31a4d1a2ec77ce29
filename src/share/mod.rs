//! Sharing and keeping work: the fixture a teammate opens (`fixture`, its file form read by
//! `fixture/reader`), its link (`fixture_link`), the sealed secret (`secret_box`, `passphrase`),
//! work kept in the browser (`saved_work`, one entry; `saved_entries`, all of them by key), what the page does when the address's fragment
//! changes (`opening`), where a body came from, which decides what the page may show of it
//! (`provenance`), and the list of fixture files opened at once (`library`).
//!
//! Everything here reads what someone else made: it refuses before it is expensive, never holds
//! a secret in plain text where a link, a file or storage could carry it, and never lets a body
//! someone else chose meet the reader's secret in a value the page shows.

pub mod fixture;
pub mod fixture_link;
pub mod library;
pub mod opening;
pub mod passphrase;
pub mod provenance;
pub mod saved_entries;
pub mod saved_work;
pub mod secret_box;
pub mod sender_verdict;
