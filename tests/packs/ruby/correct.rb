# A correct verify_webhook: the documented HMAC over the raw bytes, compared in constant time.
# The Ruby test pack must pass against it (tests/test_packs.rs).
require 'openssl'

def verify_webhook(raw_body, signature_header, secret)
  expected = "sha256=#{OpenSSL::HMAC.hexdigest('SHA256', secret, raw_body)}"
  received = signature_header.to_s
  received.bytesize == expected.bytesize && OpenSSL.fixed_length_secure_compare(received, expected)
end
