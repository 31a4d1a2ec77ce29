//! A parsed body turned into text by a language's default string conversion instead of JSON:
//! what a receiver hashes when it passes the parsed object where the raw body belongs
//! (`body-object-coerced`).
//!
//! The set is the few a web framework's parsed body really meets: JavaScript's `String(obj)`,
//! PHP's array-to-string, Python's `str(dict)`, Go's `fmt.Sprint(map)` and Ruby's `Hash#to_s`
//! (`{"id"=>…}`, and Ruby 3.4's `{"id" => …}`). Each is one linear pass over the tree.

use crate::diagnose::json_forms::{self, Json, KeyOrder, NumberStyle};
use crate::stacks::Language;

/// Every dump of `tree` (an object: what a webhook body parses to), with its label for a finding
/// and the language that writes it: the evidence of the reader's stack.
pub fn dumps(tree: &Json) -> Vec<(String, &'static str, Language)> {
    if !matches!(tree, Json::Object(_)) {
        return Vec::new();
    }
    let mut python = String::new();
    write_python(tree, &mut python);
    let mut go = String::new();
    write_go(tree, &mut go);
    let mut ruby = String::new();
    write_ruby(tree, "=>", &mut ruby);
    let mut ruby_spaced = String::new();
    write_ruby(tree, " => ", &mut ruby_spaced);
    vec![
        (
            "[object Object]".to_string(),
            "turned into the text \"[object Object]\": JavaScript's String(req.body), `${req.body}` or req.body + '' of the parsed object",
            Language::Node,
        ),
        (
            "Array".to_string(),
            "turned into the text \"Array\": PHP's string conversion of the json_decode($body, true) array",
            Language::Php,
        ),
        (python, "written as Python's str() of the parsed dict ({'id': …}, single quotes, True, None)", Language::Python),
        (go, "written as Go's fmt.Sprint of the decoded map (map[createdAt:… event:… …])", Language::Go),
        (ruby, "written as Ruby's to_s of the parsed Hash ({\"id\"=>…}, nil, as Ruby 3.1 to 3.3 write it)", Language::Ruby),
        (ruby_spaced, "written as Ruby's to_s of the parsed Hash ({\"id\" => …}, as Ruby 3.4 writes it)", Language::Ruby),
    ]
}

/// Python's `repr()` of what `json.loads` gives: dicts in parsed key order, `True`, `None`,
/// integers as written, floats as `repr(float)`.
fn write_python(value: &Json, out: &mut String) {
    match value {
        Json::Null => out.push_str("None"),
        Json::Bool(b) => out.push_str(if *b { "True" } else { "False" }),
        Json::Number(number) => {
            let text = number.format(NumberStyle::Python);
            // json.dumps writes infinity as JSON's extension; repr() as Python's name.
            out.push_str(match text.as_str() {
                "Infinity" => "inf",
                "-Infinity" => "-inf",
                other => other,
            });
        }
        Json::String(text) => write_python_string(text, out),
        Json::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                write_python(item, out);
            }
            out.push(']');
        }
        Json::Object(members) => {
            out.push('{');
            for (index, (key, value)) in json_forms::ordered(members, KeyOrder::Parsed).into_iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                write_python_string(key, out);
                out.push_str(": ");
                write_python(value, out);
            }
            out.push('}');
        }
    }
}

/// `repr(str)`: single quotes unless the text holds a single quote and no double quote;
/// backslash escapes for the quote, `\\`, `\t`, `\n`, `\r` and characters Python does not print.
fn write_python_string(text: &str, out: &mut String) {
    let quote = if text.contains('\'') && !text.contains('"') { '"' } else { '\'' };
    out.push(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if python_prints(c) => out.push(c),
            c => {
                let code = u32::from(c);
                let escaped = match code {
                    0..=0xFF => format!("\\x{code:02x}"),
                    0x100..=0xFFFF => format!("\\u{code:04x}"),
                    _ => format!("\\U{code:08x}"),
                };
                out.push_str(&escaped);
            }
        }
    }
    out.push(quote);
}

