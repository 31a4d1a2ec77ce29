//! The way back after *Load an example*: the example never takes what the person entered, the
//! value their server computed included, without an *Undo*.

use super::inputs::Entered;

/// What *Load an example* replaced, while *Undo* can still give it back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExampleUndo {
    replaced: Option<(Entered, String)>,
}

impl ExampleUndo {
    /// The example is about to replace `entered` and `server_value`: kept if there is anything
    /// to lose, and *Undo* offered; with nothing entered, nothing is offered.
    pub fn load_example(&mut self, entered: Entered, server_value: String) {
        let keep = !entered.is_empty() || !server_value.is_empty();
        self.replaced = keep.then_some((entered, server_value));
    }

    /// Whether *Undo* is offered.
    pub fn can_undo(&self) -> bool {
        self.replaced.is_some()
    }

    /// *Undo*: what the example replaced, once; whatever was typed since is replaced in turn.
    pub fn undo(&mut self) -> Option<(Entered, String)> {
        self.replaced.take()
    }

    /// *Clear*: nothing to go back to.
    pub fn clear(&mut self) {
        self.replaced = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::share::provenance::Provenance;
    use crate::verify::body::LineEnding;

    fn entered(secret: &str, body: &str) -> Entered {
        Entered {
            secret: secret.into(),
            body_text: body.into(),
            line_ending: LineEnding::Lf,
            body_file: None,
            headers_text: String::new(),
            provenance: Provenance::Own,
        }
    }

    #[test]
    fn nothing_entered_nothing_offered() {
        let mut undo = ExampleUndo::default();
        assert!(!undo.can_undo());
        undo.load_example(entered("", ""), String::new());
        assert!(!undo.can_undo());
        assert_eq!(undo.undo(), None);
    }

    #[test]
    fn what_was_entered_comes_back_once() {
        let mut undo = ExampleUndo::default();
        undo.load_example(entered("whsec_mine", "{}"), "sha256=ab".into());
        assert!(undo.can_undo());
        assert_eq!(undo.undo(), Some((entered("whsec_mine", "{}"), "sha256=ab".into())));
        assert!(!undo.can_undo(), "given back once");
        assert_eq!(undo.undo(), None);
    }

    #[test]
    fn the_server_value_alone_is_worth_keeping() {
        let mut undo = ExampleUndo::default();
        undo.load_example(entered("", ""), "sha256=ab".into());
        assert_eq!(undo.undo(), Some((entered("", ""), "sha256=ab".into())));
    }

    #[test]
    fn undo_after_edits_gives_back_what_the_example_replaced() {
        let mut undo = ExampleUndo::default();
        undo.load_example(entered("whsec_mine", "{}"), String::new());
        // The person edits the example's fields; *Undo* still stands and returns their own.
        assert!(undo.can_undo());
        assert_eq!(undo.undo().map(|(e, _)| e.secret), Some("whsec_mine".into()));
    }

    #[test]
    fn a_second_example_replaces_the_first_and_undo_goes_back_one_step() {
        let mut undo = ExampleUndo::default();
        undo.load_example(entered("whsec_mine", "{}"), String::new());
        undo.load_example(entered("whsec_example", "{\"edited\":1}"), String::new());
        assert_eq!(undo.undo().map(|(e, _)| e.secret), Some("whsec_example".into()));
        // Loading it onto empty fields withdraws the offer: there is nothing of theirs left.
        undo.load_example(entered("whsec_mine", "{}"), String::new());
        undo.load_example(entered("", ""), String::new());
        assert!(!undo.can_undo());
    }

    #[test]
    fn clear_withdraws_the_offer() {
        let mut undo = ExampleUndo::default();
        undo.load_example(entered("whsec_mine", "{}"), String::new());
        undo.clear();
        assert!(!undo.can_undo());
        assert_eq!(undo.undo(), None);
    }
}
