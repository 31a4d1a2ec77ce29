//! Saved work as a whole, in the browser's storage: every entry is found by its key's prefix, in
//! either format, never only through the list of links' entries (the index), which a damaged
//! text or a refused write can leave short. This decides, from plain keys and values, what
//! forgetting removes, what a start tidies away, and the index rebuilt from the keys;
//! `web::ui::storage` enumerates the keys and carries the `Plan` out.

use crate::share::fixture_link;
use crate::share::opening::Workspace;
use crate::share::saved_work::SavedWork;

/// The page's own entry; every other entry of this format starts with it and a colon.
pub const PAGE_KEY: &str = "webhook-echo:v2:wip";
/// The list of links' and files' entries, oldest first.
pub const LINK_INDEX: &str = "webhook-echo:v2:wip-links";
/// The first format: bare fixtures, no date. Taken over once, then removed.
pub const FIRST_PAGE_KEY: &str = "webhook-echo:v1:wip";
/// Work on top of this many links and files is kept; older ones are dropped.
pub const LINKS_KEPT: usize = 5;

/// The storage key of a place's work.
pub fn place_key(place: &Workspace) -> String {
    match place {
        Workspace::Page => PAGE_KEY.to_string(),
        Workspace::Link(fragment) => format!("{PAGE_KEY}:{}", fixture_link::place_id(fragment)),
        Workspace::File(id) => format!("{PAGE_KEY}:file-{id}"),
    }
}

/// Whether `key` belongs to saved work, in either format: an entry, or a list of entries.
pub fn is_saved_work(key: &str) -> bool {
    key.starts_with(PAGE_KEY) || key.starts_with(FIRST_PAGE_KEY)
}

/// A link's or a file's entry in the current format.
fn is_place_entry(key: &str) -> bool {
    key.strip_prefix(PAGE_KEY).is_some_and(|rest| rest.starts_with(':'))
}

/// What forgetting everything removes: every key of saved work, whatever the index says.
pub fn forget_all<S: AsRef<str>>(keys: &[S]) -> Vec<String> {
    keys.iter().map(AsRef::as_ref).filter(|key| is_saved_work(key)).map(str::to_string).collect()
}

/// Steps on storage, taken in order: the removals, then the writes.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Plan {
    pub remove: Vec<String>,
    pub write: Vec<Write>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Write {
    pub key: String,
    pub value: String,
    /// Removed when the browser refuses the write (a full quota): what it would otherwise leave
    /// behind unlisted, or damaged.
    pub if_refused_remove: Vec<String>,
}

/// The index's keys, when its text reads as a list of keys.
fn listed(index: Option<&str>) -> Option<Vec<String>> {
    serde_json::from_str(index?).ok()
}

/// `entries` (a key, and when it was saved if that is known) in the order they were saved,
/// oldest first: those the index lists in its order, after those it does not (by date, then
/// key), which are taken as the oldest.
fn in_saved_order(mut entries: Vec<(String, Option<i64>)>, listed: &[String]) -> Vec<String> {
    let position = |key: &str| listed.iter().position(|listed| listed == key);
    entries.sort_by(|(a, a_at), (b, b_at)| (position(a), a_at, a).cmp(&(position(b), b_at, b)));
    entries.into_iter().map(|(key, _)| key).collect()
}

/// Keeps the newest `LINKS_KEPT` of `ordered` (oldest first), removes the rest, and writes the
/// index of those kept, unless `index` already says exactly that. A refused write removes the
/// entries it would leave unlisted: every one the stored index does not list (all of them,
/// and the stored index, when it is unreadable).
fn keep_newest(mut ordered: Vec<String>, index: Option<&str>, plan: &mut Plan) {
    let dropped = ordered.len().saturating_sub(LINKS_KEPT);
    plan.remove.extend(ordered.drain(..dropped));
    let stored = listed(index);
    if ordered.is_empty() {
        if index.is_some() {
            plan.remove.push(LINK_INDEX.to_string());
        }
        return;
    }
    let value = serde_json::to_string(&ordered).unwrap_or_default();
    if index == Some(value.as_str()) {
        return;
    }
    let mut if_refused_remove: Vec<String> = match &stored {
        Some(stored) => ordered.iter().filter(|key| !stored.contains(key)).cloned().collect(),
        None => ordered.clone(),
    };
    if index.is_some() && stored.is_none() {
        if_refused_remove.push(LINK_INDEX.to_string());
    }
    plan.write.push(Write { key: LINK_INDEX.to_string(), value, if_refused_remove });
}

