//! Receives Cobinar webhooks with axum. Run: COBINAR_WEBHOOK_SECRET=… cargo run
use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use axum::{body::Bytes, extract::State, http::HeaderMap, http::StatusCode, routing::post, Router};
use hmac::{Hmac, Mac};
use sha2::Sha256;

#[derive(serde::Deserialize)]
struct Delivery {
    event: String,
    payload: serde_json::Value,
}

#[derive(Clone)]
struct Receiver {
    secret: Arc<String>,
    // Delivery ids already handled. Retries carry the same x-cobinar-event-id: in production
    // keep these in your database, with a unique key on the id.
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

// `Bytes`, not `Json`: the signature is over the exact bytes received.
async fn cobinar_webhook(State(receiver): State<Receiver>, headers: HeaderMap, body: Bytes) -> (StatusCode, &'static str) {
    let header = |name: &str| headers.get(name).and_then(|value| value.to_str().ok()).unwrap_or_default();
    let signature = headers.get("x-cobinar-signature").and_then(|value| value.to_str().ok());
    if !verify_webhook(&body, signature, &receiver.secret) {
        return (StatusCode::UNAUTHORIZED, "invalid signature");
    }
    let first_time = receiver.seen_event_ids.lock().expect("not poisoned").insert(header("x-cobinar-event-id").to_string());
    if !first_time {
        return (StatusCode::OK, "duplicate"); // already handled: acknowledge, do nothing
    }
    // Only now, after the signature matched.
    let Ok(delivery) = serde_json::from_slice::<Delivery>(&body) else {
        return (StatusCode::BAD_REQUEST, "not JSON");
    };
    if delivery.event == "otp.verified" {
        let _request_id = &delivery.payload["requestId"]; // e.g. mark it as verified
    }
    (StatusCode::OK, "ok")
}

#[tokio::main]
async fn main() {
    let secret = std::env::var("COBINAR_WEBHOOK_SECRET").expect("set COBINAR_WEBHOOK_SECRET to your webhook secret");
    let receiver = Receiver { secret: Arc::new(secret), seen_event_ids: Arc::default() };
    let app = Router::new().route("/webhooks/auth", post(cobinar_webhook)).with_state(receiver);
    let port = std::env::var("PORT").unwrap_or_else(|_| "3000".into());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await.expect("port free");
    println!("listening on http://{}/webhooks/auth", listener.local_addr().expect("bound"));
    axum::serve(listener, app).await.expect("server");
}
