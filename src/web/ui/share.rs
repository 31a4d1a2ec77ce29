//! Fixture links and work in progress: what is on the page becomes a `Fixture`, and a fixture
//! from a link, a file or storage goes back onto the page. The decisions are the core's
//! (`fixture`, `fixture_link`); this only moves values between signals and those calls.

use std::sync::Arc;

use leptos::prelude::*;

use super::crash;
use super::echo_state::Echo;
use super::handover;
use super::random::now_unix_millis;
use super::state::Inputs;
use super::storage;
use super::url_fragment;
use crate::echo::example::PastedDelivery;
use crate::page::address::{self, Address};
use crate::page::handover::{Arrival, Typed};
use crate::page::inputs::Fill;
use crate::share::fixture::{Fixture, SecretChoice, Work};
use crate::share::opening::{self, LinkStatus, Show, Workspace};
use crate::share::provenance::{BodyEvent, Provenance, SecretOrigin, SharedFrom};
use crate::share::saved_work::Return;

#[derive(Clone, Copy)]
pub struct Sharing {
    pub note: RwSignal<String>,
    pub link: RwSignal<LinkStatus>,
    pub place: RwSignal<Workspace>,
    /// Whether the person lets the page keep work in progress (remembered).
    pub saving: RwSignal<bool>,
    /// The secret typed before a link replaced it, given back when the person goes Back.
    secret_before_link: StoredValue<Option<String>>,
    /// The secret a link last put in the field (in plain text, or unsealed), in memory only:
    /// while the field holds exactly it, verdicts are under the link's secret
    /// (`provenance::SecretOrigin`).
    pub secret_from_link: RwSignal<Option<(String, SharedFrom)>>,
    /// Why work in progress could not be kept, if it could not.
    pub save_problem: RwSignal<Option<String>>,
}

