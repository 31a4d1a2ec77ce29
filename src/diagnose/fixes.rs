//! How to fix each cause, in the reader's own words: the idioms of the stack they chose, of
//! every framework of a language the evidence names, or a short list of the common ones.
//!
//! One exhaustive match: a new cause does not compile until it says how to fix it.

use crate::diagnose::diagnosis::Cause;
use crate::stacks::{Choice, Language, LanguageIdioms, Stack, STACKS};

/// The stacks whose idioms stand for "any stack": the common ones, one a language.
const ANY_RAW: [&str; 6] =
    ["node-express", "python-fastapi", "go-net-http", "php-laravel", "ruby-rails", "java-spring"];

/// The languages whose idioms stand for "any stack" where the words are the language's.
const ANY_LANGUAGES: [Language; 3] = [Language::Node, Language::Python, Language::Go];

fn stack_list(stacks: impl Iterator<Item = &'static Stack>, words: impl Fn(&Stack) -> &str) -> String {
    let parts: Vec<String> = stacks.map(|s| format!("{} in {}", words(s), s.framework)).collect();
    parts.join("; ")
}

fn any_stacks() -> impl Iterator<Item = &'static Stack> {
    ANY_RAW.into_iter().filter_map(Stack::by_id)
}

/// How to get the raw body, in the chosen words.
fn raw_body(choice: Choice) -> String {
    match choice {
        Choice::Stack(stack) => format!("in {}, {}", stack.framework, stack.raw_body),
        Choice::Language(language) => stack_list(language.stacks(), |s| s.raw_body),
        Choice::Any => format!("{} (choose your stack for its own words)", stack_list(any_stacks(), |s| s.raw_body)),
    }
}

/// How the raw bytes are commonly lost, in the chosen words (`webhook-echo check` says it of a
/// receiver that accepted a re-serialised body).
pub fn reparsed(choice: Choice) -> String {
    match choice {
        Choice::Stack(stack) => stack.reparsed.to_string(),
        Choice::Language(language) => {
            let parts: Vec<&str> = language.stacks().map(|s| s.reparsed).collect();
            parts.join(", nor ")
        }
        Choice::Any => {
            let parts: Vec<&str> = any_stacks().map(|s| s.reparsed).take(3).collect();
            parts.join(", nor ")
        }
    }
}

/// A language-level idiom: the chosen language's, or a few languages' for any stack.
fn idiom(choice: Choice, words: impl Fn(&LanguageIdioms) -> &str) -> String {
    match choice.language() {
        Some(language) => words(language.idioms()).to_string(),
        None => {
            let parts: Vec<String> =
                ANY_LANGUAGES.iter().map(|l| format!("{} in {}", words(l.idioms()), l.label())).collect();
            parts.join("; ")
        }
    }
}

