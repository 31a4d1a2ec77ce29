//! ISO 8601 timestamps as Cobinar writes them (`2026-07-03T14:22:10.000Z`), read strictly enough
//! to catch a mangled header and loosely enough to accept any RFC 3339 offset.

use std::fmt;

/// A point in time, read from an ISO 8601 date-time with a UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Instant {
    /// Milliseconds since 1970-01-01T00:00:00Z; sub-millisecond digits are dropped.
    pub unix_millis: i64,
}

/// Why a value is not an ISO 8601 date-time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimestampError {
    Empty,
    /// The text does not follow `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`; `at` is the 0-based
    /// character position where it stops following it.
    Shape {
        at: usize,
        expected: &'static str,
    },
    OutOfRange {
        field: &'static str,
        value: u32,
    },
    /// A date and time with no `Z` or offset: ambiguous, so not an instant.
    NoOffset,
}

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => write!(f, "it is empty"),
            Self::Shape { at, expected } => {
                write!(f, "expected {expected} at character {}", at + 1)
            }
            Self::OutOfRange { field, value } => write!(f, "{value} is not a valid {field}"),
            Self::NoOffset => write!(f, "it has no time zone (\"Z\" or an offset like \"+02:00\")"),
        }
    }
}

/// The shape Cobinar uses, for messages.
pub const FORMAT_HINT: &str = "YYYY-MM-DDTHH:MM:SS.sssZ";

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn digits(&mut self, count: usize, expected: &'static str) -> Result<u32, TimestampError> {
        let mut value = 0u32;
        for _ in 0..count {
            match self.bytes.get(self.at) {
                Some(b) if b.is_ascii_digit() => {
                    value = value * 10 + u32::from(b - b'0');
                    self.at += 1;
                }
                _ => return Err(TimestampError::Shape { at: self.at, expected }),
            }
        }
        Ok(value)
    }

    fn literal(&mut self, byte: u8, expected: &'static str) -> Result<(), TimestampError> {
        if self.bytes.get(self.at) == Some(&byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(TimestampError::Shape { at: self.at, expected })
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }
}

/// Reads an ISO 8601 extended-format date-time with a UTC offset.
pub fn parse(text: &str) -> Result<Instant, TimestampError> {
    if text.is_empty() {
        return Err(TimestampError::Empty);
    }
    // Positions are reported in characters; any non-ASCII byte is a shape error at that point,
    // and everything before it is ASCII, so byte and character positions agree.
    let mut r = Reader { bytes: text.as_bytes(), at: 0 };
    let year = r.digits(4, "a four-digit year")?;
    r.literal(b'-', "\"-\"")?;
    let month = r.digits(2, "a two-digit month")?;
    r.literal(b'-', "\"-\"")?;
    let day = r.digits(2, "a two-digit day")?;
    r.literal(b'T', "\"T\" between date and time")?;
    let hour = r.digits(2, "a two-digit hour")?;
    r.literal(b':', "\":\"")?;
    let minute = r.digits(2, "two-digit minutes")?;
    r.literal(b':', "\":\"")?;
    let second = r.digits(2, "two-digit seconds")?;
    let mut millis = 0u32;
    if matches!(r.peek(), Some(b'.') | Some(b',')) {
        r.at += 1;
        let start = r.at;
        let mut scale = 100;
        while let Some(b) = r.peek().filter(u8::is_ascii_digit) {
            millis += u32::from(b - b'0') * scale;
            scale /= 10;
            r.at += 1;
        }
        if r.at == start {
            return Err(TimestampError::Shape { at: r.at, expected: "digits after the decimal point" });
        }
    }
    let offset_minutes: i64 = match r.peek() {
        Some(b'Z') => {
            r.at += 1;
            0
        }
        Some(sign @ (b'+' | b'-')) => {
            r.at += 1;
            let hours = r.digits(2, "a two-digit offset hour")?;
            if r.peek() == Some(b':') {
                r.at += 1;
            }
            let minutes = r.digits(2, "two-digit offset minutes")?;
            if hours > 23 {
                return Err(TimestampError::OutOfRange { field: "offset hour", value: hours });
            }
            if minutes > 59 {
                return Err(TimestampError::OutOfRange { field: "offset minute", value: minutes });
            }
            let magnitude = i64::from(hours * 60 + minutes);
            if sign == b'+' {
                magnitude
            } else {
                -magnitude
            }
        }
        None => return Err(TimestampError::NoOffset),
        Some(_) => return Err(TimestampError::Shape { at: r.at, expected: "\"Z\" or an offset like \"+02:00\"" }),
    };
    if r.at != r.bytes.len() {
        return Err(TimestampError::Shape { at: r.at, expected: "the end of the timestamp" });
    }
    if !(1..=12).contains(&month) {
        return Err(TimestampError::OutOfRange { field: "month", value: month });
    }
    if day == 0 || day > days_in_month(year, month) {
        return Err(TimestampError::OutOfRange { field: "day of that month", value: day });
    }
    if hour > 23 {
        return Err(TimestampError::OutOfRange { field: "hour", value: hour });
    }
    if minute > 59 {
        return Err(TimestampError::OutOfRange { field: "minute", value: minute });
    }
    // 60 is a leap second, which ISO 8601 allows.
    if second > 60 {
        return Err(TimestampError::OutOfRange { field: "second", value: second });
    }
    let days = days_from_civil(i64::from(year), month, day);
    let seconds = days * 86_400 + i64::from(hour * 3600 + minute * 60 + second) - offset_minutes * 60;
    Ok(Instant { unix_millis: seconds * 1000 + i64::from(millis) })
}

