# Broken on purpose: a delivery without a signature header (nil or empty) is let through.
# expect-failure: rejects-missing-signature
require 'openssl'

def verify_webhook(raw_body, signature_header, secret)
  return true if signature_header.nil? || signature_header.empty? # "nothing to check"

  expected = "sha256=#{OpenSSL::HMAC.hexdigest('SHA256', secret, raw_body)}"
  OpenSSL.secure_compare(expected, signature_header)
end
