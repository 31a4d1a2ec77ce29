// Broken on purpose: looks for the hex digest anywhere in the header.
// expect-failure: rejects-prefixless-signature
const crypto = require('node:crypto');

function verifyWebhook(rawBody, signatureHeader, webhookSecret) {
  const digest = crypto.createHmac('sha256', webhookSecret).update(rawBody).digest('hex');
  return typeof signatureHeader === 'string' && signatureHeader.includes(digest);
}

module.exports = { verifyWebhook };
