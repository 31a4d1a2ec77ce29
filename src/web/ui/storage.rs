//! The one module that touches storage: work in progress, kept across reloads in localStorage,
//! one entry for the page and one for each of the last few links opened, each for at most
//! `saved_work::KEPT_FOR_DAYS`; the person's choice not to keep work at all; the colour scheme
//! and the stack whose words the fixes use. Which entries go, and the index of links' entries, are
//! `saved_entries`'s plans over every key found by its prefix; this enumerates and carries out.
//! The secret is never stored: `SavedWork` holds the fixture without it, whatever is passed.

use crate::share::fixture::Fixture;
use crate::share::opening::Workspace;
use crate::share::provenance::Provenance;
use crate::share::saved_entries::{self, place_key, Plan, LINK_INDEX};
use crate::share::saved_work::{self, Keeping, SavedWork};

const SAVING: &str = "webhook-echo:v1:save-work";
const THEME: &str = "webhook-echo:v1:theme";
const STACK: &str = "webhook-echo:v1:stack";

fn local_storage() -> Option<web_sys::Storage> {
    super::browser_window()?.local_storage().ok().flatten()
}

/// Every key of saved work in storage, in either format, found by its prefix: not through the
/// index, which a damaged text or a refused write can leave short.
fn saved_keys(storage: &web_sys::Storage) -> Vec<String> {
    let count = storage.length().unwrap_or(0);
    (0..count).filter_map(|n| storage.key(n).ok().flatten()).filter(|key| saved_entries::is_saved_work(key)).collect()
}

/// Carries `plan` out: its removals, then its writes; a refused write removes what it would leave
/// behind unlisted. Returns the keys removed that way.
fn carry_out(storage: &web_sys::Storage, plan: Plan) -> Vec<String> {
    for key in &plan.remove {
        let _ = storage.remove_item(key);
    }
    let mut refused = Vec::new();
    for write in plan.write {
        if storage.set_item(&write.key, &write.value).is_err() {
            for key in write.if_refused_remove {
                let _ = storage.remove_item(&key);
                refused.push(key);
            }
        }
    }
    refused
}

/// The work saved for `place`, if any and still fresh. A damaged or expired entry is removed.
pub fn load(place: &Workspace, now_unix_millis: i64) -> Option<SavedWork> {
    let storage = local_storage()?;
    let key = place_key(place);
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
pub fn save(place: &Workspace, work: &SavedWork) -> Result<(), String> {
    let storage = local_storage().ok_or("this browser offers no storage here")?;
    let key = place_key(place);
    storage
        .set_item(&key, &work.to_json())
        .map_err(|_| "it is larger than this browser's storage allows".to_string())?;
    if *place == Workspace::Page {
        return Ok(());
    }
    // A link's or a file's entry: listed in the index, and only the last few kept. When the
    // index cannot be written, the entry it would leave unlisted is removed again.
    let index = storage.get_item(LINK_INDEX).ok().flatten();
    let plan = saved_entries::after_saving(&saved_keys(&storage), index.as_deref(), &key);
    if carry_out(&storage, plan).contains(&key) {
        return Err("this browser refused to store the list of kept work (its storage for this page is full)".into());
    }
    Ok(())
}

/// Keeps `work` for `place` by the one rule (`Keeping`): saved, or the place's entry removed when
/// there is nothing worth keeping. `Err` says why it was not kept (too large, or the browser
/// refused it); what was kept before then stays.
pub fn keep(place: &Workspace, work: &Fixture, provenance: Provenance, now_unix_millis: i64) -> Result<(), String> {
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
pub fn forget(place: &Workspace) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(&place_key(place));
    }
}

/// Removes every entry of work in progress, in either format, and their indexes: every key
/// under their prefixes, whatever an index lists.
pub fn forget_all() {
    let Some(storage) = local_storage() else { return };
    for key in saved_entries::forget_all(&saved_keys(&storage)) {
        let _ = storage.remove_item(&key);
    }
}

/// Once per start (`saved_entries::tidy`): takes the first format's page entry over, drops that
/// format's other entries and every entry expired, damaged or unknown, found by its key, and
/// rebuilds the index from the keys that stay.
pub fn tidy(now_unix_millis: i64) {
    let Some(storage) = local_storage() else { return };
    let entries: Vec<(String, String)> = saved_keys(&storage)
        .into_iter()
        .map(|key| {
            let text = storage.get_item(&key).ok().flatten().unwrap_or_default();
            (key, text)
        })
        .collect();
    carry_out(&storage, saved_entries::tidy(&entries, now_unix_millis));
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
