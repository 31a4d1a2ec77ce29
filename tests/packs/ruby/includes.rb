# Broken on purpose: looks for the hex digest anywhere in the header.
# expect-failure: rejects-prefixless-signature
require 'openssl'

def verify_webhook(raw_body, signature_header, secret)
  signature_header.to_s.include?(OpenSSL::HMAC.hexdigest('SHA256', secret, raw_body))
end
