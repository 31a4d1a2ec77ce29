//! Each case is decoded whole, a byte at a time, and split in two at every place: a decoder
//! fed from a socket sees a body cut anywhere, and must say the same.

use super::*;

/// The limits `listen` has, scaled down so that the cases can reach them.
const SMALL: ChunkedLimits = ChunkedLimits { size_line: 8, trailers: 12, body: 10 };
/// `listen`'s own, with a body limit of 1 MiB.
const LISTEN: ChunkedLimits = ChunkedLimits {
    size_line: crate::protocol::limits::MAX_CHUNK_LINE_BYTES,
    trailers: crate::protocol::limits::MAX_CHUNKED_TRAILER_BYTES,
    body: 1 << 20,
};

/// Decodes `input` pushed in the pieces `cuts` makes (offsets, ascending), as a stream does:
/// the body and the bytes taken, or why not, then what an input ending there lacks.
fn stream(input: &[u8], limits: ChunkedLimits, cuts: &[usize]) -> Result<(Vec<u8>, usize), ChunkedError> {
    let mut decoder = ChunkedDecoder::new(limits);
    let (mut body, mut taken) = (Vec::new(), 0);
    let ends = cuts.iter().copied().chain([input.len()]);
    let mut start = 0;
    for end in ends {
        let mut piece = &input[start..end];
        start = end;
        while !piece.is_empty() && !decoder.is_done() {
            let Pushed { used, data } = decoder.push(piece)?;
            assert!(used > 0 && used <= piece.len(), "{used} of {}", piece.len());
            assert!(piece[..used].ends_with(data), "the data is the end of what was taken");
            body.extend_from_slice(data);
            taken += used;
            piece = &piece[used..];
        }
    }
    match decoder.ended() {
        Some(why) => Err(why),
        None => Ok((body, taken)),
    }
}

/// What `input` decodes to under `limits`, the same however it is cut.
#[track_caller]
fn check(input: &str, limits: ChunkedLimits, expected: Result<&str, ChunkedError>) {
    let input = input.as_bytes();
    let whole = stream(input, limits, &[]);
    let got = whole.clone().map(|(body, _)| String::from_utf8(body).unwrap());
    assert_eq!(got.as_deref().map_err(Clone::clone), expected, "{:?}", String::from_utf8_lossy(input));
    let bytes: Vec<usize> = (1..input.len()).collect();
    assert_eq!(stream(input, limits, &bytes), whole, "a byte at a time: {input:?}");
    for cut in 1..input.len() {
        assert_eq!(stream(input, limits, &[cut]), whole, "cut at {cut}: {input:?}");
    }
}

fn bad_size(line: &str) -> Result<&'static str, ChunkedError> {
    Err(ChunkedError::BadSize(line.into()))
}

#[test]
fn chunks_are_joined_whatever_their_line_ends_and_extensions() {
    use ChunkedLimits as L;
    let cases: [(&str, &str); 11] = [
        ("0\r\n\r\n", ""),
        ("4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n", "Wikipedia"),
        ("4\nWiki\n5\npedia\n0\n\n", "Wikipedia"),
        ("A\r\n0123456789\r\n0\r\n\r\n", "0123456789"),
        ("a\r\n0123456789\r\n0\r\n\r\n", "0123456789"),
        ("4;name=value\r\nWiki\r\n0;last\r\n\r\n", "Wiki"),
        ("4 \t;x=\"a;b\"\r\nWiki\r\n0\r\n\r\n", "Wiki"),
        ("004\r\n\r\n\n\r\n0\r\n\r\n", "\r\n\n\r"),
        ("2\r\nok\r\n0\r\nx-trailer: 1\r\ny: 2\n\r\n", "ok"),
        ("2\r\nok\r\n0\r\nx: 1\r\ny: 2\n\r\n", "ok"),
        ("1\r\n\0\r\n0\r\n\r\n", "\0"),
    ];
    for (input, body) in cases {
        check(input, L::NONE, Ok(body));
        check(input, LISTEN, Ok(body));
    }
}

