//! A JSON paste: an object of headers (Express's `req.headers`, optionally as `{"headers": …,
//! "body": "…"}`), a HAR entry from the browser's network panel, or a delivery body taken whole.

use super::*;

/// `input` is the paste from its first `{` or `[`; `whole` is all of it, which a delivery body
/// is taken as.
pub(super) fn import_json(input: &[u8], whole: &[u8]) -> Result<Imported, ImportError> {
    let value: Value = match serde_json::from_slice(input) {
        Ok(value) => value,
        Err(json_error) => {
            // console.log(req.headers) prints single quotes and bare keys: not JSON, but close.
            return console_log(input)?.map_err(|_| {
                error(format!("This starts like JSON but is not valid JSON ({json_error}), nor headers as console.log prints them."))
            });
        }
    };
    if let Some(entry) = har_entry(&value)? {
        return import_har_entry(entry);
    }
    let Value::Object(object) = &value else {
        return Err(error(format!("This is JSON, but not an object. {ACCEPTED}")));
    };
    if object.contains_key("event") && object.contains_key("payload") {
        // The paste is the body: every byte of it, whitespace around the JSON included, since
        // those bytes are signed too if they were received. Said, as a person may not see them.
        let around = whole.len() - whole.trim_ascii().len();
        let notes = if around == 0 {
            Vec::new()
        } else {
            vec![format!(
                "The body keeps the {} of whitespace around the JSON, as pasted: they are part of the bytes checked.",
                crate::protocol::text::plural(around, "byte")
            )]
        };
        return Ok(Imported {
            format: ImportFormat::DeliveryBody,
            headers: None,
            body: Some(whole.to_vec()),
            notes,
            passed_over: Vec::new(),
        });
    }
    let mut notes = Vec::new();
    let (headers_value, body_value) = match object.get("headers") {
        Some(headers) => (headers, object.get("body").or_else(|| object.get("rawBody"))),
        None => (&value, None),
    };
    let headers = json_headers(headers_value)?;
    let body = match body_value {
        None | Some(Value::Null) => None,
        Some(Value::String(text)) => Some(text.clone().into_bytes()),
        Some(parsed) => {
            notes.push("The body was already parsed, so its exact bytes are lost: this is it written compactly, which may not be the bytes that were signed.".into());
            Some(parsed.to_string().into_bytes())
        }
    };
    Ok(Imported { format: ImportFormat::HeadersJson, headers: Some(headers), body, notes, passed_over: Vec::new() })
}

pub(super) fn json_headers(value: &Value) -> Result<Vec<(String, String)>, ImportError> {
    let mut out = Vec::new();
    let mut budget = HeaderBudget::default();
    match value {
        Value::Object(map) => {
            for (name, value) in map {
                match value {
                    Value::String(text) => {
                        budget.take(name, 1, text.len())?;
                        out.push((name.clone(), text.clone()));
                    }
                    Value::Array(items) => {
                        let value_bytes = items.iter().map(|item| item.as_str().map_or(0, str::len)).sum();
                        budget.take(name, items.len(), value_bytes)?;
                        for item in items {
                            out.push((name.clone(), item.as_str().ok_or_else(|| not_headers(name))?.to_string()));
                        }
                    }
                    _ => return Err(not_headers(name)),
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                let pair = match item {
                    Value::Array(pair) if pair.len() == 2 => pair[0].as_str().zip(pair[1].as_str()),
                    Value::Object(entry) => {
                        entry.get("name").and_then(Value::as_str).zip(entry.get("value").and_then(Value::as_str))
                    }
                    _ => None,
                };
                let (name, value) =
                    pair.ok_or_else(|| error("The headers list holds something that is not a name and a value."))?;
                budget.take(name, 1, value.len())?;
                out.push((name.to_string(), value.to_string()));
            }
        }
        _ => return Err(error("\"headers\" is neither an object nor a list.")),
    }
    if !out.iter().any(|(name, _)| is_token(name)) {
        return Err(error(format!("This JSON has no header names in it. {ACCEPTED}")));
    }
    Ok(out)
}

pub(super) fn not_headers(name: &str) -> ImportError {
    error(format!(
        "\"{}\" is not a header value: headers map names to strings.",
        crate::verify::invisible::quoted(name)
    ))
}

/// The HAR entry to import: the one with a Cobinar signature, or the only one.
pub(super) fn har_entry(value: &Value) -> Result<Option<&Value>, ImportError> {
    let entries: Vec<&Value> = if let Some(entries) = value.pointer("/log/entries").and_then(Value::as_array) {
        entries.iter().collect()
    } else if value.get("request").is_some_and(Value::is_object) {
        vec![value]
    } else {
        return Ok(None);
    };
    let signed = |entry: &&&Value| {
        entry.pointer("/request/headers").and_then(Value::as_array).is_some_and(|headers| {
            headers.iter().any(|h| {
                h.get("name").and_then(Value::as_str).is_some_and(|n| n.eq_ignore_ascii_case("x-cobinar-signature"))
            })
        })
    };
    match (entries.iter().find(signed), entries.len()) {
        (Some(entry), _) => Ok(Some(entry)),
        (None, 1) => Ok(Some(entries[0])),
        (None, 0) => Err(error("This HAR file has no entries.")),
        (None, n) => Err(error(format!(
            "This HAR file has {n} entries and none carries x-cobinar-signature; export just the delivery's request."
        ))),
    }
}

pub(super) fn import_har_entry(entry: &Value) -> Result<Imported, ImportError> {
    let request = entry.get("request").ok_or_else(|| error("This HAR entry has no request."))?;
    // A request with no "headers" has none to give: the verifier then says which are missing.
    let headers = request.get("headers").map(json_headers).transpose()?.unwrap_or_default();
    // HTTP/2 pseudo-headers (":authority") are not headers a receiver sees by those names.
    let headers: Vec<(String, String)> = headers.into_iter().filter(|(name, _)| !name.starts_with(':')).collect();
    let mut notes = Vec::new();
    let body = match request.pointer("/postData/text").and_then(Value::as_str) {
        Some(text) if request.pointer("/postData/encoding").and_then(Value::as_str) == Some("base64") => Some(
            crate::protocol::base64::decode(text)
                .ok_or_else(|| error("The HAR body says base64 but is not base64."))?,
        ),
        Some(text) => Some(text.as_bytes().to_vec()),
        None => {
            notes.push("This HAR entry has no request body: the body field was left as it was.".into());
            None
        }
    };
    Ok(Imported { format: ImportFormat::Har, headers: Some(headers), body, notes, passed_over: Vec::new() })
}
