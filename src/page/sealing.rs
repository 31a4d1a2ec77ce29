//! The share panel: whether the secret goes into a link or file (only ever sealed), the
//! passphrase it is sealed under and what the page says of it, the link made and whether the page
//! changed since, and what the panel says after each step. `web/ui/share_panel.rs` holds a
//! `Sealing` in a signal, calls a method per event and renders the fields; the steps that need
//! the browser (the word list, randomness, the key, the clipboard, a file) it takes itself and
//! hands back here.

use std::fmt;

use super::Hidden;
use crate::protocol::limits::MAX_FIXTURE_BYTES;
use crate::protocol::text::{grouped, unreadable_file};
use crate::share::fixture::{self, FixtureError};
use crate::share::passphrase::Weakness;
use crate::share::secret_box::ITERATIONS;

/// The word list `passphrase::judge` reads a typed passphrase against. It is fetched when the
/// seal form opens, never with the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Words {
    /// Not answered yet: a typed passphrase is being checked.
    #[default]
    Waiting,
    Loaded,
    /// The last fetch found nothing (offline before the service worker kept it); making a link
    /// fetches again.
    Failed,
}

/// A line the panel says under its buttons: `ok` or a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub ok: bool,
    pub text: String,
}

/// What a link or file does with the secret on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretPlan {
    /// Leave it out (its fingerprint goes instead).
    LeaveOut,
    /// Nothing is made, for this reason.
    Refuse(String),
    /// Seal it, once the passphrase is judged strong (`Sealing::judged_for_sealing`).
    Seal,
}

/// The line under the passphrase field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassphraseLine {
    /// The passphrase would seal (`data-strong`).
    pub strong: bool,
    pub sentence: String,
}

/// The share panel's state.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Sealing {
    /// The person chose to include the secret (sealed).
    pub include_secret: bool,
    /// The passphrase as typed or generated (normalised only when judged and used).
    pub passphrase: String,
    pub words: Words,
    /// The key is being derived: the buttons wait.
    pub sealing: bool,
    /// The last link made; empty before the first.
    pub link: String,
    /// Something the link carries changed after it was begun.
    pub stale: bool,
    /// Whether anything a link carries changed since the link being made was begun.
    changed_while_making: bool,
    pub said: Option<Said>,
    pub file_error: Option<String>,
}

impl fmt::Debug for Sealing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sealing")
            .field("include_secret", &self.include_secret)
            .field("passphrase", &Hidden(&self.passphrase))
            .field("words", &self.words)
            .field("sealing", &self.sealing)
            .field("link", &self.link)
            .field("stale", &self.stale)
            .field("changed_while_making", &self.changed_while_making)
            .field("said", &self.said)
            .field("file_error", &self.file_error)
            .finish()
    }
}

impl Sealing {
    /// The person ticked or unticked "Include the secret"; `true` when the word list is to be
    /// fetched now.
    pub fn choose(&mut self, include_secret: bool) -> bool {
        self.include_secret = include_secret;
        self.changed();
        include_secret && self.words != Words::Loaded
    }

    /// The person typed in the passphrase field.
    pub fn type_passphrase(&mut self, passphrase: String) {
        self.passphrase = passphrase;
        self.changed();
    }

    /// The page's CSPRNG gave a passphrase (`passphrase::generate`), or refused.
    pub fn generated(&mut self, passphrase: Result<String, String>) {
        match passphrase {
            Ok(passphrase) => self.type_passphrase(passphrase),
            Err(why) => self.say(false, format!("No passphrase was generated: {why}.")),
        }
    }

    /// A fetch of the word list answered.
    pub fn words_answered(&mut self, found: bool) {
        self.words = if found { Words::Loaded } else { Words::Failed };
    }

    /// Something a link carries changed elsewhere on the page (body, headers, secret, note,
    /// event, verdict): the link shown no longer says what is there.
    pub fn page_changed(&mut self) {
        self.changed();
    }

