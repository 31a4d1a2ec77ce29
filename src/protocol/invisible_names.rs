//! The names of the characters `invisible_chars` says cannot be seen, and of the spaces that look
//! like an ASCII space but are not one: the Bytes view marks them with these, and the header rows,
//! an endpoint's message and the cause finder name them the same way.

use crate::protocol::invisible_chars::{blank_looking_name, is_default_ignorable};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    LineBreak,
    Tab,
    ByteOrderMark,
    Space,
    ZeroWidth,
    Direction,
    Control,
    NonAscii,
    InvalidUtf8,
}

impl MarkKind {
    /// The stable name used in class names and `data-mark`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::LineBreak => "line-break",
            Self::Tab => "tab",
            Self::ByteOrderMark => "bom",
            Self::Space => "space",
            Self::ZeroWidth => "zero-width",
            Self::Direction => "direction",
            Self::Control => "control",
            Self::NonAscii => "non-ascii",
            Self::InvalidUtf8 => "invalid-utf8",
        }
    }
}

/// Names of the invisible and format characters worth pointing at: every character of the
/// shared Default_Ignorable table (`protocol::invisible_chars`), the blank-looking characters of
/// the same module, and the spaces that look like an ASCII space but are not one.
pub fn invisible(c: char) -> Option<(MarkKind, &'static str, &'static str)> {
    use MarkKind::{ByteOrderMark, Direction, Space, ZeroWidth};
    Some(match c {
        '\u{feff}' => (ByteOrderMark, "BOM", "BYTE ORDER MARK"),
        '\u{a0}' => (Space, "NBSP", "NO-BREAK SPACE"),
        '\u{202f}' => (Space, "NNBSP", "NARROW NO-BREAK SPACE"),
        '\u{2000}'..='\u{200a}' => (Space, "SP", "TYPOGRAPHIC SPACE"),
        '\u{205f}' => (Space, "MMSP", "MEDIUM MATHEMATICAL SPACE"),
        '\u{3000}' => (Space, "IDSP", "IDEOGRAPHIC SPACE"),
        '\u{ad}' => (ZeroWidth, "SHY", "SOFT HYPHEN"),
        '\u{200b}' => (ZeroWidth, "ZWSP", "ZERO WIDTH SPACE"),
        '\u{200c}' => (ZeroWidth, "ZWNJ", "ZERO WIDTH NON-JOINER"),
        '\u{200d}' => (ZeroWidth, "ZWJ", "ZERO WIDTH JOINER"),
        '\u{2060}' => (ZeroWidth, "WJ", "WORD JOINER"),
        '\u{180e}' => (ZeroWidth, "MVS", "MONGOLIAN VOWEL SEPARATOR"),
        '\u{200e}' => (Direction, "LRM", "LEFT-TO-RIGHT MARK"),
        '\u{200f}' => (Direction, "RLM", "RIGHT-TO-LEFT MARK"),
        '\u{202a}' => (Direction, "LRE", "LEFT-TO-RIGHT EMBEDDING"),
        '\u{202b}' => (Direction, "RLE", "RIGHT-TO-LEFT EMBEDDING"),
        '\u{202c}' => (Direction, "PDF", "POP DIRECTIONAL FORMATTING"),
        '\u{202d}' => (Direction, "LRO", "LEFT-TO-RIGHT OVERRIDE"),
        '\u{202e}' => (Direction, "RLO", "RIGHT-TO-LEFT OVERRIDE"),
        '\u{2066}' => (Direction, "LRI", "LEFT-TO-RIGHT ISOLATE"),
        '\u{2067}' => (Direction, "RLI", "RIGHT-TO-LEFT ISOLATE"),
        '\u{2068}' => (Direction, "FSI", "FIRST STRONG ISOLATE"),
        '\u{2069}' => (Direction, "PDI", "POP DIRECTIONAL ISOLATE"),
        '\u{2028}' => (Space, "LS", "LINE SEPARATOR"),
        '\u{2029}' => (Space, "PS", "PARAGRAPH SEPARATOR"),
        '\u{61c}' => (Direction, "ALM", "ARABIC LETTER MARK"),
        '\u{34f}' => (ZeroWidth, "CGJ", "COMBINING GRAPHEME JOINER"),
        '\u{2061}' => (ZeroWidth, "FA", "FUNCTION APPLICATION"),
        '\u{2062}' => (ZeroWidth, "IT", "INVISIBLE TIMES"),
        '\u{2063}' => (ZeroWidth, "IS", "INVISIBLE SEPARATOR"),
        '\u{2064}' => (ZeroWidth, "IP", "INVISIBLE PLUS"),
        '\u{115f}' => (ZeroWidth, "HCF", "HANGUL CHOSEONG FILLER"),
        '\u{1160}' => (ZeroWidth, "HJF", "HANGUL JUNGSEONG FILLER"),
        '\u{3164}' => (ZeroWidth, "HF", "HANGUL FILLER"),
        '\u{ffa0}' => (ZeroWidth, "HWHF", "HALFWIDTH HANGUL FILLER"),
        '\u{17b4}' => (ZeroWidth, "KIV", "KHMER VOWEL INHERENT AQ"),
        '\u{17b5}' => (ZeroWidth, "KIV", "KHMER VOWEL INHERENT AA"),
        '\u{180b}'..='\u{180d}' | '\u{180f}' => (ZeroWidth, "FVS", "MONGOLIAN FREE VARIATION SELECTOR"),
        '\u{fe00}'..='\u{fe0f}' => (ZeroWidth, "VS", "VARIATION SELECTOR"),
        '\u{e0000}'..='\u{e0fff}' => (ZeroWidth, "TAG", "TAG CHARACTER"),
        // The rest of the shared table (reserved or rare format characters): still marked.
        c if is_default_ignorable(c) => (ZeroWidth, "IGN", "DEFAULT IGNORABLE CHARACTER"),
        c => return blank_looking_name(c).map(|name| (Space, "BLANK", name)),
    })
}

/// The Unicode name of an invisible or format character the Bytes view marks, so that other
/// messages (an endpoint's, say) name it the way the Bytes view does.
pub fn invisible_name(c: char) -> Option<&'static str> {
    invisible(c).map(|(_, _, name)| name)
}
