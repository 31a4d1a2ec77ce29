//! What the terminal is told: colour only on a terminal and without `NO_COLOR`, progress lines
//! only on a terminal, text from elsewhere made harmless (`value`, `sentence`), and standard
//! output written so that a reader that goes away (`| head`) ends the printing, not the command.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use webhook_echo::echo::contract::Grade;
use webhook_echo::verify::header_checks::CheckStatus;
use webhook_echo::verify::invisible;
use webhook_echo::verify::verification::Verdict;

/// Set once standard output's reader has gone: nothing more is written there.
static READER_GONE: AtomicBool = AtomicBool::new(false);

/// Writes one line to standard output, whole (threads' lines never interleave). A broken pipe
/// stops the printing quietly; the command carries on and exits with its own code.
pub fn line(args: std::fmt::Arguments<'_>) {
    if READER_GONE.load(Ordering::Relaxed) {
        return;
    }
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{args}").and_then(|()| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            READER_GONE.store(true, Ordering::Relaxed);
        }
    }
}

/// `println!` for this tool: through `line`.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::term::line(format_args!($($arg)*))
    };
}
pub(crate) use say;

/// How much of a value taken from a request a line shows.
const VALUE_CHARS: usize = 200;
/// How much of a sentence that quotes such a value a line shows.
const SENTENCE_CHARS: usize = 1_000;

/// A value from someone else's request (a method, a path, a header), safe to print: at most 200
/// characters, then how many more.
pub fn value(text: &str) -> String {
    harmless(text, VALUE_CHARS)
}

/// A sentence of the core's that may quote such a value.
pub fn sentence(text: &str) -> String {
    harmless(text, SENTENCE_CHARS)
}

/// The text with every character a terminal would act on or hide (escape, every C0 and C1
/// control, bidirectional and default-ignorable characters) as its `⟨U+XXXX⟩` token, as the page
/// shows it (`invisible::visible` tokenises every one of them, with no cap), and cut after `max`
/// characters.
fn harmless(text: &str, max: usize) -> String {
    let (kept, rest) = split_after(text, max);
    let mut shown = invisible::visible(kept);
    if !rest.is_empty() {
        shown.push_str(&format!("… ({} more characters)", rest.chars().count()));
    }
    shown
}

/// At most `max` characters of `text`, as they are, with `…` where it was cut: for text that
/// goes where the page, not the terminal, shows it (a link's note).
pub fn cut(text: &str, max: usize) -> String {
    match split_after(text, max) {
        (kept, "") => kept.to_string(),
        (kept, _) => format!("{kept}…"),
    }
}

/// `text` split after its first `max` characters: what is kept, and what is cut.
fn split_after(text: &str, max: usize) -> (&str, &str) {
    text.char_indices().nth(max).map_or((text, ""), |(at, _)| text.split_at(at))
}

#[derive(Debug, Clone, Copy)]
pub struct Paint {
    color: bool,
}

impl Paint {
    /// For standard output.
    pub fn stdout() -> Self {
        Self { color: std::io::stdout().is_terminal() && !no_color() }
    }

    fn wrap(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn bold(self, text: &str) -> String {
        self.wrap("1", text)
    }

    pub fn dim(self, text: &str) -> String {
        self.wrap("2", text)
    }

    pub fn good(self, text: &str) -> String {
        self.wrap("32", text)
    }

    pub fn warn(self, text: &str) -> String {
        self.wrap("33", text)
    }

    pub fn bad(self, text: &str) -> String {
        self.wrap("31", text)
    }

    /// A verdict's name, green when valid, red when invalid, yellow while it cannot be given.
    pub fn verdict(self, verdict: Verdict) -> String {
        let name = verdict.as_str();
        match verdict {
            Verdict::Valid => self.good(name),
            Verdict::Invalid => self.bad(name),
            Verdict::Incomplete | Verdict::Checking => self.warn(name),
        }
    }

    /// A header row's status, green when ok, yellow for a warning, red when the header is wrong.
    pub fn status(self, status: CheckStatus) -> String {
        let name = status.as_str();
        match status {
            CheckStatus::Ok => self.good(name),
            CheckStatus::Warning => self.warn(name),
            CheckStatus::Mismatch | CheckStatus::Missing | CheckStatus::Malformed => self.bad(name),
        }
    }

    pub fn grade(self, grade: Grade) -> String {
        match grade {
            Grade::Pass => self.good("PASS"),
            Grade::Warn => self.warn("WARN"),
            Grade::Fail => self.bad("FAIL"),
        }
    }
}

/// https://no-color.org: set and not empty.
fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// A line on standard error that rewrites itself while something is waited for, on a terminal.
pub struct Progress {
    live: bool,
}

impl Progress {
    pub fn new() -> Self {
        Self { live: std::io::stderr().is_terminal() }
    }

    pub fn show(&self, text: &str) {
        if self.live {
            let mut err = std::io::stderr();
            let _ = write!(err, "\r\x1b[2K{text}");
            let _ = err.flush();
        }
    }

    pub fn clear(&self) {
        self.show("");
    }

