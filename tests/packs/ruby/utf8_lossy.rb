# Broken on purpose: reads the body as UTF-8 and scrubs what does not decode, then hashes that.
# expect-failure: accepts-bytes-not-utf8
require 'openssl'

def verify_webhook(raw_body, signature_header, secret)
  body = raw_body.dup.force_encoding(Encoding::UTF_8).scrub
  expected = "sha256=#{OpenSSL::HMAC.hexdigest('SHA256', secret, body)}"
  !signature_header.nil? && OpenSSL.secure_compare(expected, signature_header)
end
