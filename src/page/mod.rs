//! The page's decisions, as plain state and transitions: each panel's state is a value, each
//! event a method on it, tested natively (`cargo test --lib page::`), with the orderings only a
//! browser used to reach (an answer for an older body arriving late, an unlock finishing after
//! the link changed). What a fill puts in the fields and whether it is another delivery
//! (`inputs`), the way back after *Load an example* (`undo`), the worker's answers and which
//! input they belong to (`answers`), what the verdict withholds and the hint under the expected
//! signature (`verdict`), whether the import box still holds the paste (`import_box`), the
//! echo's randomness and demo secret (`echo`), what the address's fragment asks for (`address`),
//! sealing a link (`sealing`) and unlocking one (`unlocking`).
//! Owns: every rule a component used to apply itself.
//! Never: touches the browser or a signal; `web/ui` holds these values in signals, carries out
//! what needs a browser (a key derived, a file read, the clipboard), hands the outcome back as an
//! event and renders what the value says.

pub mod address;
pub mod answers;
pub mod echo;
pub mod import_box;
pub mod inputs;
pub mod sealing;
pub mod undo;
pub mod unlocking;
pub mod verdict;
