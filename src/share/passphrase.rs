//! Passphrases for a secret sealed into a link: one generated from the page's random bytes, and
//! a judge of one a person typed. The passphrase is all that stands between whoever gets the link
//! and the secret (an attacker can try guesses offline, at the cost of `secret_box::ITERATIONS`
//! rounds each), so the page offers a strong one and refuses weak ones with the reason.

/// Random bytes `generate` takes (the page passes `crypto.getRandomValues` bytes). Its first
/// `GENERATED_BITS` bits are used; the last four are not.
pub const ENTROPY_BYTES: usize = 13;
/// Symbols in a generated passphrase, in groups of `GROUP`.
const SYMBOLS: usize = 20;
const GROUP: usize = 5;
const BITS_PER_SYMBOL: usize = 5;
/// What a generated passphrase is worth: every bit of it comes straight from the entropy.
pub const GENERATED_BITS: u32 = (SYMBOLS * BITS_PER_SYMBOL) as u32;
/// Crockford's base32 in lower case: digits and letters without i, l, o and u, which are read as
/// 1, 1, 0 and v (or spell words). 32 symbols, so 5 bits pick one with no bias.
const ALPHABET: &[u8; 1 << BITS_PER_SYMBOL] = b"0123456789abcdefghjkmnpqrstvwxyz";

const _: () = assert!(SYMBOLS * BITS_PER_SYMBOL <= ENTROPY_BYTES * 8, "the entropy holds every symbol's bits");
const _: () = assert!(GENERATED_BITS >= 100, "a generated passphrase is worth at least 100 bits");

pub const MIN_CHARS: usize = 12;
pub const MIN_DISTINCT: usize = 6;
/// The least a typed passphrase's rough strength estimate may be.
pub const MIN_BITS: u32 = 60;

/// A passphrase to read aloud or paste: 20 symbols in 4 groups of 5, `abc12-...`. Each symbol is
/// the next 5 bits of `entropy` (most significant first), so different entropy gives a different
/// passphrase and each passphrase carries `GENERATED_BITS` bits.
pub fn generate(entropy: &[u8; ENTROPY_BYTES]) -> String {
    let mut passphrase = String::with_capacity(SYMBOLS + SYMBOLS / GROUP);
    for index in 0..SYMBOLS {
        if index > 0 && index.is_multiple_of(GROUP) {
            passphrase.push('-');
        }
        passphrase.push(char::from(ALPHABET[symbol(entropy, index)]));
    }
    passphrase
}

/// The `index`th 5 bits of `entropy`, most significant bit first.
fn symbol(entropy: &[u8; ENTROPY_BYTES], index: usize) -> usize {
    let first_bit = index * BITS_PER_SYMBOL;
    let byte = first_bit / 8;
    // Five bits that start in one byte end in it or the next: read the two as one number.
    let next = entropy.get(byte + 1).copied().unwrap_or(0);
    let pair = u16::from(entropy[byte]) << 8 | u16::from(next);
    usize::from(pair >> (16 - BITS_PER_SYMBOL - first_bit % 8)) & (ALPHABET.len() - 1)
}

/// Why a typed passphrase is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Weakness {
    Empty,
    /// It is the secret, or has it inside.
    ContainsTheSecret,
    /// Fewer than `MIN_CHARS` characters.
    TooShort,
    /// A piece of the secret.
    PartOfTheSecret,
    /// Fewer than `MIN_DISTINCT` different characters.
    FewDistinct {
        distinct: usize,
    },
    /// Little but a very common password or a keyboard, letter or number run.
    Common,
    /// Under `MIN_BITS` by the rough estimate: its length times log2 of the character kinds used.
    Guessable {
        bits: u32,
    },
}

impl std::fmt::Display for Weakness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const USE: &str = "use the generated one, or four or more words";
        match self {
            Self::Empty => write!(f, "There is no passphrase yet: {USE}."),
            Self::ContainsTheSecret => write!(
                f,
                "It contains the secret itself, so whoever has the passphrase has the secret without the link: use the generated one."
            ),
            Self::TooShort => write!(f, "It is shorter than {MIN_CHARS} characters: {USE}."),
            Self::PartOfTheSecret => {
                write!(f, "It is a piece of the secret, so it gives part of the secret away: use the generated one.")
            }
            Self::FewDistinct { distinct } => write!(
                f,
                "It uses only {distinct} different characters, and at least {MIN_DISTINCT} are needed: {USE}."
            ),
            Self::Common => write!(
                f,
                "It is built on a very common password or a keyboard or number run (like \"password\" or \"123456\"), which is tried first: {USE}."
            ),
            Self::Guessable { bits } => write!(
                f,
                "It is too easy to guess: about {bits} bits by a rough count (its length and the kinds of characters in it), and {MIN_BITS} is the least: make it longer, or use the generated one or four or more words."
            ),
        }
    }
}

