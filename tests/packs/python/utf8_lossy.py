"""Broken on purpose: decodes the body as UTF-8, replacing what does not decode, then hashes that.
expect-failure: accepts-bytes-not-utf8"""
import hashlib
import hmac


def verify_webhook(raw_body, signature_header, secret):
    body = raw_body.decode("utf-8", errors="replace").encode("utf-8")
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), (signature_header or "").encode())
