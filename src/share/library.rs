//! The fixture library: many fixture files opened at once (chosen, or a whole folder), each
//! listed with its verdict under the secret the reader types. The page reads the files; this
//! decides which to read, holds what they gave, and words the rows and the summary.
//!
//! The files are someone else's: which to read is decided from names and sizes alone, before a
//! byte is read, within a bound on how many and how much; a file that cannot be used is listed
//! with why, and the rest open. Names, notes and errors are shown with every character that
//! cannot be seen as its `⟨U+XXXX⟩` token, and cut.

mod entry;
mod rows;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use crate::protocol::limits::MAX_FIXTURE_BYTES;
use crate::protocol::text::{grouped, plural};
use crate::share::fixture::{Fixture, FixtureError};
use crate::verify::fingerprint::fingerprint;

pub use entry::Entry;
use entry::{Read, ReadFacts};
pub use rows::{Counts, Row, RowVerdict, Rows, SecretCheck};

/// How many files a list holds. A suite of fixtures is tens of files, a large one hundreds; a
/// thousand is ten times that, and still a list the page lays out and verifies at a keystroke
/// in milliseconds (each row is one HMAC of a small body). Past it, files are counted, not
/// listed, so that a folder of a million files is not a million rows.
pub const MAX_LIBRARY_FILES: usize = 1_000;
/// How many bytes of files a list reads. A fixture is a few hundred bytes to a few KiB: 64 MiB
/// is four of the largest fixture a file may be (`MAX_FIXTURE_BYTES`, 16 MiB), or a thousand
/// files of 64 KiB, and bounds what the page's memory holds for the list whatever the files.
pub const MAX_LIBRARY_BYTES: u64 = 64 * 1024 * 1024;
/// How many entries of a folder are looked at (files of any kind, and, dropped, folders) before
/// the rest are passed over: a person who drops or opens their home folder gets an answer, not a
/// page that walks the disk. Ten times the files a list holds: a fixtures folder may hold others.
pub const MAX_ENTRIES_WALKED: usize = 10 * MAX_LIBRARY_FILES;

/// A file offered to the library, before it is read: its name (its path inside the folder
/// opened, as `fixtures/otp.verified-e3a9c1f0.json`) and the size the browser says it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offered {
    pub name: String,
    pub size: u64,
}

/// A file the library asked to be read; `Library::read` takes its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket(u64);

/// What the files opened since the list was last cleared gave besides rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Passed {
    /// Names that do not end in `.json`.
    pub not_json: usize,
    /// Past `MAX_LIBRARY_FILES`.
    pub over_count: usize,
    /// Offered twice in one opening (two dropped folders holding the same path): the first is read.
    pub same_name: usize,
    /// A folder was looked at no further than `MAX_ENTRIES_WALKED` entries.
    pub walk_stopped: bool,
}

/// How far the files being read have got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub read: usize,
    pub of: usize,
}

impl Progress {
    pub fn sentence(self) -> String {
        format!("Reading {} of {}…", grouped(self.read), plural(self.of, "file"))
    }
}

/// A file asked to be read, not yet read.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pending {
    id: u64,
    name: String,
    size: u64,
}

/// The list: the files read (sorted by name), those asked for and not yet read, and what was
/// passed over. Nothing here goes to storage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Library {
    entries: Vec<Entry>,
    pending: Vec<Pending>,
    next_id: u64,
    passed: Passed,
    /// Files read in the current run of reading, and asked for in it: a run ends when nothing is pending.
    run: (usize, usize),
}

impl Library {
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry a row stands for.
    pub fn entry(&self, id: u64) -> Option<&Entry> {
        self.entries.iter().find(|entry| entry.id == id)
    }

    pub fn passed(&self) -> Passed {
        self.passed
    }

    /// Files asked for and not yet read: `None` when there are none.
    pub fn progress(&self) -> Option<Progress> {
        (!self.pending.is_empty()).then_some(Progress { read: self.run.0, of: self.run.1 })
    }

