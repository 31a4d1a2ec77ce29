// Broken on purpose: a hand-written "constant-time" comparison whose loop runs over the received
// length only, so it returns true early for an empty (or shorter) header.
// expect-failure: rejects-empty-signature
const crypto = require('node:crypto');

function verifyWebhook(rawBody, signatureHeader, webhookSecret) {
  const expected = 'sha256=' + crypto.createHmac('sha256', webhookSecret).update(rawBody).digest('hex');
  const received = typeof signatureHeader === 'string' ? signatureHeader : 'missing';
  let difference = 0;
  for (let i = 0; i < received.length; i++) {
    difference |= received.charCodeAt(i) ^ expected.charCodeAt(i);
  }
  return difference === 0;
}

module.exports = { verifyWebhook };
