//! How many guesses a passphrase takes an attacker who tries patterns before random strings:
//! the minimum over every way to cover it with pieces (`patterns::find`, and characters with no
//! pattern at 10 guesses each) of the pieces' guesses multiplied. An attacker enumerates phrases
//! word by word in the order written, so a cover costs its product and nothing more: not
//! zxcvbn's `l! × product + 10,000^(l-1)`, whose extra terms made any five pieces cost 10^16
//! whatever the words. One separator said between the pieces (`the dog`, `a-b-c`) is chosen once
//! for the phrase, `PER_SEPARATOR` guesses, and costs nothing where it comes again.

use super::patterns::find;
use super::words::{WordKind, WordList};

/// What a piece of the passphrase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    /// From the word list; `leet` when look-alikes stand for letters, `reversed` when backwards.
    Word {
        kind: WordKind,
        leet: bool,
        reversed: bool,
    },
    Keyboard,
    Repeat,
    Sequence,
    Year,
    Date,
    /// A passphrase printed as an example (`correct horse battery staple`).
    Famous,
    /// The phrase's one separator (a character not a letter or digit), chosen once for the
    /// whole phrase.
    Separator,
    /// No pattern: characters guessed one by one.
    Other,
}

/// A piece of the passphrase, `start..end` in characters, and the guesses it takes alone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Piece {
    pub start: usize,
    pub end: usize,
    pub guesses: f64,
    pub pattern: Pattern,
}

/// The cheapest cover: its guesses and its pieces, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    pub guesses: f64,
    pub pieces: Vec<Piece>,
}

/// A cover of the passphrase up to some character: its cost, its last piece, and whether the
/// cover before that piece ended in other characters.
#[derive(Clone, Copy)]
struct Step {
    cost: f64,
    piece: Option<Piece>,
    after_other: bool,
}

/// Guesses per character with no pattern (zxcvbn's: low on purpose, as a word missing from a
/// short list is still in an attacker's long one).
const PER_OTHER_CHARACTER: f64 = 10.0;
/// The guesses to pick a phrase's separator, once.
const PER_SEPARATOR: f64 = 10.0;

/// The least guesses any cover of `chars` takes, and that cover.
pub fn estimate(chars: &[char], words: Option<&WordList>) -> Estimate {
    if chars.is_empty() {
        return Estimate { guesses: 1.0, pieces: Vec::new() };
    }
    let found = find(chars, words);
    let mut separators: Vec<char> = chars.iter().copied().filter(|c| !c.is_alphanumeric()).collect();
    separators.sort_unstable();
    separators.dedup();
    let mut best = cheapest(chars, &found, None);
    for separator in separators {
        let with = cheapest(chars, &found, Some(separator));
        if with.guesses < best.guesses {
            best = with;
        }
    }
    best
}

/// The cheapest cover of `chars` by the `found` pieces, other characters, and (where given) the
/// phrase's separator at no cost after `PER_SEPARATOR` once.
fn cheapest(chars: &[char], found: &[Piece], separator: Option<char>) -> Estimate {
    let n = chars.len();
    // A piece of a longer passphrase is never counted as fewer than this (zxcvbn's minimums).
    let least = |len: usize| {
        if len == n {
            1.0
        } else if len == 1 {
            10.0
        } else {
            50.0
        }
    };
    // best[end][other]: the cheapest cover of chars[..end], ending in other characters or not.
    let mut best: Vec<[Option<Step>; 2]> = vec![[None, None]; n + 1];
    best[0][0] = Some(Step { cost: 1.0, piece: None, after_other: false });
    let consider = |slot: &mut Option<Step>, step: Step| {
        if slot.is_none_or(|old| step.cost < old.cost) {
            *slot = Some(step);
        }
    };
    for end in 1..=n {
        let mut ending: Vec<Piece> = found.iter().filter(|piece| piece.end == end).copied().collect();
        if separator == Some(chars[end - 1]) {
            ending.push(Piece { start: end - 1, end, guesses: 1.0, pattern: Pattern::Separator });
        }
        for piece in ending {
            let guesses = if piece.pattern == Pattern::Separator {
                1.0
            } else {
                piece.guesses.max(least(piece.end - piece.start))
            };
            for after_other in [false, true] {
                let Some(before) = best[piece.start][usize::from(after_other)] else { continue };
                let step = Step { cost: before.cost * guesses, piece: Some(piece), after_other };
                consider(&mut best[end][0], step);
            }
        }
        // Two runs of other characters are one run.
        for start in 0..end {
            let Some(before) = best[start][0] else { continue };
            let len = end - start;
            let guesses = PER_OTHER_CHARACTER.powi(len as i32).max(if len == 1 { 11.0 } else { 51.0 }).max(least(len));
            let piece = Piece { start, end, guesses, pattern: Pattern::Other };
            consider(&mut best[end][1], Step { cost: before.cost * guesses, piece: Some(piece), after_other: false });
        }
    }
    let mut step = match best[n] {
        [Some(a), Some(b)] if b.cost < a.cost => b,
        [Some(a), _] | [None, Some(a)] => a,
        [None, None] => {
            return Estimate { guesses: PER_OTHER_CHARACTER.powi(n as i32), pieces: Vec::new() };
        }
    };
    let guesses = step.cost * if separator.is_some() { PER_SEPARATOR } else { 1.0 };
    let mut cover = Vec::new();
    while let Some(piece) = step.piece {
        cover.push(piece);
        let Some(before) = best[piece.start][usize::from(step.after_other)] else { break };
        step = before;
    }
    cover.reverse();
    Estimate { guesses, pieces: cover }
}

