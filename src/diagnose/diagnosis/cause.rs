//! The cause catalogue: every known mistake (`Cause`), its stable code, its finding's subject and
//! its fix.

use super::*;
use crate::protocol::wire;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cause {
    BodyTrailingNewline,
    BodyLineEndings,
    BodyReserialized,
    BodyUnicodeEscaped,
    BodyBom,
    BodyInvisibleCharacter,
    BodyWhitespace,
    BodyObjectCoerced,
    SignedContentScheme,
    SecretWhitespace,
    SecretEncoding,
    SecretInvisibleCharacter,
    SecretQuotes,
    SecretEnvLine,
    SignaturePrefix,
    SignatureCase,
    SignatureBase64,
    SignatureAlgorithm,
    /// Stays last: `ALL`'s test counts on it.
    NoKnownCause,
}

impl Cause {
    /// Every cause, in declaration order: for tests and tables that must cover each one.
    pub const ALL: [Cause; 19] = [
        Self::BodyTrailingNewline,
        Self::BodyLineEndings,
        Self::BodyReserialized,
        Self::BodyUnicodeEscaped,
        Self::BodyBom,
        Self::BodyInvisibleCharacter,
        Self::BodyWhitespace,
        Self::BodyObjectCoerced,
        Self::SignedContentScheme,
        Self::SecretWhitespace,
        Self::SecretEncoding,
        Self::SecretInvisibleCharacter,
        Self::SecretQuotes,
        Self::SecretEnvLine,
        Self::SignaturePrefix,
        Self::SignatureCase,
        Self::SignatureBase64,
        Self::SignatureAlgorithm,
        Self::NoKnownCause,
    ];

    /// The stable name used in `data-cause`, the JS API, `verify --json`, a link's sender
    /// verdict and the worker's messages: serde's, from the `rename_all` above (`wire`).
    pub fn as_str(self) -> &'static str {
        wire::name(&self)
    }

    /// The cause whose name (`as_str`) is exactly `name`; `None` for any other text.
    pub fn from_name(name: &str) -> Option<Self> {
        wire::from_name(name)
    }

    /// How to fix it in the receiver, in any stack's words (`fixes`).
    pub fn fix(self) -> String {
        self.fix_in(Choice::Any)
    }

    /// How to fix it in the receiver, in the words of the reader's stack or language.
    pub fn fix_in(self, choice: Choice) -> String {
        fixes::fix(self, choice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_every_cause_once_in_declaration_order() {
        for (position, cause) in Cause::ALL.iter().enumerate() {
            assert_eq!(*cause as usize, position, "{cause:?}");
        }
        assert_eq!(Cause::ALL.len(), Cause::NoKnownCause as usize + 1);
    }

    /// Each cause's name, written out: a renamed variant, or a changed `rename_all`, changes a
    /// spelling that links, scripts and reports already hold, and fails here.
    fn pinned(cause: Cause) -> &'static str {
        match cause {
            Cause::BodyTrailingNewline => "body-trailing-newline",
            Cause::BodyLineEndings => "body-line-endings",
            Cause::BodyReserialized => "body-reserialized",
            Cause::BodyUnicodeEscaped => "body-unicode-escaped",
            Cause::BodyBom => "body-bom",
            Cause::BodyInvisibleCharacter => "body-invisible-character",
            Cause::BodyWhitespace => "body-whitespace",
            Cause::BodyObjectCoerced => "body-object-coerced",
            Cause::SignedContentScheme => "signed-content-scheme",
            Cause::SecretWhitespace => "secret-whitespace",
            Cause::SecretEncoding => "secret-encoding",
            Cause::SecretInvisibleCharacter => "secret-invisible-character",
            Cause::SecretQuotes => "secret-quotes",
            Cause::SecretEnvLine => "secret-env-line",
            Cause::SignaturePrefix => "signature-prefix",
            Cause::SignatureCase => "signature-case",
            Cause::SignatureBase64 => "signature-base64",
            Cause::SignatureAlgorithm => "signature-algorithm",
            Cause::NoKnownCause => "no-known-cause",
        }
    }

    #[test]
    fn every_cause_keeps_its_wire_spelling_on_every_wire() {
        crate::protocol::wire::assert_spelled(&Cause::ALL, pinned, Cause::from_name);
    }

    #[test]
    fn every_cause_reads_back_from_its_name_and_nothing_else() {
        for cause in Cause::ALL {
            assert_eq!(Cause::from_name(cause.as_str()), Some(cause));
            assert_eq!(Cause::from_name(&cause.as_str().to_uppercase()), None);
        }
        assert_eq!(Cause::from_name(""), None);
        assert_eq!(Cause::from_name("body-reserialised"), None);
    }
}
