//! Passphrases for a secret sealed into a link: one generated from the page's random bytes, and
//! a judge of one a person typed. The passphrase is all that stands between whoever gets the link
//! and the secret (an attacker can try guesses offline, at the cost of `secret_box::ITERATIONS`
//! rounds each), so the page offers a strong one and refuses weak ones with the reason.
//!
//! A typed one is judged as an attacker's tools would guess it (`estimate`): words from a list
//! (`words`, fetched by the page only when someone seals), keyboard runs, repeats, sequences,
//! years and dates (`patterns`), and the cheapest way to cover it with them.

mod estimate;
mod patterns;
mod words;

pub use estimate::Pattern;
pub use words::{WordKind, WordList};

use crate::protocol::text::{grouped, join_and, plural};
use crate::share::secret_box::ITERATIONS;
use estimate::{built_from, estimate};

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

/// The least guesses a typed passphrase must take, by `estimate`, to seal a secret. Against
/// `RIG_GUESSES_PER_SECOND` that is about 26 years of a rig of 8 GPUs (13 on average), 2 of a
/// farm of 100 (ARCHITECTURE.md's threat model).
pub const MIN_GUESSES: f64 = 1e14;
/// PBKDF2-HMAC-SHA256 guesses a second at `secret_box::ITERATIONS` rounds on a rig of 8 RTX
/// 4090s: hashcat's mode 10900 runs about 9 million a second at 999 rounds on one, and the work
/// grows with the rounds. About 120,000.
pub const RIG_GUESSES_PER_SECOND: f64 = 8.0 * 9e6 * 999.0 / ITERATIONS as f64;
/// Characters with no pattern count 10 guesses each, so fewer than this never reach
/// `MIN_GUESSES`, whatever they are.
pub const MIN_CHARS: usize = 14;
/// Letters and digits in a row a passphrase may not share with the secret, forwards or backwards.
pub const SHARED_RUN: usize = 8;
/// How much of a passphrase is judged: the rest can only add guesses.
const JUDGED_CHARS: usize = 64;

const _: () = assert!(MIN_GUESSES / RIG_GUESSES_PER_SECOND > 25.0 * 365.25 * 86_400.0, "years on a rig");
const _: () = assert!(RIG_GUESSES_PER_SECOND > 119_000.0 && RIG_GUESSES_PER_SECOND < 121_000.0);

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
    /// A piece of the secret, or `SHARED_RUN` of its letters and digits in a row (forwards or
    /// backwards, with anything else between them).
    PartOfTheSecret,
    /// Fewer than `MIN_CHARS` characters, none of them a pattern: only length was missing.
    TooShort {
        guesses: u64,
    },
    /// Patterns a guesser tries first: the pieces found (what each is, and its text), and the
    /// guesses the cheapest cover of them takes, under `MIN_GUESSES`.
    Guessable {
        pieces: Vec<(Pattern, String)>,
        guesses: u64,
    },
    /// The word list is not loaded (yet, or the page is offline and never had it), and the
    /// passphrase was not generated here: it cannot be judged.
    Unchecked,
}

impl std::fmt::Display for Weakness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const USE: &str = "use the generated passphrase";
        match self {
            Self::Empty => write!(f, "There is no passphrase yet: {USE}, or type one of {MIN_CHARS} or more characters."),
            Self::ContainsTheSecret => write!(
                f,
                "It contains the secret itself, so whoever has the passphrase has the secret without the link: {USE}."
            ),
            Self::PartOfTheSecret => write!(
                f,
                "It shares {SHARED_RUN} or more letters and digits in a row with the secret (forwards or backwards, whatever lies between them), so it gives part of the secret away: {USE}."
            ),
            Self::TooShort { guesses } => write!(
                f,
                "It is shorter than {MIN_CHARS} characters, which {}: {USE}, or make it longer.",
                cracked(*guesses)
            ),
            Self::Guessable { pieces, guesses } => {
                write!(f, "It is {}, which {}: {USE}.", described(pieces), cracked(*guesses))
            }
            Self::Unchecked => write!(
                f,
                "It cannot be checked for common words and names until their list loads, and it has not (is the page offline?): {USE}."
            ),
        }
    }
}

