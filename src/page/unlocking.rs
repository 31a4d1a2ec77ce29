//! A sealed secret from a link or fixture file, unlocked with its passphrase: one attempt at a
//! time, each numbered (its generation), and an answer applied only if it is for the attempt
//! running and the box it began with is still the one on the page, since another link may have
//! replaced it while the key was derived. `web/ui/link_banner.rs` holds an `Unlocking` in a
//! signal, calls a method per event, derives the key in the browser and hands it back here.

use std::fmt;

use super::Hidden;
use crate::protocol::text::grouped;
use crate::share::opening::LinkStatus;
use crate::share::provenance::SharedFrom;
use crate::share::secret_box::{self, SealKey, SealedSecret, ITERATIONS, SALT_LEN};

/// The unlock form's state.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Unlocking {
    /// The passphrase as typed.
    pub passphrase: String,
    /// Why the last attempt did not open the secret.
    pub error: Option<String>,
    /// The attempt whose key is being derived.
    running: Option<Attempt>,
    /// Attempts begun so far: the next one's generation follows.
    begun: u64,
}

#[derive(Clone, PartialEq, Eq)]
struct Attempt {
    generation: u64,
    /// The box the attempt began with.
    sealed: SealedSecret,
    /// The secret field when it began: a secret typed meanwhile is never overwritten.
    field: String,
}

/// What pressing Unlock (or Enter) asks of the page.
#[derive(Clone, PartialEq, Eq)]
pub enum Start {
    /// Nothing: no sealed box on the page, or an attempt is already running.
    Nothing,
    /// The box is refused before a round runs (its form, its round count); `error` says why.
    Refused,
    /// Derive the key from `passphrase` (in NFC) and `salt`, then call `answered` with
    /// `generation`.
    Derive { generation: u64, passphrase: String, salt: [u8; SALT_LEN] },
}

/// What an attempt's answer does.
#[derive(Clone, PartialEq, Eq)]
pub enum Answer {
    /// Nothing: it is for an earlier attempt, or for a box no longer on the page.
    Dropped,
    /// The secret opened: mark the link unsealed (`mark_unsealed`), then put the secret in the
    /// field on a task of its own, if the link is `still_unsealed` then.
    Unlocked { secret: String, from: SharedFrom },
    /// It did not open; `error` says why.
    Refused,
    /// It opened, but the secret field changed while the key was derived: what the person typed
    /// stays, the passphrase too, and `error` says to unlock again for the link's secret.
    FieldChanged,
}

impl fmt::Debug for Unlocking {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Unlocking")
            .field("passphrase", &Hidden(&self.passphrase))
            .field("error", &self.error)
            .field("running", &self.running)
            .field("begun", &self.begun)
            .finish()
    }
}

impl fmt::Debug for Attempt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Attempt")
            .field("generation", &self.generation)
            .field("sealed", &self.sealed)
            .field("field", &Hidden(&self.field))
            .finish()
    }
}

impl fmt::Debug for Start {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Start::Nothing => f.write_str("Nothing"),
            Start::Refused => f.write_str("Refused"),
            Start::Derive { generation, passphrase, salt } => f
                .debug_struct("Derive")
                .field("generation", generation)
                .field("passphrase", &Hidden(passphrase))
                .field("salt", salt)
                .finish(),
        }
    }
}

impl fmt::Debug for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Answer::Dropped => f.write_str("Dropped"),
            Answer::Unlocked { secret, from } => {
                f.debug_struct("Unlocked").field("secret", &Hidden(secret)).field("from", from).finish()
            }
            Answer::Refused => f.write_str("Refused"),
            Answer::FieldChanged => f.write_str("FieldChanged"),
        }
    }
}

impl Unlocking {
    pub fn type_passphrase(&mut self, passphrase: String) {
        self.passphrase = passphrase;
    }

    /// A key is being derived: the button waits and the progress line shows.
    pub fn unlocking(&self) -> bool {
        self.running.is_some()
    }