    /// The readable fixtures, in the list's order, with their names.
    pub fn fixtures(&self) -> Vec<(String, Fixture)> {
        self.entries.iter().filter_map(|entry| Some((entry.name.clone(), entry.fixture()?.clone()))).collect()
    }

    /// Empties the list; files still being read are no longer wanted.
    pub fn clear(&mut self) {
        *self = Library { next_id: self.next_id, ..Library::default() };
    }

    /// Says that a folder was looked at no further than `MAX_ENTRIES_WALKED` entries.
    pub fn walk_stopped(&mut self) {
        self.passed.walk_stopped = true;
    }

    fn held(&self) -> usize {
        self.entries.len() + self.pending.len()
    }

    fn bytes_held(&self) -> u64 {
        self.entries.iter().map(|entry| entry.read_bytes).chain(self.pending.iter().map(|p| p.size)).sum()
    }

    fn take_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// Puts `entry` in its place by name; no two entries have the same name (`offer` replaces).
    fn insert(&mut self, entry: Entry) {
        let (Ok(at) | Err(at)) = self.entries.binary_search_by(|held| held.name.cmp(&entry.name));
        self.entries.insert(at, entry);
    }

    /// Takes files offered together (chosen, or a folder's), in name order, and says which to
    /// read: `(index in offered, ticket)`, in the order to read them. Decided from names and
    /// sizes alone: a name not ending in `.json` is passed over; a file of a name already listed
    /// replaces it; past `MAX_LIBRARY_FILES` files are counted, not listed; a file over
    /// `MAX_FIXTURE_BYTES`, or one that would take the list past `MAX_LIBRARY_BYTES`, is listed
    /// as refused, unread.
    pub fn offer(&mut self, offered: &[Offered]) -> Vec<(usize, Ticket)> {
        let mut order: Vec<usize> = (0..offered.len()).collect();
        order.sort_by(|&a, &b| offered[a].name.cmp(&offered[b].name));
        let mut to_read = Vec::new();
        let mut previous: Option<&str> = None;
        for index in order {
            let Offered { name, size } = &offered[index];
            if !is_json_name(name) {
                self.passed.not_json += 1;
                continue;
            }
            if previous == Some(name.as_str()) {
                self.passed.same_name += 1;
                continue;
            }
            previous = Some(name);
            let replaced = self.entries.len() + self.pending.len();
            self.entries.retain(|entry| entry.name != *name);
            self.pending.retain(|pending| pending.name != *name);
            let replaced = replaced != self.held();
            if !replaced && self.held() >= MAX_LIBRARY_FILES {
                self.passed.over_count += 1;
                continue;
            }
            let id = self.take_id();
            let refused = |why: String| Entry { id, name: name.clone(), read: Err(why), read_bytes: 0 };
            if *size > MAX_FIXTURE_BYTES as u64 {
                self.insert(refused(format!("{} It was not read.", FixtureError::TooLarge)));
            } else if self.bytes_held() + size > MAX_LIBRARY_BYTES {
                self.insert(refused(format!(
                    "It was not read: with it the list would hold more than {} MiB of files. Clear the list, or open fewer files.",
                    MAX_LIBRARY_BYTES >> 20
                )));
            } else {
                self.pending.push(Pending { id, name: name.clone(), size: *size });
                self.run.1 += 1;
                to_read.push((index, Ticket(id)));
            }
        }
        to_read
    }

    /// Whether the file is still to be read: not cleared, nor replaced by another of its name.
    pub fn wants(&self, ticket: Ticket) -> bool {
        self.pending.iter().any(|pending| pending.id == ticket.0)
    }