impl Sharing {
    pub fn new() -> Self {
        Self {
            note: RwSignal::new(String::new()),
            link: RwSignal::new(LinkStatus::None),
            place: RwSignal::new(Workspace::Page),
            // As at build time; the stored choice comes in at `boot`.
            saving: RwSignal::new(true),
            secret_before_link: StoredValue::new(None),
            secret_from_link: RwSignal::new(None),
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
    /// The page is shown inside another page's frame: it takes no secret (see `ui::start`).
    pub framed: bool,
}

/// Once the page has taken over the build-time HTML: the choice to keep work as stored, old
/// saved work tidied, what was typed meanwhile put in (`page::handover`), the address opened
/// and followed as it changes, and the caret put back. `typed` is dropped here: no copy of a
/// typed secret outlives the field's own.
pub fn boot(page: Page, typed: Typed) {
    page.sharing.saving.set(storage::saving_allowed());
    storage::tidy(now_unix_millis());
    let fragment = url_fragment::current();
    let shared = if crate::share::fixture_link::looks_like_link(&fragment) {
        Some(SharedFrom::Link)
    } else {
        url_fragment::current_file().map(|_| SharedFrom::FixtureFile)
    };
    let inputs = page.inputs;
    // What was put in the fields after hydration but before this ran (a script, a test):
    // already in them, it counts as typed too, so that saved work does not replace it.
    let typed_late = typed.secret.is_empty() && typed.body.is_empty() && typed.headers.is_empty();
    let arrival = Arrival { framed: page.framed, shared };
    let plan = if typed_late {
        let in_fields = Typed {
            secret: inputs.secret.get_untracked(),
            body: inputs.body_text.get_untracked(),
            headers: inputs.headers_text.get_untracked(),
            caret: None,
        };
        in_fields.handover(arrival)
    } else {
        typed.handover(arrival)
    };
    if let Some(fill) = plan.fill.filter(|_| !typed_late) {
        inputs.apply(fill);
    }
    page.open(&fragment, plan.at_start);
    page.say_address(&fragment);
    url_fragment::watch(move |fragment| {
        page.open(&fragment, false);
        page.say_address(&fragment);
    });
    // Once the fields show what this put in them (their effects run before a timer does).
    let caret = typed.caret.map(|caret| (caret, typed.value(caret.field).to_string()));
    drop(typed);
    set_timeout(
        move || {
            if let Some((caret, held)) = caret {
                handover::put_back_caret(caret, &held);
            }
            handover::say_ready();
        },
        std::time::Duration::ZERO,
    );
}

impl Page {
    /// Whose secret the verdicts are under (tracked: it follows the field and the link).
    pub fn secret_origin(&self) -> SecretOrigin {
        self.inputs.secret.with(|current| {
            self.sharing.secret_from_link.with(|carried| {
                SecretOrigin::of(current, carried.as_ref().map(|(secret, from)| (secret.as_str(), *from)))
            })
        })
    }

    pub fn work(&self) -> Fixture {
        let body = self.body_bytes.get_untracked();
        let headers = self.inputs.headers_text.get_untracked();
        let event = Some(self.echo.event.get_untracked());
        let note = self.sharing.note.get_untracked();
        Fixture::of(Work { body: &body, headers: &headers, event, note: &note }, "", SecretChoice::LeaveOut)
    }

    /// Puts a fixture's body, headers, event and note on the page, with the provenance of its
    /// body. `source` names where exact bytes came from, for the note under the body.
    pub fn apply(&self, fixture: &Fixture, source: &str, provenance: Provenance) {
        let inputs = self.inputs;
        inputs.apply(Fill::fixture(&fixture.body, &fixture.headers, source, provenance));
        if let Some(event) = fixture.event {
            if self.echo.event.get_untracked() != event {
                self.echo.event.set(event);
                self.echo.regenerate();
            }
        }
        self.sharing.note.set(fixture.note.clone());
    }

    /// Comes back to `place`: its saved work, or, with none kept, empty fields, never the body
    /// of the link or file left (`saved_work::Return`).
    fn restore(&self, place: &Workspace) {
        match Return::of(storage::load(place, now_unix_millis()), &self.work()) {
            Return::Saved(saved) => self.apply(&saved.fixture, "the saved work", saved.provenance()),
            Return::Emptied => {
                let nothing = Work { body: &[], headers: "", event: None, note: "" };
                self.apply(&Fixture::of(nothing, "", SecretChoice::LeaveOut), "", Provenance::Own);
            }
            Return::AsIs => {}
        }
    }

    /// Saves the work for the place the page is showing, if the person lets it; says so when
    /// it cannot. An empty page removes what was kept.
    pub fn save(&self) {
        let place = self.sharing.place.get_untracked();
        let provenance = self.inputs.provenance.get_untracked();
        if !self.sharing.saving.get_untracked() {
            return;
        }
        // Another tab may have stopped keeping work since this one started: its choice, stored,
        // wins over the one this tab read then, or this tab would write the work back.
        if !storage::saving_allowed() {
            self.sharing.saving.set(false);
            return;
        }
        let problem = storage::keep(&place, &self.work(), provenance, now_unix_millis()).err();
        if self.sharing.save_problem.get_untracked() != problem {
            self.sharing.save_problem.set(problem);
        }
    }

    /// *Clear*: empties the fields and the note, and removes every saved copy of work, this
    /// place's and every other's.
    pub fn clear(&self) {
        self.inputs.fill(PastedDelivery { secret: String::new(), body: String::new(), headers: String::new() });
        self.sharing.note.set(String::new());
        storage::forget_all();
    }

    /// Starts or stops keeping work in progress; stopping removes everything kept.
    pub fn set_saving(&self, allowed: bool) {
        storage::set_saving_allowed(allowed);
        self.sharing.saving.set(allowed);
        self.sharing.save_problem.set(None);
        if allowed {
            self.save();
        }
    }

    /// Shows what belongs at `fragment`: a link's fixture (or the work done on top of it), or
    /// the page's own work. The plan is the core's (`opening::plan`); this carries it out.
    pub fn open(&self, fragment: &str, at_start: bool) {
        let before = self.sharing.place.get_untracked();
        let file = url_fragment::current_file();
        self.carry_out(opening::plan_entry(fragment, file.as_deref(), at_start, &before, self.framed), "the link");
    }

    /// Says, in the link banner and the console, that the address's fragment is one the page
    /// does not understand (`page::address`).
    fn say_address(&self, fragment: &str) {
        let names_an_element = super::browser_window()
            .and_then(|window| window.document())
            .is_some_and(|document| document.get_element_by_id(fragment).is_some());
        let address = Address::of(fragment, names_an_element);
        if address == Address::Unknown {
            web_sys::console::warn_1(&format!("webhook-echo: {}", address::UNKNOWN).into());
        }
        let status = address.status(self.sharing.link.get_untracked());
        if self.sharing.link.with_untracked(|shown| *shown != status) {
            self.sharing.link.set(status);
        }
    }

    /// Shows a fixture file named `name`: as a link's fixture is shown, in a place of its own
    /// (`opening::plan_file`).
    pub fn open_file(&self, fixture: Fixture, name: &str) {
        let before = self.sharing.place.get_untracked();
        let place = opening::file_place(&fixture);
        self.carry_out(opening::plan_file(fixture, place, &before, self.framed), name);
    }

    /// Takes the plan's steps in order. `source` names where a shown fixture's bytes came from.
    fn carry_out(&self, plan: opening::Opening, source: &str) {
        let sharing = self.sharing;
        let before = sharing.place.get_untracked();
        if plan.save_before {
            self.save();
        }
        if plan.remember_secret {
            sharing.secret_before_link.set_value(Some(self.inputs.secret.get_untracked()));
        }
        if plan.remove_fragment {
            url_fragment::remove();
        }
        let mut place = plan.place.unwrap_or(before);
        if plan.push_entry {
            if let Workspace::File(id) = &place {
                url_fragment::push_file_entry(id);
            }
        }
        match plan.show {
            Show::Nothing => {}
            Show::SavedPageWork => self.restore(&Workspace::Page),
            Show::Shared(fixture, from) => match storage::load(&place, now_unix_millis()) {
                Some(saved) => self.apply(&saved.fixture, "the saved work", saved.provenance()),
                None => {
                    self.apply(&fixture, source, self.inputs.provenance.get_untracked().after(BodyEvent::Opened(from)))
                }
            },
            // A file's entry whose work was not kept (too large, or expired): the page's own, and
            // the secret typed on it, as coming back from a link gives them.
            Show::SavedFileWork => match storage::load(&place, now_unix_millis()) {
                Some(saved) => self.apply(&saved.fixture, "the saved work", saved.provenance()),
                None => {
                    place = Workspace::Page;
                    self.restore(&Workspace::Page);
                    self.give_back_secret();
                }
            },
        }
        if plan.give_back_secret {
            self.give_back_secret();
        }
        if let Some(secret) = plan.secret {
            if let LinkStatus::Opened { from, .. } = plan.status {
                sharing.secret_from_link.set(Some((secret.clone(), from)));
            }
            self.inputs.secret.set(secret);
        }
        sharing.place.set(place.clone());
        sharing.link.set(plan.status);
        // A crash from here on keeps this work at this place, with this provenance: the copies
        // are made together now, before any effect that reacts to the new work can run.
        crash::keep_place_for_recovery(place, self.inputs.provenance.get_untracked());
        self.save_recovery_context();
    }

    /// Puts back the secret remembered when a link or a file replaced the page's own work.
    fn give_back_secret(&self) {
        if let Some(secret) = self.sharing.secret_before_link.try_update_value(Option::take).flatten() {
            self.inputs.secret.set(secret);
        }
    }

    /// Hands a later crash the work as it is now: the body's exact bytes, the headers, the event
    /// and the note.
    fn save_recovery_context(&self) {
        crash::keep_for_recovery(crash::Recovery {
            body: self.body_bytes.get_untracked(),
            headers: self.inputs.headers_text.get_untracked(),
            event: Some(self.echo.event.get_untracked()),
            note: self.sharing.note.get_untracked(),
        });
    }
}

/// Keeps work in progress and the copies a crash would keep. The address is opened by `boot`.
pub fn start(page: Page) {
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
    // A crash keeps the work as it is at that moment, not as the last save left it.
    Effect::new(move |_| {
        page.body_bytes.track();
        page.inputs.headers_text.track();
        page.sharing.note.track();
        page.echo.event.track();
        page.save_recovery_context();
    });
    Effect::new(move |_| crash::keep_place_for_recovery(page.sharing.place.get(), page.inputs.provenance.get()));
    // Emptying someone else's body makes the next one the person's own.
    Effect::new(move |_| {
        if page.body_bytes.with(|body| body.is_empty()) {
            let provenance = page.inputs.provenance.get_untracked();
            let next = provenance.after(BodyEvent::Edited { now_empty: true });
            if next != provenance {
                page.inputs.provenance.set(next);
            }
        }
    });
}
