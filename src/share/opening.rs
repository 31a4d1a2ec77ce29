//! What the page does when the address's fragment changes (at start, on a pasted link, Back or
//! Forward), or a fixture file is opened: a pure plan, from the fragment or the file and where the
//! page was, that `web::ui::share` then carries out step by step. Keeping it here lets every case
//! be tested without a browser.

use sha2::{Digest, Sha256};

use crate::share::fixture::{Fixture, SharedSecret};
use crate::share::fixture_link;
use crate::share::provenance::SharedFrom;
use crate::share::secret_box::SealedSecret;
use crate::share::sender_verdict::SenderVerdict;

/// Where work in progress belongs, each with its own saved work: the page itself, a link opened
/// in it, or a fixture file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Workspace {
    Page,
    /// The link's fragment; never one that carries a plain secret (see `plan`).
    Link(String),
    /// A fixture file, by a short name of its bytes (`file_place`).
    File(String),
}

/// The place of a fixture file's work, named by its fixture (a plain secret replaced by its
/// fingerprint, as a link's place is: nothing derived from the secret names a place in storage
/// or history): the same file opened again comes back with the work done on it, as a link does.
pub fn file_place(fixture: &Fixture) -> Workspace {
    Workspace::File(hex::encode(&Sha256::digest(fixture.without_plain_secret().to_json().as_bytes())[..8]))
}

/// What the page knows about the link it was opened with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkStatus {
    None,
    Failed(String),
    /// A shared fixture is on the page, from a link or a fixture file (`from`).
    Opened {
        from: SharedFrom,
        /// The sender's secret fingerprint, when the secret was left out.
        fingerprint: Option<String>,
        /// The link carried the secret in plain text (made before links sealed it); it is now
        /// in the secret field, and the page took the link out of the address bar.
        carried_secret: bool,
        /// The link carries a sealed secret, waiting for its passphrase.
        sealed: Option<SealedSecret>,
        /// The passphrase opened the sealed secret; it is in the secret field.
        unsealed: bool,
        /// The verdict the sender's page showed, when the link says one this page knows: their
        /// claim, to be worded as such.
        sender_verdict: Option<SenderVerdict>,
    },
}

/// The steps, in the order the page takes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening {
    /// Keep the work of the place being left first.
    pub save_before: bool,
    /// Keep the secret typed on the page, to give it back when the person comes back.
    pub remember_secret: bool,
    /// Take the fragment out of the address bar and the history entry (a plain secret).
    pub remove_fragment: bool,
    /// Give the place a history entry of its own (a fixture file, which has no address), so that
    /// Back leaves it for what was there before.
    pub push_entry: bool,
    /// Where the page now is; `None` stays where it was (a bad link changes nothing).
    pub place: Option<Workspace>,
    /// What goes on the page: the place's saved work, or, for a link with none, the link's own
    /// fixture (always without its secret).
    pub show: Show,
    /// Give back the secret remembered when a link replaced it.
    pub give_back_secret: bool,
    /// The secret to put in the field: a plain secret from an old link, never when framed.
    pub secret: Option<String>,
    pub status: LinkStatus,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Show {
    /// Leave the fields as they are.
    Nothing,
    /// The page's own saved work, if there is any.
    SavedPageWork,
    /// The place's saved work if there is any, else this fixture from the link or file (`from`).
    Shared(Fixture, SharedFrom),
    /// The saved work of the file whose history entry this is (a reload, Back or Forward onto
    /// it); the page's own work where none was kept (a body over 1 MiB, or expired).
    SavedFileWork,
}

impl Opening {
    /// No step taken: every plan is this, but for the steps it names.
    const STAY: Opening = Opening {
        save_before: false,
        remember_secret: false,
        remove_fragment: false,
        push_entry: false,
        place: None,
        show: Show::Nothing,
        give_back_secret: false,
        secret: None,
        status: LinkStatus::None,
    };
}

