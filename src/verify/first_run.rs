//! What the verifier asks for before anything is entered: one prompt saying what to paste and
//! where each thing comes from, instead of a row per header that each says "missing".

/// Nothing entered: no secret, no body bytes, no header text (a single space counts as
/// something, so the rows come back at the first keystroke).
pub fn is_first_run(secret: &str, body: &[u8], headers_text: &str) -> bool {
    secret.is_empty() && body.is_empty() && headers_text.is_empty()
}

/// One thing to paste, and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub what: &'static str,
    pub from: &'static str,
}

pub const TITLE: &str = "Check a delivery your server received";

/// In the order the page's fields ask for them. Cobinar's documentation calls the key
/// "your application's Webhook Secret"; its console's Webhooks page records each delivery's
/// final outcome, which is where a failing delivery is found.
pub const STEPS: [Step; 3] = [
    Step {
        what: "The raw body",
        from: "exactly as your server received it, before any JSON parsing: from a log of the raw request, curl -o, or your framework's raw-body buffer.",
    },
    Step {
        what: "The headers",
        from: "the x-cobinar-* headers it came with, one Name: value a line, as your log, curl -i or curl -v shows them.",
    },
    Step {
        what: "Your application's Webhook Secret",
        from: "from the Cobinar console, in the secret field above. It is never stored or sent.",
    },
];

/// Said under the steps: where to find a delivery that failed, and the shortcut.
pub const OUTCOMES: &str =
    "The console's Webhooks page records each delivery's final outcome: start from one that failed.";
pub const EXAMPLE: &str = "Or see a valid delivery first:";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_page_with_nothing_entered_is_a_first_run() {
        assert!(is_first_run("", b"", ""));
        assert!(!is_first_run("s", b"", ""));
        assert!(!is_first_run("", b"{", ""));
        assert!(!is_first_run("", b"", " "));
        assert!(!is_first_run("", b"\n", ""));
    }
}
