//! The library's tests: opening, reading, rows and the summary.

use super::entry::{judge, shown_error, ERROR_SHOWN_CHARS};
use super::*;
use crate::protocol::events::Event;
use crate::share::fixture::{CaseFields, SharedSecret};
use crate::share::fixture::{Expect, SecretChoice, Tamper, Work};
use crate::share::secret_box::{NONCE_LEN, SALT_LEN};
use crate::verify::received_headers;
use crate::verify::signature::sign;
use crate::verify::verification::{verify, ReceivedDelivery};

const SECRET: &str = "whsec_library_test";
const BODY: &str = r#"{"id":"e3a9c1f0-5b7d","event":"otp.verified","createdAt":"2026-07-03T14:22:10.000Z"}"#;

/// A fixture of `body`, signed under `signed_with` (no signature header for `None`), made
/// with `made_with` as its secret (its fingerprint travels).
fn fixture(body: &str, signed_with: Option<&str>, made_with: &str) -> Fixture {
    let mut headers = String::new();
    if let Some(secret) = signed_with {
        headers.push_str(&format!("x-cobinar-signature: {}\n", sign(secret.as_bytes(), body.as_bytes())));
    }
    headers.push_str("x-cobinar-timestamp: 2026-07-03T14:22:10.000Z\n");
    let work = Work { body: body.as_bytes(), headers: &headers, event: None, note: "" };
    Fixture::of(work, made_with, SecretChoice::LeaveOut)
}

fn genuine() -> Fixture {
    fixture(BODY, Some(SECRET), SECRET)
}

fn offered(name: &str, size: usize) -> Offered {
    Offered { name: name.into(), size: size as u64 }
}

/// Offers `files` (name and bytes) together and reads every one asked for, in the order given.
fn open(library: &mut Library, files: &[(&str, Vec<u8>)]) {
    let offers: Vec<Offered> = files.iter().map(|(name, bytes)| offered(name, bytes.len())).collect();
    for (index, ticket) in library.offer(&offers) {
        library.read(ticket, Ok(&files[index].1));
    }
}

fn file<'a>(name: &'a str, fixture: &Fixture) -> (&'a str, Vec<u8>) {
    (name, fixture.to_pretty_json().into_bytes())
}

fn names(library: &Library) -> Vec<&str> {
    library.entries().iter().map(|entry| entry.name.as_str()).collect()
}

fn row<'a>(rows: &'a Rows, name: &str) -> &'a Row {
    rows.rows.iter().find(|row| row.name == name).unwrap_or_else(|| panic!("no row {name}"))
}

#[test]
fn files_are_listed_by_name_and_read_in_that_order_whatever_order_they_come_in() {
    let mut library = Library::default();
    let fixture = genuine().to_json().into_bytes();
    let offers = [offered("b/z.json", 10), offered("a.json", 10), offered("b/a.json", 10), offered("B.json", 10)];
    let tickets = library.offer(&offers);
    let order: Vec<usize> = tickets.iter().map(|(index, _)| *index).collect();
    assert_eq!(order, [3, 1, 2, 0]);
    assert_eq!(library.progress(), Some(Progress { read: 0, of: 4 }));
    // Read in another order than asked: the list is still by name.
    for (_, ticket) in tickets.iter().rev() {
        library.read(*ticket, Ok(&fixture[..10]));
    }
    assert_eq!(names(&library), ["B.json", "a.json", "b/a.json", "b/z.json"]);
    assert_eq!(library.progress(), None);
    // A second opening adds to the list, in its place.
    open(&mut library, &[("a0.json", fixture.clone())]);
    assert_eq!(names(&library), ["B.json", "a.json", "a0.json", "b/a.json", "b/z.json"]);
}

#[test]
fn progress_counts_the_files_of_the_run_being_read() {
    let mut library = Library::default();
    let tickets = library.offer(&[offered("a.json", 2), offered("b.json", 2), offered("c.json", 2)]);
    library.read(tickets[0].1, Ok(b"{}"));
    assert_eq!(library.progress(), Some(Progress { read: 1, of: 3 }));
    assert_eq!(Progress { read: 1, of: 3 }.sentence(), "Reading 1 of 3 files…");
    let more = library.offer(&[offered("d.json", 2)]);
    assert_eq!(library.progress(), Some(Progress { read: 1, of: 4 }));
    for (_, ticket) in tickets[1..].iter().chain(&more) {
        library.read(*ticket, Ok(b"{}"));
    }
    assert_eq!(library.progress(), None);
    // The next run counts from nothing.
    library.offer(&[offered("e.json", 2)]);
    assert_eq!(library.progress(), Some(Progress { read: 0, of: 1 }));
}

