//! JSON read into an order-keeping tree and written back the ways common tools write it, so that
//! the diagnosis can ask "would this body, parsed and re-serialised by X, match the signature?"
//!
//! serde_json's `Value` cannot answer that: it sorts keys and reformats numbers. Here numbers
//! keep their text, objects keep duplicate keys in order, and each `Style` says how one tool
//! orders keys, formats numbers and escapes strings.

use crate::diagnose::decimal::Decimal;
use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::fmt::Write as _;

#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Json>),
    /// Members in written order, duplicates kept.
    Object(Vec<(String, Json)>),
}

/// A number's text as written, and the double it reads as, worked out the first time a tool's
/// form of it is asked for: the diagnosis writes one tree in several styles.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    pub text: String,
    read: OnceCell<Option<Read>>,
}

/// The sign and the shortest digits of the double a number reads as (`None`: infinite).
type Read = (bool, Option<(String, i64)>);

impl Number {
    /// A number from its text as written; the double it reads as is worked out only when a
    /// form of it is asked for.
    pub fn new(text: String) -> Self {
        Number { text, read: OnceCell::new() }
    }

    /// The number as the given tool writes it back.
    pub fn format(&self, style: NumberStyle) -> String {
        let text = &self.text;
        let read = || self.read.get_or_init(|| Decimal::parse(text).map(|d| (d.negative, d.shortest())));
        match style {
            NumberStyle::AsWritten => text.clone(),
            NumberStyle::Python if !text.contains(['.', 'e', 'E']) => {
                if text == "-0" {
                    "0".to_string()
                } else {
                    text.clone()
                }
            }
            NumberStyle::Python => match read() {
                Some((negative, None)) => if *negative { "-Infinity" } else { "Infinity" }.to_string(),
                Some((negative, Some((digits, n)))) => python_form(*negative, digits, *n),
                None => text.clone(),
            },
            NumberStyle::Ruby if !text.contains(['.', 'e', 'E']) => {
                if text == "-0" {
                    "0".to_string()
                } else {
                    text.clone()
                }
            }
            NumberStyle::Ruby => match read() {
                Some((negative, None)) => if *negative { "-Infinity" } else { "Infinity" }.to_string(),
                Some((negative, Some((digits, n)))) => ruby_form(*negative, digits, *n),
                None => text.clone(),
            },
            NumberStyle::JavaScript => match read() {
                Some((_, None)) => "null".to_string(),
                Some((negative, Some((digits, n)))) => javascript_form(*negative, digits, *n),
                None => text.clone(),
            },
            NumberStyle::Go => match read() {
                Some((negative, None)) => if *negative { "-Inf" } else { "+Inf" }.to_string(),
                Some((negative, Some((digits, n)))) => go_form(*negative, digits, *n),
                None => text.clone(),
            },
        }
    }
}

/// Nesting deeper than this is refused: it bounds the recursion of reading and writing.
pub const MAX_DEPTH: usize = 256;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub at: usize,
    pub message: &'static str,
}