/// `a rig of 8 GPUs tries in 3 days (about 30 billion guesses)`.
fn cracked(guesses: u64) -> String {
    let seconds = guesses as f64 / RIG_GUESSES_PER_SECOND;
    const UNITS: [(f64, &str); 5] = [
        (365.25 * 86_400.0, "year"),
        (30.0 * 86_400.0, "month"),
        (86_400.0, "day"),
        (3_600.0, "hour"),
        (60.0, "minute"),
    ];
    let time = match UNITS.iter().find(|(size, _)| seconds >= 2.0 * size) {
        Some((size, unit)) => plural((seconds / size) as usize, unit),
        None if seconds >= 1.0 => plural(seconds as usize, "second"),
        None => "under a second".to_string(),
    };
    const NAMES: [(u64, &str); 4] =
        [(1_000_000_000_000, " trillion"), (1_000_000_000, " billion"), (1_000_000, " million"), (1_000, " thousand")];
    let (size, name) = NAMES.iter().copied().find(|(size, _)| guesses >= *size).unwrap_or((1, ""));
    format!("a rig of 8 GPUs tries in {time} (about {}{name} guesses)", grouped(((guesses + size / 2) / size) as usize))
}

/// `common passwords ("ilove", "dog123") and a dictionary word ("my")`: the pieces grouped by
/// what they are, in the order each kind first comes.
fn described(pieces: &[(Pattern, String)]) -> String {
    let mut groups: Vec<(String, String, Vec<String>)> = Vec::new();
    for (pattern, text) in pieces {
        let (one, many) = kind(*pattern);
        let quoted = format!("\"{text}\"");
        match groups.iter_mut().find(|(single, _, _)| *single == one) {
            Some((_, _, texts)) => texts.push(quoted),
            None => groups.push((one, many, vec![quoted])),
        }
    }
    let said: Vec<String> = groups
        .into_iter()
        .map(|(one, many, texts)| format!("{} ({})", if texts.len() == 1 { one } else { many }, texts.join(", ")))
        .collect();
    join_and(&said.iter().map(String::as_str).collect::<Vec<_>>())
}

/// What a piece is, said of one and of several.
fn kind(pattern: Pattern) -> (String, String) {
    let (one, many) = match pattern {
        Pattern::Word { kind, .. } => match kind {
            WordKind::Tool => ("a word of this tool's or Cobinar's", "words of this tool's and Cobinar's"),
            WordKind::Password => ("a common password", "common passwords"),
            WordKind::Word => ("a dictionary word", "dictionary words"),
            WordKind::Name => ("a first name", "first names"),
            WordKind::Surname => ("a surname", "surnames"),
        },
        Pattern::Keyboard => ("a keyboard run", "keyboard runs"),
        Pattern::Repeat => ("a repeated run", "repeated runs"),
        Pattern::Sequence => ("an alphabet or number sequence", "alphabet or number sequences"),
        Pattern::Year => ("a year", "years"),
        Pattern::Date => ("a date", "dates"),
        Pattern::Famous => ("a famous example passphrase", "famous example passphrases"),
        Pattern::Separator => ("a separator", "one separator again and again"),
        Pattern::Other => ("a few other characters", "a few other characters"),
    };
    let how = match pattern {
        Pattern::Word { leet: true, .. } => " in look-alike characters",
        Pattern::Word { reversed: true, .. } => " written backwards",
        _ => "",
    };
    (format!("{one}{how}"), format!("{many}{how}"))
}

