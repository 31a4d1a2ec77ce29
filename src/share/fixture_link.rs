//! The share link's fragment: `v1.<length>.<data>`, where data is URL-safe base64 of the
//! deflated fixture JSON followed by 4 bytes of its SHA-256. The fragment never reaches a
//! server. The length tells a cut link from an altered one; the checksum catches the rest.
//!
//! The sender's verdict (`sender_verdict`) rides after the end of the deflate stream, inside
//! the checksummed data: `deflate(json) ‖ verdict ‖ checksum`. A page that predates it inflates
//! to the stream's end and stops there, so it opens such a link and never sees the verdict
//! (the fixture's JSON could not carry it: its reader refuses an unknown field, and must keep
//! refusing, see below); a link without it is the same as before.
//!
//! A link is someone else's input: everything that can be checked without inflating (length,
//! base64, checksum) is checked first, and then the payload is inflated a few KiB at a time,
//! only as fast as the fixture reader asks for it. A reader that refuses (an unknown field, a
//! foreign version, bytes that are not JSON) stops the inflating there, however much the
//! payload would have grown.

use std::io;

use miniz_oxide::inflate::core::{decompress_with_limit, DecompressorOxide, TINFL_LZ_DICT_SIZE};
use miniz_oxide::inflate::TINFLStatus;
use sha2::{Digest as _, Sha256};

use crate::protocol::base64;
use crate::protocol::limits::{MAX_FIXTURE_BYTES, MAX_FRAGMENT_CHARS};
use crate::share::fixture::{Fixture, FixtureError, VERSION};
use crate::share::sender_verdict::SenderVerdict;

const CHECKSUM_LEN: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// The fragment is not a fixture link at all (an anchor such as `#result`).
    NotALink,
    UnknownVersion(String),
    Malformed(&'static str),
    Truncated {
        have: usize,
        want: usize,
    },
    Altered,
    NotDecodable,
    TooLarge,
    Fixture(FixtureError),
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotALink => write!(f, "This is not a webhook-echo link."),
            Self::UnknownVersion(v) => write!(
                f,
                "This link is format {v}; this page reads v{VERSION}. It was made by another version of webhook-echo."
            ),
            Self::Malformed(why) => write!(f, "This link is malformed: {why}."),
            Self::Truncated { have, want } => {
                write!(f, "This link was cut short: it has {have} of its {want} characters. Copy the whole link again.")
            }
            Self::Altered => write!(f, "This link was changed after it was made: its checksum does not match."),
            Self::NotDecodable => write!(f, "This link's data cannot be decompressed."),
            Self::TooLarge => write!(
                f,
                "This link expands to more than {} MiB, more than a fixture should hold.",
                MAX_FIXTURE_BYTES >> 20
            ),
            Self::Fixture(error) => write!(f, "{error}"),
        }
    }
}

/// Whether a fragment (without `#`) is meant as a fixture link: `v` and a version number.
pub fn looks_like_link(fragment: &str) -> bool {
    let Some(rest) = fragment.strip_prefix('v') else { return false };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && rest[digits..].starts_with('.')
}

/// A short, stable name for a link, to keep work done on top of it apart from other work.
pub fn place_id(fragment: &str) -> String {
    hex::encode(&Sha256::digest(fragment.strip_prefix('#').unwrap_or(fragment).as_bytes())[..8])
}

/// What a link carries: the fixture, and the verdict the sender's page showed, when it said one
/// this page knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub fixture: Fixture,
    pub sender_verdict: Option<SenderVerdict>,
}

/// The fragment for a fixture, without the leading `#`.
pub fn encode(fixture: &Fixture) -> String {
    encode_payload(fixture.to_json().as_bytes())
}

/// The fragment for a fixture and the verdict shown when it was made.
pub fn encode_with_verdict(fixture: &Fixture, verdict: Option<&SenderVerdict>) -> String {
    let trailer = verdict.map(SenderVerdict::to_trailer).unwrap_or_default();
    frame(fixture.to_json().as_bytes(), trailer.as_bytes())
}

