//! A fixture: what a person shares so that a teammate sees the same delivery, byte for byte.
//! Its JSON form is the `.json` export and, compressed, the share link's payload.

use serde::Serialize;

use crate::protocol::base64;
use crate::protocol::events::Event;
use crate::protocol::headers::{EVENT, EVENT_ID};
use crate::protocol::limits::{MAX_EVENT_BYTES, MAX_HEADERS_BYTES, MAX_SECRET_BYTES};
// The page's share panel reads these two here.
pub use crate::protocol::limits::{MAX_FIXTURE_BYTES, MAX_NOTE_CHARS};
use crate::share::secret_box::{self, SealKey, SealedSecret, NONCE_LEN, SALT_LEN};
use crate::verify::body::{BodyFields, Field as BodyField};
use crate::verify::fingerprint::fingerprint;
use crate::verify::received_headers;

mod reader;

/// The format's version, in the file and in the link.
pub const VERSION: u32 = 1;

fn secret_too_long_error() -> FixtureError {
    FixtureError::Invalid(format!(
        "its secret is longer than {} KiB, more than any webhook secret",
        MAX_SECRET_BYTES / 1024
    ))
}

/// The sender's check, before a secret is sealed into a link or file: the sentence to show when
/// it is longer than `MAX_SECRET_BYTES`, which the page's own reader would refuse (the link would
/// not open); `None` when it may travel. Only a sealed secret needs it: left out, the secret
/// travels as its fingerprint, whatever its length.
pub fn secret_too_long(secret: &str) -> Option<String> {
    (secret.len() > MAX_SECRET_BYTES).then(|| {
        format!(
            "The secret was not sealed: it is longer than {} KiB, more than any webhook secret, and a link \
             carrying it would not open. Nothing was made.",
            MAX_SECRET_BYTES / 1024
        )
    })
}

fn headers_too_long() -> FixtureError {
    FixtureError::Invalid(format!("its headers are longer than {} KiB", MAX_HEADERS_BYTES / 1024))
}

fn note_too_long() -> FixtureError {
    FixtureError::Invalid(format!("its note is longer than {MAX_NOTE_CHARS} characters"))
}

fn event_too_long() -> FixtureError {
    FixtureError::Invalid(format!("its event is longer than {MAX_EVENT_BYTES} bytes, so it is not a Cobinar event"))
}

fn not_an_event(name: &str) -> FixtureError {
    FixtureError::Invalid(format!("\"{}\" is not a Cobinar event", crate::verify::invisible::quoted(name)))
}

fn malformed_fingerprint() -> FixtureError {
    FixtureError::Invalid(
        "its secret fingerprint is not one webhook-echo makes (two groups of four hex digits, as a1b2-c3d4)".into(),
    )
}

/// Whether `text` has the form `fingerprint` gives: `a1b2-c3d4`.
fn is_fingerprint(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 9
        && bytes
            .iter()
            .enumerate()
            .all(|(i, &b)| if i == 4 { b == b'-' } else { matches!(b, b'0'..=b'9' | b'a'..=b'f') })
}

/// What a receiver must answer to a fixture when it is replayed (`webhook-echo replay`, `check
/// --fixtures`, the test packs): 2xx, or anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    Accept,
    Reject,
}

impl Expect {
    pub const ALL: [Self; 2] = [Self::Accept, Self::Reject];

    /// The file's word for it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Accept => "accept",
            Self::Reject => "reject",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.name() == name)
    }
}

/// How a replayed fixture is changed after it is signed: the cases of `webhook-echo check` that
/// change a delivery after signing, by the same names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tamper {
    TamperedBody,
    TrailingNewline,
    ReserializedBody,
    MissingSignature,
    WrongSecret,
    StaleDelivery,
}

impl Tamper {
    pub const ALL: [Self; 6] = [
        Self::TamperedBody,
        Self::TrailingNewline,
        Self::ReserializedBody,
        Self::MissingSignature,
        Self::WrongSecret,
        Self::StaleDelivery,
    ];

