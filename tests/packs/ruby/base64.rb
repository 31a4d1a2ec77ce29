# Broken on purpose: "to be lenient", accepts the digest in base64 as well as in hex.
# expect-failure: rejects-base64-signature
require 'base64'
require 'openssl'

def verify_webhook(raw_body, signature_header, secret)
  mac = OpenSSL::HMAC.digest('SHA256', secret, raw_body)
  ["sha256=#{mac.unpack1('H*')}", "sha256=#{Base64.strict_encode64(mac)}"].any? do |expected|
    !signature_header.nil? && OpenSSL.secure_compare(expected, signature_header)
  end
end
