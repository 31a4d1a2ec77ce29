//! Paste anything: a raw HTTP request, a curl or HTTPie command (alone, or in a terminal
//! transcript mixed with its `-v` lines and the response: `command`), `curl -i` or `curl -v`
//! output, headers and a body, a JSON
//! object of headers (an Express `req.headers` dump, as JSON or as `console.log` prints it), a
//! delivery body, or a HAR entry, read into headers and body bytes, exactly.

mod command;
mod http;
mod json;
mod node_inspect;
mod shell;

use serde_json::Value;

use crate::protocol::http_syntax::is_token;
use crate::protocol::limits::{MAX_HEADERS_BYTES, MAX_HEADER_LINES, MAX_HEADER_NAME_BYTES};
use crate::verify::received_headers::{self, is_request_line};

pub use command::PassedOver;
use http::*;
use json::*;
use node_inspect::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    RawRequest,
    CurlResponse,
    CurlVerbose,
    HeadersAndBody,
    HeadersJson,
    ConsoleLogHeaders,
    DeliveryBody,
    Har,
    CurlCommand,
    CurlTranscript,
    HttpieCommand,
}

impl ImportFormat {
    /// The format in words, as the import's summary names it ("curl -v output").
    pub fn describe(self) -> &'static str {
        match self {
            Self::RawRequest => "a raw HTTP request",
            Self::CurlResponse => "curl -i output",
            Self::CurlVerbose => "curl -v output",
            Self::HeadersAndBody => "headers, a blank line and a body",
            Self::HeadersJson => "a JSON object of headers",
            Self::ConsoleLogHeaders => "headers as console.log prints them",
            Self::DeliveryBody => "a delivery body",
            Self::Har => "a HAR entry",
            Self::CurlCommand => "a curl command",
            Self::CurlTranscript => "a curl command and its -v output",
            Self::HttpieCommand => "an HTTPie command",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub format: ImportFormat,
    /// `None` when the input carried no headers: the headers field is left as it is.
    pub headers: Option<Vec<(String, String)>>,
    /// `None` when the input carried no body: the body field is left as it is.
    pub body: Option<Vec<u8>>,
    /// What a person should know about the import: cut bytes, parsed bodies, skipped lines.
    pub notes: Vec<String>,
    /// What the paste held that is not the request received: response headers, curl's progress
    /// lines, a response body.
    pub passed_over: Vec<PassedOver>,
}

impl Imported {
    /// The headers as the verifier's field takes them.
    pub fn header_lines(&self) -> Option<String> {
        self.headers.as_ref().map(|headers| headers.iter().map(|(n, v)| format!("{n}: {v}\n")).collect())
    }

    /// One sentence saying what was imported.
    pub fn summary(&self) -> String {
        let headers = self.headers.as_ref().map(|h| crate::protocol::text::plural(h.len(), "header"));
        let body = self.body.as_ref().map(|b| format!("a {}-byte body", b.len()));
        let what = match (headers, body) {
            (Some(h), Some(b)) => format!("{h} and {b}"),
            (Some(h), None) => h,
            (None, Some(b)) => b,
            (None, None) => "nothing".to_string(),
        };
        let mut said = format!("Imported {what} from {}.", self.format.describe());
        if let Some(took) = self.took_sentence() {
            said.push(' ');
            said.push_str(&took);
        }
        said
    }

    /// The names of the headers taken, as pasted.
    pub fn taken_headers(&self) -> Vec<&str> {
        self.headers.iter().flatten().map(|(name, _)| name.as_str()).collect()
    }

