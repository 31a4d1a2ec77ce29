//! The one module that touches storage: work in progress, kept across reloads in localStorage,
//! one entry for the page and one for each of the last few links opened. The secret is never
//! stored: everything goes through `Fixture::without_secret` here, whatever the caller passes.

use crate::fixture::Fixture;
use crate::fixture_link;

const PREFIX: &str = "webhook-echo:v1:wip";
const LINK_INDEX: &str = "webhook-echo:v1:wip-links";
const THEME: &str = "webhook-echo:v1:theme";
/// Bodies larger than this are not kept as work in progress (see `share::Page::save`).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// Work on top of this many links is kept; older ones are dropped.
const LINKS_KEPT: usize = 5;

/// Where work in progress belongs: the page itself, or a link opened in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Page,
    Link(String),
}

impl Place {
    fn key(&self) -> String {
        match self {
            Self::Page => PREFIX.to_string(),
            Self::Link(fragment) => format!("{PREFIX}:{}", fixture_link::place_id(fragment)),
        }
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The work saved for `place`, if any. A damaged entry is removed and treated as none.
pub fn load(place: &Place) -> Option<Fixture> {
    let storage = local_storage()?;
    let key = place.key();
    let text = storage.get_item(&key).ok().flatten()?;
    match Fixture::from_json(text.as_bytes()) {
        Ok(fixture) => Some(fixture.without_secret()),
        Err(_) => {
            let _ = storage.remove_item(&key);
            None
        }
    }
}

/// Saves the work for `place`, without the secret. `Err` says why it could not be kept.
pub fn save(place: &Place, work: &Fixture) -> Result<(), String> {
    let storage = local_storage().ok_or("this browser offers no storage here")?;
    let key = place.key();
    storage
        .set_item(&key, &work.without_secret().to_json())
        .map_err(|_| "it is larger than this browser's storage allows".to_string())?;
    if matches!(place, Place::Link(_)) {
        remember_link(&storage, &key);
    }
    Ok(())
}

/// Keeps the list of link entries short, dropping the oldest.
fn remember_link(storage: &web_sys::Storage, key: &str) {
    let mut keys: Vec<String> = storage
        .get_item(LINK_INDEX)
        .ok()
        .flatten()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    keys.retain(|k| k != key);
    keys.push(key.to_string());
    while keys.len() > LINKS_KEPT {
        let oldest = keys.remove(0);
        let _ = storage.remove_item(&oldest);
    }
    let _ = storage.set_item(LINK_INDEX, &serde_json::to_string(&keys).unwrap_or_default());
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
