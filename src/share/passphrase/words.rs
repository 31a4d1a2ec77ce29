//! The word list a typed passphrase is read against: what an attacker's lists try first (common
//! passwords, words, names, this tool's and Cobinar's words), each with its rank. The page fetches
//! it beside itself (`static/passphrase-words.txt`) only when someone opens the seal form, so the
//! first load carries none of it.

/// The first line of a list this reader knows; anything else (a host's "not found" page served
/// in its place) is refused rather than read as words.
const MAGIC: &str = "# webhook-echo passphrase words v1";

/// Which list a word comes from: said in the reason a passphrase is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    /// This tool's and Cobinar's own words (webhook, cobinar, secret...).
    Tool,
    Password,
    Word,
    Name,
    Surname,
}

impl WordKind {
    fn named(name: &str) -> Option<Self> {
        Some(match name {
            "tool" => Self::Tool,
            "password" => Self::Password,
            "word" => Self::Word,
            "name" => Self::Name,
            "surname" => Self::Surname,
            _ => return None,
        })
    }
}

struct Entry {
    start: u32,
    len: u16,
    kind: WordKind,
    rank: u32,
}

/// The words, in one string, and where each starts, by its first byte.
pub struct WordList {
    text: String,
    entries: Vec<Entry>,
    by_first: Vec<Vec<u32>>,
}

/// A word found at a position of the passphrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordMatch {
    pub len: usize,
    pub kind: WordKind,
    pub rank: u32,
    /// The word, as an index for `WordList::word`.
    pub entry: usize,
}

/// Look-alike characters a guesser substitutes for letters (zxcvbn's table): `p4ssw0rd`.
pub fn look_alikes(c: char) -> &'static str {
    match c {
        '4' | '@' => "a",
        '8' => "b",
        '(' | '{' | '[' | '<' => "c",
        '3' => "e",
        '6' | '9' => "g",
        '1' | '|' => "il",
        '!' => "i",
        '7' => "lt",
        '0' => "o",
        '$' | '5' => "s",
        '+' => "t",
        '%' => "x",
        '2' => "z",
        _ => "",
    }
}