    fn changed(&mut self) {
        self.stale = true;
        self.changed_while_making = true;
    }

    /// The line under the passphrase field, given `passphrase::judge`'s answer for it.
    pub fn passphrase_line(&self, judged: &Result<(), Weakness>) -> PassphraseLine {
        let sentence = match judged {
            _ if self.passphrase.is_empty() => {
                "A link that includes the secret always seals it: generate a passphrase, or type one.".into()
            }
            Err(Weakness::Unchecked) if self.words == Words::Waiting => {
                "Checking it against common passwords, words and names…".into()
            }
            Err(weak) => weak.to_string(),
            Ok(()) => "Strong enough. Send it by another channel than the link.".into(),
        };
        PassphraseLine { strong: judged.is_ok(), sentence }
    }

    /// What a link or file about to be made does with `secret`.
    pub fn plan(&self, secret: &str) -> SecretPlan {
        if !self.include_secret || secret.is_empty() {
            return SecretPlan::LeaveOut;
        }
        match fixture::secret_too_long(secret) {
            Some(refused) => SecretPlan::Refuse(refused),
            None => SecretPlan::Seal,
        }
    }

    /// `passphrase::judge`'s answer at the moment of sealing: a weak passphrase seals nothing.
    pub fn judged_for_sealing(judged: Result<(), Weakness>) -> Result<(), String> {
        judged.map_err(|weak| format!("The secret was not sealed: {weak}"))
    }

    /// A step of sealing the browser could not take (randomness, the key).
    pub fn not_sealed(why: &str) -> String {
        format!("The secret was not sealed: {why}. Nothing was made.")
    }

    /// "Copy a link" was pressed: changes from now on make the link out of date.
    pub fn begin_link(&mut self) {
        self.changed_while_making = false;
    }

    pub fn key_started(&mut self) {
        self.sealing = true;
    }

    pub fn key_done(&mut self) {
        self.sealing = false;
    }

    /// No link was made, for this reason.
    pub fn link_refused(&mut self, message: String) {
        self.say(false, message);
    }

    /// The link is made: shown, and out of date already if the page changed while it was made.
    pub fn link_made(&mut self, link: String) {
        self.link = link;
        self.stale = self.changed_while_making;
    }

    /// The clipboard took `link`, or refused it (then the field is selected instead).
    pub fn link_copied(&mut self, link: &str, copied: bool) {
        if copied {
            let text = format!("Link copied: {} characters.", link.len());
            self.say(true, text);
        } else {
            self.say(
                false,
                "The browser refused the clipboard: the link is selected, press Ctrl+C (⌘C) to copy it.".into(),
            );
        }
    }

    /// Whether the out-of-date note shows: only under a link.
    pub fn shows_stale(&self) -> bool {
        self.stale && !self.link.is_empty()
    }

    /// A fixture file was chosen to open, `size` bytes (as the browser reports it); `true` when it
    /// is to be read. A larger file than a fixture may be is refused before it is read.
    pub fn file_chosen(&mut self, size: f64) -> bool {
        if size > MAX_FIXTURE_BYTES as f64 {
            self.file_error = Some(format!("{} Nothing was changed.", FixtureError::TooLarge));
            return false;
        }
        true
    }

    /// The chosen file was opened as a fixture.
    pub fn file_opened(&mut self, name: &str) {
        self.file_error = None;
        self.say(true, format!("Opened {name}."));
    }

    /// The chosen file is not a fixture the page reads.
    pub fn file_refused(&mut self, error: &FixtureError) {
        self.file_error = Some(format!("{error} Nothing was changed."));
    }

    /// The browser could not read the chosen file.
    pub fn file_unreadable(&mut self, name: &str) {
        self.file_error = Some(unreadable_file(name));
    }

