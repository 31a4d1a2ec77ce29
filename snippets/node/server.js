// Receives Cobinar webhooks with Express. Run: COBINAR_WEBHOOK_SECRET=… node server.js
const crypto = require('node:crypto');
const express = require('express');

const secret = process.env.COBINAR_WEBHOOK_SECRET;
if (!secret) throw new Error('Set COBINAR_WEBHOOK_SECRET to your application\'s webhook secret');

// Compares in constant time. timingSafeEqual throws when the lengths differ, so check first:
// a header of the wrong length is simply not a match.
function verifyWebhook(rawBody, signatureHeader, webhookSecret) {
  const expected = Buffer.from(
    'sha256=' + crypto.createHmac('sha256', webhookSecret).update(rawBody).digest('hex'),
  );
  const received = Buffer.from(typeof signatureHeader === 'string' ? signatureHeader : '');
  return received.length === expected.length && crypto.timingSafeEqual(received, expected);
}

// Neither x-cobinar-timestamp nor x-cobinar-event-id is signed, but the body's createdAt is: a
// delivery signed more than 5 minutes ago (or ahead) is a captured one replayed, or a bad clock.
const FIVE_MINUTES_MS = 5 * 60 * 1000;
function isFresh(createdAt) {
  const signedAt = typeof createdAt === 'string' ? Date.parse(createdAt) : NaN;
  return Math.abs(Date.now() - signedAt) <= FIVE_MINUTES_MS; // false for NaN: unparsable
}

// The body's ids already handled (a retry carries the same one): in production keep these in your
// database, with a unique key on the id.
const seenEventIds = new Set();

const app = express();

// express.raw, not express.json: the signature is over the exact bytes received. Its limit caps
// what is read before hashing: '2mb' is 2 * 1024 * 1024 bytes (the default is 100kb).
app.post('/webhooks/auth', express.raw({ type: 'application/json', limit: '2mb' }), (req, res) => {
  if (!Buffer.isBuffer(req.body) || !verifyWebhook(req.body, req.get('x-cobinar-signature'), secret)) {
    return res.status(401).send('invalid signature');
  }
  let event;
  try {
    event = JSON.parse(req.body); // only now, after the signature matched
  } catch {
    return res.status(400).send('not JSON');
  }
  if (!isFresh(event?.createdAt)) {
    return res.status(401).send('stale delivery');
  }
  // Cobinar sends x-cobinar-event-id equal to the body's id. The body's id is signed, the
  // header is not: deduplicate on the body's, so a replay under a new header id is a duplicate.
  const headerId = req.get('x-cobinar-event-id');
  if (headerId !== undefined && headerId !== event.id) {
    return res.status(401).send('event id mismatch');
  }
  if (seenEventIds.has(event.id)) {
    return res.status(200).send('duplicate'); // already handled: acknowledge, do nothing
  }
  seenEventIds.add(event.id);

  switch (event.event) {
    case 'otp.verified':
      // e.g. mark event.payload.requestId as verified
      break;
    default:
      break; // the other events, and the reserved identity.* and application.*: nothing yet
  }
  res.status(200).send('ok');
});

// A body over the limit: express.raw's error (413), answered in the words of the others.
app.use((err, req, res, next) =>
  err.type === 'entity.too.large' ? res.status(413).send('body too large') : next(err),
);

// Exported for tests (the page's test pack imports verifyWebhook); listens only when run itself.
module.exports = { verifyWebhook, app };

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3000);
  const server = app.listen(port, '127.0.0.1', () =>
    console.log(`listening on http://127.0.0.1:${server.address().port}/webhooks/auth`),
  );
}
