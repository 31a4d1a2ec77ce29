# Broken on purpose: reads the body as latin-1 and hashes that text encoded as UTF-8.
# expect-failure: accepts-utf8-non-ascii
require 'openssl'

def verify_webhook(raw_body, signature_header, secret)
  body = raw_body.dup.force_encoding(Encoding::ISO_8859_1).encode(Encoding::UTF_8)
  expected = "sha256=#{OpenSSL::HMAC.hexdigest('SHA256', secret, body)}"
  !signature_header.nil? && OpenSSL.secure_compare(expected, signature_header)
end