/// Reads RFC 8259 JSON text: one value, whitespace around it.
pub fn parse(text: &str) -> Result<Json, JsonError> {
    let mut reader = Reader { bytes: text.as_bytes(), at: 0 };
    reader.whitespace();
    let value = reader.value(0)?;
    reader.whitespace();
    if reader.at != reader.bytes.len() {
        return Err(reader.error("text after the JSON value"));
    }
    Ok(value)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn error(&self, message: &'static str) -> JsonError {
        JsonError { at: self.at, message }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn literal(&mut self, word: &str, value: Json) -> Result<Json, JsonError> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("an unknown word"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nesting too deep"));
        }
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("a character that starts no JSON value")),
            None => Err(self.error("the end of the text where a value belongs")),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.at += 1;
        let mut members = Vec::new();
        self.whitespace();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Json::Object(members));
        }
        loop {
            self.whitespace();
            if self.peek() != Some(b'"') {
                return Err(self.error("a member name in quotes"));
            }
            let key = self.string()?;
            self.whitespace();
            if self.peek() != Some(b':') {
                return Err(self.error("':' after a member name"));
            }
            self.at += 1;
            self.whitespace();
            members.push((key, self.value(depth + 1)?));
            self.whitespace();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Json::Object(members));
                }
                _ => return Err(self.error("',' or '}' in an object")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.at += 1;
        let mut items = Vec::new();
        self.whitespace();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Json::Array(items));
        }
        loop {
            self.whitespace();
            items.push(self.value(depth + 1)?);
            self.whitespace();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.error("',' or ']' in an array")),
            }
        }
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.at;
        let digits = |r: &mut Self| {
            let from = r.at;
            while matches!(r.peek(), Some(b'0'..=b'9')) {
                r.at += 1;
            }
            r.at > from
        };
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        if self.peek() == Some(b'0') {
            self.at += 1;
        } else if !digits(self) {
            return Err(self.error("digits in a number"));
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !digits(self) {
                return Err(self.error("digits after a decimal point"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if !digits(self) {
                return Err(self.error("digits in an exponent"));
            }
        }
        Ok(Json::Number(Number::new(String::from_utf8_lossy(&self.bytes[start..self.at]).into_owned())))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        // `from_str_radix` alone would also take a sign: `\u+12a`.
        let hex = self
            .bytes
            .get(self.at..self.at + 4)
            .filter(|hex| hex.iter().all(u8::is_ascii_hexdigit))
            .ok_or_else(|| self.error("four hex digits after \\u"))?;
        let text = std::str::from_utf8(hex).map_err(|_| self.error("four hex digits after \\u"))?;
        let value = u32::from_str_radix(text, 16).map_err(|_| self.error("four hex digits after \\u"))?;
        self.at += 4;
        Ok(value)
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            out.push_str(std::str::from_utf8(&self.bytes[start..self.at]).map_err(|_| self.error("invalid UTF-8"))?);
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escape = self.peek().ok_or_else(|| self.error("an escape after \\"))?;
                    self.at += 1;
                    match escape {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let first = self.hex4()?;
                            let code = if (0xd800..0xdc00).contains(&first) && self.bytes[self.at..].starts_with(b"\\u")
                            {
                                self.at += 2;
                                let second = self.hex4()?;
                                if !(0xdc00..0xe000).contains(&second) {
                                    return Err(self.error("a low surrogate after a high one"));
                                }
                                0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00)
                            } else {
                                first
                            };
                            // A lone surrogate has no UTF-8 form; JavaScript would keep it, we cannot.
                            out.push(char::from_u32(code).ok_or_else(|| self.error("a lone surrogate escape"))?);
                        }
                        _ => return Err(self.error("an unknown escape")),
                    }
                }
                Some(_) => return Err(self.error("a control character inside a string")),
                None => return Err(self.error("the end of the text inside a string")),
            }
        }
    }
}

