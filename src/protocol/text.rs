//! Counts, numbers and durations as a person reads them, and pasted text read as a person
//! meant it: written once, used by every sentence and every reading the program makes.

/// The quotes a value is pasted in from a `.env` file or a shell line.
pub const PASTE_QUOTES: [char; 2] = ['"', '\''];

/// The text inside a matching pair of `quotes` around it, if it has one.
pub fn unquoted<'a>(text: &'a str, quotes: &[char]) -> Option<&'a str> {
    quotes.iter().find_map(|&quote| text.strip_prefix(quote)?.strip_suffix(quote))
}

/// `1 byte`, `2 bytes`, `3,145,728 bytes`: a count as a person reads it.
pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{} {noun}s", grouped(count))
    }
}

/// Digits in groups of three, as English writes them.
pub fn grouped(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

// Three ways to word a duration, each for what a person does with it. They differ on purpose:
// 8,500 ms is an age of `8 s` (whole units: the second being lived is not yet over), a retry
// time of `8.5 s`, and a measured answer of `8.5 s`; 500 ms is `0 s`, `0.5 s` and `500 ms`.

/// `4 s`, `3 min 12 s`, `2 h 5 min`, `3 days 4 h`: the two largest units, each whole (cut, not
/// rounded). For an age or a clock's skew (the timestamp row), which can run to days.
pub fn describe_duration(millis: u64) -> String {
    let s = millis / 1000;
    let (days, hours, minutes, seconds) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60, s % 60);
    let two = |big: String, small: u64, unit: &str| if small > 0 { format!("{big} {small} {unit}") } else { big };
    match (days, hours, minutes) {
        (0, 0, 0) => format!("{seconds} s"),
        (0, 0, _) => two(format!("{minutes} min"), seconds, "s"),
        (0, _, _) => two(format!("{hours} h"), minutes, "min"),
        _ => two(plural(days as usize, "day"), hours, "h"),
    }
}

/// What the page says when the browser could not read a file chosen or dropped: which file,
/// and that nothing typed was touched. One sentence for every file picker.
pub fn unreadable_file(name: &str) -> String {
    format!("{name} could not be read. Nothing was changed.")
}

/// `9 s`, `8.5 s`: seconds as a person reads them, whole when exact, otherwise to the tenth
/// (rounded half up, so 9,960 ms is `10.0 s`: the tenth says it was not exact). For the retry
/// schedule's times (the page's timeline, `webhook-echo send`'s outcome) and Cobinar's timeout.
pub fn seconds(millis: u64) -> String {
    if millis.is_multiple_of(1000) {
        format!("{} s", millis / 1000)
    } else {
        // Tenths, rounded half up; integer arithmetic keeps float printing out of the wasm.
        let tenths = (millis + 50) / 100;
        format!("{}.{} s", tenths / 10, tenths % 10)
    }
}

/// `12 ms` under a second, `2.5 s` (as `seconds`) from there: a time the command measured, an
/// answer's or an attempt's start, where milliseconds are what a fast local receiver takes.
pub fn measured(millis: u64) -> String {
    if millis < 1000 {
        format!("{millis} ms")
    } else {
        seconds(millis)
    }
}

/// `a`, `a and b`, `a, b and c`.
pub fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_naturally() {
        assert_eq!(plural(0, "byte"), "0 bytes");
        assert_eq!(plural(1, "byte"), "1 byte");
        assert_eq!(plural(999, "byte"), "999 bytes");
        assert_eq!(plural(1000, "tab"), "1,000 tabs");
        assert_eq!(plural(3_145_728, "byte"), "3,145,728 bytes");
        assert_eq!(grouped(123_456_789), "123,456,789");
    }

    #[test]
    fn lists_read_naturally() {
        assert_eq!(join_and(&[]), "");
        assert_eq!(join_and(&["a"]), "a");
        assert_eq!(join_and(&["a", "b"]), "a and b");
        assert_eq!(join_and(&["a", "b", "c"]), "a, b and c");
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(describe_duration(4_999), "4 s");
        assert_eq!(describe_duration(192_000), "3 min 12 s");
        assert_eq!(describe_duration(180_000), "3 min");
        assert_eq!(describe_duration(7_500_000), "2 h 5 min");
        assert_eq!(describe_duration(86_400_000 + 4 * 3_600_000), "1 day 4 h");
    }

    #[test]
    fn an_unreadable_file_is_named_and_nothing_changed() {
        assert_eq!(unreadable_file("body.json"), "body.json could not be read. Nothing was changed.");
    }

    #[test]
    fn seconds_read_naturally() {
        assert_eq!(seconds(0), "0 s");
        assert_eq!(seconds(9_000), "9 s");
        assert_eq!(seconds(8_500), "8.5 s");
        assert_eq!(seconds(1_250), "1.3 s");
        assert_eq!(seconds(1_003), "1.0 s");
        assert_eq!(seconds(9_960), "10.0 s");
        assert_eq!(seconds(10_000), "10 s");
    }

    #[test]
    fn measured_times_read_naturally() {
        assert_eq!(measured(0), "0 ms");
        assert_eq!(measured(12), "12 ms");
        assert_eq!(measured(999), "999 ms");
        assert_eq!(measured(1_000), "1 s");
        assert_eq!(measured(2_500), "2.5 s");
        assert_eq!(measured(5_021), "5.0 s");
    }

    #[test]
    fn the_three_forms_word_one_duration_each_its_own_way() {
        // The same 8,500 ms and 500 ms: an age in whole units, a retry time and a measured time.
        let forms = |millis| (describe_duration(millis), seconds(millis), measured(millis));
        assert_eq!(forms(8_500), ("8 s".to_string(), "8.5 s".to_string(), "8.5 s".to_string()));
        assert_eq!(forms(500), ("0 s".to_string(), "0.5 s".to_string(), "500 ms".to_string()));
        assert_eq!(forms(192_000), ("3 min 12 s".to_string(), "192 s".to_string(), "192 s".to_string()));
    }
}
