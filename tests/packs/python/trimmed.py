"""Broken on purpose: strips the body before hashing.
expect-failure: rejects-trailing-newline"""
import hashlib
import hmac


def verify_webhook(raw_body, signature_header, secret):
    expected = "sha256=" + hmac.new(secret.encode(), raw_body.strip(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), (signature_header or "").encode())
