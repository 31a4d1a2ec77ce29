//! Facts about the secret that reveal nothing of it: its length, whitespace at its ends, quotes
//! around it, and its short fingerprint (`verify::fingerprint`) beside a shared one.

use crate::protocol::text::{plural, unquoted, PASTE_QUOTES};
use crate::verify::fingerprint::fingerprint;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretFacts {
    pub chars: usize,
    pub bytes: usize,
    /// The whitespace at the start, run by run: empty when there is none.
    pub leading_whitespace: Vec<Whitespace>,
    pub trailing_whitespace: Vec<Whitespace>,
    /// Wrapped in matching quotes, as an environment file might leave it.
    pub quoted: bool,
    /// `a1b2-c3d4`.
    pub fingerprint: String,
}

/// A run of one kind of whitespace: the count stays a number until `describe` says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Whitespace {
    pub kind: WhitespaceKind,
    pub count: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhitespaceKind {
    /// `\r\n`, counted as one.
    Crlf,
    Lf,
    Cr,
    Tab,
    Space,
    NoBreakSpace,
    /// Any other Unicode whitespace.
    Other(char),
}

impl WhitespaceKind {
    fn of(c: char) -> Self {
        match c {
            '\n' => Self::Lf,
            '\r' => Self::Cr,
            '\t' => Self::Tab,
            ' ' => Self::Space,
            '\u{a0}' => Self::NoBreakSpace,
            other => Self::Other(other),
        }
    }

    /// The noun, and what follows its plural (`newline` + ` (LF)`).
    fn words(self) -> (String, &'static str) {
        match self {
            Self::Crlf => ("newline".into(), " (CRLF)"),
            Self::Lf => ("newline".into(), " (LF)"),
            Self::Cr => ("carriage return".into(), " (CR)"),
            Self::Tab => ("tab".into(), ""),
            Self::Space => ("space".into(), ""),
            Self::NoBreakSpace => ("no-break space".into(), ""),
            Self::Other(c) => (format!("U+{:04X} character", u32::from(c)), ""),
        }
    }
}

impl Whitespace {
    /// `a newline (LF)`, `2 carriage returns (CR)`, `U+2003`, `3 U+2003 characters`.
    pub fn describe(self) -> String {
        let (noun, detail) = self.kind.words();
        match (self.count, self.kind) {
            (1, WhitespaceKind::Other(c)) => format!("U+{:04X}", u32::from(c)),
            (1, _) => format!("a {noun}{detail}"),
            (count, _) => format!("{}{detail}", plural(count, &noun)),
        }
    }
}

/// `a newline (LF), 2 spaces`: the runs in order; `None` when there are none.
pub fn describe_whitespace(runs: &[Whitespace]) -> Option<String> {
    (!runs.is_empty()).then(|| runs.iter().map(|run| run.describe()).collect::<Vec<_>>().join(", "))
}

impl SecretFacts {
    /// What the page warns of, one sentence each: whitespace at either end, quotes around it.
    pub fn warnings(&self) -> Vec<String> {
        [
            describe_whitespace(&self.leading_whitespace).map(|w| format!("It starts with {w}.")),
            describe_whitespace(&self.trailing_whitespace).map(|w| format!("It ends with {w}.")),
            self.quoted.then(|| "It is wrapped in quotes, as an environment file may leave it.".to_string()),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// What to say under the secret field after a paste that ended with whitespace; `None` after any
/// other paste. A single-line field drops a pasted line break without a word, while the `.env`
/// the secret was copied from (or into) may keep it, and the server then signs with it.
pub fn paste_note(pasted: &str) -> Option<String> {
    let kept = pasted.trim_end();
    let trailing = whitespace_runs(&pasted[kept.len()..]);
    let said = describe_whitespace(&trailing)?;
    let one = trailing.len() == 1 && trailing.iter().all(|run| run.count == 1);
    let it = if one { "it" } else { "them" };
    let breaks =
        trailing.iter().any(|run| matches!(run.kind, WhitespaceKind::Lf | WhitespaceKind::Crlf | WhitespaceKind::Cr));
    Some(if breaks {
        format!(
            "Your paste ended with {said}; this field dropped {it}, but your .env may keep {it}, and then your server signs with {it}."
        )
    } else {
        format!("Your paste ended with {said}; this field keeps {it}, and your server signs with {it} too if your .env keeps {it}.")
    })
}

/// Whether the secret on this page is the one behind a shared fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretMatch {
    /// No secret entered yet.
    Unknown,
    Same,
    /// Another secret: its own fingerprint.
    Different(String),
}

impl SecretMatch {
    /// The stable name used in the link banner's `data-match`: `unknown`, `yes` or `no`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Unknown => "unknown",
            Self::Same => "yes",
            Self::Different(_) => "no",
        }
    }

