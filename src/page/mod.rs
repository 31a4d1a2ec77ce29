//! The page's decisions, as plain state and transitions: each panel's state is a value, each
//! event a method on it, tested natively (`cargo test --lib page::`), with the orderings only a
//! browser used to reach (an answer for an older body arriving late, an unlock finishing after
//! the link changed). What a fill puts in the fields and whether it is another delivery
//! (`inputs`), the way back after *Load an example* (`undo`), the worker's answers and which
//! input they belong to (`answers`), what the verdict withholds and the hint under the expected
//! signature (`verdict`), whether the import box still holds the paste (`import_box`), the
//! echo's randomness and demo secret (`echo`), what the address's fragment asks for (`address`),
//! sealing a link (`sealing`) and unlocking one (`unlocking`), and what was typed into the
//! build-time page before the wasm took it over (`handover`).
//! Owns: every rule a component used to apply itself.
//! Never: touches the browser or a signal; `web/ui` holds these values in signals, carries out
//! what needs a browser (a key derived, a file read, the clipboard), hands the outcome back as an
//! event and renders what the value says.

use std::fmt;

/// A secret or passphrase in a `Debug` form: whether it is empty, never what it is, so that a
/// `{:?}` of the page's state (a test's failure, a future log line) cannot print one.
pub struct Hidden<'a>(pub &'a str);

impl fmt::Debug for Hidden<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_empty() { "\"\"" } else { "<hidden>" })
    }
}

pub mod address;
pub mod answers;
pub mod echo;
pub mod handover;
pub mod import_box;
pub mod inputs;
pub mod sealing;
pub mod undo;
pub mod unlocking;
pub mod verdict;

#[cfg(test)]
mod tests {
    use super::inputs::{Entered, Fill};
    use super::sealing::Sealing;
    use super::unlocking::{Answer, Unlocking};
    use crate::share::provenance::{Provenance, SharedFrom};
    use crate::verify::body::LineEnding;

    const SECRET: &str = "whsec_never_in_a_debug_form";

    /// No `{:?}` of the page's state prints a secret or a passphrase; an empty one reads as such.
    #[test]
    fn debug_forms_hide_secrets_and_passphrases() {
        let entered = Entered {
            secret: SECRET.into(),
            body_text: "{}".into(),
            line_ending: LineEnding::Lf,
            body_file: None,
            headers_text: String::new(),
            provenance: Provenance::Own,
        };
        let fill =
            Fill { secret: Some(SECRET.into()), body: None, headers: None, provenance: None, another_delivery: false };
        let mut unlocking = Unlocking::default();
        unlocking.type_passphrase(SECRET.into());
        let mut sealing = Sealing::default();
        sealing.passphrase = SECRET.into();
        let answer = Answer::Unlocked { secret: SECRET.into(), from: SharedFrom::Link };
        for shown in [
            format!("{entered:?}"),
            format!("{fill:?}"),
            format!("{unlocking:?}"),
            format!("{sealing:?}"),
            format!("{answer:?}"),
        ] {
            assert!(!shown.contains("never_in"), "{shown}");
            assert!(shown.contains("<hidden>"), "{shown}");
        }
        assert!(format!("{:?}", Unlocking::default()).contains("passphrase: \"\""));
    }
}
