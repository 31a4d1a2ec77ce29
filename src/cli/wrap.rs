//! Long lines wrapped at the terminal's width, each continuation indented under the text that
//! follows its label (a hanging indent), so that a report card's message, a `cause:` or a `fix:`
//! reads as a column. Only on a terminal: a pipe or a CI log gets every line whole, to grep.
//!
//! Words are never split: a URL, a header value or a command longer than the line stays whole
//! on a line of its own (the terminal folds it, and a copy of it is still one piece).

use std::io::IsTerminal;

use super::term::line;

/// Below this many columns for the text, continuation lines move left to `NARROW_INDENT` rather
/// than leave a column a few words wide under a long label.
const MIN_TEXT_COLUMNS: usize = 24;
const NARROW_INDENT: usize = 4;
/// The width when standard output is a terminal whose width cannot be learnt.
const DEFAULT_COLUMNS: usize = 80;

/// The width to wrap standard output at: `None` (no wrapping) when it is not a terminal;
/// otherwise `$COLUMNS`, else the terminal's own width, else 80.
pub fn width() -> Option<usize> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    let columns = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<usize>().ok()).filter(|&c| c > 0);
    Some(columns.or_else(terminal_columns).unwrap_or(DEFAULT_COLUMNS))
}

/// The terminal's columns, asked of standard output itself (termios through `rustix`: no
/// `unsafe` here and no `stty` run); `None` where it cannot say.
#[cfg(unix)]
fn terminal_columns() -> Option<usize> {
    let size = rustix::termios::tcgetwinsize(rustix::stdio::stdout()).ok()?;
    Some(usize::from(size.ws_col)).filter(|&c| c > 0)
}

#[cfg(not(unix))]
fn terminal_columns() -> Option<usize> {
    None
}

/// Prints `label` then `text` through `term::line`, wrapped at `width()`.
pub fn say(label: &str, text: &str) {
    line(format_args!("{}", hanging(label, text, width())));
}

/// `label` then `text`, its lines broken between words so that none is wider than `width`
/// (unless one word is), every continuation indented to where the text began. `None` leaves
/// the line whole. `label` may carry colour codes: they take no columns.
pub fn hanging(label: &str, text: &str, width: Option<usize>) -> String {
    let Some(width) = width else { return format!("{label}{text}") };
    let start = columns(label);
    let indent = if width.saturating_sub(start) < MIN_TEXT_COLUMNS { NARROW_INDENT.min(start) } else { start };
    let mut out = String::from(label);
    let mut at = start;
    // Nothing but the label on this line yet: the first word goes here whatever its width.
    let mut fresh = true;
    for (index, paragraph) in text.split('\n').enumerate() {
        if index > 0 {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            at = indent;
            fresh = true;
        }
        for word in paragraph.split(' ') {
            let wide = columns(word);
            if fresh {
                out.push_str(word);
                at += wide;
                fresh = false;
            } else if at + 1 + wide <= width {
                out.push(' ');
                out.push_str(word);
                at += 1 + wide;
            } else {
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                out.push_str(word);
                at = indent + wide;
            }
        }
    }
    out
}

/// The columns `text` takes: its characters, less the colour codes `Paint` writes (`ESC [ … m`).
/// Text from elsewhere reaches here with its escapes already shown as tokens (`term::value`).
fn columns(text: &str) -> usize {
    let mut count = 0;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(label: &str, text: &str, width: usize, expected: &[&str]) {
        let wrapped = hanging(label, text, Some(width));
        let lines: Vec<&str> = wrapped.split('\n').collect();
        assert_eq!(lines, expected, "{wrapped}");
    }

    #[test]
    fn continuation_lines_hang_under_the_text_after_the_label() {
        check(
            "  fix:  ",
            "Answer 2xx as soon as the signature is checked and the event id recorded.",
            40,
            &[
                "  fix:  Answer 2xx as soon as the",
                "        signature is checked and the",
                "        event id recorded.",
            ],
        );
    }

    #[test]
    fn no_line_is_wider_than_the_width_unless_one_word_is() {
        let text =
            "Rejected a genuine delivery with 401: the receiver verifies with another secret than the one given here.";
        for width in 30..90 {
            let wrapped = hanging("  FAIL  genuine  ", text, Some(width));
            for line in wrapped.split('\n') {
                assert!(line.chars().count() <= width, "{width}: {line:?}");
            }
            // Every word is kept, in order, and none is split.
            let words: Vec<&str> = wrapped.split_whitespace().collect();
            let label_and_text = format!("FAIL genuine {text}");
            let expected: Vec<&str> = label_and_text.split_whitespace().collect();
            assert_eq!(words, expected, "{width}");
        }
    }

    #[test]
    fn a_url_longer_than_the_line_stays_whole_on_a_line_of_its_own() {
        let url = "http://localhost:3000/webhooks/auth/a/very/long/path/that/does/not/fit";
        check(
            "FAIL ",
            &format!("no connection to {url} (refused)"),
            40,
            &["FAIL no connection to", &format!("     {url}"), "     (refused)"],
        );
        // Even as the first word after the label.
        check("label: ", url, 20, &[&format!("label: {url}")]);
    }

    #[test]
    fn colour_codes_take_no_columns() {
        let painted = "\x1b[31mFAIL\x1b[0m ";
        let wrapped = hanging(painted, "one two three four five six seven eight", Some(30));
        assert_eq!(wrapped, format!("{painted}one two three four five\n     six seven eight"));
    }

    #[test]
    fn a_long_label_moves_the_continuation_left_rather_than_leave_a_sliver() {
        let label = format!("  PASS  {:<30}", "genuine-otp.created");
        check(
            &label,
            "Accepted a genuine delivery: 200 in 3 ms.",
            50,
            &["  PASS  genuine-otp.created           Accepted a", "    genuine delivery: 200 in 3 ms."],
        );
    }

    #[test]
    fn not_a_terminal_means_whole_lines() {
        let text = "word ".repeat(100);
        assert_eq!(hanging("label: ", &text, None), format!("label: {text}"));
    }

    #[test]
    fn a_newline_in_the_text_starts_a_new_line_at_the_indent() {
        check("note: ", "first\nsecond line", 80, &["note: first", "      second line"]);
    }
}
