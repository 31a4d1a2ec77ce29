//! The headers a receiver logged, as a person pastes them: one `Name: value` a line, from a log,
//! `curl -i`, `curl -v` or a proxy. Names are case-insensitive; values keep their inner text.

use crate::protocol::http_syntax::is_token;

/// One header line that was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderField {
    /// The name as written (case kept, for display).
    pub name: String,
    /// The value with the optional whitespace HTTP allows around it removed.
    pub value: String,
    /// 1-based line number in the pasted text; 0 when the field did not come from text.
    pub line: usize,
}

/// A line that is not a header, and why it was passed over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedLine {
    pub line: usize,
    pub text: String,
    pub reason: SkipReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// `POST /webhooks/auth HTTP/1.1` or `HTTP/1.1 200 OK`: expected in a pasted request.
    StartLine,
    /// `* Connected to …` and the like from `curl -v`.
    CurlInfo,
    /// No colon, or a name with spaces or other characters a header name cannot have.
    NotAHeader,
}

/// The received headers, in the order they were pasted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReceivedHeaders {
    pub fields: Vec<HeaderField>,
    pub skipped: Vec<SkippedLine>,
}

impl ReceivedHeaders {
    /// Builds the headers from name and value pairs (a JavaScript object, a test).
    pub fn from_pairs<N: Into<String>, V: Into<String>>(pairs: impl IntoIterator<Item = (N, V)>) -> Self {
        let fields = pairs
            .into_iter()
            .map(|(name, value)| HeaderField { name: name.into(), value: value.into().trim().to_string(), line: 0 })
            .collect();
        Self { fields, skipped: Vec::new() }
    }

    /// Every field of that name, compared case-insensitively, in pasted order.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a HeaderField> + 'a {
        self.fields.iter().filter(move |field| field.name.eq_ignore_ascii_case(name))
    }

    /// The first field of that name.
    pub fn get(&self, name: &str) -> Option<&HeaderField> {
        self.fields.iter().find(|field| field.name.eq_ignore_ascii_case(name))
    }
}