/// The plan for the page's address: `plan`, unless the history entry is one a fixture file made
/// (`file_entry`, the id of its place) and the fragment holds no link.
pub fn plan_entry(
    fragment: &str,
    file_entry: Option<&str>,
    at_start: bool,
    before: &Workspace,
    framed: bool,
) -> Opening {
    match file_entry {
        Some(id) if !fixture_link::looks_like_link(fragment) => plan_file_entry(id, at_start, before),
        _ => plan(fragment, at_start, before, framed),
    }
}

/// The plan for arriving at a fixture file's history entry: its saved work in its place, as
/// coming back to a link shows the link's. Nothing is shown again when the page is there already.
fn plan_file_entry(id: &str, at_start: bool, before: &Workspace) -> Opening {
    let place = Workspace::File(id.to_string());
    let arriving = at_start || *before != place;
    Opening {
        save_before: arriving && !at_start,
        remember_secret: arriving && !at_start && *before == Workspace::Page,
        show: if arriving { Show::SavedFileWork } else { Show::Nothing },
        place: arriving.then_some(place),
        ..Opening::STAY
    }
}

/// The plan for `fragment` (without `#`), when the page was at `before`. `at_start`: the page
/// has just loaded, so there is no work on it yet to keep or to leave in place. `framed`: shown
/// in another page's frame, where no secret is taken.
pub fn plan(fragment: &str, at_start: bool, before: &Workspace, framed: bool) -> Opening {
    let stay = Opening::STAY;
    if !fixture_link::looks_like_link(fragment) {
        // Leaving a link (or starting): the page's own work comes back. An anchor on the page
        // itself changes nothing.
        let coming_back = at_start || *before != Workspace::Page;
        return Opening {
            save_before: coming_back && !at_start,
            place: Some(Workspace::Page),
            show: if coming_back { Show::SavedPageWork } else { Show::Nothing },
            give_back_secret: coming_back,
            ..stay
        };
    }
    let (fixture, sender_verdict) = match fixture_link::decode_link(fragment) {
        Ok(link) => (link.fixture, link.sender_verdict),
        Err(error) => {
            return Opening {
                show: if at_start { Show::SavedPageWork } else { Show::Nothing },
                status: LinkStatus::Failed(error.to_string()),
                ..stay
            }
        }
    };
    // A link with the secret in plain text leaves the address bar at once, and work on top of
    // it is kept under the same link without the secret, so that nothing derived from the
    // secret reaches storage.
    let carried_secret = matches!(fixture.secret, SharedSecret::Plain(_));
    let place = if carried_secret {
        Workspace::Link(fixture_link::encode(&fixture.without_plain_secret()))
    } else {
        Workspace::Link(fragment.to_string())
    };
    let (secret, status) = opened(&fixture, SharedFrom::Link, sender_verdict, framed);
    Opening {
        save_before: !at_start,
        remember_secret: *before == Workspace::Page,
        remove_fragment: carried_secret,
        place: Some(place),
        show: Show::Shared(fixture.without_secret(), SharedFrom::Link),
        secret,
        status,
        ..stay
    }
}

/// The plan for a fixture file, whose work belongs at `place` (`file_place`), opened when the
/// page was at `before`: as a link is opened. The work of the place left is kept, and the secret
/// typed on the page remembered, to come back to; the file gets a history entry of its own, so
/// that Back returns to what was there before; its banner, fingerprint and sealed box are shown.
pub fn plan_file(fixture: Fixture, place: Workspace, before: &Workspace, framed: bool) -> Opening {
    let (secret, status) = opened(&fixture, SharedFrom::FixtureFile, None, framed);
    Opening {
        save_before: true,
        remember_secret: *before == Workspace::Page,
        push_entry: true,
        place: Some(place),
        show: Show::Shared(fixture.without_secret(), SharedFrom::FixtureFile),
        secret,
        status,
        ..Opening::STAY
    }
}

