"""Broken on purpose: a delivery without a signature header is let through.
expect-failure: rejects-missing-signature"""
import hashlib
import hmac


def verify_webhook(raw_body, signature_header, secret):
    if signature_header is None:
        return True  # "nothing to check"
    expected = "sha256=" + hmac.new(secret.encode(), raw_body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), signature_header.encode())
