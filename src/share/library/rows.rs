//! The rows as the page shows them: each file's verdict and secret check, and their counts.

use crate::share::fixture::SharedSecret;
use crate::verify::fingerprint::fingerprint;

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
    pub(super) fn of(carried: &SharedSecret, secret: &str, typed: &str) -> Self {
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
    pub(super) fn of(rows: &[Row]) -> Self {
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
    pub(super) secret: [u8; 32],
    pub rows: Vec<Row>,
    pub counts: Counts,
}
