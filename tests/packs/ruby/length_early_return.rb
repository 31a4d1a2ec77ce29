# Broken on purpose: a hand-written comparison whose loop runs over the received length only,
# so it returns true early for an empty (or shorter) header.
# expect-failure: rejects-empty-signature
require 'openssl'

def verify_webhook(raw_body, signature_header, secret)
  expected = "sha256=#{OpenSSL::HMAC.hexdigest('SHA256', secret, raw_body)}"
  received = signature_header || 'missing'
  difference = 0
  received.bytes.zip(expected.bytes).each { |a, b| difference |= a ^ b.to_i }
  difference.zero?
end
