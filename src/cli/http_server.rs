//! The little HTTP/1.1 server `listen` needs, over `std::net`: one request per connection,
//! read with deadlines and caps so that a hostile sender cannot make it block forever, hold more
//! than a bounded amount of memory, or end the process.
//!
//! What it takes: a request line (`METHOD TARGET HTTP/1.0` or `HTTP/1.1`), `name: value` header
//! lines whose names are HTTP tokens and whose values are any bytes but CR, LF and NUL (decoded
//! as UTF-8, lossily only where invalid), then a body framed by a single `content-length` or by
//! `transfer-encoding: chunked` (trailers read and ignored). Every answer closes the connection:
//! there is no keep-alive, so a request's framing can never leak into the next one's.

use std::io::{self, BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

use webhook_echo::protocol::http_syntax::{is_token, ChunkedDecoder, ChunkedError, ChunkedLimits, Pushed};
use webhook_echo::protocol::limits::{
    MAX_CHUNKED_TRAILER_BYTES, MAX_CHUNK_LINE_BYTES, MAX_HEADER_LINES, MAX_REQUEST_LINE_BYTES,
};

use super::spool::Body;

/// How long writing an answer may take in all: a sender that reads slowly or never cannot hold
/// a thread.
const WRITE_DEADLINE: Duration = Duration::from_secs(8);
/// What is read from the socket at a time.
const CHUNK: usize = 64 * 1024;
/// Empty lines skipped before a request line (RFC 9112 §2.2 asks for at least one).
const LEADING_EMPTY_LINES: usize = 4;

/// A request's head: what the request line and header lines said.
#[derive(Debug)]
pub struct Head {
    pub method: String,
    pub target: String,
    /// `HTTP/1.1` (true) or `HTTP/1.0` (false).
    pub http11: bool,
    /// Each header as received: the name as sent, the value without its surrounding whitespace.
    pub headers: Vec<(String, String)>,
}

/// Why there is no head.
#[derive(Debug)]
pub enum HeadError {
    /// The connection ended, failed or stayed silent before a byte of a request came: nothing to
    /// answer or say.
    Quiet,
    /// The request line is longer than `MAX_REQUEST_LINE_BYTES`.
    LineTooLong,
    /// The header lines are longer than the cap: (method, target).
    TooLarge(String, String),
    /// More than `MAX_HEADER_LINES` header lines: (method, target).
    TooMany(String, String),
    /// The head did not arrive by the deadline.
    TimedOut,
    /// Not an HTTP/1.x request: why, as a sentence, and the method and target when they were
    /// read.
    Bad(String, Option<(String, String)>),
}

/// How the body is framed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// `content-length` bytes (none when the header is absent).
    Length(u64),
    /// `transfer-encoding: chunked`.
    Chunked,
}

/// Why a body's framing is refused: the status to answer and a sentence that says why.
#[derive(Debug, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    pub why: String,
}

/// Why a body was not read whole.
#[derive(Debug)]
pub enum BodyError {
    /// Chunks that add up to more than the cap (nothing past it is read).
    TooLarge,
    /// The deadline passed.
    TimedOut,
    /// Broken framing, or the connection ended early: a sentence.
    Bad(String),
    /// A body past `SPOOL_ABOVE` could not be written to its temporary file: a sentence.
    Store(String),
}

/// An answer.
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: Vec<u8>,
}

impl Response {
    /// A plain-text answer.
    pub fn text(status: u16, text: impl Into<String>) -> Self {
        let headers = vec![("content-type".to_string(), b"text/plain; charset=utf-8".to_vec())];
        Self { status, headers, body: text.into().into_bytes() }
    }
}

/// One accepted connection, read through a buffer (bytes past the head are the body's).
pub struct Connection {
    reader: BufReader<TcpStream>,
}

/// How reading a line ended.
enum Line {
    /// A whole line, its `\n` (and any `\r` before it) taken off.
    Whole(Vec<u8>),
    /// The connection ended first.
    Ended,
    /// The line reached its cap without ending.
    TooLong,
    /// The deadline passed; whether any of the line had come.
    Late(bool),
}

