"""Broken on purpose: compares only the first 32 characters of the digest.
expect-failure: rejects-same-first-characters"""
import hashlib
import hmac


def verify_webhook(raw_body, signature_header, secret):
    expected = "sha256=" + hmac.new(secret.encode(), raw_body, hashlib.sha256).hexdigest()
    return signature_header is not None and signature_header[:39] == expected[:39]
