//! One listed file: the fixture it gave (its headers and body fields read once) or why it is
//! not one, and its row under a secret.

use crate::protocol::events::Event;
use crate::protocol::headers::{EVENT, SIGNATURE};
use crate::protocol::text::join_and;
use crate::share::fixture::{CaseFields, Fixture};
use crate::verify::body::{BodyFields, Field};
use crate::verify::invisible::{quoted, visible};
use crate::verify::received_headers::{self, ReceivedHeaders};
use crate::verify::signature::Mac;
use crate::verify::verification::{verify_facts, BodyFacts, Verdict};

use super::rows::{Row, RowVerdict, SecretCheck};

/// How many characters of an error a row shows: the page's own sentences are shorter; what is
/// past this quotes a file.
pub(super) const ERROR_SHOWN_CHARS: usize = 400;

/// One listed file: what it gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub(super) id: u64,
    /// As the browser gave it: a path inside the folder, or the file's name.
    pub name: String,
    /// The fixture, with what does not change with the secret worked out once as it was read;
    /// or why the file is not one (a sentence, shown with `visible`).
    pub(super) read: Result<Read, String>,
    /// Bytes read for it, counted against `MAX_LIBRARY_BYTES`: none for a file refused by its size.
    pub(super) read_bytes: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Read {
    pub(super) fixture: Fixture,
    pub(super) facts: ReadFacts,
}

/// A fixture's headers and body fields, read once when its file is: a keystroke in the secret
/// field then costs each row one HMAC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ReadFacts {
    headers: ReceivedHeaders,
    fields: BodyFields,
    pub(super) event: Option<Event>,
}

impl ReadFacts {
    pub(super) fn of(fixture: &Fixture) -> Self {
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
    pub(super) fn row(&self, secret: &str, typed: &str) -> Row {
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
pub(super) fn judge(fixture: &Fixture, facts: &ReadFacts, secret: &str) -> RowVerdict {
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
pub(super) fn shown_error(error: &str) -> String {
    let mut chars = error.chars();
    let cut: String = chars.by_ref().take(ERROR_SHOWN_CHARS).collect();
    if chars.next().is_some() {
        format!("{}…", visible(&cut))
    } else {
        visible(&cut)
    }
}
