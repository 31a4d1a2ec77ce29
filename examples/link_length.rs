//! Prints the share link's length for the documentation's otp.verified delivery with its headers,
//! the secret left out (its fingerprint carried): the figure `make bench` reports.

use webhook_echo::echo::example::example_delivery;
use webhook_echo::share::fixture::{Fixture, SecretChoice};
use webhook_echo::share::fixture_link;

fn main() {
    let delivery = example_delivery();
    let fixture = Fixture::new(
        delivery.body.as_bytes(),
        &delivery.headers,
        Some("otp.verified"),
        "",
        &delivery.secret,
        SecretChoice::LeaveOut,
    );
    let fragment = fixture_link::encode(&fixture);
    println!("{} {}", fragment.len() + 1, fragment);
}