/// The fragment around any payload, deflated and checksummed as `encode` does. For tests and
/// the crafted links kept in `tests/fixtures/links/`; the page encodes fixtures only.
#[doc(hidden)]
pub fn encode_payload(payload: &[u8]) -> String {
    frame(payload, b"")
}

/// `payload` deflated, then `trailer` as is after the end of the deflate stream, checksummed
/// together.
#[doc(hidden)]
pub fn frame(payload: &[u8], trailer: &[u8]) -> String {
    let mut data = miniz_oxide::deflate::compress_to_vec(payload, 9);
    data.extend_from_slice(trailer);
    let checksum = Sha256::digest(&data);
    data.extend_from_slice(&checksum[..CHECKSUM_LEN]);
    let data = base64::encode_url_safe(&data);
    format!("v{VERSION}.{}.{data}", data.len())
}

/// The fixture a fragment (with or without its `#`) carries, or what is wrong with the link.
/// What follows the deflate stream is not looked at, as a page made before the sender's
/// verdict did not.
pub fn decode(fragment: &str) -> Result<Fixture, LinkError> {
    decode_counting(fragment).0
}

/// The fixture and the sender's verdict a fragment carries, or what is wrong with the link.
pub fn decode_link(fragment: &str) -> Result<Link, LinkError> {
    decode_link_counting(fragment).0
}

/// `decode`, and how many bytes it inflated to reach its answer: what tests measure a crafted
/// link's cost by.
#[doc(hidden)]
pub fn decode_counting(fragment: &str) -> (Result<Fixture, LinkError>, usize) {
    let (link, inflated) = decode_link_counting(fragment);
    (link.map(|link| link.fixture), inflated)
}

fn decode_link_counting(fragment: &str) -> (Result<Link, LinkError>, usize) {
    match checked_payload(fragment) {
        Ok(compressed) => {
            let mut inflater = Inflater::new(&compressed);
            // serde_json reads a stream a byte at a time; through a BufReader it takes std's
            // fast path for that. Its buffer is one more step read ahead, no more.
            let read = Fixture::from_reader(io::BufReader::with_capacity(STEP, &mut inflater));
            // The inflater's own failure is the better word: the reader only saw it stop.
            let result = match (inflater.failure.take(), read) {
                (Some(failure), _) => Err(failure),
                (None, read) => read.map_err(LinkError::Fixture),
            };
            // The reader read to the end of the JSON and past it to the end of the stream
            // (`json.end()`), so what the inflater left is what follows the deflate stream.
            let result = result.map(|fixture| Link {
                fixture,
                sender_verdict: if inflater.finished { SenderVerdict::from_trailer(inflater.input) } else { None },
            });
            (result, inflater.inflated)
        }
        Err(error) => (Err(error), 0),
    }
}

/// The deflated payload, once the fragment's form, length and checksum hold.
fn checked_payload(fragment: &str) -> Result<Vec<u8>, LinkError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if !looks_like_link(fragment) {
        return Err(LinkError::NotALink);
    }
    if fragment.len() > MAX_FRAGMENT_CHARS {
        return Err(LinkError::TooLarge);
    }
    let mut parts = fragment.splitn(3, '.');
    #[expect(clippy::expect_used, reason = "splitn yields at least one piece, the whole string when there is no dot")]
    let version = parts.next().expect("a first piece");
    if version != format!("v{VERSION}") {
        return Err(LinkError::UnknownVersion(version.to_string()));
    }
    let want: usize =
        parts.next().and_then(|n| n.parse().ok()).ok_or(LinkError::Malformed("its length is not a number"))?;
    let data = parts.next().ok_or(LinkError::Malformed("it has no data"))?;
    if data.len() < want {
        return Err(LinkError::Truncated { have: data.len(), want });
    }
    if data.len() > want {
        return Err(LinkError::Altered);
    }
    let bytes = base64::decode(data).ok_or(LinkError::Malformed("its data is not URL-safe base64"))?;
    if bytes.len() <= CHECKSUM_LEN {
        return Err(LinkError::Malformed("its data is too short"));
    }
    let (compressed, checksum) = bytes.split_at(bytes.len() - CHECKSUM_LEN);
    if Sha256::digest(compressed)[..CHECKSUM_LEN] != *checksum {
        return Err(LinkError::Altered);
    }
    let mut bytes = bytes;
    bytes.truncate(bytes.len() - CHECKSUM_LEN);
    Ok(bytes)
}

