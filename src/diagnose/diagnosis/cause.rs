//! The cause catalogue: every known mistake (`Cause`), its stable code, its finding's subject and
//! its fix.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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

    /// The stable name used in `data-cause` and the JS API.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::BodyTrailingNewline => "body-trailing-newline",
            Self::BodyLineEndings => "body-line-endings",
            Self::BodyReserialized => "body-reserialized",
            Self::BodyUnicodeEscaped => "body-unicode-escaped",
            Self::BodyBom => "body-bom",
            Self::BodyInvisibleCharacter => "body-invisible-character",
            Self::BodyWhitespace => "body-whitespace",
            Self::BodyObjectCoerced => "body-object-coerced",
            Self::SignedContentScheme => "signed-content-scheme",
            Self::SecretWhitespace => "secret-whitespace",
            Self::SecretEncoding => "secret-encoding",
            Self::SecretInvisibleCharacter => "secret-invisible-character",
            Self::SecretQuotes => "secret-quotes",
            Self::SecretEnvLine => "secret-env-line",
            Self::SignaturePrefix => "signature-prefix",
            Self::SignatureCase => "signature-case",
            Self::SignatureBase64 => "signature-base64",
            Self::SignatureAlgorithm => "signature-algorithm",
            Self::NoKnownCause => "no-known-cause",
        }
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
}