    /// Runs `work` while a timer counts its seconds: `label 3 s…`.
    pub fn timed<T: Send>(&self, label: &str, work: impl FnOnce() -> T + Send) -> T {
        if !self.live {
            return work();
        }
        let done = std::sync::atomic::AtomicBool::new(false);
        let result = std::thread::scope(|scope| {
            scope.spawn(|| {
                let start = std::time::Instant::now();
                while !done.load(std::sync::atomic::Ordering::Relaxed) {
                    self.show(&format!("{label} {} s…", start.elapsed().as_secs()));
                    std::thread::sleep(std::time::Duration::from_millis(200));
                }
            });
            let result = work();
            done.store(true, std::sync::atomic::Ordering::Relaxed);
            result
        });
        self.clear();
        result
    }

    /// Sleeps `millis`, counting down on a terminal: `label 3 s`.
    pub fn wait(&self, label: &str, millis: u64) {
        let end = std::time::Instant::now() + std::time::Duration::from_millis(millis);
        loop {
            let now = std::time::Instant::now();
            if now >= end {
                break;
            }
            let left = end - now;
            self.show(&format!("{label} {:.1} s", left.as_secs_f64()));
            std::thread::sleep(left.min(std::time::Duration::from_millis(100)));
        }
        self.clear();
    }
}

/// Asks a yes/no question on the terminal; `false` when there is none to ask on.
pub fn confirm(question: &str) -> bool {
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return false;
    }
    eprint!("{question} [y/N] ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    if std::io::stdin().read_line(&mut answer).is_err() {
        return false;
    }
    matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_from_a_request_are_shown_not_obeyed() {
        let cases = [
            ("/\x1b[2J\x1b[1;1Hvalid", "/⟨U+001B⟩[2J⟨U+001B⟩[1;1Hvalid"),
            (
                "\x1b]8;;http://evil.test/\x1b\\click\x1b]8;;\x1b\\",
                "⟨U+001B⟩]8;;http://evil.test/⟨U+001B⟩\\click⟨U+001B⟩]8;;⟨U+001B⟩\\",
            ),
            ("\x1b]0;title\x07", "⟨U+001B⟩]0;title⟨U+0007⟩"),
            ("a\u{9b}2Jb\u{7f}", "a⟨U+009B⟩2Jb⟨U+007F⟩"),
            ("otp\u{202E}deifirev", "otp⟨U+202E⟩deifirev"),
            ("line\r\nx-fake: 1", "line⟨U+000D⟩⟨U+000A⟩x-fake: 1"),
            ("otp.verified", "otp.verified"),
            // Blank-looking letters would let a request line forge the line's own verdict.
            ("evt_1\u{2800}41\u{2800}bytes\u{2800}valid", "evt_1⟨U+2800⟩41⟨U+2800⟩bytes⟨U+2800⟩valid"),
            ("a\u{3164}b\u{3000}c\u{FFA0}d\u{115F}\u{1160}e", "a⟨U+3164⟩b⟨U+3000⟩c⟨U+FFA0⟩d⟨U+115F⟩⟨U+1160⟩e"),
            ("x\u{1D159}y", "x⟨U+1D159⟩y"),
        ];
        for (text, shown) in cases {
            assert_eq!(value(text), shown, "{text:?}");
        }
    }

    #[test]
    fn a_long_value_is_cut_and_says_how_much_is_left() {
        let long = format!("{}{}", "a".repeat(VALUE_CHARS), "\x1b".repeat(5_000));
        assert_eq!(value(&long), format!("{}… (5000 more characters)", "a".repeat(VALUE_CHARS)));
        // Past the page's token cap too, no control or direction character gets through.
        let many = "\u{200B}".repeat(300) + "\u{202E}\x1b\u{85}";
        assert!(sentence(&many).ends_with("⟨U+202E⟩⟨U+001B⟩⟨U+0085⟩"), "{}", sentence(&many));
    }

    #[test]
    fn verdicts_and_statuses_are_painted_by_what_they_mean() {
        let paint = Paint { color: true };
        let (green, yellow, red) = (
            |t: &str| format!("\x1b[32m{t}\x1b[0m"),
            |t: &str| format!("\x1b[33m{t}\x1b[0m"),
            |t: &str| format!("\x1b[31m{t}\x1b[0m"),
        );
        assert_eq!(paint.verdict(Verdict::Valid), green("valid"));
        assert_eq!(paint.verdict(Verdict::Invalid), red("invalid"));
        assert_eq!(paint.verdict(Verdict::Incomplete), yellow("incomplete"));
        assert_eq!(paint.verdict(Verdict::Checking), yellow("checking"));
        assert_eq!(paint.status(CheckStatus::Ok), green("ok"));
        assert_eq!(paint.status(CheckStatus::Warning), yellow("warning"));
        for wrong in [CheckStatus::Mismatch, CheckStatus::Missing, CheckStatus::Malformed] {
            assert!(wrong.is_problem());
            assert_eq!(paint.status(wrong), red(wrong.as_str()));
        }
        // Without colour, the names as they are.
        assert_eq!(Paint { color: false }.status(CheckStatus::Warning), "warning");
    }

    #[test]
    fn cut_keeps_at_most_max_characters_and_marks_the_cut() {
        assert_eq!(cut("POST", 20), "POST");
        assert_eq!(cut("abc", 3), "abc");
        assert_eq!(cut("abcd", 3), "abc…");
        // Characters, not bytes: a cut never splits one.
        assert_eq!(cut("ééé/ü", 4), "ééé/…");
        assert_eq!(cut("", 0), "");
        assert_eq!(cut("x", 0), "…");
    }
}
