//! Work in progress as the browser keeps it: the fixture (never its secret), where its body came
//! from (so that a reload does not turn someone else's body into the reader's own), and when it
//! was saved (so that it expires). `ui::storage` writes and reads these; this decides what they
//! hold and whether one is still good.

use serde::{Deserialize, Serialize};

use crate::protocol::limits::MAX_SAVED_BODY_BYTES;
use crate::share::fixture::Fixture;
use crate::share::provenance::{Provenance, SharedFrom};

/// Saved work older than this is dropped: a body can hold phone numbers.
pub const KEPT_FOR_DAYS: i64 = 7;
const KEPT_FOR_MILLIS: i64 = KEPT_FOR_DAYS * 24 * 60 * 60 * 1000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedWork {
    /// Always without its secret.
    pub fixture: Fixture,
    /// Someone else chose the body (a link, a fixture file), or an edit of it.
    pub shared: Option<SharedFrom>,
    pub saved_at_unix_millis: i64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stored {
    #[serde(rename = "savedAt")]
    saved_at: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    shared: Option<String>,
    /// The fixture's own JSON, as text: its format is the file and link format's.
    fixture: String,
}

/// Why a stored entry is not restored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unusable {
    Expired,
    Damaged,
}

impl SavedWork {
    /// Work saved at `now_unix_millis`: the fixture without its secret, and who chose its body (a
    /// reveal is not kept).
    pub fn new(fixture: &Fixture, provenance: Provenance, now_unix_millis: i64) -> Self {
        Self {
            fixture: fixture.without_secret(),
            shared: provenance.shared_from(),
            saved_at_unix_millis: now_unix_millis,
        }
    }

    /// The provenance the work is restored with. A reveal is not kept: after a reload the
    /// reader chooses again.
    pub fn provenance(&self) -> Provenance {
        match self.shared {
            None => Provenance::Own,
            Some(from) => Provenance::Shared { from, revealed: false },
        }
    }

    /// The stored entry: when it was saved, where a shared body came from, and the fixture's own
    /// JSON, never its secret. `read` takes it back.
    #[expect(clippy::expect_used, reason = "a Stored is a number and strings: serde_json cannot refuse it")]
    pub fn to_json(&self) -> String {
        let stored = Stored {
            saved_at: self.saved_at_unix_millis,
            shared: self.shared.map(|from| from.as_str().to_string()),
            fixture: self.fixture.without_secret().to_json(),
        };
        serde_json::to_string(&stored).expect("saved work serialises")
    }

    /// Reads an entry; one saved more than `KEPT_FOR_DAYS` ago (or in the future, by a clock
    /// that was wrong) is expired.
    pub fn read(text: &str, now_unix_millis: i64) -> Result<Self, Unusable> {
        let stored: Stored = serde_json::from_str(text).map_err(|_| Unusable::Damaged)?;
        let age = now_unix_millis.saturating_sub(stored.saved_at);
        if !(0..=KEPT_FOR_MILLIS).contains(&age) {
            return Err(Unusable::Expired);
        }
        let shared = match stored.shared.as_deref() {
            None => None,
            Some(name) => Some(SharedFrom::from_name(name).ok_or(Unusable::Damaged)?),
        };
        let fixture = Fixture::from_json(stored.fixture.as_bytes()).map_err(|_| Unusable::Damaged)?;
        Ok(Self { fixture: fixture.without_secret(), shared, saved_at_unix_millis: stored.saved_at })
    }

    /// The page's entry in the first storage format (a bare fixture, no date, no provenance),
    /// taken over as if saved now. That format could leave a link's body under the page's own
    /// entry (Back from a link, then an edit), so what it held is taken as someone else's body.
    pub fn from_first_format(text: &str, now_unix_millis: i64) -> Option<Self> {
        let fixture = Fixture::from_json(text.as_bytes()).ok()?;
        Some(Self {
            fixture: fixture.without_secret(),
            shared: Some(SharedFrom::Link),
            saved_at_unix_millis: now_unix_millis,
        })
    }
}