    /// Lists what a file gave: its bytes, or why the browser could not read them. A file no
    /// longer wanted is dropped. A file that holds more than it said when offered changed since:
    /// it is refused, so that the list holds no more than its sizes said.
    pub fn read(&mut self, ticket: Ticket, bytes: Result<&[u8], String>) {
        let Some(at) = self.pending.iter().position(|pending| pending.id == ticket.0) else { return };
        let Pending { id, name, size } = self.pending.remove(at);
        let read = match bytes {
            Ok(bytes) if bytes.len() as u64 > size => {
                Err("It changed while it was read: it is larger than when it was opened. Open it again.".into())
            }
            Ok(bytes) => Fixture::from_json(bytes)
                .map(|fixture| Read { facts: ReadFacts::of(&fixture), fixture })
                .map_err(|error| error.to_string()),
            Err(why) => Err(why),
        };
        self.insert(Entry { id, name, read, read_bytes: size });
        self.run.0 += 1;
        if self.pending.is_empty() {
            self.run = (0, 0);
        }
    }

    /// Every row under `secret`, with their counts. `previous`, the rows last made, gives back
    /// the rows of files it has already judged under the same secret: one HMAC per new file as
    /// files arrive, one per file when the secret changes.
    pub fn rows(&self, secret: &str, previous: Option<&Rows>) -> Rows {
        let key: [u8; 32] = Sha256::digest(secret.as_bytes()).into();
        let typed = fingerprint(secret);
        let judged: HashMap<u64, &Row> = previous
            .filter(|previous| previous.secret == key)
            .map(|previous| previous.rows.iter().map(|row| (row.id, row)).collect())
            .unwrap_or_default();
        let rows: Vec<Row> = self
            .entries
            .iter()
            .map(|entry| match judged.get(&entry.id) {
                Some(&row) => row.clone(),
                None => entry.row(secret, &typed),
            })
            .collect();
        Rows { secret: key, counts: Counts::of(&rows), rows }
    }

    /// The summary line: `12 fixtures: 10 valid, 1 invalid, 1 could not be read.`, then what was
    /// passed over. `None` for an empty list that passed nothing over.
    pub fn summary(&self, counts: Counts) -> Option<String> {
        let Passed { not_json, over_count, same_name, walk_stopped } = self.passed;
        let mut said = Vec::new();
        if counts.files > 0 {
            let parts = [
                (counts.valid, "valid".to_string()),
                (counts.invalid, "invalid".into()),
                (counts.incomplete, "incomplete".into()),
                (counts.unchecked, "not checked".into()),
                (counts.unreadable, "could not be read".into()),
            ];
            let parts: Vec<String> =
                parts.iter().filter(|(n, _)| *n > 0).map(|(n, words)| format!("{} {words}", grouped(*n))).collect();
            let mut line = format!("{}: {}.", plural(counts.files, "fixture"), parts.join(", "));
            if counts.unchecked > 0 {
                line.push_str(" Type the secret to check their signatures.");
            }
            said.push(line);
        }
        if not_json > 0 {
            let (files, were) = if not_json == 1 { ("file", "was") } else { ("files", "were") };
            said.push(format!("{} {files} not ending in .json {were} skipped.", grouped(not_json)));
        }
        if same_name > 0 {
            said.push(format!(
                "{} had the name of another opened with {}: the first was read.",
                plural(same_name, "file"),
                if same_name == 1 { "it" } else { "them" }
            ));
        }
        if over_count > 0 {
            said.push(format!(
                "{} more {} not opened: the list holds at most {} files.",
                grouped(over_count),
                if over_count == 1 { "file was" } else { "files were" },
                grouped(MAX_LIBRARY_FILES)
            ));
        }
        if walk_stopped {
            said.push(format!(
                "The folder was looked at no further than its first {} entries.",
                grouped(MAX_ENTRIES_WALKED)
            ));
        }
        (!said.is_empty()).then(|| said.join(" "))
    }
}

/// Whether a file's name says it is JSON: `.json`, in any case.
pub fn is_json_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.len() >= 5 && bytes[bytes.len() - 5..].eq_ignore_ascii_case(b".json")
}
