//! The body's variants: line ends, whitespace, a byte order mark, invisible characters, and the
//! body re-serialised as common tools write it (`RESERIALIZATIONS`), each made one at a time.

use super::*;

pub(super) const NEWLINES: [(&[u8], &str); 2] = [(b"\r\n", "CRLF"), (b"\n", "LF")];
pub(super) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Calls `visit` with each candidate body once: distinct bytes only, never the body itself.
/// Candidates are made one at a time, so a large body is not held in thirty copies.
pub(super) fn for_each_body_variant(
    body: &[u8],
    parsed: Option<(&str, &Json)>,
    schemes: &[SchemePrefix],
    mut visit: impl FnMut(Cause, &str, Option<Language>, &[u8]),
) {
    let mut seen: HashSet<(usize, u64)> = HashSet::new();
    let fingerprint = |bytes: &[u8]| {
        let mut hasher = DefaultHasher::new();
        bytes.hash(&mut hasher);
        (bytes.len(), hasher.finish())
    };
    seen.insert(fingerprint(body));
    // A variant only one language writes names that language: the evidence of the reader's stack.
    let mut offer = |cause: Cause, label: &str, language: Option<Language>, bytes: &[u8]| {
        if seen.insert(fingerprint(bytes)) {
            visit(cause, label, language, bytes);
        }
    };

    for (ending, name) in NEWLINES {
        if let Some(stripped) = body.strip_suffix(ending) {
            offer(Cause::BodyTrailingNewline, &format!("with its trailing {name} removed"), None, stripped);
        }
        offer(Cause::BodyTrailingNewline, &format!("with a trailing {name} added"), None, &[body, ending].concat());
    }
    // More than one line break at the end: blank lines, which a logger or a trim added or removed.
    let trimmed = body.iter().rposition(|b| !matches!(b, b'\r' | b'\n')).map_or(0, |i| i + 1);
    offer(Cause::BodyWhitespace, "with all its trailing line breaks removed", None, &body[..trimmed]);

    let space = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    let start = body.iter().position(|b| !space(b)).unwrap_or(body.len());
    let end = body.iter().rposition(|b| !space(b)).map_or(start, |i| i + 1);
    offer(Cause::BodyWhitespace, "with the spaces, tabs and line breaks at its start trimmed", None, &body[start..]);
    offer(Cause::BodyWhitespace, "with the spaces, tabs and line breaks at its end trimmed", None, &body[..end]);
    offer(
        Cause::BodyWhitespace,
        "with the spaces, tabs and line breaks at both its ends trimmed",
        None,
        &body[start..end],
    );
    offer(Cause::BodyWhitespace, "trimmed, then ended with a single LF", None, &[&body[start..end], b"\n"].concat());
    for (added, label) in WHITESPACE_ADDED_AT_END {
        offer(Cause::BodyWhitespace, label, None, &[body, added].concat());
    }
    for (added, label) in WHITESPACE_ADDED_AT_START {
        offer(Cause::BodyWhitespace, label, None, &[added, body].concat());
    }

    if body.contains(&b'\n') {
        let lf = replace(body, b"\r\n", b"\n");
        offer(Cause::BodyLineEndings, "with CRLF line breaks written as LF", None, &lf);
        offer(Cause::BodyLineEndings, "with LF line breaks written as CRLF", None, &replace(&lf, b"\n", b"\r\n"));
    }

    match body.strip_prefix(BOM) {
        Some(rest) => offer(Cause::BodyBom, "without the byte order mark at its start", None, rest),
        None => offer(
            Cause::BodyBom,
            "with a UTF-8 byte order mark (EF BB BF) added at its start",
            None,
            &[BOM, body].concat(),
        ),
    }

    let found = invisible_characters(body, true);
    for &(c, first, count) in &found {
        let label = format!("without {}", describe_invisible(c, first, count));
        offer(Cause::BodyInvisibleCharacter, &label, None, &remove_char(body, c, true));
    }
    if found.len() > 1 {
        let mut all = body.to_vec();
        for &(c, _, _) in &found {
            all = remove_char(&all, c, true);
        }
        offer(Cause::BodyInvisibleCharacter, "without any of its invisible characters", None, &all);
    }

    for scheme in schemes {
        offer(Cause::SignedContentScheme, &scheme.label, None, &[scheme.prefix.as_bytes(), body].concat());
    }

    let Some((text, tree)) = parsed else {
        return;
    };
    // Escaping before re-serialisation: when both give the same bytes, the narrower cause names it.
    let escape_non_ascii = |c: char, out: &mut String| {
        if c.is_ascii() {
            false
        } else {
            json_forms::push_unicode_escape(c, out);
            true
        }
    };
    let escape_slash = |c: char, out: &mut String| {
        if c == '/' {
            out.push_str("\\/");
            true
        } else {
            false
        }
    };
    let escaped = [
        (json_forms::map_string_chars(text, escape_non_ascii), "with non-ASCII characters written as \\uXXXX", None),
        (json_forms::map_string_chars(text, escape_slash), "with / written as \\/", None),
        (
            json_forms::map_string_chars(text, |c, out| escape_non_ascii(c, out) || escape_slash(c, out)),
            "with non-ASCII characters as \\uXXXX and / as \\/ (PHP's json_encode defaults)",
            Some(Language::Php),
        ),
        (
            json_forms::unescape_non_ascii_and_slashes(text),
            "with its \\uXXXX and \\/ escapes written as plain characters",
            None,
        ),
    ];
    for (candidate, label, language) in escaped {
        if let Some(candidate) = candidate {
            offer(Cause::BodyUnicodeEscaped, label, language, candidate.as_bytes());
        }
    }
    for (label, style, language) in RESERIALIZATIONS {
        offer(Cause::BodyReserialized, label, language, json_forms::write(tree, &style).as_bytes());
    }
    // Keys sorted before the body was logged or copied: the styles that keep key order, over
    // the keys put back in Cobinar's order.
    if let Some((restored, order)) = documented_order(tree) {
        for (label, style, language) in RESERIALIZATIONS.iter().filter(|(_, style, _)| style.keys != KeyOrder::Sorted) {
            let label = format!(
                "as Cobinar wrote it before its keys were sorted (by a Go map, Python's sort_keys, jq -S or a logger): {order}; written {label}"
            );
            offer(Cause::BodyReserialized, &label, *language, json_forms::write(&restored, style).as_bytes());
        }
    }
    // Last: a re-serialisation that gives the same bytes names the narrower cause.
    for (dump, label, language) in object_dumps::dumps(tree) {
        offer(Cause::BodyObjectCoerced, label, Some(language), dump.as_bytes());
    }
}