    /// "Took 4 x-cobinar-* headers and content-type; passed over 12 response headers and 9 of
    /// curl's progress lines." `None` when there is nothing to name.
    pub fn took_sentence(&self) -> Option<String> {
        use crate::protocol::text::{join_and, plural};
        const NAMED: usize = 6;
        let mut cobinar = 0;
        let mut others: Vec<String> = Vec::new();
        for name in self.taken_headers() {
            let lower = name.to_ascii_lowercase();
            if lower.starts_with("x-cobinar-") {
                cobinar += 1;
            } else if !others.contains(&lower) {
                others.push(lower);
            }
        }
        let mut taken: Vec<String> = Vec::new();
        if cobinar > 0 {
            taken.push(if cobinar == 1 {
                "1 x-cobinar-* header".into()
            } else {
                format!("{cobinar} x-cobinar-* headers")
            });
        }
        let more = others.len().saturating_sub(NAMED);
        taken.extend(others.into_iter().take(NAMED));
        if more > 0 {
            taken.push(plural(more, "other header"));
        }
        let passed: Vec<String> = self.passed_over.iter().map(PassedOver::describe).collect();
        let join = |items: &[String]| join_and(&items.iter().map(String::as_str).collect::<Vec<_>>());
        match (taken.is_empty(), passed.is_empty()) {
            (true, true) => None,
            (false, true) => Some(format!("Took {}.", join(&taken))),
            (true, false) => Some(format!("Passed over {}.", join(&passed))),
            (false, false) => Some(format!("Took {}; passed over {}.", join(&taken), join(&passed))),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub message: String,
}

const ACCEPTED: &str = "Paste a raw HTTP request (a POST line, headers, a blank line, the body), a curl or HTTPie command (with its -v output or without), curl -i or curl -v output, headers then a blank line and the body, a JSON object of headers (Express's req.headers, optionally as {\"headers\": …, \"body\": \"…\"}), a delivery body, or a HAR entry from the browser's network panel.";

fn name_too_long(name: &str) -> ImportError {
    error(format!(
        "A header name here is {} long ({}), more than the {} KiB a header name can be.",
        crate::protocol::text::plural(name.len(), "byte"),
        crate::verify::invisible::quoted(name),
        MAX_HEADER_NAME_BYTES / 1024
    ))
}

fn too_many_lines() -> ImportError {
    error(format!(
        "This holds more than {} header lines, more than a request carries.",
        crate::protocol::text::grouped(MAX_HEADER_LINES)
    ))
}

fn too_many_bytes(bytes: usize) -> ImportError {
    error(format!(
        "These headers would make {} KiB of header lines, more than the {} KiB a link or fixture carries.",
        crate::protocol::text::grouped(bytes / 1024),
        MAX_HEADERS_BYTES / 1024
    ))
}

/// The lines of a text form's header block that are not headers: `received_headers::parse` keeps
/// each, so they are held to the header lines' limits too.
fn too_many_other_lines(lines: usize, bytes: usize) -> ImportError {
    error(format!(
        "The headers here hold {} that {} not \"Name: value\" ({} KiB), more than a request's headers hold.",
        crate::protocol::text::plural(lines, "line"),
        if lines == 1 { "is" } else { "are" },
        crate::protocol::text::grouped(bytes / 1024),
    ))
}

/// The header lines any paste has given so far, against the limits. A name given
/// many values (`{"<name>": ["", …]}`) is copied once for each: each limit alone still lets a
/// small paste grow two-thousandfold, so the bytes the lines make are counted too.
#[derive(Default)]
struct HeaderBudget {
    lines: usize,
    bytes: usize,
}

impl HeaderBudget {
    /// Takes `count` lines of `name` whose values hold `value_bytes` together, or refuses them
    /// (a name past `MAX_HEADER_NAME_BYTES`, lines past `MAX_HEADER_LINES`, header lines past
    /// `MAX_HEADERS_BYTES`) before any is copied.
    fn take(&mut self, name: &str, count: usize, value_bytes: usize) -> Result<(), ImportError> {
        if name.len() > MAX_HEADER_NAME_BYTES {
            return Err(name_too_long(name));
        }
        let lines = self.lines.saturating_add(count);
        if lines > MAX_HEADER_LINES {
            return Err(too_many_lines());
        }
        // `name: value` and a line break, for each value.
        let bytes = self.bytes.saturating_add(count.saturating_mul(name.len() + 3)).saturating_add(value_bytes);
        if bytes > MAX_HEADERS_BYTES {
            return Err(too_many_bytes(bytes));
        }
        *self = HeaderBudget { lines, bytes };
        Ok(())
    }

    /// Takes `value_bytes` more of the last line's value (a folded line), or refuses them.
    fn extend(&mut self, value_bytes: usize) -> Result<(), ImportError> {
        self.take("", 0, value_bytes)
    }
}

/// Holds header text to the limits the JSON forms are held to, as `received_headers::parse`
/// would read it, before it is parsed or copied: the lines it would give (`name: value` and a
/// line break, the value without the whitespace around it; a folded line adds a space and itself),
/// and the lines it would pass over, which it keeps a copy of too. `lines` are the text split
/// at `\n`, as parse splits it. Returns what the header lines take of the budget.
fn measure_header_text<'a>(lines: impl IntoIterator<Item = &'a str>) -> Result<HeaderBudget, ImportError> {
    let mut budget = HeaderBudget::default();
    let (mut other_lines, mut other_bytes) = (0usize, 0usize);
    // Whether the last header's value is empty, once there is one.
    let mut last_value_empty: Option<bool> = None;
    for raw in lines {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let line = raw.strip_prefix("> ").or_else(|| raw.strip_prefix("< ")).unwrap_or(raw);
        if line.trim().is_empty() {
            continue;
        }
        if let Some(empty) = last_value_empty.filter(|_| line.starts_with([' ', '\t'])) {
            // Never empty (a line of only spaces and tabs is blank, above), after a space when
            // the value it continues is not.
            budget.extend(line.trim_matches([' ', '\t']).len() + usize::from(!empty))?;
            last_value_empty = Some(false);
            continue;
        }
        match line.split_once(':') {
            Some((name, value)) if is_token(name) && !line.starts_with("HTTP/") && !is_request_line(line) => {
                let value = value.trim_matches([' ', '\t']);
                budget.take(name, 1, value.len())?;
                last_value_empty = Some(value.is_empty());
            }
            _ => {
                other_lines += 1;
                other_bytes = other_bytes.saturating_add(raw.len());
                if other_lines > MAX_HEADER_LINES || other_bytes > MAX_HEADERS_BYTES {
                    return Err(too_many_other_lines(other_lines, other_bytes));
                }
            }
        }
    }
    Ok(budget)
}

/// An `ImportError` saying `message`, then "Nothing was changed.", as every failed import does.
pub(crate) fn error(message: impl Into<String>) -> ImportError {
    ImportError { message: format!("{} Nothing was changed.", message.into()) }
}

/// Reads a paste into headers and exact body bytes, its format known by how it starts past
/// leading whitespace. On failure nothing is imported, and the error says why.
pub fn import(input: &[u8]) -> Result<Imported, ImportError> {
    let whole = input;
    // Formats are recognised by what the paste starts with past any whitespace; a body taken
    // whole is still taken from `whole`, byte for byte.
    let start =
        input.iter().position(|b| !b.is_ascii_whitespace()).ok_or_else(|| error("There is nothing to import."))?;
    let input = &input[start..];
    // `[Object: null prototype] { host: '…' }`, as console.log prints Node's req.headers.
    if input.starts_with(b"[Object") {
        let brace = input.iter().position(|&b| b == b'{').unwrap_or(input.len());
        return import_console_log(&input[brace..]);
    }
    if input.starts_with(b"{") || input.starts_with(b"[") {
        return import_json(input, whole);
    }
    import_http(input)
}

/// The parsed headers as name and value pairs, in order, repeats kept, as `Imported` holds them.
pub(crate) fn pairs(headers: &received_headers::ReceivedHeaders) -> Vec<(String, String)> {
    headers.fields.iter().map(|f| (f.name.clone(), f.value.clone())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn ok(input: &[u8]) -> Imported {
        match import(input) {
            Ok(imported) => imported,
            Err(e) => panic!("{}: {}", String::from_utf8_lossy(input), e.message),
        }
    }

    fn header<'a>(imported: &'a Imported, name: &str) -> Option<&'a str> {
        imported.headers.as_ref()?.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    #[test]
    fn raw_request_keeps_crlf_and_cuts_to_content_length() {
        let input = b"POST /webhooks/auth HTTP/1.1\r\nHost: localhost:3000\r\nContent-Length: 9\r\nX-Cobinar-Event: otp.verified\r\n\r\n{\"a\":\r\n1}\r\n";
        let imported = ok(input);
        assert_eq!(imported.format, ImportFormat::RawRequest);
        assert_eq!(imported.body.as_deref(), Some(&b"{\"a\":\r\n1}"[..]));
        assert_eq!(header(&imported, "x-cobinar-event"), Some("otp.verified"));
        assert!(imported.notes[0].contains("cut to its content-length of 9 bytes"), "{:?}", imported.notes);
    }

    #[test]
    fn curl_outputs() {
        let response =
            ok(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nx-cobinar-event-id: e1\r\n\r\n{\"id\":\"e1\"}");
        assert_eq!(response.format, ImportFormat::CurlResponse);
        assert_eq!(header(&response, "x-cobinar-event-id"), Some("e1"));
        assert_eq!(response.body.as_deref(), Some(&b"{\"id\":\"e1\"}"[..]));
        let verbose = ok(b"* Connected to localhost\n> POST /webhooks/auth HTTP/1.1\n> Host: localhost:3000\n> x-cobinar-signature: sha256=ab\n>\n< HTTP/1.1 401 Unauthorized\n< x-powered-by: Express\n");
        assert_eq!(verbose.format, ImportFormat::CurlVerbose);
        assert_eq!(header(&verbose, "x-cobinar-signature"), Some("sha256=ab"));
        assert_eq!(header(&verbose, "x-powered-by"), None, "response headers are not what was received");
        assert_eq!(verbose.body, None);
    }

    #[test]
    fn json_forms_of_headers() {
        let express = ok(br#"{"host":"localhost:3000","x-cobinar-event":"otp.failed","accept":["a","b"]}"#);
        assert_eq!(express.format, ImportFormat::HeadersJson);
        assert_eq!(express.body, None);
        assert_eq!(express.headers.as_ref().map(Vec::len), Some(4));
        let with_body = ok(br#"{"headers":{"x-cobinar-event":"otp.failed"},"body":"{\"id\":\"e1\"}\n"}"#);
        assert_eq!(with_body.body.as_deref(), Some(&b"{\"id\":\"e1\"}\n"[..]));
        let parsed_body = ok(br#"{"headers":[["x-cobinar-event","otp.failed"]],"body":{"id":"e1"}}"#);
        assert_eq!(parsed_body.body.as_deref(), Some(&br#"{"id":"e1"}"#[..]));
        assert!(parsed_body.notes[0].contains("already parsed"));
        let logged = ok(b"[Object: null prototype] {\n  host: 'localhost:3000',\n  'x-cobinar-signature': 'sha256=' +\n    'ab',\n  'x-o\\'brien': \"q\",\n}");
        assert_eq!(logged.format, ImportFormat::ConsoleLogHeaders);
        assert_eq!(header(&logged, "x-cobinar-signature"), Some("sha256=ab"));
        assert_eq!(header(&logged, "x-o'brien"), Some("q"));
        let delivery = ok(br#"{"id":"e1","event":"otp.verified","createdAt":"x","payload":{}}"#);
        assert_eq!((delivery.format, delivery.headers.is_none()), (ImportFormat::DeliveryBody, true));
        assert_eq!(delivery.notes, Vec::<String>::new());
    }

    /// A delivery body is recognised past leading whitespace but taken as pasted, every byte.
    #[test]
    fn a_delivery_body_keeps_the_whitespace_around_it_byte_for_byte() {
        let json = br#"{"id":"e1","event":"otp.verified","createdAt":"x","payload":{}}"#;
        let cases: [(&[u8], &[u8], &str); 4] = [
            (b"", b"\n", "1 byte"),
            (b"\r\n", b"", "2 bytes"),
            (b" \t\r\n", b"\r\n\r\n", "8 bytes"),
            (b"\n\n\n", b" ", "4 bytes"),
        ];
        for (before, after, said) in cases {
            let pasted = [before, &json[..], after].concat();
            let imported = ok(&pasted);
            assert_eq!(imported.format, ImportFormat::DeliveryBody);
            assert_eq!(imported.body.as_deref(), Some(&pasted[..]), "{:?}", String::from_utf8_lossy(&pasted));
            assert_eq!(imported.notes.len(), 1);
            assert!(imported.notes[0].contains(&format!("the {said} of whitespace")), "{:?}", imported.notes);
        }
    }

    #[test]
    fn har_entries() {
        let har = br#"{"log":{"entries":[{"request":{"method":"GET","headers":[]}},{"request":{"method":"POST","headers":[{"name":":authority","value":"x"},{"name":"X-Cobinar-Signature","value":"sha256=ab"}],"postData":{"mimeType":"application/json","text":"{\"id\":\"e1\"}\r\n"}}}]}}"#;
        let imported = ok(har);
        assert_eq!(imported.format, ImportFormat::Har);
        assert_eq!(imported.headers.as_ref().map(Vec::len), Some(1));
        assert_eq!(imported.body.as_deref(), Some(&b"{\"id\":\"e1\"}\r\n"[..]));
    }

    #[test]
    fn chunked_bodies_are_joined() {
        let joined = "The body was sent in chunks; they were joined.";
        let kept = "transfer-encoding says chunked, but the body is not well-formed chunks; it was kept as pasted.";
        let cases: [(&str, &str, &str); 5] = [
            ("\r\n", "4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n", joined),
            // A terminal that turned every CRLF into LF, and trailers.
            ("\n", "4\n{\"a\"\n3\n:1}\n0\nx-trailer: 1\n\n", joined),
            // Copied without the empty line that ends the body.
            ("\r\n", "4;ext=1\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n", joined),
            ("\r\n", "4\r\n{\"a\"x\r\n0\r\n\r\n", kept),
            ("\r\n", "4\r\n{\"a\"\r\n3\r\n:1", kept),
        ];
        for (eol, body, note) in cases {
            let paste = format!("POST / HTTP/1.1{eol}Transfer-Encoding: chunked{eol}{eol}{body}");
            let imported = ok(paste.as_bytes());
            let expected = if note == joined { "{\"a\":1}" } else { body };
            assert_eq!(imported.body.as_deref(), Some(expected.as_bytes()), "{paste:?}");
            assert!(imported.notes.iter().any(|n| n == note), "{paste:?}: {:?}", imported.notes);
        }
    }

    #[track_caller]
    fn refused(input: &[u8]) -> String {
        match import(input) {
            Ok(imported) => panic!("imported as {:?}", imported.format),
            Err(e) => {
                assert!(e.message.ends_with("Nothing was changed."), "{}", e.message);
                e.message
            }
        }
    }

    /// A long name given many values used to be copied once for each: 40 GB for these pastes of
    /// under a megabyte.
    #[test]
    fn a_long_name_over_many_values_is_refused_before_it_is_copied() {
        let key = "k".repeat(400 * 1024);
        let empties = vec!["''"; 100_000].join(",");
        let logged = format!("[Object: null prototype] {{ '{key}': [{empties}] }}");
        let json = format!(r#"{{"{key}":[{}]}}"#, vec![r#""""#; 100_000].join(","));
        // console.log's form, also reached from `{` when the paste is not JSON.
        for input in [logged.clone(), logged.replacen("[Object: null prototype] ", "", 1), json] {
            let message = refused(input.as_bytes());
            assert!(message.starts_with("A header name here is 409,600 bytes long (kkkk"), "{message}");
            assert!(message.contains("more than the 8 KiB a header name can be"), "{message}");
            assert!(message.len() < 400, "{message}");
        }
        // Short names, too many of them.
        let many = format!(r#"{{"x-a":[{}]}}"#, vec![r#""v""#; MAX_HEADER_LINES + 1].join(","));
        assert!(refused(many.as_bytes()).contains("more than 4,096 header lines"));
        let many = format!("{{ 'x-a': [{}] }}", vec!["'v'"; MAX_HEADER_LINES + 1].join(","));
        assert!(refused(many.as_bytes()).contains("more than 4,096 header lines"));
        let pairs = format!("[{}]", vec![r#"["x-a","v"]"#; MAX_HEADER_LINES + 1].join(","));
        assert!(refused(format!(r#"{{"headers":{pairs}}}"#).as_bytes()).contains("more than 4,096 header lines"));
        // At the limits, taken.
        let most = format!(r#"{{"x-a":[{}]}}"#, vec![r#""v""#; MAX_HEADER_LINES].join(","));
        assert_eq!(ok(most.as_bytes()).headers.map(|h| h.len()), Some(MAX_HEADER_LINES));
        let longest = format!(r#"{{"{}":"v","x-a":"b"}}"#, "n".repeat(MAX_HEADER_NAME_BYTES));
        assert_eq!(ok(longest.as_bytes()).headers.map(|h| h.len()), Some(2));
    }

    /// Each limit alone let a 38 KB paste become 82 MB of header lines: the longest name, given
    /// the most values.
    #[test]
    fn what_the_lines_would_weigh_is_bounded_too() {
        let name = "n".repeat(MAX_HEADER_NAME_BYTES);
        let json = format!(r#"{{"{name}":[{}]}}"#, vec![r#""""#; MAX_HEADER_LINES].join(","));
        let logged = format!("{{ '{name}': [{}] }}", vec!["''"; MAX_HEADER_LINES].join(","));
        for input in [json, logged] {
            assert!(input.len() < 50_000);
            let message = refused(input.as_bytes());
            assert!(message.starts_with("These headers would make 32,780 KiB of header lines"), "{message}");
            assert!(message.contains("more than the 256 KiB a link or fixture carries"), "{message}");
        }
        // Long values count as much as long names.
        let values = format!(r#"{{"x-a":["{}","{}"]}}"#, "v".repeat(200 * 1024), "v".repeat(100 * 1024));
        assert!(refused(values.as_bytes()).starts_with("These headers would make 300 KiB"));
        // Up to the limit, taken: lines that make exactly 256 KiB.
        let value = "v".repeat(MAX_HEADERS_BYTES - "x-a: ".len() - 1);
        let most = format!(r#"{{"x-a":"{value}"}}"#);
        assert_eq!(ok(most.as_bytes()).header_lines().map(|h| h.len()), Some(MAX_HEADERS_BYTES));
        assert!(refused(format!(r#"{{"x-a":"{value}v"}}"#).as_bytes()).contains("a link or fixture carries"));
    }

    #[test]
    fn a_name_in_a_message_shows_what_cannot_be_seen() {
        let message = refused("{\"x-a\":\"1\",\"x-\u{202E}b\":5}".as_bytes());
        assert!(message.starts_with("\"x-⟨U+202E⟩b\" is not a header value"), "{message}");
    }

    #[test]
    fn what_is_not_recognised_says_so() {
        for input in [
            &b""[..],
            b"   \n",
            b"hello there",
            b"{\"a\": [1, 2]}",
            b"[1,2]",
            b"{ not: valid: at all",
            b"{\"log\":{\"entries\":[]}}",
        ] {
            match import(input) {
                Ok(imported) => panic!("{:?} imported as {:?}", String::from_utf8_lossy(input), imported.format),
                Err(e) => assert!(e.message.ends_with("Nothing was changed."), "{}", e.message),
            }
        }
    }

    /// Every form a header can be pasted in, around one header `x-a: <value>`.
    fn every_form(value: &str) -> Vec<(ImportFormat, Vec<u8>)> {
        let forms = [
            (ImportFormat::RawRequest, format!("POST /hook HTTP/1.1\r\nx-a: {value}\r\n\r\n{{}}")),
            (ImportFormat::CurlResponse, format!("HTTP/1.1 200 OK\r\nx-a: {value}\r\n\r\n{{}}")),
            (ImportFormat::HeadersAndBody, format!("x-a: {value}\n\n{{}}")),
            (
                ImportFormat::CurlVerbose,
                format!("* Connected\n> POST /hook HTTP/1.1\n> x-a: {value}\n>\n< HTTP/1.1 200 OK\n"),
            ),
            (ImportFormat::CurlCommand, format!("curl -X POST http://x/hook -H 'x-a: {value}' -d '{{}}'")),
            (
                ImportFormat::CurlTranscript,
                format!(
                    "$ curl -v http://x/hook -d '{{}}'\n> POST /hook HTTP/1.1\n> x-a: {value}\n> \n< HTTP/1.1 200 OK\n"
                ),
            ),
            (ImportFormat::HttpieCommand, format!("http POST http://x/hook 'x-a:{value}' <<< '{{}}'")),
            (ImportFormat::HeadersJson, format!(r#"{{"x-a":"{value}"}}"#)),
            (ImportFormat::ConsoleLogHeaders, format!("[Object: null prototype] {{ 'x-a': '{value}' }}")),
            (ImportFormat::Har, format!(r#"{{"request":{{"headers":[{{"name":"x-a","value":"{value}"}}]}}}}"#)),
        ];
        forms.into_iter().map(|(format, input)| (format, input.into_bytes())).collect()
    }

    /// Only the JSON forms were held to 256 KiB of header lines: a raw request, a command or a
    /// -v transcript took any, and made a link the page's own reader refuses.
    #[test]
    fn every_form_holds_header_text_to_what_a_link_carries() {
        let at_the_limit = "v".repeat(MAX_HEADERS_BYTES - "x-a: ".len() - 1);
        for (format, input) in every_form(&at_the_limit) {
            let imported = ok(&input);
            assert_eq!(imported.format, format);
            assert_eq!(imported.header_lines().map(|h| h.len()), Some(MAX_HEADERS_BYTES), "{format:?}");
        }
        for (format, input) in every_form(&format!("{at_the_limit}v")) {
            let message = refused(&input);
            assert_eq!(
                message,
                "These headers would make 256 KiB of header lines, more than the 256 KiB a link or fixture carries. Nothing was changed.",
                "{format:?}"
            );
        }
        // More lines than a request carries, in the text forms too.
        let many = format!("POST / HTTP/1.1\n{}\n{{}}", "x-a: v\n".repeat(MAX_HEADER_LINES + 1));
        assert!(refused(many.as_bytes()).contains("more than 4,096 header lines"));
        let many = format!("curl http://x {}", "-H 'x-a: v' ".repeat(MAX_HEADER_LINES + 1));
        assert!(refused(many.as_bytes()).contains("more than 4,096 header lines"));
        // Lines that are not headers, which the parser keeps a copy of, are held to it too.
        let other = format!("POST / HTTP/1.1\nx-a: b\n{}\n\n{{}}", "not a header ".repeat(30_000));
        let message = refused(other.as_bytes());
        assert!(
            message.starts_with("The headers here hold 2 lines that are not \"Name: value\" (380 KiB)"),
            "{message}"
        );
    }

    /// An imported file with one 64 MiB header line held 706 MB and blocked the page for 27 s.
    /// Now it is refused from what the lines would weigh, before the header text is built.
    #[test]
    fn a_64_mib_header_line_is_refused_in_every_form() {
        let huge = "v".repeat(64 << 20);
        for (format, input) in every_form(&huge) {
            let message = refused(&input);
            assert!(
                message.starts_with("These headers would make 65,536 KiB of header lines"),
                "{format:?}: {message}"
            );
        }
        // Not a header either: the parser would have copied it.
        let other = format!("POST / HTTP/1.1\nx-a: b\n{huge}\n\n{{}}");
        assert!(refused(other.as_bytes()).contains("more than a request's headers hold"));
    }

    /// The measure is what the parser gives, byte for byte: folded lines, CRLF, `> ` prefixes,
    /// empty values, lines passed over.
    #[test]
    fn the_measure_is_the_header_lines_the_parser_gives() {
        let texts = [
            "POST / HTTP/1.1\r\nx-a:  b \r\nx-b:\r\n  folded\r\n\tagain \r\n",
            "> POST / HTTP/1.1\n> host: x\n< x-c: y\n* info: z\nnot a header\n \n x-d: e",
            "  leading: space\nx-e:\t\u{3000}\n\u{3000}\nx-f: g\n   \n  h\n{ x: y\nHTTP/1.1 200 OK\n",
            "x-a:\n \tb\n c",
            "",
        ];
        for text in texts {
            let budget = measure_header_text(text.split('\n')).map_err(|e| e.message);
            let parsed = received_headers::parse(text);
            let lines: String = pairs(&parsed).iter().map(|(n, v)| format!("{n}: {v}\n")).collect();
            assert_eq!(budget.map(|r| (r.lines, r.bytes)), Ok((parsed.fields.len(), lines.len())), "{text:?}");
        }
    }
}