/// After the entry `saved` (a link's or a file's) was written: it is the newest, the oldest
/// beyond `LINKS_KEPT` are removed, and the index is rebuilt from `keys` (every key in storage)
/// and `index` (the index's text, if there is one), so that an entry it lost is listed again.
pub fn after_saving<S: AsRef<str>>(keys: &[S], index: Option<&str>, saved: &str) -> Plan {
    let entries = keys
        .iter()
        .map(AsRef::as_ref)
        .filter(|key| is_place_entry(key) && *key != saved)
        .map(|key| (key.to_string(), None))
        .collect();
    let mut ordered = in_saved_order(entries, &listed(index).unwrap_or_default());
    ordered.push(saved.to_string());
    let mut plan = Plan::default();
    keep_newest(ordered, index, &mut plan);
    plan
}

/// Once per start, over every entry of saved work (`entries`: each key and its text): the page's
/// entry of the first format is taken over (dated now, as someone else's body: see
/// `SavedWork::from_first_format`) unless the page has work in the current format; every other
/// key of the first format goes (its links' entries are named by hashes of links that may have
/// carried a plain secret; reopening a link brings its fixture back); entries that expired, are
/// damaged or are not known go; and the index is rebuilt from the keys that stay.
pub fn tidy<K: AsRef<str>, V: AsRef<str>>(entries: &[(K, V)], now_unix_millis: i64) -> Plan {
    let mut plan = Plan::default();
    let mut index = None;
    let mut page_kept = false;
    let mut first_page = None;
    let mut links = Vec::new();
    for (key, text) in entries {
        let (key, text) = (key.as_ref(), text.as_ref());
        let read = || SavedWork::read(text, now_unix_millis).ok();
        if key == LINK_INDEX {
            index = Some(text);
        } else if key == PAGE_KEY {
            match read() {
                Some(_) => page_kept = true,
                None => plan.remove.push(key.to_string()),
            }
        } else if is_place_entry(key) {
            match read() {
                Some(work) => links.push((key.to_string(), Some(work.saved_at_unix_millis))),
                None => plan.remove.push(key.to_string()),
            }
        } else if is_saved_work(key) {
            if key == FIRST_PAGE_KEY {
                first_page = SavedWork::from_first_format(text, now_unix_millis);
            }
            plan.remove.push(key.to_string());
        }
    }
    if let Some(work) = first_page.filter(|_| !page_kept) {
        plan.write.push(Write { key: PAGE_KEY.to_string(), value: work.to_json(), if_refused_remove: Vec::new() });
    }
    let ordered = in_saved_order(links, &listed(index).unwrap_or_default());
    keep_newest(ordered, index, &mut plan);
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::share::fixture::{Fixture, SharedSecret};
    use crate::share::provenance::Provenance;

    const NOW: i64 = 1_780_000_000_000;
    const DAY: i64 = 24 * 60 * 60 * 1000;
    const V1_LINK: &str = "webhook-echo:v1:wip:0011223344556677";

    fn link(n: u32) -> String {
        format!("{PAGE_KEY}:{n:016x}")
    }

    #[test]
    fn each_place_has_its_own_key_under_the_prefix_forgetting_finds() {
        let (page, link, file) = (
            place_key(&Workspace::Page),
            place_key(&Workspace::Link("#v1.4.abcd".into())),
            place_key(&Workspace::File("0123456789abcdef".into())),
        );
        assert_eq!(page, "webhook-echo:v2:wip");
        // The link's id is the first 8 bytes of its fragment's SHA-256, with or without its '#'.
        assert_eq!(link, format!("webhook-echo:v2:wip:{}", fixture_link::place_id("v1.4.abcd")));
        assert_eq!(link, place_key(&Workspace::Link("v1.4.abcd".into())));
        assert_ne!(link, place_key(&Workspace::Link("#v1.4.abce".into())));
        assert_eq!(file, "webhook-echo:v2:wip:file-0123456789abcdef");
        assert!([&page, &link, &file].iter().all(|key| is_saved_work(key)));
        assert!(is_place_entry(&link) && is_place_entry(&file) && !is_place_entry(&page));
        assert_eq!(forget_all(&[page.clone(), link.clone(), file.clone()]), [page, link, file]);
    }

    fn entry(saved_at: i64) -> String {
        let fixture = Fixture {
            body: b"{\"phone\":\"+999 482 918 102\"}".to_vec(),
            headers: String::new(),
            event: None,
            note: String::new(),
            secret: SharedSecret::None,
            case: Default::default(),
        };
        SavedWork::new(&fixture, Provenance::Own, saved_at).to_json()
    }

    fn index(keys: &[String]) -> String {
        serde_json::to_string(keys).unwrap()
    }

    /// Every key that stays once `plan` is carried out with every write accepted.
    fn after(entries: &[(String, String)], plan: &Plan) -> Vec<String> {
        let mut keys: Vec<String> =
            entries.iter().map(|(key, _)| key.clone()).filter(|key| !plan.remove.contains(key)).collect();
        for write in &plan.write {
            if !keys.contains(&write.key) {
                keys.push(write.key.clone());
            }
        }
        keys.sort();
        keys
    }

    fn index_written(plan: &Plan) -> Option<Vec<String>> {
        plan.write.iter().find(|w| w.key == LINK_INDEX).map(|w| serde_json::from_str(&w.value).unwrap())
    }

    #[test]
    fn forgetting_finds_every_entry_by_its_key() {
        let keys = [
            PAGE_KEY.to_string(),
            link(1),
            LINK_INDEX.to_string(),
            FIRST_PAGE_KEY.to_string(),
            V1_LINK.to_string(),
            "webhook-echo:v1:wip-links".to_string(),
            // Not saved work: the person's choices, and another site's keys.
            "webhook-echo:v1:save-work".to_string(),
            "webhook-echo:v1:theme".to_string(),
            "webhook-echo:v1:stack".to_string(),
            "other:webhook-echo:v2:wip".to_string(),
        ];
        let mut removed = forget_all(&keys);
        removed.sort();
        let mut expected = keys[..6].to_vec();
        expected.sort();
        assert_eq!(removed, expected);
    }

    #[test]
    fn a_damaged_index_is_rebuilt_from_the_keys_in_date_order() {
        for damaged in ["{{garbage", "", "{}", "[1,2]", "null"] {
            let entries = vec![
                (PAGE_KEY.to_string(), entry(NOW - DAY)),
                (link(2), entry(NOW - 2 * DAY)),
                (link(1), entry(NOW - DAY)),
                (LINK_INDEX.to_string(), damaged.to_string()),
            ];
            let plan = tidy(&entries, NOW);
            assert_eq!(plan.remove, Vec::<String>::new(), "{damaged}");
            assert_eq!(
                plan.write,
                vec![Write {
                    key: LINK_INDEX.into(),
                    value: index(&[link(2), link(1)]),
                    // Refused: nothing the damaged index cannot list stays, nor the damaged index.
                    if_refused_remove: vec![link(2), link(1), LINK_INDEX.into()],
                }],
                "{damaged}"
            );
        }
    }

    #[test]
    fn expired_and_damaged_entries_go_whatever_the_index_says() {
        let entries = vec![
            (PAGE_KEY.to_string(), entry(NOW - 30 * DAY)),
            (link(1), entry(NOW - 30 * DAY)),
            (link(2), entry(NOW - DAY)),
            (link(3), "{{not saved work".to_string()),
            (format!("{PAGE_KEY}:file-0123456789abcdef"), entry(NOW - 8 * DAY)),
            (LINK_INDEX.to_string(), "{{garbage".to_string()),
        ];
        let plan = tidy(&entries, NOW);
        let mut kept = vec![link(2), LINK_INDEX.to_string()];
        kept.sort();
        assert_eq!(after(&entries, &plan), kept);
        assert_eq!(index_written(&plan), Some(vec![link(2)]));
        // Everything expired: no entry, and no index either.
        let entries = vec![
            (PAGE_KEY.to_string(), entry(NOW - 30 * DAY)),
            (link(1), entry(NOW - 30 * DAY)),
            (LINK_INDEX.to_string(), "{{garbage".to_string()),
        ];
        assert_eq!(after(&entries, &tidy(&entries, NOW)), Vec::<String>::new());
    }

    #[test]
    fn a_healthy_index_is_left_alone_and_keeps_its_order() {
        // Saved in the order 2, 1 (a clock set back between them): the index's order stands.
        let keys = [link(2), link(1)];
        let entries =
            vec![(link(1), entry(NOW - 2 * DAY)), (link(2), entry(NOW - DAY)), (LINK_INDEX.to_string(), index(&keys))];
        assert_eq!(tidy(&entries, NOW), Plan::default());
        // An entry the index lost (its write refused by an older version) is listed, as the oldest.
        let mut entries = entries;
        entries.push((link(3), entry(NOW)));
        let plan = tidy(&entries, NOW);
        assert_eq!(index_written(&plan), Some(vec![link(3), link(2), link(1)]));
        assert_eq!(plan.write[0].if_refused_remove, vec![link(3)]);
    }

    #[test]
    fn the_first_format_is_taken_over_once_and_its_links_dropped() {
        let old_page = r#"{"webhookEchoFixture":1,"body":"{\"phone\":\"+999\"}"}"#;
        let entries = vec![
            (FIRST_PAGE_KEY.to_string(), old_page.to_string()),
            (V1_LINK.to_string(), old_page.to_string()),
            ("webhook-echo:v1:wip-links".to_string(), "{{garbage".to_string()),
        ];
        let plan = tidy(&entries, NOW);
        assert_eq!(after(&entries, &plan), vec![PAGE_KEY.to_string()]);
        let page = SavedWork::read(&plan.write[0].value, NOW).unwrap();
        assert!(page.provenance().withholds());
        // Work of the current format is newer: it is not replaced.
        let mut entries = entries;
        entries.push((PAGE_KEY.to_string(), entry(NOW - DAY)));
        let plan = tidy(&entries, NOW);
        assert_eq!(plan.write, Vec::new());
        assert_eq!(after(&entries, &plan), vec![PAGE_KEY.to_string()]);
    }

    #[test]
    fn unknown_keys_under_the_prefix_go() {
        let entries = vec![(format!("{PAGE_KEY}-other"), "x".to_string()), ("webhook-echo:v1:wipe".into(), "x".into())];
        assert_eq!(after(&entries, &tidy(&entries, NOW)), Vec::<String>::new());
    }

    #[test]
    fn saving_lists_the_entry_newest_and_keeps_five() {
        let listed: Vec<String> = (1..=5).map(link).collect();
        let mut keys = listed.clone();
        keys.extend([PAGE_KEY.to_string(), LINK_INDEX.to_string(), link(6)]);
        let plan = after_saving(&keys, Some(&index(&listed)), &link(6));
        assert_eq!(plan.remove, vec![link(1)]);
        assert_eq!(index_written(&plan), Some((2..=6).map(link).collect()));
        // Refused: the new entry would be unlisted, so it goes; the others are listed already.
        assert_eq!(plan.write[0].if_refused_remove, vec![link(6)]);

        // Saved again: moved to the end; refused, it stays, since the stored index lists it.
        let plan = after_saving(&keys[..5], Some(&index(&listed)), &link(2));
        assert_eq!(plan.remove, Vec::<String>::new());
        assert_eq!(index_written(&plan), Some(vec![link(1), link(3), link(4), link(5), link(2)]));
        assert_eq!(plan.write[0].if_refused_remove, Vec::<String>::new());
        // Already the newest: nothing to write.
        assert_eq!(after_saving(&keys[..5], Some(&index(&listed)), &link(5)), Plan::default());
    }

    #[test]
    fn saving_over_a_damaged_or_missing_index_lists_every_entry_and_drops_the_oldest() {
        let keys: Vec<String> = (1..=6).map(link).collect();
        for stored in [None, Some("{{garbage")] {
            let plan = after_saving(&keys, stored, &link(4));
            // Unlisted ones are oldest (by key, no date read): one goes to keep five.
            assert_eq!(plan.remove, vec![link(1)]);
            assert_eq!(index_written(&plan), Some(vec![link(2), link(3), link(5), link(6), link(4)]));
            let refused = &plan.write[0].if_refused_remove;
            assert_eq!(refused[..5], [link(2), link(3), link(5), link(6), link(4)]);
            assert_eq!(refused.get(5).is_some(), stored.is_some(), "the damaged index goes too");
        }
    }
}