#[test]
fn a_size_that_is_not_hex_digits_is_refused_with_its_line() {
    for line in ["", "-1", "+1", " 4", "0x4", "4g", "٣", "4 4", ";x", "\r"] {
        check(&format!("{line}\r\nWiki\r\n0\r\n\r\n"), ChunkedLimits::NONE, bad_size(line));
    }
    // The line is shown cut to 40 bytes.
    let long = format!("{}g", "1".repeat(60));
    check(&format!("{long}\r\n"), ChunkedLimits::NONE, bad_size(&long[..40]));
}

#[test]
fn a_size_past_a_u64_is_past_any_limit_not_a_wrap() {
    use ChunkedError::{EndedInData, TooLarge};
    let none = ChunkedLimits::NONE;
    check("ffffffffffffffff\r\nab", none, Err(EndedInData { got: 2, size: u64::MAX }));
    check("10000000000000000\r\nab", none, Err(EndedInData { got: 2, size: u64::MAX }));
    check("fffffffffffffffffffff\r\n", none, Err(EndedInData { got: 0, size: u64::MAX }));
    check("10000000000000001\r\n", ChunkedLimits { size_line: 64, ..SMALL }, Err(TooLarge));
    assert_eq!(chunk_size(b"ffffffffffffffff"), Ok(u64::MAX));
    assert_eq!(chunk_size(b"fffffffffffffffe"), Ok(u64::MAX - 1));
    assert_eq!(chunk_size(b"1000000000000000"), Ok(1 << 60));
    assert_eq!(chunk_size(b"10000000000000000"), Ok(u64::MAX));
    assert_eq!(chunk_size(b"Ff"), Ok(255));
}

#[test]
fn the_chunks_together_stay_within_the_body_limit() {
    check("a\r\n0123456789\r\n0\r\n\r\n", SMALL, Ok("0123456789"));
    check("5\r\n01234\r\n5\r\n56789\r\n0\r\n\r\n", SMALL, Ok("0123456789"));
    check("b\r\n", SMALL, Err(ChunkedError::TooLarge));
    check("5\r\n01234\r\n6\r\n", SMALL, Err(ChunkedError::TooLarge));
    check("9\r\n012345678\r\n1\r\n9\r\n1\r\n", SMALL, Err(ChunkedError::TooLarge));
}

#[test]
fn a_chunk_must_end_where_its_size_says() {
    for input in ["4\r\nWikix\r\n", "4\r\nWiki\r\r\n", "4\r\nWikiab", "4\r\nWiki x\n", "4\r\nWiki\rx"] {
        check(input, ChunkedLimits::NONE, Err(ChunkedError::LongerThanItsSize));
    }
}

#[test]
fn a_size_line_is_bounded_with_its_line_end() {
    // SMALL.size_line is 8: seven bytes and the `\n`.
    check("1;aaaaa\nx\n0\n\n", SMALL, Ok("x"));
    check("1;aaaa\r\nx\r\n0\r\n\r\n", SMALL, Ok("x"));
    check("1;aaaaaa\nx\n0\n\n", SMALL, Err(ChunkedError::SizeLineTooLong));
    // Refused as soon as the bound is reached, not when the line ends.
    check("1;aaaaaa", SMALL, Err(ChunkedError::SizeLineTooLong));
    check("1;aaaaa", SMALL, Err(ChunkedError::Ended));
}

#[test]
fn trailers_are_bounded_counting_each_line_and_its_newline() {
    use ChunkedError::TrailersTooLarge;
    // SMALL.trailers is 12: a line takes its bytes and one for its line end, a `\r` not counted.
    check("0\r\nabcdefghij\n\n", SMALL, Ok(""));
    check("0\r\nabcdefghijk\n\n", SMALL, Err(TrailersTooLarge));
    check("0\r\nabcdefghij\r\n\r\n", SMALL, Err(TrailersTooLarge));
    check("0\r\nabcdefghijk\r\n", SMALL, Err(TrailersTooLarge));
    check("0\r\nabcde\r\nefg\r\n\r\n", SMALL, Ok(""));
    check("0\r\nabcde\r\nefgh\r\n\r\n", SMALL, Err(TrailersTooLarge));
    check("0\r\n\rx\r\n\r\n", SMALL, Ok(""));
    // Refused as soon as the bound is reached, not a byte later.
    check("0\r\nabcdefghijkl", SMALL, Err(TrailersTooLarge));
    check("0\r\nabcdefghijk", SMALL, Err(ChunkedError::Ended));
    check(&format!("0\r\n{}\r\n\r\n", "x".repeat(1000)), ChunkedLimits::NONE, Ok(""));
}

