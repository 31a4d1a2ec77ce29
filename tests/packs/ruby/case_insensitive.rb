# Broken on purpose: compares the header without regard to case, so an upper-case digest, which
# Cobinar never writes, passes.
# expect-failure: rejects-upper-case-hex
require 'openssl'

def verify_webhook(raw_body, signature_header, secret)
  expected = "sha256=#{OpenSSL::HMAC.hexdigest('SHA256', secret, raw_body)}"
  signature_header.to_s.casecmp?(expected)
end