/// How a tool orders an object's members.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyOrder {
    /// As written, duplicates kept (a minifier or pretty-printer working on the text).
    AsWritten,
    /// A parsed object: the last duplicate's value at the first one's place (JavaScript objects
    /// and Python dicts both do this).
    Parsed,
    /// `Parsed`, then JavaScript's rule: integer-like keys first, ascending.
    JavaScript,
    /// `Parsed`, then sorted by code point (`sort_keys=True`, Go maps, `jq -S`).
    Sorted,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberStyle {
    AsWritten,
    /// `Number.prototype.toString` of the parsed double.
    JavaScript,
    /// Python: integers kept, floats as `repr()`.
    Python,
    /// Ruby: integers kept, floats as `Float#to_s` (`1.0e+15`, `1.0e-05`).
    Ruby,
    /// Go's `fmt.Sprint` of the `float64` `encoding/json` decodes every number to.
    Go,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape {
    /// Only what JSON requires (JavaScript, serde_json).
    Minimal,
    /// Also every non-ASCII character as `\uXXXX` (Python's `ensure_ascii`).
    Ascii,
    /// Go's `encoding/json`: also `<`, `>`, `&`, U+2028 and U+2029.
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Spaces per level; `None` writes everything on one line.
    pub indent: Option<usize>,
    /// Between items on one line: `,` or Python's `, `.
    pub item_separator: &'static str,
    /// Between a key and its value: `:` or `: `.
    pub key_separator: &'static str,
    pub keys: KeyOrder,
    pub numbers: NumberStyle,
    pub escape: Escape,
}

/// The tree as text, the way `style`'s tool writes it: its key order, number form, escaping and
/// indentation, with no newline at the end.
pub fn write(value: &Json, style: &Style) -> String {
    let mut out = String::new();
    write_value(value, style, 0, &mut out);
    out
}

fn write_value(value: &Json, style: &Style, level: usize, out: &mut String) {
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(number) if style.numbers == NumberStyle::AsWritten => out.push_str(&number.text),
        Json::Number(number) => out.push_str(&number.format(style.numbers)),
        Json::String(text) => write_string(text, style.escape, out),
        Json::Array(items) => {
            let items: Vec<&Json> = items.iter().collect();
            write_container(out, style, level, '[', ']', &items, |item, out| write_value(item, style, level + 1, out));
        }
        Json::Object(members) => {
            let members = ordered(members, style.keys);
            write_container(out, style, level, '{', '}', &members, |(key, value), out| {
                write_string(key, style.escape, out);
                out.push_str(style.key_separator);
                write_value(value, style, level + 1, out);
            });
        }
    }
}

fn write_container<T: Copy>(
    out: &mut String,
    style: &Style,
    level: usize,
    open: char,
    close: char,
    items: &[T],
    mut each: impl FnMut(T, &mut String),
) {
    out.push(open);
    if items.is_empty() {
        out.push(close);
        return;
    }
    for (index, &item) in items.iter().enumerate() {
        if index > 0 {
            out.push_str(if style.indent.is_some() { "," } else { style.item_separator });
        }
        if let Some(indent) = style.indent {
            new_line(out, indent * (level + 1));
        }
        each(item, out);
    }
    if let Some(indent) = style.indent {
        new_line(out, indent * level);
    }
    out.push(close);
}

fn new_line(out: &mut String, spaces: usize) {
    out.push('\n');
    out.extend(std::iter::repeat_n(' ', spaces));
}

/// An object's members in `order`: as written, duplicates kept; or one per key (the last value,
/// at the first one's place), then sorted as `order` says.
pub fn ordered(members: &[(String, Json)], order: KeyOrder) -> Vec<(&str, &Json)> {
    if order == KeyOrder::AsWritten {
        return members.iter().map(|(k, v)| (k.as_str(), v)).collect();
    }
    // Each key's place, found in log time: a linear search per key made an object of 40,000 keys
    // (430 KB) take 25 s to diagnose, and a body of millions hours.
    let mut parsed: Vec<(&str, &Json)> = Vec::with_capacity(members.len());
    let mut place: BTreeMap<&str, usize> = BTreeMap::new();
    for (key, value) in members {
        match place.get(key.as_str()) {
            Some(&at) => parsed[at].1 = value,
            None => {
                place.insert(key, parsed.len());
                parsed.push((key, value));
            }
        }
    }
    // The keys are unique now, so an unstable sort orders them fully. JavaScript puts integer
    // keys first, ascending, and keeps the rest in their order. One sort call, with the rank a
    // plain function, keeps one copy of the sort in the wasm.
    let (mut sorted, rest): (Vec<_>, Vec<_>) = match order {
        KeyOrder::Sorted => (parsed, Vec::new()),
        KeyOrder::JavaScript => parsed.into_iter().partition(|(key, _)| array_index(key).is_some()),
        KeyOrder::AsWritten | KeyOrder::Parsed => return parsed,
    };
    let rank: fn(&str) -> (u32, &str) =
        if order == KeyOrder::Sorted { |key| (0, key) } else { |key| (array_index(key).unwrap_or(0), "") };
    sorted.sort_unstable_by_key(|(key, _)| rank(key));
    sorted.extend(rest);
    sorted
}

