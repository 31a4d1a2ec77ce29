//! Characters in a header value, or in the body field it repeats, that a person cannot see or
//! cannot tell from another: a zero-width space, a no-break space, a direction mark, a soft
//! hyphen, a control character, a space at either end, and (where two values differ) a
//! non-ASCII letter standing in for an ASCII one. `otp.verified` and `otp.verified` with a
//! zero-width space look the same; here they do not.
//!
//! The names come from the Bytes view's table (`protocol::invisible_names::invisible_name`), which
//! covers the page's one table of invisible characters (`protocol::invisible_chars`), so the
//! page names a character the same way wherever it shows one. What is added here is only what
//! that table leaves to its own marks: tabs, control characters, spaces at a value's ends.

use crate::protocol::invisible_names::invisible_name;
use crate::protocol::text::{grouped, join_and};
use crate::verify::diff::Span;

/// How many characters a sentence names before it says how many more there are.
const NAMED_AT_MOST: usize = 3;

/// One character worth pointing at, where it is in its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hidden {
    pub character: char,
    /// Its place in the value, counting characters from 1.
    pub position: usize,
    pub kind: HiddenKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HiddenKind {
    /// Drawn as nothing, as a plain space, or not at all where it stands.
    Invisible,
    /// Not ASCII where the value it is compared with has ASCII: it may look like an ASCII letter.
    LooksAlike,
}

impl Hidden {
    /// `U+200B`.
    pub fn code(&self) -> String {
        format!("U+{:04X}", u32::from(self.character))
    }

    /// What stands in its place on the page: `⟨U+200B⟩`.
    pub fn token(&self) -> String {
        format!("⟨{}⟩", self.code())
    }

    /// `U+200B ZERO WIDTH SPACE`, `U+0007 (a control character)`.
    pub fn name(&self) -> String {
        let code = self.code();
        match (self.kind, invisible_name(self.character)) {
            (HiddenKind::LooksAlike, _) => format!("{code} (not ASCII, though it may look like an ASCII character)"),
            (HiddenKind::Invisible, Some(name)) => format!("{code} {name}"),
            (HiddenKind::Invisible, None) => match self.character {
                '\t' => format!("{code} CHARACTER TABULATION"),
                ' ' => format!("{code} SPACE"),
                c if c.is_control() => format!("{code} (a control character)"),
                _ => format!("{code} (a whitespace character)"),
            },
        }
    }

    /// `U+200B ZERO WIDTH SPACE at character 13`.
    pub fn describe(&self) -> String {
        format!("{} at character {}", self.name(), self.position)
    }
}

/// Where a value's inside begins and ends: the place of its first character that is not a
/// space, and one past its last. Worked out once per value, so that telling each space costs
/// nothing more (asking, for each space, whether only spaces lie on one side of it took minutes
/// for a header of 250,000 spaces).
#[derive(Debug, Clone, Copy)]
struct Inside {
    first: usize,
    end: usize,
}

impl Inside {
    fn of(chars: &[char]) -> Self {
        let len = chars.len();
        let first = chars.iter().position(|&c| c != ' ').unwrap_or(len);
        let end = chars.iter().rposition(|&c| c != ' ').map_or(0, |last| last + 1);
        Inside { first, end }
    }
}

/// Whether `c`, at `index` of a value whose inside is `inside`, cannot be seen for what it is. A
/// space is only when it starts or ends the value: inside one it is seen as a gap.
fn is_invisible(c: char, index: usize, inside: Inside) -> bool {
    if c == ' ' {
        return index < inside.first || index >= inside.end;
    }
    invisible_name(c).is_some() || c == '\t' || c.is_control() || (c.is_whitespace() && !c.is_ascii())
}

/// A run of a value as the page shows it: text, or one character that stands as its token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    /// Part of what differs from the other value.
    pub differs: bool,
    /// The character this piece stands for, shown as `text` (its token) instead of itself.
    pub hidden: Option<Hidden>,
    /// Stands for the rest of the value, which is not shown: `text` says how much that is.
    pub elided: bool,
}

