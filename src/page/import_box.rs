//! The import box: what it imports is the clipboard's text as pasted, CRs included, while the
//! box still shows that paste (the text box itself turns CRLF and CR into LF); once edited, the
//! box's own text.

/// The import box's text and the paste it may still hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportBox {
    text: String,
    pasted: Option<String>,
}

impl ImportBox {
    /// The clipboard's text, as pasted.
    pub fn paste(&mut self, raw: String) {
        self.pasted = Some(raw);
    }

    /// The box now shows `value`: the paste as the browser put it in, or an edit of it.
    pub fn input(&mut self, value: String) {
        let still_the_paste =
            self.pasted.as_ref().is_some_and(|p| p.replace("\r\n", "\n").replace('\r', "\n") == value);
        if !still_the_paste {
            self.pasted = None;
        }
        self.text = value;
    }

    /// What the box shows.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// What *Import* reads: the paste's exact text while the box still shows it.
    pub fn to_import(&self) -> &str {
        self.pasted.as_deref().unwrap_or(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crlf_paste_is_imported_with_its_crs() {
        let mut import_box = ImportBox::default();
        import_box.paste("a\r\nb\rc".into());
        import_box.input("a\nb\nc".into());
        assert_eq!(import_box.text(), "a\nb\nc");
        assert_eq!(import_box.to_import(), "a\r\nb\rc");
    }

    #[test]
    fn an_edited_paste_is_the_box_text() {
        let mut import_box = ImportBox::default();
        import_box.paste("a\r\nb".into());
        import_box.input("a\nb!".into());
        assert_eq!(import_box.to_import(), "a\nb!");
        // Typing the paste back does not bring its CRs back: they are gone from the box.
        import_box.input("a\nb".into());
        assert_eq!(import_box.to_import(), "a\nb");
    }

    #[test]
    fn typed_text_is_imported_as_typed() {
        let mut import_box = ImportBox::default();
        assert_eq!(import_box.to_import(), "");
        import_box.input("curl -d x".into());
        assert_eq!(import_box.to_import(), "curl -d x");
    }

    #[test]
    fn a_paste_before_the_box_updates_is_imported_as_pasted() {
        let mut import_box = ImportBox::default();
        import_box.input("old".into());
        import_box.paste("new\r\n".into());
        assert_eq!(import_box.to_import(), "new\r\n");
    }
}
