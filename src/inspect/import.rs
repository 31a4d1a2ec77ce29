//! Paste anything: a raw HTTP request, a curl or HTTPie command (alone, or in a terminal
//! transcript mixed with its `-v` lines and the response: `command`), `curl -i` or `curl -v`
//! output, headers and a body, a JSON
//! object of headers (an Express `req.headers` dump, as JSON or as `console.log` prints it), a
//! delivery body, or a HAR entry, read into headers and body bytes, exactly.

mod command;
mod shell;

use serde_json::Value;

use crate::protocol::limits::{MAX_HEADERS_BYTES, MAX_HEADER_LINES, MAX_HEADER_NAME_BYTES};
use crate::verify::received_headers::{self, is_request_line, is_token};

pub use command::PassedOver;

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
struct Room {
    lines: usize,
    bytes: usize,
}

impl Room {
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
        *self = Room { lines, bytes };
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
/// at `\n`, as parse splits it. Returns the room the header lines take.
fn measure_header_text<'a>(lines: impl IntoIterator<Item = &'a str>) -> Result<Room, ImportError> {
    let mut room = Room::default();
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
            room.extend(line.trim_matches([' ', '\t']).len() + usize::from(!empty))?;
            last_value_empty = Some(false);
            continue;
        }
        match line.split_once(':') {
            Some((name, value)) if is_token(name) && !line.starts_with("HTTP/") && !is_request_line(line) => {
                let value = value.trim_matches([' ', '\t']);
                room.take(name, 1, value.len())?;
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
    Ok(room)
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

/// Splits at the first blank line: (header block, body).
fn split_head(input: &[u8]) -> (&[u8], Option<&[u8]>) {
    let crlf = find(input, b"\r\n\r\n").map(|i| (i, 4));
    let lf = find(input, b"\n\n").map(|i| (i, 2));
    let split = match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 < b.0 { a } else { b }),
        (a, b) => a.or(b),
    };
    match split {
        Some((at, len)) => (&input[..at], Some(&input[at + len..])),
        None => (input, None),
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn import_http(input: &[u8]) -> Result<Imported, ImportError> {
    let text_head = |head| std::str::from_utf8(head).map_err(|_| error("The headers are not text (UTF-8)."));
    let first_line_end = input.iter().position(|&b| b == b'\n').unwrap_or(input.len());
    let first_line = String::from_utf8_lossy(&input[..first_line_end]).trim_end().to_string();
    let mut notes = Vec::new();

    if command::is_transcript(input) {
        return command::import_transcript(input);
    }
    if input.starts_with(b"* ") || input.starts_with(b"> ") || input.starts_with(b"< ") {
        let text = String::from_utf8_lossy(input);
        measure_header_text(text.lines().filter_map(|line| line.strip_prefix("> ")))?;
        let sent: String =
            text.lines().filter_map(|line| line.strip_prefix("> ")).map(|line| format!("{line}\n")).collect();
        let headers = received_headers::parse(&sent);
        if headers.fields.is_empty() {
            return Err(error(
                "This looks like curl -v output, but it has no request headers (lines starting with \"> \").",
            ));
        }
        notes.push("curl -v does not print the body it sent: the body field was left as it was.".into());
        return Ok(Imported {
            format: ImportFormat::CurlVerbose,
            headers: Some(pairs(&headers)),
            body: None,
            notes,
            passed_over: Vec::new(),
        });
    }

    let format = if first_line.starts_with("HTTP/") {
        ImportFormat::CurlResponse
    } else if is_request_line(&first_line) {
        ImportFormat::RawRequest
    } else if first_line.split_once(':').is_some_and(|(name, _)| is_token(name)) {
        ImportFormat::HeadersAndBody
    } else {
        return Err(error(format!("This is not a format webhook-echo knows. {ACCEPTED}")));
    };

    let mut rest = input;
    let (mut head, mut body) = split_head(rest);
    // `curl -i` through a proxy or with `Expect: 100-continue` prints several header blocks.
    if format == ImportFormat::CurlResponse {
        while let Some(next) = body.filter(|next| next.starts_with(b"HTTP/")) {
            rest = next;
            (head, body) = split_head(rest);
        }
    }
    let head = text_head(head)?;
    measure_header_text(head.split('\n'))?;
    let headers = received_headers::parse(head);
    notes.extend(headers.not_headers_sentence());
    let body = body.map(|body| exact_body(body, &headers, &mut notes));
    if body.is_none() {
        notes.push("There is no blank line after the headers, so no body: the body field was left as it was.".into());
    }
    Ok(Imported { format, headers: Some(pairs(&headers)), body, notes, passed_over: Vec::new() })
}

/// The body as sent: cut to `content-length` when a copy added bytes after it, and de-chunked
/// when it was sent in chunks.
fn exact_body(body: &[u8], headers: &received_headers::ReceivedHeaders, notes: &mut Vec<String>) -> Vec<u8> {
    let chunked = headers.get("transfer-encoding").is_some_and(|f| f.value.eq_ignore_ascii_case("chunked"));
    if chunked {
        match dechunk(body) {
            Some(joined) => {
                notes.push("The body was sent in chunks; they were joined.".into());
                return joined;
            }
            None => notes.push(
                "transfer-encoding says chunked, but the body is not well-formed chunks; it was kept as pasted.".into(),
            ),
        }
    }
    let declared = headers.get("content-length").and_then(|f| f.value.parse::<usize>().ok());
    match declared {
        Some(length) if body.len() > length => {
            let extra = &body[length..];
            let only_line_breaks = extra.iter().all(|b| matches!(b, b'\r' | b'\n'));
            notes.push(format!(
                "The body was cut to its content-length of {length} bytes: the {} after it {} part of the request.",
                crate::protocol::text::plural(extra.len(), "byte"),
                if only_line_breaks { "were line breaks from the copy, not" } else { "are not" }
            ));
            body[..length].to_vec()
        }
        Some(length) if body.len() < length => {
            notes.push(format!(
                "The body is {} but content-length says {length}: it may have been cut short when copied.",
                crate::protocol::text::plural(body.len(), "byte")
            ));
            body.to_vec()
        }
        _ => body.to_vec(),
    }
}

fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = find(body, b"\r\n")?;
        let size_text = std::str::from_utf8(&body[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        body = &body[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size..)?.strip_prefix(b"\r\n")?;
    }
}

/// The parsed headers as name and value pairs, in order, repeats kept, as `Imported` holds them.
pub(crate) fn pairs(headers: &received_headers::ReceivedHeaders) -> Vec<(String, String)> {
    headers.fields.iter().map(|f| (f.name.clone(), f.value.clone())).collect()
}

/// `input` is the paste from its first `{` or `[`; `whole` is all of it, which a delivery body
/// is taken as.
fn import_json(input: &[u8], whole: &[u8]) -> Result<Imported, ImportError> {
    let value: Value = match serde_json::from_slice(input) {
        Ok(value) => value,
        Err(json_error) => {
            // console.log(req.headers) prints single quotes and bare keys: not JSON, but close.
            return console_log(input)?.map_err(|_| {
                error(format!("This starts like JSON but is not valid JSON ({json_error}), nor headers as console.log prints them."))
            });
        }
    };
    if let Some(entry) = har_entry(&value)? {
        return import_har_entry(entry);
    }
    let Value::Object(object) = &value else {
        return Err(error(format!("This is JSON, but not an object. {ACCEPTED}")));
    };
    if object.contains_key("event") && object.contains_key("payload") {
        // The paste is the body: every byte of it, whitespace around the JSON included, since
        // those bytes are signed too if they were received. Said, as a person may not see them.
        let around = whole.len() - whole.trim_ascii().len();
        let notes = if around == 0 {
            Vec::new()
        } else {
            vec![format!(
                "The body keeps the {} of whitespace around the JSON, as pasted: they are part of the bytes checked.",
                crate::protocol::text::plural(around, "byte")
            )]
        };
        return Ok(Imported {
            format: ImportFormat::DeliveryBody,
            headers: None,
            body: Some(whole.to_vec()),
            notes,
            passed_over: Vec::new(),
        });
    }
    let mut notes = Vec::new();
    let (headers_value, body_value) = match object.get("headers") {
        Some(headers) => (headers, object.get("body").or_else(|| object.get("rawBody"))),
        None => (&value, None),
    };
    let headers = json_headers(headers_value)?;
    let body = match body_value {
        None | Some(Value::Null) => None,
        Some(Value::String(text)) => Some(text.clone().into_bytes()),
        Some(parsed) => {
            notes.push("The body was already parsed, so its exact bytes are lost: this is it written compactly, which may not be the bytes that were signed.".into());
            Some(parsed.to_string().into_bytes())
        }
    };
    Ok(Imported { format: ImportFormat::HeadersJson, headers: Some(headers), body, notes, passed_over: Vec::new() })
}

fn json_headers(value: &Value) -> Result<Vec<(String, String)>, ImportError> {
    let mut out = Vec::new();
    let mut room = Room::default();
    match value {
        Value::Object(map) => {
            for (name, value) in map {
                match value {
                    Value::String(text) => {
                        room.take(name, 1, text.len())?;
                        out.push((name.clone(), text.clone()));
                    }
                    Value::Array(items) => {
                        let value_bytes = items.iter().map(|item| item.as_str().map_or(0, str::len)).sum();
                        room.take(name, items.len(), value_bytes)?;
                        for item in items {
                            out.push((name.clone(), item.as_str().ok_or_else(|| not_headers(name))?.to_string()));
                        }
                    }
                    _ => return Err(not_headers(name)),
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                let pair = match item {
                    Value::Array(pair) if pair.len() == 2 => pair[0].as_str().zip(pair[1].as_str()),
                    Value::Object(entry) => {
                        entry.get("name").and_then(Value::as_str).zip(entry.get("value").and_then(Value::as_str))
                    }
                    _ => None,
                };
                let (name, value) =
                    pair.ok_or_else(|| error("The headers list holds something that is not a name and a value."))?;
                room.take(name, 1, value.len())?;
                out.push((name.to_string(), value.to_string()));
            }
        }
        _ => return Err(error("\"headers\" is neither an object nor a list.")),
    }
    if !out.iter().any(|(name, _)| is_token(name)) {
        return Err(error(format!("This JSON has no header names in it. {ACCEPTED}")));
    }
    Ok(out)
}

fn not_headers(name: &str) -> ImportError {
    error(format!(
        "\"{}\" is not a header value: headers map names to strings.",
        crate::verify::invisible::quoted(name)
    ))
}

/// The HAR entry to import: the one with a Cobinar signature, or the only one.
fn har_entry(value: &Value) -> Result<Option<&Value>, ImportError> {
    let entries: Vec<&Value> = if let Some(entries) = value.pointer("/log/entries").and_then(Value::as_array) {
        entries.iter().collect()
    } else if value.get("request").is_some_and(Value::is_object) {
        vec![value]
    } else {
        return Ok(None);
    };
    let signed = |entry: &&&Value| {
        entry.pointer("/request/headers").and_then(Value::as_array).is_some_and(|headers| {
            headers.iter().any(|h| {
                h.get("name").and_then(Value::as_str).is_some_and(|n| n.eq_ignore_ascii_case("x-cobinar-signature"))
            })
        })
    };
    match (entries.iter().find(signed), entries.len()) {
        (Some(entry), _) => Ok(Some(entry)),
        (None, 1) => Ok(Some(entries[0])),
        (None, 0) => Err(error("This HAR file has no entries.")),
        (None, n) => Err(error(format!(
            "This HAR file has {n} entries and none carries x-cobinar-signature; export just the delivery's request."
        ))),
    }
}

fn import_har_entry(entry: &Value) -> Result<Imported, ImportError> {
    let request = entry.get("request").ok_or_else(|| error("This HAR entry has no request."))?;
    // A request with no "headers" has none to give: the verifier then says which are missing.
    let headers = request.get("headers").map(json_headers).transpose()?.unwrap_or_default();
    // HTTP/2 pseudo-headers (":authority") are not headers a receiver sees by those names.
    let headers: Vec<(String, String)> = headers.into_iter().filter(|(name, _)| !name.starts_with(':')).collect();
    let mut notes = Vec::new();
    let body = match request.pointer("/postData/text").and_then(Value::as_str) {
        Some(text) if request.pointer("/postData/encoding").and_then(Value::as_str) == Some("base64") => Some(
            crate::protocol::base64::decode(text)
                .ok_or_else(|| error("The HAR body says base64 but is not base64."))?,
        ),
        Some(text) => Some(text.as_bytes().to_vec()),
        None => {
            notes.push("This HAR entry has no request body: the body field was left as it was.".into());
            None
        }
    };
    Ok(Imported { format: ImportFormat::Har, headers: Some(headers), body, notes, passed_over: Vec::new() })
}

/// `{ host: 'localhost:3000', 'x-cobinar-event': 'otp.verified', … }`, as Node's util.inspect
/// writes an object.
fn import_console_log(input: &[u8]) -> Result<Imported, ImportError> {
    console_log(input)?
}

/// `import_console_log`, telling a paste refused for its size (the outer error, said as is) from
/// one that is not in this form (the inner one, which a caller may word better).
fn console_log(input: &[u8]) -> Result<Result<Imported, ImportError>, ImportError> {
    let Ok(text) = std::str::from_utf8(input) else {
        return Ok(Err(error("This is not text (UTF-8).")));
    };
    let mut reader = Inspect { chars: text.char_indices().peekable(), text, refusal: None, room: Room::default() };
    let headers = reader.object();
    if let Some(refusal) = reader.refusal {
        return Err(refusal);
    }
    let Some(headers) = headers else {
        return Ok(Err(error(format!("This is not a format webhook-echo knows. {ACCEPTED}"))));
    };
    if headers.is_empty() || !headers.iter().any(|(name, _)| is_token(name)) {
        return Ok(Err(error(format!("This object has no header names in it. {ACCEPTED}"))));
    }
    Ok(Ok(Imported {
        format: ImportFormat::ConsoleLogHeaders,
        headers: Some(headers),
        body: None,
        notes: vec!["console.log shows no body: the body field was left as it was.".into()],
        passed_over: Vec::new(),
    }))
}

struct Inspect<'a> {
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    text: &'a str,
    /// Why reading stopped, when it was for the paste's size rather than its form.
    refusal: Option<ImportError>,
    room: Room,
}

impl Inspect<'_> {
    fn skip_space(&mut self) {
        while self.chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
            self.chars.next();
        }
    }

    fn eat(&mut self, wanted: char) -> bool {
        self.skip_space();
        if self.chars.peek().map(|&(_, c)| c) == Some(wanted) {
            self.chars.next();
            true
        } else {
            false
        }
    }

    fn object(&mut self) -> Option<Vec<(String, String)>> {
        if !self.eat('{') {
            return None;
        }
        let mut out = Vec::new();
        loop {
            if self.eat('}') {
                self.skip_space();
                return self.chars.peek().is_none().then_some(out);
            }
            let key = self.key()?;
            if !self.eat(':') {
                return None;
            }
            let values = self.values()?;
            let value_bytes = values.iter().map(String::len).sum();
            if let Err(refusal) = self.room.take(&key, values.len(), value_bytes) {
                self.refusal = Some(refusal);
                return None;
            }
            for value in values {
                out.push((key.clone(), value));
            }
            if !self.eat(',') {
                if !self.eat('}') {
                    return None;
                }
                self.skip_space();
                return self.chars.peek().is_none().then_some(out);
            }
        }
    }

    fn key(&mut self) -> Option<String> {
        self.skip_space();
        match self.chars.peek().map(|&(_, c)| c)? {
            '\'' | '"' | '`' => self.string(),
            _ => self.word(),
        }
    }

    fn word(&mut self) -> Option<String> {
        let (start, _) = *self.chars.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = self.chars.peek() {
            if c.is_alphanumeric() || matches!(c, '_' | '$' | '-' | '.') {
                end = i + c.len_utf8();
                self.chars.next();
            } else {
                break;
            }
        }
        (end > start).then(|| self.text[start..end].to_string())
    }

    /// One value, or an array's values; a string may be split over lines with `+`.
    fn values(&mut self) -> Option<Vec<String>> {
        self.skip_space();
        if self.eat('[') {
            let mut items = Vec::new();
            loop {
                if self.eat(']') {
                    return Some(items);
                }
                items.push(self.scalar()?);
                if !self.eat(',') {
                    return self.eat(']').then_some(items);
                }
            }
        }
        Some(vec![self.scalar()?])
    }

    fn scalar(&mut self) -> Option<String> {
        self.skip_space();
        match self.chars.peek().map(|&(_, c)| c)? {
            '\'' | '"' | '`' => {
                let mut text = self.string()?;
                while self.eat('+') {
                    self.skip_space();
                    text.push_str(&self.string()?);
                }
                Some(text)
            }
            _ => self.word(),
        }
    }

    fn string(&mut self) -> Option<String> {
        let (_, quote) = self.chars.next()?;
        let mut out = String::new();
        loop {
            let (_, c) = self.chars.next()?;
            match c {
                c if c == quote => return Some(out),
                '\\' => {
                    let (_, escaped) = self.chars.next()?;
                    match escaped {
                        'n' => out.push('\n'),
                        'r' => out.push('\r'),
                        't' => out.push('\t'),
                        '0' => out.push('\0'),
                        'x' | 'u' => {
                            let digits: String = (0..if escaped == 'x' { 2 } else { 4 })
                                .filter_map(|_| self.chars.next().map(|(_, c)| c))
                                .collect();
                            out.push(char::from_u32(u32::from_str_radix(&digits, 16).ok()?)?);
                        }
                        other => out.push(other),
                    }
                }
                c => out.push(c),
            }
        }
    }
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
        let imported = ok(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n");
        assert_eq!(imported.body.as_deref(), Some(&b"{\"a\":1}"[..]));
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
            let room = measure_header_text(text.split('\n')).map_err(|e| e.message);
            let parsed = received_headers::parse(text);
            let lines: String = pairs(&parsed).iter().map(|(n, v)| format!("{n}: {v}\n")).collect();
            assert_eq!(room.map(|r| (r.lines, r.bytes)), Ok((parsed.fields.len(), lines.len())), "{text:?}");
        }
    }
}
