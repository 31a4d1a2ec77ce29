// A correct verifyWebhook: the documented HMAC over the raw bytes, compared in constant time.
// The Node test pack must pass against it (tests/test_packs.rs).
const crypto = require('node:crypto');

function verifyWebhook(rawBody, signatureHeader, webhookSecret) {
  const expected = Buffer.from('sha256=' + crypto.createHmac('sha256', webhookSecret).update(rawBody).digest('hex'));
  const received = Buffer.from(typeof signatureHeader === 'string' ? signatureHeader : '');
  return received.length === expected.length && crypto.timingSafeEqual(received, expected);
}

module.exports = { verifyWebhook };
