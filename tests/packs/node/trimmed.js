// Broken on purpose: trims the body before hashing (a middleware or a helper that "cleans" it).
// expect-failure: rejects-trailing-newline
const crypto = require('node:crypto');

function verifyWebhook(rawBody, signatureHeader, webhookSecret) {
  const body = Buffer.from(rawBody.toString('utf8').trim(), 'utf8');
  const expected = 'sha256=' + crypto.createHmac('sha256', webhookSecret).update(body).digest('hex');
  return expected === signatureHeader;
}

module.exports = { verifyWebhook };
