//! Where the body on the page came from, and so what the page may show of it.
//!
//! Cobinar signs only the body, and `createdAt` is inside it. HMAC(reader's secret, a body
//! someone else chose) is therefore a signature the reader's endpoint accepts for that body:
//! one screenshot of it forges a delivery. While the body came from a link or a fixture file
//! (and stays an edit of it), no value derived from the secret and that body is shown; the
//! verdict, the header statuses and the named causes are, since they are what the reader needs
//! and they reveal nothing an attacker can replay. The reader may still reveal the value, after
//! a warning that says what it is.
//!
//! This module decides; the page keeps one `Provenance` and feeds it `BodyEvent`s.

use crate::protocol::headers::SIGNATURE;
use crate::verify::verification::Verification;

/// Who chose the body's bytes, as far as the page can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provenance {
    /// Typed, pasted or imported by the reader, loaded from the reader's own file, or made by
    /// the page itself (the example, the echo).
    Own,
    /// Opened from someone else's link or fixture file, or an edit of such a body.
    Shared { from: SharedFrom, revealed: bool },
}

/// The two ways a body someone else chose reaches the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SharedFrom {
    Link,
    FixtureFile,
}

impl SharedFrom {
    /// The stable name kept with saved work.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Link => "link",
            Self::FixtureFile => "fixture-file",
        }
    }

    /// The origin whose `as_str` is `name`; `None` for any other text.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "link" => Some(Self::Link),
            "fixture-file" => Some(Self::FixtureFile),
            _ => None,
        }
    }

    /// "link" or "file": what the person holds, for sentences.
    pub fn noun(self) -> &'static str {
        match self {
            Self::Link => "link",
            Self::FixtureFile => "file",
        }
    }

    /// "a shared link" or "a fixture file", for sentences.
    pub fn words(self) -> &'static str {
        match self {
            Self::Link => "a shared link",
            Self::FixtureFile => "a fixture file",
        }
    }
}

/// What happened to the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyEvent {
    /// A link or a fixture file put its body on the page (again, after a reveal: a new link
    /// is a new body, and a reveal never carries over to it).
    Opened(SharedFrom),
    /// The reader edited the body. An edit keeps the provenance, so that changing one
    /// character of someone else's body does not make it the reader's; emptying it does.
    Edited { now_empty: bool },
    /// The reader replaced the whole body with their own: *Clear*, *Load an example*, the echo's
    /// *Check it in the verifier*, an import, or a body file of their own.
    Replaced,
    /// The reader chose to see the expected signature, after the warning.
    Revealed,
}

impl Provenance {
    /// The provenance after `event`.
    pub fn after(self, event: BodyEvent) -> Self {
        match (self, event) {
            (_, BodyEvent::Opened(from)) => Self::Shared { from, revealed: false },
            (_, BodyEvent::Replaced | BodyEvent::Edited { now_empty: true }) => Self::Own,
            (Self::Shared { from, .. }, BodyEvent::Revealed) => Self::Shared { from, revealed: true },
            (same, BodyEvent::Edited { now_empty: false } | BodyEvent::Revealed) => same,
        }
    }

    /// Whether values derived from the secret and this body must stay off the page.
    pub fn withholds(self) -> bool {
        matches!(self, Self::Shared { revealed: false, .. })
    }

    /// Where the body came from, when someone else chose it.
    pub fn shared_from(self) -> Option<SharedFrom> {
        match self {
            Self::Own => None,
            Self::Shared { from, .. } => Some(from),
        }
    }
}

/// Whose secret the page checks with. A link or a fixture file may carry a secret (in plain text,
/// as older ones did, or sealed under a passphrase); once it is in the secret field, every verdict
/// is under a secret their maker chose, and they can make any body valid under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretOrigin {
    /// Typed or pasted by the reader, or anything but the secret a link or file put there.
    Reader,
    /// Exactly the secret a link or a fixture file put in the field.
    Shared(SharedFrom),
}

impl SecretOrigin {
    /// `current` is the field's value; `carried`, the secret a link or file last put there, if one
    /// did, and which. Any change to the field makes it the reader's; typing the same secret again
    /// does not.
    pub fn of(current: &str, carried: Option<(&str, SharedFrom)>) -> Self {
        match carried {
            Some((secret, from)) if !current.is_empty() && secret == current => Self::Shared(from),
            _ => Self::Reader,
        }
    }