/// What the fields hold when the page comes back to a place (Back from a link or a file to the
/// page itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Return {
    /// The work kept for the place, with the provenance it was kept with.
    Saved(SavedWork),
    /// Nothing is kept for the place: the fields are emptied, so that the body of the link or file
    /// just left never stays on as this place's work (and is never saved as it).
    Emptied,
    /// Nothing is kept, and nothing is showing: the fields stay as they are.
    AsIs,
}

impl Return {
    /// `saved`: the work kept for the place, if any is (and fresh); `showing`: what the fields
    /// hold now, the place left's work.
    pub fn of(saved: Option<SavedWork>, showing: &Fixture) -> Self {
        match saved {
            Some(work) => Self::Saved(work),
            None if worth_keeping(showing) => Self::Emptied,
            None => Self::AsIs,
        }
    }
}

/// What the page says beside the inputs about keeping them.
pub fn keeping_sentence(saving: bool) -> String {
    if saving {
        format!(
            "The body, headers and note are kept in this browser for {KEPT_FOR_DAYS} days, so that a reload keeps them; the secret never is."
        )
    } else {
        "Not kept: the body, headers and note are gone when this tab closes.".to_string()
    }
}

/// Whether there is anything worth keeping: an empty page is not saved, its entry is removed.
pub fn worth_keeping(work: &Fixture) -> bool {
    !(work.body.is_empty() && work.headers.is_empty() && work.note.is_empty())
}

/// What becomes of the work on the page when it is kept: the same rule whether the page keeps it
/// after typing stops or as it stops on a bug.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Keeping {
    /// Stored, replacing what was kept for this place.
    Save,
    /// Nothing worth keeping: what was kept for this place is removed.
    Forget,
    /// Too large to keep: what was kept before stays, and the person is told why.
    TooLarge,
}

impl Keeping {
    /// `TooLarge` for a body over `MAX_SAVED_BODY_BYTES`, otherwise `Save` when the work is
    /// `worth_keeping` and `Forget` when it is not.
    pub fn of(work: &Fixture) -> Self {
        if work.body.len() > MAX_SAVED_BODY_BYTES {
            Self::TooLarge
        } else if worth_keeping(work) {
            Self::Save
        } else {
            Self::Forget
        }
    }
}

