//! A terminal as it really looks: a `curl` or `http` command (after a `$ ` prompt or not,
//! continued over lines with `\`), then any mix of `curl -v` lines (`*`, `>`, `<`,
//! `{ [N bytes data]`, `} [N bytes data]`), curl's progress meter and the response. The headers
//! and the body are read from the command's shell words exactly; what curl printed that the
//! receiver never got is counted and passed over.

use super::shell::{self, Token};
use super::{error, is_token, measure_header_text, pairs, HeaderBudget, ImportError, ImportFormat, Imported};
use crate::protocol::text::plural;
use crate::verify::received_headers;

/// One kind of thing a paste held that was not the request received, and how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PassedOver {
    ResponseHeaders(usize),
    ProgressLines(usize),
    ResponseLines(usize),
    OtherLines(usize),
}

impl PassedOver {
    /// The count in words, as the import's summary says it ("9 of curl's progress lines").
    pub fn describe(&self) -> String {
        match *self {
            Self::ResponseHeaders(n) => plural(n, "response header"),
            Self::ProgressLines(n) => {
                if n == 1 {
                    "1 of curl's progress lines".into()
                } else {
                    format!("{} of curl's progress lines", crate::protocol::text::grouped(n))
                }
            }
            Self::ResponseLines(n) => format!("the response body ({})", plural(n, "line")),
            Self::OtherLines(n) => plural(n, "other line"),
        }
    }
}

const TOOLS: [&str; 5] = ["curl", "http", "https", "printf", "echo"];

/// The paste without a shell prompt (`$ `, `% `, `# `) before a known command.
fn without_prompt(text: &str) -> &str {
    for prompt in ["$ ", "% ", "# ", "> "] {
        if let Some(rest) = text.strip_prefix(prompt) {
            if starts_with_tool(rest.trim_start()) {
                return rest.trim_start();
            }
        }
    }
    text
}

fn starts_with_tool(text: &str) -> bool {
    TOOLS.iter().any(|tool| text.strip_prefix(tool).is_some_and(|rest| rest.starts_with([' ', '\t', '\\'])))
}

/// A command, or curl's `-v` lines with a transfer marker (`{ [`, `} [`) that plain `-v`
/// reading would not take.
pub fn is_transcript(input: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&input[..input.len().min(256)]);
    starts_with_tool(without_prompt(&head)) || head.starts_with("{ [") || head.starts_with("} [")
}

#[derive(Default)]
struct Request {
    headers: Vec<(String, String)>,
    body: Option<Vec<u8>>,
    notes: Vec<String>,
    /// The header lines given so far, against the limits every form is held to.
    budget: HeaderBudget,
}

impl Request {
    /// Adds a header, or refuses it (a name, lines or header text past the limits) uncopied.
    fn header(&mut self, name: &str, value: &str) -> Result<(), ImportError> {
        self.budget.take(name, 1, value.len())?;
        self.headers.push((name.to_string(), value.to_string()));
        Ok(())
    }
}

