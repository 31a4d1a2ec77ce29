//! The share-link decoder driven with random and mutated input, bounded so that it runs in
//! `make test` in about a second. Properties: it never panics; whatever it accepts round-trips;
//! a valid link with any single character changed or cut is refused; a well-framed link (right
//! length and checksum) over broken or hostile deflate data passes the framing, reaches the
//! inflater and is read or refused with a `LinkError`, never inflating past the cap; a field it
//! does not know is refused by name, having inflated little more than what precedes it.
//! (`make fuzz` runs it with FUZZ_ITERATIONS for much longer.)

mod common;

use common::{iterations, Rng};
use sha2::{Digest as _, Sha256};
use webhook_echo::protocol::base64;
use webhook_echo::protocol::events::Event;
use webhook_echo::protocol::limits::MAX_FIXTURE_BYTES;
use webhook_echo::share::fixture::{CaseFields, Expect, Fixture, FixtureError, SharedSecret, Tamper};
use webhook_echo::share::fixture_link::{decode, decode_counting, encode, LinkError};

fn sample_fixture(rng: &mut Rng) -> Fixture {
    let body_len = rng.below(600);
    let body = if rng.below(2) == 0 {
        rng.bytes(body_len)
    } else {
        (0..body_len).map(|_| b"{}\":, \r\nabcxyz0123\\"[rng.below(19)]).collect()
    };
    Fixture {
        body,
        headers: format!("x-cobinar-event-id: {}\r\n", rng.next()),
        event: [None, Some(Event::OtpFailed)][rng.below(2)],
        note: "é✓ note".repeat(rng.below(4)),
        case: CaseFields {
            expect: [None, Some(Expect::Accept), Some(Expect::Reject)][rng.below(3)],
            tamper: [None, Some(Tamper::ALL[rng.below(Tamper::ALL.len())])][rng.below(2)],
        },
        secret: [
            SharedSecret::None,
            SharedSecret::Fingerprint("a1b2-c3d4".into()),
            SharedSecret::Plain("whsec_x".into()),
        ][rng.below(3)]
        .clone(),
    }
}

/// A link around arbitrary bytes, with a correct length and checksum, so the layers under the
/// checksum (inflate, JSON, fixture rules) meet hostile input too.
fn wrap(payload: &[u8], deflate: bool) -> String {
    let compressed = if deflate { miniz_oxide::deflate::compress_to_vec(payload, 6) } else { payload.to_vec() };
    frame(&compressed)
}

/// A link whose framing holds (version, length, base64, checksum) around `compressed`, taken as
/// the deflate data whatever it is.
fn frame(compressed: &[u8]) -> String {
    let mut data = compressed.to_vec();
    data.extend_from_slice(&Sha256::digest(compressed)[..4]);
    let data = base64::encode_url_safe(&data);
    format!("v1.{}.{data}", data.len())
}

#[track_caller]
fn accepted_round_trips(input: &str) {
    if let Ok(fixture) = decode(input) {
        assert_eq!(decode(&encode(&fixture)), Ok(fixture), "input {input:?}");
    }
}

#[test]
fn random_text_never_panics() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let alphabet: Vec<char> = "v1.0123456789ABCabc-_+/=#%é\u{0}".chars().collect();
    for _ in 0..iterations(4000) {
        let len = rng.below(300);
        let text: String = (0..len).map(|_| alphabet[rng.below(alphabet.len())]).collect();
        accepted_round_trips(&text);
        accepted_round_trips(&format!("v1.{len}.{text}"));
    }
}

#[test]
fn every_single_change_to_a_valid_link_is_refused() {
    let mut rng = Rng(42);
    for _ in 0..60 {
        let link = encode(&sample_fixture(&mut rng));
        assert!(decode(&link).is_ok());
        let prefix = link.rfind('.').map_or(0, |i| i + 1);
        for position in prefix..link.len() {
            let mut changed: Vec<u8> = link.clone().into_bytes();
            changed[position] = if changed[position] == b'A' { b'B' } else { b'A' };
            let changed = String::from_utf8(changed).expect("ASCII");
            if changed != link {
                assert!(decode(&changed).is_err(), "a change at {position} of {link} was accepted");
            }
        }
        for cut in [1, 2, 7] {
            assert!(matches!(decode(&link[..link.len() - cut]), Err(LinkError::Truncated { .. })));
        }
    }
}

/// Changes a few bytes of deflate data: flips bits (a block type, a Huffman code, a distance),
/// deletes, inserts, cuts.
fn mutate_deflate(rng: &mut Rng, compressed: &[u8]) -> Vec<u8> {
    let mut bytes = compressed.to_vec();
    for _ in 0..=rng.below(3) {
        if bytes.is_empty() {
            bytes.push(rng.next() as u8);
        }
        let at = rng.below(bytes.len());
        match rng.below(5) {
            0 | 1 => bytes[at] ^= 1 << rng.below(8),
            2 => bytes[at] = rng.next() as u8,
            3 => {
                bytes.remove(at);
            }
            _ => bytes.truncate(at),
        }
    }
    if bytes.len() <= 4 {
        // Shorter than a checksum is refused by the framing; keep it deflate data.
        bytes.extend_from_slice(&compressed[..compressed.len().min(8)]);
    }
    bytes
}

