//! The fixture library: many fixture files opened at once (chosen, or a whole folder), each
//! listed with its verdict under the secret the reader types. The page reads the files; this
//! decides which to read, holds what they gave, and words the rows and the summary.
//!
//! The files are someone else's: which to read is decided from names and sizes alone, before a
//! byte is read, within a bound on how many and how much; a file that cannot be used is listed
//! with why, and the rest open. Names, notes and errors are shown with every character that
//! cannot be seen as its `⟨U+XXXX⟩` token, and cut.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use crate::protocol::events::Event;
use crate::protocol::headers::{EVENT, SIGNATURE};
use crate::protocol::limits::MAX_FIXTURE_BYTES;
use crate::protocol::text::{grouped, join_and, plural};
use crate::share::fixture::{CaseFields, Fixture, FixtureError, SharedSecret};
use crate::verify::body::{BodyFields, Field};
use crate::verify::fingerprint::fingerprint;
use crate::verify::invisible::{quoted, visible};
use crate::verify::received_headers::{self, ReceivedHeaders};
use crate::verify::signature::Mac;
use crate::verify::verification::{verify_facts, BodyFacts, Verdict};

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
/// How many characters of an error a row shows: the page's own sentences are shorter; what is
/// past this quotes a file.
const ERROR_SHOWN_CHARS: usize = 400;

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

/// One listed file: what it gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    id: u64,
    /// As the browser gave it: a path inside the folder, or the file's name.
    pub name: String,
    /// The fixture, with what does not change with the secret worked out once as it was read;
    /// or why the file is not one (a sentence, shown with `visible`).
    read: Result<Read, String>,
    /// Bytes read for it, counted against `MAX_LIBRARY_BYTES`: none for a file refused by its size.
    read_bytes: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Read {
    fixture: Fixture,
    facts: ReadFacts,
}

/// A fixture's headers and body fields, read once when its file is: a keystroke in the secret
/// field then costs each row one HMAC.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ReadFacts {
    headers: ReceivedHeaders,
    fields: BodyFields,
    event: Option<Event>,
}

impl ReadFacts {
    fn of(fixture: &Fixture) -> Self {
        let headers = received_headers::parse(&fixture.headers);
        let fields = BodyFields::read(&fixture.body);
        let event = fixture
            .event
            .or_else(|| match fields.event() {
                Some(Field::Text(name)) => Event::from_name(name),
                _ => None,
            })
            .or_else(|| headers.get(EVENT).and_then(|field| Event::from_name(&field.value)));
        Self { headers, fields, event }
    }
}

impl Entry {
    /// The fixture, or why the file is not one.
    pub fn outcome(&self) -> Result<&Fixture, &str> {
        match &self.read {
            Ok(read) => Ok(&read.fixture),
            Err(why) => Err(why),
        }
    }

    /// The fixture, for opening it on the page.
    pub fn fixture(&self) -> Option<&Fixture> {
        self.outcome().ok()
    }

    /// The row for `secret`, whose fingerprint (`fingerprint(secret)`, worked out once for all
    /// the rows) is `typed`.
    fn row(&self, secret: &str, typed: &str) -> Row {
        let (verdict, case, secret_check, note, error) = match &self.read {
            Ok(Read { fixture, facts }) => (
                judge(fixture, facts, secret),
                case_words(fixture.case),
                SecretCheck::of(&fixture.secret, secret, typed),
                quoted(&fixture.note),
                None,
            ),
            Err(error) => {
                (RowVerdict::Unreadable, None, SecretCheck::NotCarried, String::new(), Some(shown_error(error)))
            }
        };
        Row {
            id: self.id,
            name: self.name.clone(),
            shown_name: quoted(&self.name),
            event: self.read.as_ref().ok().and_then(|read| read.facts.event).map(Event::name),
            note,
            verdict,
            case,
            secret: secret_check,
            error,
        }
    }
}

/// The verdict under `secret`: what `verification::verify` says of the fixture's body and
/// headers (`verify_facts` over the same `BodyFacts::of` would give, its body fields read once).
/// The clock is left out: it changes a timestamp's row, never the verdict.
fn judge(fixture: &Fixture, facts: &ReadFacts, secret: &str) -> RowVerdict {
    if secret.is_empty() {
        return RowVerdict::NoSecret;
    }
    let body = BodyFacts {
        len: fixture.body.len(),
        mac: Some(Mac::new(secret.as_bytes(), &fixture.body)),
        fields: facts.fields.clone(),
    };
    match verify_facts(&body, &facts.headers, None).verdict {
        Verdict::Valid => RowVerdict::Valid,
        Verdict::Invalid => RowVerdict::Invalid,
        // Checking is the page's worker's; a fixture is judged in place.
        Verdict::Incomplete | Verdict::Checking => {
            let missing: Vec<&str> = [
                (fixture.body.is_empty(), "no body"),
                (facts.headers.get(SIGNATURE).is_none(), "no x-cobinar-signature header"),
            ]
            .into_iter()
            .filter_map(|(absent, what)| absent.then_some(what))
            .collect();
            RowVerdict::Incomplete { missing: join_and(&missing) }
        }
    }
}

