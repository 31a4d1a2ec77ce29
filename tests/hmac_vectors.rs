//! Published HMAC-SHA256 vectors: RFC 4231 test cases 1 to 7 and GitHub's webhook example.
// A fixture that cannot be read should fail the test, loudly.
#![allow(clippy::panic)]

use serde_json::Value;
use webhook_echo::verify::signature;

#[track_caller]
fn hex_field(vector: &Value, field: &str) -> Vec<u8> {
    let text = vector[field].as_str().unwrap_or_else(|| panic!("{field} missing in {vector}"));
    hex::decode(text).unwrap_or_else(|e| panic!("{field} of {vector} is not hex: {e}"))
}

#[test]
fn published_vectors() {
    let text = std::fs::read_to_string("tests/vectors/hmac_sha256.json").unwrap_or_else(|e| panic!("vectors: {e}"));
    let file: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("vectors: {e}"));
    let vectors = file["vectors"].as_array().map(Vec::as_slice).unwrap_or_default();
    assert_eq!(vectors.len(), 8, "RFC 4231 cases 1 to 7 and GitHub's");
    for vector in vectors {
        let name = vector["name"].as_str().unwrap_or("?");
        let (key, data, mac) =
            (hex_field(vector, "key_hex"), hex_field(vector, "data_hex"), hex_field(vector, "mac_hex"));
        let computed = signature::hmac_sha256(&key, &data);
        assert_eq!(hex::encode(&computed[..mac.len()]), hex::encode(&mac), "{name}");
        if mac.len() == signature::DIGEST_LEN {
            assert!(signature::verify(&key, &data, &mac), "{name}: verify accepts the published MAC");
            let mut flipped = mac.clone();
            flipped[31] ^= 1;
            assert!(!signature::verify(&key, &data, &flipped), "{name}: verify rejects a flipped bit");
            assert_eq!(signature::sign(&key, &data), format!("sha256={}", hex::encode(&mac)), "{name}");
        }
    }
}

#[test]
fn github_vector_as_a_header() {
    assert_eq!(
        signature::sign(b"It's a Secret to Everybody", b"Hello, World!"),
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
    );
}