/// How much is inflated at a time: the most inflated past what the reader has asked for (with
/// the reader's buffer, two steps).
const STEP: usize = 4 * 1024;

/// Raw deflate read as a stream, a step at a time, never past `MAX_FIXTURE_BYTES` in all.
struct Inflater<'a> {
    decompressor: Box<DecompressorOxide>,
    /// Compressed bytes not yet consumed.
    input: &'a [u8],
    /// Deflate's history: back-references reach up to 32 KiB behind, so the last 32 KiB
    /// inflated stay here, wrapping around (the size is a power of two, as miniz requires).
    window: Box<[u8; TINFL_LZ_DICT_SIZE]>,
    /// Inflated and not yet handed to the reader: `window[start..end]`.
    start: usize,
    end: usize,
    /// Bytes inflated so far.
    inflated: usize,
    finished: bool,
    /// Why inflating stopped short, when it did.
    failure: Option<LinkError>,
}

impl<'a> Inflater<'a> {
    fn new(input: &'a [u8]) -> Self {
        Inflater {
            decompressor: Box::default(),
            input,
            window: Box::new([0; TINFL_LZ_DICT_SIZE]),
            start: 0,
            end: 0,
            inflated: 0,
            finished: false,
            failure: None,
        }
    }

    /// Inflates the next step into the window.
    fn refill(&mut self) -> Result<(), LinkError> {
        let at = if self.end == self.window.len() { 0 } else { self.end };
        // One byte past the cap is enough to know the payload goes past it.
        let limit = STEP.min(MAX_FIXTURE_BYTES + 1 - self.inflated);
        // No flags: raw deflate (no zlib header), a wrapping window, and all the input there
        // is, so that a stream cut short is an error rather than a wait for more.
        let (status, consumed, written) =
            decompress_with_limit(&mut self.decompressor, self.input, &mut self.window[..], at, limit, 0);
        // The inflater reports no more than it was given; were it ever to, the link is refused
        // rather than read from an empty rest as if it had ended.
        self.input = self.input.get(consumed..).ok_or(LinkError::NotDecodable)?;
        self.inflated += written;
        (self.start, self.end) = (at, at + written);
        if self.inflated > MAX_FIXTURE_BYTES {
            return Err(LinkError::TooLarge);
        }
        match status {
            TINFLStatus::Done => self.finished = true,
            // Stopped at the step or at the window's end: more is there for the asking.
            TINFLStatus::HasMoreOutput if written > 0 => {}
            _ => return Err(LinkError::NotDecodable),
        }
        Ok(())
    }
}