/// `str.isprintable()` for one character: not a control, format, private-use or separator
/// character (but the ASCII space). Unassigned code points, which Python escapes too, are not
/// told apart here: a body that carries one gets a dump Python would not write.
fn python_prints(c: char) -> bool {
    !matches!(u32::from(c),
        0x00..=0x1F | 0x7F..=0xA0 | 0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x890..=0x891
        | 0x8E2 | 0x1680 | 0x180E | 0x2000..=0x200F | 0x2028..=0x202F | 0x205F..=0x2064
        | 0x2066..=0x206F | 0x3000 | 0xE000..=0xF8FF | 0xFEFF | 0xFFF9..=0xFFFB | 0x110BD | 0x110CD
        | 0x13430..=0x1343F | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A | 0xE0001 | 0xE0020..=0xE007F
        | 0xF0000..=0x10FFFF)
}

/// Ruby's `to_s` (`inspect`) of what `JSON.parse` gives: a Hash in parsed key order, `arrow`
/// between key and value (`=>` up to Ruby 3.3, ` => ` from 3.4), `nil`, integers as written,
/// floats as `Float#to_s`.
fn write_ruby(value: &Json, arrow: &str, out: &mut String) {
    match value {
        Json::Null => out.push_str("nil"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(number) => out.push_str(&number.format(NumberStyle::Ruby)),
        Json::String(text) => write_ruby_string(text, out),
        Json::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                write_ruby(item, arrow, out);
            }
            out.push(']');
        }
        Json::Object(members) => {
            out.push('{');
            for (index, (key, value)) in json_forms::ordered(members, KeyOrder::Parsed).into_iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                write_ruby_string(key, out);
                out.push_str(arrow);
                write_ruby(value, arrow, out);
            }
            out.push('}');
        }
    }
}

