//! A team's fixtures as cases of the pack. Each is replayed under the pack's own test secret
//! (`echo::replay`: its body re-signed with a fresh id and `createdAt`, then changed as its
//! `tamper` says), so a fixture case's bytes are what `webhook-echo replay` would send. The
//! pack's verify function checks the signature and nothing else, so a fixture whose answer
//! something else decides (the receiver's clock, its own rules) is not a case: it is named in the
//! pack with why, as are the ones too large to carry.
//!
//! Everything a fixture brings (its file name, its note) is untrusted text: it reaches the cases
//! only through `invisible::quoted`, one line with every invisible or control character as its
//! `⟨U+XXXX⟩` token, and the case's name only as `[a-z0-9-]`.

use std::collections::BTreeSet;

use sha2::{Digest as _, Sha256};

use super::{Case, Expect, Language, PackBody, PackVectors, LARGE_BODY_LEN, PACK_ENTROPY_LEN, PADDING_BYTE};
use crate::diagnose::diagnosis::Cause;
use crate::echo::replay::{replay, Bytes, REPLAY_ENTROPY_LEN};
use crate::protocol::headers::SIGNATURE;
use crate::protocol::text::grouped;
use crate::share::fixture::{self, Fixture, Tamper};
use crate::stacks::Choice;
use crate::verify::invisible::quoted;
use crate::verify::signature;

/// Every fixture case's name starts so; the built-in ones start with `accepts-` or `rejects-`.
pub const FIXTURE_CASE_PREFIX: &str = "fixture-";
/// The largest fixture body a pack carries: the size of its own large case.
pub const MAX_FIXTURE_BODY_LEN: usize = LARGE_BODY_LEN;
/// The most body bytes the fixture cases of one pack write out, all together (in hex, twice
/// that): a pack stays a file of a few megabytes, and C# refuses a program whose string
/// literals pass 16 MB in UTF-16.
pub const MAX_FIXTURE_BYTES: usize = 2 * LARGE_BODY_LEN;
/// The most fixture cases one pack holds (Java compiles the case table into one static
/// initialiser, which may not pass 64 KB of code).
pub const MAX_FIXTURE_CASES: usize = 200;
/// How much of a file name the case's name keeps.
const NAME_CHARS: usize = 48;
/// A run of `PADDING_BYTE` at least this long is written as a count rather than as bytes.
const PADDING_RUN: usize = 1024;

/// A fixture that is not a case of the pack, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// The fixture's file name, as given (untrusted: shown through `invisible::quoted`).
    pub file: String,
    pub why: String,
}

/// The 16 random bytes of one fixture's replay (its fresh event id), derived from the pack's
/// entropy and the fixture's place, so that a pack stays a function of its arguments.
pub(super) fn replay_entropy(entropy: &[u8; PACK_ENTROPY_LEN], index: usize) -> [u8; REPLAY_ENTROPY_LEN] {
    let digest = Sha256::new().chain_update(entropy).chain_update((index as u64).to_le_bytes()).finalize();
    let mut out = [0u8; REPLAY_ENTROPY_LEN];
    out.copy_from_slice(&digest[..REPLAY_ENTROPY_LEN]);
    out
}

/// `fixture-<file name>`: its stem (without `.json`) in lower-case ASCII letters and digits, any
/// run of other characters one `-`, at most `NAME_CHARS` of it; the fixture's place in the list
/// when nothing is left; `-2`, `-3`… after a name `taken` holds. So every language takes it as a
/// test name (Python's and Rust's functions, with `_` for `-`), and the runners' reports map back.
pub(super) fn case_name(file: &str, index: usize, taken: &mut BTreeSet<String>) -> String {
    let stem = match file.len().checked_sub(5).filter(|&at| file.is_char_boundary(at)) {
        Some(at) if file[at..].eq_ignore_ascii_case(".json") => &file[..at],
        _ => file,
    };
    let mut slug = String::new();
    for c in stem.chars() {
        if slug.len() >= NAME_CHARS {
            break;
        }
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let base = if slug.is_empty() {
        format!("{FIXTURE_CASE_PREFIX}{}", index + 1)
    } else {
        format!("{FIXTURE_CASE_PREFIX}{slug}")
    };
    let mut name = base.clone();
    let mut n = 2_usize;
    while !taken.insert(name.clone()) {
        name = format!("{base}-{n}");
        n += 1;
    }
    name
}

/// Why a replayed fixture cannot be a case, when the pack's verify function (the signature
/// alone) would not give the answer the fixture expects: `valid` is whether its signature holds.
pub(super) fn why_not_a_case(expected: fixture::Expect, tamper: Option<Tamper>, valid: bool) -> Option<String> {
    let why = match (expected, tamper) {
        (fixture::Expect::Accept, _) if valid => return None,
        (fixture::Expect::Reject, _) if !valid => return None,
        (fixture::Expect::Reject, Some(Tamper::StaleDelivery)) => "its tamper is stale-delivery: its signature is \
            valid (its createdAt, a day old, is signed), so what rejects it is the receiver's clock check, not the \
            verify function"
            .to_string(),
        (fixture::Expect::Reject, None) => "it expects reject without a tamper: re-signed, its bytes verify, so \
            what rejects it is not the signature check"
            .to_string(),
        (fixture::Expect::Reject, Some(tamper)) => format!(
            "its tamper {} leaves the bytes as signed (the body is already in that form), so its signature verifies",
            tamper.name()
        ),
        (fixture::Expect::Accept, Some(tamper)) => format!(
            "it expects accept, but its tamper {} breaks the signature: a verify function that checks the \
             signature rejects it",
            tamper.name()
        ),
        (fixture::Expect::Accept, None) => "re-signed, its signature does not verify".to_string(),
    };
    Some(why)
}

/// The built-in case whose mistake and fix a fixture with `tamper` shares: the one that changes
/// a delivery the same way after signing.
fn same_kind(tamper: Tamper) -> &'static str {
    match tamper {
        Tamper::TamperedBody | Tamper::StaleDelivery => "rejects-body-byte-changed",
        Tamper::TrailingNewline => "rejects-trailing-newline",
        Tamper::ReserializedBody => "rejects-reserialized-pretty",
        Tamper::MissingSignature => "rejects-missing-signature",
        Tamper::WrongSecret => "rejects-another-secret",
    }
}

