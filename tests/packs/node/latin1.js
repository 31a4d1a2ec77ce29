// Broken on purpose: decodes the body as latin-1 text, then hashes that text (as UTF-8).
// expect-failure: accepts-utf8-non-ascii
const crypto = require('node:crypto');

function verifyWebhook(rawBody, signatureHeader, webhookSecret) {
  const text = rawBody.toString('latin1');
  const expected = 'sha256=' + crypto.createHmac('sha256', webhookSecret).update(text).digest('hex');
  return expected === signatureHeader;
}

module.exports = { verifyWebhook };