impl Connection {
    pub fn new(stream: TcpStream) -> Self {
        Self { reader: BufReader::with_capacity(CHUNK, stream) }
    }

    /// Before a read that may wait on the socket (the buffer is empty): makes it wait no later
    /// than `deadline`. False when the deadline has passed.
    fn wait_until(&mut self, deadline: Instant) -> io::Result<bool> {
        if !self.reader.buffer().is_empty() {
            return Ok(true);
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(false);
        }
        // A zero timeout means none at all: at least a millisecond.
        self.reader.get_ref().set_read_timeout(Some(left.max(Duration::from_millis(1))))?;
        Ok(true)
    }

    /// Reads into `into` what the buffer holds, or one read from the socket that waits no
    /// later than `deadline` (a `TimedOut` error then).
    fn read_some(&mut self, into: &mut [u8], deadline: Instant) -> io::Result<usize> {
        if !self.wait_until(deadline)? {
            return Err(io::Error::new(ErrorKind::TimedOut, "past the deadline"));
        }
        loop {
            match self.reader.read(into) {
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) if e.kind() == ErrorKind::WouldBlock => {
                    return Err(io::Error::new(ErrorKind::TimedOut, "past the deadline"));
                }
                other => return other,
            }
        }
    }

    /// One line of at most `max` bytes (its line end included), by `deadline`.
    fn read_line(&mut self, max: usize, deadline: Instant) -> io::Result<Line> {
        let mut line = Vec::new();
        loop {
            // Fill the buffer under the deadline.
            if !self.wait_until(deadline)? {
                return Ok(Line::Late(!line.is_empty()));
            }
            let available = match self.reader.fill_buf() {
                Ok(bytes) => bytes,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                    return Ok(Line::Late(!line.is_empty()));
                }
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                return Ok(Line::Ended);
            }
            let room = max.saturating_sub(line.len());
            let looked = available.get(..room.min(available.len())).unwrap_or_default();
            match looked.iter().position(|&b| b == b'\n') {
                Some(end) => {
                    line.extend_from_slice(looked.get(..end).unwrap_or_default());
                    self.reader.consume(end + 1);
                    if line.last() == Some(&b'\r') {
                        line.pop();
                    }
                    return Ok(Line::Whole(line));
                }
                None => {
                    let taken = looked.len();
                    line.extend_from_slice(looked);
                    self.reader.consume(taken);
                    if line.len() >= max {
                        return Ok(Line::TooLong);
                    }
                }
            }
        }
    }

    /// The request line and header lines, the header lines (their line ends included) at most
    /// `max_header_bytes`: past that, nothing more is read.
    pub fn read_head(&mut self, max_header_bytes: usize, deadline: Instant) -> Result<Head, HeadError> {
        let mut request_line = Vec::new();
        for skipped in 0..=LEADING_EMPTY_LINES {
            match self.read_line(MAX_REQUEST_LINE_BYTES, deadline) {
                Ok(Line::Whole(line)) if line.is_empty() && skipped < LEADING_EMPTY_LINES => {}
                Ok(Line::Whole(line)) => {
                    request_line = line;
                    break;
                }
                Ok(Line::Ended) => return Err(HeadError::Quiet),
                Ok(Line::TooLong) => return Err(HeadError::LineTooLong),
                // Silent since it connected: not a request at all.
                Ok(Line::Late(false)) if skipped == 0 => return Err(HeadError::Quiet),
                Ok(Line::Late(_)) => return Err(HeadError::TimedOut),
                Err(_) => return Err(HeadError::Quiet),
            }
        }
        let (method, target, http11) = request_line_parts(&request_line).map_err(|why| HeadError::Bad(why, None))?;
        let shown = || Some((method.clone(), target.clone()));
        let mut headers = Vec::new();
        // The empty line that ends the head is allowed on top of the cap.
        let mut left = max_header_bytes + 2;
        loop {
            let before = left;
            let line = match self.read_line(left, deadline) {
                Ok(Line::Whole(line)) => line,
                Ok(Line::Ended) => {
                    return Err(HeadError::Bad(
                        "The connection ended before the request's headers did.".into(),
                        shown(),
                    ))
                }
                Ok(Line::TooLong) => return Err(HeadError::TooLarge(method, target)),
                Ok(Line::Late(_)) => return Err(HeadError::TimedOut),
                Err(_) => return Err(HeadError::Quiet),
            };
            if line.is_empty() {
                return Ok(Head { method, target, http11, headers });
            }
            // The line and its line end (at least `\n`) come off what is left.
            left = before.saturating_sub(line.len() + 1);
            if left < 2 {
                return Err(HeadError::TooLarge(method, target));
            }
            if headers.len() == MAX_HEADER_LINES {
                return Err(HeadError::TooMany(method, target));
            }
            headers.push(header_line(&line).map_err(|why| HeadError::Bad(why, shown()))?);
        }
    }

    /// `HTTP/1.1 100 Continue`, for a sender that asked before sending its body.
    pub fn send_continue(&mut self) -> io::Result<()> {
        self.write_by(b"HTTP/1.1 100 Continue\r\n\r\n", Instant::now() + WRITE_DEADLINE)
    }

    /// Writes all of `bytes` by `deadline` (a `TimedOut` error past it).
    fn write_by(&mut self, bytes: &[u8], deadline: Instant) -> io::Result<()> {
        let stream = self.reader.get_mut();
        for piece in bytes.chunks(CHUNK) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(io::Error::new(ErrorKind::TimedOut, "the sender did not take the answer in time"));
            }
            stream.set_write_timeout(Some(left.max(Duration::from_millis(1))))?;
            stream.write_all(piece)?;
        }
        stream.flush()
    }

    /// The body, framed as `framing` says, at most `cap` bytes, by `deadline`: held in memory up
    /// to `SPOOL_ABOVE` bytes, in a temporary file past that. A `content-length` over the cap is
    /// for the caller to refuse before calling this.
    pub fn read_body(&mut self, framing: Framing, cap: usize, deadline: Instant) -> Result<Body, BodyError> {
        let mut body = Body::default();
        // One buffer for the whole body: a chunked body of a million one-byte chunks makes no
        // buffer per chunk.
        let mut scratch = vec![0u8; CHUNK];
        match framing {
            Framing::Length(length) => {
                let length = usize::try_from(length).ok().filter(|&n| n <= cap).ok_or(BodyError::TooLarge)?;
                self.read_exactly(&mut body, &mut scratch, length, deadline)?;
                Ok(body)
            }
            Framing::Chunked => self.read_chunked(body, cap, deadline),
        }
    }

    /// Appends exactly `length` more bytes to `body`.
    fn read_exactly(
        &mut self,
        body: &mut Body,
        scratch: &mut [u8],
        length: usize,
        deadline: Instant,
    ) -> Result<(), BodyError> {
        let mut left = length;
        while left > 0 {
            let room = left.min(scratch.len());
            match self.read_some(scratch.get_mut(..room).unwrap_or_default(), deadline) {
                Ok(0) => {
                    let got = length - left;
                    return Err(BodyError::Bad(format!(
                        "The connection ended after {got} of the body's {length} bytes."
                    )));
                }
                Ok(n) => {
                    let read = scratch.get(..n).unwrap_or_default();
                    body.push(read).map_err(|e| BodyError::Store(format!("The body could not be stored: {e}.")))?;
                    left = left.saturating_sub(n);
                }
                Err(e) if e.kind() == ErrorKind::TimedOut => return Err(BodyError::TimedOut),
                Err(e) => return Err(BodyError::Bad(format!("The connection failed: {e}."))),
            }
        }
        Ok(())
    }

    /// A chunked body, decoded as it comes, by `http_syntax`'s decoder; trailers read (within
    /// `MAX_CHUNKED_TRAILER_BYTES`) and ignored.
    fn read_chunked(&mut self, mut body: Body, cap: usize, deadline: Instant) -> Result<Body, BodyError> {
        let limits =
            ChunkedLimits { size_line: MAX_CHUNK_LINE_BYTES, trailers: MAX_CHUNKED_TRAILER_BYTES, body: cap as u64 };
        let mut decoder = ChunkedDecoder::new(limits);
        while !decoder.is_done() {
            let failed = |e: io::Error| BodyError::Bad(format!("The connection failed: {e}."));
            if !self.wait_until(deadline).map_err(failed)? {
                return Err(BodyError::TimedOut);
            }
            let available = match self.reader.fill_buf() {
                Ok(bytes) => bytes,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                    return Err(BodyError::TimedOut)
                }
                Err(e) => return Err(failed(e)),
            };
            if available.is_empty() {
                return Err(chunked_error(decoder.ended().unwrap_or(ChunkedError::Ended)));
            }
            let Pushed { used, data } = decoder.push(available).map_err(chunked_error)?;
            if !data.is_empty() {
                body.push(data).map_err(|e| BodyError::Store(format!("The body could not be stored: {e}.")))?;
            }
            self.reader.consume(used);
        }
        Ok(body)
    }

    /// Writes `response` (without its body when `head_only`, as for `HEAD`), then ends the
    /// sending side: every answer closes the connection.
    pub fn respond(&mut self, response: &Response, head_only: bool) -> io::Result<()> {
        self.write_by(&encode(response, head_only), Instant::now() + WRITE_DEADLINE)?;
        self.reader.get_ref().shutdown(Shutdown::Write)
    }

    /// Reads and drops whatever the sender still sends until it closes, fails, or `until`
    /// passes: closing with bytes unread resets the connection, which can cost the sender the
    /// answer just written, so a short drain lets it arrive first.
    pub fn drain(&mut self, until: Instant) {
        let mut chunk = vec![0u8; CHUNK];
        while let Ok(n) = self.read_some(&mut chunk, until) {
            if n == 0 {
                return;
            }
        }
    }
}