/// What `chars` is built from, to say why it is weak: the named patterns in it (not `Other`),
/// the longest first (then as written, then the fewest guesses), none overlapping another, each fewer guesses
/// than its characters one by one; in order. Unlike the cheapest cover, it names every word of
/// `ilovemydog`, as a person reads it.
pub fn built_from(chars: &[char], words: Option<&WordList>) -> Vec<Piece> {
    let mut found = find(chars, words);
    found.retain(|piece| piece.guesses < PER_OTHER_CHARACTER.powi((piece.end - piece.start) as i32));
    let mut taken = vec![false; chars.len()];
    let mut chosen: Vec<Option<Piece>> = vec![None; chars.len()];
    loop {
        let free = |piece: &&Piece| !taken[piece.start..piece.end].contains(&true);
        // A word as written reads better than one backwards (`dog`, not `god`) of the same length.
        let plain = |piece: &Piece| {
            !matches!(piece.pattern, Pattern::Word { leet: true, .. } | Pattern::Word { reversed: true, .. })
        };
        let longest = found.iter().filter(free).max_by(|a, b| {
            (a.end - a.start)
                .cmp(&(b.end - b.start))
                .then(plain(a).cmp(&plain(b)))
                .then(b.guesses.total_cmp(&a.guesses))
        });
        let Some(&piece) = longest else { break };
        taken[piece.start..piece.end].fill(true);
        chosen[piece.start] = Some(piece);
    }
    chosen.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> (f64, Vec<(String, Pattern)>) {
        let chars: Vec<char> = text.chars().collect();
        let estimate = estimate(&chars, Some(&super::super::words::served()));
        let pieces = estimate.pieces.iter().map(|p| (chars[p.start..p.end].iter().collect(), p.pattern)).collect();
        (estimate.guesses, pieces)
    }

    #[test]
    fn random_characters_are_ten_guesses_each() {
        // Alone, a piece costs its guesses.
        assert_eq!(pieces("x"), (11.0, vec![("x".into(), Pattern::Other)]));
        assert_eq!(pieces("qj8#vz"), (1e6, vec![("qj8#vz".into(), Pattern::Other)]));
        assert_eq!(estimate(&[], None).guesses, 1.0);
    }

    #[test]
    fn the_cheapest_cover_wins() {
        use WordKind::*;
        let word = |kind| Pattern::Word { kind, leet: false, reversed: false };
        // One piece: its own guesses.
        let (guesses, cover) = pieces("password");
        assert_eq!(cover, [("password".to_string(), word(Password))]);
        assert_eq!(guesses, 2.0);
        // Two pieces: the product, each piece at least 50 guesses (`dragon` is the 10th password,
        // 1984 is 42 years from now), in the order written.
        let (guesses, cover) = pieces("dragon1984");
        assert_eq!(cover, [("dragon".to_string(), word(Password)), ("1984".to_string(), Pattern::Year)]);
        assert_eq!(guesses, 50.0 * 50.0);
        // The 15th and the 882nd passwords.
        let (guesses, _) = pieces("monkeybutterfly");
        assert_eq!(guesses, 50.0 * 882.0);
        // More pieces add only their own guesses: no 10,000 per piece, no orders.
        let (guesses, _) = pieces("dragonmonkeybutterflydragon1984");
        assert_eq!(guesses, 50.0 * 50.0 * 882.0 * 50.0 * 50.0);
        // One separator, chosen once (10 guesses), costs nothing where it comes again.
        let (guesses, cover) = pieces("dragon monkey butterfly dragon");
        assert_eq!(guesses, 10.0 * 50.0 * 50.0 * 882.0 * 50.0, "{cover:?}");
        assert_eq!(cover.iter().filter(|(_, p)| *p == Pattern::Separator).count(), 3);
        // A second separator is other characters (one alone: 11).
        let (guesses, _) = pieces("dragon monkey-butterfly dragon");
        assert_eq!(guesses, 10.0 * 50.0 * 50.0 * 11.0 * 882.0 * 50.0);
        // Other characters between two words are one piece.
        let (_, cover) = pieces("dragon#xq!dragon");
        assert_eq!(cover.iter().map(|(_, p)| *p).collect::<Vec<_>>(), [word(Password), Pattern::Other, word(Password)]);
    }

    #[test]
    fn what_it_is_built_from_names_each_pattern() {
        let built = |text: &str| -> Vec<String> {
            let chars: Vec<char> = text.chars().collect();
            built_from(&chars, Some(&super::super::words::served()))
                .iter()
                .map(|p| chars[p.start..p.end].iter().collect())
                .collect()
        };
        assert_eq!(built("ilovemydog123"), ["love", "my", "dog", "123"]);
        assert_eq!(built("aaaaaaabcdefg"), ["aaaaaa", "abcdefg"]);
        assert_eq!(built("qj8#vz"), Vec::<String>::new());
    }

    #[test]
    fn a_cover_never_costs_more_than_the_characters_alone() {
        let mut rng = crate::test_rng::Rng(5);
        for _ in 0..300 {
            let len = 1 + rng.below(30);
            let text: String = (0..len).map(|_| char::from(b"abcdeilmnorst0123456789 -!@"[rng.below(27)])).collect();
            let chars: Vec<char> = text.chars().collect();
            let estimate = estimate(&chars, Some(&super::super::words::served()));
            assert!(estimate.guesses <= 10f64.powi(len as i32).max(11.0), "{text:?}: {estimate:?}");
            // The pieces cover the passphrase, in order, without overlap.
            let mut at = 0;
            for piece in &estimate.pieces {
                assert_eq!(piece.start, at, "{text:?}: {estimate:?}");
                at = piece.end;
            }
            assert_eq!(at, len, "{text:?}");
        }
    }
}