/// Every character of `text` that cannot be seen for what it is.
pub fn hidden_in(text: &str) -> Vec<Hidden> {
    let chars: Vec<char> = text.chars().collect();
    let inside = Inside::of(&chars);
    chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| is_invisible(c, i, inside))
        .map(|(i, &c)| Hidden { character: c, position: i + 1, kind: HiddenKind::Invisible })
        .collect()
}

/// How many characters of one value stand as tokens; at the next hidden one the value shown
/// stops, and one piece says how many characters are left out (its sentence still counts them
/// all). So a crafted value of 100,000 zero-width spaces is not 100,000 elements on the page, and
/// no hidden character past the cap (a right-to-left override, say) is ever shown raw.
pub const MAX_TOKENS: usize = 256;

/// Each character of `spans`, whether it is part of the difference, and what hides it, if
/// anything does.
fn classify(spans: &[Span]) -> Vec<(char, bool, Option<Hidden>)> {
    let chars: Vec<(char, bool)> = spans.iter().flat_map(|s| s.text.chars().map(move |c| (c, s.differs))).collect();
    let plain: Vec<char> = chars.iter().map(|&(c, _)| c).collect();
    let inside = Inside::of(&plain);
    chars
        .iter()
        .enumerate()
        .map(|(index, &(character, differs))| {
            let kind = if is_invisible(character, index, inside) {
                Some(HiddenKind::Invisible)
            } else if differs && !character.is_ascii() {
                Some(HiddenKind::LooksAlike)
            } else {
                None
            };
            (character, differs, kind.map(|kind| Hidden { character, position: index + 1, kind }))
        })
        .collect()
}

/// The characters of one side of a comparison that are part of the difference and cannot be
/// told for what they are: invisible ones, and non-ASCII ones (Cobinar's header values are all
/// ASCII, so a non-ASCII letter where they differ is a lookalike or a typo worth naming).
pub fn hidden_in_difference(spans: &[Span]) -> Vec<Hidden> {
    classify(spans).into_iter().filter(|(_, differs, _)| *differs).filter_map(|(_, _, hidden)| hidden).collect()
}

/// `spans` cut so that each hidden character is a piece of its own, shown as its token. After
/// `MAX_TOKENS` of them, the next hidden character ends what is shown: one last piece says how
/// many characters are left out.
pub fn pieces(spans: &[Span]) -> Vec<Piece> {
    let classified = classify(spans);
    let total = classified.len();
    let mut out: Vec<Piece> = Vec::new();
    let mut tokens = 0;
    for (index, (character, differs, hidden)) in classified.into_iter().enumerate() {
        match hidden {
            Some(_) if tokens == MAX_TOKENS => {
                let left = total - index;
                out.push(Piece {
                    text: format!(
                        "…and {} more {}, not shown",
                        grouped(left),
                        if left == 1 { "character" } else { "characters" }
                    ),
                    differs,
                    hidden: None,
                    elided: true,
                });
                break;
            }
            Some(hidden) => {
                tokens += 1;
                out.push(Piece { text: hidden.token(), differs, hidden: Some(hidden), elided: false });
            }
            None => match out.last_mut() {
                Some(last) if last.hidden.is_none() && last.differs == differs => last.text.push(character),
                _ => out.push(Piece { text: character.to_string(), differs, hidden: None, elided: false }),
            },
        }
    }
    out
}

/// A whole value, with nothing marked as differing: for a value shown alone.
pub fn pieces_of(text: &str) -> Vec<Piece> {
    pieces(&[Span { text: text.to_string(), differs: false }])
}

/// `text` with each invisible character written as its token, for a sentence that quotes it.
/// Every one of them, however many: a string costs nothing per token, and a character past a
/// cap left raw (a right-to-left override) would reorder the sentence around it.
pub fn visible(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let inside = Inside::of(&chars);
    let mut out = String::with_capacity(text.len());
    for (index, &c) in chars.iter().enumerate() {
        if is_invisible(c, index, inside) {
            out.push_str(&Hidden { character: c, position: index + 1, kind: HiddenKind::Invisible }.token());
        } else {
            out.push(c);
        }
    }
    out
}

/// How many characters of a value a sentence quotes; the value itself is shown under it.
pub const QUOTED_AT_MOST: usize = 100;

