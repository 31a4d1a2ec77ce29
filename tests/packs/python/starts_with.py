"""Broken on purpose: accepts a header that the expected value starts with.
expect-failure: rejects-truncated-signature"""
import hashlib
import hmac


def verify_webhook(raw_body, signature_header, secret):
    expected = "sha256=" + hmac.new(secret.encode(), raw_body, hashlib.sha256).hexdigest()
    return signature_header is not None and expected.startswith(signature_header)
