//! `window.webhookEcho`: the verifier for scripts and automation, over the same core as the page.
//!
//! ```js
//! webhookEcho.sign(secret, body)                 // "sha256=<hex>"
//! webhookEcho.verify({ secret, body, headers, stack })
//! // { verdict, summary, expectedSignature, checks, diagnosis, notFromCobinar }
//! webhookEcho.diagnose({ secret, body, signature, stack })  // [{ cause, finding, fix, language? }]
//! webhookEcho.testPack(language)                 // the test pack's file text ("node" … "csharp")
//! ```
//! `body` is a string (signed as its UTF-8 bytes) or a `Uint8Array` (signed as is); `headers` is
//! an object of name to value, as Node's `req.headers` gives it; `stack` (optional) is a stack's
//! id (`python-fastapi`), a language's (`python`) or `any`, and the fixes speak its idioms.

use js_sys::{Function, Object, Reflect, Uint8Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::diagnose::diagnosis;
use crate::diagnose::report::{DiagnosisReport, VerifyReport};
use crate::echo::test_pack::Language;
use crate::stacks::Choice;
use crate::verify::received_headers::ReceivedHeaders;
use crate::verify::signature;
use crate::web::ui::fresh_test_pack;

/// A header value as Node gives it: a string, or an array for a repeated header.
#[derive(Deserialize)]
#[serde(untagged)]
enum HeaderValue {
    One(String),
    Many(Vec<String>),
}

fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(&format!("webhookEcho: {message}")).into()
}

/// A string's UTF-8 bytes, or a `Uint8Array`'s bytes.
fn bytes_of(value: &JsValue, what: &str) -> Result<Vec<u8>, JsValue> {
    if let Some(text) = value.as_string() {
        Ok(text.into_bytes())
    } else if let Some(array) = value.dyn_ref::<Uint8Array>() {
        Ok(array.to_vec())
    } else {
        Err(type_error(&format!("{what} must be a string or a Uint8Array")))
    }
}

fn string_of(value: &JsValue, what: &str) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| type_error(&format!("{what} must be a string")))
}

/// The raw HMAC-SHA256 of `body` keyed with `key`, both bytes: the module's own export (trunk's
/// loader puts the module's exports on `window.wasmBindings`), without `sign`'s string handling.
/// `make bench` measures the page's HMAC through it, beside WebCrypto's `sign`.
#[wasm_bindgen(js_name = hmacSha256)]
pub fn hmac_sha256(key: &[u8], body: &[u8]) -> Vec<u8> {
    signature::hmac_sha256(key, body).to_vec()
}

/// `testPack(language)`: the text of the receiver test pack the page's button saves, made now
/// under a fresh test secret of its own.
pub fn test_pack(language: JsValue) -> Result<JsValue, JsValue> {
    let id = string_of(&language, "testPack(language): language")?;
    let language = Language::from_id(&id).ok_or_else(|| {
        let ids: Vec<&str> = Language::ALL.iter().map(|l| l.id()).collect();
        type_error(&format!("testPack(language): language must be one of {}, not {id:?}", ids.join(", ")))
    })?;
    let pack =
        fresh_test_pack(language).map_err(|why| JsValue::from(js_sys::Error::new(&format!("webhookEcho: {why}"))))?;
    Ok(JsValue::from_str(&pack.text))
}

/// `sign(secret, body)`: the `x-cobinar-signature` value Cobinar would send.
pub fn sign(secret: JsValue, body: JsValue) -> Result<JsValue, JsValue> {
    let secret = string_of(&secret, "sign(secret, body): secret")?;
    let body = bytes_of(&body, "sign(secret, body): body")?;
    Ok(JsValue::from_str(&signature::sign(secret.as_bytes(), &body)))
}

/// The argument object of `verify` and `diagnose`: its `secret` and `body`, and a reader for
/// its other fields.
struct Request {
    object: JsValue,
    secret: String,
    body: Vec<u8>,
}

impl Request {
    fn read(object: JsValue, call: &str, shape: &str) -> Result<Self, JsValue> {
        if !object.is_object() {
            return Err(type_error(&format!("{call}({shape}) takes one object")));
        }
        let field = |name: &str| Reflect::get(&object, &JsValue::from_str(name));
        let secret = string_of(&field("secret")?, &format!("{call}: secret"))?;
        let body = bytes_of(&field("body")?, &format!("{call}: body"))?;
        Ok(Self { object, secret, body })
    }

