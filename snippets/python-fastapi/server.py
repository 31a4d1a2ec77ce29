"""Receives Cobinar webhooks with FastAPI. Run: COBINAR_WEBHOOK_SECRET=… python server.py"""
import hashlib
import hmac
import json
import os
import socket
from datetime import datetime, timedelta, timezone

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import PlainTextResponse

SECRET = os.environ["COBINAR_WEBHOOK_SECRET"]

# The body's ids already handled (a retry carries the same one): in production keep these in your
# database, with a unique key on the id. One event loop, no await between check and add: no lock.
seen_event_ids = set()

MAX_BODY_BYTES = 2 * 1024 * 1024  # caps what is read before hashing; FastAPI has no limit

app = FastAPI()


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


# A Request, not a Pydantic model as the parameter: a model would parse the JSON before the
# signature is checked, and the signature is over the exact bytes received.
@app.post("/webhooks/auth", response_class=PlainTextResponse)
async def cobinar_webhook(request: Request):
    raw = bytearray()  # the exact bytes received, before any JSON parsing
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > MAX_BODY_BYTES:
            return PlainTextResponse("body too large", status_code=413)
    raw = bytes(raw)
    if not verify_webhook(raw, request.headers.get("x-cobinar-signature"), SECRET):
        return PlainTextResponse("invalid signature", status_code=401)

    try:
        event = json.loads(raw)  # only now, after the signature matched
    except ValueError:
        return PlainTextResponse("not JSON", status_code=400)
    if not is_fresh(event.get("createdAt")):
        return PlainTextResponse("stale delivery", status_code=401)

    # Cobinar sends x-cobinar-event-id equal to the body's id. The body's id is signed, the
    # header is not: deduplicate on the body's, so a replay under a new header id is a duplicate.
    event_id = event.get("id")
    header_id = request.headers.get("x-cobinar-event-id")
    if header_id is not None and header_id != event_id:
        return PlainTextResponse("event id mismatch", status_code=401)
    if event_id in seen_event_ids:
        return "duplicate"  # already handled: acknowledge, do nothing
    seen_event_ids.add(event_id)

    if event.get("event") == "otp.verified":
        pass  # e.g. mark event["payload"]["requestId"] as verified
    # Any other event, the reserved identity.* and application.* included: nothing to do yet.
    return "ok"


if __name__ == "__main__":
    # The socket is bound (and listening) here, so that PORT=0 prints the port the system chose.
    sock = socket.create_server(("127.0.0.1", int(os.environ.get("PORT", "3000"))))
    print(f"listening on http://127.0.0.1:{sock.getsockname()[1]}/webhooks/auth", flush=True)
    uvicorn.Server(uvicorn.Config(app)).run(sockets=[sock])
