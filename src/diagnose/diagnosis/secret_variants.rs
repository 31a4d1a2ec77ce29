//! The secret's variants: whitespace, quotes, invisible characters, encodings and a whole
//! environment-file line, each with what a match means.

use super::*;

/// One cause's variants of the secret, and what a match means: the finding's second half.
pub(super) struct SecretVariants {
    pub(super) cause: Cause,
    pub(super) meaning: &'static str,
    pub(super) variants: Vec<Variant<Vec<u8>>>,
}

pub(super) fn secret_variants(secret: &str) -> [SecretVariants; 5] {
    let variant = |value: &[u8], label: &str| Variant { value: value.to_vec(), label: label.to_string() };
    let mut whitespace = Vec::new();
    if secret.trim() != secret {
        whitespace.push(variant(secret.trim().as_bytes(), "with the whitespace around it removed"));
        if secret.trim_end() != secret && secret.trim_start() != secret {
            whitespace.push(variant(secret.trim_end().as_bytes(), "with its trailing whitespace removed"));
            whitespace.push(variant(secret.trim_start().as_bytes(), "with its leading whitespace removed"));
        }
    }
    for (added, label) in [
        ("\n", "with a trailing newline added"),
        ("\r\n", "with a trailing CRLF added"),
        (" ", "with a trailing space added"),
    ] {
        whitespace.push(variant(format!("{secret}{added}").as_bytes(), label));
    }

    let mut encoding = Vec::new();
    let trimmed = secret.trim();
    let unprefixed = trimmed.split_once('_').filter(|(p, rest)| {
        (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_lowercase()) && !rest.is_empty()
    });
    let mut forms: Vec<(&str, String)> = vec![(trimmed, String::new())];
    if let Some((prefix, rest)) = unprefixed {
        encoding.push(variant(rest.as_bytes(), &format!("with its \"{prefix}_\" prefix removed")));
        forms.push((rest, format!(" after removing its \"{prefix}_\" prefix")));
    }
    for (form, after) in &forms {
        if form.len() >= 16 && form.len() % 2 == 0 && form.bytes().all(|b| b.is_ascii_hexdigit()) {
            if let Ok(bytes) = hex::decode(form) {
                encoding.push(variant(&bytes, &format!("hex-decoded to bytes{after}")));
            }
        }
        if form.len() >= 16 {
            if let Some(bytes) = base64::decode(form) {
                encoding.push(variant(&bytes, &format!("base64-decoded to bytes{after}")));
            }
        }
    }
    let mut invisible = Vec::new();
    let found = invisible_characters(secret.as_bytes(), false);
    for &(c, first, count) in &found {
        let label = format!("without {}", describe_invisible(c, first, count));
        invisible.push(variant(&remove_char(secret.as_bytes(), c, false), &label));
    }
    if found.len() > 1 {
        let mut all = secret.as_bytes().to_vec();
        for &(c, _, _) in &found {
            all = remove_char(&all, c, false);
        }
        invisible.push(variant(&all, "without any of its invisible characters"));
    }

    let mut quotes = Vec::new();
    match unquoted(trimmed, &PASTE_QUOTES) {
        Some(inner) => quotes.push(variant(inner.as_bytes(), "without the quotes around it")),
        None => {
            for (quote, label) in [('"', "wrapped in double quotes"), ('\'', "wrapped in single quotes")] {
                quotes.push(variant(format!("{quote}{trimmed}{quote}").as_bytes(), label));
            }
        }
    }

    let mut env_line = Vec::new();
    let line = trimmed.strip_prefix("export ").map_or(trimmed, str::trim_start);
    if let Some((name, value)) = line.split_once('=') {
        let name = name.trim_end();
        let is_name = name.starts_with(|c: char| c.is_ascii_uppercase() || c == '_')
            && name.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
        let value = value.trim();
        if is_name && !value.is_empty() {
            let inner = unquoted(value, &PASTE_QUOTES).unwrap_or(value);
            env_line.push(variant(inner.as_bytes(), &format!("reduced to the value after {name}=")));
            if inner != value {
                env_line.push(variant(value.as_bytes(), &format!("reduced to the value after {name}=, quotes kept")));
            }
        }
    }
    [
        SecretVariants {
            cause: Cause::SecretWhitespace,
            meaning: "one side's copy of the secret has whitespace the other's does not",
            variants: whitespace,
        },
        SecretVariants {
            cause: Cause::SecretEncoding,
            meaning: "whoever made it decoded the secret, which Cobinar does not",
            variants: encoding,
        },
        SecretVariants {
            cause: Cause::SecretInvisibleCharacter,
            meaning: "the secret pasted here carries an invisible character that the signer's copy does not",
            variants: invisible,
        },
        SecretVariants {
            cause: Cause::SecretQuotes,
            meaning: "an environment file's quotes were kept as part of the secret on one side",
            variants: quotes,
        },
        SecretVariants {
            cause: Cause::SecretEnvLine,
            meaning: "the secret field holds a whole environment-file line, not just its value",
            variants: env_line,
        },
    ]
}

pub(super) fn explain_secret(subject: Subject, cause: Cause, meaning: &str, hits: &[String]) -> Option<Diagnosis> {
    let first = hits.first()?;
    Some(Diagnosis::new(cause, format!("{} matches the secret {first}: {meaning}.", subject.noun())))
}
