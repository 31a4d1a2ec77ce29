//! Prints the share link's length for the documentation's otp.verified delivery with its headers,
//! the secret left out (its fingerprint carried): the figure `make bench` reports.

use webhook_echo::echo::example::example_delivery;
use webhook_echo::protocol::events::Event;
use webhook_echo::share::fixture::{Fixture, SecretChoice, Work};
use webhook_echo::share::fixture_link;

fn main() {
    let delivery = example_delivery();
    let work =
        Work { body: delivery.body.as_bytes(), headers: &delivery.headers, event: Some(Event::OtpVerified), note: "" };
    let fixture = Fixture::of(work, &delivery.secret, SecretChoice::LeaveOut);
    let fragment = fixture_link::encode(&fixture);
    println!("{} {}", fragment.len() + 1, fragment);
}