#[test]
fn well_framed_links_reach_the_inflater_and_stay_bounded() {
    let mut rng = Rng(0xdef1a7e);
    // A valid fixture's deflate data, and one that inflates to 400 KB (a long repeated note):
    // mutated, a back-reference can be made to repeat far. (The 16 MiB cap itself is met by
    // tests/link_fixtures.rs's crafted bomb.)
    let small = miniz_oxide::deflate::compress_to_vec(sample_fixture(&mut rng).to_json().as_bytes(), 6);
    let mut large = sample_fixture(&mut rng);
    large.note = "ab".repeat(200_000);
    let large = miniz_oxide::deflate::compress_to_vec(large.to_json().as_bytes(), 9);
    let (mut read, mut refused_after_inflating) = (0, 0);
    for round in 0..iterations(3000) {
        let compressed = match round % 8 {
            0 | 1 => {
                let len = 5 + rng.below(200);
                rng.bytes(len)
            }
            7 => mutate_deflate(&mut rng, &large),
            _ => mutate_deflate(&mut rng, &small),
        };
        let link = frame(&compressed);
        let (result, inflated) = decode_counting(&link);
        assert!(inflated <= MAX_FIXTURE_BYTES + 1, "inflated {inflated} bytes");
        match result {
            Ok(fixture) => {
                read += 1;
                assert_eq!(decode(&encode(&fixture)), Ok(fixture));
            }
            // Past the framing, only the inflater, the size cap and the fixture reader refuse.
            Err(LinkError::NotDecodable | LinkError::TooLarge | LinkError::Fixture(_)) => {
                refused_after_inflating += usize::from(inflated > 0);
            }
            Err(error) => panic!("a well-framed link refused by its framing: {error:?}"),
        }
    }
    // Most mutated streams inflate something before they are refused.
    assert!(refused_after_inflating + read > iterations(3000) / 2, "{read} read, {refused_after_inflating} inflated");
}

#[test]
fn hostile_payloads_under_a_valid_checksum_are_refused_cleanly() {
    let mut rng = Rng(7);
    let valid_json = sample_fixture(&mut rng).to_json().into_bytes();
    for round in 0..iterations(3000) {
        let payload = match round % 4 {
            0 => {
                let len = rng.below(400);
                rng.bytes(len)
            }
            1 => {
                let mut json = valid_json.clone();
                for _ in 0..=rng.below(4) {
                    let at = rng.below(json.len());
                    json[at] = rng.next() as u8;
                }
                json
            }
            2 => {
                let mut json = valid_json.clone();
                json.truncate(rng.below(json.len()));
                json
            }
            _ => {
                let (version, depth) = (rng.below(4), rng.below(400));
                format!("{{\"webhookEchoFixture\":{version},\"body\":{}}}", "[".repeat(depth)).into_bytes()
            }
        };
        accepted_round_trips(&wrap(&payload, true));
        // Not deflate at all, under a correct checksum: refused or accepted, never a panic.
        accepted_round_trips(&wrap(&payload, false));
    }
}

#[test]
fn an_unknown_field_stops_inflating_where_it_stands() {
    let mut rng = Rng(0x5eed);
    for _ in 0..iterations(40) {
        let valid = sample_fixture(&mut rng).to_json();
        // Anywhere after the version: at the end of a known field's value, or right after it.
        // A `,"` that starts a key: a string value may end in a comma too.
        let keys =
            ["body", "bodyBase64", "headers", "event", "note", "secretFingerprint", "secret", "expect", "tamper"];
        let cuts: Vec<usize> = valid
            .match_indices(",\"")
            .map(|(at, _)| at)
            .filter(|&at| keys.iter().any(|k| valid[at + 2..].starts_with(&format!("{k}\":"))))
            .collect();
        let at = if cuts.is_empty() { valid.len() - 1 } else { cuts[rng.below(cuts.len())] };
        let name: String = (0..1 + rng.below(12)).map(|_| (b'a' + rng.below(26) as u8) as char).collect();
        let key = format!(",\"{name}_\":");
        let value = format!("[{}0]", "0,".repeat(rng.below(400_000)));
        let payload = format!("{}{key}{value}{}", &valid[..at], &valid[at..]);
        let (result, inflated) = decode_counting(&wrap(payload.as_bytes(), true));
        let expected = format!("it has a field \"{name}_\" that this version of webhook-echo does not know");
        assert_eq!(result, Err(LinkError::Fixture(FixtureError::Invalid(expected))), "{payload:.200}");
        // Read up to the key, and at most two 4 KiB steps past it (the inflater's and the
        // reader's buffer), whatever the value's size.
        assert!(
            inflated <= at + key.len() + 2 * 4096,
            "inflated {inflated} of {} bytes for a key at {at}",
            payload.len()
        );
    }
}
