# Broken on purpose: hashes the body parsed and generated again (compact, non-ASCII kept).
# expect-failure: rejects-reserialized-pretty
require 'json'
require 'openssl'

def verify_webhook(raw_body, signature_header, secret)
  body = JSON.generate(JSON.parse(raw_body))
  expected = "sha256=#{OpenSSL::HMAC.hexdigest('SHA256', secret, body)}"
  !signature_header.nil? && OpenSSL.secure_compare(expected, signature_header)
end
