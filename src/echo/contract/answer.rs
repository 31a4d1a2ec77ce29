//! What came back for a request (`Answer`; `CameBack` when it was not HTTP), and how a refusal
//! is shown: its first bytes, and the secrets' fingerprints to compare.

use super::judge::{result_of, with};
use super::{CaseRef, CaseResult, Grade};
use crate::echo::retry::NetworkAnswer;
use crate::protocol::text::plural;
use crate::stacks::Choice;

/// What came back for one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Status(u16),
    /// No answer within the 8 s timeout.
    TimedOut,
    /// No connection, or the connection broke: what the client said.
    Unreachable(String),
}

impl From<&Answer> for NetworkAnswer {
    /// What the answer was, the client's words for a failure left behind: what the retry
    /// policy counts (`EndpointResponse::of_answer`).
    fn from(answer: &Answer) -> Self {
        match answer {
            Answer::Status(status) => Self::Status(*status),
            Answer::TimedOut => Self::TimedOut,
            Answer::Unreachable(_) => Self::Unreachable,
        }
    }
}

/// What came back on a connection that gave no HTTP answer: told apart by its first bytes, so
/// that a port held by something else is not called "no connection".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CameBack {
    /// The connection was closed before a byte came back.
    Nothing,
    /// An HTTP answer that broke off (a body shorter than announced, a malformed header).
    BrokenHttp,
    /// A TLS record: an HTTPS server asked in plain HTTP.
    Tls,
    /// Anything else: an SSH banner, a database's greeting, a line of text.
    NotHttp,
}

impl CameBack {
    /// The kind of `first_bytes`, the bytes read before the client gave up.
    pub fn of(first_bytes: &[u8]) -> Self {
        match first_bytes {
            [] => Self::Nothing,
            [0x14..=0x17, 0x03, ..] => Self::Tls,
            bytes if bytes.starts_with(b"HTTP/") => Self::BrokenHttp,
            _ => Self::NotHttp,
        }
    }

    /// What came back, in a sentence: `shown` is the first bytes as the caller shows untrusted
    /// text (escaped, cut), `why` the client's words.
    pub fn sentence(self, shown: &str, why: &str) -> String {
        match self {
            Self::Nothing => format!("The connection was closed without an answer ({why})."),
            Self::BrokenHttp => format!("The answer broke off ({why}); it began \"{shown}\"."),
            Self::Tls => format!("The answer is not HTTP but TLS, an HTTPS server's greeting (it began \"{shown}\")."),
            Self::NotHttp => format!("The answer is not HTTP ({why}); what came back began \"{shown}\"."),
        }
    }

    /// Why, and what to do.
    pub fn cause_and_fix(self) -> (&'static str, &'static str) {
        match self {
            Self::Nothing => (
                "Something accepted the connection and closed it without answering: the receiver crashed on this request, or a proxy in front of it gave up.",
                "Look in the receiver's log for this request, and check the URL's port.",
            ),
            Self::BrokenHttp => (
                "The receiver's answer stopped in the middle or is malformed: it crashed while answering, or writes the answer's bytes itself.",
                "Look in the receiver's log for this request; let the framework write the answer.",
            ),
            Self::Tls => (
                "The server at this port speaks HTTPS, and the URL says http://.",
                "Use an https:// URL, or the receiver's plain-HTTP port.",
            ),
            Self::NotHttp => (
                "Something other than an HTTP server listens at this URL's host and port.",
                "Check the URL's port: point it at the receiver's HTTP port.",
            ),
        }
    }
}

/// The result of a case whose connection gave no HTTP answer: a failure that says what came
/// back (`CameBack::sentence`), not that there was no connection.
pub fn no_http_answer(case: CaseRef, came_back: CameBack, said: String, millis: u64) -> CaseResult {
    let (cause, fix) = came_back.cause_and_fix();
    let failed = result_of(case, &Answer::Unreachable(String::new()), millis, Grade::Fail, said);
    with(failed, cause, fix)
}

/// How much of a refusal's body the command shows.
pub const ANSWER_BYTES: usize = 200;

/// The first `ANSWER_BYTES` of an answer's body as text: cut before a character the cut would
/// split, anything not UTF-8 shown as U+FFFD. The caller makes it safe to print.
pub fn answer_text(body: &[u8]) -> String {
    let mut head = &body[..body.len().min(ANSWER_BYTES)];
    if let Err(e) = std::str::from_utf8(head) {
        if e.error_len().is_none() && head.len() < body.len() {
            head = &head[..e.valid_up_to()];
        }
    }
    String::from_utf8_lossy(head).into_owned()
}

/// "Your receiver answered 401: {"error":"bad signature"}." `shown` is `answer_text` made safe
/// to print; `len` the whole body's bytes.
pub fn refusal(status: u16, shown: &str, len: usize) -> String {
    if len == 0 {
        return format!("Your receiver answered {status}, with an empty body.");
    }
    let more = if len > ANSWER_BYTES {
        format!(" (the first {ANSWER_BYTES} of {})", plural(len, "byte"))
    } else {
        String::new()
    };
    format!("Your receiver answered {status}{more}: {shown}")
}

