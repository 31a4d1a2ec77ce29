# Broken on purpose: accepts a header that the expected value starts with.
# expect-failure: rejects-truncated-signature
require 'openssl'

def verify_webhook(raw_body, signature_header, secret)
  expected = "sha256=#{OpenSSL::HMAC.hexdigest('SHA256', secret, raw_body)}"
  !signature_header.nil? && expected.start_with?(signature_header)
end