/// Whether `passphrase` may seal `secret`; the first reason it may not. `words` is the word list
/// (`WordList::parse` of the served file), `None` until it loads: then only a passphrase in the
/// generated form passes, as `generate` makes it from random bytes and no word can make one
/// weak. The estimate refuses what an attacker's tools try first and says why; it promises no
/// strength beyond that.
pub fn judge(passphrase: &str, secret: &str, words: Option<&WordList>) -> Result<(), Weakness> {
    if passphrase.is_empty() {
        return Err(Weakness::Empty);
    }
    // ASCII case only: webhook secrets are ASCII, and Unicode's case tables would weigh on the page.
    let lower = passphrase.to_ascii_lowercase();
    let secret = secret.trim().to_ascii_lowercase();
    if !secret.is_empty() && lower.contains(&secret) {
        return Err(Weakness::ContainsTheSecret);
    }
    // Its letters and digits, so `whsec-live` and `whsec_live!!` are the same to it.
    let alnum = |text: &str| -> Vec<u8> { text.bytes().filter(u8::is_ascii_alphanumeric).collect() };
    let (plain, key) = (alnum(&lower), alnum(&secret));
    let backwards: Vec<u8> = key.iter().rev().copied().collect();
    if key.len() >= SHARED_RUN && [&key, &backwards].iter().any(|key| contains(&plain, key)) {
        return Err(Weakness::ContainsTheSecret);
    }
    let chars: Vec<char> = passphrase.chars().take(JUDGED_CHARS).collect();
    if chars.len() >= MIN_CHARS && secret.contains(&lower)
        || [&key, &backwards].iter().any(|key| longest_shared_run(&plain, key) >= SHARED_RUN)
    {
        return Err(Weakness::PartOfTheSecret);
    }
    // A passphrase in the generated form is random symbols (`GENERATED_BITS` bits, far beyond
    // `MIN_GUESSES`): words a few symbols long turn up in it by chance and make it no weaker, so
    // only the patterns that need no list (a repeat, a run) are looked for in it.
    let words = if in_generated_form(passphrase) { None } else { words };
    let estimate = estimate(&chars, words);
    if estimate.guesses < MIN_GUESSES {
        let guesses = estimate.guesses as u64;
        if chars.len() < MIN_CHARS && estimate.pieces.iter().all(|piece| piece.pattern == Pattern::Other) {
            return Err(Weakness::TooShort { guesses });
        }
        let mut named = built_from(&chars, words);
        if named.is_empty() {
            named = estimate.pieces;
        }
        let pieces =
            named.iter().map(|piece| (piece.pattern, chars[piece.start..piece.end].iter().collect())).collect();
        return Err(Weakness::Guessable { pieces, guesses });
    }
    if words.is_none() && !in_generated_form(passphrase) {
        return Err(Weakness::Unchecked);
    }
    Ok(())
}

fn contains(text: &[u8], part: &[u8]) -> bool {
    part.is_empty() || text.windows(part.len()).any(|window| window == part)
}

/// The longest run of bytes `a` and `b` both hold.
fn longest_shared_run(a: &[u8], b: &[u8]) -> usize {
    let mut longest = 0;
    // ending[j]: the run ending at a[i] and b[j].
    let mut ending = vec![0; b.len() + 1];
    for &x in a {
        for j in (1..=b.len()).rev() {
            ending[j] = if x == b[j - 1] { ending[j - 1] + 1 } else { 0 };
            longest = longest.max(ending[j]);
        }
    }
    longest
}