/// The key as an array index, as ECMAScript orders them before other keys.
fn array_index(key: &str) -> Option<u32> {
    let canonical = key == "0" || (!key.starts_with('0') && !key.is_empty());
    key.parse::<u32>().ok().filter(|&n| canonical && n != u32::MAX)
}

fn write_string(text: &str, escape: Escape, out: &mut String) {
    out.push('"');
    let plain = |c: char| c >= ' ' && c != '"' && c != '\\' && (c.is_ascii() || escape == Escape::Minimal);
    if escape != Escape::Html && text.chars().all(plain) {
        out.push_str(text);
        out.push('"');
        return;
    }
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' if escape != Escape::Html => out.push_str("\\b"),
            '\u{c}' if escape != Escape::Html => out.push_str("\\f"),
            c if (c as u32) < 0x20 => push_unicode_escape(c, out),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' if escape == Escape::Html => push_unicode_escape(c, out),
            c if !c.is_ascii() && escape == Escape::Ascii => push_unicode_escape(c, out),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `\uXXXX` in lower-case hex, as a surrogate pair beyond the Basic Multilingual Plane.
pub fn push_unicode_escape(c: char, out: &mut String) {
    let mut units = [0u16; 2];
    for unit in c.encode_utf16(&mut units) {
        // Writing to a String cannot fail: fmt::Write for String always returns Ok.
        let _ = write!(out, "\\u{unit:04x}");
    }
}

/// `Number::toString` of the value `0.digits × 10^n` (no digits: zero, written `0` whatever its
/// sign).
fn javascript_form(negative: bool, digits: &str, n: i64) -> String {
    if digits.is_empty() {
        return "0".to_string();
    }
    let sign = if negative { "-" } else { "" };
    let k = digits.len() as i64;
    let body = if k <= n && n <= 21 {
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        format!("{}.{}", &digits[..n as usize], &digits[n as usize..])
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        let exponent = n - 1;
        let exponent_sign = if exponent < 0 { "-" } else { "+" };
        let mantissa = if k == 1 { digits.to_string() } else { format!("{}.{}", &digits[..1], &digits[1..]) };
        format!("{mantissa}e{exponent_sign}{}", exponent.abs())
    };
    format!("{sign}{body}")
}

/// Python's `repr(float)` of `0.digits × 10^n`: shortest digits, fixed notation for
/// 1e-4 <= |x| < 1e16 with at least one decimal, otherwise `d.ddde±XX`.
fn python_form(negative: bool, digits: &str, n: i64) -> String {
    repr_form(negative, digits, n, 16, "")
}

/// Ruby's `Float#to_s` of `0.digits × 10^n`: as Python's `repr` but for two things, both read
/// from Ruby 3.1: fixed only below 1e15 (`n <= 15`), and a one-digit mantissa keeps its `.0`
/// (`1.0e+15`, `1.0e-05`).
fn ruby_form(negative: bool, digits: &str, n: i64) -> String {
    repr_form(negative, digits, n, 15, ".0")
}

/// Shortest digits, fixed from 1e-4 to below `10^fixed_up_to`, else `d.ddde±XX`; a one-digit
/// mantissa gets `single_digit_tail`.
fn repr_form(negative: bool, digits: &str, n: i64, fixed_up_to: i64, single_digit_tail: &str) -> String {
    let sign = if negative { "-" } else { "" };
    if digits.is_empty() {
        return format!("{sign}0.0");
    }
    let k = digits.len() as i64;
    let body = if -4 < n && n <= fixed_up_to {
        if n <= 0 {
            format!("0.{}{digits}", "0".repeat((-n) as usize))
        } else if k <= n {
            format!("{digits}{}.0", "0".repeat((n - k) as usize))
        } else {
            format!("{}.{}", &digits[..n as usize], &digits[n as usize..])
        }
    } else {
        let exponent = n - 1;
        let exponent_sign = if exponent < 0 { "-" } else { "+" };
        let mantissa =
            if k == 1 { format!("{digits}{single_digit_tail}") } else { format!("{}.{}", &digits[..1], &digits[1..]) };
        format!("{mantissa}e{exponent_sign}{:02}", exponent.abs())
    };
    format!("{sign}{body}")
}

/// Go's `strconv.FormatFloat(x, 'g', -1, 64)` (what `fmt.Sprint` writes) of `0.digits × 10^n`:
/// shortest digits, `d.ddde±XX` when the exponent is below -4 or 6 and above, else fixed with no
/// trailing `.0`.
fn go_form(negative: bool, digits: &str, n: i64) -> String {
    let sign = if negative { "-" } else { "" };
    if digits.is_empty() {
        return format!("{sign}0");
    }
    let k = digits.len() as i64;
    let exponent = n - 1;
    let body = if !(-4..6).contains(&exponent) {
        let exponent_sign = if exponent < 0 { "-" } else { "+" };
        let mantissa = if k == 1 { digits.to_string() } else { format!("{}.{}", &digits[..1], &digits[1..]) };
        format!("{mantissa}e{exponent_sign}{:02}", exponent.abs())
    } else if n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else if k <= n {
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else {
        format!("{}.{}", &digits[..n as usize], &digits[n as usize..])
    };
    format!("{sign}{body}")
}

/// Rewrites the characters inside JSON strings, leaving escapes and everything outside strings
/// as written. `None` when the text is not well-formed enough to tell strings apart.
pub fn map_string_chars(text: &str, mut map: impl FnMut(char, &mut String) -> bool) -> Option<String> {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut chars = text.chars();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if !in_string {
            in_string = c == '"';
            out.push(c);
            continue;
        }
        match c {
            '"' => {
                in_string = false;
                out.push(c);
            }
            '\\' => {
                out.push(c);
                out.push(chars.next()?);
            }
            c => {
                if !map(c, &mut out) {
                    out.push(c);
                }
            }
        }
    }
    (!in_string).then_some(out)
}

/// Undoes `\uXXXX` escapes of non-ASCII characters and `\/` inside strings, leaving the rest as
/// written: the body as a sender that does not escape would have written it.
pub fn unescape_non_ascii_and_slashes(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut in_string = false;
    while let Some(c) = rest.chars().next() {
        let len = c.len_utf8();
        if !in_string || c != '\\' {
            if c == '"' {
                in_string = !in_string;
            }
            out.push(c);
            rest = &rest[len..];
            continue;
        }
        let escape = rest.get(..2)?;
        if escape == "\\/" {
            out.push('/');
            rest = &rest[2..];
        } else if let Some((decoded, used)) = decode_unicode_escape(rest).filter(|(c, _)| !c.is_ascii()) {
            out.push(decoded);
            rest = &rest[used..];
        } else {
            out.push_str(escape);
            rest = &rest[2..];
        }
    }
    (!in_string).then_some(out)
}

/// `\uXXXX` (or a surrogate pair of them) at the start of `text`: the character and the bytes used.
fn decode_unicode_escape(text: &str) -> Option<(char, usize)> {
    let unit = |t: &str| -> Option<u32> { u32::from_str_radix(t.strip_prefix("\\u")?.get(..4)?, 16).ok() };
    let first = unit(text)?;
    if (0xd800..0xdc00).contains(&first) {
        let second = unit(text.get(6..)?)?;
        if !(0xdc00..0xe000).contains(&second) {
            return None;
        }
        return Some((char::from_u32(0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00))?, 12));
    }
    Some((char::from_u32(first)?, 6))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::decimal;

    /// A body of many distinct keys (a 1 MiB link holds 100,000; `listen` takes 16 MiB) is ordered
    /// in n log n: with a linear search per key, 100,000 took 33 s here and these 300,000 about
    /// five minutes, and the cause finder reorders every object several times.
    #[test]
    fn orders_three_hundred_thousand_keys_once_each() {
        let n = 300_000usize;
        let mut members: Vec<(String, Json)> = (0..n).rev().map(|i| (i.to_string(), Json::Null)).collect();
        members.push(("b".into(), Json::Bool(false)));
        members.push(("a".into(), Json::Null));
        // A repeated key keeps its first place and takes the last value.
        members.push(("b".into(), Json::Bool(true)));
        let sorted = ordered(&members, KeyOrder::Sorted);
        assert_eq!(sorted.len(), n + 2);
        assert!(sorted.windows(2).all(|pair| pair[0].0 < pair[1].0));
        let script = ordered(&members, KeyOrder::JavaScript);
        assert_eq!(script[..3].iter().map(|(key, _)| *key).collect::<Vec<_>>(), ["0", "1", "2"]);
        assert_eq!(
            script[n..].iter().map(|(key, value)| (*key, (*value).clone())).collect::<Vec<_>>(),
            [("b", Json::Bool(true)), ("a", Json::Null)]
        );
        let parsed = ordered(&members, KeyOrder::Parsed);
        assert_eq!((parsed[n].0, parsed[n].1), ("b", &Json::Bool(true)));
        assert_eq!(parsed.len(), n + 2);
    }

    fn format_number(text: &str, style: NumberStyle) -> String {
        Number::new(text.to_string()).format(style)
    }

    /// ECMAScript `Number::toString(x)` (ECMA-262, 6.1.6.1.20), for finite `x`.
    fn javascript_to_string(x: f64) -> String {
        let (digits, n) = if x == 0.0 { (String::new(), 0) } else { decimal::shortest_digits(x) };
        javascript_form(x < 0.0, &digits, n)
    }

    /// Python's `repr(float)`, for finite `x`.
    fn python_repr(x: f64) -> String {
        let (digits, n) = if x == 0.0 { (String::new(), 0) } else { decimal::shortest_digits(x) };
        python_form(x.is_sign_negative(), &digits, n)
    }

    const COMPACT: Style = Style {
        indent: None,
        item_separator: ",",
        key_separator: ":",
        keys: KeyOrder::AsWritten,
        numbers: NumberStyle::AsWritten,
        escape: Escape::Minimal,
    };

    #[track_caller]
    fn check(input: &str, style: Style, expected: &str) {
        match parse(input) {
            Ok(value) => assert_eq!(write(&value, &style), expected),
            Err(e) => panic!("{input}: {e:?}"),
        }
    }

    #[test]
    fn javascript_numbers() {
        // Values from `String(x)` in a JavaScript engine.
        let cases = [
            (1.0, "1"),
            (-0.5, "-0.5"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (123456789012345680000.0, "123456789012345680000"),
            (0.000001, "0.000001"),
            (0.0000001, "1e-7"),
            (1.5e-7, "1.5e-7"),
            (0.1 + 0.2, "0.30000000000000004"),
            (12345678901234567890.0, "12345678901234567000"),
            (-1.25e30, "-1.25e+30"),
        ];
        for (x, expected) in cases {
            assert_eq!(javascript_to_string(x), expected, "{x}");
        }
    }

    #[test]
    fn python_floats() {
        // Values from `repr(x)` in CPython 3.
        let cases = [
            (1.0, "1.0"),
            (100.0, "100.0"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e300, "1.5e+300"),
            (-2.5, "-2.5"),
            (0.1 + 0.2, "0.30000000000000004"),
        ];
        for (x, expected) in cases {
            assert_eq!(python_repr(x), expected, "{x}");
        }
        assert_eq!(format_number("-0", NumberStyle::Python), "0");
        assert_eq!(format_number("12345678901234567890", NumberStyle::Python), "12345678901234567890");
        assert_eq!(format_number("1E2", NumberStyle::Python), "100.0");
        // An exact tie between two shortest forms: Node and CPython both take the even digit.
        let tie = "0.0000000298023223876953125";
        assert_eq!(format_number(tie, NumberStyle::JavaScript), "2.9802322387695312e-8");
        assert_eq!(format_number(tie, NumberStyle::Python), "2.9802322387695312e-08");
        assert_eq!(format_number("1e400", NumberStyle::JavaScript), "null");
        assert_eq!(format_number("-1e400", NumberStyle::Python), "-Infinity");
        assert_eq!(format_number("-0.0", NumberStyle::Python), "-0.0");
        assert_eq!(format_number("-0.0", NumberStyle::JavaScript), "0");
        // Go's fmt.Sprint of the float64 (checked against go 1.x's output).
        for (text, go) in [
            ("1", "1"),
            ("2.50", "2.5"),
            ("123456", "123456"),
            ("1234567", "1.234567e+06"),
            ("0.0001", "0.0001"),
            ("0.00001", "1e-05"),
            ("1e20", "1e+20"),
            ("-0", "-0"),
            ("-1e400", "-Inf"),
        ] {
            assert_eq!(format_number(text, NumberStyle::Go), go, "{text}");
        }
    }

    #[test]
    fn styles_of_well_known_tools() {
        let body = r#"{ "b": 1.50, "a": [1, {"é": "x/y"}], "2": null, "1": true, "b": 2 }"#;
        check(body, COMPACT, r#"{"b":1.50,"a":[1,{"é":"x/y"}],"2":null,"1":true,"b":2}"#);
        let js = Style { keys: KeyOrder::JavaScript, numbers: NumberStyle::JavaScript, ..COMPACT };
        check(body, js, r#"{"1":true,"2":null,"b":2,"a":[1,{"é":"x/y"}]}"#);
        let python = Style {
            item_separator: ", ",
            key_separator: ": ",
            keys: KeyOrder::Parsed,
            numbers: NumberStyle::Python,
            escape: Escape::Ascii,
            ..COMPACT
        };
        check(body, python, r#"{"b": 2, "a": [1, {"\u00e9": "x/y"}], "2": null, "1": true}"#);
        let sorted = Style { keys: KeyOrder::Sorted, ..COMPACT };
        check(body, sorted, r#"{"1":true,"2":null,"a":[1,{"é":"x/y"}],"b":2}"#);
        let pretty = Style { indent: Some(2), key_separator: ": ", ..COMPACT };
        check(
            r#"{"a":[1,2],"e":{},"f":[]}"#,
            pretty,
            "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"e\": {},\n  \"f\": []\n}",
        );
        let go = Style { keys: KeyOrder::Sorted, escape: Escape::Html, ..COMPACT };
        check(r#"{"h":"<a&b>\u2028","c":"\b"}"#, go, r#"{"c":"\u0008","h":"\u003ca\u0026b\u003e\u2028"}"#);
        check(r#"["😀"]"#, Style { escape: Escape::Ascii, ..COMPACT }, r#"["\ud83d\ude00"]"#);
    }

    #[test]
    fn refuses_what_is_not_json() {
        for text in ["", "{", r#"{"a" 1}"#, "[1,]", "01", "1.", "\"\\x\"", "nul", "[1] 2", "\"\u{1}\""] {
            assert!(parse(text).is_err(), "{text:?}");
        }
        let deep = "[".repeat(MAX_DEPTH + 2) + &"]".repeat(MAX_DEPTH + 2);
        assert!(parse(&deep).is_err());
    }

    #[test]
    fn rewrites_only_inside_strings() {
        let escaped = map_string_chars(r#"{"a/b":"é\"/","n":1}"#, |c, out| {
            if c == '/' {
                out.push_str("\\/");
                true
            } else {
                false
            }
        });
        assert_eq!(escaped.as_deref(), Some(r#"{"a\/b":"é\"\/","n":1}"#));
        assert_eq!(
            unescape_non_ascii_and_slashes(r#"{"a":"caf\u00e9 \/ \u0041 \ud83d\ude00 \\u00e9"}"#).as_deref(),
            Some(r#"{"a":"café / \u0041 😀 \\u00e9"}"#)
        );
        assert_eq!(map_string_chars("\"open", |_, _| false), None);
    }
}
