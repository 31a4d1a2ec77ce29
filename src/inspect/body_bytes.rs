//! The body's bytes made visible: line breaks, tabs, a byte order mark, no-break and zero-width
//! spaces, direction overrides, control characters, other non-ASCII text and invalid UTF-8, each
//! marked; the byte count; and the last bytes exactly.

use crate::protocol::invisible_names::{invisible, MarkKind};
use crate::protocol::text::{grouped, plural};

/// How much of the body is shown marked up; the summary always covers all of it.
pub const SHOWN_BYTES: usize = 4096;
/// How many of the last bytes are shown in hex.
pub const TAIL_BYTES: usize = 16;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ByteRun {
    Text(String),
    Mark {
        kind: MarkKind,
        /// What stands in its place: `CR`, `LF`, `⇥`, `NBSP`, `é`…
        label: String,
        /// Its code point and bytes, for a tooltip: `U+00A0 NO-BREAK SPACE · c2 a0`.
        detail: String,
        /// A line break follows it on screen.
        breaks_line: bool,
    },
}

/// One of the last bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TailByte {
    pub hex: String,
    /// The byte as a character when it is printable ASCII, its name for CR, LF, tab and space,
    /// else `·`.
    pub shown: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Counts {
    pub lf: usize,
    pub crlf: usize,
    pub lone_cr: usize,
    pub tabs: usize,
    pub invisible: usize,
    pub non_ascii: usize,
    pub invalid_utf8: usize,
    pub control: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyBytes {
    pub total: usize,
    pub runs: Vec<ByteRun>,
    /// How many bytes `runs` covers.
    pub shown: usize,
    pub tail: Vec<TailByte>,
    /// `None` until every byte has been read (see [`preview`]).
    pub counts: Option<Counts>,
    pub starts_with_bom: bool,
    /// `LF`, `CRLF` or `CR` when the body ends with a line break.
    pub trailing_line_break: Option<&'static str>,
}

impl BodyBytes {
    /// The summary line's facts, in order: the size, the line breaks, and whatever is hidden
    /// in the bytes.
    pub fn summary(&self) -> Vec<String> {
        let mut facts = vec![plural(self.total, "byte"), self.line_breaks()];
        if self.starts_with_bom {
            facts.push("Starts with a byte order mark.".into());
        }
        let Some(c) = &self.counts else { return facts };
        let counted = [
            (c.tabs, "tab", ""),
            (c.invisible, "character", " invisible or direction-changing"),
            (c.non_ascii, "character", " non-ASCII"),
            (c.control, "control character", ""),
            (c.invalid_utf8, "byte", " not valid UTF-8"),
        ];
        for (count, noun, what) in counted {
            if count > 0 {
                facts.push(format!("{}{what}.", plural(count, noun)));
            }
        }
        facts
    }

    /// Said when the view shows only the start of a large body.
    pub fn shown_part(&self) -> Option<String> {
        (self.shown < self.total)
            .then(|| format!("Showing the first {} of {}.", plural(self.shown, "byte"), grouped(self.total)))
    }

    /// One sentence about line breaks, for the summary.
    pub fn line_breaks(&self) -> String {
        let Some(c) = &self.counts else {
            return "Counting line breaks and characters…".into();
        };
        let kinds: Vec<String> = [(c.lf, "LF"), (c.crlf, "CRLF"), (c.lone_cr, "lone CR")]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, name)| format!("{n} {name}"))
            .collect();
        let mixed = if kinds.len() > 1 { " (mixed)" } else { "" };
        let ending = match self.trailing_line_break {
            Some(name) => format!("ends with {name}"),
            None => "no line break at the end".to_string(),
        };
        if kinds.is_empty() {
            format!("No line breaks; {ending}.")
        } else {
            format!("Line breaks: {}{mixed}; {ending}.", kinds.join(", "))
        }
    }
}

fn hex_bytes(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(" ")
}

struct Builder {
    runs: Vec<ByteRun>,
}

impl Builder {
    fn text(&mut self, text: &str) {
        match self.runs.last_mut() {
            Some(ByteRun::Text(last)) => last.push_str(text),
            _ => self.runs.push(ByteRun::Text(text.to_string())),
        }
    }

    fn mark(&mut self, kind: MarkKind, label: impl Into<String>, detail: String, breaks_line: bool) {
        self.runs.push(ByteRun::Mark { kind, label: label.into(), detail, breaks_line });
    }
}

/// The whole view of a body: its start marked up, its end, and counts over all of it.
pub fn body_bytes(body: &[u8]) -> BodyBytes {
    with_counts(body, count(body))
}

/// The whole view, with the counts worked out elsewhere (by the page's worker, for a large body).
pub fn with_counts(body: &[u8], counts: Counts) -> BodyBytes {
    BodyBytes { counts: Some(counts), ..preview(body) }
}

