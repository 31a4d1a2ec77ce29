"""Receives Cobinar webhooks with Flask. Run: COBINAR_WEBHOOK_SECRET=… python server.py"""
import hashlib
import hmac
import json
import os

from flask import Flask, request

SECRET = os.environ["COBINAR_WEBHOOK_SECRET"]

# Delivery ids already handled. Retries carry the same x-cobinar-event-id: in production keep
# these in your database, with a unique key on the id.
seen_event_ids = set()

app = Flask(__name__)


def verify_webhook(raw_body: bytes, signature_header: "str | None", secret: str) -> bool:
    expected = "sha256=" + hmac.new(secret.encode(), raw_body, hashlib.sha256).hexdigest()
    # compare_digest runs in constant time and simply answers False on a length difference.
    return hmac.compare_digest(expected.encode(), (signature_header or "").encode())


@app.post("/webhooks/auth")
def cobinar_webhook():
    raw = request.get_data(cache=False)  # the exact bytes received, before any JSON parsing
    if not verify_webhook(raw, request.headers.get("x-cobinar-signature"), SECRET):
        return "invalid signature", 401

    event_id = request.headers.get("x-cobinar-event-id")
    if event_id in seen_event_ids:
        return "duplicate", 200  # already handled: acknowledge, do nothing
    seen_event_ids.add(event_id)

    event = json.loads(raw)  # only now, after the signature matched
    if event["event"] == "otp.verified":
        pass  # e.g. mark event["payload"]["requestId"] as verified
    return "ok", 200


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "3000")))