    /// "Save as a file" finished: saved, or why not (`not_sealed`'s sentence, `file_not_made`'s).
    pub fn exported(&mut self, made: Result<(), String>) {
        self.file_error = made.err();
    }

    /// The browser could not offer the file for download.
    pub fn file_not_made(problem: &str) -> String {
        format!("The file could not be made: {problem}.")
    }

    fn say(&mut self, ok: bool, text: String) {
        self.said = Some(Said { ok, text });
    }
}

/// The line while the key is derived.
pub fn sealing_progress() -> String {
    format!("Sealing the secret: {} rounds of PBKDF2, in the browser's own crypto…", rounds())
}

/// How the secret is sealed, after the warning of what the link then gives.
pub fn seal_warning() -> String {
    format!(
        " The secret is sealed with ChaCha20-Poly1305 under a key derived from the passphrase ({} rounds of \
         PBKDF2). Send the passphrase another way than the link.",
        rounds()
    )
}

fn rounds() -> String {
    grouped(ITERATIONS as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::limits::MAX_SECRET_BYTES;

    const CHECKING: &str = "Checking it against common passwords, words and names…";
    const EMPTY: &str = "A link that includes the secret always seals it: generate a passphrase, or type one.";
    const STRONG: &str = "Strong enough. Send it by another channel than the link.";

    fn opened() -> Sealing {
        let mut sealing = Sealing::default();
        sealing.choose(true);
        sealing
    }

    /// Every line under the passphrase field: (passphrase, word list, judgement) → line.
    #[test]
    fn the_passphrase_line() {
        let short = Weakness::TooShort { guesses: 1_000 };
        /// (passphrase, word list, judgement, strong, sentence)
        type Case<'a> = (&'a str, Words, Result<(), Weakness>, bool, &'a str);
        let cases: [Case; 9] = [
            ("", Words::Waiting, Err(Weakness::Empty), false, EMPTY),
            ("", Words::Loaded, Err(Weakness::Empty), false, EMPTY),
            // An empty field says so even when a judge says otherwise.
            ("", Words::Loaded, Ok(()), true, EMPTY),
            ("ab", Words::Waiting, Err(Weakness::Unchecked), false, CHECKING),
            ("ab", Words::Failed, Err(Weakness::Unchecked), false, &Weakness::Unchecked.to_string()),
            ("ab", Words::Loaded, Err(Weakness::Unchecked), false, &Weakness::Unchecked.to_string()),
            // Only an unchecked one is "being checked"; another weakness is said at once.
            ("ab", Words::Waiting, Err(short.clone()), false, &short.to_string()),
            ("ab", Words::Loaded, Err(Weakness::ContainsTheSecret), false, &Weakness::ContainsTheSecret.to_string()),
            ("q8#Tz!m2@Lk9$vR4", Words::Loaded, Ok(()), true, STRONG),
        ];
        for (passphrase, words, judged, strong, sentence) in cases {
            let sealing = Sealing { passphrase: passphrase.into(), words, ..opened() };
            let line = sealing.passphrase_line(&judged);
            assert_eq!(
                line,
                PassphraseLine { strong, sentence: sentence.into() },
                "{passphrase:?} {words:?} {judged:?}"
            );
        }
    }

    /// What a link does with the secret: (included, secret) → plan.
    #[test]
    fn the_secret_is_left_out_unless_chosen_and_sealed_only_when_it_fits() {
        let longest = "s".repeat(MAX_SECRET_BYTES);
        let too_long = "s".repeat(MAX_SECRET_BYTES + 1);
        let refused = fixture::secret_too_long(&too_long).unwrap();
        assert!(refused.starts_with("The secret was not sealed"), "{refused}");
        let cases: [(bool, &str, SecretPlan); 6] = [
            (false, "", SecretPlan::LeaveOut),
            (false, "whsec_a", SecretPlan::LeaveOut),
            (false, &too_long, SecretPlan::LeaveOut),
            (true, "", SecretPlan::LeaveOut),
            (true, &longest, SecretPlan::Seal),
            (true, &too_long, SecretPlan::Refuse(refused.clone())),
        ];
        for (include_secret, secret, plan) in cases {
            let sealing = Sealing { include_secret, ..Sealing::default() };
            assert_eq!(sealing.plan(secret), plan, "{include_secret} {}", secret.len());
        }
    }

    #[test]
    fn a_weak_passphrase_seals_nothing_and_says_why() {
        assert_eq!(Sealing::judged_for_sealing(Ok(())), Ok(()));
        for weak in [Weakness::Empty, Weakness::Unchecked, Weakness::PartOfTheSecret] {
            assert_eq!(
                Sealing::judged_for_sealing(Err(weak.clone())),
                Err(format!("The secret was not sealed: {weak}"))
            );
        }
        assert_eq!(Sealing::not_sealed("no CSPRNG"), "The secret was not sealed: no CSPRNG. Nothing was made.");
    }

    /// The word list is asked for when the form opens without it, and again after a failure.
    #[test]
    fn the_word_list_is_fetched_when_the_form_opens_without_it() {
        let cases = [
            (Words::Waiting, true, true),
            (Words::Failed, true, true),
            (Words::Loaded, true, false),
            (Words::Waiting, false, false),
            (Words::Failed, false, false),
        ];
        for (words, include, fetch) in cases {
            let mut sealing = Sealing { words, ..Sealing::default() };
            assert_eq!(sealing.choose(include), fetch, "{words:?} {include}");
            assert_eq!(sealing.include_secret, include);
        }
        let mut sealing = opened();
        sealing.words_answered(false);
        assert_eq!(sealing.words, Words::Failed);
        sealing.words_answered(true);
        assert_eq!(sealing.words, Words::Loaded);
    }

    #[test]
    fn a_generated_passphrase_fills_the_field_and_a_refusal_is_said() {
        let mut sealing = opened();
        sealing.generated(Ok("abcde-fghjk".into()));
        assert_eq!((sealing.passphrase.as_str(), &sealing.said), ("abcde-fghjk", &None));
        sealing.generated(Err("no CSPRNG".into()));
        assert_eq!(sealing.passphrase, "abcde-fghjk");
        assert_eq!(sealing.said, Some(Said { ok: false, text: "No passphrase was generated: no CSPRNG.".into() }));
    }

    type Event = fn(&mut Sealing);

    /// Every change a link carries makes the link shown out of date, and one during the making
    /// makes the new link out of date as it appears; a refused generation or the word list do not.
    #[test]
    fn a_link_is_out_of_date_once_anything_it_carries_changes() {
        let events: [(&str, Event, bool); 8] = [
            ("page", Sealing::page_changed, true),
            ("tick", |s| _ = s.choose(true), true),
            ("untick", |s| _ = s.choose(false), true),
            ("type", |s| s.type_passphrase("x".into()), true),
            ("generate", |s| s.generated(Ok("x".into())), true),
            ("refused generation", |s| s.generated(Err("no".into())), false),
            ("word list", |s| s.words_answered(true), false),
            ("key", |s| (s.key_started(), s.key_done()).1, false),
        ];
        for (name, event, stales) in events {
            // After the link is made.
            let mut sealing = opened();
            sealing.begin_link();
            sealing.link_made("https://x/#v1.a".into());
            assert!(!sealing.stale && sealing.shows_stale() == sealing.stale);
            event(&mut sealing);
            assert_eq!((sealing.stale, sealing.shows_stale()), (stales, stales), "after: {name}");
            // While it is being made.
            let mut sealing = opened();
            sealing.begin_link();
            event(&mut sealing);
            sealing.link_made("https://x/#v1.b".into());
            assert_eq!(sealing.stale, stales, "during: {name}");
            // Before it was begun: the new link is current.
            let mut sealing = opened();
            event(&mut sealing);
            sealing.begin_link();
            sealing.link_made("https://x/#v1.c".into());
            assert!(!sealing.stale, "before: {name}");
        }
    }

    #[test]
    fn the_out_of_date_note_shows_only_under_a_link() {
        for (stale, link, shows) in [(true, "l", true), (true, "", false), (false, "l", false), (false, "", false)] {
            let sealing = Sealing { stale, link: link.into(), ..Sealing::default() };
            assert_eq!(sealing.shows_stale(), shows, "{stale} {link:?}");
        }
    }

    #[test]
    fn the_buttons_wait_while_the_key_is_derived() {
        let mut sealing = opened();
        sealing.key_started();
        assert!(sealing.sealing);
        sealing.key_done();
        assert!(!sealing.sealing);
    }

    #[test]
    fn what_the_panel_says_after_making_a_link() {
        let link = "https://x/#v1.5.abcde";
        let mut sealing = opened();
        sealing.begin_link();
        sealing.link_made(link.into());
        assert_eq!(sealing.link, link);
        sealing.link_copied(link, true);
        assert_eq!(sealing.said, Some(Said { ok: true, text: format!("Link copied: {} characters.", link.len()) }));
        sealing.link_copied(link, false);
        let refused = "The browser refused the clipboard: the link is selected, press Ctrl+C (⌘C) to copy it.";
        assert_eq!(sealing.said, Some(Said { ok: false, text: refused.into() }));
        sealing.link_refused("The secret was not sealed: weak".into());
        assert_eq!(sealing.said, Some(Said { ok: false, text: "The secret was not sealed: weak".into() }));
        // A refusal leaves the last link as it was.
        assert_eq!(sealing.link, link);
    }

    /// A file is refused past `MAX_FIXTURE_BYTES`, before it is read; at it, it is read.
    #[test]
    fn a_fixture_file_is_refused_by_its_size_before_it_is_read() {
        let too_large = format!("{} Nothing was changed.", FixtureError::TooLarge);
        let cases = [(0.0, true), (MAX_FIXTURE_BYTES as f64, true), (MAX_FIXTURE_BYTES as f64 + 1.0, false)];
        for (size, read) in cases {
            let mut sealing = Sealing::default();
            assert_eq!(sealing.file_chosen(size), read, "{size}");
            assert_eq!(sealing.file_error, (!read).then(|| too_large.clone()), "{size}");
        }
    }

    #[test]
    fn a_file_opened_or_refused() {
        let mut sealing = Sealing::default();
        sealing.file_unreadable("a.json");
        assert_eq!(sealing.file_error.as_deref(), Some("a.json could not be read. Nothing was changed."));
        sealing.file_refused(&FixtureError::Invalid("its note is odd".into()));
        assert_eq!(
            sealing.file_error,
            Some(format!("{} Nothing was changed.", FixtureError::Invalid("its note is odd".into())))
        );
        sealing.file_opened("b.json");
        assert_eq!((sealing.file_error, sealing.said), (None, Some(Said { ok: true, text: "Opened b.json.".into() })));
    }

    #[test]
    fn a_file_saved_or_not() {
        let mut sealing = Sealing { file_error: Some("old".into()), ..Sealing::default() };
        sealing.exported(Err(Sealing::file_not_made("no Blob")));
        assert_eq!(sealing.file_error.as_deref(), Some("The file could not be made: no Blob."));
        sealing.exported(Ok(()));
        assert_eq!(sealing.file_error, None);
    }

    #[test]
    fn the_sentences_name_the_rounds() {
        assert_eq!(sealing_progress(), "Sealing the secret: 600,000 rounds of PBKDF2, in the browser's own crypto…");
        assert_eq!(
            seal_warning(),
            " The secret is sealed with ChaCha20-Poly1305 under a key derived from the passphrase (600,000 rounds \
             of PBKDF2). Send the passphrase another way than the link."
        );
    }
}
