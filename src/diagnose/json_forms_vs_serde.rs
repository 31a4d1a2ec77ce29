//! `json_forms` against `serde_json` on random JSON: the same texts are read, to the same values,
//! and the compact JavaScript style with sorted keys writes what `serde_json::to_string` writes.
//!
//! Where the two legitimately differ, and only there, the comparison steps aside:
//! - Float reading. `serde_json` without `float_roundtrip` reads long mantissas a few units off;
//!   std's correctly rounded parse is the reference for the double, serde_json's must be close.
//! - Number forms. `serde_json` writes an integer it read as one exactly and a float with
//!   `zmij` (`1.0`, `1e21`); JavaScript writes the double's shortest digits in its own notation
//!   (`1`, `1e+21`). So numbers are compared by value and shortest digits, and the texts with
//!   every number set to `0`.
//! - Key order. `serde_json`'s `Value` (without `preserve_order`) sorts keys, so the writer is
//!   compared in the sorted JavaScript style the diagnosis also tries.
//! - Limits. `serde_json` refuses 128 levels of nesting and numbers beyond a double's range;
//!   `json_forms` allows 256 levels and keeps such numbers as text.

use super::json_forms::{self, Escape, Json, KeyOrder, Number, NumberStyle, Style};
use crate::test_rng::{iterations, Rng};
use serde_json::Value;

const SORTED_JAVASCRIPT: Style = Style {
    indent: None,
    item_separator: ",",
    key_separator: ":",
    keys: KeyOrder::Sorted,
    numbers: NumberStyle::JavaScript,
    escape: Escape::Minimal,
};

/// A character a string may hold, biased towards those that need escaping or several bytes.
fn random_char(rng: &mut Rng) -> char {
    const SPECIAL: [char; 14] =
        ['"', '\\', '/', '\n', '\r', '\t', '\u{8}', '\u{c}', '\u{0}', '\u{1f}', '\u{7f}', '\u{2028}', 'é', '😀'];
    match rng.below(4) {
        0 => SPECIAL[rng.below(SPECIAL.len())],
        1 => char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('\u{fffd}'),
        _ => char::from(b' ' + rng.below(95) as u8),
    }
}

/// A JSON string literal holding random characters, each written plainly or escaped in one of
/// the ways JSON allows (short escapes, `\u` in either case, surrogate pairs).
fn random_string(rng: &mut Rng) -> String {
    let mut out = String::from("\"");
    for _ in 0..rng.below(12) {
        let c = random_char(rng);
        let short = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '/' => Some("\\/"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            '\u{8}' => Some("\\b"),
            '\u{c}' => Some("\\f"),
            _ => None,
        };
        let must_escape = matches!(c, '"' | '\\') || (c as u32) < 0x20;
        match (rng.below(3), short) {
            (0, Some(short)) => out.push_str(short),
            (1, _) => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let hex = format!("{unit:04x}");
                    out.push_str("\\u");
                    out.push_str(&if rng.below(2) == 0 { hex.to_uppercase() } else { hex });
                }
            }
            _ if must_escape => out.push_str(&format!("\\u{:04x}", c as u32)),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A number within a double's range: integers of any size up to 25 digits, fractions,
/// exponents, `-0`.
fn random_number(rng: &mut Rng) -> String {
    let sign = if rng.below(3) == 0 { "-" } else { "" };
    let digits =
        |rng: &mut Rng, n: usize| -> String { (0..n).map(|_| char::from(b'0' + rng.below(10) as u8)).collect() };
    let first = char::from(b'1' + rng.below(9) as u8);
    let int_len = rng.below(25);
    let int = if rng.below(6) == 0 { "0".to_string() } else { format!("{first}{}", digits(rng, int_len)) };
    let frac = match rng.below(3) {
        0 => {
            let len = 1 + rng.below(20);
            format!(".{}", digits(rng, len))
        }
        _ => String::new(),
    };
    let exp = match rng.below(3) {
        0 => format!("{}{}{}", ["e", "E"][rng.below(2)], ["", "+", "-"][rng.below(3)], rng.below(280)),
        _ => String::new(),
    };
    format!("{sign}{int}{frac}{exp}")
}

fn random_space(rng: &mut Rng) -> &'static str {
    [" ", "", "", "", "\n", "\t", "\r\n  "][rng.below(7)]
}