/// Reads what `is_transcript` recognises. Headers are curl's `> ` lines when there are any, else
/// the command's; the body is the command's words as typed (one curl reads from a file or builds
/// is refused). What else the paste held is counted in `passed_over`, never taken.
pub fn import_transcript(input: &[u8]) -> Result<Imported, ImportError> {
    let text = std::str::from_utf8(input).map_err(|_| error("The paste is not text (UTF-8)."))?;
    let text = without_prompt(text);
    let mut notes = Vec::new();
    let (command, rest) = if starts_with_tool(text) {
        let read = shell::read_command(text).ok_or_else(|| {
            error("The command has a quote that is never closed: paste the whole command, up to its last line.")
        })?;
        if read.unexpanded {
            notes.push("The command holds $… or a backquote outside single quotes; it was taken as typed, not expanded as a shell would.".to_string());
        }
        (Some(command(&read.tokens)?), &text[read.consumed.min(text.len())..])
    } else {
        (None, text)
    };

    let lines = read_lines(rest);
    let format = match (&command, lines.sent.is_empty()) {
        (Some((ImportFormat::HttpieCommand, _)), _) => ImportFormat::HttpieCommand,
        (Some(_), true) => ImportFormat::CurlCommand,
        (Some(_), false) => ImportFormat::CurlTranscript,
        (None, _) => ImportFormat::CurlVerbose,
    };
    let (request_headers, body) = match command {
        Some((_, request)) => {
            notes.extend(request.notes);
            (request.headers, request.body)
        }
        None => (Vec::new(), None),
    };
    // What curl printed as sent is what the receiver got, its own headers included.
    let headers = if lines.sent.is_empty() {
        request_headers
    } else {
        measure_header_text(lines.sent.iter().copied())?;
        let sent = received_headers::parse(&lines.sent.join("\n"));
        pairs(&sent)
    };
    if headers.is_empty() && body.is_none() {
        return Err(error(
            "This looks like curl output, but it has neither request headers (lines starting with \"> \") nor a command with headers or a body.",
        ));
    }
    if body.is_none() {
        notes.push(if format == ImportFormat::CurlVerbose {
            "curl -v does not print the body it sent: the body field was left as it was.".to_string()
        } else {
            "The command sends no body: the body field was left as it was.".to_string()
        });
    }
    if let (Some(body), Some(length)) = (&body, header(&headers, "content-length")) {
        if length.parse::<usize>().ok() != Some(body.len()) {
            notes.push(format!(
                "The command's body is {} but content-length says {length}: the output may be from another command.",
                plural(body.len(), "byte")
            ));
        }
    }
    let passed_over = [
        PassedOver::ResponseHeaders(lines.response_headers),
        PassedOver::ProgressLines(lines.progress),
        PassedOver::ResponseLines(lines.response_body),
        PassedOver::OtherLines(lines.other),
    ]
    .into_iter()
    .filter(|p| {
        !matches!(
            p,
            PassedOver::ResponseHeaders(0)
                | PassedOver::ProgressLines(0)
                | PassedOver::ResponseLines(0)
                | PassedOver::OtherLines(0)
        )
    })
    .collect();
    Ok(Imported { format, headers: Some(headers), body, notes, passed_over })
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

#[derive(Default)]
struct Lines<'a> {
    /// The first request's `> ` lines, prefixes removed: not copied until they are measured.
    sent: Vec<&'a str>,
    response_headers: usize,
    progress: usize,
    response_body: usize,
    other: usize,
}

fn read_lines(rest: &str) -> Lines<'_> {
    let mut lines = Lines::default();
    let mut sent_done = false;
    let mut seen_response = false;
    for line in rest.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if let Some(sent) = line.strip_prefix("> ").or((line == ">").then_some("")) {
            if sent.trim().is_empty() {
                sent_done = !lines.sent.is_empty();
            } else if !sent_done {
                lines.sent.push(sent);
            } else {
                lines.progress += 1;
            }
        } else if let Some(received) = line.strip_prefix("< ").or((line == "<").then_some("")) {
            seen_response = true;
            if received.split_once(':').is_some_and(|(name, _)| is_token(name)) {
                lines.response_headers += 1;
            }
        } else if line.trim().is_empty() {
        } else if is_progress(line) {
            lines.progress += 1;
        } else if seen_response {
            lines.response_body += 1;
        } else {
            lines.other += 1;
        }
    }
    lines
}

/// `* Connected to …`, `} [237 bytes data]`, and the progress meter curl draws.
fn is_progress(line: &str) -> bool {
    let trimmed = line.trim();
    if line.starts_with("* ") || line == "*" || line.starts_with("{ [") || line.starts_with("} [") {
        return true;
    }
    if trimmed.starts_with("% Total") || trimmed.starts_with("Dload") || trimmed.contains("--:--:--") {
        return true;
    }
    trimmed.split_whitespace().count() >= 6
        && trimmed.split_whitespace().all(|t| t.chars().all(|c| c.is_ascii_digit() || ":.-kMG".contains(c)))
}

