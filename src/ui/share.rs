//! Fixture links and work in progress: what is on the page becomes a `Fixture`, and a fixture
//! from a link, a file or storage goes back onto the page. The decisions are the core's
//! (`fixture`, `fixture_link`); this only moves values between signals and those calls.

use std::sync::Arc;

use leptos::prelude::*;

use super::app::Inputs;
use super::body_input::LoadedFile;
use super::echo::Echo;
use super::storage::{self, Place};
use super::url_fragment;
use crate::body;
use crate::events;
use crate::fixture::{Fixture, SharedSecret};
use crate::fixture_link;
use crate::secret_box::SealedSecret;

/// What the page knows about the link it was opened with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkStatus {
    None,
    Failed(String),
    Opened {
        /// The sender's secret fingerprint, when the secret was left out.
        fingerprint: Option<String>,
        /// The link carried the secret itself, now in the secret field.
        carried_secret: bool,
        /// The link carries a sealed secret, waiting for its passphrase.
        sealed: Option<SealedSecret>,
    },
}

#[derive(Clone, Copy)]
pub struct Sharing {
    pub note: RwSignal<String>,
    pub link: RwSignal<LinkStatus>,
    pub place: RwSignal<Place>,
    /// The secret typed before a link replaced it, given back when the person goes Back.
    secret_before_link: StoredValue<Option<String>>,
    /// Why work in progress could not be kept, if it could not.
    pub save_problem: RwSignal<Option<String>>,
}

impl Sharing {
    pub fn new() -> Self {
        Self {
            note: RwSignal::new(String::new()),
            link: RwSignal::new(LinkStatus::None),
            place: RwSignal::new(Place::Page),
            secret_before_link: StoredValue::new(None),
            save_problem: RwSignal::new(None),
        }
    }
}

/// Everything on the page that a fixture carries, but the secret.
#[derive(Clone, Copy)]
pub struct Page {
    pub inputs: Inputs,
    pub echo: Echo,
    pub sharing: Sharing,
    pub body_bytes: Memo<Arc<[u8]>>,
}

impl Page {
    pub fn work(&self) -> Fixture {
        let body = self.body_bytes.get_untracked();
        let headers = self.inputs.headers_text.get_untracked();
        let event = self.echo.event.get_untracked().name;
        let note = self.sharing.note.get_untracked();
        Fixture::new(&body, &headers, Some(event), &note, "", crate::fixture::SecretChoice::LeaveOut)
    }

    /// Puts a fixture's body, headers, event and note on the page. `source` names where exact
    /// bytes came from, for the note under the body.
    pub fn apply(&self, fixture: &Fixture, source: &str) {
        let inputs = self.inputs;
        match body::as_typed_text(&fixture.body) {
            Some((text, ending)) => {
                inputs.body_text.set(text);
                inputs.line_ending.set(ending);
                inputs.body_file.set(None);
            }
            None => {
                inputs.body_text.set(body::text_box_view(&fixture.body));
                inputs.body_file.set(Some(LoadedFile { name: source.to_string(), bytes: fixture.body.clone().into() }));
            }
        }
        inputs.headers_text.set(fixture.headers.clone());
        if let Some(event) = fixture.event.as_deref().and_then(events::lookup) {
            if self.echo.event.get_untracked().name != event.name {
                self.echo.event.set(event);
                self.echo.regenerate();
            }
        }
        self.sharing.note.set(fixture.note.clone());
        inputs.fills.update(|n| *n += 1);
    }

    /// Saves the work for the place the page is showing; says so when it cannot.
    pub fn save(&self) {
        let place = self.sharing.place.get_untracked();
        // Browsers keep about 5 MB per site, and writing megabytes blocks the page: a large body
        // is not kept, and the person is told to save it as a file instead.
        let problem = if self.body_bytes.with_untracked(|body| body.len()) > storage::MAX_BODY_BYTES {
            Some(format!(
                "the body is larger than {} KiB; use \"Save as a file\" to keep it",
                storage::MAX_BODY_BYTES / 1024
            ))
        } else {
            storage::save(&place, &self.work()).err()
        };
        if self.sharing.save_problem.get_untracked() != problem {
            self.sharing.save_problem.set(problem);
        }
    }

    /// Shows what belongs at `fragment`: a link's fixture (or the work done on top of it), or
    /// the page's own work. A bad link changes nothing and says what is wrong.
    pub fn open(&self, fragment: &str, at_start: bool) {
        let sharing = self.sharing;
        let before = sharing.place.get_untracked();
        if !fixture_link::looks_like_link(fragment) {
            if at_start || before != Place::Page {
                if !at_start {
                    self.save();
                }
                if let Some(work) = storage::load(&Place::Page) {
                    self.apply(&work, "the saved work");
                }
                if let Some(secret) = sharing.secret_before_link.try_update_value(Option::take).flatten() {
                    self.inputs.secret.set(secret);
                }
            }
            sharing.place.set(Place::Page);
            sharing.link.set(LinkStatus::None);
            return;
        }
        let fixture = match fixture_link::decode(fragment) {
            Ok(fixture) => fixture,
            Err(error) => {
                if at_start {
                    if let Some(work) = storage::load(&Place::Page) {
                        self.apply(&work, "the saved work");
                    }
                }
                sharing.link.set(LinkStatus::Failed(error.to_string()));
                return;
            }
        };
        if !at_start {
            self.save();
        }
        if before == Place::Page {
            sharing.secret_before_link.set_value(Some(self.inputs.secret.get_untracked()));
        }
        let place = Place::Link(fragment.to_string());
        let work = storage::load(&place).unwrap_or_else(|| fixture.without_secret());
        sharing.place.set(place);
        self.apply(&work, "the link");
        let status = match fixture.secret {
            SharedSecret::None => LinkStatus::Opened { fingerprint: None, carried_secret: false, sealed: None },
            SharedSecret::Fingerprint(fp) => {
                LinkStatus::Opened { fingerprint: Some(fp), carried_secret: false, sealed: None }
            }
            SharedSecret::Plain(secret) => {
                self.inputs.secret.set(secret);
                LinkStatus::Opened { fingerprint: None, carried_secret: true, sealed: None }
            }
            SharedSecret::Sealed(sealed) => {
                LinkStatus::Opened { fingerprint: None, carried_secret: false, sealed: Some(sealed) }
            }
        };
        sharing.link.set(status);
    }
}

/// Opens what the address holds now, follows it as it changes, and keeps work in progress.
pub fn start(page: Page) {
    page.open(&url_fragment::current(), true);
    url_fragment::watch(move |fragment| page.open(&fragment, false));
    let timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |first: Option<()>| {
        page.body_bytes.track();
        page.inputs.headers_text.track();
        page.sharing.note.track();
        page.echo.event.track();
        if first.is_none() {
            return;
        }
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        timer.set_value(set_timeout_with_handle(move || page.save(), std::time::Duration::from_millis(400)).ok());
    });
}