/// Spaces, tabs and blank lines a logger or a copy adds at the end (one LF or CRLF alone is
/// `body-trailing-newline`, offered first).
pub(super) const WHITESPACE_ADDED_AT_END: [(&[u8], &str); 4] = [
    (b" ", "with a trailing space added"),
    (b"\t", "with a trailing tab added"),
    (b"\n\n", "with a blank line added at its end (two LF)"),
    (b"\r\n\r\n", "with a blank line added at its end (two CRLF)"),
];

pub(super) const WHITESPACE_ADDED_AT_START: [(&[u8], &str); 3] = [
    (b" ", "with a leading space added"),
    (b"\n", "with a line break added at its start"),
    (b"\r\n", "with a CRLF added at its start"),
];

/// How many different invisible characters the cause finder tries taking out, one at a time (each
/// is one more HMAC of the whole body): a copy brings in one or two kinds, while a crafted body
/// could hold thousands (the tag characters alone are 4,096).
pub(super) const INVISIBLE_KINDS_TRIED: usize = 16;

/// Whether a copy could have brought `c` in unseen: the shared table of characters a renderer
/// draws as nothing (`protocol::invisible_chars`), and the no-break space, which looks like a
/// space and is not one.
pub(super) fn is_copied_invisible(c: char) -> bool {
    c == '\u{00A0}' || invisible_chars::is_default_ignorable(c)
}