/// `expects reject, tampered: tampered-body`, for a fixture that is a test case.
fn case_words(case: CaseFields) -> Option<String> {
    if case == CaseFields::default() {
        return None;
    }
    let expects = format!("expects {}", case.expected().name());
    Some(match case.tamper {
        Some(tamper) => format!("{expects}, tampered: {}", tamper.name()),
        None => expects,
    })
}

/// An error as a row shows it: every hidden character a token, and cut.
fn shown_error(error: &str) -> String {
    let mut chars = error.chars();
    let cut: String = chars.by_ref().take(ERROR_SHOWN_CHARS).collect();
    if chars.next().is_some() {
        format!("{}…", visible(&cut))
    } else {
        visible(&cut)
    }
}

/// A row's verdict under the typed secret.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RowVerdict {
    Valid,
    Invalid,
    /// The fixture lacks what a verdict needs: `missing` says what, as `no body`.
    Incomplete {
        missing: String,
    },
    /// No secret is typed: nothing is checked.
    NoSecret,
    /// The file is not a fixture this page reads.
    Unreadable,
}

impl RowVerdict {
    /// `data-verdict`: `valid`, `invalid`, `incomplete`, or `none` when nothing was checked.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Valid => "valid",
            Self::Invalid => "invalid",
            Self::Incomplete { .. } => "incomplete",
            Self::NoSecret | Self::Unreadable => "none",
        }
    }

    /// What the row says.
    pub fn words(&self) -> String {
        match self {
            Self::Valid => "✓ valid".into(),
            Self::Invalid => "✕ invalid".into(),
            Self::Incomplete { missing } if missing.is_empty() => "incomplete".into(),
            Self::Incomplete { missing } => format!("incomplete: {missing}"),
            Self::NoSecret => "type the secret".into(),
            Self::Unreadable => "could not be read".into(),
        }
    }
}

/// Whether the secret a fixture was made with is the one typed, as far as the fixture says.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SecretCheck {
    /// The fixture says nothing of its secret (or could not be read).
    NotCarried,
    /// It carries a fingerprint, and no secret is typed to compare it with.
    NotTyped,
    Same,
    /// Made with another secret: its fingerprint. The typed secret's is not kept here (the
    /// secret field shows it), so that rows stay the same from one keystroke to the next while
    /// their verdicts do: a list of hundreds is not redrawn as a secret is typed.
    Different {
        theirs: String,
    },
    /// It carries its secret sealed: opening it asks for the passphrase.
    Sealed,
}

impl SecretCheck {
    fn of(carried: &SharedSecret, secret: &str, typed: &str) -> Self {
        let theirs = match carried {
            SharedSecret::None => return Self::NotCarried,
            SharedSecret::Sealed(_) => return Self::Sealed,
            _ if secret.is_empty() => return Self::NotTyped,
            SharedSecret::Fingerprint(theirs) => theirs.clone(),
            // Only links and files of earlier versions carry it; it is compared, never shown.
            SharedSecret::Plain(plain) => fingerprint(plain),
        };
        if theirs == typed {
            Self::Same
        } else {
            Self::Different { theirs }
        }
    }

    /// `data-secret`: `none`, `untyped`, `same`, `different` or `sealed`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::NotCarried => "none",
            Self::NotTyped => "untyped",
            Self::Same => "same",
            Self::Different { .. } => "different",
            Self::Sealed => "sealed",
        }
    }

    /// What the row says of it; `None` when there is nothing worth a line.
    pub fn sentence(&self) -> Option<String> {
        match self {
            Self::NotCarried | Self::NotTyped | Self::Same => None,
            Self::Different { theirs } => {
                Some(format!("Made with another secret: its fingerprint is {theirs}, and yours differs."))
            }
            Self::Sealed => Some("It carries a sealed secret: open it to unseal it with the passphrase.".into()),
        }
    }
}

/// One file's row, as the page shows it. Every text field is safe to show as text: hidden
/// characters are tokens, long values cut.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Row {
    /// Stable for the life of the entry: the key a list renders by, and `Library::entry` finds.
    pub id: u64,
    /// As the browser gave it, for an attribute (`data-name`); never shown as text.
    pub name: String,
    /// `quoted(name)`.
    pub shown_name: String,
    pub event: Option<&'static str>,
    /// `quoted(note)`; empty for none.
    pub note: String,
    pub verdict: RowVerdict,
    /// `expects …, tampered: …`, for a test case.
    pub case: Option<String>,
    pub secret: SecretCheck,
    /// Why the file cannot be used.
    pub error: Option<String>,
}

/// How the rows stand, for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Counts {
    pub files: usize,
    pub valid: usize,
    pub invalid: usize,
    pub incomplete: usize,
    /// Read, but no secret is typed.
    pub unchecked: usize,
    pub unreadable: usize,
}

