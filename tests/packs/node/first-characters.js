// Broken on purpose: compares only the first 32 characters of the digest.
// expect-failure: rejects-same-first-characters
const crypto = require('node:crypto');

function verifyWebhook(rawBody, signatureHeader, webhookSecret) {
  const expected = 'sha256=' + crypto.createHmac('sha256', webhookSecret).update(rawBody).digest('hex');
  return typeof signatureHeader === 'string' && signatureHeader.slice(0, 39) === expected.slice(0, 39);
}

module.exports = { verifyWebhook };