    /// What the link's banner says after the sender's fingerprint. `framed`: the page is inside
    /// another site's frame, where it takes no secret.
    pub fn sentence(&self, framed: bool) -> String {
        match self {
            Self::Unknown if framed => "This page, inside another site's frame, takes no secret: open it directly to see whether yours is the one the sender used.".to_string(),
            Self::Unknown => "Enter your secret to see whether it is the one the sender used.".to_string(),
            Self::Same => "Your secret is the one the sender used.".to_string(),
            Self::Different(mine) => format!("Your secret is not the one the sender used (yours: {mine})."),
        }
    }
}

/// Whether `secret` is the one behind the `shared` fingerprint: `Unknown` while it is empty, else
/// `Same` or `Different` with its own. `shared` is compared as given, so a malformed one differs.
pub fn compare_with_fingerprint(secret: &str, shared: &str) -> SecretMatch {
    if secret.is_empty() {
        return SecretMatch::Unknown;
    }
    let mine = fingerprint(secret);
    if mine == shared {
        SecretMatch::Same
    } else {
        SecretMatch::Different(mine)
    }
}

/// What the page may say of `secret` without revealing it; `None` for an empty one. Counts are of
/// the secret as typed; a secret of whitespace alone is all leading whitespace.
pub fn secret_facts(secret: &str) -> Option<SecretFacts> {
    if secret.is_empty() {
        return None;
    }
    let leading: String = secret.chars().take_while(|c| c.is_whitespace()).collect();
    let trailing: String = if leading.len() == secret.len() {
        String::new()
    } else {
        let mut t: Vec<char> = secret.chars().rev().take_while(|c| c.is_whitespace()).collect();
        t.reverse();
        t.into_iter().collect()
    };
    let inner = secret.trim();
    // The same reading as the cause finder's `secret-quotes`, so the hint and the diagnosis agree.
    let quoted = unquoted(inner, &PASTE_QUOTES).is_some();
    Some(SecretFacts {
        chars: secret.chars().count(),
        bytes: secret.len(),
        leading_whitespace: whitespace_runs(&leading),
        trailing_whitespace: whitespace_runs(&trailing),
        quoted,
        fingerprint: fingerprint(secret),
    })
}

/// The secret without the whitespace at its ends and the matching quotes around it (the value an
/// environment file means), as *Use the trimmed value* puts it in the field. `None` when there is
/// nothing to take off, or nothing would be left: the page offers it exactly when it warns.
pub fn trimmed(secret: &str) -> Option<String> {
    let inner = secret.trim();
    let value = unquoted(inner, &PASTE_QUOTES).unwrap_or(inner);
    (value != secret && !value.is_empty()).then(|| value.to_string())
}