#[test]
fn files_not_named_json_are_skipped_and_counted() {
    for name in ["a.json", "A.JSON", "fixtures/x.Json", ".json"] {
        assert!(is_json_name(name), "{name}");
    }
    for name in ["a.json.txt", "json", "a.jso", "ajson", ".DS_Store", "", "a.json/"] {
        assert!(!is_json_name(name), "{name}");
    }
    let mut library = Library::default();
    let tickets = library.offer(&[offered("notes.txt", 5), offered("a.json", 5), offered("README.md", 5)]);
    assert_eq!(tickets.len(), 1);
    assert_eq!(library.passed().not_json, 2);
    assert_eq!(library.entries().len(), 0);
}

#[test]
fn a_file_over_the_fixture_limit_is_refused_by_its_size_unread() {
    let mut library = Library::default();
    let largest = MAX_FIXTURE_BYTES;
    let tickets = library.offer(&[offered("big.json", largest + 1), offered("ok.json", largest)]);
    assert_eq!(tickets.len(), 1, "only the one at the limit is read");
    assert_eq!(tickets[0].0, 1);
    let entry = &library.entries()[0];
    assert_eq!(entry.name, "big.json");
    assert_eq!(
        entry.outcome(),
        Err("This fixture is larger than 16 MiB, more than a fixture should hold. It was not read.")
    );
    assert_eq!(entry.read_bytes, 0);
    assert_eq!(library.rows("", None).rows[0].verdict, RowVerdict::Unreadable);
}

#[test]
fn the_list_reads_no_more_than_its_bytes() {
    let mut library = Library::default();
    // Four files at the fixture limit fill the list exactly; a fifth byte is refused.
    let fill: Vec<Offered> = (0..4).map(|i| offered(&format!("{i}.json"), MAX_FIXTURE_BYTES)).collect();
    assert_eq!(library.offer(&fill).len(), 4);
    assert_eq!(library.bytes_held(), MAX_LIBRARY_BYTES);
    assert_eq!(library.offer(&[offered("5.json", 1), offered("6.json", 0)]).len(), 1, "an empty file still fits");
    let refused = library.entry(library.entries()[0].id).map(Entry::outcome);
    assert_eq!(
        refused,
        Some(Err(
            "It was not read: with it the list would hold more than 64 MiB of files. Clear the list, or open fewer files."
        ))
    );
    // Refused files hold nothing: the bytes held are still the four.
    assert_eq!(library.bytes_held(), MAX_LIBRARY_BYTES);
    // Once read, a file's bytes still count; cleared, none do.
    let mut library = Library::default();
    open(&mut library, &[("a.json", vec![b'x'; 100])]);
    assert_eq!(library.bytes_held(), 100);
    library.clear();
    assert_eq!(library.bytes_held(), 0);
    assert_eq!(library.offer(&fill).len(), 4);
}

#[test]
fn past_the_file_limit_files_are_counted_not_listed() {
    let mut library = Library::default();
    let offers: Vec<Offered> = (0..MAX_LIBRARY_FILES + 5).map(|i| offered(&format!("{i:05}.json"), 2)).collect();
    let tickets = library.offer(&offers);
    assert_eq!(tickets.len(), MAX_LIBRARY_FILES);
    assert_eq!(library.passed().over_count, 5);
    // The first by name are the ones read.
    assert_eq!(tickets.last().map(|(index, _)| *index), Some(MAX_LIBRARY_FILES - 1));
    for (_, ticket) in tickets {
        library.read(ticket, Ok(b"{}"));
    }
    assert_eq!(library.entries().len(), MAX_LIBRARY_FILES);
    // A full list still takes a file that replaces one of its own name.
    let again = library.offer(&[offered("00003.json", 2), offered("new.json", 2)]);
    assert_eq!(again.len(), 1);
    assert_eq!(library.passed().over_count, 6);
    // Refused files count towards the limit too: they are rows.
    let mut library = Library::default();
    let huge: Vec<Offered> =
        (0..MAX_LIBRARY_FILES).map(|i| offered(&format!("{i:05}.json"), MAX_FIXTURE_BYTES + 1)).collect();
    assert!(library.offer(&huge).is_empty());
    assert_eq!(library.entries().len(), MAX_LIBRARY_FILES);
    assert!(library.offer(&[offered("x.json", 2)]).is_empty());
    assert_eq!(library.passed().over_count, 1);
}

