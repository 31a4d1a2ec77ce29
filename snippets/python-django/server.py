"""Receives Cobinar webhooks with Django, in one file. Run: COBINAR_WEBHOOK_SECRET=… python server.py

In a Django project of your own, the view and its URL are what to copy."""
import hashlib
import hmac
import json
import os
import threading
from datetime import datetime, timedelta, timezone

from django.conf import settings

SECRET = os.environ["COBINAR_WEBHOOK_SECRET"]

settings.configure(
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    # As in a project: CSRF protection on, which the webhook view opts out of (csrf_exempt).
    MIDDLEWARE=["django.middleware.csrf.CsrfViewMiddleware"],
    DATA_UPLOAD_MAX_MEMORY_SIZE=2 * 1024 * 1024,  # request.body's limit: 2 MiB
)

from django.core.exceptions import RequestDataTooBig  # noqa: E402
from django.http import HttpResponse  # noqa: E402 (after settings.configure)
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402
from django.views.decorators.http import require_POST  # noqa: E402

# The body's ids already handled (a retry carries the same one): in production keep these in your
# database, with a unique key on the id.
seen_event_ids = set()
seen_event_ids_lock = threading.Lock()  # requests run in threads: check and add under it


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


def text(body: str, status: int = 200) -> HttpResponse:
    return HttpResponse(body, status=status, content_type="text/plain")


@csrf_exempt  # Cobinar's POST carries no CSRF token: its signature is what proves where it came from
@require_POST
def cobinar_webhook(request):
    try:
        raw = request.body  # the exact bytes received, before any JSON parsing
    except RequestDataTooBig:  # over DATA_UPLOAD_MAX_MEMORY_SIZE: Django would answer 400
        return text("body too large", 413)
    if not verify_webhook(raw, request.headers.get("x-cobinar-signature"), SECRET):
        return text("invalid signature", 401)

    try:
        event = json.loads(raw)  # only now, after the signature matched
    except ValueError:
        return text("not JSON", 400)
    if not is_fresh(event.get("createdAt")):
        return text("stale delivery", 401)

    # Cobinar sends x-cobinar-event-id equal to the body's id. The body's id is signed, the
    # header is not: deduplicate on the body's, so a replay under a new header id is a duplicate.
    event_id = event.get("id")
    header_id = request.headers.get("x-cobinar-event-id")
    if header_id is not None and header_id != event_id:
        return text("event id mismatch", 401)
    with seen_event_ids_lock:
        duplicate = event_id in seen_event_ids
        seen_event_ids.add(event_id)
    if duplicate:
        return text("duplicate")  # already handled: acknowledge, do nothing

    if event.get("event") == "otp.verified":
        pass  # e.g. mark event["payload"]["requestId"] as verified
    # Any other event, the reserved identity.* and application.* included: nothing to do yet.
    return text("ok")


urlpatterns = [path("webhooks/auth", cobinar_webhook)]

if __name__ == "__main__":
    from django.core.wsgi import get_wsgi_application
    from waitress import create_server

    # waitress, a pure-Python WSGI server that can bind port 0; in production run the WSGI
    # application under gunicorn or uWSGI, as for the rest of your project.
    server = create_server(get_wsgi_application(), host="127.0.0.1", port=int(os.environ.get("PORT", "3000")))
    print(f"listening on http://127.0.0.1:{server.effective_port}/webhooks/auth", flush=True)
    server.run()
