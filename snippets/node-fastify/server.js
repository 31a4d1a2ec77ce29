// Receives Cobinar webhooks with Fastify. Run: COBINAR_WEBHOOK_SECRET=… node server.js
const crypto = require('node:crypto');
const Fastify = require('fastify');

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

const app = Fastify();

// In a plugin of its own, so that only this route gets raw bodies; the rest of the app keeps
// Fastify's JSON parser.
app.register(async (webhooks) => {
  // parseAs 'buffer' and the Buffer passed on untouched: the signature is over the exact bytes
  // received, so JSON.parse waits until it matched. bodyLimit caps what is read before hashing.
  webhooks.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: 2 * 1024 * 1024 },
    (request, body, done) => done(null, body),
  );
  // A body over bodyLimit: Fastify's error (413), answered in the words of the others.
  webhooks.setErrorHandler((error, request, reply) =>
    error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? reply.code(413).send('body too large') : reply.send(error),
  );

  webhooks.post('/webhooks/auth', async (request, reply) => {
    if (!Buffer.isBuffer(request.body) || !verifyWebhook(request.body, request.headers['x-cobinar-signature'], secret)) {
      return reply.code(401).send('invalid signature');
    }
    let event;
    try {
      event = JSON.parse(request.body); // only now, after the signature matched
    } catch {
      return reply.code(400).send('not JSON');
    }
    if (!isFresh(event?.createdAt)) {
      return reply.code(401).send('stale delivery');
    }
    // Cobinar sends x-cobinar-event-id equal to the body's id. The body's id is signed, the
    // header is not: deduplicate on the body's, so a replay under a new header id is a duplicate.
    const headerId = request.headers['x-cobinar-event-id'];
    if (headerId !== undefined && headerId !== event.id) {
      return reply.code(401).send('event id mismatch');
    }
    if (seenEventIds.has(event.id)) {
      return reply.code(200).send('duplicate'); // already handled: acknowledge, do nothing
    }
    seenEventIds.add(event.id);

    switch (event.event) {
      case 'otp.verified':
        // e.g. mark event.payload.requestId as verified
        break;
      default:
        break; // the other events, and the reserved identity.* and application.*: nothing yet
    }
    return reply.code(200).send('ok');
  });
});

// Exported for tests (the page's test pack imports verifyWebhook); listens only when run itself.
module.exports = { verifyWebhook, app };

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3000);
  app.listen({ port, host: '127.0.0.1' }).then(() =>
    console.log(`listening on http://127.0.0.1:${app.server.address().port}/webhooks/auth`),
  );
}
