//! What the terminal is told: colour only on a terminal and without `NO_COLOR`, progress lines
//! only on a terminal.

use std::io::{IsTerminal, Write};

use webhook_echo::echo::contract::Outcome;

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

    pub fn outcome(self, outcome: Outcome) -> String {
        match outcome {
            Outcome::Pass => self.good("PASS"),
            Outcome::Warn => self.warn("WARN"),
            Outcome::Fail => self.bad("FAIL"),
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
