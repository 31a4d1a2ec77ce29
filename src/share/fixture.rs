//! A fixture: what a person shares so that a teammate sees the same delivery, byte for byte.
//! Its JSON form is the `.json` export and, compressed, the share link's payload.

use serde::Serialize;

use crate::protocol::base64;
use crate::protocol::events::Event;
use crate::protocol::headers::{EVENT, EVENT_ID};
// The page's share panel reads these two here.
pub use crate::protocol::limits::{MAX_FIXTURE_BYTES, MAX_NOTE_CHARS};
use crate::share::secret_box::{self, SealKey, SealedSecret, NONCE_LEN, SALT_LEN};
use crate::verify::body::{BodyFields, Field as BodyField};
use crate::verify::fingerprint::fingerprint;
use crate::verify::received_headers;

mod case;
mod reader;
mod refusal;
#[cfg(test)]
mod tests;

pub use case::{CaseFields, Expect, Tamper};
use refusal::not_an_event;
pub use refusal::{secret_too_long, FixtureError};

/// The format's version, in the file and in the link.
pub const VERSION: u32 = 1;

/// Whether and how the secret travels with the fixture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SharedSecret {
    /// Left out; the fingerprint lets a teammate check that theirs is the same.
    Fingerprint(String),
    /// Left out, and there was no secret to fingerprint.
    None,
    /// Included as is. Only links made by earlier versions carry it: it is read, never written
    /// by `Fixture::of`.
    Plain(String),
    /// Included, sealed with a passphrase that travels separately.
    Sealed(SealedSecret),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixture {
    /// The body's exact bytes.
    pub body: Vec<u8>,
    /// The received headers as typed, one `Name: value` a line.
    pub headers: String,
    /// The event chosen in the echo, when one was.
    pub event: Option<Event>,
    pub note: String,
    pub secret: SharedSecret,
    /// Makes the fixture a test case; empty for a fixture that is only shared.
    pub case: CaseFields,
}

/// What is on the page that a fixture carries, but the secret: named fields, so that the body,
/// the headers and the note cannot be passed in one another's place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Work<'a> {
    /// The body's exact bytes.
    pub body: &'a [u8],
    /// The received headers as typed.
    pub headers: &'a str,
    pub event: Option<Event>,
    pub note: &'a str,
}

/// The file and link form. Short names keep links short; the body is text when it is UTF-8
/// and base64 otherwise, so that any bytes survive. Written by serde; read by `reader`, key by
/// key (the names here and in `reader::FIELDS` are the same, and the round-trip tests hold them
/// so).
#[derive(Serialize)]
struct FixtureFile {
    #[serde(rename = "webhookEchoFixture")]
    version: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<String>,
    #[serde(rename = "bodyBase64", skip_serializing_if = "Option::is_none")]
    body_base64: Option<String>,
    headers: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    event: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    note: String,
    #[serde(rename = "secretFingerprint", skip_serializing_if = "Option::is_none")]
    fingerprint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    secret: Option<String>,
    #[serde(rename = "sealedSecret", skip_serializing_if = "Option::is_none")]
    sealed_secret: Option<SealedSecret>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expect: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tamper: Option<String>,
}

/// What the sender chose to do with the secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretChoice<'a> {
    /// The default: only the fingerprint travels.
    LeaveOut,
    /// The secret sealed with `key`, derived from the passphrase for this `salt`
    /// (`secret_box::derive_key`, or the browser's PBKDF2); `salt` and `nonce` are fresh random
    /// bytes. There is no choice to include the secret readable: anyone with a link would have it.
    /// A secret longer than `MAX_SECRET_BYTES` makes a fixture no reader opens: the caller refuses
    /// it first (`secret_too_long`).
    Seal { key: &'a SealKey, salt: [u8; SALT_LEN], nonce: [u8; NONCE_LEN] },
}