/// `response` as it goes on the wire: status line, its headers (only well-formed ones),
/// `content-length` and `connection: close`, then the body unless `head_only`.
pub fn encode(response: &Response, head_only: bool) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {} {}\r\n", response.status, reason(response.status)).into_bytes();
    for (name, value) in &response.headers {
        // Whatever a receiver sent, only a well-formed header goes out.
        if !is_token(name.as_bytes()) || value.iter().any(|&b| matches!(b, b'\r' | b'\n' | 0)) {
            continue;
        }
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("content-length: {}\r\nconnection: close\r\n\r\n", response.body.len()).as_bytes());
    if !head_only {
        out.extend_from_slice(&response.body);
    }
    out
}

/// Answers a connection with `response` without reading from it or waiting on it (a socket's
/// empty send buffer takes a short answer whole), then closes it: for the accepting thread.
pub fn refuse_at_once(stream: TcpStream, response: &Response) {
    if stream.set_nonblocking(true).is_ok() {
        let _ = (&stream).write_all(&encode(response, false));
        let _ = stream.shutdown(Shutdown::Write);
    }
}

/// The framing the headers declare; a `content-length` that is not one decimal number (the same
/// one when repeated), or one with `transfer-encoding`, is refused, as is any transfer coding
/// but `chunked`.
pub fn framing(headers: &[(String, String)]) -> Result<Framing, Refusal> {
    let bad = |why: String| Refusal { status: 400, why };
    let mut length: Option<Option<u64>> = None;
    let mut codings = Vec::new();
    for (name, value) in headers {
        if name.eq_ignore_ascii_case("content-length") {
            for part in value.split(',').map(|p| p.trim_matches([' ', '\t'])) {
                if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(bad(format!("content-length {part:?} is not a decimal number of bytes.")));
                }
                // Digits too many for a u64 are a length past any cap: `None`.
                let this = part.parse::<u64>().ok();
                match length {
                    Some(seen) if seen != this => {
                        return Err(bad("The request has conflicting content-length values.".into()))
                    }
                    _ => length = Some(this),
                }
            }
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            codings.extend(value.split(',').map(|c| c.trim_matches([' ', '\t']).to_ascii_lowercase()));
        }
    }
    if codings.is_empty() {
        return Ok(Framing::Length(length.map_or(0, |l| l.unwrap_or(u64::MAX))));
    }
    if length.is_some() {
        return Err(bad("The request has both content-length and transfer-encoding.".into()));
    }
    if codings != ["chunked"] {
        let why = format!("Only transfer-encoding: chunked is understood, not {:?}.", codings.join(", "));
        return Err(Refusal { status: 501, why });
    }
    Ok(Framing::Chunked)
}