/// A random JSON text, nested at most `depth` more levels; object keys repeat now and then.
fn random_json(rng: &mut Rng, depth: usize, out: &mut String) {
    let kind = if depth == 0 { rng.below(5) } else { rng.below(7) };
    match kind {
        0 => out.push_str(["null", "true", "false"][rng.below(3)]),
        1 | 2 => out.push_str(&random_number(rng)),
        3 | 4 => out.push_str(&random_string(rng)),
        5 => {
            out.push('[');
            for i in 0..rng.below(5) {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(random_space(rng));
                random_json(rng, depth - 1, out);
                out.push_str(random_space(rng));
            }
            out.push(']');
        }
        _ => {
            out.push('{');
            let keys = ["\"a\"", "\"b\"", "\"10\"", "\"2\"", "\"é\"", "\"\\u0061\""];
            for i in 0..rng.below(5) {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(random_space(rng));
                let key = if rng.below(2) == 0 { keys[rng.below(keys.len())].to_string() } else { random_string(rng) };
                out.push_str(&key);
                out.push_str(random_space(rng));
                out.push(':');
                out.push_str(random_space(rng));
                random_json(rng, depth - 1, out);
            }
            out.push_str(random_space(rng));
            out.push('}');
        }
    }
}

/// Changes a few bytes where a reader can go wrong: escapes, number syntax, structure.
fn mutate(rng: &mut Rng, text: &str) -> String {
    const PIECES: [&str; 22] = [
        "\\u+12a",
        "\\u-001",
        "\\ud800",
        "\\udc00",
        "\\ud83d\\u0041",
        "\\x",
        "\\",
        "\"",
        "\u{1}",
        "01",
        "-",
        "1.",
        ".5",
        "1e",
        "+1",
        "0x1",
        "NaN",
        "Infinity",
        ",",
        ",]",
        "}",
        "tru",
    ];
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..=rng.below(2) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(3) {
            0 if at < bytes.len() => {
                bytes.remove(at);
            }
            1 if at < bytes.len() => bytes[at] = b" \"\\,:[]{}0e.-+u"[rng.below(15)],
            _ => {
                let piece = PIECES[rng.below(PIECES.len())].as_bytes();
                bytes.splice(at..at, piece.iter().copied());
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// `serde_json`'s refusals that `json_forms` rightly does not share (see the module comment).
fn beyond_serde_limits(error: &serde_json::Error) -> bool {
    let message = error.to_string();
    message.contains("number out of range") || message.contains("recursion limit exceeded")
}

/// The significant digits of a number's text: no sign, point, exponent, or outer zeros.
fn significant_digits(text: &str) -> String {
    let mantissa = text.split(['e', 'E']).next().unwrap_or("");
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    digits.trim_start_matches('0').trim_end_matches('0').to_string()
}

/// `ours` reads as `theirs`: the same structure, strings, and numbers.
#[track_caller]
fn check_same(ours: &Json, theirs: &Value, text: &str) {
    match (ours, theirs) {
        (Json::Null, Value::Null) => {}
        (Json::Bool(a), Value::Bool(b)) => assert_eq!(a, b, "{text}"),
        (Json::String(a), Value::String(b)) => assert_eq!(a, b, "{text}"),
        (Json::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len(), "{text}");
            a.iter().zip(b).for_each(|(a, b)| check_same(a, b, text));
        }
        (Json::Object(members), Value::Object(map)) => {
            // A parsed object keeps the last value of a repeated key, as serde_json's does.
            let mut last = std::collections::BTreeMap::new();
            for (key, value) in members {
                last.insert(key.as_str(), value);
            }
            let keys: Vec<&str> = last.keys().copied().collect();
            assert_eq!(keys, map.keys().map(String::as_str).collect::<Vec<_>>(), "{text}");
            last.iter().for_each(|(key, value)| check_same(value, &map[*key], text));
        }
        (Json::Number(number), Value::Number(n)) => check_number(number, n, text),
        _ => panic!("{ours:?} against {theirs:?} in {text}"),
    }
}

/// The same number: the same integer, or nearly the same double (serde_json's default float
/// reading is best effort, found a few units off for long mantissas, so the exact double is
/// std's correctly rounded parse); and JavaScript's form of it is that exact double, in the
/// shortest digits zmij finds for it.
#[track_caller]
fn check_number(number: &Number, theirs: &serde_json::Number, text: &str) {
    let exact: f64 = number.text.parse().unwrap_or(f64::NAN);
    if let Some(integer) = theirs.as_i64().map(i128::from).or(theirs.as_u64().map(i128::from)) {
        assert_eq!(number.text.parse::<i128>().ok(), Some(integer), "{text}");
    } else {
        let theirs = theirs.as_f64().unwrap_or(f64::NAN);
        let close = exact == theirs || ((exact - theirs) / exact).abs() < 1e-14;
        assert!(close, "{} read as {theirs:e} in {text}", number.text);
    }
    let javascript = number.format(NumberStyle::JavaScript);
    let read: f64 = javascript.parse().unwrap_or(f64::NAN);
    let expected = if exact == 0.0 { 0.0 } else { exact };
    assert_eq!(read.to_bits(), expected.to_bits(), "{} written as {javascript}", number.text);
    let shortest = serde_json::to_string(&exact).unwrap_or_default();
    assert_eq!(significant_digits(&javascript), significant_digits(&shortest), "{} in {text}", number.text);
}

fn zero_numbers(value: &Json) -> Json {
    match value {
        Json::Number(_) => Json::Number(Number::new("0".into())),
        Json::Array(items) => Json::Array(items.iter().map(zero_numbers).collect()),
        Json::Object(members) => Json::Object(members.iter().map(|(k, v)| (k.clone(), zero_numbers(v))).collect()),
        other => other.clone(),
    }
}

fn zero_serde_numbers(value: &mut Value) {
    match value {
        Value::Number(n) => *n = 0.into(),
        Value::Array(items) => items.iter_mut().for_each(zero_serde_numbers),
        Value::Object(map) => map.values_mut().for_each(zero_serde_numbers),
        _ => {}
    }
}

#[test]
fn reads_and_writes_random_json_as_serde_json_does() {
    let mut rng = Rng(0x0015_0a5e_1f0c_a11e);
    for _ in 0..iterations(3_000) {
        let mut text = String::new();
        let depth = 1 + rng.below(6);
        random_json(&mut rng, depth, &mut text);
        let ours = json_forms::parse(&text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        let mut theirs: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
        check_same(&ours, &theirs, &text);
        zero_serde_numbers(&mut theirs);
        let written = json_forms::write(&zero_numbers(&ours), &SORTED_JAVASCRIPT);
        assert_eq!(written, serde_json::to_string(&theirs).unwrap_or_default(), "{text}");
    }
}

#[test]
fn refuses_what_serde_json_refuses() {
    let mut rng = Rng(0x0bad_0bad_0bad_0bad);
    for _ in 0..iterations(6_000) {
        let mut text = String::new();
        let depth = 1 + rng.below(4);
        random_json(&mut rng, depth, &mut text);
        let text = mutate(&mut rng, &text);
        match (json_forms::parse(&text), serde_json::from_str::<Value>(&text)) {
            (Ok(ours), Ok(theirs)) => check_same(&ours, &theirs, &text),
            (Err(_), Err(_)) => {}
            (Ok(_), Err(e)) if beyond_serde_limits(&e) => {}
            (ours, theirs) => panic!("{text:?}: json_forms {ours:?}, serde_json {theirs:?}"),
        }
    }
}

#[test]
fn nesting_differs_only_between_the_two_limits() {
    for depth in [127, 128, 200, json_forms::MAX_DEPTH, json_forms::MAX_DEPTH + 1, 400] {
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let ours = json_forms::parse(&text).is_ok();
        let theirs = serde_json::from_str::<Value>(&text).is_ok();
        assert_eq!((ours, theirs), (depth <= json_forms::MAX_DEPTH + 1, depth < 128), "depth {depth}");
    }
}
