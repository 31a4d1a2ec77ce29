//! The share link's fragment: `v1.<length>.<data>`, where data is URL-safe base64 of the
//! deflated fixture JSON followed by 4 bytes of its SHA-256. The fragment never reaches a
//! server. The length tells a cut link from an altered one; the checksum catches the rest.

use sha2::{Digest as _, Sha256};

use crate::base64;
use crate::fixture::{Fixture, FixtureError, MAX_FIXTURE_BYTES, VERSION};

const CHECKSUM_LEN: usize = 4;
/// Longer fragments are refused before any work: browsers cut URLs near 2 MB anyway.
pub const MAX_FRAGMENT_CHARS: usize = 4 * 1024 * 1024;

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

/// The fragment for a fixture, without the leading `#`.
pub fn encode(fixture: &Fixture) -> String {
    let compressed = miniz_oxide::deflate::compress_to_vec(fixture.to_json().as_bytes(), 9);
    let checksum = Sha256::digest(&compressed);
    let mut data = compressed;
    data.extend_from_slice(&checksum[..CHECKSUM_LEN]);
    let data = base64::encode_url_safe(&data);
    format!("v{VERSION}.{}.{data}", data.len())
}

pub fn decode(fragment: &str) -> Result<Fixture, LinkError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if !looks_like_link(fragment) {
        return Err(LinkError::NotALink);
    }
    if fragment.len() > MAX_FRAGMENT_CHARS {
        return Err(LinkError::TooLarge);
    }
    let mut parts = fragment.splitn(3, '.');
    let version = parts.next().unwrap_or_default();
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
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(compressed, MAX_FIXTURE_BYTES).map_err(|e| {
        if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
            LinkError::TooLarge
        } else {
            LinkError::NotDecodable
        }
    })?;
    Fixture::from_json(&json).map_err(LinkError::Fixture)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::SharedSecret;

    fn fixture() -> Fixture {
        Fixture {
            body: crate::example::EXAMPLE_BODY.as_bytes().to_vec(),
            headers: crate::example::example_delivery().headers,
            event: Some("otp.verified".into()),
            note: "look at the timestamp".into(),
            secret: SharedSecret::Fingerprint("a1b2-c3d4".into()),
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

    #[test]
    fn refuses_a_bomb() {
        // 64 MiB of zeros deflate to a few kilobytes: a link that would expand past the cap.
        let zeros = vec![b'0'; 64 << 20];
        let compressed = miniz_oxide::deflate::compress_to_vec(&zeros, 9);
        let mut data = compressed.clone();
        data.extend_from_slice(&Sha256::digest(&compressed)[..CHECKSUM_LEN]);
        let data = base64::encode_url_safe(&data);
        assert_eq!(decode(&format!("v1.{}.{data}", data.len())), Err(LinkError::TooLarge));
    }
}