    fn field(&self, name: &str) -> Result<JsValue, JsValue> {
        Reflect::get(&self.object, &JsValue::from_str(name))
    }

    /// The optional `stack` field: a stack's or a language's id, or `any`, whose words the fixes
    /// use. Another value is a `TypeError` that lists the ids.
    fn stack(&self, call: &str) -> Result<Choice, JsValue> {
        let value = self.field("stack")?;
        if value.is_undefined() || value.is_null() {
            return Ok(Choice::Any);
        }
        let id = string_of(&value, &format!("{call}: stack"))?;
        Choice::from_id(&id).ok_or_else(|| {
            let ids: Vec<&str> = Choice::ids().collect();
            type_error(&format!("{call}: stack must be one of {}, not {id:?}", ids.join(", ")))
        })
    }
}

/// `verify({secret, body, headers})`: the page's verdict and header checks, as plain data.
pub fn verify(request: JsValue) -> Result<JsValue, JsValue> {
    let request = Request::read(request, "verify", "{secret, body, headers}")?;
    let headers_value = request.field("headers")?;
    let choice = request.stack("verify")?;
    let Request { secret, body, .. } = request;
    let pairs: Vec<(String, HeaderValue)> = if headers_value.is_undefined() || headers_value.is_null() {
        Vec::new()
    } else {
        let map: std::collections::BTreeMap<String, HeaderValue> = serde_wasm_bindgen::from_value(headers_value)
            .map_err(|e| type_error(&format!("verify: headers must map names to strings ({e})")))?;
        map.into_iter().collect()
    };
    let headers = ReceivedHeaders::from_pairs(pairs.into_iter().flat_map(|(name, value)| {
        let values = match value {
            HeaderValue::One(one) => vec![one],
            HeaderValue::Many(many) => many,
        };
        values.into_iter().map(move |value| (name.clone(), value))
    }));
    let now = js_sys::Date::now() as i64;
    VerifyReport::of(&secret, &body, &headers, Some(now), choice)
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| type_error(&e.to_string()))
}

/// `diagnose({secret, body, signature})`: the causes that explain a failing signature.
pub fn diagnose(request: JsValue) -> Result<JsValue, JsValue> {
    let request = Request::read(request, "diagnose", "{secret, body, signature}")?;
    let signature = string_of(&request.field("signature")?, "diagnose: signature")?;
    let choice = request.stack("diagnose")?;
    let found: Vec<DiagnosisReport> = diagnosis::diagnose(&request.secret, &request.body, &signature)
        .into_iter()
        .map(|d| DiagnosisReport::of(d, choice))
        .collect();
    found.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| type_error(&e.to_string()))
}

/// Puts `webhookEcho` on `window`. The closures live as long as the page.
pub fn install() {
    let Some(window) = crate::web::ui::browser_window() else {
        return;
    };
    let api = Object::new();
    let sign_fn: Function =
        Closure::<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(sign).into_js_value().unchecked_into();
    let verify_fn: Function =
        Closure::<dyn Fn(JsValue) -> Result<JsValue, JsValue>>::new(verify).into_js_value().unchecked_into();
    let diagnose_fn: Function =
        Closure::<dyn Fn(JsValue) -> Result<JsValue, JsValue>>::new(diagnose).into_js_value().unchecked_into();
    let test_pack_fn: Function =
        Closure::<dyn Fn(JsValue) -> Result<JsValue, JsValue>>::new(test_pack).into_js_value().unchecked_into();
    let entries: [(&str, JsValue); 5] = [
        ("sign", sign_fn.into()),
        ("verify", verify_fn.into()),
        ("diagnose", diagnose_fn.into()),
        ("testPack", test_pack_fn.into()),
        ("version", JsValue::from_str(env!("CARGO_PKG_VERSION"))),
    ];
    for (name, value) in entries {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&api, &JsValue::from_str(name), &value);
    }
    let _ = Object::freeze(&api);
    // A page script may have made the name read-only: scripts then find no API, and are told.
    if !Reflect::set(&window, &JsValue::from_str("webhookEcho"), &api).unwrap_or(false) {
        web_sys::console::warn_1(&"webhook-echo: window.webhookEcho could not be installed.".into());
    }
}