/// The request a pipeline sends: `curl …`, `http …`, or `printf '%s' '…' | http …`.
fn command(tokens: &[Token]) -> Result<(ImportFormat, Request), ImportError> {
    let segments: Vec<&[Token]> = tokens.split(|t| *t == Token::Op("|")).collect();
    let mut stdin: Option<Vec<u8>> = None;
    let mut notes = Vec::new();
    for (index, segment) in segments.iter().enumerate() {
        let words = words_until_op(segment);
        match words.first().map(String::as_str) {
            Some("curl") => return curl(&words[1..]).map(|r| (ImportFormat::CurlCommand, r)),
            Some("http" | "https") => {
                let mut request = httpie(segment, stdin)?;
                request.notes.splice(0..0, notes);
                return Ok((ImportFormat::HttpieCommand, request));
            }
            Some("printf") if index + 1 < segments.len() => {
                stdin = Some(printf(&words[1..])?);
            }
            Some("echo") if index + 1 < segments.len() => {
                let (no_newline, args) = match words.get(1).map(String::as_str) {
                    Some("-n") => (true, &words[2..]),
                    _ => (false, &words[1..]),
                };
                let mut out = args.join(" ").into_bytes();
                if !no_newline {
                    out.push(b'\n');
                    notes.push("echo adds a line break after the body; it was kept, as it is sent.".to_string());
                }
                stdin = Some(out);
            }
            _ => break,
        }
    }
    Err(error("This command is not a curl or HTTPie command webhook-echo can read."))
}

fn words_until_op(segment: &[Token]) -> Vec<String> {
    segment
        .iter()
        .map_while(|t| match t {
            Token::Word(w) => Some(w.clone()),
            Token::Op(_) => None,
        })
        .collect()
}

/// `printf '%s' '…'` and `printf '…'` with no `%` or `\` in it: anything else formats.
fn printf(args: &[String]) -> Result<Vec<u8>, ImportError> {
    match args {
        [format, rest @ ..] if format == "%s" => Ok(rest.concat().into_bytes()),
        [text] if !text.contains(['%', '\\']) => Ok(text.clone().into_bytes()),
        _ => Err(error("printf here formats its text; webhook-echo reads only printf '%s' '…'.")),
    }
}

const CURL_SHORT_WITH_ARG: &str = "XHdouAebcxmwTFrKUYyEC";
const CURL_LONG_WITH_ARG: [&str; 36] = [
    "--request",
    "--header",
    "--data",
    "--data-raw",
    "--data-binary",
    "--data-ascii",
    "--data-urlencode",
    "--json",
    "--url",
    "--output",
    "--user",
    "--user-agent",
    "--referer",
    "--cookie",
    "--cookie-jar",
    "--proxy",
    "--max-time",
    "--connect-timeout",
    "--write-out",
    "--trace",
    "--trace-ascii",
    "--retry",
    "--upload-file",
    "--form",
    "--form-string",
    "--cacert",
    "--cert",
    "--key",
    "--config",
    "--resolve",
    "--connect-to",
    "--range",
    "--proxy-user",
    "--limit-rate",
    "--interface",
    "--stderr",
];