#[test]
fn every_file_that_cannot_be_used_is_listed_with_why_and_the_rest_open() {
    let mut library = Library::default();
    let files = [
        file("good.json", &genuine()),
        ("broken.json", b"{\"webhookEchoFixture\":1,".to_vec()),
        ("other.json", br#"{"name":"package"}"#.to_vec()),
        ("newer.json", br#"{"webhookEchoFixture":9}"#.to_vec()),
        ("array.json", b"[1,2]".to_vec()),
    ];
    open(&mut library, &files);
    // And one the browser could not read.
    let tickets = library.offer(&[offered("gone.json", 10)]);
    library.read(tickets[0].1, Err("The browser could not read it.".into()));
    let rows = library.rows(SECRET, None);
    assert_eq!(row(&rows, "good.json").verdict, RowVerdict::Valid);
    assert_eq!(row(&rows, "good.json").error, None);
    for name in ["broken.json", "other.json", "newer.json", "array.json", "gone.json"] {
        let row = row(&rows, name);
        assert_eq!(row.verdict, RowVerdict::Unreadable, "{name}");
        assert_eq!(row.verdict.as_str(), "none");
        assert_eq!(row.event, None);
        assert!(row.error.as_deref().is_some_and(|e| !e.is_empty()), "{name}");
    }
    assert_eq!(
        row(&rows, "newer.json").error.as_deref(),
        Some("This fixture is format version 9; this page reads version 1. It was made by a newer webhook-echo: reload, or open it there.")
    );
    assert!(row(&rows, "broken.json")
        .error
        .as_deref()
        .is_some_and(|e| e.starts_with("This is not a webhook-echo fixture")));
    assert_eq!(row(&rows, "gone.json").error.as_deref(), Some("The browser could not read it."));
    assert_eq!(rows.counts, Counts { files: 6, valid: 1, unreadable: 5, ..Counts::default() });
    assert_eq!(library.fixtures(), vec![("good.json".to_string(), genuine())]);
}

#[test]
fn a_file_that_grew_since_it_was_offered_is_refused() {
    let mut library = Library::default();
    let json = genuine().to_json().into_bytes();
    let tickets = library.offer(&[offered("a.json", json.len() - 1), offered("b.json", json.len())]);
    library.read(tickets[0].1, Ok(&json));
    library.read(tickets[1].1, Ok(&json));
    assert_eq!(
        library.entries()[0].outcome(),
        Err("It changed while it was read: it is larger than when it was opened. Open it again.")
    );
    assert_eq!(library.entries()[1].fixture(), Some(&genuine()));
}

#[test]
fn a_file_of_a_listed_name_replaces_it_and_one_no_longer_wanted_is_dropped() {
    let mut library = Library::default();
    let first = genuine();
    let second = fixture(BODY, Some("another"), "another");
    open(&mut library, &[file("a.json", &first), file("b.json", &first)]);
    let ids: Vec<u64> = library.entries().iter().map(|e| e.id).collect();
    open(&mut library, &[file("a.json", &second)]);
    assert_eq!(names(&library), ["a.json", "b.json"]);
    assert_eq!(library.entries()[0].fixture(), Some(&second));
    assert_ne!(library.entries()[0].id, ids[0], "a new entry: a new row");
    assert_eq!(library.entries()[1].id, ids[1]);

    // Replaced while being read: the first read is dropped, the second lands.
    let json = first.to_json().into_bytes();
    let old = library.offer(&[offered("c.json", json.len())]);
    let new = library.offer(&[offered("c.json", json.len())]);
    assert!(!library.wants(old[0].1));
    assert!(library.wants(new[0].1));
    library.read(old[0].1, Ok(&json));
    assert_eq!(names(&library), ["a.json", "b.json"]);
    library.read(new[0].1, Ok(&json));
    assert_eq!(names(&library), ["a.json", "b.json", "c.json"]);
    // Read twice: the second is no longer wanted.
    library.read(new[0].1, Ok(b"{}"));
    assert_eq!(library.entries().len(), 3);

    // Cleared while being read: nothing lands, and a ticket from before never matches again.
    let before = library.offer(&[offered("d.json", json.len())]);
    library.clear();
    assert_eq!(library, Library { next_id: library.next_id, ..Library::default() });
    assert!(!library.wants(before[0].1));
    library.read(before[0].1, Ok(&json));
    assert!(library.entries().is_empty());
    let after = library.offer(&[offered("d.json", json.len())]);
    assert_ne!(after[0].1, before[0].1);
}

/// Tickets are never made again after a clear: a file still being read when the list was
/// cleared cannot land in the place of one opened after.
#[test]
fn a_read_from_before_a_clear_lands_nowhere() {
    let mut library = Library::default();
    let old = library.offer(&[offered("a.json", 2)]);
    library.clear();
    let new = library.offer(&[offered("b.json", 2)]);
    assert!(!library.wants(old[0].1));
    library.read(old[0].1, Ok(b"{}"));
    assert!(library.entries().is_empty());
    library.read(new[0].1, Ok(b"{}"));
    assert_eq!(names(&library), ["b.json"]);
}

#[test]
fn the_same_name_twice_in_one_opening_is_read_once() {
    let mut library = Library::default();
    let tickets = library.offer(&[offered("x/a.json", 3), offered("x/a.json", 4), offered("x/b.json", 5)]);
    assert_eq!(tickets.iter().map(|(index, _)| *index).collect::<Vec<_>>(), [0, 2]);
    assert_eq!(library.passed().same_name, 1);
}

#[test]
fn rows_say_the_verdict_under_the_typed_secret() {
    let mut library = Library::default();
    let mut case = genuine();
    case.case = CaseFields { expect: None, tamper: Some(Tamper::TrailingNewline) };
    let mut accepts = genuine();
    accepts.case = CaseFields { expect: Some(Expect::Accept), tamper: None };
    open(
        &mut library,
        &[
            file("valid.json", &genuine()),
            file("other-secret.json", &fixture(BODY, Some("whsec_other"), "whsec_other")),
            file("unsigned.json", &fixture(BODY, None, SECRET)),
            file("empty.json", &fixture("", None, SECRET)),
            file("empty-signed.json", &fixture("", Some(SECRET), SECRET)),
            file("case.json", &case),
            file("accepts.json", &accepts),
        ],
    );
    let rows = library.rows(SECRET, None);
    assert_eq!(row(&rows, "valid.json").verdict, RowVerdict::Valid);
    assert_eq!(row(&rows, "other-secret.json").verdict, RowVerdict::Invalid);
    assert_eq!(
        row(&rows, "unsigned.json").verdict,
        RowVerdict::Incomplete { missing: "no x-cobinar-signature header".into() }
    );
    assert_eq!(
        row(&rows, "empty.json").verdict,
        RowVerdict::Incomplete { missing: "no body and no x-cobinar-signature header".into() }
    );
    assert_eq!(row(&rows, "empty-signed.json").verdict, RowVerdict::Incomplete { missing: "no body".into() });
    assert_eq!(row(&rows, "case.json").case.as_deref(), Some("expects reject, tampered: trailing-newline"));
    assert_eq!(row(&rows, "accepts.json").case.as_deref(), Some("expects accept"));
    assert_eq!(row(&rows, "valid.json").case, None);
    assert_eq!(rows.counts, Counts { files: 7, valid: 3, invalid: 1, incomplete: 3, unchecked: 0, unreadable: 0 });
    let words: Vec<(String, &str)> = rows.rows.iter().map(|r| (r.verdict.words(), r.verdict.as_str())).collect();
    assert!(words.contains(&("✓ valid".into(), "valid")));
    assert!(words.contains(&("✕ invalid".into(), "invalid")));
    assert!(words.contains(&("incomplete: no body and no x-cobinar-signature header".into(), "incomplete")));
    assert_eq!(RowVerdict::Incomplete { missing: String::new() }.words(), "incomplete");
    assert_eq!(RowVerdict::Unreadable.words(), "could not be read");

    // No secret typed: nothing is checked, the rows say to type it.
    let rows = library.rows("", None);
    assert!(rows.rows.iter().all(|row| row.verdict == RowVerdict::NoSecret && row.verdict.as_str() == "none"));
    assert_eq!(RowVerdict::NoSecret.words(), "type the secret");
    assert_eq!(rows.counts, Counts { files: 7, unchecked: 7, ..Counts::default() });
}

/// The row's verdict is `verification::verify`'s, its body fields read once.
#[test]
fn a_rows_verdict_is_the_verifiers() {
    let bodies = [BODY, "", "not json", "{}", "[1]", "{\"event\":\"otp.created\"}"];
    let secrets = [SECRET, "whsec_other", " "];
    for body in bodies {
        for signed in [Some(SECRET), Some("whsec_other"), None] {
            let fixture = fixture(body, signed, SECRET);
            let facts = ReadFacts::of(&fixture);
            for secret in secrets {
                let headers = received_headers::parse(&fixture.headers);
                let expected = verify(ReceivedDelivery {
                    secret,
                    body: &fixture.body,
                    headers: &headers,
                    now_unix_millis: Some(1_800_000_000_000),
                })
                .verdict;
                assert_eq!(judge(&fixture, &facts, secret).as_str(), expected.as_str(), "{body} {signed:?} {secret}");
            }
        }
    }
    // A malformed signature is invalid, as the verifier says.
    let mut malformed = genuine();
    malformed.headers = "x-cobinar-signature: sha256=zz\n".into();
    assert_eq!(judge(&malformed, &ReadFacts::of(&malformed), SECRET), RowVerdict::Invalid);
}

#[test]
fn the_event_is_the_fixtures_else_the_bodys_else_the_headers() {
    let with = |event: Option<Event>, body: &str, headers: &str| {
        let mut fixture = fixture(body, Some(SECRET), SECRET);
        fixture.event = event;
        fixture.headers.push_str(headers);
        ReadFacts::of(&fixture).event
    };
    let created = "x-cobinar-event: otp.created\n";
    assert_eq!(with(Some(Event::OtpExpired), BODY, created), Some(Event::OtpExpired));
    assert_eq!(with(None, BODY, created), Some(Event::OtpVerified));
    assert_eq!(with(None, "{}", created), Some(Event::OtpCreated));
    assert_eq!(with(None, "{\"event\":\"otp.verified\u{200B}\"}", created), Some(Event::OtpCreated));
    assert_eq!(with(None, r#"{"event":1}"#, "x-cobinar-event: nope\n"), None);
    assert_eq!(with(None, "[]", ""), None);
    let mut library = Library::default();
    open(&mut library, &[file("a.json", &genuine())]);
    assert_eq!(library.rows("", None).rows[0].event, Some("otp.verified"));
}

#[test]
fn a_fixture_made_with_another_secret_says_so() {
    let mut library = Library::default();
    let mut plain = genuine();
    plain.secret = SharedSecret::Plain("whsec_plain".into());
    let key = [7; crate::share::secret_box::KEY_LEN];
    let sealed = Fixture::of(
        genuine().as_work(),
        SECRET,
        SecretChoice::Seal { key: &key, salt: [1; SALT_LEN], nonce: [2; NONCE_LEN] },
    );
    open(
        &mut library,
        &[
            file("same.json", &genuine()),
            file("other.json", &fixture(BODY, Some(SECRET), "whsec_other")),
            file("none.json", &fixture(BODY, Some(SECRET), "")),
            file("plain.json", &plain),
            file("sealed.json", &sealed),
        ],
    );
    let rows = library.rows(SECRET, None);
    assert_eq!(row(&rows, "same.json").secret, SecretCheck::Same);
    let other = &row(&rows, "other.json").secret;
    assert_eq!(*other, SecretCheck::Different { theirs: fingerprint("whsec_other") });
    assert_eq!(other.as_str(), "different");
    assert_eq!(
        other.sentence(),
        Some(format!(
            "Made with another secret: its fingerprint is {}, and yours differs.",
            fingerprint("whsec_other")
        ))
    );
    // The other secret's signature still checks under it: the row says valid, and so.
    assert_eq!(row(&rows, "other.json").verdict, RowVerdict::Valid);
    assert_eq!(row(&rows, "none.json").secret, SecretCheck::NotCarried);
    assert_eq!(row(&rows, "plain.json").secret.as_str(), "different");
    assert_eq!(row(&rows, "sealed.json").secret, SecretCheck::Sealed);
    assert!(row(&rows, "sealed.json").secret.sentence().is_some_and(|s| s.contains("sealed")));
    // A plain secret is compared, never shown.
    assert!(!format!("{:?}", row(&rows, "plain.json")).contains("whsec_plain"));
    let untyped = library.rows("", None);
    assert_eq!(row(&untyped, "other.json").secret, SecretCheck::NotTyped);
    assert_eq!(row(&untyped, "sealed.json").secret, SecretCheck::Sealed);
    assert_eq!(row(&untyped, "none.json").secret, SecretCheck::NotCarried);
    let mut plain_same = genuine();
    plain_same.secret = SharedSecret::Plain(SECRET.into());
    assert_eq!(SecretCheck::of(&plain_same.secret, SECRET, &fingerprint(SECRET)), SecretCheck::Same);
    for check in [SecretCheck::NotCarried, SecretCheck::NotTyped, SecretCheck::Same] {
        assert_eq!(check.sentence(), None);
    }
    let states: Vec<&str> = [SecretCheck::NotCarried, SecretCheck::NotTyped, SecretCheck::Same, SecretCheck::Sealed]
        .iter()
        .map(SecretCheck::as_str)
        .collect();
    assert_eq!(states, ["none", "untyped", "same", "sealed"]);
}

#[test]
fn hostile_names_notes_and_errors_are_shown_with_what_cannot_be_seen_and_cut() {
    let mut library = Library::default();
    let mut noted = genuine();
    noted.note = "ok\u{202E}gnp.exe\u{200B} <b>bold</b>\nline".into();
    let long_name = format!("{}.json", "a".repeat(5000));
    let bidi_name = "evil\u{202E}nosj.txt\u{2066}.json";
    let html_name = "<img src=x onerror=alert(1)>.json";
    let broken_key = format!(r#"{{"webhookEchoFixture":1,"{}\u202e":1}}"#, "k".repeat(1000));
    open(
        &mut library,
        &[
            file(bidi_name, &noted),
            file(&long_name, &genuine()),
            file(html_name, &genuine()),
            ("key.json", broken_key.into_bytes()),
        ],
    );
    let rows = library.rows(SECRET, None);
    let bidi = row(&rows, bidi_name);
    assert_eq!(bidi.shown_name, "evil⟨U+202E⟩nosj.txt⟨U+2066⟩.json");
    assert_eq!(bidi.name, bidi_name, "the attribute keeps the name as given");
    assert_eq!(bidi.note, "ok⟨U+202E⟩gnp.exe⟨U+200B⟩ <b>bold</b>⟨U+000A⟩line");
    let long = row(&rows, &long_name);
    assert!(long.shown_name.starts_with(&"a".repeat(100)), "{}", long.shown_name);
    assert!(long.shown_name.ends_with("… and 4,905 more characters"), "{}", long.shown_name);
    // Markup is text: the page renders it as such, and nothing here makes it more.
    assert_eq!(row(&rows, html_name).shown_name, html_name);
    let error = row(&rows, "key.json").error.clone().unwrap_or_default();
    assert!(error.chars().count() <= ERROR_SHOWN_CHARS + 1, "{}", error.len());
    assert!(!error.chars().any(|c| c == '\u{202E}'), "{error}");
    // A long note is cut too.
    let mut long_note = genuine();
    long_note.note = "n".repeat(2000);
    let mut library = Library::default();
    open(&mut library, &[file("n.json", &long_note)]);
    assert!(library.rows("", None).rows[0].note.ends_with("… and 1,900 more characters"));
}

#[test]
fn an_error_is_cut_and_its_hidden_characters_are_tokens() {
    let short = "a\u{200B}b";
    assert_eq!(shown_error(short), "a⟨U+200B⟩b");
    let exact = "e".repeat(ERROR_SHOWN_CHARS);
    assert_eq!(shown_error(&exact), exact);
    let over = format!("{exact}\u{202E}");
    assert_eq!(shown_error(&over), format!("{exact}…"));
}

#[test]
fn rows_already_judged_under_the_same_secret_are_reused() {
    let mut library = Library::default();
    open(&mut library, &[file("a.json", &genuine()), file("b.json", &genuine())]);
    let first = library.rows(SECRET, None);
    assert_eq!(library.rows(SECRET, Some(&first)), first);
    // What is reused is the previous row itself: a doctored one shows it.
    let mut doctored = first.clone();
    doctored.rows[0].verdict = RowVerdict::Invalid;
    let again = library.rows(SECRET, Some(&doctored));
    assert_eq!(again.rows[0].verdict, RowVerdict::Invalid);
    assert_eq!(again.counts.invalid, 1, "counted from the rows");
    // Under another secret, nothing is reused.
    let other = library.rows("whsec_other", Some(&doctored));
    assert_eq!(other.rows[0].verdict, RowVerdict::Invalid);
    assert_eq!(other.rows[1].verdict, RowVerdict::Invalid);
    assert_eq!(library.rows(SECRET, Some(&other)), first);
    // A file added is judged, the others reused.
    open(&mut library, &[file("c.json", &genuine())]);
    let more = library.rows(SECRET, Some(&doctored));
    assert_eq!(more.rows.iter().map(|r| r.verdict.as_str()).collect::<Vec<_>>(), ["invalid", "valid", "valid"]);
}

/// As a wrong secret is typed, key by key, no row changes: the page redraws none of them.
#[test]
fn rows_stay_the_same_while_a_wrong_secret_is_typed() {
    let mut library = Library::default();
    open(&mut library, &[file("a.json", &genuine()), file("b.json", &fixture(BODY, None, SECRET))]);
    let typed = |secret: &str| library.rows(secret, None).rows;
    assert_eq!(typed("w"), typed("wh"));
    assert_eq!(typed("wh"), typed("whsec_library_tes"));
    assert_ne!(typed("whsec_library_tes"), typed(SECRET));
}

#[test]
fn the_summary_counts_the_rows_and_says_what_was_passed_over() {
    let mut library = Library::default();
    assert_eq!(library.summary(library.rows("", None).counts), None);
    open(
        &mut library,
        &[
            file("a.json", &genuine()),
            file("b.json", &genuine()),
            file("c.json", &fixture(BODY, Some("x"), "x")),
            ("d.json", b"nope".to_vec()),
            ("e.txt", b"nope".to_vec()),
        ],
    );
    let summary = |library: &Library, secret: &str| library.summary(library.rows(secret, None).counts);
    assert_eq!(
        summary(&library, SECRET).as_deref(),
        Some("4 fixtures: 2 valid, 1 invalid, 1 could not be read. 1 file not ending in .json was skipped.")
    );
    assert_eq!(
        summary(&library, "").as_deref(),
        Some(
            "4 fixtures: 3 not checked, 1 could not be read. Type the secret to check their signatures. \
             1 file not ending in .json was skipped."
        )
    );
    library.offer(&[offered("f.md", 1), offered("g.md", 1), offered("x.json", 1), offered("x.json", 1)]);
    library.offer(&[offered("u.json", 0)]);
    library.walk_stopped();
    assert_eq!(
        summary(&library, SECRET).as_deref(),
        Some(
            "4 fixtures: 2 valid, 1 invalid, 1 could not be read. 3 files not ending in .json were skipped. \
             1 file had the name of another opened with it: the first was read. \
             The folder was looked at no further than its first 10,000 entries."
        )
    );
    let mut one = Library::default();
    open(&mut one, &[file("a.json", &fixture(BODY, None, ""))]);
    one.passed = Passed { same_name: 2, over_count: 1_234, ..Passed::default() };
    assert_eq!(
        summary(&one, SECRET).as_deref(),
        Some(
            "1 fixture: 1 incomplete. 2 files had the name of another opened with them: the first was read. \
             1,234 more files were not opened: the list holds at most 1,000 files."
        )
    );
    one.clear();
    assert_eq!(summary(&one, SECRET), None);
    one.passed.over_count = 1;
    assert_eq!(summary(&one, "").as_deref(), Some("1 more file was not opened: the list holds at most 1,000 files."));
}
