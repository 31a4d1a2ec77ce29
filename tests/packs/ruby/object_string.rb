# Broken on purpose: hashes the parsed body turned back into a string by Ruby's own conversion
# (Hash#to_s, {"id"=>...}), not the bytes Cobinar signed.
# expect-failure: accepts-genuine-otp-created
require 'json'
require 'openssl'

def verify_webhook(raw_body, signature_header, secret)
  event = JSON.parse(raw_body)
  expected = "sha256=#{OpenSSL::HMAC.hexdigest('SHA256', secret, event.to_s)}"
  !signature_header.nil? && OpenSSL.secure_compare(expected, signature_header)
end