pub(super) fn utf8(c: char) -> ([u8; 4], usize) {
    let mut buffer = [0u8; 4];
    let len = c.encode_utf8(&mut buffer).len();
    (buffer, len)
}

/// Which invisible characters `bytes` holds, in one pass over its UTF-8 (bytes that are not UTF-8
/// are passed over): (the character, byte offset of the first, how many), the first
/// `INVISIBLE_KINDS_TRIED` kinds by where they first appear. A byte order mark at offset 0 is
/// skipped when `skip_leading_bom` (`body-bom` covers it).
pub(super) fn invisible_characters(bytes: &[u8], skip_leading_bom: bool) -> Vec<(char, usize, usize)> {
    let mut found: Vec<(char, usize, usize)> = Vec::new();
    let mut base = 0;
    for chunk in bytes.utf8_chunks() {
        for (at, c) in chunk.valid().char_indices().map(|(i, c)| (base + i, c)) {
            if !is_copied_invisible(c) || (skip_leading_bom && at == 0 && c == '\u{FEFF}') {
                continue;
            }
            if let Some((_, _, count)) = found.iter_mut().find(|(seen, _, _)| *seen == c) {
                *count += 1;
            } else if found.len() < INVISIBLE_KINDS_TRIED {
                found.push((c, at, 1));
            }
        }
        base += chunk.valid().len() + chunk.invalid().len();
    }
    found
}

/// "its U+200B (ZERO WIDTH SPACE) at byte offset 0", named as the Bytes view names it.
pub(super) fn describe_invisible(c: char, first: usize, count: usize) -> String {
    let code = u32::from(c);
    let name = invisible_name(c).unwrap_or("an invisible character");
    match count {
        1 => format!("its U+{code:04X} ({name}) at byte offset {first}"),
        n => format!("its {n} U+{code:04X} ({name}) characters, the first at byte offset {first}"),
    }
}

/// `bytes` without each occurrence of `c` (but a byte order mark at offset 0 when
/// `keep_leading_bom`).
pub(super) fn remove_char(bytes: &[u8], c: char, keep_leading_bom: bool) -> Vec<u8> {
    let (encoded, len) = utf8(c);
    let encoded = &encoded[..len];
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at..].starts_with(encoded) && !(keep_leading_bom && at == 0 && c == '\u{FEFF}') {
            at += len;
        } else {
            out.push(bytes[at]);
            at += 1;
        }
    }
    out
}

/// The parsed body with its keys in Cobinar's order: `id`, `event`, `createdAt`, `payload` (other
/// keys after them, in their order), and the payload's keys in the order Cobinar writes them for
/// its event. With the order, in words; `None` when the keys already are in that order.
pub(super) fn documented_order(tree: &Json) -> Option<(Json, String)> {
    let Json::Object(members) = tree else {
        return None;
    };
    let event = members.iter().find_map(|(key, value)| match (key.as_str(), value) {
        ("event", Json::String(name)) => Event::from_name(name),
        _ => None,
    });
    let (mut members, mut changed) = reorder(members, &ENVELOPE_KEYS);
    let mut order = ENVELOPE_KEYS.join(", ");
    if let Some(event) = event {
        let keys = payload_keys(event);
        for (key, value) in &mut members {
            if let (true, Json::Object(payload)) = (key == "payload", &*value) {
                let (payload, payload_changed) = reorder(payload, keys);
                changed |= payload_changed;
                *value = Json::Object(payload);
            }
        }
        order = format!("{order}, and {} in the payload", keys.join(", "));
    }
    changed.then_some((Json::Object(members), order))
}

/// `members` with the `keys` first, in that order, the rest after them as they were; and
/// whether that moved anything. A stable sort: one pass to rank, one to sort.
pub(super) fn reorder(members: &[(String, Json)], keys: &[&str]) -> (Vec<(String, Json)>, bool) {
    let rank = |key: &str| keys.iter().position(|k| *k == key).unwrap_or(keys.len());
    let mut ordered = members.to_vec();
    ordered.sort_by_key(|(key, _)| rank(key));
    let changed = ordered.iter().zip(members).any(|((a, _), (b, _))| a != b);
    (ordered, changed)
}