/// How to fix `cause` in the receiver, in the words of `choice`.
pub fn fix(cause: Cause, choice: Choice) -> String {
    match cause {
        Cause::BodyTrailingNewline => format!(
            "A final line break was added or lost between Cobinar and the bytes checked: an editor, a log line or echo adds one, a framework may strip it. Hash the raw bytes exactly as received: {}.",
            raw_body(choice)
        ),
        Cause::BodyLineEndings => "Line breaks were rewritten (by a proxy, git, an editor or a text box). Hash the raw bytes exactly as received; here, choose CRLF or load the body from a file.".into(),
        Cause::BodyReserialized => format!(
            "The JSON was parsed and written again before hashing, so its bytes changed. Hash the raw body before any parsing: {}; not {}.",
            raw_body(choice),
            reparsed(choice)
        ),
        Cause::BodyUnicodeEscaped => format!(
            "The JSON was decoded and encoded again by a library that escapes differently (PHP's json_encode, Python's json.dumps). Hash the raw body: {}.",
            raw_body(choice)
        ),
        Cause::BodyBom => "A byte order mark was added (an editor or a file save) or removed (a text decoder). Hash the raw bytes, not text decoded and encoded again.".into(),
        Cause::BodyInvisibleCharacter => "An invisible character (a zero-width space, a no-break space, a byte order mark or a direction mark) was added to the body, most often by copying it through a chat, a document or a web page. Hash the raw bytes your server received, not a copy of them.".into(),
        Cause::BodyWhitespace => format!(
            "Spaces, tabs or blank lines were trimmed from or added to the ends of the body, by a trimming middleware, a logger or a copy. Verify the raw bytes before any trim, with no middleware that trims them first: {}.",
            raw_body(choice)
        ),
        Cause::BodyObjectCoerced => format!(
            "The parsed object was hashed instead of the raw body, turned into text by the language's own conversion ([object Object], Array, a dict or map dump), which no sender signs. Hash the raw body bytes before any parsing: {}.",
            raw_body(choice)
        ),
        Cause::SignedContentScheme => format!(
            "Cobinar signs the raw body alone, not \"{{event-id}}.{{timestamp}}.{{body}}\" (Standard Webhooks) or \"{{timestamp}}.{{body}}\" (Stripe). Do not verify Cobinar's deliveries with those libraries or schemes: {}.",
            idiom(choice, |i| i.hmac_hex)
        ),
        Cause::SecretInvisibleCharacter => "The secret carries an invisible character (a zero-width space, a no-break space, a byte order mark or a direction mark), most often from copying it through a chat, a document or a web page. Copy the secret again from the Cobinar console, or type it, and check its length.".into(),
        Cause::SecretQuotes => "An environment file's quotes ended up in the secret on one side: some loaders (docker --env-file, systemd EnvironmentFile) keep them. Remove the quotes from the file, or load it with a parser that strips them (dotenv does).".into(),
        Cause::SecretEnvLine => "The whole environment-file line (COBINAR_WEBHOOK_SECRET=…) was used as the secret. Use only the value after the =, without export or quotes.".into(),
        Cause::SecretWhitespace => format!(
            "Environment files, echo and copy-paste add newlines and spaces. Trim the secret where you load it: {}.",
            idiom(choice, |i| i.trimmed_secret)
        ),
        Cause::SecretEncoding => format!(
            "Cobinar keys the HMAC with the whole secret as text, exactly as the console shows it. Do not strip its prefix or decode it: {}, with the secret's text as the key.",
            idiom(choice, |i| i.hmac_hex)
        ),
        Cause::SignaturePrefix => match choice {
            Choice::Stack(stack) => format!(
                "Compare the whole header ({}) with \"sha256=\" + the hex digest, exactly once; or strip one \"sha256=\" and compare the digests.",
                stack.header
            ),
            _ => "Compare the whole header with \"sha256=\" + the hex digest, exactly once; or strip one \"sha256=\" and compare the digests.".into(),
        },
        Cause::SignatureCase => format!(
            "Cobinar sends lower-case hex. Compute {} and compare the two in constant time: {}.",
            idiom(choice, |i| i.hmac_hex),
            idiom(choice, |i| i.compare)
        ),
        Cause::SignatureBase64 => match choice.language() {
            Some(language) => format!(
                "Cobinar writes the digest in hex: {}, not {}.",
                language.idioms().hmac_hex,
                language.idioms().hmac_base64
            ),
            None => format!("Cobinar writes the digest in hex, not base64: {}.", idiom(choice, |i| i.hmac_hex)),
        },
        Cause::SignatureAlgorithm => format!(
            "Cobinar signs with HMAC-SHA256 keyed with the webhook secret, not SHA-1, SHA-512 or an unkeyed hash: {}.",
            idiom(choice, |i| i.hmac_hex)
        ),
        Cause::NoKnownCause => "Check that the secret is this application's current webhook secret (not another application's, a rotated one, or a test one: compare fingerprints with a teammate), that x-cobinar-event-id matches the body's id, and that the body is the raw bytes your server received, not a copy from a log or a parsed object.".into(),
    }
}

/// Whether the reader's stack changes how `cause`'s fix is worded: where it does not, choosing
/// one would change nothing, and the page does not ask.
pub fn speaks_a_stack(cause: Cause) -> bool {
    let any = fix(cause, Choice::Any);
    let languages = Language::ALL.into_iter().map(Choice::Language);
    languages.chain(STACKS.iter().map(Choice::Stack)).any(|choice| fix(cause, choice) != any)
}