/// Whether the sender waits for `100 Continue` before sending its body (HTTP/1.1 only).
pub fn expects_continue(head: &Head) -> bool {
    head.http11
        && head
            .headers
            .iter()
            .any(|(n, v)| n.eq_ignore_ascii_case("expect") && v.trim().eq_ignore_ascii_case("100-continue"))
}

/// (method, target, HTTP/1.1?) from `METHOD SP TARGET SP HTTP/1.x`.
fn request_line_parts(line: &[u8]) -> Result<(String, String, bool), String> {
    let malformed = || {
        format!(
            "The request line {:?} is not METHOD TARGET HTTP/1.1.",
            String::from_utf8_lossy(line.get(..line.len().min(100)).unwrap_or_default())
        )
    };
    let first = line.iter().position(|&b| b == b' ').ok_or_else(malformed)?;
    let last = line.iter().rposition(|&b| b == b' ').ok_or_else(malformed)?;
    let method = line.get(..first).unwrap_or_default();
    let target = line.get(first + 1..last).unwrap_or_default();
    let version = line.get(last + 1..).unwrap_or_default();
    if !is_token(method) || target.is_empty() || target.contains(&b' ') {
        return Err(malformed());
    }
    let http11 = match version {
        b"HTTP/1.1" => true,
        b"HTTP/1.0" => false,
        _ => {
            return Err(format!(
                "{:?} is not HTTP/1.0 or HTTP/1.1, the versions webhook-echo listen speaks.",
                String::from_utf8_lossy(version.get(..version.len().min(40)).unwrap_or_default())
            ))
        }
    };
    Ok((String::from_utf8_lossy(method).into_owned(), String::from_utf8_lossy(target).into_owned(), http11))
}

