//! The one module that touches storage: work in progress, kept across reloads in localStorage,
//! one entry for the page and one for each of the last few links opened, each for at most
//! `saved_work::KEPT_FOR_DAYS`; the person's choice not to keep work at all; the colour scheme
//! and the stack whose words the fixes use.
//! The secret is never stored: `SavedWork` holds the fixture without it, whatever is passed.

use crate::share::fixture::Fixture;
use crate::share::fixture_link;
use crate::share::opening::Place;
use crate::share::provenance::Provenance;
use crate::share::saved_work::{self, Keeping, SavedWork};

const PREFIX: &str = "webhook-echo:v2:wip";
const LINK_INDEX: &str = "webhook-echo:v2:wip-links";
/// The first format: bare fixtures, no date. Taken over once, then removed.
const FIRST_PREFIX: &str = "webhook-echo:v1:wip";
const FIRST_LINK_INDEX: &str = "webhook-echo:v1:wip-links";
const SAVING: &str = "webhook-echo:v1:save-work";
const THEME: &str = "webhook-echo:v1:theme";
const STACK: &str = "webhook-echo:v1:stack";
/// Work on top of this many links is kept; older ones are dropped.
const LINKS_KEPT: usize = 5;

/// The storage key of a place's work.
fn key(place: &Place) -> String {
    match place {
        Place::Page => PREFIX.to_string(),
        Place::Link(fragment) => format!("{PREFIX}:{}", fixture_link::place_id(fragment)),
        Place::File(id) => format!("{PREFIX}:file-{id}"),
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The work saved for `place`, if any and still fresh. A damaged or expired entry is removed.
pub fn load(place: &Place, now_unix_millis: i64) -> Option<SavedWork> {
    let storage = local_storage()?;
    let key = key(place);
    let text = storage.get_item(&key).ok().flatten()?;
    match SavedWork::read(&text, now_unix_millis) {
        Ok(work) => Some(work),
        Err(_) => {
            let _ = storage.remove_item(&key);
            None
        }
    }
}

/// Saves the work for `place` (it holds no secret). `Err` says why it could not be kept.
pub fn save(place: &Place, work: &SavedWork) -> Result<(), String> {
    let storage = local_storage().ok_or("this browser offers no storage here")?;
    let key = key(place);
    storage
        .set_item(&key, &work.to_json())
        .map_err(|_| "it is larger than this browser's storage allows".to_string())?;
    // A link's or a file's entry: only the last few are kept.
    if *place != Place::Page {
        remember_link(&storage, &key);
    }
    Ok(())
}

/// Keeps `work` for `place` by the one rule (`Keeping`): saved, or the place's entry removed when
/// there is nothing worth keeping. `Err` says why it was not kept (too large, or the browser
/// refused it); what was kept before then stays.
pub fn keep(place: &Place, work: &Fixture, provenance: Provenance, now_unix_millis: i64) -> Result<(), String> {
    match Keeping::of(work) {
        Keeping::Save => save(place, &SavedWork::new(work, provenance, now_unix_millis)),
        Keeping::Forget => {
            forget(place);
            Ok(())
        }
        Keeping::TooLarge => Err(saved_work::too_large_sentence()),
    }
}

/// Removes what is saved for `place`.
pub fn forget(place: &Place) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(&key(place));
    }
}

fn link_keys(storage: &web_sys::Storage, index: &str) -> Vec<String> {
    storage.get_item(index).ok().flatten().and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default()
}

/// Keeps the list of link entries short, dropping the oldest.
fn remember_link(storage: &web_sys::Storage, key: &str) {
    let mut keys = link_keys(storage, LINK_INDEX);
    keys.retain(|k| k != key);
    keys.push(key.to_string());
    while keys.len() > LINKS_KEPT {
        let oldest = keys.remove(0);
        let _ = storage.remove_item(&oldest);
    }
    let _ = storage.set_item(LINK_INDEX, &serde_json::to_string(&keys).unwrap_or_default());
}

/// Removes every entry of work in progress, in either format.
pub fn forget_all() {
    let Some(storage) = local_storage() else { return };
    for index in [LINK_INDEX, FIRST_LINK_INDEX] {
        for key in link_keys(&storage, index) {
            let _ = storage.remove_item(&key);
        }
        let _ = storage.remove_item(index);
    }
    let _ = storage.remove_item(PREFIX);
    let _ = storage.remove_item(FIRST_PREFIX);
}

/// Once per start: takes the page's entry of the first format over (dated now, as someone else's
/// body: see `SavedWork::from_first_format`), drops that format's entries for links (their names
/// hash links that may have carried a plain secret; reopening a link brings its fixture back),
/// and drops every entry that has expired.
pub fn tidy(now_unix_millis: i64) {
    let Some(storage) = local_storage() else { return };
    if let Some(text) = storage.get_item(FIRST_PREFIX).ok().flatten() {
        let _ = storage.remove_item(FIRST_PREFIX);
        if let Some(work) = SavedWork::from_first_format(&text, now_unix_millis) {
            let _ = storage.set_item(PREFIX, &work.to_json());
        }
    }
    for key in link_keys(&storage, FIRST_LINK_INDEX) {
        let _ = storage.remove_item(&key);
    }
    let _ = storage.remove_item(FIRST_LINK_INDEX);
    let mut keys = link_keys(&storage, LINK_INDEX);
    keys.push(PREFIX.to_string());
    for key in keys {
        if let Some(text) = storage.get_item(&key).ok().flatten() {
            if SavedWork::read(&text, now_unix_millis).is_err() {
                let _ = storage.remove_item(&key);
            }
        }
    }
}

/// Whether the person lets the page keep work in progress (the default), as they last chose.
pub fn saving_allowed() -> bool {
    local_storage().and_then(|storage| storage.get_item(SAVING).ok().flatten()).as_deref() != Some("off")
}

/// Remembers the choice; stopping removes everything kept so far.
pub fn set_saving_allowed(allowed: bool) {
    let Some(storage) = local_storage() else { return };
    if allowed {
        let _ = storage.remove_item(SAVING);
    } else {
        forget_all();
        let _ = storage.set_item(SAVING, "off");
    }
}

/// The colour scheme the person chose, if they chose one.
pub fn theme() -> Option<String> {
    local_storage()?.get_item(THEME).ok().flatten()
}

/// Remembers the colour scheme; `None` goes back to following the system.
pub fn set_theme(theme: Option<&str>) {
    if let Some(storage) = local_storage() {
        let _ = match theme {
            Some(theme) => storage.set_item(THEME, theme),
            None => storage.remove_item(THEME),
        };
    }
}

/// The stack the person chose for the fixes' words (an id `stacks::Choice::from_id` reads).
pub fn stack() -> Option<String> {
    local_storage()?.get_item(STACK).ok().flatten()
}

/// Remembers the stack chosen; `any` (the default) is forgotten rather than stored.
pub fn set_stack(id: &str) {
    if let Some(storage) = local_storage() {
        let _ = if id == "any" { storage.remove_item(STACK) } else { storage.set_item(STACK, id) };
    }
}