/// What a shared fixture puts in the secret field, and what the banner says of it.
fn opened(
    fixture: &Fixture,
    from: SharedFrom,
    sender_verdict: Option<SenderVerdict>,
    framed: bool,
) -> (Option<String>, LinkStatus) {
    let (fingerprint, sealed, secret) = match &fixture.secret {
        SharedSecret::None => (None, None, None),
        SharedSecret::Fingerprint(fp) => (Some(fp.clone()), None, None),
        SharedSecret::Plain(secret) => (None, None, (!framed).then(|| secret.clone())),
        SharedSecret::Sealed(sealed) => (None, Some(sealed.clone()), None),
    };
    let carried_secret = matches!(fixture.secret, SharedSecret::Plain(_));
    (secret, LinkStatus::Opened { from, fingerprint, carried_secret, sealed, unsealed: false, sender_verdict })
}

/// The warning for a secret shared in plain text, as versions before sealing made them.
pub fn plain_secret_warning(from: SharedFrom, framed: bool) -> &'static str {
    match (from, framed) {
        (SharedFrom::Link, true) => "This link carries the secret in plain text, as links made by older versions did. Anyone with the link has it.",
        (SharedFrom::Link, false) => "This link carried the secret in plain text, as links made by older versions did: it is in the secret field, and anyone with the link has it too. The page took the link out of the address bar and this tab's history, but your browser's history list may still hold it: delete it there. Ask the sender for a sealed link, and consider rotating the secret.",
        (SharedFrom::FixtureFile, true) => "This file carries the secret in plain text, as files made by older versions did. Anyone with the file has it.",
        (SharedFrom::FixtureFile, false) => "This file carried the secret in plain text, as files made by older versions did: it is in the secret field, and anyone with the file has it too. Ask the sender for a sealed one, and consider rotating the secret.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::echo::example::{example_delivery, EXAMPLE_BODY};
    use crate::protocol::events::Event;
    use crate::share::fixture::{SecretChoice, Work};
    use crate::share::secret_box::{derive_key, NONCE_LEN, SALT_LEN};

    fn fixture(secret: SharedSecret) -> Fixture {
        Fixture {
            body: EXAMPLE_BODY.as_bytes().to_vec(),
            headers: example_delivery().headers,
            event: Some(Event::OtpVerified),
            note: "see".into(),
            secret,
            case: Default::default(),
        }
    }

    fn link(secret: SharedSecret) -> String {
        fixture_link::encode(&fixture(secret))
    }

    #[test]
    fn an_anchor_or_no_fragment() {
        let at_start = plan("", true, &Workspace::Page, false);
        assert_eq!(
            (at_start.save_before, at_start.show, at_start.give_back_secret),
            (false, Show::SavedPageWork, true)
        );
        assert_eq!(at_start.place, Some(Workspace::Page));
        // An anchor on the page itself: nothing moves.
        let anchor = plan("result", false, &Workspace::Page, false);
        assert_eq!((anchor.save_before, anchor.show, anchor.give_back_secret), (false, Show::Nothing, false));
        // Back from a link: keep the link's work, bring the page's back, and its secret.
        let back = plan("", false, &Workspace::Link("v1.x".into()), false);
        assert_eq!((back.save_before, back.show, back.give_back_secret), (true, Show::SavedPageWork, true));
        assert_eq!((back.place, back.status), (Some(Workspace::Page), LinkStatus::None));
    }

    #[test]
    fn a_bad_link_changes_nothing_but_says_why() {
        for at_start in [true, false] {
            let bad = plan("v1.8.!!!!!!!!", at_start, &Workspace::Page, false);
            assert!(matches!(bad.status, LinkStatus::Failed(ref why) if why.contains("malformed")), "{bad:?}");
            assert_eq!((bad.place, bad.save_before, bad.remember_secret, bad.secret), (None, false, false, None));
            // At start there is no work on the page yet: the page's own comes back under the message.
            assert_eq!(bad.show, if at_start { Show::SavedPageWork } else { Show::Nothing });
        }
    }

    #[test]
    fn a_link_with_the_senders_verdict() {
        use crate::diagnose::diagnosis::Cause;
        use crate::share::sender_verdict::SentVerdict;
        let verdict = SenderVerdict { verdict: SentVerdict::SignatureMismatch, causes: vec![Cause::BodyReserialized] };
        let fragment = fixture_link::encode_with_verdict(&fixture(SharedSecret::None), Some(&verdict));
        let opened = plan(&fragment, true, &Workspace::Page, false);
        assert_eq!(opened.show, Show::Shared(fixture(SharedSecret::None), SharedFrom::Link));
        assert!(
            matches!(&opened.status, LinkStatus::Opened { sender_verdict: Some(v), .. } if *v == verdict),
            "{:?}",
            opened.status
        );
    }

    #[test]
    fn a_link_with_a_fingerprint() {
        let fragment = link(SharedSecret::Fingerprint("a1b2-c3d4".into()));
        let opened = plan(&fragment, false, &Workspace::Page, false);
        assert_eq!((opened.save_before, opened.remember_secret, opened.remove_fragment), (true, true, false));
        assert_eq!(opened.place, Some(Workspace::Link(fragment.clone())));
        assert_eq!(opened.show, Show::Shared(fixture(SharedSecret::None), SharedFrom::Link));
        assert_eq!(opened.secret, None);
        assert_eq!(
            opened.status,
            LinkStatus::Opened {
                from: SharedFrom::Link,
                fingerprint: Some("a1b2-c3d4".into()),
                carried_secret: false,
                sealed: None,
                unsealed: false,
                sender_verdict: None
            }
        );
        // From one link to another: the page's secret stays remembered from the first time.
        let next = plan(&fragment, false, &Workspace::Link("v1.other".into()), false);
        assert!(!next.remember_secret);
    }

    #[test]
    fn a_plain_secret_leaves_the_address_and_never_names_the_place() {
        let fragment = link(SharedSecret::Plain("whsec_plain".into()));
        let opened = plan(&fragment, true, &Workspace::Page, false);
        assert!(opened.remove_fragment);
        assert_eq!(opened.secret.as_deref(), Some("whsec_plain"));
        let Some(Workspace::Link(place)) = &opened.place else { panic!("{opened:?}") };
        assert_ne!(place, &fragment);
        assert!(fixture_link::decode(place).is_ok_and(|f| matches!(f.secret, SharedSecret::Fingerprint(_))));
        assert!(matches!(opened.show, Show::Shared(ref f, SharedFrom::Link) if f.secret == SharedSecret::None));
        // Framed, the secret is not taken.
        assert_eq!(plan(&fragment, true, &Workspace::Page, true).secret, None);
    }

    #[test]
    fn a_sealed_secret_waits_for_its_passphrase() {
        let key = derive_key("correct horse battery staple", &[1; SALT_LEN]);
        let sealed = Fixture::of(
            Work { body: EXAMPLE_BODY.as_bytes(), headers: "", event: None, note: "" },
            "whsec_sealed",
            SecretChoice::Seal { key: &key, salt: [1; SALT_LEN], nonce: [2; NONCE_LEN] },
        );
        let opened = plan(&fixture_link::encode(&sealed), false, &Workspace::Page, false);
        assert_eq!(opened.secret, None);
        assert!(matches!(opened.status, LinkStatus::Opened { sealed: Some(_), carried_secret: false, .. }));
        assert!(!format!("{opened:?}").contains("whsec_sealed"));
    }

    #[test]
    fn a_file_opens_in_a_place_of_its_own_as_a_link_does() {
        // Opened on the page's own work: that work is kept and the typed secret remembered, to
        // come back to with Back; the file's banner (note, fingerprint) is shown.
        let file = fixture(SharedSecret::Fingerprint("a1b2-c3d4".into()));
        let place = file_place(&file);
        let opened = plan_file(file.clone(), place.clone(), &Workspace::Page, false);
        assert_eq!(
            (opened.save_before, opened.remember_secret, opened.remove_fragment, opened.push_entry),
            (true, true, false, true)
        );
        assert_eq!(opened.place, Some(place.clone()));
        assert_ne!(opened.place, Some(Workspace::Page));
        assert_eq!(opened.show, Show::Shared(fixture(SharedSecret::None), SharedFrom::FixtureFile));
        assert_eq!((opened.secret, opened.give_back_secret), (None, false));
        assert_eq!(
            opened.status,
            LinkStatus::Opened {
                from: SharedFrom::FixtureFile,
                fingerprint: Some("a1b2-c3d4".into()),
                carried_secret: false,
                sealed: None,
                unsealed: false,
                sender_verdict: None
            }
        );
        // Over a link: the link's address stays in its own history entry, and the secret the
        // page remembered before the link stays remembered.
        let over_link = plan_file(file, place, &Workspace::Link("v1.other".into()), false);
        assert_eq!((over_link.remove_fragment, over_link.remember_secret, over_link.push_entry), (false, false, true));
        // The same fixture, the same place; another, another. A plain secret names no place: the
        // file's place is that of the file with the secret's fingerprint.
        assert_eq!(file_place(&fixture(SharedSecret::None)), file_place(&fixture(SharedSecret::None)));
        assert_ne!(
            file_place(&fixture(SharedSecret::None)),
            file_place(&Fixture { note: "other".into(), ..fixture(SharedSecret::None) })
        );
        let plain = fixture(SharedSecret::Plain("whsec_plain".into()));
        assert_eq!(file_place(&plain), file_place(&plain.without_plain_secret()));
        assert_ne!(
            file_place(&plain),
            file_place(&fixture(SharedSecret::Plain("whsec_other".into())).without_secret())
        );
    }

    #[test]
    fn a_files_history_entry_brings_back_its_saved_work() {
        let Workspace::File(id) = file_place(&fixture(SharedSecret::None)) else { panic!("a file's place") };
        // A reload on the file's entry: its place, its saved work; nothing to keep first.
        let reload = plan_entry("", Some(&id), true, &Workspace::Page, false);
        assert_eq!(
            (reload.place, reload.show, reload.save_before),
            (Some(Workspace::File(id.clone())), Show::SavedFileWork, false)
        );
        // Forward onto it from the page's own work: that work kept, the secret remembered.
        let forward = plan_entry("", Some(&id), false, &Workspace::Page, false);
        assert_eq!((forward.save_before, forward.remember_secret), (true, true));
        // Already there: nothing changes.
        let there = plan_entry("", Some(&id), false, &Workspace::File(id.clone()), false);
        assert_eq!((there.place, there.show, there.save_before), (None, Show::Nothing, false));
        // A link in the address wins over the entry's mark; no mark is the plan of old.
        let fragment = link(SharedSecret::None);
        assert_eq!(
            plan_entry(&fragment, Some(&id), false, &Workspace::Page, false),
            plan(&fragment, false, &Workspace::Page, false)
        );
        assert_eq!(plan_entry("", None, true, &Workspace::Page, false), plan("", true, &Workspace::Page, false));
    }

    #[test]
    fn a_files_secret_is_used_as_a_links_is() {
        let place = file_place(&fixture(SharedSecret::None));
        let plain =
            plan_file(fixture(SharedSecret::Plain("whsec_plain".into())), place.clone(), &Workspace::Page, false);
        assert_eq!(plain.secret.as_deref(), Some("whsec_plain"));
        assert!(matches!(plain.status, LinkStatus::Opened { carried_secret: true, .. }));
        assert!(matches!(plain.show, Show::Shared(ref f, SharedFrom::FixtureFile) if f.secret == SharedSecret::None));
        assert_eq!(
            plan_file(fixture(SharedSecret::Plain("whsec_plain".into())), place.clone(), &Workspace::Page, true).secret,
            None
        );
        let key = derive_key("correct horse battery staple", &[1; SALT_LEN]);
        let sealed = Fixture::of(
            Work { body: EXAMPLE_BODY.as_bytes(), headers: "", event: None, note: "" },
            "whsec_sealed",
            SecretChoice::Seal { key: &key, salt: [1; SALT_LEN], nonce: [2; NONCE_LEN] },
        );
        let opened = plan_file(sealed, place, &Workspace::Page, false);
        assert!(matches!(opened.status, LinkStatus::Opened { sealed: Some(_), from: SharedFrom::FixtureFile, .. }));
        assert_eq!(opened.secret, None);
    }
}