impl Counts {
    fn of(rows: &[Row]) -> Self {
        let mut counts = Counts { files: rows.len(), ..Counts::default() };
        for row in rows {
            let count = match row.verdict {
                RowVerdict::Valid => &mut counts.valid,
                RowVerdict::Invalid => &mut counts.invalid,
                RowVerdict::Incomplete { .. } => &mut counts.incomplete,
                RowVerdict::NoSecret => &mut counts.unchecked,
                RowVerdict::Unreadable => &mut counts.unreadable,
            };
            *count += 1;
        }
        counts
    }
}

/// The rows under one secret, and their counts. `secret` is a digest of the secret they were
/// judged under, so that the next keystroke's rows reuse these only when it is the same.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rows {
    secret: [u8; 32],
    pub rows: Vec<Row>,
    pub counts: Counts,
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::share::fixture::{Expect, SecretChoice, Tamper, Work};
    use crate::share::secret_box::{NONCE_LEN, SALT_LEN};
    use crate::verify::signature::sign;
    use crate::verify::verification::{verify, ReceivedDelivery};

    const SECRET: &str = "whsec_library_test";
    const BODY: &str = r#"{"id":"e3a9c1f0-5b7d","event":"otp.verified","createdAt":"2026-07-03T14:22:10.000Z"}"#;

    /// A fixture of `body`, signed under `signed_with` (no signature header for `None`), made
    /// with `made_with` as its secret (its fingerprint travels).
    fn fixture(body: &str, signed_with: Option<&str>, made_with: &str) -> Fixture {
        let mut headers = String::new();
        if let Some(secret) = signed_with {
            headers.push_str(&format!("x-cobinar-signature: {}\n", sign(secret.as_bytes(), body.as_bytes())));
        }
        headers.push_str("x-cobinar-timestamp: 2026-07-03T14:22:10.000Z\n");
        let work = Work { body: body.as_bytes(), headers: &headers, event: None, note: "" };
        Fixture::of(work, made_with, SecretChoice::LeaveOut)
    }

    fn genuine() -> Fixture {
        fixture(BODY, Some(SECRET), SECRET)
    }

    fn offered(name: &str, size: usize) -> Offered {
        Offered { name: name.into(), size: size as u64 }
    }

    /// Offers `files` (name and bytes) together and reads every one asked for, in the order given.
    fn open(library: &mut Library, files: &[(&str, Vec<u8>)]) {
        let offers: Vec<Offered> = files.iter().map(|(name, bytes)| offered(name, bytes.len())).collect();
        for (index, ticket) in library.offer(&offers) {
            library.read(ticket, Ok(&files[index].1));
        }
    }

    fn file<'a>(name: &'a str, fixture: &Fixture) -> (&'a str, Vec<u8>) {
        (name, fixture.to_pretty_json().into_bytes())
    }

    fn names(library: &Library) -> Vec<&str> {
        library.entries().iter().map(|entry| entry.name.as_str()).collect()
    }

    fn row<'a>(rows: &'a Rows, name: &str) -> &'a Row {
        rows.rows.iter().find(|row| row.name == name).unwrap_or_else(|| panic!("no row {name}"))
    }

    #[test]
    fn files_are_listed_by_name_and_read_in_that_order_whatever_order_they_come_in() {
        let mut library = Library::default();
        let fixture = genuine().to_json().into_bytes();
        let offers = [offered("b/z.json", 10), offered("a.json", 10), offered("b/a.json", 10), offered("B.json", 10)];
        let tickets = library.offer(&offers);
        let order: Vec<usize> = tickets.iter().map(|(index, _)| *index).collect();
        assert_eq!(order, [3, 1, 2, 0]);
        assert_eq!(library.progress(), Some(Progress { read: 0, of: 4 }));
        // Read in another order than asked: the list is still by name.
        for (_, ticket) in tickets.iter().rev() {
            library.read(*ticket, Ok(&fixture[..10]));
        }
        assert_eq!(names(&library), ["B.json", "a.json", "b/a.json", "b/z.json"]);
        assert_eq!(library.progress(), None);
        // A second opening adds to the list, in its place.
        open(&mut library, &[("a0.json", fixture.clone())]);
        assert_eq!(names(&library), ["B.json", "a.json", "a0.json", "b/a.json", "b/z.json"]);
    }

    #[test]
    fn progress_counts_the_files_of_the_run_being_read() {
        let mut library = Library::default();
        let tickets = library.offer(&[offered("a.json", 2), offered("b.json", 2), offered("c.json", 2)]);
        library.read(tickets[0].1, Ok(b"{}"));
        assert_eq!(library.progress(), Some(Progress { read: 1, of: 3 }));
        assert_eq!(Progress { read: 1, of: 3 }.sentence(), "Reading 1 of 3 files…");
        let more = library.offer(&[offered("d.json", 2)]);
        assert_eq!(library.progress(), Some(Progress { read: 1, of: 4 }));
        for (_, ticket) in tickets[1..].iter().chain(&more) {
            library.read(*ticket, Ok(b"{}"));
        }
        assert_eq!(library.progress(), None);
        // The next run counts from nothing.
        library.offer(&[offered("e.json", 2)]);
        assert_eq!(library.progress(), Some(Progress { read: 0, of: 1 }));
    }

    #[test]
    fn files_not_named_json_are_skipped_and_counted() {
        for name in ["a.json", "A.JSON", "fixtures/x.Json", ".json"] {
            assert!(is_json_name(name), "{name}");
        }
        for name in ["a.json.txt", "json", "a.jso", "ajson", ".DS_Store", "", "a.json/"] {
            assert!(!is_json_name(name), "{name}");
        }
        let mut library = Library::default();
        let tickets = library.offer(&[offered("notes.txt", 5), offered("a.json", 5), offered("README.md", 5)]);
        assert_eq!(tickets.len(), 1);
        assert_eq!(library.passed().not_json, 2);
        assert_eq!(library.entries().len(), 0);
    }

    #[test]
    fn a_file_over_the_fixture_limit_is_refused_by_its_size_unread() {
        let mut library = Library::default();
        let largest = MAX_FIXTURE_BYTES;
        let tickets = library.offer(&[offered("big.json", largest + 1), offered("ok.json", largest)]);
        assert_eq!(tickets.len(), 1, "only the one at the limit is read");
        assert_eq!(tickets[0].0, 1);
        let entry = &library.entries()[0];
        assert_eq!(entry.name, "big.json");
        assert_eq!(
            entry.outcome(),
            Err("This fixture is larger than 16 MiB, more than a fixture should hold. It was not read.")
        );
        assert_eq!(entry.read_bytes, 0);
        assert_eq!(library.rows("", None).rows[0].verdict, RowVerdict::Unreadable);
    }

    #[test]
    fn the_list_reads_no_more_than_its_bytes() {
        let mut library = Library::default();
        // Four files at the fixture limit fill the list exactly; a fifth byte is refused.
        let fill: Vec<Offered> = (0..4).map(|i| offered(&format!("{i}.json"), MAX_FIXTURE_BYTES)).collect();
        assert_eq!(library.offer(&fill).len(), 4);
        assert_eq!(library.bytes_held(), MAX_LIBRARY_BYTES);
        assert_eq!(library.offer(&[offered("5.json", 1), offered("6.json", 0)]).len(), 1, "an empty file still fits");
        let refused = library.entry(library.entries()[0].id).map(Entry::outcome);
        assert_eq!(
            refused,
            Some(Err(
                "It was not read: with it the list would hold more than 64 MiB of files. Clear the list, or open fewer files."
            ))
        );
        // Refused files hold nothing: the bytes held are still the four.
        assert_eq!(library.bytes_held(), MAX_LIBRARY_BYTES);
        // Once read, a file's bytes still count; cleared, none do.
        let mut library = Library::default();
        open(&mut library, &[("a.json", vec![b'x'; 100])]);
        assert_eq!(library.bytes_held(), 100);
        library.clear();
        assert_eq!(library.bytes_held(), 0);
        assert_eq!(library.offer(&fill).len(), 4);
    }

    #[test]
    fn past_the_file_limit_files_are_counted_not_listed() {
        let mut library = Library::default();
        let offers: Vec<Offered> = (0..MAX_LIBRARY_FILES + 5).map(|i| offered(&format!("{i:05}.json"), 2)).collect();
        let tickets = library.offer(&offers);
        assert_eq!(tickets.len(), MAX_LIBRARY_FILES);
        assert_eq!(library.passed().over_count, 5);
        // The first by name are the ones read.
        assert_eq!(tickets.last().map(|(index, _)| *index), Some(MAX_LIBRARY_FILES - 1));
        for (_, ticket) in tickets {
            library.read(ticket, Ok(b"{}"));
        }
        assert_eq!(library.entries().len(), MAX_LIBRARY_FILES);
        // A full list still takes a file that replaces one of its own name.
        let again = library.offer(&[offered("00003.json", 2), offered("new.json", 2)]);
        assert_eq!(again.len(), 1);
        assert_eq!(library.passed().over_count, 6);
        // Refused files count towards the limit too: they are rows.
        let mut library = Library::default();
        let huge: Vec<Offered> =
            (0..MAX_LIBRARY_FILES).map(|i| offered(&format!("{i:05}.json"), MAX_FIXTURE_BYTES + 1)).collect();
        assert!(library.offer(&huge).is_empty());
        assert_eq!(library.entries().len(), MAX_LIBRARY_FILES);
        assert!(library.offer(&[offered("x.json", 2)]).is_empty());
        assert_eq!(library.passed().over_count, 1);
    }

    #[test]
    fn every_file_that_cannot_be_used_is_listed_with_why_and_the_rest_open() {
        let mut library = Library::default();
        let files = [
            file("good.json", &genuine()),
            ("broken.json", b"{\"webhookEchoFixture\":1,".to_vec()),
            ("other.json", br#"{"name":"package"}"#.to_vec()),
            ("newer.json", br#"{"webhookEchoFixture":9}"#.to_vec()),
            ("array.json", b"[1,2]".to_vec()),
        ];
        open(&mut library, &files);
        // And one the browser could not read.
        let tickets = library.offer(&[offered("gone.json", 10)]);
        library.read(tickets[0].1, Err("The browser could not read it.".into()));
        let rows = library.rows(SECRET, None);
        assert_eq!(row(&rows, "good.json").verdict, RowVerdict::Valid);
        assert_eq!(row(&rows, "good.json").error, None);
        for name in ["broken.json", "other.json", "newer.json", "array.json", "gone.json"] {
            let row = row(&rows, name);
            assert_eq!(row.verdict, RowVerdict::Unreadable, "{name}");
            assert_eq!(row.verdict.as_str(), "none");
            assert_eq!(row.event, None);
            assert!(row.error.as_deref().is_some_and(|e| !e.is_empty()), "{name}");
        }
        assert_eq!(
            row(&rows, "newer.json").error.as_deref(),
            Some("This fixture is format version 9; this page reads version 1. It was made by a newer webhook-echo: reload, or open it there.")
        );
        assert!(row(&rows, "broken.json")
            .error
            .as_deref()
            .is_some_and(|e| e.starts_with("This is not a webhook-echo fixture")));
        assert_eq!(row(&rows, "gone.json").error.as_deref(), Some("The browser could not read it."));
        assert_eq!(rows.counts, Counts { files: 6, valid: 1, unreadable: 5, ..Counts::default() });
        assert_eq!(library.fixtures(), vec![("good.json".to_string(), genuine())]);
    }

    #[test]
    fn a_file_that_grew_since_it_was_offered_is_refused() {
        let mut library = Library::default();
        let json = genuine().to_json().into_bytes();
        let tickets = library.offer(&[offered("a.json", json.len() - 1), offered("b.json", json.len())]);
        library.read(tickets[0].1, Ok(&json));
        library.read(tickets[1].1, Ok(&json));
        assert_eq!(
            library.entries()[0].outcome(),
            Err("It changed while it was read: it is larger than when it was opened. Open it again.")
        );
        assert_eq!(library.entries()[1].fixture(), Some(&genuine()));
    }

    #[test]
    fn a_file_of_a_listed_name_replaces_it_and_one_no_longer_wanted_is_dropped() {
        let mut library = Library::default();
        let first = genuine();
        let second = fixture(BODY, Some("another"), "another");
        open(&mut library, &[file("a.json", &first), file("b.json", &first)]);
        let ids: Vec<u64> = library.entries().iter().map(|e| e.id).collect();
        open(&mut library, &[file("a.json", &second)]);
        assert_eq!(names(&library), ["a.json", "b.json"]);
        assert_eq!(library.entries()[0].fixture(), Some(&second));
        assert_ne!(library.entries()[0].id, ids[0], "a new entry: a new row");
        assert_eq!(library.entries()[1].id, ids[1]);

        // Replaced while being read: the first read is dropped, the second lands.
        let json = first.to_json().into_bytes();
        let old = library.offer(&[offered("c.json", json.len())]);
        let new = library.offer(&[offered("c.json", json.len())]);
        assert!(!library.wants(old[0].1));
        assert!(library.wants(new[0].1));
        library.read(old[0].1, Ok(&json));
        assert_eq!(names(&library), ["a.json", "b.json"]);
        library.read(new[0].1, Ok(&json));
        assert_eq!(names(&library), ["a.json", "b.json", "c.json"]);
        // Read twice: the second is no longer wanted.
        library.read(new[0].1, Ok(b"{}"));
        assert_eq!(library.entries().len(), 3);

        // Cleared while being read: nothing lands, and a ticket from before never matches again.
        let before = library.offer(&[offered("d.json", json.len())]);
        library.clear();
        assert_eq!(library, Library { next_id: library.next_id, ..Library::default() });
        assert!(!library.wants(before[0].1));
        library.read(before[0].1, Ok(&json));
        assert!(library.entries().is_empty());
        let after = library.offer(&[offered("d.json", json.len())]);
        assert_ne!(after[0].1, before[0].1);
    }

    /// Tickets are never made again after a clear: a file still being read when the list was
    /// cleared cannot land in the place of one opened after.
    #[test]
    fn a_read_from_before_a_clear_lands_nowhere() {
        let mut library = Library::default();
        let old = library.offer(&[offered("a.json", 2)]);
        library.clear();
        let new = library.offer(&[offered("b.json", 2)]);
        assert!(!library.wants(old[0].1));
        library.read(old[0].1, Ok(b"{}"));
        assert!(library.entries().is_empty());
        library.read(new[0].1, Ok(b"{}"));
        assert_eq!(names(&library), ["b.json"]);
    }

    #[test]
    fn the_same_name_twice_in_one_opening_is_read_once() {
        let mut library = Library::default();
        let tickets = library.offer(&[offered("x/a.json", 3), offered("x/a.json", 4), offered("x/b.json", 5)]);
        assert_eq!(tickets.iter().map(|(index, _)| *index).collect::<Vec<_>>(), [0, 2]);
        assert_eq!(library.passed().same_name, 1);
    }

    #[test]
    fn rows_say_the_verdict_under_the_typed_secret() {
        let mut library = Library::default();
        let mut case = genuine();
        case.case = CaseFields { expect: None, tamper: Some(Tamper::TrailingNewline) };
        let mut accepts = genuine();
        accepts.case = CaseFields { expect: Some(Expect::Accept), tamper: None };
        open(
            &mut library,
            &[
                file("valid.json", &genuine()),
                file("other-secret.json", &fixture(BODY, Some("whsec_other"), "whsec_other")),
                file("unsigned.json", &fixture(BODY, None, SECRET)),
                file("empty.json", &fixture("", None, SECRET)),
                file("empty-signed.json", &fixture("", Some(SECRET), SECRET)),
                file("case.json", &case),
                file("accepts.json", &accepts),
            ],
        );
        let rows = library.rows(SECRET, None);
        assert_eq!(row(&rows, "valid.json").verdict, RowVerdict::Valid);
        assert_eq!(row(&rows, "other-secret.json").verdict, RowVerdict::Invalid);
        assert_eq!(
            row(&rows, "unsigned.json").verdict,
            RowVerdict::Incomplete { missing: "no x-cobinar-signature header".into() }
        );
        assert_eq!(
            row(&rows, "empty.json").verdict,
            RowVerdict::Incomplete { missing: "no body and no x-cobinar-signature header".into() }
        );
        assert_eq!(row(&rows, "empty-signed.json").verdict, RowVerdict::Incomplete { missing: "no body".into() });
        assert_eq!(row(&rows, "case.json").case.as_deref(), Some("expects reject, tampered: trailing-newline"));
        assert_eq!(row(&rows, "accepts.json").case.as_deref(), Some("expects accept"));
        assert_eq!(row(&rows, "valid.json").case, None);
        assert_eq!(rows.counts, Counts { files: 7, valid: 3, invalid: 1, incomplete: 3, unchecked: 0, unreadable: 0 });
        let words: Vec<(String, &str)> = rows.rows.iter().map(|r| (r.verdict.words(), r.verdict.as_str())).collect();
        assert!(words.contains(&("✓ valid".into(), "valid")));
        assert!(words.contains(&("✕ invalid".into(), "invalid")));
        assert!(words.contains(&("incomplete: no body and no x-cobinar-signature header".into(), "incomplete")));
        assert_eq!(RowVerdict::Incomplete { missing: String::new() }.words(), "incomplete");
        assert_eq!(RowVerdict::Unreadable.words(), "could not be read");

        // No secret typed: nothing is checked, the rows say to type it.
        let rows = library.rows("", None);
        assert!(rows.rows.iter().all(|row| row.verdict == RowVerdict::NoSecret && row.verdict.as_str() == "none"));
        assert_eq!(RowVerdict::NoSecret.words(), "type the secret");
        assert_eq!(rows.counts, Counts { files: 7, unchecked: 7, ..Counts::default() });
    }

    /// The row's verdict is `verification::verify`'s, its body fields read once.
    #[test]
    fn a_rows_verdict_is_the_verifiers() {
        let bodies = [BODY, "", "not json", "{}", "[1]", "{\"event\":\"otp.created\"}"];
        let secrets = [SECRET, "whsec_other", " "];
        for body in bodies {
            for signed in [Some(SECRET), Some("whsec_other"), None] {
                let fixture = fixture(body, signed, SECRET);
                let facts = ReadFacts::of(&fixture);
                for secret in secrets {
                    let headers = received_headers::parse(&fixture.headers);
                    let expected = verify(ReceivedDelivery {
                        secret,
                        body: &fixture.body,
                        headers: &headers,
                        now_unix_millis: Some(1_800_000_000_000),
                    })
                    .verdict;
                    assert_eq!(
                        judge(&fixture, &facts, secret).as_str(),
                        expected.as_str(),
                        "{body} {signed:?} {secret}"
                    );
                }
            }
        }
        // A malformed signature is invalid, as the verifier says.
        let mut malformed = genuine();
        malformed.headers = "x-cobinar-signature: sha256=zz\n".into();
        assert_eq!(judge(&malformed, &ReadFacts::of(&malformed), SECRET), RowVerdict::Invalid);
    }

    #[test]
    fn the_event_is_the_fixtures_else_the_bodys_else_the_headers() {
        let with = |event: Option<Event>, body: &str, headers: &str| {
            let mut fixture = fixture(body, Some(SECRET), SECRET);
            fixture.event = event;
            fixture.headers.push_str(headers);
            ReadFacts::of(&fixture).event
        };
        let created = "x-cobinar-event: otp.created\n";
        assert_eq!(with(Some(Event::OtpExpired), BODY, created), Some(Event::OtpExpired));
        assert_eq!(with(None, BODY, created), Some(Event::OtpVerified));
        assert_eq!(with(None, "{}", created), Some(Event::OtpCreated));
        assert_eq!(with(None, "{\"event\":\"otp.verified\u{200B}\"}", created), Some(Event::OtpCreated));
        assert_eq!(with(None, r#"{"event":1}"#, "x-cobinar-event: nope\n"), None);
        assert_eq!(with(None, "[]", ""), None);
        let mut library = Library::default();
        open(&mut library, &[file("a.json", &genuine())]);
        assert_eq!(library.rows("", None).rows[0].event, Some("otp.verified"));
    }

    #[test]
    fn a_fixture_made_with_another_secret_says_so() {
        let mut library = Library::default();
        let mut plain = genuine();
        plain.secret = SharedSecret::Plain("whsec_plain".into());
        let key = [7; crate::share::secret_box::KEY_LEN];
        let sealed = Fixture::of(
            genuine().as_work(),
            SECRET,
            SecretChoice::Seal { key: &key, salt: [1; SALT_LEN], nonce: [2; NONCE_LEN] },
        );
        open(
            &mut library,
            &[
                file("same.json", &genuine()),
                file("other.json", &fixture(BODY, Some(SECRET), "whsec_other")),
                file("none.json", &fixture(BODY, Some(SECRET), "")),
                file("plain.json", &plain),
                file("sealed.json", &sealed),
            ],
        );
        let rows = library.rows(SECRET, None);
        assert_eq!(row(&rows, "same.json").secret, SecretCheck::Same);
        let other = &row(&rows, "other.json").secret;
        assert_eq!(*other, SecretCheck::Different { theirs: fingerprint("whsec_other") });
        assert_eq!(other.as_str(), "different");
        assert_eq!(
            other.sentence(),
            Some(format!(
                "Made with another secret: its fingerprint is {}, and yours differs.",
                fingerprint("whsec_other")
            ))
        );
        // The other secret's signature still checks under it: the row says valid, and so.
        assert_eq!(row(&rows, "other.json").verdict, RowVerdict::Valid);
        assert_eq!(row(&rows, "none.json").secret, SecretCheck::NotCarried);
        assert_eq!(row(&rows, "plain.json").secret.as_str(), "different");
        assert_eq!(row(&rows, "sealed.json").secret, SecretCheck::Sealed);
        assert!(row(&rows, "sealed.json").secret.sentence().is_some_and(|s| s.contains("sealed")));
        // A plain secret is compared, never shown.
        assert!(!format!("{:?}", row(&rows, "plain.json")).contains("whsec_plain"));
        let untyped = library.rows("", None);
        assert_eq!(row(&untyped, "other.json").secret, SecretCheck::NotTyped);
        assert_eq!(row(&untyped, "sealed.json").secret, SecretCheck::Sealed);
        assert_eq!(row(&untyped, "none.json").secret, SecretCheck::NotCarried);
        let mut plain_same = genuine();
        plain_same.secret = SharedSecret::Plain(SECRET.into());
        assert_eq!(SecretCheck::of(&plain_same.secret, SECRET, &fingerprint(SECRET)), SecretCheck::Same);
        for check in [SecretCheck::NotCarried, SecretCheck::NotTyped, SecretCheck::Same] {
            assert_eq!(check.sentence(), None);
        }
        let states: Vec<&str> =
            [SecretCheck::NotCarried, SecretCheck::NotTyped, SecretCheck::Same, SecretCheck::Sealed]
                .iter()
                .map(SecretCheck::as_str)
                .collect();
        assert_eq!(states, ["none", "untyped", "same", "sealed"]);
    }

    #[test]
    fn hostile_names_notes_and_errors_are_shown_with_what_cannot_be_seen_and_cut() {
        let mut library = Library::default();
        let mut noted = genuine();
        noted.note = "ok\u{202E}gnp.exe\u{200B} <b>bold</b>\nline".into();
        let long_name = format!("{}.json", "a".repeat(5000));
        let bidi_name = "evil\u{202E}nosj.txt\u{2066}.json";
        let html_name = "<img src=x onerror=alert(1)>.json";
        let broken_key = format!(r#"{{"webhookEchoFixture":1,"{}\u202e":1}}"#, "k".repeat(1000));
        open(
            &mut library,
            &[
                file(bidi_name, &noted),
                file(&long_name, &genuine()),
                file(html_name, &genuine()),
                ("key.json", broken_key.into_bytes()),
            ],
        );
        let rows = library.rows(SECRET, None);
        let bidi = row(&rows, bidi_name);
        assert_eq!(bidi.shown_name, "evil⟨U+202E⟩nosj.txt⟨U+2066⟩.json");
        assert_eq!(bidi.name, bidi_name, "the attribute keeps the name as given");
        assert_eq!(bidi.note, "ok⟨U+202E⟩gnp.exe⟨U+200B⟩ <b>bold</b>⟨U+000A⟩line");
        let long = row(&rows, &long_name);
        assert!(long.shown_name.starts_with(&"a".repeat(100)), "{}", long.shown_name);
        assert!(long.shown_name.ends_with("… and 4,905 more characters"), "{}", long.shown_name);
        // Markup is text: the page renders it as such, and nothing here makes it more.
        assert_eq!(row(&rows, html_name).shown_name, html_name);
        let error = row(&rows, "key.json").error.clone().unwrap_or_default();
        assert!(error.chars().count() <= ERROR_SHOWN_CHARS + 1, "{}", error.len());
        assert!(!error.chars().any(|c| c == '\u{202E}'), "{error}");
        // A long note is cut too.
        let mut long_note = genuine();
        long_note.note = "n".repeat(2000);
        let mut library = Library::default();
        open(&mut library, &[file("n.json", &long_note)]);
        assert!(library.rows("", None).rows[0].note.ends_with("… and 1,900 more characters"));
    }

    #[test]
    fn an_error_is_cut_and_its_hidden_characters_are_tokens() {
        let short = "a\u{200B}b";
        assert_eq!(shown_error(short), "a⟨U+200B⟩b");
        let exact = "e".repeat(ERROR_SHOWN_CHARS);
        assert_eq!(shown_error(&exact), exact);
        let over = format!("{exact}\u{202E}");
        assert_eq!(shown_error(&over), format!("{exact}…"));
    }

    #[test]
    fn rows_already_judged_under_the_same_secret_are_reused() {
        let mut library = Library::default();
        open(&mut library, &[file("a.json", &genuine()), file("b.json", &genuine())]);
        let first = library.rows(SECRET, None);
        assert_eq!(library.rows(SECRET, Some(&first)), first);
        // What is reused is the previous row itself: a doctored one shows it.
        let mut doctored = first.clone();
        doctored.rows[0].verdict = RowVerdict::Invalid;
        let again = library.rows(SECRET, Some(&doctored));
        assert_eq!(again.rows[0].verdict, RowVerdict::Invalid);
        assert_eq!(again.counts.invalid, 1, "counted from the rows");
        // Under another secret, nothing is reused.
        let other = library.rows("whsec_other", Some(&doctored));
        assert_eq!(other.rows[0].verdict, RowVerdict::Invalid);
        assert_eq!(other.rows[1].verdict, RowVerdict::Invalid);
        assert_eq!(library.rows(SECRET, Some(&other)), first);
        // A file added is judged, the others reused.
        open(&mut library, &[file("c.json", &genuine())]);
        let more = library.rows(SECRET, Some(&doctored));
        assert_eq!(more.rows.iter().map(|r| r.verdict.as_str()).collect::<Vec<_>>(), ["invalid", "valid", "valid"]);
    }

    /// As a wrong secret is typed, key by key, no row changes: the page redraws none of them.
    #[test]
    fn rows_stay_the_same_while_a_wrong_secret_is_typed() {
        let mut library = Library::default();
        open(&mut library, &[file("a.json", &genuine()), file("b.json", &fixture(BODY, None, SECRET))]);
        let typed = |secret: &str| library.rows(secret, None).rows;
        assert_eq!(typed("w"), typed("wh"));
        assert_eq!(typed("wh"), typed("whsec_library_tes"));
        assert_ne!(typed("whsec_library_tes"), typed(SECRET));
    }

    #[test]
    fn the_summary_counts_the_rows_and_says_what_was_passed_over() {
        let mut library = Library::default();
        assert_eq!(library.summary(library.rows("", None).counts), None);
        open(
            &mut library,
            &[
                file("a.json", &genuine()),
                file("b.json", &genuine()),
                file("c.json", &fixture(BODY, Some("x"), "x")),
                ("d.json", b"nope".to_vec()),
                ("e.txt", b"nope".to_vec()),
            ],
        );
        let summary = |library: &Library, secret: &str| library.summary(library.rows(secret, None).counts);
        assert_eq!(
            summary(&library, SECRET).as_deref(),
            Some("4 fixtures: 2 valid, 1 invalid, 1 could not be read. 1 file not ending in .json was skipped.")
        );
        assert_eq!(
            summary(&library, "").as_deref(),
            Some(
                "4 fixtures: 3 not checked, 1 could not be read. Type the secret to check their signatures. \
                 1 file not ending in .json was skipped."
            )
        );
        library.offer(&[offered("f.md", 1), offered("g.md", 1), offered("x.json", 1), offered("x.json", 1)]);
        library.offer(&[offered("u.json", 0)]);
        library.walk_stopped();
        assert_eq!(
            summary(&library, SECRET).as_deref(),
            Some(
                "4 fixtures: 2 valid, 1 invalid, 1 could not be read. 3 files not ending in .json were skipped. \
                 1 file had the name of another opened with it: the first was read. \
                 The folder was looked at no further than its first 10,000 entries."
            )
        );
        let mut one = Library::default();
        open(&mut one, &[file("a.json", &fixture(BODY, None, ""))]);
        one.passed = Passed { same_name: 2, over_count: 1_234, ..Passed::default() };
        assert_eq!(
            summary(&one, SECRET).as_deref(),
            Some(
                "1 fixture: 1 incomplete. 2 files had the name of another opened with them: the first was read. \
                 1,234 more files were not opened: the list holds at most 1,000 files."
            )
        );
        one.clear();
        assert_eq!(summary(&one, SECRET), None);
        one.passed.over_count = 1;
        assert_eq!(
            summary(&one, "").as_deref(),
            Some("1 more file was not opened: the list holds at most 1,000 files.")
        );
    }
}