/// `String#inspect` of a UTF-8 string: double quotes; `\"`, `\\`, `\#{`, `\#$`, `\#@`; the
/// named escapes of C0 controls and `\uXXXX` for the others, DEL, C1 controls and the line and
/// paragraph separators. Unassigned code points, which Ruby escapes too, are not told apart.
fn write_ruby_string(text: &str, out: &mut String) {
    out.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '#' if matches!(chars.peek(), Some('{' | '$' | '@')) => out.push_str("\\#"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{b}' => out.push_str("\\v"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\u{1b}' => out.push_str("\\e"),
            c if matches!(u32::from(c), 0..=0x1F | 0x7F..=0x9F | 0x2028 | 0x2029) => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `fmt.Sprint` of what `encoding/json` decodes into `interface{}`: `map[key:value …]` with the
/// keys sorted, strings bare, numbers as `float64`, `<nil>` for null.
fn write_go(value: &Json, out: &mut String) {
    match value {
        Json::Null => out.push_str("<nil>"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(number) => out.push_str(&number.format(NumberStyle::Go)),
        Json::String(text) => out.push_str(text),
        Json::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(' ');
                }
                write_go(item, out);
            }
            out.push(']');
        }
        Json::Object(members) => {
            out.push_str("map[");
            for (index, (key, value)) in json_forms::ordered(members, KeyOrder::Sorted).into_iter().enumerate() {
                if index > 0 {
                    out.push(' ');
                }
                out.push_str(key);
                out.push(':');
                write_go(value, out);
            }
            out.push(']');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(body: &str, python: &str, go: &str) {
        let tree = json_forms::parse(body).ok();
        let found = tree.as_ref().map(dumps).unwrap_or_default();
        let texts: Vec<&str> = found.iter().take(4).map(|(text, _, _)| text.as_str()).collect();
        assert_eq!(texts, ["[object Object]", "Array", python, go]);
    }

    /// Ruby 3.1's `JSON.parse(body).to_s`, as `ruby -rjson` printed it for each body.
    #[track_caller]
    fn check_ruby(body: &str, ruby: &str) {
        let tree = json_forms::parse(body).ok();
        let found = tree.as_ref().map(dumps).unwrap_or_default();
        assert_eq!(found.get(4).map(|(text, _, language)| (text.as_str(), *language)), Some((ruby, Language::Ruby)));
        let spaced = ruby.replace("=>", " => ");
        assert_eq!(found.get(5).map(|(text, _, _)| text.as_str()), Some(spaced.as_str()), "Ruby 3.4's spacing");
    }

    #[test]
    fn dumps_as_ruby_writes_them() {
        check_ruby(
            r#"{"b":[1,2.5,1234567,123456,0.0001,0.00001,1e21,-0,null,true,"x y",{}],"a":"Zoë","A":{"z":1,"y":[]},"f":[1e15,1e16,1e17,123456789012345.6,1.0,-0.0,100.0,1e-4,0.00012]}"#,
            r#"{"b"=>[1, 2.5, 1234567, 123456, 0.0001, 1.0e-05, 1.0e+21, 0, nil, true, "x y", {}], "a"=>"Zoë", "A"=>{"z"=>1, "y"=>[]}, "f"=>[1.0e+15, 1.0e+16, 1.0e+17, 123456789012345.6, 1.0, -0.0, 100.0, 0.0001, 0.00012]}"#,
        );
        check_ruby(
            r#"{"s":"\u0000\u0007\b\t\n\u000b\f\r\u000e\u001b\u001f \u007f\u00a0\u00ad\u200b\u2028\ufeff#{a}#$b#@c#d\\\""}"#,
            "{\"s\"=>\"\\u0000\\a\\b\\t\\n\\v\\f\\r\\u000E\\e\\u001F \\u007F\u{a0}\u{ad}\u{200b}\\u2028\u{feff}\\#{a}\\#$b\\#@c#d\\\\\\\"\"}",
        );
    }

    #[test]
    fn dumps_as_each_language_writes_them() {
        // Outputs of CPython 3.11's str(json.loads(body)) and Go 1.x's fmt.Sprint of the map
        // json.Unmarshal decodes.
        check(
            r#"{"b":[1,2.5,1234567,123456,0.0001,0.00001,1e21,-0,null,true,"x y",{}],"a":"Zoë","A":{"z":1,"y":[]}}"#,
            "{'b': [1, 2.5, 1234567, 123456, 0.0001, 1e-05, 1e+21, 0, None, True, 'x y', {}], 'a': 'Zoë', 'A': {'z': 1, 'y': []}}",
            "map[A:map[y:[] z:1] a:Zoë b:[1 2.5 1.234567e+06 123456 0.0001 1e-05 1e+21 -0 <nil> true x y map[]]]",
        );
        check(
            r#"{"a":"it's","b":"x\"y","c":"both'\"","d":"\u00a0\u200b\u00ad\u2028é\u007f\t\\","e":[1.5,1e16,1e-5,true,null,1e300]}"#,
            r#"{'a': "it's", 'b': 'x"y', 'c': 'both\'"', 'd': '\xa0\u200b\xad\u2028é\x7f\t\\', 'e': [1.5, 1e+16, 1e-05, True, None, 1e+300]}"#,
            "map[a:it's b:x\"y c:both'\" d:\u{a0}\u{200b}\u{ad}\u{2028}é\u{7f}\t\\ e:[1.5 1e+16 1e-05 true <nil> 1e+300]]",
        );
        // Duplicate keys: the last value, at the first one's place (Python), sorted (Go).
        check(r#"{"k":1,"j":2,"k":3}"#, "{'k': 3, 'j': 2}", "map[j:2 k:3]");
        // Not an object: no framework hands it over as one.
        assert!(json_forms::parse("[1]").ok().as_ref().map(dumps).unwrap_or_default().is_empty());
    }
}
