"""A correct verify_webhook: the documented HMAC over the raw bytes, compared in constant time.
The Python test pack must pass against it (tests/test_packs.rs)."""
import hashlib
import hmac


def verify_webhook(raw_body, signature_header, secret):
    expected = "sha256=" + hmac.new(secret.encode(), raw_body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), (signature_header or "").encode())