/// Whether `passphrase` may seal `secret`; the first reason it may not, in the order a person
/// would fix them. The estimates are crude on purpose: they refuse what an attacker tries first
/// and say so, they do not promise strength.
pub fn judge(passphrase: &str, secret: &str) -> Result<(), Weakness> {
    if passphrase.is_empty() {
        return Err(Weakness::Empty);
    }
    let lower = passphrase.to_lowercase();
    let secret = secret.trim().to_lowercase();
    if !secret.is_empty() && lower.contains(&secret) {
        return Err(Weakness::ContainsTheSecret);
    }
    let chars: Vec<char> = passphrase.chars().collect();
    if chars.len() < MIN_CHARS {
        return Err(Weakness::TooShort);
    }
    if secret.contains(&lower) {
        return Err(Weakness::PartOfTheSecret);
    }
    // Counted only as far as the rule needs: no sort (a sort of chars would be one more copy of
    // the sort code in the wasm) and no cost that grows with the square of a long paste.
    let mut distinct: Vec<char> = Vec::with_capacity(MIN_DISTINCT);
    for &c in &chars {
        if distinct.len() == MIN_DISTINCT {
            break;
        }
        if !distinct.contains(&c) {
            distinct.push(c);
        }
    }
    if distinct.len() < MIN_DISTINCT {
        return Err(Weakness::FewDistinct { distinct: distinct.len() });
    }
    if is_common(&lower) {
        return Err(Weakness::Common);
    }
    match estimated_bits(&chars) {
        Some(bits) => Err(Weakness::Guessable { bits }),
        None => Ok(()),
    }
}

/// Passwords attackers try first (from the published most-common lists). None is part of
/// "correct horse battery staple", which the tests use.
const COMMON: [&str; 24] = [
    "password",
    "passw0rd",
    "p4ssw0rd",
    "qwerty",
    "letmein",
    "iloveyou",
    "admin",
    "welcome",
    "monkey",
    "dragon",
    "football",
    "baseball",
    "sunshine",
    "princess",
    "trustno1",
    "master",
    "shadow",
    "secret",
    "passphrase",
    "changeme",
    "abc123",
    "whsec",
    "webhook",
    "cobinar",
];
/// Runs along the alphabet, the number row and keyboard rows, read either way.
const RUNS: [&str; 9] = [
    "abcdefghijklmnopqrstuvwxyz",
    "01234567890",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "qwertzuiop",
    "azertyuiop",
    "1qaz2wsx3edc4rfv",
    "qazwsxedcrfv",
];
/// A run counts from this many characters.
const MIN_RUN: usize = 4;
/// Fewer characters than this left beside common words and runs: the passphrase is those.
const MIN_LEFT: usize = 4;
/// How much of a passphrase the pattern check reads; past this it is long enough not to matter.
const PATTERN_CHARS: usize = 1024;

/// Whether the passphrase, read as letters and digits only, is little but common words and runs.
/// Digits at either end are left out first ("Password2024!" is "password"), unless it is all
/// digits.
fn is_common(lower: &str) -> bool {
    let letters_and_digits: Vec<char> = lower.chars().filter(|c| c.is_alphanumeric()).take(PATTERN_CHARS).collect();
    let trimmed = {
        let start = letters_and_digits.iter().position(|c| !c.is_ascii_digit());
        let end = letters_and_digits.iter().rposition(|c| !c.is_ascii_digit());
        match (start, end) {
            (Some(start), Some(end)) => &letters_and_digits[start..=end],
            _ => &letters_and_digits[..],
        }
    };
    let mut left = 0;
    let mut at = 0;
    while at < trimmed.len() {
        match known_at(&trimmed[at..]) {
            Some(len) => at += len,
            None => {
                left += 1;
                at += 1;
            }
        }
    }
    left < MIN_LEFT
}

