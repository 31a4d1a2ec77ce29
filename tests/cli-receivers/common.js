// Shared by the deliberately broken receivers `tests/cli.rs` runs `webhook-echo check` against:
// node:http only. Each receiver is right in every way but the one its file names, so that the
// check must name exactly that case.
const crypto = require('node:crypto');
const http = require('node:http');

const secret = process.env.COBINAR_WEBHOOK_SECRET;
if (!secret) throw new Error('Set COBINAR_WEBHOOK_SECRET');

function signatureOf(bytes) {
  return 'sha256=' + crypto.createHmac('sha256', secret).update(bytes).digest('hex');
}

// The right check: the raw bytes, the whole header, in constant time.
function verifies(rawBody, header) {
  const expected = Buffer.from(signatureOf(rawBody));
  const received = Buffer.from(typeof header === 'string' ? header : '');
  return received.length === expected.length && crypto.timingSafeEqual(received, expected);
}

// Calls handle({ body, headers, seen }) for each POST; it returns [status, text] or a promise
// of them. `seen` says whether the event id was handled before (and records it).
function serve(handle) {
  const handled = new Set();
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const id = req.headers['x-cobinar-event-id'];
      const seen = () => {
        if (handled.has(id)) return true;
        handled.add(id);
        return false;
      };
      const [status, text] = await handle({ body, headers: req.headers, seen });
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(text);
    });
  });
  server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () =>
    console.log(`listening on http://127.0.0.1:${server.address().port}/webhooks/auth`),
  );
}

// A correct receiver's answer, for the receivers whose flaw is elsewhere.
function correct({ body, headers, seen }) {
  if (!verifies(body, headers['x-cobinar-signature'])) return [401, 'invalid signature'];
  if (seen()) return [200, 'duplicate'];
  return [200, 'ok'];
}

module.exports = { serve, verifies, signatureOf, correct };
