//! Which characters of a received value differ from the expected one, for highlighting.
//!
//! Two rules a person can predict: values of equal length that mostly agree are compared position
//! by position (a digest with three wrong digits shows exactly those three); otherwise the common
//! start and end are kept and everything between is marked, so that two unrelated digests are not
//! dotted with the few characters that happen to coincide.

/// A run of characters that either agrees with the other side or does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub differs: bool,
}

/// Both sides of a comparison, each cut into spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharDiff {
    pub expected: Vec<Span>,
    pub received: Vec<Span>,
}

/// Cuts both values into spans by the module's two rules. Each side's spans join back into that
/// side exactly, and equal values get no differing span.
pub fn char_diff(expected: &str, received: &str) -> CharDiff {
    let expected: Vec<char> = expected.chars().collect();
    let received: Vec<char> = received.chars().collect();
    let prefix = expected.iter().zip(&received).take_while(|(a, b)| a == b).count();
    let room = expected.len().min(received.len()) - prefix;
    let suffix = expected.iter().rev().zip(received.iter().rev()).take(room).take_while(|(a, b)| a == b).count();
    if expected.len() == received.len() {
        let middle = prefix..expected.len() - suffix;
        let agreeing = middle.clone().filter(|&i| expected[i] == received[i]).count();
        // Mostly the same characters in place: show exactly the ones that differ.
        if agreeing * 2 >= middle.len() {
            let marks: Vec<bool> = expected.iter().zip(&received).map(|(a, b)| a != b).collect();
            return CharDiff { expected: spans(&expected, &marks), received: spans(&received, &marks) };
        }
    }
    let mark =
        |chars: &[char]| -> Vec<bool> { (0..chars.len()).map(|i| i >= prefix && i < chars.len() - suffix).collect() };
    CharDiff { expected: spans(&expected, &mark(&expected)), received: spans(&received, &mark(&received)) }
}

fn spans(chars: &[char], differs: &[bool]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for (&c, &d) in chars.iter().zip(differs) {
        match out.last_mut() {
            Some(span) if span.differs == d => span.text.push(c),
            _ => out.push(Span { text: c.to_string(), differs: d }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(spans: &[Span]) -> String {
        spans.iter().map(|s| if s.differs { format!("[{}]", s.text) } else { s.text.clone() }).collect()
    }

    #[track_caller]
    fn check(expected: &str, received: &str, want_expected: &str, want_received: &str) {
        let diff = char_diff(expected, received);
        assert_eq!((render(&diff.expected).as_str(), render(&diff.received).as_str()), (want_expected, want_received));
    }

    #[test]
    fn marks_only_what_differs() {
        check("otp.verified", "otp.verified", "otp.verified", "otp.verified");
        check("abcdef", "abXdeY", "ab[c]de[f]", "ab[X]de[Y]");
        check("sha256=0a1b2c3d4e", "sha256=0a1b2c3d4f", "sha256=0a1b2c3d4[e]", "sha256=0a1b2c3d4[f]");
        // Unrelated digests: the coincidental `3` in the middle is not left unmarked.
        check("sha256=a3bc", "sha256=f3de", "sha256=[a3bc]", "sha256=[f3de]");
        check("otp.verified", "otp.failed", "otp.[verifi]ed", "otp.[fail]ed");
        check("e3a9", "e3a9-retry", "e3a9", "e3a9[-retry]");
        check("aaa", "aa", "aa[a]", "aa");
        check("", "x", "", "[x]");
        check(
            "2026-07-03T14:22:10.000Z",
            "2026-07-03T14:22:11.000Z",
            "2026-07-03T14:22:1[0].000Z",
            "2026-07-03T14:22:1[1].000Z",
        );
    }
}