/// The length of the longest common word or run (of `MIN_RUN` or more) that `text` starts with.
fn known_at(text: &[char]) -> Option<usize> {
    let word = COMMON.iter().filter(|word| starts_with(text, word.chars())).map(|word| word.chars().count());
    let run = RUNS.iter().flat_map(|run| {
        let forward: Vec<char> = run.chars().collect();
        let backward: Vec<char> = run.chars().rev().collect();
        [run_length(text, &forward), run_length(text, &backward)]
    });
    word.chain(run.filter(|len| *len >= MIN_RUN)).max()
}

fn starts_with(text: &[char], word: impl Iterator<Item = char>) -> bool {
    let mut len = 0;
    for (i, c) in word.enumerate() {
        if text.get(i) != Some(&c) {
            return false;
        }
        len += 1;
    }
    len > 0
}

/// How many characters of `text`, from its start, follow `run` from wherever its first one is.
fn run_length(text: &[char], run: &[char]) -> usize {
    let Some(first) = text.first() else { return 0 };
    run.iter()
        .enumerate()
        .filter(|(_, c)| *c == first)
        .map(|(from, _)| text.iter().zip(&run[from..]).take_while(|(a, b)| a == b).count())
        .max()
        .unwrap_or(0)
}

/// The kinds of characters a guesser would try, by how many each has.
fn pool(chars: &[char]) -> u128 {
    let has = |test: fn(&char) -> bool| chars.iter().any(test);
    let kinds: [(bool, u128); 5] = [
        (has(char::is_ascii_lowercase), 26),
        (has(char::is_ascii_uppercase), 26),
        (has(char::is_ascii_digit), 10),
        // Space and ASCII punctuation.
        (has(|c| c.is_ascii() && !c.is_ascii_alphanumeric()), 33),
        // Anything else: accented letters, other scripts. A rough figure, kept low.
        (has(|c| !c.is_ascii()), 100),
    ];
    kinds.iter().filter(|(present, _)| *present).map(|(_, size)| size).sum()
}

