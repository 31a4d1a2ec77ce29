//! Facts about the secret that reveal nothing of it: its length, whitespace at its ends, quotes
//! around it, and a short fingerprint that anyone holding the same secret sees too.
//!
//! The fingerprint is 32 bits of an HMAC keyed with a fixed label. It tells two copies of a
//! secret apart without saying anything usable about either: anyone who can see the
//! fingerprint of a delivery's secret can already see its signature, a far longer HMAC of it.

use hmac::Mac;

use crate::verify::signature::HmacSha256;

/// Versioned, so a future change of fingerprint cannot be mistaken for another secret.
const FINGERPRINT_LABEL: &[u8] = b"webhook-echo secret fingerprint v1";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretFacts {
    pub chars: usize,
    pub bytes: usize,
    /// `a newline (LF)`, `2 spaces`… at the start, if any.
    pub leading_whitespace: Option<String>,
    pub trailing_whitespace: Option<String>,
    /// Wrapped in matching quotes, as an environment file might leave it.
    pub quoted: bool,
    /// `a1b2-c3d4`.
    pub fingerprint: String,
}

pub fn fingerprint(secret: &str) -> String {
    // The label is a fixed 34-byte key: within HMAC's block, so the MAC takes it as is.
    let mut mac = match <HmacSha256 as hmac::digest::KeyInit>::new_from_slice(FINGERPRINT_LABEL) {
        Ok(mac) => mac,
        Err(_) => return String::new(),
    };
    mac.update(secret.as_bytes());
    let digest = mac.finalize().into_bytes();
    format!("{}-{}", hex::encode(&digest[..2]), hex::encode(&digest[2..4]))
}

/// Whether the secret on this page is the one behind a shared fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretMatch {
    /// No secret entered yet.
    Unknown,
    Same,
    /// Another secret: its own fingerprint.
    Different(String),
}

impl SecretMatch {
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Unknown => "unknown",
            Self::Same => "yes",
            Self::Different(_) => "no",
        }
    }
}

pub fn compare_with_fingerprint(secret: &str, shared: &str) -> SecretMatch {
    if secret.is_empty() {
        return SecretMatch::Unknown;
    }
    let mine = fingerprint(secret);
    if mine == shared {
        SecretMatch::Same
    } else {
        SecretMatch::Different(mine)
    }
}

pub fn secret_facts(secret: &str) -> Option<SecretFacts> {
    if secret.is_empty() {
        return None;
    }
    let leading: String = secret.chars().take_while(|c| c.is_whitespace()).collect();
    let trailing: String = if leading.len() == secret.len() {
        String::new()
    } else {
        let mut t: Vec<char> = secret.chars().rev().take_while(|c| c.is_whitespace()).collect();
        t.reverse();
        t.into_iter().collect()
    };
    let inner = secret.trim();
    let quoted = inner.len() >= 2
        && ((inner.starts_with('"') && inner.ends_with('"')) || (inner.starts_with('\'') && inner.ends_with('\'')));
    Some(SecretFacts {
        chars: secret.chars().count(),
        bytes: secret.len(),
        leading_whitespace: describe_whitespace(&leading),
        trailing_whitespace: describe_whitespace(&trailing),
        quoted,
        fingerprint: fingerprint(secret),
    })
}

fn describe_whitespace(run: &str) -> Option<String> {
    if run.is_empty() {
        return None;
    }
    let mut parts: Vec<String> = Vec::new();
    let mut chars = run.chars().peekable();
    while let Some(c) = chars.next() {
        let name = match c {
            '\r' if chars.peek() == Some(&'\n') => {
                chars.next();
                "a newline (CRLF)".to_string()
            }
            '\n' => "a newline (LF)".to_string(),
            '\r' => "a carriage return (CR)".to_string(),
            '\t' => "a tab".to_string(),
            ' ' => "a space".to_string(),
            '\u{a0}' => "a no-break space".to_string(),
            other => format!("U+{:04X}", other as u32),
        };
        match parts.last_mut() {
            Some(last) if last.ends_with(&name) || last.ends_with(&plural(&name)) => {
                let count = last.split(' ').next().and_then(|n| n.parse::<usize>().ok()).unwrap_or(1) + 1;
                *last = format!("{count} {}", plural(&name));
            }
            _ => parts.push(name),
        }
    }
    Some(parts.join(", "))
}

fn plural(name: &str) -> String {
    match name.strip_prefix("a ") {
        Some(rest) => match rest.split_once(' ') {
            Some((noun, detail)) => format!("{noun}s {detail}"),
            None => format!("{rest}s"),
        },
        None => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_without_the_secret() {
        assert_eq!(secret_facts(""), None);
        let facts = secret_facts("whsec_abc\n").unwrap();
        assert_eq!((facts.chars, facts.bytes), (10, 10));
        assert_eq!(facts.leading_whitespace, None);
        assert_eq!(facts.trailing_whitespace.as_deref(), Some("a newline (LF)"));
        assert!(!facts.quoted);
        let facts = secret_facts("  \"whsec_é\"\r\n").unwrap();
        assert_eq!((facts.chars, facts.bytes), (13, 14));
        assert_eq!(facts.leading_whitespace.as_deref(), Some("2 spaces"));
        assert_eq!(facts.trailing_whitespace.as_deref(), Some("a newline (CRLF)"));
        assert!(facts.quoted);
        assert_eq!(secret_facts("\t\t").and_then(|f| f.leading_whitespace).as_deref(), Some("2 tabs"));
    }

    #[test]
    fn compares_with_a_shared_fingerprint() {
        let shared = fingerprint("whsec_team");
        assert_eq!(compare_with_fingerprint("", &shared), SecretMatch::Unknown);
        assert_eq!(compare_with_fingerprint("whsec_team", &shared), SecretMatch::Same);
        assert_eq!(
            compare_with_fingerprint("whsec_team ", &shared),
            SecretMatch::Different(fingerprint("whsec_team "))
        );
    }

    #[test]
    fn the_fingerprint_is_stable_short_and_tells_secrets_apart() {
        let a = fingerprint("whsec_example_not_a_real_secret");
        assert_eq!(a.len(), 9);
        assert_eq!(a, fingerprint("whsec_example_not_a_real_secret"));
        assert_ne!(a, fingerprint("whsec_example_not_a_real_secret\n"));
        assert!(!a.contains("whsec"));
        // Pinned, so that teammates on different versions of the page see the same value.
        let python = "c23c-353e"; // hmac.new(label, secret, sha256).hexdigest()[:8], in CPython
        assert_eq!(fingerprint("It's a Secret to Everybody"), python);
    }
}
