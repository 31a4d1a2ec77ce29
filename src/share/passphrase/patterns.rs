//! The patterns a guesser enumerates before anything random, each found with the guesses it
//! takes: zxcvbn's matchers and formulas (Wheeler, USENIX Security 2016), written compactly.
//! Every piece may overlap others; `estimate` picks the cheapest way to cover the passphrase.

use super::estimate::{estimate, Pattern, Piece};
use super::words::WordList;

/// The year this was written: years near it are tried first. An estimate a year old is off by
/// one year's worth of guesses, nothing more.
pub const REFERENCE_YEAR: i32 = 2026;
/// Years are never counted as fewer guesses than this many.
const MIN_YEAR_SPACE: i32 = 20;

/// Every pattern found in `chars`, `words` being the word list when it is loaded.
pub fn find(chars: &[char], words: Option<&WordList>) -> Vec<Piece> {
    let mut found = Vec::new();
    if let Some(words) = words {
        dictionary(chars, words, &mut found);
    }
    for keyboard in &KEYBOARDS {
        keyboard_runs(chars, keyboard, &mut found);
    }
    sequences(chars, &mut found);
    repeats(chars, words, &mut found);
    dates(chars, &mut found);
    famous(chars, &mut found);
    found
}

/// Passphrases every attacker's list has because they were printed as examples (xkcd 936's
/// two, the typing test), by their letters and digits in lower case, most famous first.
const FAMOUS: [&str; 4] =
    ["correcthorsebatterystaple", "tr0ub4dor3", "troubador", "thequickbrownfoxjumpsoverthelazydog"];

/// A famous example passphrase, whatever separates its words and however it is capitalised:
/// its place in `FAMOUS` times its capitals.
fn famous(chars: &[char], found: &mut Vec<Piece>) {
    for start in (0..chars.len()).filter(|&at| chars[at].is_ascii_alphanumeric()) {
        for (rank, phrase) in FAMOUS.iter().enumerate() {
            let mut wanted = phrase.bytes().peekable();
            let mut end = start;
            while let (Some(&want), Some(&c)) = (wanted.peek(), chars.get(end)) {
                if c.is_ascii_alphanumeric() {
                    if c.to_ascii_lowercase() as u32 != u32::from(want) {
                        break;
                    }
                    wanted.next();
                }
                end += 1;
            }
            if wanted.peek().is_none() {
                let guesses = (rank + 1) as f64 * capitals(&chars[start..end]);
                found.push(piece(start, end, guesses, Pattern::Famous));
            }
        }
    }
}

fn piece(start: usize, end: usize, guesses: f64, pattern: Pattern) -> Piece {
    Piece { start, end, guesses, pattern }
}

/// n choose k.
fn choose(n: usize, k: usize) -> f64 {
    (0..k).fold(1.0, |r, i| r * (n - i) as f64 / (i + 1) as f64)
}

/// The ways to place up to min(a, b) of `a` marked characters among `a + b` (capitals among
/// letters, look-alikes among a word's letters, shifted keys): zxcvbn's variations, and 2 when
/// either is none (all or nothing is one more guess per word).
fn variations(a: usize, b: usize) -> f64 {
    if a == 0 || b == 0 {
        return 2.0;
    }
    (1..=a.min(b)).map(|i| choose(a + b, i)).sum()
}

/// Words from the list, forwards with look-alikes allowed, and backwards.
fn dictionary(chars: &[char], words: &WordList, found: &mut Vec<Piece>) {
    let n = chars.len();
    let lower: Vec<char> = chars.iter().map(char::to_ascii_lowercase).collect();
    let backwards: Vec<char> = lower.iter().rev().copied().collect();
    for at in 0..n {
        words.starting(&lower[at..], true, |word| {
            let end = at + word.len;
            let spelt: Vec<char> = words.word(word.entry).chars().collect();
            let token = &lower[at..end];
            // Per letter a look-alike stood for: how many were swapped and how many kept.
            let mut leet = 1.0;
            for (k, (&c, &w)) in token.iter().zip(&spelt).enumerate() {
                let first_swap_of_w = c != w && !(0..k).any(|e| spelt[e] == w && token[e] != w);
                if first_swap_of_w {
                    let swapped = (0..spelt.len()).filter(|&e| spelt[e] == w && token[e] != w).count();
                    let kept = (0..spelt.len()).filter(|&e| spelt[e] == w && token[e] == w).count();
                    leet *= variations(swapped, kept);
                }
            }
            let guesses = f64::from(word.rank) * capitals(&chars[at..end]) * leet;
            found.push(piece(at, end, guesses, Pattern::Word { kind: word.kind, leet: leet > 1.0, reversed: false }));
        });
        words.starting(&backwards[at..], false, |word| {
            let (start, end) = (n - at - word.len, n - at);
            // A palindrome is found forwards already.
            if lower[start..end].iter().ne(lower[start..end].iter().rev()) {
                let guesses = f64::from(word.rank) * capitals(&chars[start..end]) * 2.0;
                found.push(piece(start, end, guesses, Pattern::Word { kind: word.kind, leet: false, reversed: true }));
            }
        });
    }
}