/// `visible`, for a sentence about a value that may be very long (a crafted header can be
/// 256 KiB): its first `QUOTED_AT_MOST` characters, then how many more there are. A space at the
/// cut is still told by where the whole value's ends are.
pub fn quoted(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= QUOTED_AT_MOST {
        return visible(text);
    }
    let inside = Inside::of(&chars);
    let mut out = String::new();
    for (index, &c) in chars.iter().enumerate().take(QUOTED_AT_MOST) {
        if is_invisible(c, index, inside) {
            out.push_str(&Hidden { character: c, position: index + 1, kind: HiddenKind::Invisible }.token());
        } else {
            out.push(c);
        }
    }
    let left = chars.len() - QUOTED_AT_MOST;
    out.push_str(&format!("… and {} more {}", grouped(left), if left == 1 { "character" } else { "characters" }));
    out
}

/// `U+200B ZERO WIDTH SPACE at character 13 and U+00A0 NO-BREAK SPACE at character 14`, naming
/// at most a few and counting the rest.
pub fn describe_all(found: &[Hidden]) -> String {
    let mut named: Vec<String> = found.iter().take(NAMED_AT_MOST).map(Hidden::describe).collect();
    if found.len() > NAMED_AT_MOST {
        named.push(format!("{} more", grouped(found.len() - NAMED_AT_MOST)));
    }
    let named: Vec<&str> = named.iter().map(String::as_str).collect();
    join_and(&named)
}

/// The sentence for a value shown alone that holds invisible characters, if it holds any.
pub fn sentence_for_value(value: &str) -> Option<String> {
    let found = hidden_in(value);
    (!found.is_empty()).then(|| format!("It contains characters you cannot see: {}.", describe_all(&found)))
}

/// The sentence for two values that differ, when the difference is (or includes) characters
/// that cannot be seen or told apart: which, on which side, and where.
pub fn sentence_for_difference(received: &[Span], expected: &[Span]) -> Option<String> {
    let sides = [
        ("the received value", hidden_in_difference(received)),
        ("the expected value", hidden_in_difference(expected)),
    ];
    let all = || sides.iter().flat_map(|(_, found)| found);
    let invisible = all().any(|h| h.kind == HiddenKind::Invisible);
    let alike = all().any(|h| h.kind == HiddenKind::LooksAlike);
    let how = match (invisible, alike) {
        (false, false) => return None,
        (true, false) => "characters you cannot see",
        (false, true) => "characters that look alike",
        (true, true) => "characters you cannot see or that look alike",
    };
    let parts: Vec<String> = sides
        .iter()
        .filter(|(_, found)| !found.is_empty())
        .map(|(side, found)| format!("{side} has {}", describe_all(found)))
        .collect();
    Some(format!("The values differ by {how}: {}.", parts.join("; ")))
}