    /// The person asked to unlock, with `link` on the page and `field` in the secret field.
    pub fn start(&mut self, link: &LinkStatus, field: &str) -> Start {
        let Some(sealed) = sealed_box(link) else { return Start::Nothing };
        if self.unlocking() {
            return Start::Nothing;
        }
        let params = match secret_box::key_params(sealed) {
            Ok(params) => params,
            Err(error) => {
                self.error = Some(error.to_string());
                return Start::Refused;
            }
        };
        self.begun += 1;
        self.running = Some(Attempt { generation: self.begun, sealed: sealed.clone(), field: field.to_string() });
        self.error = None;
        Start::Derive { generation: self.begun, passphrase: self.passphrase.clone(), salt: params.salt }
    }

    /// The key for attempt `generation` was derived (or the browser could not), with `link` on
    /// the page and `field` in the secret field now.
    pub fn answered(
        &mut self,
        generation: u64,
        key: Result<SealKey, String>,
        link: &LinkStatus,
        field: &str,
    ) -> Answer {
        let Some(attempt) = self.running.take_if(|attempt| attempt.generation == generation) else {
            return Answer::Dropped;
        };
        if sealed_box(link) != Some(&attempt.sealed) {
            return Answer::Dropped;
        }
        let opened = key
            .map_err(|why| format!("The secret could not be unlocked: {why}."))
            .and_then(|key| secret_box::open_with_key(&attempt.sealed, &key).map_err(|error| error.to_string()));
        match opened {
            Ok(_) if field != attempt.field => {
                self.error = Some(FIELD_CHANGED.to_string());
                Answer::FieldChanged
            }
            Ok(secret) => {
                self.passphrase.clear();
                Answer::Unlocked { secret, from: shared_from(link) }
            }
            Err(message) => {
                self.error = Some(message);
                Answer::Refused
            }
        }
    }
}

/// Said when the passphrase was right but a secret was typed while its key was derived.
pub const FIELD_CHANGED: &str =
    "The passphrase is right, but the secret field changed while it was checked: what is in \
     it stays. Unlock again to put the link's secret there instead.";

/// The link's sealed box, while it waits for its passphrase.
pub fn sealed_box(link: &LinkStatus) -> Option<&SealedSecret> {
    match link {
        LinkStatus::Opened { sealed, .. } => sealed.as_ref(),
        _ => None,
    }
}

fn shared_from(link: &LinkStatus) -> SharedFrom {
    match link {
        LinkStatus::Opened { from, .. } => *from,
        _ => SharedFrom::Link,
    }
}

/// The box opened: the link holds it no more, and says it is unlocked.
pub fn mark_unsealed(link: &mut LinkStatus) {
    if let LinkStatus::Opened { sealed, unsealed, .. } = link {
        *sealed = None;
        *unsealed = true;
    }
}

/// Whether the secret unlocked a moment ago still goes in the field: no other link replaced
/// the one it came from in between.
pub fn still_unsealed(link: &LinkStatus) -> bool {
    matches!(link, LinkStatus::Opened { unsealed: true, .. })
}

/// The banner's line for a sealed box; framed, the page takes no secret.
pub fn sealed_line(from: SharedFrom, framed: bool) -> String {
    let noun = from.noun();
    if framed {
        format!("The {noun} carries a sealed secret; open the page directly to unlock it.")
    } else {
        format!("The {noun} carries a sealed secret. Unlock it with the passphrase, or type your own secret.")
    }
}

/// The banner's line once the box opened.
pub fn unsealed_line(from: SharedFrom) -> String {
    format!(
        "The sealed secret is unlocked and in the secret field. Anyone with the {} and the passphrase has it too.",
        from.noun()
    )
}