#[test]
fn input_that_stops_early_says_where() {
    use ChunkedError::{Ended, EndedInData};
    let none = ChunkedLimits::NONE;
    check("", none, Err(Ended));
    check("4", none, Err(Ended));
    check("4\r\n", none, Err(EndedInData { got: 0, size: 4 }));
    check("4\r\nWi", none, Err(EndedInData { got: 2, size: 4 }));
    check("4\r\nWiki", none, Err(Ended));
    check("4\r\nWiki\r\n", none, Err(Ended));
    check("0\r\n", none, Err(Ended));
    check("0\r\nx: 1\r\n", none, Err(Ended));
}

#[test]
fn nothing_past_the_body_is_taken() {
    let input = b"1\r\nx\r\n0\r\n\r\nPOST / HTTP/1.1";
    let mut decoder = ChunkedDecoder::new(ChunkedLimits::NONE);
    assert!(!decoder.is_done() && !decoder.last_chunk_read());
    assert_eq!(decoder.push(input), Ok(Pushed { used: 4, data: b"x" }));
    assert!(!decoder.last_chunk_read());
    assert_eq!(decoder.push(&input[4..]), Ok(Pushed { used: 7, data: b"" }));
    assert!(decoder.is_done() && decoder.last_chunk_read() && decoder.ended().is_none());
    assert_eq!(decoder.push(&input[11..]), Ok(Pushed { used: 0, data: b"" }));
    assert_eq!(stream(input, ChunkedLimits::NONE, &[]).map(|(_, taken)| taken), Ok(11));
}

#[test]
fn the_trailers_are_reached_only_by_the_last_chunk() {
    let mut decoder = ChunkedDecoder::new(ChunkedLimits::NONE);
    assert_eq!(decoder.push(b"0\r\nx"), Ok(Pushed { used: 4, data: b"" }));
    assert!(decoder.last_chunk_read() && !decoder.is_done());
}

#[test]
fn a_held_body_may_stop_after_its_last_chunk() {
    let none = ChunkedLimits::NONE;
    let cases: [(&str, Result<&str, ChunkedError>); 8] = [
        ("4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n", Ok("{\"a\":1}")),
        ("4\r\nWiki\r\n0\r\n", Ok("Wiki")),
        ("4\r\nWiki\r\n0", Err(ChunkedError::Ended)),
        ("4\r\nWiki\r\n0\r\nx-trailer: 1", Ok("Wiki")),
        ("4\r\nWiki\r\n0\r\n\r\nanything", Ok("Wiki")),
        ("4\r\nWik", Err(ChunkedError::EndedInData { got: 3, size: 4 })),
        ("4\r\nWikipedia\r\n0\r\n\r\n", Err(ChunkedError::LongerThanItsSize)),
        ("", Err(ChunkedError::Ended)),
    ];
    for (input, expected) in cases {
        let got = dechunk(input.as_bytes(), none).map(|body| String::from_utf8(body).unwrap());
        assert_eq!(got.as_deref().map_err(Clone::clone), expected, "{input:?}");
    }
    assert_eq!(dechunk(b"5\r\n01234\r\n6\r\n", SMALL), Err(ChunkedError::TooLarge));
}

#[test]
fn tokens_are_rfc_9110_tchars() {
    for token in ["POST", "x-cobinar-signature", "!#$%&'*+-.^_`|~", "a1", "Z"] {
        assert!(is_token(token), "{token:?}");
        assert!(is_token(token.as_bytes()), "{token:?}");
    }
    for not in ["", "a b", "a:b", "a\tb", "(x)", "a\"", "ü", "a/b", "a,b", "a;b", "[", "{", "@", "=", "\\", "\u{7f}"] {
        assert!(!is_token(not), "{not:?}");
    }
}
