# Broken on purpose: strips the secret inside the verify function, so a secret with a newline
# verifies as if it had none.
# expect-failure: rejects-secret-trailing-newline
require 'openssl'

def verify_webhook(raw_body, signature_header, secret)
  expected = "sha256=#{OpenSSL::HMAC.hexdigest('SHA256', secret.strip, raw_body)}"
  !signature_header.nil? && OpenSSL.secure_compare(expected, signature_header)
end