/// The line while the key is derived.
pub fn unlock_progress() -> String {
    format!("Unlocking: {} rounds of PBKDF2, in the browser's own crypto…", grouped(ITERATIONS as usize))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::share::secret_box::{seal_with_key, OpenError, NONCE_LEN};

    const KEY: SealKey = [7; 32];
    const SALT: [u8; SALT_LEN] = [1; SALT_LEN];

    fn sealed(secret: &str) -> SealedSecret {
        seal_with_key(secret, &KEY, SALT, [2; NONCE_LEN])
    }

    fn opened(from: SharedFrom, sealed: Option<SealedSecret>) -> LinkStatus {
        status(from, None, sealed, false)
    }

    fn status(from: SharedFrom, fingerprint: Option<&str>, sealed: Option<SealedSecret>, unsealed: bool) -> LinkStatus {
        let fingerprint = fingerprint.map(str::to_string);
        LinkStatus::Opened { from, fingerprint, carried_secret: false, sealed, unsealed, sender_verdict: None }
    }

    fn link(secret: &str) -> LinkStatus {
        opened(SharedFrom::Link, Some(sealed(secret)))
    }

    fn typed(passphrase: &str) -> Unlocking {
        Unlocking { passphrase: passphrase.into(), ..Unlocking::default() }
    }

    /// Starts an attempt on `link`, which must begin, and returns its generation.
    #[track_caller]
    fn begin(unlocking: &mut Unlocking, link: &LinkStatus) -> u64 {
        match unlocking.start(link, "") {
            Start::Derive { generation, passphrase, salt } => {
                assert_eq!((passphrase.as_str(), salt), (unlocking.passphrase.as_str(), SALT));
                assert!(unlocking.unlocking());
                generation
            }
            other => panic!("no attempt began: {other:?}"),
        }
    }

    fn unlocked(secret: &str) -> Answer {
        Answer::Unlocked { secret: secret.into(), from: SharedFrom::Link }
    }

    #[test]
    fn nothing_to_unlock_without_a_sealed_box() {
        let without = [
            LinkStatus::None,
            LinkStatus::Failed("bad".into()),
            opened(SharedFrom::Link, None),
            status(SharedFrom::Link, None, None, true),
        ];
        for link in without {
            let mut unlocking = Unlocking { error: Some("old".into()), ..typed("p") };
            let before = unlocking.clone();
            assert_eq!(unlocking.start(&link, ""), Start::Nothing, "{link:?}");
            assert_eq!(unlocking, before, "{link:?}");
        }
    }

    #[test]
    fn an_attempt_begins_with_the_passphrase_typed_and_clears_the_last_error() {
        let mut unlocking = Unlocking { error: Some("old".into()), ..typed("correct horse") };
        assert!(!unlocking.unlocking());
        let generation = begin(&mut unlocking, &link("whsec_a"));
        assert_eq!((generation, &unlocking.error), (1, &None));
    }

    #[test]
    fn a_box_of_another_form_is_refused_before_a_round_runs() {
        let mut crafted = sealed("whsec_a");
        crafted.iterations = 10_000_000;
        let why = secret_box::key_params(&crafted).unwrap_err().to_string();
        assert!(why.contains("10000000") || why.contains("10,000,000"), "{why}");
        let mut unlocking = typed("p");
        assert_eq!(unlocking.start(&opened(SharedFrom::Link, Some(crafted)), ""), Start::Refused);
        assert_eq!((unlocking.unlocking(), unlocking.error), (false, Some(why)));
        assert_eq!(unlocking.passphrase, "p");
    }

    #[test]
    fn one_attempt_at_a_time() {
        let on_page = link("whsec_a");
        let mut unlocking = typed("p");
        let first = begin(&mut unlocking, &on_page);
        let running = unlocking.clone();
        assert_eq!(unlocking.start(&on_page, ""), Start::Nothing);
        assert_eq!(unlocking, running);
        assert_eq!(unlocking.answered(first, Ok(KEY), &on_page, ""), unlocked("whsec_a"));
    }

    /// Each answer for the attempt running, with the box still on the page.
    #[test]
    fn the_answers() {
        let wrong = OpenError::WrongPassphrase.to_string();
        let no_key = "The secret could not be unlocked: the browser's PBKDF2 failed (derive).".to_string();
        /// (derived key, answer, passphrase after, error after)
        type Case<'a> = (Result<SealKey, String>, Answer, &'a str, Option<String>);
        let cases: [Case; 3] = [
            (Ok(KEY), unlocked("whsec_a"), "", None),
            (Ok([8; 32]), Answer::Refused, "wrong", Some(wrong)),
            (Err("the browser's PBKDF2 failed (derive)".into()), Answer::Refused, "wrong", Some(no_key)),
        ];
        for (key, answer, passphrase, error) in cases {
            let on_page = link("whsec_a");
            let mut unlocking = typed("wrong");
            let generation = begin(&mut unlocking, &on_page);
            assert_eq!(unlocking.answered(generation, key, &on_page, ""), answer);
            assert_eq!((unlocking.passphrase.as_str(), &unlocking.error), (passphrase, &error));
            assert!(!unlocking.unlocking());
        }
    }

    #[test]
    fn an_unlocked_secret_says_where_it_came_from() {
        let file = opened(SharedFrom::FixtureFile, Some(sealed("whsec_f")));
        let mut unlocking = typed("p");
        let generation = begin(&mut unlocking, &file);
        assert_eq!(
            unlocking.answered(generation, Ok(KEY), &file, ""),
            Answer::Unlocked { secret: "whsec_f".into(), from: SharedFrom::FixtureFile }
        );
    }

    /// A key derived while another link changed the body (or the page left the link) is for a
    /// box no longer there: the attempt ends, nothing else changes.
    #[test]
    fn an_unlock_finishing_after_the_link_changed_is_dropped() {
        let after = [
            ("another sealed link", link("whsec_b")),
            ("a link without a secret", opened(SharedFrom::Link, None)),
            ("the same box from a file", opened(SharedFrom::FixtureFile, Some(sealed("whsec_b")))),
            ("no link", LinkStatus::None),
            ("a broken link", LinkStatus::Failed("bad".into())),
        ];
        for (what, now) in after {
            let mut unlocking = typed("p");
            let generation = begin(&mut unlocking, &link("whsec_a"));
            unlocking.type_passphrase("typed meanwhile".into());
            assert_eq!(unlocking.answered(generation, Ok(KEY), &now, ""), Answer::Dropped, "{what}");
            assert_eq!(
                (unlocking.unlocking(), unlocking.passphrase.as_str(), &unlocking.error),
                (false, "typed meanwhile", &None),
                "{what}"
            );
            // The next attempt is for the box now on the page.
            if sealed_box(&now).is_some() {
                let next = begin(&mut unlocking, &now);
                let from = shared_from(&now);
                let answer = Answer::Unlocked { secret: "whsec_b".into(), from };
                assert_eq!(unlocking.answered(next, Ok(KEY), &now, ""), answer, "{what}");
            }
        }
    }

    /// The box is what counts: the same link again, or anything typed meanwhile, still takes the
    /// answer (and a passphrase typed since is emptied with the one used).
    #[test]
    fn an_unlock_finishing_with_the_same_box_on_the_page_applies() {
        let mut unlocking = typed("p");
        let generation = begin(&mut unlocking, &link("whsec_a"));
        unlocking.type_passphrase("typed meanwhile".into());
        assert_eq!(unlocking.answered(generation, Ok(KEY), &link("whsec_a"), ""), unlocked("whsec_a"));
        assert_eq!(unlocking.passphrase, "");
    }

    /// A secret typed while the key was derived stays: the right passphrase only says so, keeps
    /// the passphrase for another try, and that try, with the field left alone, applies.
    #[test]
    fn an_unlock_finishing_after_the_secret_was_typed_keeps_what_was_typed() {
        let on_page = link("whsec_a");
        for (at_start, now) in [("", "whsec_mine"), ("whsec_old", ""), ("whsec_old", "whsec_old2")] {
            let mut unlocking = typed("p");
            let generation = match unlocking.start(&on_page, at_start) {
                Start::Derive { generation, .. } => generation,
                other => panic!("no attempt began: {other:?}"),
            };
            assert_eq!(unlocking.answered(generation, Ok(KEY), &on_page, now), Answer::FieldChanged, "{now}");
            assert_eq!(unlocking.error.as_deref(), Some(FIELD_CHANGED));
            assert_eq!(unlocking.passphrase, "p");
            assert!(!unlocking.unlocking());
            let again = match unlocking.start(&on_page, now) {
                Start::Derive { generation, passphrase, .. } => {
                    assert_eq!(passphrase, "p");
                    generation
                }
                other => panic!("no second attempt: {other:?}"),
            };
            assert_eq!(unlocking.error, None);
            assert_eq!(unlocking.answered(again, Ok(KEY), &on_page, now), unlocked("whsec_a"));
        }
        // A wrong passphrase is said as wrong, whatever the field did.
        let mut unlocking = typed("wrong");
        let generation = match unlocking.start(&on_page, "") {
            Start::Derive { generation, .. } => generation,
            other => panic!("no attempt began: {other:?}"),
        };
        assert_eq!(unlocking.answered(generation, Ok([8; 32]), &on_page, "whsec_mine"), Answer::Refused);
        assert_ne!(unlocking.error.as_deref(), Some(FIELD_CHANGED));
    }

    /// An answer for an older attempt arriving late changes nothing, the running one included.
    #[test]
    fn an_answer_for_an_older_attempt_arriving_late_is_dropped() {
        let on_page = link("whsec_a");
        let mut unlocking = typed("wrong");
        let first = begin(&mut unlocking, &on_page);
        assert_eq!(unlocking.answered(first, Ok([8; 32]), &on_page, ""), Answer::Refused);
        unlocking.type_passphrase("right".into());
        let second = begin(&mut unlocking, &on_page);
        assert_eq!(second, first + 1);
        let running = unlocking.clone();
        // The first attempt's answer again, late, even with the right key.
        assert_eq!(unlocking.answered(first, Ok(KEY), &on_page, ""), Answer::Dropped);
        assert_eq!(unlocking, running);
        assert!(unlocking.unlocking());
        // And one for an attempt never begun.
        assert_eq!(unlocking.answered(second + 1, Ok(KEY), &on_page, ""), Answer::Dropped);
        assert_eq!(unlocking, running);
        assert_eq!(unlocking.answered(second, Ok(KEY), &on_page, ""), unlocked("whsec_a"));
        // Once answered, its answer again is dropped too.
        assert_eq!(unlocking.answered(second, Ok(KEY), &on_page, ""), Answer::Dropped);
    }

    #[test]
    fn an_unlocked_link_holds_no_box_and_keeps_the_rest() {
        let mut link = status(SharedFrom::FixtureFile, Some("ab12"), Some(sealed("whsec_a")), false);
        assert!(!still_unsealed(&link));
        mark_unsealed(&mut link);
        assert_eq!(link, status(SharedFrom::FixtureFile, Some("ab12"), None, true));
        assert!(still_unsealed(&link) && sealed_box(&link).is_none());
        for mut other in [LinkStatus::None, LinkStatus::Failed("bad".into())] {
            let before = other.clone();
            mark_unsealed(&mut other);
            assert_eq!(other, before);
            assert!(!still_unsealed(&other));
        }
    }

    #[test]
    fn the_banner_lines() {
        let cases = [
            (
                SharedFrom::Link,
                false,
                "The link carries a sealed secret. Unlock it with the passphrase, or type your own secret.",
            ),
            (
                SharedFrom::FixtureFile,
                false,
                "The file carries a sealed secret. Unlock it with the passphrase, or type your own secret.",
            ),
            (SharedFrom::Link, true, "The link carries a sealed secret; open the page directly to unlock it."),
            (SharedFrom::FixtureFile, true, "The file carries a sealed secret; open the page directly to unlock it."),
        ];
        for (from, framed, line) in cases {
            assert_eq!(sealed_line(from, framed), line);
        }
        assert_eq!(
            unsealed_line(SharedFrom::FixtureFile),
            "The sealed secret is unlocked and in the secret field. Anyone with the file and the passphrase has it too."
        );
        assert_eq!(unlock_progress(), "Unlocking: 600,000 rounds of PBKDF2, in the browser's own crypto…");
    }
}
