//! Real share links kept as files (`tests/fixtures/links/`, see its README.md): links made by
//! earlier versions keep opening, and links with the sender's verdict open in pages made before it.

use webhook_echo::diagnose::diagnosis::Cause;
use webhook_echo::echo::example::{example_delivery, EXAMPLE_BODY};
use webhook_echo::protocol::base64;
use webhook_echo::protocol::events::Event;
use webhook_echo::share::fixture::{Fixture, FixtureError, SharedSecret};
use webhook_echo::share::fixture_link::{decode, decode_counting, decode_link, LinkError};
use webhook_echo::share::secret_box;
use webhook_echo::share::sender_verdict::SentVerdict;
use webhook_echo::verify::fingerprint::fingerprint;

/// The fragment kept in `name`. A file that cannot be read fails the test loudly.
#[expect(clippy::panic, reason = "a helper of the tests, where a panic is how they fail")]
fn link(name: &str) -> String {
    let path = format!("{}/tests/fixtures/links/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")).trim().to_string()
}

#[track_caller]
fn assert_legacy_delivery(fixture: &Fixture) {
    assert_eq!(fixture.body, EXAMPLE_BODY.as_bytes());
    assert_eq!(fixture.headers, example_delivery().headers);
    assert_eq!(fixture.event.map(Event::name), Some("otp.verified"));
    assert_eq!(fixture.note, "legacy link");
}

#[test]
fn a_legacy_sealed_link_decodes_and_opens_with_its_passphrase() {
    let fixture = decode(&link("legacy-sealed.txt")).expect("the legacy sealed link decodes");
    assert_legacy_delivery(&fixture);
    let SharedSecret::Sealed(sealed) = &fixture.secret else { panic!("not sealed: {:?}", fixture.secret) };
    assert_eq!(sealed.iterations, 600_000);
    assert_eq!(secret_box::open(sealed, "correct horse battery staple").as_deref(), Ok("whsec_legacy_sealed_5f2a"));
    assert_eq!(secret_box::open(sealed, "correct horse battery"), Err(secret_box::OpenError::WrongPassphrase));
}

#[test]
fn a_legacy_plain_link_still_decodes() {
    let fixture = decode(&link("legacy-plain.txt")).expect("the legacy plain link decodes");
    assert_legacy_delivery(&fixture);
    assert_eq!(fixture.secret, SharedSecret::Plain("whsec_legacy_plain_9c1e".into()));
    // What the page names its place for such a link by: the fingerprint, never the secret.
    let stripped = fixture.without_plain_secret();
    assert_eq!(stripped.secret, SharedSecret::Fingerprint(fingerprint("whsec_legacy_plain_9c1e")));
    assert_eq!(Fixture { secret: fixture.secret.clone(), ..stripped.clone() }, fixture);
    assert!(!stripped.to_json().contains("whsec_legacy_plain"));
}

#[test]
fn a_crafted_bomb_is_refused_at_its_unknown_field_after_a_few_kib() {
    let bomb = link("bomb-unknown-field.txt");
    // The file is what the README says: about 20 KB, inflating to about 15 MB of one unknown
    // field (inflated here in one go, as a decoder that inflates before reading would).
    assert!((15_000..25_000).contains(&bomb.len()), "{} characters", bomb.len());
    let data = base64::decode(bomb.rsplit('.').next().unwrap_or_default()).expect("URL-safe base64");
    let payload = miniz_oxide::inflate::decompress_to_vec(&data[..data.len() - 4]).expect("deflate");
    assert!((14_000_000..16_000_000).contains(&payload.len()), "{} bytes", payload.len());
    assert!(payload.starts_with(br#"{"webhookEchoFixture":1,"x":[0,0,0,"#));

    let (result, inflated) = decode_counting(&bomb);
    let named = "it has a field \"x\" that this version of webhook-echo does not know";
    assert_eq!(result, Err(LinkError::Fixture(FixtureError::Invalid(named.into()))));
    // One step of the inflater (4 KiB) and nothing more; the bound the issue sets is 1 MiB.
    assert!(inflated <= 4096, "inflated {inflated} bytes");
}

#[test]
fn a_link_with_the_senders_verdict_opens_here_and_without_it() {
    let fragment = link("sender-verdict.txt");
    let opened = decode_link(&fragment).expect("the link with a verdict decodes");
    assert_eq!(opened.fixture.body, EXAMPLE_BODY.as_bytes());
    assert_eq!(opened.fixture.note, "link with a verdict");
    assert_eq!(opened.fixture.secret, SharedSecret::Fingerprint("1df1-3565".into()));
    let verdict = opened.sender_verdict.expect("the sender's verdict is read");
    assert_eq!(
        (verdict.verdict, verdict.causes.as_slice()),
        (SentVerdict::SignatureMismatch, &[Cause::BodyReserialized][..])
    );
    assert_eq!(verdict.describe(), "the signature does not match: the body was parsed as JSON and written out again");
    assert_eq!(verdict.cause_codes(), "body-reserialized");
    // Read as the pages made before the verdict read links (their framing, checksum and inflater
    // are `decode`'s): the same fixture, the verdict unseen.
    assert_eq!(decode(&fragment), Ok(opened.fixture.clone()));
    // The fixture's JSON itself is what it always was: no field an older reader would refuse.
    let data = base64::decode(fragment.rsplit('.').next().unwrap_or_default()).expect("URL-safe base64");
    let payload = miniz_oxide::inflate::decompress_to_vec(&data[..data.len() - 4]).expect("deflate");
    assert_eq!(Fixture::from_json(&payload), Ok(opened.fixture));
}

#[test]
fn a_link_with_a_hostile_verdict_opens_without_it() {
    // `verdict=<img src=x onerror=alert(1)>;causes=body-bom` after the deflate stream.
    let opened = decode_link(&link("sender-verdict-hostile.txt")).expect("the link decodes");
    assert_eq!(opened.fixture.note, "hostile verdict");
    assert_eq!(opened.sender_verdict, None);
}