impl WordList {
    /// Reads the list's text: `#` lines are comments, `=kind` starts a section, every other line
    /// is a word of two or more ASCII characters (lower case), most common first.
    pub fn parse(text: &str) -> Result<Self, String> {
        const NOT_A_LIST: &str = "it is not the word list this page reads";
        if !text.starts_with(MAGIC) {
            return Err(NOT_A_LIST.into());
        }
        let mut list =
            WordList { text: String::with_capacity(text.len()), entries: Vec::new(), by_first: vec![Vec::new(); 128] };
        let mut section = None;
        for line in text.lines().filter(|line| !line.starts_with('#')) {
            if let Some(name) = line.strip_prefix('=') {
                section = Some((WordKind::named(name).ok_or(NOT_A_LIST)?, 0));
                continue;
            }
            let Some((kind, rank)) = section.as_mut() else { return Err(NOT_A_LIST.into()) };
            if line.len() < 2
                || line.len() > 64
                || !line.bytes().all(|b| b.is_ascii_graphic() && !b.is_ascii_uppercase())
            {
                return Err(NOT_A_LIST.into());
            }
            *rank += 1;
            list.by_first[usize::from(line.as_bytes()[0])].push(list.entries.len() as u32);
            list.entries.push(Entry {
                start: list.text.len() as u32,
                len: line.len() as u16,
                kind: *kind,
                rank: *rank,
            });
            list.text.push_str(line);
        }
        if list.entries.is_empty() {
            return Err(NOT_A_LIST.into());
        }
        Ok(list)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry's word, as the list spells it.
    pub fn word(&self, entry: usize) -> &str {
        let entry = &self.entries[entry];
        let start = entry.start as usize;
        &self.text[start..start + usize::from(entry.len)]
    }

    /// Every word `lower` (the passphrase lowered, from some position on) starts with; with
    /// `leet`, a look-alike may stand for a word's letter.
    pub fn starting(&self, lower: &[char], leet: bool, mut found: impl FnMut(WordMatch)) {
        let Some(&first) = lower.first() else { return };
        let mut firsts = [first, '\0', '\0'];
        if leet {
            for (slot, letter) in firsts[1..].iter_mut().zip(look_alikes(first).chars()) {
                *slot = letter;
            }
        }
        for first in firsts.into_iter().filter(|c| c.is_ascii() && *c != '\0') {
            for &entry in &self.by_first[first as usize] {
                let word = self.word(entry as usize);
                let fits = word.len() <= lower.len()
                    && word.chars().zip(lower).all(|(w, &c)| w == c || leet && look_alikes(c).contains(w));
                if fits {
                    let Entry { kind, rank, .. } = self.entries[entry as usize];
                    found(WordMatch { len: word.len(), kind, rank, entry: entry as usize });
                }
            }
        }
    }
}

/// The list the page serves, read as the page reads it.
#[cfg(test)]
pub(crate) fn served() -> WordList {
    WordList::parse(include_str!("../../../static/passphrase-words.txt")).expect("the served list reads")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(list: &WordList, text: &str, leet: bool) -> Vec<(String, WordKind, u32)> {
        let chars: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        list.starting(&chars, leet, |m| out.push((list.word(m.entry).to_string(), m.kind, m.rank)));
        out
    }

    #[test]
    fn reads_sections_in_rank_order() {
        let list =
            WordList::parse(&format!("{MAGIC}\n# a comment\n=tool\nwebhook\necho\n=name\nmary\n=word\nwe\n")).unwrap();
        assert_eq!(list.len(), 4);
        assert_eq!(
            found(&list, "webhookecho", false),
            [("webhook".into(), WordKind::Tool, 1), ("we".into(), WordKind::Word, 1)]
        );
        assert_eq!(list.word(2), "mary");
        assert_eq!(found(&list, "echo1", false), [("echo".into(), WordKind::Tool, 2)]);
        assert_eq!(found(&list, "m4ry", false), []);
        assert_eq!(found(&list, "m4ry", true), [("mary".into(), WordKind::Name, 1)]);
        assert_eq!(
            found(&list, "w3bh00k", true),
            [("webhook".into(), WordKind::Tool, 1), ("we".into(), WordKind::Word, 1)]
        );
    }

    #[test]
    fn refuses_what_is_not_the_list() {
        for text in [
            "<!doctype html><html>",
            "",
            MAGIC,
            &format!("{MAGIC}\nword-before-a-section\n"),
            &format!("{MAGIC}\n=colour\nred\n"),
            &format!("{MAGIC}\n=word\nRed\n"),
            &format!("{MAGIC}\n=word\nx\n"),
            &format!("{MAGIC}\n=word\ntwo words\n"),
        ] {
            assert!(WordList::parse(text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn the_served_list_holds_what_attackers_try_first() {
        let list = served();
        assert!((5_000..15_000).contains(&list.len()), "a few thousand words, not megabytes: {}", list.len());
        for (word, kind) in [
            ("password", WordKind::Password),
            ("qwerty", WordKind::Password),
            ("dragon", WordKind::Password),
            ("love", WordKind::Password),
            ("the", WordKind::Word),
            ("dog", WordKind::Word),
            ("battery", WordKind::Word),
            ("mary", WordKind::Name),
            ("james", WordKind::Name),
            ("smith", WordKind::Surname),
            ("webhook", WordKind::Tool),
            ("cobinar", WordKind::Tool),
            ("echo", WordKind::Tool),
            ("otp", WordKind::Tool),
            ("secret", WordKind::Tool),
            ("signature", WordKind::Tool),
            ("sandbox", WordKind::Tool),
        ] {
            let hits = found(&list, word, false);
            assert!(hits.iter().any(|(w, k, _)| w == word && *k == kind), "{word} as {kind:?}: {hits:?}");
        }
    }
}
