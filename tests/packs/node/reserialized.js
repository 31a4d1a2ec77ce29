// Broken on purpose: hashes the body parsed and written again (JSON.stringify(JSON.parse(body))).
// expect-failure: rejects-reserialized-pretty
const crypto = require('node:crypto');

function verifyWebhook(rawBody, signatureHeader, webhookSecret) {
  const body = JSON.stringify(JSON.parse(rawBody.toString('utf8')));
  const expected = 'sha256=' + crypto.createHmac('sha256', webhookSecret).update(body).digest('hex');
  return expected === signatureHeader;
}

module.exports = { verifyWebhook };
