"""Broken on purpose: a hand-written comparison whose loop runs over the received length only,
so it returns True early for an empty (or shorter) header.
expect-failure: rejects-empty-signature"""
import hashlib
import hmac


def verify_webhook(raw_body, signature_header, secret):
    expected = "sha256=" + hmac.new(secret.encode(), raw_body, hashlib.sha256).hexdigest()
    received = signature_header if signature_header is not None else "missing"
    difference = 0
    for a, b in zip(received, expected):
        difference |= ord(a) ^ ord(b)
    return difference == 0