fn curl(words: &[String]) -> Result<Request, ImportError> {
    let mut request = Request::default();
    let mut data: Vec<String> = Vec::new();
    let mut words = words.iter();
    let mut take = |option: &str, value: &str, request: &mut Request| -> Result<(), ImportError> {
        match option {
            "-H" | "--header" => {
                if let Some(name) = value.strip_suffix(';').filter(|n| is_token(n)) {
                    request.header(name, "")?;
                } else if let Some((name, v)) = value.split_once(':') {
                    let v = v.trim_matches([' ', '\t']);
                    // `-H 'Name:'` removes a header curl would add; nothing is sent.
                    if !(v.is_empty() && value.trim_end().ends_with(':')) {
                        request.header(name, v)?;
                    }
                }
            }
            "-d" | "--data" | "--data-ascii" | "--data-binary" | "--json" => {
                if let Some(file) = value.strip_prefix('@') {
                    return Err(error(format!(
                        "The body is read from the file {file}, which a paste does not carry: import the file's bytes instead."
                    )));
                }
                if option == "--json" && !request.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("content-type")) {
                    request.header("Content-Type", "application/json")?;
                }
                data.push(value.to_string());
            }
            "--data-raw" => data.push(value.to_string()),
            "--data-urlencode" | "-F" | "--form" | "--form-string" | "-T" | "--upload-file" => {
                return Err(error(format!(
                    "curl builds this body from {option}, so its exact bytes are not in the command: paste the body itself."
                )));
            }
            _ => {}
        }
        Ok(())
    };
    while let Some(word) = words.next() {
        if CURL_LONG_WITH_ARG.contains(&word.as_str()) {
            let value = words.next().ok_or_else(|| error(format!("{word} has no value after it.")))?;
            take(word, value, &mut request)?;
        } else if word.starts_with("--") {
        } else if let Some(letters) = word.strip_prefix('-').filter(|l| !l.is_empty()) {
            for (at, letter) in letters.char_indices() {
                if CURL_SHORT_WITH_ARG.contains(letter) {
                    let attached = &letters[at + letter.len_utf8()..];
                    let value = if attached.is_empty() {
                        words.next().ok_or_else(|| error(format!("-{letter} has no value after it.")))?.as_str()
                    } else {
                        attached
                    };
                    take(&format!("-{letter}"), value, &mut request)?;
                    break;
                }
            }
        }
    }
    if !data.is_empty() {
        // curl joins several data options with `&`.
        request.body = Some(data.join("&").into_bytes());
    }
    Ok(request)
}

const HTTPIE_WITH_ARG: [&str; 20] = [
    "--auth",
    "-a",
    "--auth-type",
    "-A",
    "--output",
    "-o",
    "--session",
    "--session-read-only",
    "--print",
    "-p",
    "--verify",
    "--cert",
    "--cert-key",
    "--proxy",
    "--timeout",
    "--max-redirects",
    "--style",
    "-s",
    "--format-options",
    "--boundary",
];

fn httpie(segment: &[Token], stdin: Option<Vec<u8>>) -> Result<Request, ImportError> {
    let mut request = Request { body: stdin, ..Request::default() };
    let mut tokens = segment.iter().skip(1);
    let mut positional = 0;
    while let Some(token) = tokens.next() {
        let word = match token {
            Token::Word(word) => word,
            Token::Op("<<<") => {
                let Some(Token::Word(text)) = tokens.next() else {
                    return Err(error("<<< has no text after it."));
                };
                let mut body = text.clone().into_bytes();
                body.push(b'\n');
                request.notes.push(
                    "A here-string (<<<) ends the body with a line break, which the shell adds and HTTPie sends; it was kept."
                        .to_string(),
                );
                request.body = Some(body);
                continue;
            }
            Token::Op("<") => {
                return Err(error(
                    "The body is read from a file, which a paste does not carry: import the file's bytes instead.",
                ))
            }
            Token::Op(_) => break,
        };
        if word == "--raw" {
            let Some(Token::Word(text)) = tokens.next() else { return Err(error("--raw has no text after it.")) };
            request.body = Some(text.clone().into_bytes());
        } else if HTTPIE_WITH_ARG.contains(&word.as_str()) {
            tokens.next();
        } else if word.starts_with('-') {
        } else if positional == 0 && !word.is_empty() && word.chars().all(|c| c.is_ascii_uppercase()) {
            positional = 1;
        } else if positional <= 1 {
            positional = 2; // the URL
        } else {
            httpie_item(word, &mut request)?;
        }
    }
    Ok(request)
}