/// (name, value) from `name: value`: the name a token, the value any bytes but CR and NUL,
/// without its surrounding spaces and tabs, as UTF-8 (lossily only where it is not).
fn header_line(line: &[u8]) -> Result<(String, String), String> {
    let shown = || String::from_utf8_lossy(line.get(..line.len().min(100)).unwrap_or_default()).into_owned();
    if line.first().is_some_and(|&b| b == b' ' || b == b'\t') {
        return Err(format!("The header line {:?} continues the one before it (obsolete line folding).", shown()));
    }
    let colon =
        line.iter().position(|&b| b == b':').ok_or_else(|| format!("The header line {:?} has no colon.", shown()))?;
    let name = line.get(..colon).unwrap_or_default();
    if !is_token(name) {
        return Err(format!("The header name {:?} is not an HTTP token.", shown()));
    }
    let value = line.get(colon + 1..).unwrap_or_default();
    if value.iter().any(|&b| b == b'\r' || b == 0) {
        return Err(format!("The header {:?} holds a carriage return or a NUL.", String::from_utf8_lossy(name)));
    }
    let start = value.iter().position(|&b| b != b' ' && b != b'\t').unwrap_or(value.len());
    let end = value.iter().rposition(|&b| b != b' ' && b != b'\t').map_or(start, |i| i + 1);
    let value = value.get(start..end).unwrap_or_default();
    Ok((String::from_utf8_lossy(name).into_owned(), String::from_utf8_lossy(value).into_owned()))
}

/// What the server says of a chunked body it refuses.
fn chunked_error(error: ChunkedError) -> BodyError {
    BodyError::Bad(match error {
        ChunkedError::TooLarge => return BodyError::TooLarge,
        ChunkedError::SizeLineTooLong => {
            format!("A chunk-size line is longer than {} KiB.", MAX_CHUNK_LINE_BYTES / 1024)
        }
        ChunkedError::BadSize(shown) => format!("The chunk size {shown:?} is not a hexadecimal number."),
        ChunkedError::LongerThanItsSize => "A chunk is longer than its size says.".into(),
        ChunkedError::TrailersTooLarge => {
            format!("The trailers are larger than {} KiB.", MAX_CHUNKED_TRAILER_BYTES / 1024)
        }
        ChunkedError::EndedInData { got, size } => {
            format!("The connection ended after {got} of a {size}-byte chunk.")
        }
        ChunkedError::Ended => "The connection ended inside the chunked body.".into(),
    })
}