/// Whether `passphrase` is shaped as `generate` makes them: groups of `GROUP` symbols of
/// `ALPHABET` joined by `-`, `SYMBOLS` in all.
fn in_generated_form(passphrase: &str) -> bool {
    let bytes = passphrase.as_bytes();
    bytes.len() == SYMBOLS + SYMBOLS / GROUP - 1
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| if (i + 1) % (GROUP + 1) == 0 { *b == b'-' } else { ALPHABET.contains(b) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rng::Rng;
    use std::collections::HashSet;

    fn entropy(rng: &mut Rng) -> [u8; ENTROPY_BYTES] {
        std::array::from_fn(|_| rng.next() as u8)
    }

    /// What `judge` says, in brief: strong, or the refusal's kind and the texts of its pieces.
    #[derive(Debug, PartialEq)]
    enum Said {
        Strong,
        Refused(&'static str),
        BuiltFrom(Vec<String>),
    }

    fn said(verdict: Result<(), Weakness>) -> Said {
        match verdict {
            Ok(()) => Said::Strong,
            Err(Weakness::Guessable { pieces, .. }) => {
                Said::BuiltFrom(pieces.into_iter().map(|(_, text)| text).collect())
            }
            Err(Weakness::Empty) => Said::Refused("empty"),
            Err(Weakness::ContainsTheSecret) => Said::Refused("contains the secret"),
            Err(Weakness::PartOfTheSecret) => Said::Refused("part of the secret"),
            Err(Weakness::TooShort { .. }) => Said::Refused("too short"),
            Err(Weakness::Unchecked) => Said::Refused("unchecked"),
        }
    }

    fn pieces(texts: &[&str]) -> Said {
        Said::BuiltFrom(texts.iter().map(|text| text.to_string()).collect())
    }

    #[track_caller]
    fn check(passphrase: &str, secret: &str, words: Option<&WordList>, expected: Said) {
        assert_eq!(said(judge(passphrase, secret, words)), expected, "{passphrase:?} with the secret {secret:?}");
    }

    const SECRET: &str = "whsec_live_4f9a8c2e1b";

    #[test]
    fn refuses_what_a_wordlist_guesses_first() {
        let list = words::served();
        let cases: &[(&str, Said)] = &[
            // The four, each told by what it is built from.
            ("ilovemydog123", pieces(&["love", "my", "dog", "123"])),
            ("webhookecho12", pieces(&["webhookecho", "12"])),
            ("aaaaaaabcdefg", pieces(&["aaaaaa", "abcdefg"])),
            ("correcthorse1", pieces(&["correct", "horse"])),
            // Words, names, this tool's words, years and dates, look-alikes, capitals.
            ("correcthorsebattery", pieces(&["correct", "horse", "battery"])),
            ("mary smith 1984", pieces(&["mary", "smith", "1984"])),
            ("webhook secret 2024", pieces(&["webhook", "secret", "2024"])),
            ("cobinar-otp-sandbox", pieces(&["cobinar", "otp", "sandbox"])),
            ("Signature 12/03/1990", pieces(&["Signature", "12/03/1990"])),
            ("P4ssw0rd!Dragon", pieces(&["P4ssw0rd", "Dragon"])),
            ("Password2024!", pieces(&["Password2", "024"])),
            ("drowssap-monkey", pieces(&["drowssap", "monkey"])),
            // Keyboard runs, repeats and sequences.
            ("qwertyuiop123456", pieces(&["qwertyuiop", "123456"])),
            ("1qaz2wsx3edc4rfv", pieces(&["1qaz2wsx3edc", "4rfv"])),
            ("zxcvbnm,./asdfg", pieces(&["zxcvbnm,./", "asdfg"])),
            ("aaaaaaaaaaaaaaaaaaaa", pieces(&["aaaaaaaaaaaaaaaaaaaa"])),
            ("abab abab abab 1212", pieces(&["abab abab abab ", "1212"])),
            ("iloveyouiloveyou", pieces(&["iloveyouiloveyou"])),
            ("ZYXWVUTSRQPONM", pieces(&["ZYXWVUTSRQPONM"])),
            // Too short to be strong, whatever it is; the secret, or part of it.
            ("x7#kq9!mzp2w", Said::Refused("too short")),
            ("", Said::Refused("empty")),
            (SECRET, Said::Refused("contains the secret")),
            ("my key is whsec_live_4f9a8c2e1b!", Said::Refused("contains the secret")),
            ("WHSEC_LIVE_4F9A8C2E1B", Said::Refused("contains the secret")),
            ("c_live_4f9a8c2e1b", Said::Refused("part of the secret")),
            // Famous examples, however they are written.
            ("correct horse battery staple", pieces(&["correct horse battery staple"])),
            ("Tr0ub4dor&3 zebra", pieces(&["Tr0ub4dor&3", "eb"])),
            // Strong: unlisted words, random.
            ("Crème brûlée für Zoë, bitte", Said::Strong),
            ("ünïcödé pässphrase", Said::Strong),
            ("7k2m9-x4q8r-0vzc3-hj5tn", Said::Strong),
            ("q8#Tz!m2@Lk9$vR4", Said::Strong),
        ];
        // Five pieces or more are a phrase an attacker enumerates word by word, the separator chosen
        // once: each is refused, whatever the count of its pieces.
        for phrase in [
            "the dog and the cat",
            "love you my dog 12",
            "i love you so much",
            "mary had a little lamb",
            "Welcome to the jungle",
            "I am the walrus 1967",
            "password password1 password2",
            "Summer2024!Summer2025!",
            "Jan 1 1990 Jan 1 1990",
            "1 2 3 4 5 6 7 8",
            "a b c d e f g h",
            "correcthorsebatterystaple",
        ] {
            assert!(
                matches!(judge(phrase, SECRET, Some(&list)), Err(Weakness::Guessable { .. })),
                "{phrase:?}: {:?}",
                judge(phrase, SECRET, Some(&list))
            );
        }
        // The secret's letters and digits, whatever separates them, forwards or backwards.
        for (passphrase, expected) in [
            ("whsec-live-4f9a8c2e1b", "contains the secret"),
            ("b1e2c8a9f4_evil_cesh", "part of the secret"),
            ("live_4f9a8c2e1b!!", "part of the secret"),
            ("4f9a8c2e1b whsec live", "part of the secret"),
            ("zebra quartz 9a8c2e1b fjord", "part of the secret"),
        ] {
            check(passphrase, SECRET, Some(&list), Said::Refused(expected));
        }
        // Seven in a row is not a run of the secret's.
        assert!(!matches!(judge("4f9a8c2-zq#Vt!m7@Lk", SECRET, Some(&list)), Err(Weakness::PartOfTheSecret)));
        for (passphrase, expected) in cases {
            let expected = match expected {
                Said::Strong => Said::Strong,
                Said::Refused(kind) => Said::Refused(kind),
                Said::BuiltFrom(texts) => Said::BuiltFrom(texts.clone()),
            };
            check(passphrase, SECRET, Some(&list), expected);
        }
        // The secret in the field's own spaces is still the secret.
        check(SECRET, " whsec_live_4f9a8c2e1b\n", Some(&list), Said::Refused("contains the secret"));
    }

    #[test]
    fn without_the_word_list_only_a_generated_passphrase_seals() {
        check("Crème brûlée für Zoë, bitte", SECRET, None, Said::Refused("unchecked"));
        check("7k2m9-x4q8r-0vzc3-hj5tn", SECRET, None, Said::Strong);
        // Patterns need no list: a repeat in the generated form is still refused.
        check("aaaaa-aaaaa-aaaaa-aaaaa", SECRET, None, pieces(&["aaaaa-aaaaa-aaaaa-", "aaaaa"]));
        check("qwertyuiop123456", SECRET, None, pieces(&["qwertyuiop", "123456"]));
        check("x7#kq9!mzp2w", SECRET, None, Said::Refused("too short"));
    }

    #[test]
    fn random_strings_of_twenty_characters_are_strong() {
        let list = words::served();
        let printable: Vec<char> = (b'!'..=b'~').map(char::from).collect();
        let mut rng = Rng(0x5eed);
        for _ in 0..2_000 {
            let passphrase: String = (0..20).map(|_| printable[rng.below(printable.len())]).collect();
            check(&passphrase, SECRET, Some(&list), Said::Strong);
        }
    }

    #[test]
    fn each_refusal_says_why_and_what_to_do() {
        let list = words::served();
        let refusals = [
            Weakness::Empty,
            Weakness::ContainsTheSecret,
            Weakness::PartOfTheSecret,
            Weakness::TooShort { guesses: 1_000_000_000_000 },
            Weakness::Unchecked,
            judge("ilovemydog123", "", Some(&list)).unwrap_err(),
            judge("aaaaaaabcdefg", "", Some(&list)).unwrap_err(),
        ];
        for refusal in refusals {
            let text = refusal.to_string();
            assert!(text.contains("use the generated passphrase"), "{text}");
            assert!(text.ends_with('.') && text.matches(". ").count() == 0, "one sentence: {text}");
        }
        assert_eq!(
            judge("mary smith 1984", "", Some(&list)).unwrap_err().to_string(),
            "It is a first name (\"mary\"), a surname (\"smith\") and a year (\"1984\"), which a rig of 8 GPUs \
             tries in 10 seconds (about 1 million guesses): use the generated passphrase."
        );
        assert!(Weakness::PartOfTheSecret
            .to_string()
            .starts_with("It shares 8 or more letters and digits in a row with the secret (forwards or backwards"));
        let dog = judge("ilovemydog123", "", Some(&list)).unwrap_err().to_string();
        assert!(dog.starts_with("It is a common password (\"love\"), dictionary words (\"my\", \"dog\") and an alphabet or number sequence (\"123\")"), "{dog}");
        let tool = judge("webhookecho12", "", Some(&list)).unwrap_err().to_string();
        assert!(tool.starts_with("It is a word of this tool's or Cobinar's (\"webhookecho\")"), "{tool}");
        let leet = judge("P4ssw0rd!Dragon", "", Some(&list)).unwrap_err().to_string();
        assert!(
            leet.starts_with(
                "It is a common password in look-alike characters (\"P4ssw0rd\") and a common password (\"Dragon\")"
            ),
            "{leet}"
        );
        assert!(Weakness::TooShort { guesses: 1_000_000_000_000 }.to_string().starts_with(
            "It is shorter than 14 characters, which a rig of 8 GPUs tries in 3 months (about 1 trillion guesses)"
        ));
    }

    #[test]
    fn times_and_counts_read_naturally() {
        let cases = [
            (5, "under a second (about 5 guesses)"),
            (120_000, "1 second (about 120 thousand guesses)"),
            (12_000_000, "100 seconds (about 12 million guesses)"),
            (30_000_000, "4 minutes (about 30 million guesses)"),
            (2_000_000_000, "4 hours (about 2 billion guesses)"),
            (99_000_000_000_000, "26 years (about 99 trillion guesses)"),
        ];
        for (guesses, expected) in cases {
            assert_eq!(cracked(guesses), format!("a rig of 8 GPUs tries in {expected}"));
        }
    }

    #[test]
    fn generated_ones_are_grouped_symbols_that_pass_judge() {
        let mut rng = Rng(0xc0ff_ee00_d15e_a5e5);
        let list = words::served();
        let mut seen = HashSet::new();
        for _ in 0..20_000 {
            let passphrase = generate(&entropy(&mut rng));
            let groups: Vec<&str> = passphrase.split('-').collect();
            assert_eq!(groups.len(), 4, "{passphrase}");
            assert!(groups.iter().all(|g| g.len() == 5 && g.bytes().all(|b| ALPHABET.contains(&b))), "{passphrase}");
            // Strong by the estimate (every 4th: the whole run takes seconds), and with no list.
            if seen.len() % 4 == 0 {
                assert_eq!(judge(&passphrase, "whsec_live_4f9a8c2e1b", Some(&list)), Ok(()), "{passphrase}");
            }
            assert_eq!(judge(&passphrase, "whsec_live_4f9a8c2e1b", None), Ok(()), "{passphrase}");
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