impl Fixture {
    /// The fixture for what is on the page, with the secret as the sender chose.
    pub fn of(work: Work<'_>, secret: &str, choice: SecretChoice<'_>) -> Self {
        let secret = match (secret.is_empty(), choice) {
            (true, _) => SharedSecret::None,
            (false, SecretChoice::LeaveOut) => SharedSecret::Fingerprint(fingerprint(secret)),
            (false, SecretChoice::Seal { key, salt, nonce }) => {
                SharedSecret::Sealed(secret_box::seal_with_key(secret, key, salt, nonce))
            }
        };
        Fixture {
            body: work.body.to_vec(),
            headers: work.headers.to_string(),
            event: work.event,
            note: work.note.to_string(),
            secret,
            case: CaseFields::default(),
        }
    }

    /// The file's name in a fixture library: `<event>-<first 8 characters of the event id>.json`
    /// (`otp.verified-e3a9c1f0.json`), the first of `name`, `name-2`, `name-3`… that `taken` does
    /// not hold, so that no fixture overwrites another. The event is the body's, else the
    /// fixture's (on the page, the echo's choice, which says nothing of a pasted body), else the
    /// header's, when it is one of Cobinar's; the id the body's, else the header's. Whatever a
    /// body says, the name is only letters, digits, `.`, `-` and `_` (the event's dot only: an
    /// id's other characters become `_`), so it stays in its folder.
    pub fn file_name(&self, taken: impl Fn(&str) -> bool) -> String {
        let fields = BodyFields::read(&self.body);
        let headers = received_headers::parse(&self.headers);
        let text = |field: Option<&BodyField>| match field {
            Some(BodyField::Text(text)) => Some(text.clone()),
            _ => None,
        };
        let header = |name: &str| headers.get(name).map(|field| field.value.clone());
        let event = text(fields.event())
            .and_then(|name| Event::from_name(&name))
            .or(self.event)
            .or_else(|| header(EVENT).and_then(|name| Event::from_name(&name)))
            .map_or("delivery", Event::name);
        let id: String = text(fields.id())
            .or_else(|| header(EVENT_ID))
            .unwrap_or_default()
            .chars()
            .take(8)
            .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
            .collect();
        let stem = if id.is_empty() { format!("{event}-no-id") } else { format!("{event}-{id}") };
        let mut name = format!("{stem}.json");
        let mut n = 2_u32;
        while taken(&name) {
            name = format!("{stem}-{n}.json");
            n = n.saturating_add(1);
        }
        name
    }

