# Cobinar's signature check, in a file of its own so that tests can require it.
require 'openssl'

# Whether signature_header is Cobinar's signature of raw_body under secret, compared in constant
# time. fixed_length_secure_compare raises on a length difference, so check first: a header of
# the wrong length (or none) is simply not a match.
def verify_webhook(raw_body, signature_header, secret)
  expected = "sha256=#{OpenSSL::HMAC.hexdigest('SHA256', secret, raw_body)}"
  received = signature_header.to_s
  received.bytesize == expected.bytesize && OpenSSL.fixed_length_secure_compare(received, expected)
end
