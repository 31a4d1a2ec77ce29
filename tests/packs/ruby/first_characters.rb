# Broken on purpose: compares only the first 32 characters of the digest.
# expect-failure: rejects-same-first-characters
require 'openssl'

def verify_webhook(raw_body, signature_header, secret)
  expected = "sha256=#{OpenSSL::HMAC.hexdigest('SHA256', secret, raw_body)}"
  !signature_header.nil? && signature_header[0, 39] == expected[0, 39]
end
