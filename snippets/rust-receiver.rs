//! Receives Cobinar webhooks with axum. Run: COBINAR_WEBHOOK_SECRET=… cargo run
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::{rejection::BytesRejection, DefaultBodyLimit, State};
use axum::{body::Bytes, http::HeaderMap, http::StatusCode, routing::post, Router};
use hmac::{Hmac, Mac};
use sha2::Sha256;

#[derive(serde::Deserialize)]
struct Delivery {
    id: String,
    event: String,
    #[serde(rename = "createdAt", default)]
    created_at: String,
    payload: serde_json::Value,
}

#[derive(Clone)]
struct Receiver {
    secret: Arc<String>,
    // The body's ids already handled (a retry carries the same one): in production keep these in
    // your database, with a unique key on the id. The mutex makes check-and-add (insert) one step.
    seen_event_ids: Arc<Mutex<HashSet<String>>>,
}

/// Whether `header` is Cobinar's signature of `body` under `secret`: `sha256=` and the lower-case
/// hex HMAC-SHA256, as Cobinar writes it.
pub fn verify_webhook(body: &[u8], header: Option<&str>, secret: &str) -> bool {
    let Some(digest) = header
        .and_then(|value| value.strip_prefix("sha256="))
        .filter(|hex| !hex.bytes().any(|b| b.is_ascii_uppercase()))
        .and_then(|hex| hex::decode(hex).ok())
    else {
        return false;
    };
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(body);
    // verify_slice compares in constant time, and rejects a digest of the wrong length.
    mac.verify_slice(&digest).is_ok()
}

/// Whether the signed `createdAt` is within 5 minutes of now. Neither x-cobinar-timestamp nor
/// x-cobinar-event-id is signed, but the body's createdAt is: a delivery signed longer ago (or
/// ahead) is a captured one replayed, or a clock is wrong.
fn is_fresh(created_at: &str) -> bool {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |since| since.as_secs() as i64);
    unix_seconds(created_at).is_some_and(|signed_at| (now - signed_at).abs() <= 5 * 60)
}

/// `2026-07-03T14:22:10.000Z` in seconds since 1970, with std only (with chrono:
/// `DateTime::parse_from_rfc3339`). `None` when it is not of that form.
fn unix_seconds(iso: &str) -> Option<i64> {
    let (date, time) = iso.strip_suffix('Z')?.split_once('T')?;
    let number = |text: &str| text.parse::<i64>().ok();
    let mut date = date.split('-').map(number);
    let (year, month, day) = (date.next()??, date.next()??, date.next()??);
    let mut time = time.split(':');
    let (hour, minute) = (number(time.next()?)?, number(time.next()?)?);
    let second = number(time.next()?.split('.').next()?)?;
    // Days since 1970-01-01 (Howard Hinnant's days_from_civil, years starting in March).
    let (y, m) = if month <= 2 { (year - 1, month + 9) } else { (year, month - 3) };
    let days = 365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + day - 719_469;
    Some(days * 86_400 + hour * 3_600 + minute * 60 + second)
}

// `Bytes`, not `Json`: the signature is over the exact bytes received. At most 2 MiB, read before
// hashing (`DefaultBodyLimit` in main): over it, the extractor's rejection is a 413.
async fn cobinar_webhook(
    State(receiver): State<Receiver>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> (StatusCode, &'static str) {
    let body = match body {
        Ok(body) => body,
        Err(too_large) if too_large.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return (StatusCode::PAYLOAD_TOO_LARGE, "body too large");
        }
        Err(_) => return (StatusCode::BAD_REQUEST, "unreadable body"),
    };
    let signature = headers.get("x-cobinar-signature").and_then(|value| value.to_str().ok());
    if !verify_webhook(&body, signature, &receiver.secret) {
        return (StatusCode::UNAUTHORIZED, "invalid signature");
    }
    // Only now, after the signature matched.
    let Ok(delivery) = serde_json::from_slice::<Delivery>(&body) else {
        return (StatusCode::BAD_REQUEST, "not JSON");
    };
    if !is_fresh(&delivery.created_at) {
        return (StatusCode::UNAUTHORIZED, "stale delivery");
    }
    // Cobinar sends x-cobinar-event-id equal to the body's id. The body's id is signed, the
    // header is not: deduplicate on the body's, so a replay under a new header id is a duplicate.
    if headers.get("x-cobinar-event-id").is_some_and(|id| id.as_bytes() != delivery.id.as_bytes()) {
        return (StatusCode::UNAUTHORIZED, "event id mismatch");
    }
    let first_time = receiver.seen_event_ids.lock().expect("not poisoned").insert(delivery.id.clone());
    if !first_time {
        return (StatusCode::OK, "duplicate"); // already handled: acknowledge, do nothing
    }
    if delivery.event == "otp.verified" {
        let _request_id = &delivery.payload["requestId"]; // e.g. mark it as verified
    } // any other event, the reserved identity.* and application.* included: nothing to do yet
    (StatusCode::OK, "ok")
}

#[tokio::main]
async fn main() {
    let secret = std::env::var("COBINAR_WEBHOOK_SECRET").expect("set COBINAR_WEBHOOK_SECRET to your webhook secret");
    let receiver = Receiver { secret: Arc::new(secret), seen_event_ids: Arc::default() };
    let app = Router::new()
        .route("/webhooks/auth", post(cobinar_webhook))
        .layer(DefaultBodyLimit::max(2 * 1024 * 1024)) // the body's limit: 2 MiB
        .with_state(receiver);
    let port = std::env::var("PORT").unwrap_or_else(|_| "3000".into());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await.expect("port free");
    println!("listening on http://{}/webhooks/auth", listener.local_addr().expect("bound"));
    axum::serve(listener, app).await.expect("server");
}
