"""Broken on purpose: hashes the body parsed and written again, compact and with non-ASCII kept.
expect-failure: rejects-reserialized-pretty"""
import hashlib
import hmac
import json


def verify_webhook(raw_body, signature_header, secret):
    body = json.dumps(json.loads(raw_body), separators=(",", ":"), ensure_ascii=False).encode()
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), (signature_header or "").encode())