/// Where to look after a refusal: the fingerprint of the secret used here, and the command that
/// prints the server's own (it reads COBINAR_WEBHOOK_SECRET where it is run).
pub fn compare_fingerprints(fingerprint: &str) -> String {
    format!(
        "The secret here has fingerprint {fingerprint}. Run this on the server, where the receiver's COBINAR_WEBHOOK_SECRET is set, to print its own and compare:"
    )
}

/// The one-liner that prints the server's secret fingerprint, in the reader's language where
/// there is one (Node, Python, Go), else the shell's (openssl).
pub fn fingerprint_command(choice: Choice) -> &'static str {
    use crate::inspect::fingerprint_commands::COMMANDS;
    use crate::stacks::Language;
    let language = match choice.language() {
        Some(Language::Node) => "Node",
        Some(Language::Python) => "Python",
        Some(Language::Go) => "Go",
        _ => "Shell (openssl)",
    };
    let shell = COMMANDS[COMMANDS.len() - 1];
    COMMANDS.iter().find(|c| c.language == language).unwrap_or(&shell).command
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::echo::contract::{judge, refused_genuine, CaseId};

    #[test]
    fn an_answer_counts_under_the_retry_policy_as_the_network_said_it() {
        use crate::echo::retry::EndpointResponse;
        let counts = |answer: &Answer| EndpointResponse::of_answer(answer.into());
        assert_eq!(counts(&Answer::Status(204)), EndpointResponse::Success);
        assert_eq!(counts(&Answer::Status(401)), EndpointResponse::Failure);
        assert_eq!(counts(&Answer::Unreachable("connection refused".into())), EndpointResponse::Failure);
        assert_eq!(counts(&Answer::TimedOut), EndpointResponse::NoAnswer);
    }

    #[test]
    fn what_came_back_is_told_apart_by_its_first_bytes() {
        assert_eq!(CameBack::of(b""), CameBack::Nothing);
        assert_eq!(CameBack::of(b"SSH-2.0-OpenSSH_9.6\r\n"), CameBack::NotHttp);
        assert_eq!(CameBack::of(b"hello\n"), CameBack::NotHttp);
        assert_eq!(CameBack::of(b"\x15\x03\x01\x00\x02\x02\x46"), CameBack::Tls);
        assert_eq!(CameBack::of(b"HTTP/1.1 401 Unauth"), CameBack::BrokenHttp);
        let said = CameBack::NotHttp.sentence("SSH-2.0", "invalid HTTP version");
        assert_eq!(said, "The answer is not HTTP (invalid HTTP version); what came back began \"SSH-2.0\".");
        assert!(!said.to_lowercase().contains("no connection"));
        let result = no_http_answer(CaseRef::Contract(CaseId::Slow), CameBack::Tls, said, 3);
        assert_eq!((result.grade, result.status), (Grade::Fail, None));
        assert!(result.fix.is_some_and(|fix| fix.contains("https://")));
    }

    #[test]
    fn a_refusal_quotes_at_most_200_bytes_never_half_a_character() {
        assert_eq!(answer_text(b"bad signature"), "bad signature");
        // 199 ASCII bytes then a two-byte character: the cut falls inside it, so it is left out.
        let body = format!("{}é and more", "a".repeat(199));
        assert_eq!(answer_text(body.as_bytes()), "a".repeat(199));
        assert_eq!(answer_text(b"\xff\xfe"), "\u{fffd}\u{fffd}");
        assert_eq!(refusal(401, "bad signature", 13), "Your receiver answered 401: bad signature");
        assert_eq!(refusal(403, "", 0), "Your receiver answered 403, with an empty body.");
        assert!(refusal(401, "x", 350).starts_with("Your receiver answered 401 (the first 200 of 350 bytes): "));
    }

    #[test]
    fn the_fingerprint_one_liner_is_in_the_reader_s_language_else_the_shell_s() {
        use crate::stacks::Language;
        assert!(fingerprint_command(Choice::Language(Language::Python)).starts_with("python3 -c"));
        assert!(fingerprint_command(Choice::Language(Language::Node)).starts_with("node -e"));
        assert!(fingerprint_command(Choice::Language(Language::Go)).contains("go run"));
        for other in [Choice::Any, Choice::Language(Language::Ruby)] {
            assert!(fingerprint_command(other).contains("openssl dgst"), "{other:?}");
        }
        let refused = judge(CaseId::GenuineOtpCreated, &Answer::Status(401), 3, Choice::Any);
        let errored = judge(CaseId::GenuineOtpCreated, &Answer::Status(500), 3, Choice::Any);
        assert!(refused_genuine(&[errored.clone(), refused]));
        assert!(!refused_genuine(&[errored]));
    }
}
