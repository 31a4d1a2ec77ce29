//! Signed-content schemes: the text a Standard Webhooks or Stripe-style signer puts before the
//! body, from this delivery's event id and timestamp.

use super::*;

/// A signed-content scheme's text before the body, from this delivery's event id and timestamp.
pub(super) struct SchemePrefix {
    pub(super) prefix: String,
    /// How the finding says it.
    pub(super) label: String,
    /// Standard Webhooks' `{id}.{timestamp}.` with the timestamp in Unix seconds.
    pub(super) standard: bool,
}

/// The longest event id or timestamp tried: a value longer than this is not one.
pub(super) const SCHEME_VALUE_MAX: usize = 200;

/// `{id}.{timestamp}.` (Standard Webhooks) and `{timestamp}.` (Stripe) for each event id (the
/// header's, the body's `id`) and timestamp (the header's, the body's `createdAt`, each also in
/// Unix seconds and milliseconds), distinct texts only: at most 18.
pub(super) fn signed_content_prefixes(tree: Option<&Json>, headers: Option<&ReceivedHeaders>) -> Vec<SchemePrefix> {
    let from_body = |name: &str| match tree {
        Some(Json::Object(members)) => members.iter().rev().find_map(|(key, value)| match value {
            Json::String(text) if key == name => Some(text.clone()),
            _ => None,
        }),
        _ => None,
    };
    let from_headers = |name: &str| headers.and_then(|h| h.get(name)).map(|field| field.value.trim().to_string());
    let mut ids: Vec<(String, &str)> = Vec::new();
    for (value, source) in [(from_headers(EVENT_ID), "x-cobinar-event-id"), (from_body("id"), "the body's id")] {
        if let Some(value) = value.filter(|v| !v.is_empty() && v.len() <= SCHEME_VALUE_MAX) {
            if !ids.iter().any(|(id, _)| *id == value) {
                ids.push((value, source));
            }
        }
    }
    let mut stamps: Vec<(String, String, bool)> = Vec::new();
    for (value, source) in
        [(from_headers(TIMESTAMP), "x-cobinar-timestamp"), (from_body("createdAt"), "the body's createdAt")]
    {
        let Some(value) = value.filter(|v| !v.is_empty() && v.len() <= SCHEME_VALUE_MAX) else { continue };
        let mut forms = vec![(value.clone(), format!("{source} as written"), false)];
        if let Ok(instant) = timestamp::parse(&value) {
            let millis = instant.unix_millis;
            forms.push((millis.div_euclid(1000).to_string(), format!("{source} in Unix seconds"), true));
            forms.push((millis.to_string(), format!("{source} in Unix milliseconds"), false));
        }
        for form in forms {
            if !stamps.iter().any(|(text, _, _)| *text == form.0) {
                stamps.push(form);
            }
        }
    }
    let mut out = Vec::new();
    for (id, id_source) in &ids {
        for (stamp, stamp_source, seconds) in &stamps {
            let prefix = format!("{id}.{stamp}.");
            let label = format!(
                "with \"{prefix}\" before it: {{event-id}}.{{timestamp}}.{{body}}, as Standard Webhooks signs, from {id_source} and {stamp_source}"
            );
            out.push(SchemePrefix { prefix, label, standard: *seconds });
        }
    }
    for (stamp, stamp_source, _) in &stamps {
        let prefix = format!("{stamp}.");
        let label =
            format!("with \"{prefix}\" before it: {{timestamp}}.{{body}}, as Stripe signs, from {stamp_source}");
        out.push(SchemePrefix { prefix, label, standard: false });
    }
    out
}
