"""Receives Cobinar webhooks with Flask. Run: COBINAR_WEBHOOK_SECRET=… python server.py"""
import hashlib
import hmac
import json
import os
import threading
from datetime import datetime, timedelta, timezone

from flask import Flask, request

SECRET = os.environ["COBINAR_WEBHOOK_SECRET"]

# The body's ids already handled (a retry carries the same one): in production keep these in your
# database, with a unique key on the id.
seen_event_ids = set()
seen_event_ids_lock = threading.Lock()  # requests run in threads: check and add under it

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 2 * 1024 * 1024  # caps what is read before hashing: 2 MiB


@app.errorhandler(413)  # a body over MAX_CONTENT_LENGTH
def body_too_large(_error):
    return "body too large", 413


def verify_webhook(raw_body: bytes, signature_header: "str | None", secret: str) -> bool:
    expected = "sha256=" + hmac.new(secret.encode(), raw_body, hashlib.sha256).hexdigest()
    # compare_digest runs in constant time and simply answers False on a length difference.
    return hmac.compare_digest(expected.encode(), (signature_header or "").encode())


def is_fresh(created_at) -> bool:
    """Neither x-cobinar-timestamp nor x-cobinar-event-id is signed, but the body's createdAt is:
    a delivery signed more than 5 minutes ago (or ahead) is a captured one replayed, or a bad clock."""
    try:
        # Python before 3.11 does not read the "Z" of "2026-07-03T14:22:10.000Z".
        signed_at = datetime.fromisoformat(str(created_at).replace("Z", "+00:00"))
        return abs(datetime.now(timezone.utc) - signed_at) <= timedelta(minutes=5)
    except (TypeError, ValueError):  # not ISO 8601, or without a time zone
        return False


@app.post("/webhooks/auth")
def cobinar_webhook():
    raw = request.get_data(cache=False)  # the exact bytes received, before any JSON parsing
    if not verify_webhook(raw, request.headers.get("x-cobinar-signature"), SECRET):
        return "invalid signature", 401

    try:
        event = json.loads(raw)  # only now, after the signature matched
    except ValueError:
        return "not JSON", 400
    if not is_fresh(event.get("createdAt")):
        return "stale delivery", 401

    # Cobinar sends x-cobinar-event-id equal to the body's id. The body's id is signed, the
    # header is not: deduplicate on the body's, so a replay under a new header id is a duplicate.
    event_id = event.get("id")
    header_id = request.headers.get("x-cobinar-event-id")
    if header_id is not None and header_id != event_id:
        return "event id mismatch", 401
    with seen_event_ids_lock:
        duplicate = event_id in seen_event_ids
        seen_event_ids.add(event_id)
    if duplicate:
        return "duplicate", 200  # already handled: acknowledge, do nothing

    if event.get("event") == "otp.verified":
        pass  # e.g. mark event["payload"]["requestId"] as verified
    # Any other event, the reserved identity.* and application.* included: nothing to do yet.
    return "ok", 200


if __name__ == "__main__":
    from werkzeug.serving import make_server

    # Flask's development server, as app.run starts it; port 0 lets the system choose.
    server = make_server("127.0.0.1", int(os.environ.get("PORT", "3000")), app, threaded=True)
    print(f"listening on http://127.0.0.1:{server.port}/webhooks/auth", flush=True)
    server.serve_forever()
