//! A raw HTTP request, `curl -i` or `curl -v` output, or headers then a blank line and the body:
//! the head read as headers, the body cut to its length or joined from its chunks, byte for byte.

use super::*;
use crate::protocol::http_syntax::{self, ChunkedLimits};

/// Splits at the first blank line: (header block, body).
pub(super) fn split_head(input: &[u8]) -> (&[u8], Option<&[u8]>) {
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

pub(super) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

pub(super) fn import_http(input: &[u8]) -> Result<Imported, ImportError> {
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
pub(super) fn exact_body(body: &[u8], headers: &received_headers::ReceivedHeaders, notes: &mut Vec<String>) -> Vec<u8> {
    let chunked = headers.get("transfer-encoding").is_some_and(|f| f.value.eq_ignore_ascii_case("chunked"));
    if chunked {
        // The paste is already bounded: no limit but its length.
        match http_syntax::dechunk(body, ChunkedLimits::NONE) {
            Ok(joined) => {
                notes.push("The body was sent in chunks; they were joined.".into());
                return joined;
            }
            Err(_) => notes.push(
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