/// `None` when length × log2(pool) reaches `MIN_BITS`; otherwise its whole bits. Counted as
/// pool^length against 2^MIN_BITS in integers, which is exact and needs no floating point.
fn estimated_bits(chars: &[char]) -> Option<u32> {
    let pool = pool(chars);
    let enough = 1u128 << MIN_BITS;
    let mut space: u128 = 1;
    for _ in chars {
        space = space.saturating_mul(pool);
        if space >= enough {
            return None;
        }
    }
    Some(space.checked_ilog2().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rng::Rng;
    use std::collections::HashSet;

    fn entropy(rng: &mut Rng) -> [u8; ENTROPY_BYTES] {
        std::array::from_fn(|_| rng.next() as u8)
    }

    #[track_caller]
    fn check(passphrase: &str, secret: &str, expected: Result<(), Weakness>) {
        assert_eq!(judge(passphrase, secret), expected, "{passphrase:?} with the secret {secret:?}");
    }

    #[test]
    fn judges_typed_passphrases() {
        use Weakness::*;
        const SECRET: &str = "whsec_live_4f9a8c2e1b";
        let cases: &[(&str, &str, Result<(), Weakness>)] = &[
            ("correct horse battery", SECRET, Ok(())),
            ("correct horse battery staple", SECRET, Ok(())),
            ("Tr0ub4dor&3 zebra", SECRET, Ok(())),
            ("ünïcödé pässphrase", "", Ok(())),
            ("7k2m9-x4q8r-0vzc3-hj5tn", SECRET, Ok(())),
            ("", SECRET, Err(Empty)),
            (SECRET, SECRET, Err(ContainsTheSecret)),
            ("my key is whsec_live_4f9a8c2e1b!", SECRET, Err(ContainsTheSecret)),
            ("WHSEC_LIVE_4F9A8C2E1B", SECRET, Err(ContainsTheSecret)),
            (SECRET, " whsec_live_4f9a8c2e1b\n", Err(ContainsTheSecret)),
            ("live_4f9a8c2e1b", SECRET, Err(PartOfTheSecret)),
            ("short one", SECRET, Err(TooShort)),
            ("whsec", SECRET, Err(TooShort)),
            ("aaaaaaaaaaaaaaaaaaaa", "", Err(FewDistinct { distinct: 1 })),
            ("abab abab abab 1212", "", Err(FewDistinct { distinct: 5 })),
            ("password1234!", "", Err(Common)),
            ("Password2024!", "", Err(Common)),
            ("mypassword2024", "", Err(Common)),
            ("passwordpassword", "", Err(Common)),
            ("iloveyouiloveyou", "", Err(Common)),
            ("qwertyuiop12", "", Err(Common)),
            ("123456789012", "", Err(Common)),
            ("abcdefghijkl", "", Err(Common)),
            ("ZYXWVUTSRQPO", "", Err(Common)),
            ("asdfghjkl;'#", "", Err(Common)),
            ("1qaz2wsx3edc", "", Err(Common)),
            ("sevenletters", "", Err(Guessable { bits: 56 })),
            ("493817265034", "", Err(Guessable { bits: 39 })),
        ];
        for (passphrase, secret, expected) in cases {
            check(passphrase, secret, expected.clone());
        }
    }

    #[test]
    fn each_refusal_says_why_and_what_to_do() {
        let refusals = [
            Weakness::Empty,
            Weakness::ContainsTheSecret,
            Weakness::TooShort,
            Weakness::PartOfTheSecret,
            Weakness::FewDistinct { distinct: 3 },
            Weakness::Common,
            Weakness::Guessable { bits: 41 },
        ];
        for refusal in refusals {
            let text = refusal.to_string();
            assert!(text.contains(": use the generated one") || text.contains(", or use the generated one"), "{text}");
            assert!(text.ends_with('.') && text.matches(". ").count() == 0, "one sentence: {text}");
        }
        assert!(Weakness::TooShort
            .to_string()
            .starts_with("It is shorter than 12 characters: use the generated one, or four or more words"));
        assert!(Weakness::Guessable { bits: 41 }.to_string().contains("about 41 bits"));
    }

    #[test]
    fn generated_ones_are_grouped_symbols_that_pass_judge() {
        let mut rng = Rng(0xc0ff_ee00_d15e_a5e5);
        let mut seen = HashSet::new();
        for _ in 0..20_000 {
            let passphrase = generate(&entropy(&mut rng));
            let groups: Vec<&str> = passphrase.split('-').collect();
            assert_eq!(groups.len(), 4, "{passphrase}");
            assert!(groups.iter().all(|g| g.len() == 5 && g.bytes().all(|b| ALPHABET.contains(&b))), "{passphrase}");
            assert_eq!(judge(&passphrase, "whsec_live_4f9a8c2e1b"), Ok(()), "{passphrase}");
            assert!(seen.insert(passphrase.clone()), "{passphrase} came twice");
        }
    }

    #[test]
    fn different_entropy_gives_a_different_passphrase() {
        let mut rng = Rng(17);
        for _ in 0..1000 {
            let one = entropy(&mut rng);
            let mut other = entropy(&mut rng);
            // Differ in the used bits only: the last four bits are not used.
            if one[..ENTROPY_BYTES - 1] == other[..ENTROPY_BYTES - 1]
                && one[ENTROPY_BYTES - 1] >> 4 == other[ENTROPY_BYTES - 1] >> 4
            {
                other[0] ^= 1;
            }
            assert_ne!(generate(&one), generate(&other));
        }
    }

    #[test]
    fn each_symbol_is_exactly_its_five_bits() {
        let symbols = |passphrase: String| -> Vec<char> { passphrase.chars().filter(|c| *c != '-').collect() };
        let mut rng = Rng(99);
        let base = entropy(&mut rng);
        let before = symbols(generate(&base));
        for bit in 0..ENTROPY_BYTES * 8 {
            let mut flipped = base;
            flipped[bit / 8] ^= 0x80 >> (bit % 8);
            let after = symbols(generate(&flipped));
            let changed: Vec<usize> = (0..SYMBOLS).filter(|&i| before[i] != after[i]).collect();
            let expected: Vec<usize> =
                if bit < SYMBOLS * BITS_PER_SYMBOL { vec![bit / BITS_PER_SYMBOL] } else { vec![] };
            assert_eq!(changed, expected, "flipping bit {bit}");
        }
        // And the symbol is those bits' value: 00000 is '0', 11111 is 'z', 00001 00010 is '1' '2'.
        let mut bits = [0u8; ENTROPY_BYTES];
        bits[0] = 0b0000_1000;
        bits[1] = 0b1011_1110;
        assert_eq!(&generate(&bits)[..4], "12z0");
    }
}