fn is_leap(year: u32) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Formats milliseconds since the epoch as Cobinar does: `2026-07-03T14:22:10.000Z`.
pub fn format_utc_millis(unix_millis: i64) -> String {
    let days = unix_millis.div_euclid(86_400_000);
    let millis_of_day = unix_millis.rem_euclid(86_400_000);
    let (year, month, day) = civil_from_days(days);
    let (hour, rest) = (millis_of_day / 3_600_000, millis_of_day % 3_600_000);
    let (minute, rest) = (rest / 60_000, rest % 60_000);
    let (second, millis) = (rest / 1000, rest % 1000);
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}.{millis:03}Z")
}

/// The inverse of `days_from_civil`.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn millis(text: &str) -> i64 {
        match parse(text) {
            Ok(instant) => instant.unix_millis,
            Err(error) => panic!("{text:?} should parse: {error}"),
        }
    }

    #[test]
    fn reads_the_documented_example_and_offsets() {
        assert_eq!(millis("1970-01-01T00:00:00Z"), 0);
        assert_eq!(millis("2026-07-03T14:22:10.000Z"), 1_783_088_530_000);
        assert_eq!(millis("2026-07-03T16:22:10+02:00"), 1_783_088_530_000);
        assert_eq!(millis("2026-07-03T09:22:10.5-0500"), 1_783_088_530_500);
        assert_eq!(millis("2024-02-29T23:59:60.123456Z"), 1_709_251_200_123);
    }

    #[test]
    fn formats_what_it_reads() {
        for text in ["2026-07-03T14:22:10.000Z", "1969-12-31T23:59:59.999Z", "2000-02-29T00:00:00.001Z"] {
            assert_eq!(format_utc_millis(millis(text)), text);
        }
    }

    #[test]
    fn says_where_a_timestamp_goes_wrong() {
        let cases = [
            ("", TimestampError::Empty),
            ("2026-07-03 14:22:10Z", TimestampError::Shape { at: 10, expected: "\"T\" between date and time" }),
            ("2026-07-03T14:22:10", TimestampError::NoOffset),
            ("2026-13-03T14:22:10Z", TimestampError::OutOfRange { field: "month", value: 13 }),
            ("2025-02-29T14:22:10Z", TimestampError::OutOfRange { field: "day of that month", value: 29 }),
            ("2026-07-03T14:22:10.Z", TimestampError::Shape { at: 20, expected: "digits after the decimal point" }),
            ("2026-07-03T14:22:10Zjunk", TimestampError::Shape { at: 20, expected: "the end of the timestamp" }),
            ("1783088530", TimestampError::Shape { at: 4, expected: "\"-\"" }),
            ("Fri, 03 Jul 2026 14:22:10 GMT", TimestampError::Shape { at: 0, expected: "a four-digit year" }),
        ];
        for (text, expected) in cases {
            assert_eq!(parse(text), Err(expected), "for {text:?}");
        }
    }
}
