//! How many guesses a passphrase takes an attacker who tries patterns before random strings:
//! zxcvbn's minimum over every way to cover it with pieces (`patterns::find`, and characters with
//! no pattern at 10 guesses each), where a cover of `l` pieces costs
//! `l! × (the pieces' guesses multiplied) + 10,000^(l-1)`: the orders the pieces could come in,
//! and the shorter covers an attacker tries first.

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

/// A cover of the passphrase up to some character: its last piece (an index into the pieces),
/// the product of its pieces' guesses, and its cost.
#[derive(Clone, Copy)]
struct Step {
    last: usize,
    product: f64,
    cost: f64,
}

/// Guesses per character with no pattern (zxcvbn's: low on purpose, as a word missing from a
/// short list is still in an attacker's long one).
const PER_OTHER_CHARACTER: f64 = 10.0;
/// The guesses an attacker spends on covers of one piece fewer, per piece.
const PER_PIECE: f64 = 10_000.0;

/// The least guesses any cover of `chars` takes, and that cover.
pub fn estimate(chars: &[char], words: Option<&WordList>) -> Estimate {
    let n = chars.len();
    if n == 0 {
        return Estimate { guesses: 1.0, pieces: Vec::new() };
    }
    let mut pieces = find(chars, words);
    let patterns = pieces.len();
    // best[k][l]: the cheapest cover of chars[..=k] by l pieces, kept only if no cover with fewer
    // pieces costs as little.
    let mut best: Vec<Vec<Option<Step>>> = vec![vec![None; n + 1]; n];
    for k in 0..n {
        for index in 0..patterns {
            if pieces[index].end == k + 1 {
                extend(&mut best, &pieces, index, n);
            }
        }
        for start in 0..=k {
            let len = k + 1 - start;
            let guesses = PER_OTHER_CHARACTER.powi(len as i32).max(if len == 1 { 11.0 } else { 51.0 });
            pieces.push(Piece { start, end: k + 1, guesses, pattern: Pattern::Other });
            extend(&mut best, &pieces, pieces.len() - 1, n);
        }
    }
    let Some((mut l, guesses)) = best[n - 1]
        .iter()
        .enumerate()
        .filter_map(|(l, step)| step.map(|step| (l, step.cost)))
        .reduce(|a, b| if b.1 < a.1 { b } else { a })
    else {
        return Estimate { guesses: PER_OTHER_CHARACTER.powi(n as i32), pieces: Vec::new() };
    };
    let mut cover = Vec::with_capacity(l);
    let mut end = n;
    while end > 0 && l > 0 {
        let Some(step) = best[end - 1][l] else { break };
        cover.push(pieces[step.last]);
        end = pieces[step.last].start;
        l -= 1;
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

/// Covers that end with `pieces[index]`, from every cover of what comes before it.
fn extend(best: &mut [Vec<Option<Step>>], pieces: &[Piece], index: usize, n: usize) {
    let piece = &pieces[index];
    let len = piece.end - piece.start;
    // A piece of a longer passphrase is never counted as fewer than this (zxcvbn's minimums).
    let least = if len == n {
        1.0
    } else if len == 1 {
        10.0
    } else {
        50.0
    };
    let guesses = piece.guesses.max(least);
    if piece.start == 0 {
        consider(best, index, piece.end - 1, 1, guesses);
        return;
    }
    for l in 1..n {
        let Some(before) = best[piece.start - 1][l] else { continue };
        // Two runs of other characters are one run.
        if piece.pattern == Pattern::Other && pieces[before.last].pattern == Pattern::Other {
            continue;
        }
        consider(best, index, piece.end - 1, l + 1, before.product * guesses);
    }
}

fn consider(best: &mut [Vec<Option<Step>>], last: usize, k: usize, l: usize, product: f64) {
    let orders: f64 = (2..=l).map(|i| i as f64).product();
    let cost = orders * product + PER_PIECE.powi(l as i32 - 1);
    if best[k][..=l].iter().flatten().any(|other| other.cost <= cost) {
        return;
    }
    best[k][l] = Some(Step { last, product, cost });
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
        // Alone, a piece costs its guesses and one (10,000^0) for the covers of no pieces.
        assert_eq!(pieces("x"), (11.0 + 1.0, vec![("x".into(), Pattern::Other)]));
        assert_eq!(pieces("qj8#vz"), (1e6 + 1.0, vec![("qj8#vz".into(), Pattern::Other)]));
        assert_eq!(estimate(&[], None).guesses, 1.0);
    }

    #[test]
    fn the_cheapest_cover_wins() {
        use WordKind::*;
        let word = |kind| Pattern::Word { kind, leet: false, reversed: false };
        // One piece: its own guesses.
        let (guesses, cover) = pieces("password");
        assert_eq!(cover, [("password".to_string(), word(Password))]);
        assert_eq!(guesses, 2.0 + 1.0);
        // Two pieces: 2! × the product + 10,000, each piece at least 50 guesses (`dragon` is the
        // 10th password, 1984 is 42 years from now).
        let (guesses, cover) = pieces("dragon1984");
        assert_eq!(cover, [("dragon".to_string(), word(Password)), ("1984".to_string(), Pattern::Year)]);
        assert_eq!(guesses, 2.0 * 50.0 * 50.0 + 10_000.0);
        // The 15th and the 882nd passwords.
        let (guesses, _) = pieces("monkeybutterfly");
        assert_eq!(guesses, 2.0 * 50.0 * 882.0 + 10_000.0);
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
            assert!(estimate.guesses <= 10f64.powi(len as i32).max(11.0) + 1.0, "{text:?}: {estimate:?}");
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