/// Counts over every byte: the part of the view whose cost grows with the body.
pub fn count(body: &[u8]) -> Counts {
    let mut counts = Counts::default();
    let mut previous_cr = false;
    for &b in body {
        match b {
            b'\n' if previous_cr => counts.crlf += 1,
            b'\n' => counts.lf += 1,
            b'\t' => counts.tabs += 1,
            _ => {}
        }
        if previous_cr && b != b'\n' {
            counts.lone_cr += 1;
        }
        if (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f {
            counts.control += 1;
        }
        previous_cr = b == b'\r';
    }
    if previous_cr {
        counts.lone_cr += 1;
    }
    for chunk in body.utf8_chunks() {
        for c in chunk.valid().chars().filter(|c| !c.is_ascii()) {
            counts.non_ascii += 1;
            if invisible(c).is_some() || ('\u{80}'..='\u{9f}').contains(&c) {
                counts.invisible += 1;
            }
        }
        counts.invalid_utf8 += chunk.invalid().len();
    }
    counts
}

/// The view without the counts, which need every byte read: what the page shows at once for a
/// large body while its worker reads the rest. Costs the same for 1 KB as for 10 MB.
pub fn preview(body: &[u8]) -> BodyBytes {
    let mut shown = body.len().min(SHOWN_BYTES);
    // Never cut a character in two: back up to a boundary when the cut falls inside one.
    while shown < body.len() && shown > 0 && (body[shown] & 0b1100_0000) == 0b1000_0000 {
        shown -= 1;
    }
    let mut builder = Builder { runs: Vec::new() };
    let head = &body[..shown];
    for chunk in head.utf8_chunks() {
        let mut chars = chunk.valid().chars().peekable();
        while let Some(c) = chars.next() {
            let mut utf8 = [0u8; 4];
            let bytes = hex_bytes(c.encode_utf8(&mut utf8).as_bytes());
            match c {
                '\r' if chars.peek() == Some(&'\n') => {
                    chars.next();
                    builder.mark(
                        MarkKind::LineBreak,
                        "CRLF",
                        "U+000D U+000A CARRIAGE RETURN, LINE FEED · 0d 0a".into(),
                        true,
                    );
                }
                '\r' => builder.mark(MarkKind::LineBreak, "CR", "U+000D CARRIAGE RETURN · 0d".into(), false),
                '\n' => builder.mark(MarkKind::LineBreak, "LF", "U+000A LINE FEED · 0a".into(), true),
                '\t' => builder.mark(MarkKind::Tab, "TAB", "U+0009 CHARACTER TABULATION · 09".into(), false),
                c if c.is_ascii_control() => builder.mark(
                    MarkKind::Control,
                    format!("\\x{:02x}", c as u32),
                    format!("U+{:04X} CONTROL · {bytes}", c as u32),
                    false,
                ),
                c if c.is_ascii() => {
                    let mut buffer = [0u8; 4];
                    builder.text(c.encode_utf8(&mut buffer));
                }
                c => match invisible(c) {
                    Some((kind, label, name)) => {
                        builder.mark(kind, label, format!("U+{:04X} {name} · {bytes}", c as u32), false)
                    }
                    None if ('\u{80}'..='\u{9f}').contains(&c) => builder.mark(
                        MarkKind::Control,
                        format!("U+{:04X}", c as u32),
                        format!("U+{:04X} C1 CONTROL · {bytes}", c as u32),
                        false,
                    ),
                    None => {
                        builder.mark(MarkKind::NonAscii, c.to_string(), format!("U+{:04X} · {bytes}", c as u32), false)
                    }
                },
            }
        }
        for &b in chunk.invalid() {
            builder.mark(
                MarkKind::InvalidUtf8,
                format!("\\x{b:02x}"),
                format!("byte {b:02x}: not valid UTF-8 here"),
                false,
            );
        }
    }

    let tail = body[body.len().saturating_sub(TAIL_BYTES)..]
        .iter()
        .map(|&b| TailByte {
            hex: format!("{b:02x}"),
            shown: match b {
                // Names, not the Control Pictures (␍ ␊ ␉ ␠): many systems have no font for those.
                b'\r' => "CR".to_string(),
                b'\n' => "LF".to_string(),
                b'\t' => "TAB".to_string(),
                b' ' => "SP".to_string(),
                0x21..=0x7e => char::from(b).to_string(),
                _ => "·".to_string(),
            },
        })
        .collect();
    let trailing_line_break = if body.ends_with(b"\r\n") {
        Some("CRLF")
    } else if body.ends_with(b"\n") {
        Some("LF")
    } else if body.ends_with(b"\r") {
        Some("CR")
    } else {
        None
    };
    BodyBytes {
        total: body.len(),
        runs: builder.runs,
        shown,
        tail,
        counts: None,
        starts_with_bom: body.starts_with(b"\xEF\xBB\xBF"),
        trailing_line_break,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_of_the_shared_table_is_marked_and_named() {
        use crate::protocol::invisible_chars::DEFAULT_IGNORABLE;
        use crate::protocol::invisible_names::invisible_name;
        for (first, last) in DEFAULT_IGNORABLE {
            for c in [first, last] {
                assert!(invisible_name(c).is_some(), "U+{:04X} has no name", u32::from(c));
            }
        }
        let view = body_bytes("a\u{2063}b\u{FE0F}c\u{E0041}".as_bytes());
        let marks: Vec<(MarkKind, String)> = view
            .runs
            .iter()
            .filter_map(|run| match run {
                ByteRun::Mark { kind, detail, .. } => Some((*kind, detail.clone())),
                ByteRun::Text(_) => None,
            })
            .collect();
        assert_eq!(
            marks,
            [
                (MarkKind::ZeroWidth, "U+2063 INVISIBLE SEPARATOR · e2 81 a3".to_string()),
                (MarkKind::ZeroWidth, "U+FE0F VARIATION SELECTOR · ef b8 8f".to_string()),
                (MarkKind::ZeroWidth, "U+E0041 TAG CHARACTER · f3 a0 81 81".to_string()),
            ]
        );
        assert_eq!(view.counts.map(|c| c.invisible), Some(3));
    }

    fn labels(view: &BodyBytes) -> Vec<String> {
        view.runs
            .iter()
            .map(|run| match run {
                ByteRun::Text(text) => text.clone(),
                ByteRun::Mark { label, .. } => format!("[{label}]"),
            })
            .collect()
    }

    #[test]
    fn marks_what_cannot_be_seen() {
        let body = "\u{feff}{\"a\":\"x\u{a0}y\u{200b}\u{202e}é\"}\r\n\t\u{1}\n".as_bytes();
        let view = body_bytes(body);
        assert_eq!(
            labels(&view),
            [
                "[BOM]",
                "{\"a\":\"x",
                "[NBSP]",
                "y",
                "[ZWSP]",
                "[RLO]",
                "[é]",
                "\"}",
                "[CRLF]",
                "[TAB]",
                "[\\x01]",
                "[LF]"
            ]
        );
        assert!(view.starts_with_bom);
        assert_eq!(view.trailing_line_break, Some("LF"));
        let counts = view.counts.clone().unwrap();
        assert_eq!((counts.crlf, counts.lf, counts.tabs, counts.control), (1, 1, 1, 1));
        assert_eq!(counts.invisible, 4);
        assert_eq!(view.line_breaks(), "Line breaks: 1 LF, 1 CRLF (mixed); ends with LF.");
    }

    #[test]
    fn invalid_utf8_and_the_tail_are_exact() {
        let view = body_bytes(b"ok\xff\xfe end\r");
        assert_eq!(labels(&view), ["ok", "[\\xff]", "[\\xfe]", " end", "[CR]"]);
        let counts = view.counts.clone().unwrap();
        assert_eq!(counts.invalid_utf8, 2);
        assert_eq!(counts.lone_cr, 1);
        let tail: Vec<&str> = view.tail.iter().map(|t| t.hex.as_str()).collect();
        assert_eq!(tail, ["6f", "6b", "ff", "fe", "20", "65", "6e", "64", "0d"]);
        assert_eq!(view.tail.last().map(|t| t.shown.as_str()), Some("CR"));
    }

    #[test]
    fn a_large_body_is_shown_in_part_but_counted_whole() {
        let body = "é".repeat(SHOWN_BYTES) + "\n";
        let view = body_bytes(body.as_bytes());
        assert_eq!(view.total, SHOWN_BYTES * 2 + 1);
        assert_eq!(view.shown, SHOWN_BYTES);
        assert_eq!(view.counts.as_ref().map(|c| c.non_ascii), Some(SHOWN_BYTES));
        assert_eq!(view.trailing_line_break, Some("LF"));
        assert_eq!(view.tail.len(), TAIL_BYTES);
    }

    #[test]
    fn a_preview_is_the_view_less_the_counts() {
        let body = "é\r\n".repeat(SHOWN_BYTES) + "\u{feff}";
        let whole = body_bytes(body.as_bytes());
        let preview = preview(body.as_bytes());
        assert_eq!(preview.counts, None);
        assert_eq!(preview.line_breaks(), "Counting line breaks and characters…");
        assert_eq!(BodyBytes { counts: whole.counts.clone(), ..preview }, whole);
    }

    #[test]
    fn the_summary_in_words() {
        let view = body_bytes(b"\xef\xbb\xbf{\"a\":\"\t\t\xe2\x80\x8b\xc3\xa9\x01\xff\"}\r\n");
        assert_eq!(
            view.summary()[2..],
            [
                "Starts with a byte order mark.",
                "2 tabs.",
                // The byte order mark counts as invisible and as non-ASCII too.
                "2 characters invisible or direction-changing.",
                "3 characters non-ASCII.",
                "1 control character.",
                "1 byte not valid UTF-8.",
            ]
        );
        assert_eq!(view.summary()[0], "22 bytes");
        assert_eq!(view.shown_part(), None);
        let large = body_bytes(&vec![b'a'; SHOWN_BYTES + 1]);
        assert_eq!(large.shown_part().as_deref(), Some("Showing the first 4,096 bytes of 4,097."));
    }
}