    /// Whose secret a note speaks of: `your secret`, or `the link's secret` while the field holds
    /// exactly what a link or file put there, which the reader did not choose.
    pub fn whose(self) -> String {
        match self {
            Self::Reader => "your secret".to_string(),
            Self::Shared(from) => format!("the {}'s secret", from.noun()),
        }
    }

    /// The line under the verdict while the carried secret is in use.
    pub fn verdict_note(self) -> Option<String> {
        match self {
            Self::Reader => None,
            Self::Shared(from) => Some(format!(
                "Checked under {whose}, not one you entered. Whoever made the {noun} chose that secret, so they can make any body valid under it: type your own secret to see what your server would say.",
                whose = self.whose(),
                noun = from.noun()
            )),
        }
    }
}

/// The sentence that stands where the expected signature would be, under `secret`'s words.
pub fn withheld_sentence(from: SharedFrom, secret: SecretOrigin) -> String {
    format!(
        "Not shown: this body came from {}, and its signature under {} is a delivery the sender could replay to your endpoint.",
        from.words(),
        secret.whose()
    )
}

/// The warning the reader confirms before the value is revealed.
pub const REVEAL_WARNING: &str = "This value is a signature anyone can replay to your endpoint: with it, the body above becomes a delivery your server accepts as genuine. Show it only if you wrote this body yourself, and never send it to anyone.";

/// The one line beside every expected signature the page shows.
pub const NEVER_SEND: &str = "Never send this value to anyone: with it, this body is a delivery your endpoint accepts.";