impl io::Read for Inflater<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.failure.is_some() {
            return Err(io::Error::other("the link's data stopped"));
        }
        while self.start == self.end && !self.finished {
            if let Err(failure) = self.refill() {
                let error = io::Error::other(failure.to_string());
                self.failure = Some(failure);
                return Err(error);
            }
        }
        let n = out.len().min(self.end - self.start);
        out[..n].copy_from_slice(&self.window[self.start..self.start + n]);
        self.start += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::share::fixture::{FixtureError, SharedSecret};

    fn fixture() -> Fixture {
        Fixture {
            body: crate::echo::example::EXAMPLE_BODY.as_bytes().to_vec(),
            headers: crate::echo::example::example_delivery().headers,
            event: Some(crate::protocol::events::Event::OtpVerified),
            note: "look at the timestamp".into(),
            secret: SharedSecret::Fingerprint("a1b2-c3d4".into()),
            case: Default::default(),
        }
    }

    #[test]
    fn round_trips_and_stays_url_safe() {
        let link = encode(&fixture());
        assert!(link.starts_with("v1."));
        assert!(link.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)), "{link}");
        assert_eq!(decode(&link), Ok(fixture()));
        assert_eq!(decode(&format!("#{link}")), Ok(fixture()));
    }

    #[test]
    fn carries_the_senders_verdict_after_the_deflate_stream() {
        use crate::diagnose::diagnosis::Cause;
        use crate::share::sender_verdict::SentVerdict;
        let verdict = SenderVerdict {
            verdict: SentVerdict::SignatureMismatch,
            causes: vec![Cause::BodyReserialized, Cause::SignatureCase],
        };
        let link = encode_with_verdict(&fixture(), Some(&verdict));
        assert!(link.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)), "{link}");
        assert_eq!(decode_link(&link), Ok(Link { fixture: fixture(), sender_verdict: Some(verdict.clone()) }));
        // `decode` reads as a page made before the verdict did (the same framing, checksum and
        // inflater): the fixture opens, and what follows the stream is not looked at.
        assert_eq!(decode(&link), Ok(fixture()));
        // Without a verdict the link is exactly the one `encode` makes, and says none.
        assert_eq!(encode_with_verdict(&fixture(), None), encode(&fixture()));
        assert_eq!(decode_link(&encode(&fixture())), Ok(Link { fixture: fixture(), sender_verdict: None }));
        // The checksum covers the verdict: one changed letter is an altered link.
        let (head, data) = link.rsplit_once('.').unwrap();
        let mut bytes = base64::decode(data).unwrap();
        let at = bytes.len() - CHECKSUM_LEN - 1;
        bytes[at] ^= 1;
        assert_eq!(decode_link(&format!("{head}.{}", base64::encode_url_safe(&bytes))), Err(LinkError::Altered));
    }

    #[test]
    fn a_hostile_verdict_opens_the_fixture_without_it() {
        let json = fixture().to_json();
        let oversized = format!("verdict=valid;x={}", "a".repeat(crate::share::sender_verdict::MAX_TRAILER_BYTES));
        let trailers: [&[u8]; 6] = [
            b"verdict=pwned",
            b"verdict=<b>valid</b>",
            b"\xff\xfe verdict=valid",
            b"\0\0\0\0",
            oversized.as_bytes(),
            // A second deflate stream is not inflated: it is read as text, and is none.
            &miniz_oxide::deflate::compress_to_vec(b"verdict=valid", 9),
        ];
        for trailer in trailers {
            let link = frame(json.as_bytes(), trailer);
            assert_eq!(decode_link(&link), Ok(Link { fixture: fixture(), sender_verdict: None }), "{trailer:?}");
        }
        // What follows the stream never makes a refused fixture readable, nor a bomb cheaper to refuse.
        let (result, inflated) = decode_link_counting(&frame(&json_with_body(64 << 20, |_| b'0'), b"verdict=valid"));
        assert_eq!(result, Err(LinkError::TooLarge));
        assert_eq!(inflated, MAX_FIXTURE_BYTES + 1);
    }

    #[test]
    fn says_what_is_wrong_with_a_bad_link() {
        let link = encode(&fixture());
        let (head, data) = link.rsplit_once('.').unwrap();
        assert_eq!(decode("result"), Err(LinkError::NotALink));
        assert_eq!(decode(""), Err(LinkError::NotALink));
        assert_eq!(decode(&link.replacen("v1.", "v7.", 1)), Err(LinkError::UnknownVersion("v7".into())));
        assert_eq!(
            decode(&link[..link.len() - 10]),
            Err(LinkError::Truncated { have: data.len() - 10, want: data.len() })
        );
        let flipped = format!("{head}.{}{}", if data.starts_with('A') { 'B' } else { 'A' }, &data[1..]);
        assert_eq!(decode(&flipped), Err(LinkError::Altered));
        assert_eq!(decode(&format!("{link}x")), Err(LinkError::Altered));
        assert_eq!(decode("v1.x.abc"), Err(LinkError::Malformed("its length is not a number")));
        assert_eq!(decode("v1.4.a+/="), Err(LinkError::Malformed("its data is not URL-safe base64")));
    }

    /// A fixture file whose body is `body_len` bytes of `fill`.
    fn json_with_body(body_len: usize, fill: impl Fn(usize) -> u8) -> Vec<u8> {
        let mut json = br#"{"webhookEchoFixture":1,"body":""#.to_vec();
        json.extend((0..body_len).map(fill));
        json.extend_from_slice(b"\"}");
        json
    }

    #[test]
    fn refuses_a_bomb() {
        // A body of 64 MiB of zeros deflates to a few kilobytes: a link that would expand past
        // the cap. Inflating stops one byte past it.
        let (result, inflated) = decode_counting(&encode_payload(&json_with_body(64 << 20, |_| b'0')));
        assert_eq!(result, Err(LinkError::TooLarge));
        assert_eq!(inflated, MAX_FIXTURE_BYTES + 1);
        // The same zeros without the fixture around them are not JSON: refused at the second
        // byte, after one step of inflating instead of 16 MiB.
        let (result, inflated) = decode_counting(&encode_payload(&vec![b'0'; 64 << 20]));
        assert!(matches!(result, Err(LinkError::Fixture(FixtureError::NotAFixture(_)))), "{result:?}");
        assert!(inflated <= STEP, "{inflated}");
    }

    #[test]
    fn a_fixture_at_the_cap_is_read_whole() {
        // Varied enough that deflate's back-references cross the window's wrap many times.
        let overhead = json_with_body(0, |_| b'0').len();
        let json = json_with_body(MAX_FIXTURE_BYTES - overhead, |i| {
            b"abcdefghij0123456789 {}[]:,"[(i * i / 7 + i / 1000) % 27]
        });
        assert_eq!(json.len(), MAX_FIXTURE_BYTES);
        let expected = Fixture::from_json(&json).expect("the file form reads");
        let (result, inflated) = decode_counting(&encode_payload(&json));
        assert_eq!(result, Ok(expected));
        assert_eq!(inflated, MAX_FIXTURE_BYTES);
    }

    #[test]
    fn a_cut_or_padded_deflate_stream_is_refused() {
        let json = fixture().to_json();
        let compressed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
        let frame = |compressed: &[u8]| {
            let mut data = compressed.to_vec();
            data.extend_from_slice(&Sha256::digest(compressed)[..CHECKSUM_LEN]);
            let data = base64::encode_url_safe(&data);
            format!("v1.{}.{data}", data.len())
        };
        assert_eq!(decode(&frame(&compressed)), Ok(fixture()));
        for cut in [1, 2, compressed.len() / 2] {
            assert_eq!(
                decode(&frame(&compressed[..compressed.len() - cut])),
                Err(LinkError::NotDecodable),
                "cut {cut}"
            );
        }
        // What follows the JSON inside the payload is read, and must be nothing but whitespace.
        let padded = format!("{json} \n");
        assert_eq!(decode(&encode_payload(padded.as_bytes())), Ok(fixture()));
        let trailing = format!("{json}{{}}");
        assert!(matches!(
            decode(&encode_payload(trailing.as_bytes())),
            Err(LinkError::Fixture(FixtureError::NotAFixture(_)))
        ));
    }
}