/// `name:value` (a header), `name;` (an empty header); `name==value` (a query parameter) changes
/// no header or body; `name=value`, `name:=json` and `name@file` build a body HTTPie writes.
fn httpie_item(item: &str, request: &mut Request) -> Result<(), ImportError> {
    let Some(at) = item.find([':', '=', ';', '@']) else { return Ok(()) };
    let (name, rest) = item.split_at(at);
    if rest.starts_with(":=")
        || rest.starts_with("=@")
        || (rest.starts_with('=') && !rest.starts_with("=="))
        || rest.starts_with('@')
    {
        if request.body.is_none() {
            return Err(error(format!(
                "HTTPie builds the body from items such as {item}, so its exact bytes are not in the command: paste the body itself."
            )));
        }
        return Ok(());
    }
    if let Some(value) = rest.strip_prefix(':') {
        request.header(name, value.trim_matches([' ', '\t']))?;
    } else if rest == ";" {
        request.header(name, "")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::inspect::import::{import, ImportFormat};

    const TRANSCRIPT: &str = "$ curl -v --request POST 'http://localhost:3000/webhooks/auth' \\\n  --header 'content-type: application/json' \\\n  --header 'x-cobinar-signature: sha256=ab' \\\n  --header 'x-cobinar-event: otp.verified' \\\n  --data-raw '{\"name\":\"O'\\''Brien\",\n\"x\":\"$(rm)\"}'\nNote: Unnecessary use of -X or --request, POST is already inferred.\n  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0* Host localhost:3000 was resolved.\n*   Trying 127.0.0.1:3000...\n* Connected to localhost (127.0.0.1) port 3000\n> POST /webhooks/auth HTTP/1.1\n> Host: localhost:3000\n> User-Agent: curl/8.5.0\n> Accept: */*\n> content-type: application/json\n> x-cobinar-signature: sha256=ab\n> x-cobinar-event: otp.verified\n> Content-Length: 31\n> \n} [31 bytes data]\n* upload completely sent off: 31 bytes\n< HTTP/1.1 401 Unauthorized\n< X-Powered-By: Express\n< Content-Type: application/json; charset=utf-8\n< Content-Length: 12\n< Date: Mon, 30 Nov 2026 09:00:00 GMT\n< \n{ [12 bytes data]\n100    47  100    12  100    35   1200   3500 --:--:-- --:--:-- --:--:--  4700\n* Connection #0 to host localhost left intact\n{\"ok\":false}\n";

    #[test]
    fn a_mixed_transcript_takes_the_sent_headers_and_the_commands_body() {
        let imported = import(TRANSCRIPT.as_bytes()).unwrap();
        assert_eq!(imported.format, ImportFormat::CurlTranscript);
        assert_eq!(imported.body.as_deref(), Some(&b"{\"name\":\"O'Brien\",\n\"x\":\"$(rm)\"}"[..]));
        let names = imported.taken_headers();
        assert_eq!(names.len(), 7, "{names:?}");
        assert!(!names.contains(&"X-Powered-By"));
        let summary = imported.summary();
        assert!(summary.contains("Took 2 x-cobinar-* headers, host, user-agent, accept, content-type and content-length; passed over 4 response headers"), "{summary}");
        assert!(summary.contains("of curl's progress lines"), "{summary}");
        assert!(imported.notes.iter().all(|n| !n.contains("content-length says")), "{:?}", imported.notes);
    }

    #[test]
    fn bare_commands() {
        let curl =
            import(b"curl -sS -XPOST http://x/ -H 'a: b' -H\"c:  d\\\"\" -d $'{\\n}' --data-binary 'z'").unwrap();
        assert_eq!(curl.format, ImportFormat::CurlCommand);
        assert_eq!(curl.headers, Some(vec![("a".into(), "b".into()), ("c".into(), "d\"".into())]));
        assert_eq!(curl.body.as_deref(), Some(&b"{\n}&z"[..]));
        assert_eq!(curl.summary(), "Imported 2 headers and a 5-byte body from a curl command. Took a and c.");
        let here = import(b"http POST :3000/hook 'x-cobinar-event:otp.verified' id==1 <<< '{}'").unwrap();
        assert_eq!(here.format, ImportFormat::HttpieCommand);
        assert_eq!(here.body.as_deref(), Some(&b"{}\n"[..]));
        assert_eq!(here.headers, Some(vec![("x-cobinar-event".into(), "otp.verified".into())]));
        let piped = import(b"printf '%s' '{\"a\":1}' |\n  http POST 'http://x' 'a:b' --path-as-is").unwrap();
        assert_eq!(piped.body.as_deref(), Some(&b"{\"a\":1}"[..]));
        for refused in [&b"curl -d @body.json http://x"[..], b"http POST x a=b", b"curl -d 'open"] {
            let e = import(refused).unwrap_err();
            assert!(e.message.ends_with("Nothing was changed."), "{}", e.message);
        }
    }
}
