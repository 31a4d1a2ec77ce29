"""Broken on purpose: decodes the body as latin-1 and hashes that text encoded as UTF-8.
expect-failure: accepts-utf8-non-ascii"""
import hashlib
import hmac


def verify_webhook(raw_body, signature_header, secret):
    body = raw_body.decode("latin-1").encode("utf-8")
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), (signature_header or "").encode())