    /// The name in the file, which is `check`'s case id.
    pub fn name(self) -> &'static str {
        match self {
            Self::TamperedBody => "tampered-body",
            Self::TrailingNewline => "trailing-newline",
            Self::ReserializedBody => "reserialized-body",
            Self::MissingSignature => "missing-signature",
            Self::WrongSecret => "wrong-secret",
            Self::StaleDelivery => "stale-delivery",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// What makes a fixture a test case: the answer it must get, and what is done to it after it
/// is re-signed. Both optional in the file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CaseFields {
    /// As written; `None` when the file says nothing (`expected` then decides).
    pub expect: Option<Expect>,
    pub tamper: Option<Tamper>,
}

impl CaseFields {
    /// The answer the receiver must give: what the file says; without it, accept, unless the
    /// fixture is tampered with, which every receiver must reject (a tampered delivery that a
    /// file expects accepted says so in `expect`).
    pub fn expected(self) -> Expect {
        match (self.expect, self.tamper) {
            (Some(expect), _) => expect,
            (None, Some(_)) => Expect::Reject,
            (None, None) => Expect::Accept,
        }
    }
}

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

/// Why a fixture's JSON cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixtureError {
    NotAFixture(String),
    UnknownVersion(u32),
    Invalid(String),
    TooLarge,
}

