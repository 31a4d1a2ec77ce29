// Broken on purpose: decodes the body as UTF-8 text (invalid bytes become U+FFFD), then hashes
// that text: what req.setEncoding('utf8') or body-parser's text() hand a handler.
// expect-failure: accepts-bytes-not-utf8
const crypto = require('node:crypto');

function verifyWebhook(rawBody, signatureHeader, webhookSecret) {
  const text = rawBody.toString('utf8');
  const expected = 'sha256=' + crypto.createHmac('sha256', webhookSecret).update(text).digest('hex');
  return expected === signatureHeader;
}

module.exports = { verifyWebhook };