impl ReceivedHeaders {
    /// One sentence naming the lines that are not headers, at most ten of them by number; `None`
    /// when every line was a header.
    pub fn not_headers_sentence(&self) -> Option<String> {
        const NAMED: usize = 10;
        let lines: Vec<usize> =
            self.skipped.iter().filter(|s| s.reason == SkipReason::NotAHeader).map(|s| s.line).collect();
        let named: Vec<String> = lines.iter().take(NAMED).map(usize::to_string).collect();
        let more = match lines.len().saturating_sub(NAMED) {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        match lines.len() {
            0 => None,
            1 => Some(format!("Line {} is not \"Name: value\" and was passed over.", named.join(""))),
            _ => Some(format!("Lines {}{more} are not \"Name: value\" and were passed over.", named.join(", "))),
        }
    }
}

/// Reads pasted header text. Never fails: what is not a header is listed in `skipped`.
pub fn parse(text: &str) -> ReceivedHeaders {
    let mut headers = ReceivedHeaders::default();
    for (index, raw) in text.split('\n').enumerate() {
        let line_number = index + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        // `curl -v` marks sent lines with `> ` and received ones with `< `.
        let line = raw.strip_prefix("> ").or_else(|| raw.strip_prefix("< ")).unwrap_or(raw);
        if line.trim().is_empty() {
            continue;
        }
        // obs-fold: a line starting with whitespace continues the previous value (RFC 9112 §5.2).
        if line.starts_with([' ', '\t']) {
            if let Some(previous) = headers.fields.last_mut() {
                // Found by tests/parser_properties.rs: an empty value must not gain a leading space.
                if !previous.value.is_empty() {
                    previous.value.push(' ');
                }
                previous.value.push_str(line.trim_matches([' ', '\t']));
                continue;
            }
        }
        let skip = |reason| SkippedLine { line: line_number, text: raw.to_string(), reason };
        if line.starts_with("* ") || line.starts_with("{ ") || line.starts_with("} ") {
            headers.skipped.push(skip(SkipReason::CurlInfo));
            continue;
        }
        if is_start_line(line) {
            headers.skipped.push(skip(SkipReason::StartLine));
            continue;
        }
        match line.split_once(':') {
            Some((name, value)) if is_token(name) => headers.fields.push(HeaderField {
                name: name.to_string(),
                value: value.trim_matches([' ', '\t']).to_string(),
                line: line_number,
            }),
            _ => headers.skipped.push(skip(SkipReason::NotAHeader)),
        }
    }
    headers
}

/// `METHOD target HTTP/x` or `HTTP/x code reason`.
fn is_start_line(line: &str) -> bool {
    line.starts_with("HTTP/") || is_request_line(line)
}

/// `METHOD target HTTP/x`: the first line of a request.
pub(crate) fn is_request_line(line: &str) -> bool {
    let mut words = line.split(' ');
    let (Some(method), Some(version)) = (words.next(), words.nth(1)) else {
        return false;
    };
    !method.is_empty() && method.bytes().all(|b| b.is_ascii_uppercase()) && version.starts_with("HTTP/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_curl_i_output_with_crlf() {
        let text = "POST /webhooks/auth HTTP/1.1\r\nHost: localhost:3000\r\nX-Cobinar-Event:  otp.verified \r\n\r\n";
        let headers = parse(text);
        assert_eq!(headers.get("x-cobinar-event").map(|f| f.value.as_str()), Some("otp.verified"));
        assert_eq!(headers.get("host").map(|f| f.line), Some(2));
        assert_eq!(headers.skipped.len(), 1);
        assert_eq!(headers.skipped[0].reason, SkipReason::StartLine);
    }

    #[test]
    fn reads_curl_v_markers_and_skips_noise() {
        let text = "* Connected to localhost\n> POST / HTTP/1.1\n> x-cobinar-event-id: e3a9\n< HTTP/1.1 401 Unauthorized\nnot a header\nbad name: x";
        let headers = parse(text);
        assert_eq!(headers.fields.len(), 1);
        assert_eq!(headers.fields[0].value, "e3a9");
        let reasons: Vec<_> = headers.skipped.iter().map(|s| s.reason).collect();
        assert_eq!(
            reasons,
            [
                SkipReason::CurlInfo,
                SkipReason::StartLine,
                SkipReason::StartLine,
                SkipReason::NotAHeader,
                SkipReason::NotAHeader
            ]
        );
    }

    #[test]
    fn keeps_colons_in_values_and_folds_continuations() {
        let headers = parse("x-cobinar-timestamp: 2026-07-03T14:22:10.000Z\nx-note: a\n  b\nx-empty:\n\tc");
        assert_eq!(headers.get("x-empty").map(|f| f.value.as_str()), Some("c"));
        assert_eq!(headers.get("X-COBINAR-TIMESTAMP").map(|f| f.value.as_str()), Some("2026-07-03T14:22:10.000Z"));
        assert_eq!(headers.get("x-note").map(|f| f.value.as_str()), Some("a b"));
    }

    #[test]
    fn names_at_most_ten_lines_that_are_not_headers() {
        assert_eq!(parse("a: b").not_headers_sentence(), None);
        assert_eq!(
            parse("a: b\nnope").not_headers_sentence().as_deref(),
            Some("Line 2 is not \"Name: value\" and was passed over.")
        );
        let many = "nope\n".repeat(100_000);
        assert_eq!(
            parse(&many).not_headers_sentence().as_deref(),
            Some("Lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 99990 more are not \"Name: value\" and were passed over.")
        );
    }

    #[test]
    fn lists_repeated_headers() {
        let headers = parse("x-cobinar-event: otp.failed\nX-Cobinar-Event: otp.verified");
        let values: Vec<_> = headers.all("x-cobinar-event").map(|f| f.value.as_str()).collect();
        assert_eq!(values, ["otp.failed", "otp.verified"]);
    }
}