/// The verification as the page may show it. Withheld: no expected signature, and the
/// signature row keeps its status, message and received value but loses the expected value and
/// the character diff (which would spell the expected value out).
pub fn shown(verification: &Verification, provenance: Provenance) -> Verification {
    let mut shown = verification.clone();
    let Some(from) = provenance.shared_from().filter(|_| provenance.withholds()) else {
        return shown;
    };
    shown.expected_signature = None;
    for check in shown.checks.iter_mut().filter(|check| check.header == SIGNATURE) {
        if check.expected.take().is_some() {
            check.notes.push(format!(
                "The expected value is not shown, since this body came from {}: see above.",
                from.words()
            ));
        }
        check.diff = None;
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::echo::example::{example_delivery, EXAMPLE_BODY};
    use crate::verify::received_headers;
    use crate::verify::signature;
    use crate::verify::verification::{verify, ReceivedDelivery};

    const LINK: Provenance = Provenance::Shared { from: SharedFrom::Link, revealed: false };
    const REVEALED: Provenance = Provenance::Shared { from: SharedFrom::Link, revealed: true };
    const FILE: Provenance = Provenance::Shared { from: SharedFrom::FixtureFile, revealed: false };

    #[test]
    fn transitions() {
        use BodyEvent::*;
        let cases = [
            (Provenance::Own, Opened(SharedFrom::Link), LINK),
            (Provenance::Own, Opened(SharedFrom::FixtureFile), FILE),
            (Provenance::Own, Edited { now_empty: false }, Provenance::Own),
            (Provenance::Own, Revealed, Provenance::Own),
            (LINK, Edited { now_empty: false }, LINK),
            (LINK, Edited { now_empty: true }, Provenance::Own),
            (LINK, Replaced, Provenance::Own),
            (LINK, Revealed, REVEALED),
            (REVEALED, Edited { now_empty: false }, REVEALED),
            // A new link after a reveal is withheld again.
            (REVEALED, Opened(SharedFrom::Link), LINK),
            (REVEALED, Opened(SharedFrom::FixtureFile), FILE),
            (FILE, Opened(SharedFrom::Link), LINK),
        ];
        for (before, event, after) in cases {
            assert_eq!(before.after(event), after, "{before:?} after {event:?}");
        }
        assert!(LINK.withholds() && FILE.withholds());
        assert!(!REVEALED.withholds() && !Provenance::Own.withholds());
    }

    #[test]
    fn the_secret_is_the_link_s_while_it_is_exactly_what_the_link_put() {
        let carried = Some(("whsec_from_the_link", SharedFrom::Link));
        assert_eq!(SecretOrigin::of("whsec_from_the_link", carried), SecretOrigin::Shared(SharedFrom::Link));
        assert_eq!(SecretOrigin::of("whsec_from_the_lin", carried), SecretOrigin::Reader);
        assert_eq!(SecretOrigin::of("whsec_mine", carried), SecretOrigin::Reader);
        assert_eq!(SecretOrigin::of("", Some(("", SharedFrom::FixtureFile))), SecretOrigin::Reader);
        assert_eq!(
            SecretOrigin::of("whsec_f", Some(("whsec_f", SharedFrom::FixtureFile))),
            SecretOrigin::Shared(SharedFrom::FixtureFile)
        );
        assert_eq!(SecretOrigin::of("whsec_mine", None), SecretOrigin::Reader);
        assert!(SecretOrigin::Reader.verdict_note().is_none());
        assert!(SecretOrigin::Shared(SharedFrom::Link)
            .verdict_note()
            .is_some_and(|note| note.contains("not one you entered")));
        assert!(SecretOrigin::Shared(SharedFrom::FixtureFile)
            .verdict_note()
            .is_some_and(|note| note.starts_with("Checked under the file's secret")));
    }

    /// Once a link's secret is in the field, no note calls it the reader's.
    #[test]
    fn notes_name_whose_secret_it_is() {
        assert_eq!(SecretOrigin::Reader.whose(), "your secret");
        assert_eq!(SecretOrigin::Shared(SharedFrom::Link).whose(), "the link's secret");
        assert_eq!(SecretOrigin::Shared(SharedFrom::FixtureFile).whose(), "the file's secret");
        let link = SecretOrigin::Shared(SharedFrom::Link);
        for said in [withheld_sentence(SharedFrom::Link, link), link.verdict_note().unwrap_or_default()] {
            assert!(said.contains("under the link's secret"), "{said}");
            assert!(!said.contains("your secret"), "{said}");
        }
        assert!(withheld_sentence(SharedFrom::Link, SecretOrigin::Reader).contains("its signature under your secret"));
    }

    #[test]
    fn names_round_trip() {
        for from in [SharedFrom::Link, SharedFrom::FixtureFile] {
            assert_eq!(SharedFrom::from_name(from.as_str()), Some(from));
        }
        assert_eq!(SharedFrom::from_name("typed"), None);
    }

    /// A body the sender chose, a secret the reader typed and a wrong signature: the case in
    /// which the expected value would be a forgery handed to the sender.
    fn crafted(secret: &str) -> (Vec<u8>, Verification) {
        let body = EXAMPLE_BODY.replace("otp.verified", "otp.created").into_bytes();
        let text = example_delivery().headers;
        let headers = received_headers::parse(&text);
        let verification = verify(ReceivedDelivery { secret, body: &body, headers: &headers, now_unix_millis: None });
        (body, verification)
    }

    #[test]
    fn a_withheld_verification_spells_out_nothing_derived_from_the_secret() {
        let secret = "whsec_reader_production";
        let (body, verification) = crafted(secret);
        let forged = signature::sign(secret.as_bytes(), &body);
        let digest = forged.trim_start_matches("sha256=");
        assert!(format!("{verification:?}").contains(digest), "the unguarded value carries it");

        let withheld = shown(&verification, LINK);
        let everything = format!("{withheld:?}");
        assert!(!everything.contains(digest), "{everything}");
        assert!(!everything.to_lowercase().contains(&digest[..16]));
        // What the reader needs stays: the verdict, every status and message, the received value.
        assert_eq!(withheld.verdict, verification.verdict);
        assert_eq!(withheld.summary, verification.summary);
        for (kept, was) in withheld.checks.iter().zip(&verification.checks) {
            assert_eq!(
                (kept.header, kept.status, &kept.message, &kept.received),
                (was.header, was.status, &was.message, &was.received)
            );
        }
        let row = &withheld.checks[0];
        assert!(row.notes.iter().any(|note| note.contains("not shown")), "{:?}", row.notes);
    }

    #[test]
    fn own_and_revealed_bodies_are_shown_whole() {
        let (_, verification) = crafted("whsec_reader_production");
        assert_eq!(shown(&verification, Provenance::Own), verification);
        assert_eq!(shown(&verification, REVEALED), verification);
    }
}