impl PackBody {
    /// `bytes` as the pack writes them: its longest run of `PADDING_BYTE` as a count when the run
    /// is `PADDING_RUN` bytes or more (a fixture made from the large case), as they are otherwise.
    pub(super) fn compact(bytes: Vec<u8>) -> PackBody {
        let (mut best, mut start, mut run) = (0..0, 0, 0);
        for (at, &byte) in bytes.iter().enumerate() {
            if byte == PADDING_BYTE {
                if run == 0 {
                    start = at;
                }
                run += 1;
                if run > best.len() {
                    best = start..at + 1;
                }
            } else {
                run = 0;
            }
        }
        if best.len() < PADDING_RUN {
            return PackBody::exact(bytes);
        }
        PackBody { head: bytes[..best.start].to_vec(), padding: best.len(), tail: bytes[best.end..].to_vec() }
    }

    /// The bytes the file holds for it, in hex (the padding is a count).
    pub(super) fn written(&self) -> usize {
        self.head.len() + self.tail.len()
    }
}

/// Adds one case per usable fixture to `vectors`, after the built-in ones, and names the others
/// in `vectors.left_out`.
pub(super) fn add(
    vectors: &mut PackVectors,
    now_unix_millis: i64,
    entropy: &[u8; PACK_ENTROPY_LEN],
    fixtures: &[(String, Fixture)],
) {
    let language: Language = vectors.language;
    let mut taken: BTreeSet<String> = vectors.cases.iter().map(|c| c.name.clone()).collect();
    let mut written = 0_usize;
    let mut added = 0_usize;
    for (index, (file, fixture)) in fixtures.iter().enumerate() {
        let mut leave_out = |why: String| vectors.left_out.push(LeftOut { file: file.clone(), why });
        if fixture.body.len() > MAX_FIXTURE_BODY_LEN {
            leave_out(format!(
                "its body is {} bytes, more than the {} (1 MiB) a pack carries for one fixture",
                grouped(fixture.body.len()),
                grouped(MAX_FIXTURE_BODY_LEN)
            ));
            continue;
        }
        if added == MAX_FIXTURE_CASES {
            leave_out(format!("the pack already holds {MAX_FIXTURE_CASES} fixture cases, the most one pack holds"));
            continue;
        }
        let request =
            replay(fixture, &vectors.secret, now_unix_millis, &replay_entropy(entropy, index), Bytes::Fresh).request;
        let header = request.header(SIGNATURE).map(str::to_string);
        let valid = header
            .as_deref()
            .and_then(|value| signature::parse_header(value).ok())
            .is_some_and(|digest| signature::verify(vectors.secret.as_bytes(), &request.body, &digest));
        let expected = fixture.case.expected();
        let tamper = fixture.case.tamper;
        if let Some(why) = why_not_a_case(expected, tamper, valid) {
            leave_out(why);
            continue;
        }
        let body = PackBody::compact(request.body);
        if written + body.written() > MAX_FIXTURE_BYTES {
            leave_out(format!(
                "the pack already carries {} bytes of fixture bodies, and this one's {} would take it past {} (2 MiB)",
                grouped(written),
                grouped(body.written()),
                grouped(MAX_FIXTURE_BYTES)
            ));
            continue;
        }
        written += body.written();
        added += 1;
        let shown = quoted(file);
        let mut meaning = format!("the fixture \"{shown}\" re-signed with this pack's secret");
        if let Some(tamper) = tamper {
            meaning.push_str(&format!(", then changed by its tamper {}", tamper.name()));
        }
        if !fixture.note.is_empty() {
            meaning.push_str(&format!(" (its note: \"{}\")", quoted(&fixture.note)));
        }
        let (expect, mistake, fix, cause) = match expected {
            fixture::Expect::Accept => (
                Expect::Accept,
                format!("your function rejected \"{shown}\": a delivery your team keeps as one to accept."),
                Cause::BodyReserialized.fix_in(Choice::Language(language)),
                None,
            ),
            fixture::Expect::Reject => {
                let kind = tamper.map_or("rejects-body-byte-changed", same_kind);
                let built_in = vectors.cases.iter().find(|c| c.name == kind);
                (
                    Expect::Reject,
                    built_in.map(|c| c.mistake.clone()).unwrap_or_default(),
                    built_in.map(|c| c.fix.clone()).unwrap_or_default(),
                    built_in.and_then(|c| c.cause),
                )
            }
        };
        vectors.cases.push(Case {
            name: case_name(file, index, &mut taken),
            expect,
            meaning,
            body,
            header,
            secret: vectors.secret.clone(),
            mistake,
            fix,
            cause,
        });
    }
}