/// Why a body is not kept, for the note beside the inputs.
pub fn too_large_sentence() -> String {
    format!("the body is larger than {} KiB; use \"Save as a file\" to keep it", MAX_SAVED_BODY_BYTES / 1024)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::share::fixture::SharedSecret;

    const NOW: i64 = 1_780_000_000_000;
    const DAY: i64 = 24 * 60 * 60 * 1000;

    fn work(secret: SharedSecret) -> Fixture {
        Fixture {
            body: b"{\"phone\":\"+999 482 918 102\"}\r\n".to_vec(),
            headers: "x-cobinar-event: otp.verified".into(),
            event: Some(crate::protocol::events::Event::OtpVerified),
            note: "note".into(),
            secret,
            case: Default::default(),
        }
    }

    #[test]
    fn round_trips_without_the_secret() {
        for provenance in [Provenance::Own, Provenance::Shared { from: SharedFrom::FixtureFile, revealed: true }] {
            let saved = SavedWork::new(&work(SharedSecret::Plain("whsec_x".into())), provenance, NOW);
            let text = saved.to_json();
            assert!(!text.contains("whsec_x"), "{text}");
            let read = SavedWork::read(&text, NOW + DAY).unwrap();
            assert_eq!(read.fixture, work(SharedSecret::None));
            // The reveal is not kept; where the body came from is.
            assert_eq!(read.provenance().shared_from(), provenance.shared_from());
            assert!(read.provenance() == Provenance::Own || read.provenance().withholds());
        }
    }

    #[test]
    fn kept_unless_empty_or_over_a_mebibyte() {
        let with_body = |len: usize| Fixture { body: vec![b'x'; len], ..work(SharedSecret::None) };
        assert_eq!(Keeping::of(&work(SharedSecret::None)), Keeping::Save);
        assert_eq!(Keeping::of(&with_body(MAX_SAVED_BODY_BYTES)), Keeping::Save);
        assert_eq!(Keeping::of(&with_body(MAX_SAVED_BODY_BYTES + 1)), Keeping::TooLarge);
        let empty =
            Fixture { body: Vec::new(), headers: String::new(), note: String::new(), ..work(SharedSecret::None) };
        assert_eq!(Keeping::of(&empty), Keeping::Forget);
        // Headers or a note alone are worth keeping.
        assert_eq!(Keeping::of(&Fixture { note: "n".into(), ..empty.clone() }), Keeping::Save);
        assert!(too_large_sentence().contains("1024 KiB"));
    }

    #[test]
    fn expires_after_a_week() {
        let text = SavedWork::new(&work(SharedSecret::None), Provenance::Own, NOW).to_json();
        assert!(SavedWork::read(&text, NOW + KEPT_FOR_DAYS * DAY).is_ok());
        assert_eq!(SavedWork::read(&text, NOW + KEPT_FOR_DAYS * DAY + 1), Err(Unusable::Expired));
        assert_eq!(SavedWork::read(&text, NOW - 1), Err(Unusable::Expired));
    }

    #[test]
    fn damaged_entries_are_refused() {
        for text in [
            "",
            "{}",
            "[]",
            r#"{"savedAt":1780000000000,"fixture":"nope"}"#,
            r#"{"savedAt":1780000000000,"shared":"typed","fixture":"{\"webhookEchoFixture\":1}"}"#,
            r#"{"savedAt":1780000000000,"fixture":"{\"webhookEchoFixture\":1}","extra":1}"#,
        ] {
            assert_eq!(SavedWork::read(text, NOW), Err(Unusable::Damaged), "{text}");
        }
    }

    #[test]
    fn the_first_format_is_taken_over() {
        let old = work(SharedSecret::None).to_json();
        let page = SavedWork::from_first_format(&old, NOW).unwrap();
        assert_eq!(page.saved_at_unix_millis, NOW);
        assert_eq!(page.fixture, work(SharedSecret::None));
        assert!(page.provenance().withholds(), "whose body it was is not known: someone else's");
        assert_eq!(SavedWork::from_first_format("garbage", NOW), None);
    }

    #[test]
    fn coming_back_with_nothing_kept_empties_the_fields() {
        let kept = SavedWork::new(&work(SharedSecret::None), Provenance::Own, NOW);
        let link_body = work(SharedSecret::None);
        let empty = Fixture { body: Vec::new(), headers: String::new(), note: String::new(), ..link_body.clone() };
        assert_eq!(Return::of(Some(kept.clone()), &link_body), Return::Saved(kept.clone()));
        assert_eq!(Return::of(Some(kept.clone()), &empty), Return::Saved(kept));
        // The link's body, its headers or its note alone never stay on.
        assert_eq!(Return::of(None, &link_body), Return::Emptied);
        assert_eq!(Return::of(None, &Fixture { note: "n".into(), ..empty.clone() }), Return::Emptied);
        assert_eq!(Return::of(None, &empty), Return::AsIs);
    }

    #[test]
    fn an_empty_page_is_not_worth_keeping() {
        assert!(worth_keeping(&work(SharedSecret::None)));
        let empty = Fixture {
            body: Vec::new(),
            headers: String::new(),
            event: Some(crate::protocol::events::Event::OtpVerified),
            note: String::new(),
            case: Default::default(),
            secret: SharedSecret::None,
        };
        assert!(!worth_keeping(&empty));
    }
}