impl std::fmt::Display for FixtureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotAFixture(why) => write!(f, "This is not a webhook-echo fixture ({why})."),
            Self::UnknownVersion(v) => write!(
                f,
                "This fixture is format version {v}; this page reads version {VERSION}. It was made by a newer webhook-echo: reload, or open it there."
            ),
            Self::Invalid(why) => write!(f, "This fixture is damaged: {why}."),
            Self::TooLarge => write!(f, "This fixture is larger than {} MiB, more than a fixture should hold.", MAX_FIXTURE_BYTES >> 20),
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(body: &[u8], secret: SharedSecret) -> Fixture {
        Fixture {
            body: body.to_vec(),
            headers: "x-cobinar-event: otp.verified\n".into(),
            event: Some(Event::OtpFailed),
            note: "fails since Tuesday".into(),
            secret,
            case: Default::default(),
        }
    }

    #[test]
    fn a_file_is_named_for_its_event_and_id_and_never_overwrites() {
        use crate::echo::example::EXAMPLE_BODY;
        let of = |body: &[u8], headers: &str, event: Option<Event>| Fixture {
            body: body.to_vec(),
            headers: headers.into(),
            event,
            note: String::new(),
            secret: SharedSecret::None,
            case: CaseFields::default(),
        };
        let none = |_: &str| false;
        let example = of(EXAMPLE_BODY.as_bytes(), "", None);
        assert_eq!(example.file_name(none), "otp.verified-e3a9c1f0.json");
        // The body's event comes first, then the fixture's, then the header's.
        assert_eq!(
            of(EXAMPLE_BODY.as_bytes(), "", Some(Event::OtpFailed)).file_name(none),
            "otp.verified-e3a9c1f0.json"
        );
        assert_eq!(
            of(br#"{"id":"abc"}"#, "x-cobinar-event: otp.created\n", Some(Event::OtpFailed)).file_name(none),
            "otp.failed-abc.json"
        );
        assert_eq!(
            of(br#"{"id":"abc","event":"otp.nope"}"#, "x-cobinar-event: otp.created\n", None).file_name(none),
            "otp.created-abc.json"
        );
        let headers = "x-cobinar-event: otp.expired\nx-cobinar-event-id: evt_12345678abc\n";
        assert_eq!(of(b"not json", headers, None).file_name(none), "otp.expired-evt_1234.json");
        assert_eq!(of(b"", "", None).file_name(none), "delivery-no-id.json");
        // An id or event of the sender's choosing cannot leave the folder or hide the name.
        let hostile = br#"{"id":"../../x\u0000y","event":"../otp.created"}"#;
        assert_eq!(of(hostile, "x-cobinar-event: /etc/passwd\n", None).file_name(none), "delivery-______x_.json");
        // Taken names are skipped, in order.
        let taken = ["otp.verified-e3a9c1f0.json", "otp.verified-e3a9c1f0-2.json"];
        assert_eq!(example.file_name(|name| taken.contains(&name)), "otp.verified-e3a9c1f0-3.json");
    }

    #[test]
    fn case_fields_round_trip_and_say_what_is_expected() {
        for tamper in Tamper::ALL {
            assert_eq!(Tamper::from_name(tamper.name()), Some(tamper));
            for expect in [None, Some(Expect::Accept), Some(Expect::Reject)] {
                let original =
                    Fixture { case: CaseFields { expect, tamper: Some(tamper) }, ..fixture(b"{}", SharedSecret::None) };
                assert_eq!(Fixture::from_json(original.to_pretty_json().as_bytes()), Ok(original.clone()));
                assert!(original.to_json().contains(&format!("\"tamper\":\"{}\"", tamper.name())));
            }
        }
        let expected = |expect, tamper| CaseFields { expect, tamper }.expected();
        assert_eq!(expected(None, None), Expect::Accept);
        assert_eq!(expected(None, Some(Tamper::WrongSecret)), Expect::Reject);
        assert_eq!(expected(Some(Expect::Accept), Some(Tamper::StaleDelivery)), Expect::Accept);
        assert_eq!(expected(Some(Expect::Reject), None), Expect::Reject);
        // A fixture that is no test case writes neither field.
        let plain = fixture(b"{}", SharedSecret::None).to_json();
        assert!(!plain.contains("expect") && !plain.contains("tamper"), "{plain}");
        let refused = [
            (r#"{"webhookEchoFixture":1,"expect":"deny"}"#, "its expect \"deny\" is neither \"accept\" nor \"reject\""),
            (
                r#"{"webhookEchoFixture":1,"tamper":"slow"}"#,
                "its tamper \"slow\" is not one of tampered-body, trailing-newline, reserialized-body, missing-signature, wrong-secret, stale-delivery",
            ),
        ];
        for (json, why) in refused {
            assert_eq!(Fixture::from_json(json.as_bytes()), Err(FixtureError::Invalid(why.into())), "{json}");
        }
        let long = format!(r#"{{"webhookEchoFixture":1,"tamper":"{}"}}"#, "x".repeat(100_000));
        assert!(matches!(Fixture::from_json(long.as_bytes()), Err(FixtureError::Invalid(_))));
    }

    #[test]
    fn round_trips_any_bytes() {
        for body in [&b"{\"a\":1}\r\n\r\n"[..], b"\xff\xfe\x00raw", b""] {
            let original = fixture(body, SharedSecret::Fingerprint("a1b2-c3d4".into()));
            assert_eq!(Fixture::from_json(original.to_json().as_bytes()), Ok(original.clone()));
            assert_eq!(Fixture::from_json(original.to_pretty_json().as_bytes()), Ok(original.clone()));
            assert!(original.to_pretty_json().starts_with("{\n  \"webhookEchoFixture\": 1,"), "the version first");
            let remade = Fixture::of(original.as_work(), "", SecretChoice::LeaveOut);
            assert_eq!(remade, Fixture { secret: SharedSecret::None, ..original });
        }
    }

    #[test]
    fn the_choice_decides_what_travels() {
        let work = Work { body: b"{}", headers: "", event: None, note: "" };
        let made = |choice| Fixture::of(work, "whsec_live", choice).secret;
        assert_eq!(made(SecretChoice::LeaveOut), SharedSecret::Fingerprint(fingerprint("whsec_live")));
        let key = [3; secret_box::KEY_LEN];
        let seal = SecretChoice::Seal { key: &key, salt: [1; SALT_LEN], nonce: [2; NONCE_LEN] };
        match made(seal) {
            SharedSecret::Sealed(sealed) => {
                assert_eq!(secret_box::key_params(&sealed).map(|p| p.salt), Ok([1; SALT_LEN]));
                assert_eq!(secret_box::open_with_key(&sealed, &key).as_deref(), Ok("whsec_live"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(Fixture::of(work, "", seal).secret, SharedSecret::None);
    }

    #[test]
    fn a_sealed_fixture_opens_with_its_passphrase() {
        let salt = [4; SALT_LEN];
        let key = secret_box::derive_key("correct horse battery", &salt);
        let work = Work { body: b"{}", headers: "", event: None, note: "" };
        let made = Fixture::of(work, "whsec_live", SecretChoice::Seal { key: &key, salt, nonce: [5; NONCE_LEN] });
        let read = Fixture::from_json(made.to_json().as_bytes()).map(|f| f.secret);
        match read {
            Ok(SharedSecret::Sealed(sealed)) => {
                assert_eq!(secret_box::open(&sealed, "correct horse battery").as_deref(), Ok("whsec_live"))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn without_plain_secret_keeps_all_but_a_plain_secret() {
        let sealed = secret_box::seal_with_key("s", &[1; secret_box::KEY_LEN], [2; SALT_LEN], [3; NONCE_LEN]);
        let cases = [
            (SharedSecret::Plain("whsec_x".into()), SharedSecret::Fingerprint(fingerprint("whsec_x"))),
            (SharedSecret::Fingerprint("a1b2-c3d4".into()), SharedSecret::Fingerprint("a1b2-c3d4".into())),
            (SharedSecret::None, SharedSecret::None),
            (SharedSecret::Sealed(sealed.clone()), SharedSecret::Sealed(sealed)),
        ];
        for (secret, expected) in cases {
            let original = fixture(b"{\"a\":1}", secret);
            let stripped = original.without_plain_secret();
            assert_eq!(stripped, Fixture { secret: expected, ..original });
            assert!(!stripped.to_json().contains("whsec_x"), "{stripped:?}");
        }
    }

    #[test]
    fn the_secret_is_absent_unless_chosen() {
        let json = fixture(b"{}", SharedSecret::Fingerprint("a1b2-c3d4".into())).to_json();
        assert!(!json.contains("\"secret\""), "{json}");
        let json = fixture(b"{}", SharedSecret::Plain("whsec_x".into())).to_json();
        assert!(json.contains("\"secret\":\"whsec_x\""), "{json}");
    }

    #[test]
    fn says_exactly_why_a_file_is_refused() {
        let invalid = |why: &str| FixtureError::Invalid(why.to_string());
        let cases: [(&str, FixtureError); 8] = [
            (
                r#"{"webhookEchoFixture":1,"x":[0,0]}"#,
                invalid("it has a field \"x\" that this version of webhook-echo does not know"),
            ),
            // Refused at the key: what follows it is never read, not even to see it is broken.
            (
                r#"{"webhookEchoFixture":1,"x": ]]] not JSON"#,
                invalid("it has a field \"x\" that this version of webhook-echo does not know"),
            ),
            // A newer format is named before its new fields are met.
            (r#"{"webhookEchoFixture":3,"newField":{"a":1}}"#, FixtureError::UnknownVersion(3)),
            (r#"{"webhookEchoFixture":99999999999}"#, FixtureError::UnknownVersion(u32::MAX)),
            (
                r#"{"name":"my-app","webhookEchoFixture":1}"#,
                FixtureError::NotAFixture("it has a field \"name\" and no webhookEchoFixture version before it".into()),
            ),
            (r#"{"headers":"a: b"}"#, FixtureError::NotAFixture("it has no webhookEchoFixture version".into())),
            (r#"{"webhookEchoFixture":1,"note":"a","note":"b"}"#, invalid("its field \"note\" appears twice")),
            (r#"{"webhookEchoFixture":1,"body":"{}","bodyBase64":"e30="}"#, invalid("it has two bodies")),
        ];
        for (input, expected) in cases {
            assert_eq!(Fixture::from_json(input.as_bytes()), Err(expected), "{input}");
        }
    }

    #[test]
    fn reads_fields_in_any_order_and_refuses_what_follows_the_object() {
        let read = Fixture::from_json(br#"{"note":"n","headers":"a: b\n","webhookEchoFixture":1,"body":"{}"}"#);
        let expected = Fixture {
            body: b"{}".to_vec(),
            headers: "a: b\n".into(),
            event: None,
            note: "n".into(),
            case: Default::default(),
            secret: SharedSecret::None,
        };
        assert_eq!(read, Ok(expected));
        let damaged = [
            &br#"{"webhookEchoFixture":1,"headers":5}"#[..],
            br#"{"webhookEchoFixture":"1"}"#,
            br#"{"webhookEchoFixture":-1}"#,
            br#"{"webhookEchoFixture":1,"sealedSecret":{"scheme":"x","extra":1}}"#,
        ];
        for input in damaged {
            assert!(
                matches!(Fixture::from_json(input), Err(FixtureError::Invalid(_))),
                "{}",
                String::from_utf8_lossy(input)
            );
        }
        for input in [&br#"{"webhookEchoFixture":1} {}"#[..], br#"{"webhookEchoFixture":1"#] {
            assert!(
                matches!(Fixture::from_json(input), Err(FixtureError::NotAFixture(_))),
                "{}",
                String::from_utf8_lossy(input)
            );
        }
    }

    #[test]
    fn refuses_what_is_not_a_fixture() {
        type Expect = fn(&FixtureError) -> bool;
        let cases: [(&[u8], Expect); 6] = [
            (b"[]", |e| matches!(e, FixtureError::NotAFixture(_))),
            (b"nope", |e| matches!(e, FixtureError::NotAFixture(_))),
            (br#"{"webhookEchoFixture":2}"#, |e| *e == FixtureError::UnknownVersion(2)),
            (br#"{"webhookEchoFixture":1,"event":"otp.sent"}"#, |e| matches!(e, FixtureError::Invalid(_))),
            (br#"{"webhookEchoFixture":1,"surprise":true}"#, |e| matches!(e, FixtureError::Invalid(_))),
            (br#"{"webhookEchoFixture":1,"secret":"a","secretFingerprint":"b"}"#, |e| {
                matches!(e, FixtureError::Invalid(_))
            }),
        ];
        for (input, expected) in cases {
            match Fixture::from_json(input) {
                Err(error) => assert!(expected(&error), "{}: {error:?}", String::from_utf8_lossy(input)),
                Ok(f) => panic!("{} read as {f:?}", String::from_utf8_lossy(input)),
            }
        }
    }

    #[test]
    fn headers_are_bounded_like_the_note() {
        let with_headers = |len: usize| {
            let json = format!(r#"{{"webhookEchoFixture":1,"headers":"{}"}}"#, r"x\n".repeat(len / 2));
            Fixture::from_json(json.as_bytes())
        };
        assert!(with_headers(MAX_HEADERS_BYTES).is_ok());
        match with_headers(MAX_HEADERS_BYTES + 2) {
            Err(FixtureError::Invalid(why)) => assert!(why.contains("headers"), "{why}"),
            other => panic!("{other:?}"),
        }
    }

    /// A link whose string would inflate to 15 MB, with what it is refused for.
    fn bomb(field: &str, fill: &str) -> String {
        let json = format!(r#"{{"webhookEchoFixture":1,"{field}":"{}"}}"#, fill.repeat((15 << 20) / fill.len()));
        crate::share::fixture_link::encode_payload(json.as_bytes())
    }

    #[test]
    fn a_long_string_in_a_link_is_refused_as_it_is_read() {
        use crate::share::fixture_link::{decode_counting, LinkError};
        // (field, what fills it, the refusal, the most a link of it inflates). The link's reader
        // is ahead of the parser by a few 4 KiB steps; the headers' limit, written out in JSON,
        // can take six bytes for each of its 256 KiB.
        let cases = [
            ("note", "a", note_too_long(), MAX_NOTE_CHARS * 12 + 5 * 4096),
            ("note", "\\ud83d\\ude00", note_too_long(), MAX_NOTE_CHARS * 12 + 5 * 4096),
            ("headers", "x: y\\n", headers_too_long(), MAX_HEADERS_BYTES * 6 + 5 * 4096),
            ("event", "otp.", event_too_long(), 5 * 4096),
            ("secretFingerprint", "a1b2-", malformed_fingerprint(), 5 * 4096),
            ("secret", "whsec_", secret_too_long_error(), MAX_SECRET_BYTES * 6 + 5 * 4096),
            ("secret", "\\u0007", secret_too_long_error(), MAX_SECRET_BYTES * 6 + 5 * 4096),
        ];
        for (field, fill, refusal, most) in cases {
            let (result, inflated) = decode_counting(&bomb(field, fill));
            assert_eq!(result, Err(LinkError::Fixture(refusal.clone())), "{field}");
            assert!(inflated <= most, "{field}: {inflated} bytes inflated");
            // A file says the same.
            let file = format!(r#"{{"webhookEchoFixture":1,"{field}":"{}"}}"#, fill.repeat(100_000));
            assert_eq!(Fixture::from_json(file.as_bytes()), Err(refusal), "{field}");
        }
        // At the limits, read whole, over a link as from a file.
        let note = "\u{1F600}".repeat(MAX_NOTE_CHARS);
        let headers = "\u{7}".repeat(MAX_HEADERS_BYTES);
        let fixture = Fixture {
            body: Vec::new(),
            headers,
            event: Some(Event::OtpVerified),
            case: Default::default(),
            note,
            secret: SharedSecret::Fingerprint("0f9e-a1b2".into()),
        };
        // Written with escapes, the longest a value can be within its limit.
        let json = fixture.to_json().replace('\u{1F600}', "\\ud83d\\ude00");
        assert!(json.len() > MAX_NOTE_CHARS * 12 + MAX_HEADERS_BYTES * 6, "{}", json.len());
        assert_eq!(Fixture::from_json(json.as_bytes()).as_ref(), Ok(&fixture));
        let link = crate::share::fixture_link::encode_payload(json.as_bytes());
        assert_eq!(crate::share::fixture_link::decode(&link), Ok(fixture));
    }

    #[test]
    fn a_fingerprint_has_the_form_webhook_echo_gives_it() {
        assert!(is_fingerprint(&fingerprint("whsec_live")));
        for fp in ["a1b2-c3d", "a1b2c3d4", "A1B2-C3D4", "a1b2-c3d4 ", "a1b2_c3d4", "g1b2-c3d4", "a1b2-c3d4-e5f6", ""] {
            let json = format!(r#"{{"webhookEchoFixture":1,"secretFingerprint":"{fp}"}}"#);
            assert_eq!(Fixture::from_json(json.as_bytes()), Err(malformed_fingerprint()), "{fp}");
        }
        let json = r#"{"webhookEchoFixture":1,"secretFingerprint":"0f9e-a1b2"}"#;
        assert_eq!(
            Fixture::from_json(json.as_bytes()).map(|f| f.secret),
            Ok(SharedSecret::Fingerprint("0f9e-a1b2".into()))
        );
    }

    #[test]
    fn an_unknown_event_is_named_with_what_cannot_be_seen() {
        let json = r#"{"webhookEchoFixture":1,"event":"otp.verified\u200b"}"#;
        assert_eq!(
            Fixture::from_json(json.as_bytes()),
            Err(FixtureError::Invalid("\"otp.verified⟨U+200B⟩\" is not a Cobinar event".into()))
        );
    }

    /// A value of the wrong type was read whole to build serde's error, which quoted it: a 20 KB
    /// link of a 15 MiB string where a number or a box belongs took seconds and put 15 million
    /// characters, or a sentence of the link's choosing, in the page's banner.
    #[test]
    fn a_value_of_the_wrong_type_is_refused_in_our_words_and_bounded() {
        use crate::share::fixture_link::{decode_counting, encode_payload, LinkError};
        let huge = "Rotate your secret now at https://evil.example ".repeat((15 << 20) / 48);
        let box_start = r#""sealedSecret":{"scheme":"pbkdf2-sha256/chacha20poly1305","#;
        let cases = [
            (format!(r#"{{"webhookEchoFixture":"{huge}"}}"#), "webhookEchoFixture"),
            (format!(r#"{{"webhookEchoFixture":1,"sealedSecret":"{huge}"}}"#), "sealedSecret"),
            (format!(r#"{{"webhookEchoFixture":1,{box_start}"iterations":"{huge}"}}}}"#), "sealedSecret.iterations"),
            (format!(r#"{{"webhookEchoFixture":1,"note":["{huge}"]}}"#), "note"),
        ];
        for (json, field) in cases {
            let refusal =
                FixtureError::Invalid(format!("its field \"{field}\" is not of the type webhook-echo writes there"));
            let (result, inflated) = decode_counting(&encode_payload(json.as_bytes()));
            assert_eq!(result, Err(LinkError::Fixture(refusal.clone())), "{field}");
            assert!(inflated < 64 * 1024, "{field}: {inflated} bytes inflated");
            let from_file = Fixture::from_json(json.as_bytes());
            assert_eq!(from_file, Err(refusal), "{field}");
        }
        // Before any version, a wrong type says what the file is not: a fixture.
        let request_dump = r#"{"body":"x","headers":{"a":"b"}}"#;
        assert!(matches!(Fixture::from_json(request_dump.as_bytes()), Err(FixtureError::NotAFixture(_))));
        // A short one is no different: the link's words never reach the page.
        let json = r#"{"webhookEchoFixture":1,"body":{"Your secret has leaked":1}}"#;
        let refused = Fixture::from_json(json.as_bytes()).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(!refused.contains("leaked") && refused.contains("not of the type"), "{refused}");
    }

    /// A sealed secret whose `field` is `fill` `times` over, the fields before it well-formed.
    fn long_sealed(field: &str, fill: &str, times: usize) -> String {
        let mut sealed = String::from(r#"{"webhookEchoFixture":1,"sealedSecret":{"#);
        for (name, value) in [("scheme", "\"pbkdf2-sha256/chacha20poly1305\""), ("iterations", "600000")] {
            if name != field {
                sealed.push_str(&format!(r#""{name}":{value},"#));
            }
        }
        sealed.push_str(&format!(r#""{field}":"{}"}}}}"#, fill.repeat(times)));
        sealed
    }

    /// A 15 MiB secret in a 20 KB link froze the page for seconds at each keystroke and held
    /// hundreds of MB; plain or sealed, it is refused a few KiB past its limit.
    #[test]
    fn a_long_sealed_secret_is_refused_as_it_is_read() {
        use crate::share::fixture_link::{decode_counting, LinkError};
        use crate::share::secret_box::{MAX_CIPHERTEXT_CHARS, MAX_SCHEME_BYTES};
        let cases = [
            ("ciphertext", "AAAA", secret_too_long_error(), MAX_CIPHERTEXT_CHARS * 6 + 5 * 4096),
            ("ciphertext", "\\u0041", secret_too_long_error(), MAX_CIPHERTEXT_CHARS * 6 + 5 * 4096),
            ("salt", "AAAA", FixtureError::Invalid("its sealed secret's salt is not well-formed".into()), 6 * 4096),
            ("nonce", "AAAA", FixtureError::Invalid("its sealed secret's nonce is not well-formed".into()), 6 * 4096),
            (
                "scheme",
                "pbkdf2",
                FixtureError::Invalid(format!(
                    "its sealed secret's scheme is longer than {MAX_SCHEME_BYTES} bytes, so it is not one webhook-echo knows"
                )),
                6 * 4096,
            ),
        ];
        for (field, fill, refusal, most) in cases {
            // Inflating to 15 MB.
            let link = long_sealed(field, fill, (15 << 20) / fill.len());
            let link = crate::share::fixture_link::encode_payload(link.as_bytes());
            assert!(link.len() < 40_000, "{field}: {} characters", link.len());
            let (result, inflated) = decode_counting(&link);
            assert_eq!(result, Err(LinkError::Fixture(refusal.clone())), "{field}");
            assert!(inflated <= most, "{field}: {inflated} bytes inflated");
            // A file says the same.
            let file = long_sealed(field, fill, 100_000);
            assert_eq!(Fixture::from_json(file.as_bytes()), Err(refusal), "{field}");
        }
    }

    /// Every secret the sender's page lets into a link opens: at the limit, plain (as links made
    /// by earlier versions carried it) and sealed; one byte more is refused both ways, and the
    /// sender is told before making it.
    #[test]
    fn a_secret_at_the_limit_travels_and_one_byte_more_does_not() {
        let work = Work { body: b"{}", headers: "x-a: b\n", event: None, note: "" };
        let key = [6; secret_box::KEY_LEN];
        let seal = SecretChoice::Seal { key: &key, salt: [1; SALT_LEN], nonce: [2; NONCE_LEN] };
        // Control characters, written as `\u0007`: the longest a secret at the limit can be in JSON.
        let longest = "\u{7}".repeat(MAX_SECRET_BYTES);
        for secret in ["w".repeat(MAX_SECRET_BYTES), longest.clone(), format!("{}é", "w".repeat(MAX_SECRET_BYTES - 2))]
        {
            assert_eq!(secret.len(), MAX_SECRET_BYTES);
            assert_eq!(secret_too_long(&secret), None);
            let plain = Fixture { secret: SharedSecret::Plain(secret.clone()), ..Fixture::of(work, "", seal) };
            let sealed = Fixture::of(work, &secret, seal);
            for fixture in [plain, sealed] {
                let link = crate::share::fixture_link::encode(&fixture);
                let read = crate::share::fixture_link::decode(&link);
                assert_eq!(read.as_ref(), Ok(&fixture));
                assert_eq!(Fixture::from_json(fixture.to_pretty_json().as_bytes()).as_ref(), Ok(&fixture));
                match read.map(|fixture| fixture.secret) {
                    Ok(SharedSecret::Plain(read)) => assert_eq!(read, secret),
                    Ok(SharedSecret::Sealed(box_)) => {
                        assert_eq!(secret_box::open_with_key(&box_, &key).as_deref(), Ok(secret.as_str()))
                    }
                    other => panic!("{other:?}"),
                }
            }
        }
        // A sealed secret at the limit written with base64's padding, as a hand-made link may.
        let sealed = secret_box::seal_with_key(&longest, &key, [1; SALT_LEN], [2; NONCE_LEN]);
        let padded = format!("{}=", sealed.ciphertext);
        assert_eq!(padded.len(), secret_box::MAX_CIPHERTEXT_CHARS);
        let fixture = Fixture {
            secret: SharedSecret::Sealed(SealedSecret { ciphertext: padded, ..sealed }),
            ..Fixture::of(work, "", seal)
        };
        assert_eq!(crate::share::fixture_link::decode(&crate::share::fixture_link::encode(&fixture)), Ok(fixture));

        let over = "w".repeat(MAX_SECRET_BYTES + 1);
        let said = secret_too_long(&over).unwrap_or_default();
        assert!(
            said.starts_with("The secret was not sealed: it is longer than 4 KiB, more than any webhook secret"),
            "{said}"
        );
        assert!(said.ends_with("Nothing was made."), "{said}");
        let plain = Fixture { secret: SharedSecret::Plain(over.clone()), ..Fixture::of(work, "", seal) };
        for fixture in [plain, Fixture::of(work, &over, seal)] {
            let link = crate::share::fixture_link::encode(&fixture);
            assert_eq!(
                crate::share::fixture_link::decode(&link),
                Err(crate::share::fixture_link::LinkError::Fixture(secret_too_long_error()))
            );
            assert_eq!(Fixture::from_json(fixture.to_json().as_bytes()), Err(secret_too_long_error()));
        }
        assert_eq!(
            secret_too_long_error().to_string(),
            "This fixture is damaged: its secret is longer than 4 KiB, more than any webhook secret."
        );
    }

    #[test]
    fn a_sealed_secret_has_the_fields_of_one_and_only_those() {
        let sealed = secret_box::seal_with_key("s", &[1; secret_box::KEY_LEN], [2; SALT_LEN], [3; NONCE_LEN]);
        let box_json = |fields: &str| format!(r#"{{"webhookEchoFixture":1,"sealedSecret":{{{fields}}}}}"#);
        let whole = format!(
            r#""scheme":"{}","iterations":600000,"salt":"{}","nonce":"{}","ciphertext":"{}""#,
            sealed.scheme, sealed.salt, sealed.nonce, sealed.ciphertext
        );
        assert_eq!(
            Fixture::from_json(box_json(&whole).as_bytes()).map(|f| f.secret),
            Ok(SharedSecret::Sealed(sealed.clone()))
        );
        let invalid = |why: &str| Err(FixtureError::Invalid(why.into()));
        let cases = [
            (
                box_json(&format!(r#"{whole},"extra":1"#)),
                invalid("its sealed secret has a field \"extra\" that this version of webhook-echo does not know"),
            ),
            (
                box_json(&format!(r#"{whole},"salt":"AAAA""#)),
                invalid("its sealed secret's field \"salt\" appears twice"),
            ),
            (
                box_json(&format!(r#"{whole},"iterations":1"#)),
                invalid("its sealed secret's field \"iterations\" appears twice"),
            ),
            (box_json(&whole.replace(r#","iterations":600000"#, "")), invalid("its sealed secret has no iterations")),
            (
                box_json(&whole.replace(&format!(r#","nonce":"{}""#, sealed.nonce), "")),
                invalid("its sealed secret has no nonce"),
            ),
        ];
        for (json, expected) in cases {
            assert_eq!(Fixture::from_json(json.as_bytes()).map(|f| f.secret), expected, "{json}");
        }
        let null = r#"{"webhookEchoFixture":1,"sealedSecret":null}"#;
        assert_eq!(Fixture::from_json(null.as_bytes()).map(|f| f.secret), Ok(SharedSecret::None));
    }
}