pub(super) fn replace(haystack: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len() + haystack.len() / 16);
    let mut i = 0;
    while i < haystack.len() {
        if haystack[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(haystack[i]);
            i += 1;
        }
    }
    out
}

pub(super) const fn style(
    indent: Option<usize>,
    item_separator: &'static str,
    key_separator: &'static str,
    keys: KeyOrder,
    numbers: NumberStyle,
    escape: Escape,
) -> Style {
    Style { indent, item_separator, key_separator, keys, numbers, escape }
}

/// How common tools write a parsed body back out.
pub(super) const RESERIALIZATIONS: [(&str, Style, Option<Language>); 13] = [
    (
        "compact, as a minifier writes it",
        style(None, ",", ":", KeyOrder::AsWritten, NumberStyle::AsWritten, Escape::Minimal),
        None,
    ),
    (
        "indented by 2 spaces",
        style(Some(2), ",", ": ", KeyOrder::AsWritten, NumberStyle::AsWritten, Escape::Minimal),
        None,
    ),
    (
        "indented by 4 spaces",
        style(Some(4), ",", ": ", KeyOrder::AsWritten, NumberStyle::AsWritten, Escape::Minimal),
        None,
    ),
    (
        "as JavaScript's JSON.stringify(JSON.parse(body)) writes it",
        style(None, ",", ":", KeyOrder::JavaScript, NumberStyle::JavaScript, Escape::Minimal),
        Some(Language::Node),
    ),
    (
        "as JSON.stringify(value, null, 2) writes it",
        style(Some(2), ",", ": ", KeyOrder::JavaScript, NumberStyle::JavaScript, Escape::Minimal),
        Some(Language::Node),
    ),
    (
        "as JSON.stringify(value, null, 4) writes it",
        style(Some(4), ",", ": ", KeyOrder::JavaScript, NumberStyle::JavaScript, Escape::Minimal),
        Some(Language::Node),
    ),
    (
        "as Python's json.dumps writes it by default (\", \" and \": \", non-ASCII escaped)",
        style(None, ", ", ": ", KeyOrder::Parsed, NumberStyle::Python, Escape::Ascii),
        Some(Language::Python),
    ),
    (
        "as Python's json.dumps(value, indent=2) writes it",
        style(Some(2), ", ", ": ", KeyOrder::Parsed, NumberStyle::Python, Escape::Ascii),
        Some(Language::Python),
    ),
    (
        "compact with its keys sorted",
        style(None, ",", ":", KeyOrder::Sorted, NumberStyle::AsWritten, Escape::Minimal),
        None,
    ),
    (
        "with its keys sorted, as JSON.stringify writes it",
        style(None, ",", ":", KeyOrder::Sorted, NumberStyle::JavaScript, Escape::Minimal),
        Some(Language::Node),
    ),
    (
        "indented by 2 spaces with its keys sorted",
        style(Some(2), ",", ": ", KeyOrder::Sorted, NumberStyle::AsWritten, Escape::Minimal),
        None,
    ),
    (
        "as Python's json.dumps(value, sort_keys=True) writes it",
        style(None, ", ", ": ", KeyOrder::Sorted, NumberStyle::Python, Escape::Ascii),
        Some(Language::Python),
    ),
    (
        "as Go's json.Marshal writes it (keys sorted, <, > and & escaped)",
        style(None, ",", ":", KeyOrder::Sorted, NumberStyle::AsWritten, Escape::Html),
        Some(Language::Go),
    ),
];

pub(super) fn explain_body(subject: Subject, cause: Cause, hits: &[String]) -> Option<Diagnosis> {
    let first = hits.first()?;
    let also = match hits.len() {
        1 => String::new(),
        n => format!(" ({} other forms give the same bytes)", n - 1),
    };
    Some(Diagnosis::new(cause, format!("{} matches this body {first}{also}.", subject.noun())))
}