    /// What the fixture carries but the secret, to make another fixture of it.
    pub fn as_work(&self) -> Work<'_> {
        Work { body: &self.body, headers: &self.headers, event: self.event, note: &self.note }
    }

    /// The same fixture with nothing of the secret: what work in progress is stored as.
    pub fn without_secret(&self) -> Self {
        Fixture { secret: SharedSecret::None, ..self.clone() }
    }

    /// The same fixture with a plain secret (from a link an earlier version made) replaced by its
    /// fingerprint, everything else unchanged. The page names the place it keeps work under from
    /// this form, so that nothing derived from the plain secret reaches storage.
    pub fn without_plain_secret(&self) -> Self {
        match &self.secret {
            SharedSecret::Plain(secret) => {
                Fixture { secret: SharedSecret::Fingerprint(fingerprint(secret)), ..self.clone() }
            }
            SharedSecret::None | SharedSecret::Fingerprint(_) | SharedSecret::Sealed(_) => self.clone(),
        }
    }

    /// The file form, compact, as links carry it: a body that is not UTF-8 in base64, the secret
    /// in whichever form the fixture holds it. Written whatever it holds; `from_json` refuses one
    /// past its limits (a secret over 4 KiB, say).
    #[expect(clippy::expect_used, reason = "a FixtureFile is strings, a number and derived structs of them")]
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.file()).expect("a fixture serialises")
    }

    /// The same, indented, for a file a person may open. The keys keep the compact form's order,
    /// the version first, so a reader meets it before anything it might not know.
    #[expect(clippy::expect_used, reason = "a FixtureFile is strings, a number and derived structs of them")]
    pub fn to_pretty_json(&self) -> String {
        serde_json::to_string_pretty(&self.file()).expect("a fixture serialises")
    }

    /// The file form. serde_json refuses only maps with non-string keys and Serialize impls that
    /// fail; this holds neither, so writing it cannot fail.
    fn file(&self) -> FixtureFile {
        let (body, body_base64) = match std::str::from_utf8(&self.body) {
            Ok(text) => (Some(text.to_string()), None),
            Err(_) => (None, Some(base64::encode_standard(&self.body))),
        };
        let (fingerprint, secret, sealed_secret) = match &self.secret {
            SharedSecret::None => (None, None, None),
            SharedSecret::Fingerprint(fp) => (Some(fp.clone()), None, None),
            SharedSecret::Plain(secret) => (None, Some(secret.clone()), None),
            SharedSecret::Sealed(sealed) => (None, None, Some(sealed.clone())),
        };
        FixtureFile {
            version: VERSION,
            body,
            body_base64,
            headers: self.headers.clone(),
            event: self.event.map(|event| event.name().to_string()),
            note: self.note.clone(),
            fingerprint,
            secret,
            sealed_secret,
            expect: self.case.expect.map(|e| e.name().to_string()),
            tamper: self.case.tamper.map(|t| t.name().to_string()),
        }
    }

    /// Reads the file form (a `.json` export), refusing at the first key that shows it is not
    /// a fixture of this version.
    pub fn from_json(text: &[u8]) -> Result<Self, FixtureError> {
        if text.len() > MAX_FIXTURE_BYTES {
            return Err(FixtureError::TooLarge);
        }
        Self::from_file(reader::read(serde_json::Deserializer::from_slice(text))?)
    }

    /// Reads a fixture from a stream, no further than the first thing that refuses it: a note,
    /// headers, event, fingerprint, secret or sealed secret's field is refused once it has run past its limit, not read whole
    /// first. The stream bounds its own size (the link's inflater stops at `MAX_FIXTURE_BYTES`);
    /// an error it returns is reported as `NotAFixture`, so a caller with a better word checks
    /// its reader first.
    pub(crate) fn from_reader(stream: impl std::io::Read) -> Result<Self, FixtureError> {
        Self::from_file(reader::read_stream(stream)?)
    }

    /// The rules the file's form cannot state: one body, a known event, one way of carrying the
    /// secret. `file` comes only from `reader`, which has already refused a note, headers, event,
    /// fingerprint, secret or sealed secret's field past its limit, as it read them.
    fn from_file(file: FixtureFile) -> Result<Self, FixtureError> {
        let body = match (file.body, file.body_base64) {
            (Some(text), None) => text.into_bytes(),
            (None, Some(encoded)) => {
                base64::decode(&encoded).ok_or_else(|| FixtureError::Invalid("its body is not base64".into()))?
            }
            (None, None) => Vec::new(),
            (Some(_), Some(_)) => return Err(FixtureError::Invalid("it has two bodies".into())),
        };
        let event = match file.event {
            None => None,
            Some(name) => Some(Event::from_name(&name).ok_or_else(|| not_an_event(&name))?),
        };
        let secret = match (file.fingerprint, file.secret, file.sealed_secret) {
            (None, None, None) => SharedSecret::None,
            (Some(fp), None, None) => SharedSecret::Fingerprint(fp),
            (None, Some(secret), None) => SharedSecret::Plain(secret),
            (None, None, Some(sealed)) => SharedSecret::Sealed(sealed),
            _ => return Err(FixtureError::Invalid("it carries the secret in more than one way".into())),
        };
        let expect = match file.expect {
            None => None,
            Some(name) => Some(Expect::from_name(&name).ok_or_else(|| {
                FixtureError::Invalid(format!(
                    "its expect \"{}\" is neither \"accept\" nor \"reject\"",
                    crate::verify::invisible::quoted(&name)
                ))
            })?),
        };
        let tamper = match file.tamper {
            None => None,
            Some(name) => Some(Tamper::from_name(&name).ok_or_else(|| {
                let known: Vec<&str> = Tamper::ALL.iter().map(|t| t.name()).collect();
                FixtureError::Invalid(format!(
                    "its tamper \"{}\" is not one of {}",
                    crate::verify::invisible::quoted(&name),
                    known.join(", ")
                ))
            })?),
        };
        let case = CaseFields { expect, tamper };
        Ok(Fixture { body, headers: file.headers, event, note: file.note, secret, case })
    }
}