/// Consecutive characters of one kind as one run; a CR directly before an LF is one CRLF.
fn whitespace_runs(run: &str) -> Vec<Whitespace> {
    let mut runs: Vec<Whitespace> = Vec::new();
    let mut chars = run.chars().peekable();
    while let Some(c) = chars.next() {
        let kind =
            if c == '\r' && chars.next_if_eq(&'\n').is_some() { WhitespaceKind::Crlf } else { WhitespaceKind::of(c) };
        match runs.last_mut() {
            Some(last) if last.kind == kind => last.count += 1,
            _ => runs.push(Whitespace { kind, count: 1 }),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_without_the_secret() {
        assert_eq!(secret_facts(""), None);
        let facts = secret_facts("whsec_abc\n").unwrap();
        assert_eq!((facts.chars, facts.bytes), (10, 10));
        assert_eq!(facts.leading_whitespace, []);
        assert_eq!(facts.trailing_whitespace, [Whitespace { kind: WhitespaceKind::Lf, count: 1 }]);
        assert!(!facts.quoted);
        let facts = secret_facts("  \"whsec_é\"\r\n").unwrap();
        assert_eq!((facts.chars, facts.bytes), (13, 14));
        assert_eq!(facts.leading_whitespace, [Whitespace { kind: WhitespaceKind::Space, count: 2 }]);
        assert_eq!(facts.trailing_whitespace, [Whitespace { kind: WhitespaceKind::Crlf, count: 1 }]);
        assert!(facts.quoted);
    }

    /// The sentences the page shows under the secret field, from the secret.
    #[test]
    fn warns_in_sentences_with_counts_as_numbers() {
        let cases: &[(&str, &[&str])] = &[
            // One character each: the sentences the page has always shown.
            ("whsec_a\n", &["It ends with a newline (LF)."]),
            ("whsec_a\r\n", &["It ends with a newline (CRLF)."]),
            ("whsec_a\r", &["It ends with a carriage return (CR)."]),
            ("\twhsec_a", &["It starts with a tab."]),
            (" whsec_a", &["It starts with a space."]),
            ("\u{a0}whsec_a", &["It starts with a no-break space."]),
            ("\u{2003}whsec_a", &["It starts with U+2003."]),
            // Counted runs.
            ("whsec_a\r\r", &["It ends with 2 carriage returns (CR)."]),
            ("whsec_a\n\n\n", &["It ends with 3 newlines (LF)."]),
            ("whsec_a\r\n\r\n", &["It ends with 2 newlines (CRLF)."]),
            ("\t\twhsec_a", &["It starts with 2 tabs."]),
            ("\u{2003}\u{2003}\u{2003}whsec_a", &["It starts with 3 U+2003 characters."]),
            // Mixed runs, in order, each counted on its own.
            ("whsec_a \n\n", &["It ends with a space, 2 newlines (LF)."]),
            ("whsec_a\r\r\n", &["It ends with a carriage return (CR), a newline (CRLF)."]),
            ("whsec_a\n\r\n\r", &["It ends with a newline (LF), a newline (CRLF), a carriage return (CR)."]),
            ("\u{a0}\u{a0} whsec_a", &["It starts with 2 no-break spaces, a space."]),
            (
                "  \"whsec_a\"\t\n",
                &[
                    "It starts with 2 spaces.",
                    "It ends with a tab, a newline (LF).",
                    "It is wrapped in quotes, as an environment file may leave it.",
                ],
            ),
            ("whsec_a", &[]),
            // All whitespace: said once, at the start.
            ("\n\n", &["It starts with 2 newlines (LF)."]),
        ];
        for (secret, expected) in cases {
            let said = secret_facts(secret).map(|facts| facts.warnings()).unwrap_or_default();
            assert_eq!(said, *expected, "{secret:?}");
        }
    }

    /// What *Use the trimmed value* puts in the field; offered wherever the page warns, unless
    /// nothing would be left.
    #[test]
    fn the_trimmed_value_takes_off_what_the_warnings_name() {
        let cases: &[(&str, Option<&str>)] = &[
            ("whsec_a", None),
            ("", None),
            (" whsec_a", Some("whsec_a")),
            ("whsec_a\r\n", Some("whsec_a")),
            ("\u{a0}whsec_a\u{2003}", Some("whsec_a")),
            ("\"whsec_a\"", Some("whsec_a")),
            ("'whsec_a'", Some("whsec_a")),
            ("  \"whsec_a\"\t\n", Some("whsec_a")),
            // Inside the quotes is the value itself: an environment file keeps it.
            ("\" whsec_a\"", Some(" whsec_a")),
            // Not a matching pair: only the whitespace goes.
            ("\"whsec_a ", Some("\"whsec_a")),
            // Inner whitespace is part of the secret.
            ("whsec a", None),
            // Nothing would be left: not offered.
            ("  \n", None),
            ("\"\"", None),
        ];
        for (secret, expected) in cases {
            assert_eq!(trimmed(secret).as_deref(), *expected, "{secret:?}");
            // Offered only beside a warning, which says what it takes off.
            let warns = secret_facts(secret).is_some_and(|facts| !facts.warnings().is_empty());
            assert!(warns || expected.is_none(), "{secret:?}");
        }
    }

    #[test]
    fn a_paste_ending_in_whitespace_is_said() {
        assert_eq!(paste_note("whsec_a"), None);
        assert_eq!(paste_note(" whsec_a"), None);
        assert_eq!(paste_note(""), None);
        assert_eq!(
            paste_note("whsec_a\n").as_deref(),
            Some("Your paste ended with a newline (LF); this field dropped it, but your .env may keep it, and then your server signs with it.")
        );
        assert_eq!(
            paste_note("whsec_a\r\n\r\n").as_deref(),
            Some("Your paste ended with 2 newlines (CRLF); this field dropped them, but your .env may keep them, and then your server signs with them.")
        );
        assert_eq!(
            paste_note("whsec_a ").as_deref(),
            Some("Your paste ended with a space; this field keeps it, and your server signs with it too if your .env keeps it.")
        );
    }

    #[test]
    fn compares_with_a_shared_fingerprint() {
        let shared = fingerprint("whsec_team");
        assert_eq!(compare_with_fingerprint("", &shared), SecretMatch::Unknown);
        assert_eq!(compare_with_fingerprint("whsec_team", &shared), SecretMatch::Same);
        assert_eq!(
            compare_with_fingerprint("whsec_team ", &shared),
            SecretMatch::Different(fingerprint("whsec_team "))
        );
        // Framed, the page takes no secret: "enter your secret" would ask for what it refuses.
        assert!(SecretMatch::Unknown.sentence(true).contains("open it directly"));
        assert!(SecretMatch::Unknown.sentence(false).starts_with("Enter your secret"));
        let mine = fingerprint("whsec_team ");
        assert!(SecretMatch::Different(mine.clone()).sentence(false).ends_with(&format!("(yours: {mine}).")));
    }
}
