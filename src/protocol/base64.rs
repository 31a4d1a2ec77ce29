//! Base64 (RFC 4648), standard and URL-safe alphabets, padding optional on decode.
//!
//! Small enough to own (the `base64` crate doing the same costs the page 5.6 KB gzipped; see
//! ARCHITECTURE.md): the diagnosis decodes signatures and secrets with it, share links encode
//! with it. Decoding is strict about everything but padding and the alphabet's two
//! variants, so that a hex digest is never mistaken for base64 of the wrong length.

const STANDARD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL_SAFE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/// Each byte's value in an alphabet, `NOT_IN` for a byte outside it: one look-up a symbol.
const NOT_IN: u8 = 0xff;
const STANDARD_VALUES: [u8; 256] = values(STANDARD);
const URL_SAFE_VALUES: [u8; 256] = values(URL_SAFE);

const fn values(alphabet: &[u8; 64]) -> [u8; 256] {
    let mut values = [NOT_IN; 256];
    let mut i = 0;
    while i < 64 {
        values[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    values
}

/// URL-safe base64 without padding.
pub fn encode_url_safe(bytes: &[u8]) -> String {
    encode(bytes, URL_SAFE, false)
}

/// Standard base64 with padding.
pub fn encode_standard(bytes: &[u8]) -> String {
    encode(bytes, STANDARD, true)
}

fn encode(bytes: &[u8], alphabet: &[u8; 64], pad: bool) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let symbols = chunk.len() + 1;
        for i in 0..4 {
            if i < symbols {
                out.push(char::from(alphabet[(n >> (18 - 6 * i)) as usize & 63]));
            } else if pad {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes either alphabet (not mixed), with or without padding. `None` for anything else.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let trimmed = text.trim_end_matches('=');
    let padding = text.len() - trimmed.len();
    if padding > 2 || (padding > 0 && !text.len().is_multiple_of(4)) || trimmed.len() % 4 == 1 {
        return None;
    }
    let url_safe = trimmed.contains(['-', '_']);
    if url_safe && trimmed.contains(['+', '/']) {
        return None;
    }
    let values = if url_safe { &URL_SAFE_VALUES } else { &STANDARD_VALUES };
    let mut out = Vec::with_capacity(trimmed.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0;
    for byte in trimmed.bytes() {
        let value = values[usize::from(byte)];
        if value == NOT_IN {
            return None;
        }
        let value = u32::from(value);
        buffer = (buffer << 6) | value;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    // Leftover bits must be zero, or the text is not the canonical encoding of any bytes.
    if buffer & ((1 << bits) - 1) != 0 {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4648 section 10.
    #[test]
    fn rfc_4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(encode_standard(plain.as_bytes()), encoded);
            assert_eq!(decode(encoded).as_deref(), Some(plain.as_bytes()));
            assert_eq!(decode(encoded.trim_end_matches('=')).as_deref(), Some(plain.as_bytes()));
        }
    }

    /// Each byte decodes as its place in the alphabet it belongs to, or is refused.
    #[test]
    fn every_byte_is_a_symbol_of_one_alphabet_or_refused() {
        for byte in 0..=255u8 {
            let text = [byte, b'A'];
            let decoded = std::str::from_utf8(&text).ok().and_then(decode);
            let place = STANDARD.iter().chain(URL_SAFE).position(|&symbol| symbol == byte);
            assert_eq!(decoded, place.map(|i| vec![((i % 64) as u8) << 2]), "{byte:#04x}");
        }
    }

    #[test]
    fn url_safe_round_trips_and_junk_is_refused() {
        let bytes: Vec<u8> = (0..=255).collect();
        let encoded = encode_url_safe(&bytes);
        assert!(!encoded.contains(['+', '/', '=']));
        assert_eq!(decode(&encoded), Some(bytes));
        for junk in ["Zg=", "Z", "Zm9v!", "Zh==", "a-b+", "Zg==="] {
            assert_eq!(decode(junk), None, "{junk}");
        }
    }
}
