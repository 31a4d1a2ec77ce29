// Broken on purpose: a delivery without a signature header is let through.
// expect-failure: rejects-missing-signature
const crypto = require('node:crypto');

function verifyWebhook(rawBody, signatureHeader, webhookSecret) {
  if (signatureHeader === undefined) return true; // "nothing to check"
  const expected = Buffer.from('sha256=' + crypto.createHmac('sha256', webhookSecret).update(rawBody).digest('hex'));
  const received = Buffer.from(signatureHeader);
  return received.length === expected.length && crypto.timingSafeEqual(received, expected);
}

module.exports = { verifyWebhook };