/// When the evidence names a language other than the one chosen, the sentence that says so and
/// that the fix is in that language's words.
pub fn evidence_note(chosen: Choice, evidence: Option<Language>) -> Option<String> {
    let language = evidence?;
    (chosen.given_evidence(evidence) != chosen)
        .then(|| format!("The evidence points to {}: this fix is in {}'s words.", language.label(), language.label()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cause_has_a_fix_in_every_choice() {
        let mut choices = vec![Choice::Any];
        choices.extend(Language::ALL.map(Choice::Language));
        choices.extend(STACKS.iter().map(Choice::Stack));
        for cause in Cause::ALL {
            for choice in &choices {
                let text = fix(cause, *choice);
                assert!(text.ends_with('.') && text.len() > 40, "{cause:?} in {choice:?}: {text}");
            }
        }
    }

    /// The FastAPI reader is told FastAPI's idiom, never Express's (the report that opened this).
    #[test]
    fn a_stack_hears_its_own_idiom_and_no_other() {
        for stack in &STACKS {
            let text = fix(Cause::BodyReserialized, Choice::Stack(stack));
            assert!(text.contains(stack.raw_body) && text.contains(stack.reparsed), "{}: {text}", stack.id);
            for other in STACKS.iter().filter(|o| o.raw_body != stack.raw_body) {
                assert!(!text.contains(other.raw_body), "{} hears {}: {text}", stack.id, other.id);
            }
            if stack.id != "node-express" {
                assert!(!text.contains("express"), "{}: {text}", stack.id);
            }
        }
    }

    #[test]
    fn a_language_hears_each_of_its_frameworks_and_its_own_calls() {
        for language in Language::ALL {
            let raw = fix(Cause::BodyObjectCoerced, Choice::Language(language));
            for stack in language.stacks() {
                assert!(raw.contains(stack.raw_body), "{language:?}: {raw}");
            }
            let secret = fix(Cause::SecretWhitespace, Choice::Language(language));
            assert!(secret.contains(language.idioms().trimmed_secret), "{secret}");
            let case = fix(Cause::SignatureCase, Choice::Language(language));
            assert!(case.contains(language.idioms().compare), "{case}");
            let base64 = fix(Cause::SignatureBase64, Choice::Language(language));
            assert!(base64.contains(language.idioms().hmac_base64), "{base64}");
        }
    }

    #[test]
    fn only_the_causes_whose_words_change_ask_for_a_stack() {
        assert!(speaks_a_stack(Cause::BodyReserialized));
        assert!(speaks_a_stack(Cause::SecretWhitespace));
        assert!(speaks_a_stack(Cause::SignaturePrefix), "its words change with the stack alone");
        assert!(!speaks_a_stack(Cause::NoKnownCause));
        assert!(!speaks_a_stack(Cause::BodyLineEndings));
    }

    #[test]
    fn any_stack_gives_a_short_list_of_idioms() {
        assert_eq!(any_stacks().count(), ANY_RAW.len(), "every stack any stack names is in the table");
        let text = fix(Cause::BodyReserialized, Choice::Any);
        for stack in any_stacks() {
            assert!(text.contains(stack.framework), "{text}");
        }
        assert!(text.contains("choose your stack"), "{text}");
        let secret = fix(Cause::SecretWhitespace, Choice::Any);
        assert!(secret.contains(".trim()") && secret.contains(".strip()"), "{secret}");
    }

    /// The evidence names the language that wrote what was hashed, and only such evidence does.
    #[test]
    fn the_cause_finder_names_the_language_its_evidence_gives_away() {
        use crate::diagnose::diagnosis::diagnose;
        use crate::echo::example::EXAMPLE_BODY;
        use crate::verify::signature::sign;
        let secret = "whsec_evidence";
        let found = |hashed: &str| {
            diagnose(secret, EXAMPLE_BODY.as_bytes(), &sign(secret.as_bytes(), hashed.as_bytes()))
                .into_iter()
                .map(|d| (d.cause, d.language))
                .collect::<Vec<_>>()
        };
        assert_eq!(found("[object Object]"), [(Cause::BodyObjectCoerced, Some(Language::Node))]);
        assert_eq!(found("Array"), [(Cause::BodyObjectCoerced, Some(Language::Php))]);
        let dumped = serde_json::from_str::<serde_json::Value>(EXAMPLE_BODY).map(|v| v.to_string()).unwrap_or_default();
        assert_eq!(found(&dumped), [(Cause::BodyReserialized, None)], "compact JSON is every language's");
        let python = json_forms_python_default(EXAMPLE_BODY);
        assert_eq!(found(&python), [(Cause::BodyReserialized, Some(Language::Python))]);
        assert_eq!(found(&format!("{EXAMPLE_BODY}\n")), [(Cause::BodyTrailingNewline, None)]);
    }

    /// `json.dumps(json.loads(body))`: ", " and ": " separators, non-ASCII escaped.
    fn json_forms_python_default(body: &str) -> String {
        use crate::diagnose::json_forms::{self, Escape, KeyOrder, NumberStyle, Style};
        let style = Style {
            indent: None,
            item_separator: ", ",
            key_separator: ": ",
            keys: KeyOrder::Parsed,
            numbers: NumberStyle::Python,
            escape: Escape::Ascii,
        };
        json_forms::parse(body).map(|tree| json_forms::write(&tree, &style)).unwrap_or_default()
    }

    #[test]
    fn evidence_of_another_language_is_spoken_in_that_language() {
        let express = Choice::from_id("node-express").unwrap_or_default();
        let python = express.given_evidence(Some(Language::Python));
        assert_eq!(python, Choice::Language(Language::Python));
        let text = fix(Cause::BodyObjectCoerced, python);
        assert!(text.contains("request.get_data") && !text.contains("express"), "{text}");
        assert_eq!(express.given_evidence(Some(Language::Node)), express);
        assert_eq!(express.given_evidence(None), express);
        assert_eq!(
            evidence_note(express, Some(Language::Python)).as_deref(),
            Some("The evidence points to Python: this fix is in Python's words.")
        );
        assert_eq!(
            evidence_note(Choice::Any, Some(Language::Go)).as_deref(),
            Some("The evidence points to Go: this fix is in Go's words.")
        );
        assert_eq!(evidence_note(express, Some(Language::Node)), None);
        assert_eq!(evidence_note(express, None), None);
    }
}
