# Broken on purpose: strips the body before hashing.
# expect-failure: rejects-trailing-newline
require 'openssl'

def verify_webhook(raw_body, signature_header, secret)
  expected = "sha256=#{OpenSSL::HMAC.hexdigest('SHA256', secret, raw_body.strip)}"
  !signature_header.nil? && OpenSSL.secure_compare(expected, signature_header)
end