/// `text` without its invisible characters: what a person reading it believes it says.
pub fn without_invisible(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let inside = Inside::of(&chars);
    chars.iter().copied().enumerate().filter(|&(i, c)| !is_invisible(c, i, inside)).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::diff::char_diff;

    /// The pieces as text, differing runs in brackets.
    fn render(pieces: &[Piece]) -> String {
        pieces.iter().map(|p| if p.differs { format!("[{}]", p.text) } else { p.text.clone() }).collect()
    }

    #[track_caller]
    fn check(expected: &str, received: &str, want_received: &str, want_expected: &str, sentence: Option<&str>) {
        let diff = char_diff(expected, received);
        assert_eq!(render(&pieces(&diff.received)), want_received, "received");
        assert_eq!(render(&pieces(&diff.expected)), want_expected, "expected");
        assert_eq!(sentence_for_difference(&diff.received, &diff.expected).as_deref(), sentence);
    }

    #[test]
    fn invisible_differences_are_named_and_shown() {
        check(
            "otp.verified",
            "otp.verified\u{200B}",
            "otp.verified[⟨U+200B⟩]",
            "otp.verified",
            Some("The values differ by characters you cannot see: the received value has U+200B ZERO WIDTH SPACE at character 13."),
        );
        check(
            "otp.verified",
            "otp\u{200D}.verified",
            "otp[⟨U+200D⟩].verified",
            "otp.verified",
            Some("The values differ by characters you cannot see: the received value has U+200D ZERO WIDTH JOINER at character 4."),
        );
        // On the body's side: a no-break space, and a space at the end.
        check(
            "otp.verified\u{A0}",
            "otp.verified",
            "otp.verified",
            "otp.verified[⟨U+00A0⟩]",
            Some("The values differ by characters you cannot see: the expected value has U+00A0 NO-BREAK SPACE at character 13."),
        );
        check(
            "e3a9 ",
            "e3a9",
            "e3a9",
            "e3a9[⟨U+0020⟩]",
            Some("The values differ by characters you cannot see: the expected value has U+0020 SPACE at character 5."),
        );
        // A Cyrillic е for a Latin e: seen, but not for what it is.
        check(
            "otp.verified",
            "otp.v\u{0435}rified",
            "otp.v[⟨U+0435⟩]rified",
            "otp.v[e]rified",
            Some("The values differ by characters that look alike: the received value has U+0435 (not ASCII, though it may look like an ASCII character) at character 6."),
        );
        // Direction marks, a soft hyphen, a word joiner, a BOM, a tab, a control character.
        for (c, name) in [
            ('\u{200E}', "LEFT-TO-RIGHT MARK"),
            ('\u{202E}', "RIGHT-TO-LEFT OVERRIDE"),
            ('\u{2066}', "LEFT-TO-RIGHT ISOLATE"),
            ('\u{AD}', "SOFT HYPHEN"),
            ('\u{2060}', "WORD JOINER"),
            ('\u{FEFF}', "BYTE ORDER MARK"),
            ('\u{202F}', "NARROW NO-BREAK SPACE"),
            ('\t', "CHARACTER TABULATION"),
            ('\u{7}', "(a control character)"),
        ] {
            let received = format!("otp.{c}verified");
            let diff = char_diff("otp.verified", &received);
            let sentence = sentence_for_difference(&diff.received, &diff.expected).unwrap_or_default();
            assert!(sentence.contains(&format!("U+{:04X} {name} at character 5", u32::from(c))), "{sentence}");
        }
    }

    #[test]
    fn visible_differences_say_nothing_more() {
        check("otp.verified", "otp.failed", "otp.[fail]ed", "otp.[verifi]ed", None);
        // A space inside a value is seen as a gap; the same invisible character on both sides
        // is shown but is not the difference.
        check("a b", "a  b", "a [ ]b", "a b", None);
        check("\u{200B}x", "\u{200B}y", "⟨U+200B⟩[y]", "⟨U+200B⟩[x]", None);
    }

    #[test]
    fn a_crafted_value_is_a_bounded_number_of_tokens() {
        let value = format!("otp.verified{}", "\u{200B}".repeat(100_000));
        let diff = char_diff("otp.verified", &value);
        let shown = pieces(&diff.received);
        assert_eq!(shown.iter().filter(|p| p.hidden.is_some()).count(), MAX_TOKENS);
        assert!(shown.len() <= MAX_TOKENS + 2, "{}", shown.len());
        let sentence = sentence_for_difference(&diff.received, &diff.expected).unwrap_or_default();
        assert!(sentence.ends_with("at character 15 and 99,997 more."), "{sentence}");
    }

    #[test]
    fn past_the_cap_nothing_hidden_is_shown_raw() {
        let value = format!("{}\u{202E}gnp.exe", "\u{200B}".repeat(MAX_TOKENS));
        let shown = pieces_of(&value);
        assert_eq!(shown.iter().filter(|p| p.hidden.is_some()).count(), MAX_TOKENS);
        assert!(shown.iter().all(|p| !p.text.contains('\u{202E}') && !p.text.contains('\u{200B}')), "{shown:?}");
        let last = shown.last().cloned().unwrap_or_else(|| Piece {
            text: String::new(),
            differs: false,
            hidden: None,
            elided: false,
        });
        assert!(last.elided, "{last:?}");
        assert_eq!(last.text, "…and 8 more characters, not shown");
        assert_eq!(shown.iter().filter(|p| p.elided).count(), 1);
        // Quoted in a sentence, every one is a token, however many.
        let whole = visible(&value);
        assert!(whole.ends_with("⟨U+200B⟩⟨U+202E⟩gnp.exe"), "{whole}");
        assert!(!whole.contains('\u{202E}') && !whole.contains('\u{200B}'));
        // Under the cap, nothing is left out.
        assert!(pieces_of("a\u{202E}b").iter().all(|p| !p.elided));
        // A sentence quotes the start of a long value, tokens and all, and counts the rest.
        let long = format!("a{}{}", "\u{200B}".repeat(150), " ".repeat(10));
        let quote = quoted(&long);
        assert_eq!(quote, format!("a{} and 61 more characters", "⟨U+200B⟩".repeat(99) + "…"));
        assert_eq!(quoted("otp.verified\u{200B}"), visible("otp.verified\u{200B}"));
        let spaced = format!("a{}b", " ".repeat(200));
        assert_eq!(quoted(&spaced), format!("a{}… and 102 more characters", " ".repeat(99)));
    }

    /// 256 KiB of spaces inside a value: each space was once told by looking at every character
    /// on one side of it (quadratic: minutes). A thread and a deadline, since the point is time.
    #[test]
    fn a_quarter_million_inner_spaces_cost_one_pass() {
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let value = format!("a{}b", " ".repeat(256 * 1024));
            let counts = (
                hidden_in(&value).len(),
                pieces_of(&value).len(),
                visible(&value).len(),
                without_invisible(&value).len(),
                sentence_for_value(&value),
            );
            let diff = char_diff("ab", &value);
            let _ = done.send((counts, sentence_for_difference(&diff.received, &diff.expected)));
        });
        let answer = finished.recv_timeout(std::time::Duration::from_secs(30));
        let inner = 256 * 1024 + 2;
        assert_eq!(answer, Ok(((0, 1, inner, inner, None), None)), "not done within 30 s");
        // The spaces at either end still count, whatever lies between.
        assert_eq!(visible("  a  b  "), "⟨U+0020⟩⟨U+0020⟩a  b⟨U+0020⟩⟨U+0020⟩");
        assert_eq!(visible("   "), "⟨U+0020⟩⟨U+0020⟩⟨U+0020⟩");
        assert_eq!(without_invisible(" a b "), "a b");
    }

    #[test]
    fn a_value_alone() {
        assert_eq!(visible("otp.verified\u{200B}"), "otp.verified⟨U+200B⟩");
        assert_eq!(visible(" a b "), "⟨U+0020⟩a b⟨U+0020⟩");
        assert_eq!(without_invisible("otp\u{200B}.verified\u{A0}"), "otp.verified");
        assert_eq!(sentence_for_value("plain"), None);
        assert_eq!(
            sentence_for_value("\u{200B}\u{200B}\u{200B}\u{200B}x").as_deref(),
            Some("It contains characters you cannot see: U+200B ZERO WIDTH SPACE at character 1, U+200B ZERO WIDTH SPACE at character 2, U+200B ZERO WIDTH SPACE at character 3 and 1 more.")
        );
        let tokens: Vec<String> = pieces_of("a\u{2069}b").iter().filter_map(|p| p.hidden).map(|h| h.token()).collect();
        assert_eq!(tokens, ["⟨U+2069⟩"]);
    }

    #[test]
    fn characters_drawn_as_a_blank_are_tokens_and_named() {
        // Each renders as a gap a reader takes for a space: none may be shown raw.
        for (c, name) in [
            ('\u{2800}', "BRAILLE PATTERN BLANK"),
            ('\u{1D159}', "MUSICAL SYMBOL NULL NOTEHEAD"),
            ('\u{3164}', "HANGUL FILLER"),
            ('\u{3000}', "IDEOGRAPHIC SPACE"),
            ('\u{FFA0}', "HALFWIDTH HANGUL FILLER"),
            ('\u{115F}', "HANGUL CHOSEONG FILLER"),
            ('\u{1160}', "HANGUL JUNGSEONG FILLER"),
        ] {
            let value = format!("evt_1{c}41{c}bytes{c}valid");
            let token = format!("⟨U+{:04X}⟩", u32::from(c));
            assert_eq!(visible(&value), format!("evt_1{token}41{token}bytes{token}valid"));
            let said = sentence_for_value(&value).unwrap_or_default();
            assert!(said.contains(&format!("{name} at character 6")), "{said}");
        }
    }
}
