//! Writes the crafted share links kept in `tests/fixtures/links/` (see the README.md there):
//! `cargo run --example crafted_links`. Each is a real `v1.` fragment with a valid length and
//! checksum, so that only the layers under the checksum can refuse it.

use webhook_echo::share::fixture_link::encode_payload;

/// `{"webhookEchoFixture":1,"x":[0,0,…,0]}`, about 15 MB: under the 16 MiB cap, so that only
/// the unknown field `x` can refuse it, and a decoder that inflated before reading would hold
/// all 15 MB first.
fn bomb_unknown_field() -> Vec<u8> {
    const ZEROS: usize = 7_500_000;
    let mut json = br#"{"webhookEchoFixture":1,"x":[0"#.to_vec();
    for _ in 1..ZEROS {
        json.extend_from_slice(b",0");
    }
    json.extend_from_slice(b"]}");
    json
}

fn main() -> std::io::Result<()> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/links");
    let payload = bomb_unknown_field();
    let fragment = encode_payload(&payload);
    std::fs::write(format!("{dir}/bomb-unknown-field.txt"), format!("{fragment}\n"))?;
    println!("bomb-unknown-field.txt: {} characters, inflating to {} bytes", fragment.len(), payload.len());
    Ok(())
}