/// How many ways a word may be capitalised as `token` is: 1 in lower case, 2 for a capital
/// first or last letter or all capitals, otherwise the ways to place its capitals.
fn capitals(token: &[char]) -> f64 {
    let upper = token.iter().filter(|c| c.is_ascii_uppercase()).count();
    let lower = token.iter().filter(|c| c.is_ascii_lowercase()).count();
    let ends = |c: Option<&char>| c.is_some_and(char::is_ascii_uppercase);
    match (upper, lower) {
        (0, _) => 1.0,
        (_, 0) => 2.0,
        (1, _) if ends(token.first()) || ends(token.last()) => 2.0,
        _ => (1..=upper.min(lower)).map(|i| choose(upper + lower, i)).sum(),
    }
}

/// A keyboard's keys by row, and the counts zxcvbn's keyboard formula takes.
struct Keyboard {
    rows: [&'static str; 4],
    shifted: [&'static str; 4],
    /// A typewriter's rows, each half a key right of the one above (six neighbours); otherwise
    /// a grid (eight).
    slanted: bool,
    starts: f64,
    average_neighbours: f64,
}

const KEYBOARDS: [Keyboard; 2] = [
    Keyboard {
        rows: ["1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./"],
        shifted: ["!@#$%^&*()_+", "QWERTYUIOP{}|", "ASDFGHJKL:\"", "ZXCVBNM<>?"],
        slanted: true,
        starts: 94.0,
        average_neighbours: 4.6,
    },
    Keyboard {
        rows: ["789", "456", "123", "0"],
        shifted: [""; 4],
        slanted: false,
        starts: 15.0,
        average_neighbours: 5.1,
    },
];

impl Keyboard {
    /// Row, column, and whether it takes Shift.
    fn key(&self, c: char) -> Option<(i32, i32, bool)> {
        self.rows.iter().zip(&self.shifted).enumerate().find_map(|(row, (plain, shifted))| {
            let at = |keys: &str| keys.chars().position(|k| k == c).map(|column| column as i32);
            at(plain)
                .map(|column| (row as i32, column, false))
                .or_else(|| at(shifted).map(|column| (row as i32, column, true)))
        })
    }

    /// Which way `to` lies from `from`, if they are neighbours.
    fn direction(&self, from: (i32, i32, bool), to: (i32, i32, bool)) -> Option<i32> {
        let (rows, columns) = (to.0 - from.0, to.1 - from.1);
        let neighbours = if self.slanted {
            matches!((rows, columns), (0, -1 | 1) | (-1, 0 | 1) | (1, -1 | 0))
        } else {
            rows.abs() <= 1 && columns.abs() <= 1 && (rows, columns) != (0, 0)
        };
        neighbours.then_some(rows * 3 + columns)
    }
}

/// Runs of three or more neighbouring keys: `qwerty`, `asdf`, `1qaz`, `zaq1`, `!@#$`, `7896321`.
fn keyboard_runs(chars: &[char], keyboard: &Keyboard, found: &mut Vec<Piece>) {
    let n = chars.len();
    let mut start = 0;
    while start + 2 < n {
        let (mut last, mut turns, mut direction) = (start, 0, None);
        let mut shifted = usize::from(keyboard.key(chars[start]).is_some_and(|key| key.2));
        while last + 1 < n {
            let (Some(from), Some(to)) = (keyboard.key(chars[last]), keyboard.key(chars[last + 1])) else { break };
            let Some(way) = keyboard.direction(from, to) else { break };
            if direction != Some(way) {
                turns += 1;
                direction = Some(way);
            }
            shifted += usize::from(to.2);
            last += 1;
        }
        let len = last + 1 - start;
        if len < 3 {
            start += 1;
            continue;
        }
        // The runs of up to this length with up to this many turns, from any key.
        let mut guesses = 0.0;
        for i in 2..=len {
            for j in 1..=turns.min(i - 1) {
                guesses += choose(i - 1, j - 1) * keyboard.starts * keyboard.average_neighbours.powi(j as i32);
            }
        }
        if shifted > 0 {
            guesses *= variations(shifted, len - shifted);
        }
        found.push(piece(start, last + 1, guesses, Pattern::Keyboard));
        start = last + 1;
    }
}

/// Letters or digits a constant step apart: `abcdef`, `97531`, `ZYX`.
fn sequences(chars: &[char], found: &mut Vec<Piece>) {
    let n = chars.len();
    if n < 2 {
        return;
    }
    let step = |k: usize| chars[k] as i64 - chars[k - 1] as i64;
    let (mut start, mut last_step) = (0, step(1));
    for k in 2..=n {
        if k < n && step(k) == last_step {
            continue;
        }
        sequence(&chars[start..k], last_step, start, found);
        start = k - 1;
        if k < n {
            last_step = step(k);
        }
    }
}

fn sequence(token: &[char], step: i64, start: usize, found: &mut Vec<Piece>) {
    let one_kind = [char::is_ascii_lowercase, char::is_ascii_uppercase, char::is_ascii_digit]
        .iter()
        .any(|kind| token.iter().all(kind));
    if !one_kind || step == 0 || step.abs() > 5 || token.len() < 3 && step.abs() != 1 {
        return;
    }
    let first = token[0];
    let from = if "aAzZ019".contains(first) {
        4.0
    } else if first.is_ascii_digit() {
        10.0
    } else {
        26.0
    };
    let guesses = from * token.len() as f64 * if step < 0 { 2.0 } else { 1.0 };
    found.push(piece(start, start + token.len(), guesses, Pattern::Sequence));
}

/// A run said again and again (`aaaa`, `abab`, `dogdogdog`): the run's own guesses times the
/// count. The longest from the leftmost place it starts, then on after it.
fn repeats(chars: &[char], words: Option<&WordList>, found: &mut Vec<Piece>) {
    let n = chars.len();
    let mut start = 0;
    while start < n {
        let mut best: Option<(usize, usize)> = None;
        for base in 1..=(n - start) / 2 {
            let unit = &chars[start..start + base];
            let count = 1 + chars[start + base..].chunks_exact(base).take_while(|next| *next == unit).count();
            if count >= 2 && best.is_none_or(|(span, _)| count * base > span) {
                best = Some((count * base, base));
            }
        }
        let Some((span, base)) = best else {
            start += 1;
            continue;
        };
        // Said twice, three times...: `aaaaaa` before `abc` is a repeat, though `aaaaaaa` is found.
        let unit = estimate(&chars[start..start + base], words).guesses;
        for count in 2..=span / base {
            found.push(piece(start, start + count * base, unit * count as f64, Pattern::Repeat));
        }
        start += span;
    }
}

/// Years (`1984`) and dates with or without separators (`12/03/1984`, `120384`, `1984-3-12`).
fn dates(chars: &[char], found: &mut Vec<Piece>) {
    let space = |year: i32| f64::from((year - REFERENCE_YEAR).abs().max(MIN_YEAR_SPACE));
    for start in 0..chars.len() {
        for end in start + 4..=(start + 10).min(chars.len()) {
            let token = &chars[start..end];
            if token.len() == 4 {
                if let Some(year) = number(token).filter(|year| (1900..2050).contains(year)) {
                    found.push(piece(start, end, space(year), Pattern::Year));
                }
            }
            if let Some((year, separated)) = date(token) {
                let guesses = space(year) * 365.0 * if separated { 4.0 } else { 1.0 };
                found.push(piece(start, end, guesses, Pattern::Date));
            }
        }
    }
}

fn number(digits: &[char]) -> Option<i32> {
    if digits.is_empty() || digits.len() > 4 {
        return None;
    }
    digits.iter().try_fold(0, |n, c| Some(n * 10 + c.to_digit(10)? as i32))
}

/// The year of the date `token` spells, the one nearest `REFERENCE_YEAR` where it can be read
/// more than one way, and whether it has separators.
fn date(token: &[char]) -> Option<(i32, bool)> {
    if token.iter().all(char::is_ascii_digit) {
        if token.len() > 8 {
            return None;
        }
        let mut nearest: Option<i32> = None;
        for first in 1..token.len() - 1 {
            for second in first + 1..token.len() {
                let parts = [&token[..first], &token[first..second], &token[second..]];
                if parts.iter().any(|part| part.len() == 3 || part.len() > 4) {
                    continue;
                }
                let year = match parts.map(number) {
                    [Some(a), Some(b), Some(c)] => day_month_year([a, b, c]),
                    _ => None,
                };
                if let Some(year) = year {
                    if nearest.is_none_or(|near| (year - REFERENCE_YEAR).abs() < (near - REFERENCE_YEAR).abs()) {
                        nearest = Some(year);
                    }
                }
            }
        }
        return nearest.map(|year| (year, false));
    }
    let separator = *token.iter().find(|c| !c.is_ascii_digit())?;
    if !" -/\\_.".contains(separator) {
        return None;
    }
    let mut parts = token.split(|c| *c == separator).map(number);
    match [parts.next(), parts.next(), parts.next(), parts.next()] {
        [Some(Some(a)), Some(Some(b)), Some(Some(c)), None] => day_month_year([a, b, c]).map(|year| (year, true)),
        _ => None,
    }
}

/// zxcvbn's reading of three numbers as a day, a month and a year (in some order): the year.
fn day_month_year(parts: [i32; 3]) -> Option<i32> {
    const YEARS: std::ops::RangeInclusive<i32> = 1000..=2050;
    if parts[1] > 31 || parts[1] <= 0 {
        return None;
    }
    if parts.iter().any(|&n| n > 99 && !YEARS.contains(&n)) {
        return None;
    }
    let count = |test: fn(i32) -> bool| parts.iter().filter(|&&n| test(n)).count();
    if count(|n| n > 31) >= 2 || count(|n| n > 12) == 3 || count(|n| n <= 0) >= 2 {
        return None;
    }
    let day_month = |[a, b]: [i32; 2]| {
        (1..=31).contains(&a) && (1..=12).contains(&b) || (1..=31).contains(&b) && (1..=12).contains(&a)
    };
    let readings = [(parts[2], [parts[0], parts[1]]), (parts[0], [parts[1], parts[2]])];
    for (year, rest) in readings {
        if YEARS.contains(&year) {
            return day_month(rest).then_some(year);
        }
    }
    readings.into_iter().find(|(_, rest)| day_month(*rest)).map(|(year, _)| match year {
        0..=50 => year + 2000,
        51..=99 => year + 1900,
        _ => year,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, pattern: Pattern) -> Vec<(String, f64)> {
        let chars: Vec<char> = text.chars().collect();
        let words = super::super::words::served();
        find(&chars, Some(&words))
            .into_iter()
            .filter(|p| p.pattern == pattern)
            .map(|p| (chars[p.start..p.end].iter().collect(), p.guesses))
            .collect()
    }

    #[track_caller]
    fn check(text: &str, pattern: Pattern, expected: &[(&str, f64)]) {
        let got = found(text, pattern);
        let expected: Vec<(String, f64)> = expected.iter().map(|(t, g)| (t.to_string(), *g)).collect();
        assert_eq!(got, expected, "{text:?} as {pattern:?}");
    }

    #[test]
    fn keyboard_runs_and_their_turns() {
        let qwerty = &KEYBOARDS[0];
        // One direction: sum over lengths 2..=6 of 94 × 4.6.
        check("qwerty", Pattern::Keyboard, &[("qwerty", 5.0 * 94.0 * 4.6)]);
        check("xx asdf", Pattern::Keyboard, &[("asdf", 3.0 * 94.0 * 4.6)]);
        assert_eq!(found("1qaz2wsx", Pattern::Keyboard).len(), 2);
        assert_eq!(found("zaq1", Pattern::Keyboard)[0].0, "zaq1");
        // The number row has `789`; the keypad the whole path.
        assert!(found("7896321", Pattern::Keyboard).iter().any(|(text, _)| text == "7896321"));
        // Shifted keys are one more guess each way: `!@#$` is `1234` shifted throughout.
        assert_eq!(found("!@#$", Pattern::Keyboard), [("!@#$".to_string(), 2.0 * 3.0 * 94.0 * 4.6)]);
        assert!(found("qwaszx", Pattern::Keyboard).iter().any(|(t, _)| t == "qwaszx"));
        assert_eq!(qwerty.key('q'), Some((1, 0, false)));
        assert_eq!(found("qpzm", Pattern::Keyboard), []);
    }

    #[test]
    fn sequences_ascending_and_descending() {
        check("abcdefg", Pattern::Sequence, &[("abcdefg", 4.0 * 7.0)]);
        check("xx 97531", Pattern::Sequence, &[("97531", 4.0 * 5.0 * 2.0)]);
        check("mnopq", Pattern::Sequence, &[("mnopq", 26.0 * 5.0)]);
        check("4567", Pattern::Sequence, &[("4567", 10.0 * 4.0)]);
        check("aXbYcZ", Pattern::Sequence, &[]);
    }

    #[test]
    fn repeats_take_their_run_times_the_count() {
        // A single character alone: 11 guesses, said 7 times.
        let a = estimate(&['a'], None).guesses;
        check("aaaa", Pattern::Repeat, &[("aa", a * 2.0), ("aaa", a * 3.0), ("aaaa", a * 4.0)]);
        let dogs = found("dogdogdog", Pattern::Repeat);
        assert_eq!(dogs.iter().map(|(text, _)| text.as_str()).collect::<Vec<_>>(), ["dogdog", "dogdogdog"]);
        assert_eq!(dogs[1].1, dogs[0].1 * 1.5);
        assert!(dogs[1].1 < 10_000.0, "{dogs:?}");
        let ab = estimate(&['a', 'b'], None).guesses * 2.0;
        check("abab abab", Pattern::Repeat, &[("abab", ab), ("abab", ab)]);
    }

    #[test]
    fn years_and_dates() {
        check("1984", Pattern::Year, &[("1984", 42.0)]);
        check("2024", Pattern::Year, &[("2024", 20.0)]);
        check("3024", Pattern::Year, &[]);
        assert!(found("12/03/1984", Pattern::Date).contains(&("12/03/1984".to_string(), 42.0 * 365.0 * 4.0)));
        assert!(found("120384", Pattern::Date).contains(&("120384".to_string(), 42.0 * 365.0)));
        assert!(found("1984-3-12", Pattern::Date).contains(&("1984-3-12".to_string(), 42.0 * 365.0 * 4.0)));
        assert!(!found("99/99/9999", Pattern::Date).iter().any(|(text, _)| text == "99/99/9999"));
        assert_eq!(date(&"12-03/1984".chars().collect::<Vec<_>>()), None);
    }

    #[test]
    fn words_forwards_backwards_and_in_look_alikes() {
        let words = |text: &str| -> Vec<(String, Pattern)> {
            let chars: Vec<char> = text.chars().collect();
            let list = super::super::words::served();
            find(&chars, Some(&list))
                .into_iter()
                .filter(|p| matches!(p.pattern, Pattern::Word { .. }) && p.end - p.start >= 5)
                .map(|p| (chars[p.start..p.end].iter().collect(), p.pattern))
                .collect()
        };
        use super::super::words::WordKind::*;
        assert!(words("password")
            .contains(&("password".into(), Pattern::Word { kind: Password, leet: false, reversed: false })));
        assert!(words("P4ssw0rd")
            .contains(&("P4ssw0rd".into(), Pattern::Word { kind: Password, leet: true, reversed: false })));
        assert!(words("drowssap")
            .contains(&("drowssap".into(), Pattern::Word { kind: Password, leet: false, reversed: true })));
        assert!(
            words("WebHook").contains(&("WebHook".into(), Pattern::Word { kind: Tool, leet: false, reversed: false }))
        );
        // Capitals and look-alikes multiply a word's rank.
        assert_eq!(capitals(&['d', 'o', 'g']), 1.0);
        assert_eq!(capitals(&['D', 'o', 'g']), 2.0);
        assert_eq!(capitals(&['D', 'O', 'G']), 2.0);
        assert_eq!(capitals(&['d', 'O', 'g']), 3.0);
        assert_eq!(variations(1, 0), 2.0);
        assert_eq!(variations(2, 3), 5.0 + 10.0);
    }
}
