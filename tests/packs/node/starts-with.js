// Broken on purpose: accepts a header that the expected value starts with.
// expect-failure: rejects-truncated-signature
const crypto = require('node:crypto');

function verifyWebhook(rawBody, signatureHeader, webhookSecret) {
  const expected = 'sha256=' + crypto.createHmac('sha256', webhookSecret).update(rawBody).digest('hex');
  return typeof signatureHeader === 'string' && expected.startsWith(signatureHeader);
}

module.exports = { verifyWebhook };