/// The reason phrase for a status (empty for one this table does not name, as HTTP allows).
fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        413 => "Content Too Large",
        414 => "URI Too Long",
        422 => "Unprocessable Content",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect()
    }

    #[test]
    fn framing_takes_one_decimal_length_or_chunked_and_refuses_the_rest() {
        assert_eq!(framing(&[]), Ok(Framing::Length(0)));
        assert_eq!(framing(&headers(&[("Content-Length", "42")])), Ok(Framing::Length(42)));
        assert_eq!(framing(&headers(&[("content-length", "7"), ("content-length", "7")])), Ok(Framing::Length(7)));
        assert_eq!(framing(&headers(&[("content-length", "7, 7")])), Ok(Framing::Length(7)));
        // Too many digits for any integer: past any cap, not an error and not a wrap.
        assert_eq!(framing(&headers(&[("content-length", "99999999999999999999999")])), Ok(Framing::Length(u64::MAX)));
        assert_eq!(framing(&headers(&[("transfer-encoding", "Chunked")])), Ok(Framing::Chunked));
        for bad in ["", "-1", "+1", "1.0", "0x10", "1 2", "٣"] {
            let refused = framing(&headers(&[("content-length", bad)]));
            assert_eq!(refused.map_err(|r| r.status), Err(400), "{bad:?}");
        }
        let conflicting = framing(&headers(&[("content-length", "1"), ("content-length", "2")]));
        assert_eq!(conflicting.map_err(|r| r.status), Err(400));
        let both = framing(&headers(&[("content-length", "1"), ("transfer-encoding", "chunked")]));
        assert_eq!(both.map_err(|r| r.status), Err(400));
        let gzip = framing(&headers(&[("transfer-encoding", "gzip, chunked")]));
        assert_eq!(gzip.map_err(|r| r.status), Err(501));
    }

    #[test]
    fn request_lines_are_http_1_0_or_1_1_with_a_token_method() {
        assert_eq!(request_line_parts(b"POST /a?b HTTP/1.1"), Ok(("POST".into(), "/a?b".into(), true)));
        assert_eq!(request_line_parts(b"GET \x1b[2J HTTP/1.0"), Ok(("GET".into(), "\x1b[2J".into(), false)));
        let bad: [&[u8]; 6] =
            [b"POST /a HTTP/2.0", b"POST /a", b"POST  HTTP/1.1", b"PO(ST /a HTTP/1.1", b"POST /a b HTTP/1.1", b""];
        for bad in bad {
            assert!(request_line_parts(bad).is_err(), "{:?}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn header_values_are_bytes_decoded_as_utf8_and_names_are_tokens() {
        let zwsp = header_line("X-Event:  otp.verified\u{200B} \t".as_bytes());
        assert_eq!(zwsp, Ok(("X-Event".into(), "otp.verified\u{200B}".into())));
        // Bytes that are not UTF-8 become U+FFFD; the rest stays as it came.
        assert_eq!(header_line(b"x: a\xffb"), Ok(("x".into(), "a\u{FFFD}b".into())));
        assert_eq!(header_line(b"x:"), Ok(("x".into(), String::new())));
        for bad in [&b" folded"[..], b"no colon", b"x y: 1", b": 1", b"x: a\rb", b"x: a\0b"] {
            assert!(header_line(bad).is_err(), "{:?}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn answers_close_and_carry_only_well_formed_headers() {
        let response = Response {
            status: 299,
            headers: vec![
                ("x-ok".into(), b"fine \xff".to_vec()),
                ("x-split".into(), b"a\r\nset-cookie: evil".to_vec()),
                ("bad name".into(), b"1".to_vec()),
            ],
            body: b"hi".to_vec(),
        };
        let wire = encode(&response, false);
        assert_eq!(wire, b"HTTP/1.1 299 \r\nx-ok: fine \xff\r\ncontent-length: 2\r\nconnection: close\r\n\r\nhi");
        let head_only = encode(&Response::text(200, "ok"), true);
        assert!(head_only.ends_with(b"content-length: 2\r\nconnection: close\r\n\r\n"), "{head_only:?}");
    }
}
