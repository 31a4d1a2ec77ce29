"""Broken on purpose: looks for the hex digest anywhere in the header.
expect-failure: rejects-prefixless-signature"""
import hashlib
import hmac


def verify_webhook(raw_body, signature_header, secret):
    digest = hmac.new(secret.encode(), raw_body, hashlib.sha256).hexdigest()
    return signature_header is not None and digest in signature_header
