//! The one table of characters a renderer draws as nothing, and of those it draws as a blank
//! that is not a space: the endpoint refuses the first in a URL; the header rows, the command's
//! lines and every other place that shows someone else's text show both as tokens; the Bytes
//! view marks them. One list, so that they can never disagree about what cannot be seen.

/// Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt): the characters a renderer
/// draws as nothing, which includes every bidirectional control. Unicode reserves whole ranges of
/// it ahead (U+2065, U+FFF0..U+FFF8, U+E0000..U+E0FFF), so characters assigned there later are
/// caught too. This is wider than the usual list (zero-width spaces and joiners, the bidi
/// controls, U+FEFF) on purpose: a soft hyphen, a word joiner, a Hangul filler, a variation
/// selector or a tag character is just as invisible in an address bar or a header value.
pub const DEFAULT_IGNORABLE: [(char, char); 17] = [
    ('\u{00AD}', '\u{00AD}'),
    ('\u{034F}', '\u{034F}'),
    ('\u{061C}', '\u{061C}'),
    ('\u{115F}', '\u{1160}'),
    ('\u{17B4}', '\u{17B5}'),
    ('\u{180B}', '\u{180F}'),
    ('\u{200B}', '\u{200F}'),
    ('\u{202A}', '\u{202E}'),
    ('\u{2060}', '\u{206F}'),
    ('\u{3164}', '\u{3164}'),
    ('\u{FE00}', '\u{FE0F}'),
    ('\u{FEFF}', '\u{FEFF}'),
    ('\u{FFA0}', '\u{FFA0}'),
    ('\u{FFF0}', '\u{FFF8}'),
    ('\u{1BCA0}', '\u{1BCA3}'),
    ('\u{1D173}', '\u{1D17A}'),
    ('\u{E0000}', '\u{E0FFF}'),
];

/// Characters that are drawn as a blank as wide as a letter but are neither whitespace nor
/// default-ignorable, so neither of those tests catches them: `evt_1⠀41⠀bytes⠀valid` (with
/// U+2800 between the words) reads as four words. The Hangul fillers (U+115F, U+1160, U+3164,
/// U+FFA0), which render the same way, are in `DEFAULT_IGNORABLE` already, and the wide spaces
/// (U+3000 and the like) are whitespace.
pub const BLANK_LOOKING: [(char, &str); 2] =
    [('\u{2800}', "BRAILLE PATTERN BLANK"), ('\u{1D159}', "MUSICAL SYMBOL NULL NOTEHEAD")];

/// The name of `c` when it is one of the `BLANK_LOOKING` characters.
pub fn blank_looking_name(c: char) -> Option<&'static str> {
    BLANK_LOOKING.iter().find(|&&(blank, _)| blank == c).map(|&(_, name)| name)
}

/// Whether `c` is drawn as nothing (or only as a change of direction).
pub fn is_default_ignorable(c: char) -> bool {
    DEFAULT_IGNORABLE.iter().any(|&(first, last)| (first..=last).contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_its_ranges_are_whole() {
        for pair in DEFAULT_IGNORABLE.windows(2) {
            assert!(pair[0].1 < pair[1].0, "{pair:?}");
        }
        for (first, last) in DEFAULT_IGNORABLE {
            assert!(first <= last, "{first:?}..{last:?}");
        }
    }

    #[test]
    fn blank_looking_characters_are_caught_by_nothing_else() {
        for (c, name) in BLANK_LOOKING {
            assert!(!c.is_whitespace() && !is_default_ignorable(c) && !c.is_control(), "{name}");
            assert_eq!(blank_looking_name(c), Some(name));
        }
        for c in ['a', ' ', '\u{3000}', '\u{3164}', '\u{2801}', '\u{1D158}'] {
            assert_eq!(blank_looking_name(c), None, "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn what_is_and_is_not_ignorable() {
        for c in
            ['\u{AD}', '\u{34F}', '\u{61C}', '\u{115F}', '\u{180E}', '\u{200B}', '\u{202E}', '\u{2063}', '\u{3164}']
                .into_iter()
                .chain(['\u{FE0F}', '\u{FEFF}', '\u{FFA0}', '\u{E0001}', '\u{E0FFF}'])
        {
            assert!(is_default_ignorable(c), "U+{:04X}", u32::from(c));
        }
        for c in ['a', ' ', '\u{A0}', '\u{2010}', '\u{E1000}', 'é'] {
            assert!(!is_default_ignorable(c), "U+{:04X}", u32::from(c));
        }
    }
}
