// Receives Cobinar webhooks with a Next.js route handler (App Router): app/webhooks/auth/route.ts.
// Run: npm run build, then COBINAR_WEBHOOK_SECRET=… npm start
import crypto from 'node:crypto';

// node:crypto needs the Node.js runtime, not the Edge one; and every delivery must run the handler.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const secret = process.env.COBINAR_WEBHOOK_SECRET;

// Compares in constant time. timingSafeEqual throws when the lengths differ, so check first:
// a header of the wrong length is simply not a match. (A route file may export only its handlers
// and settings: to import verifyWebhook in a test, move it to a module of its own.)
function verifyWebhook(rawBody: Buffer, signatureHeader: string | null, webhookSecret: string): boolean {
  const expected = Buffer.from(
    'sha256=' + crypto.createHmac('sha256', webhookSecret).update(rawBody).digest('hex'),
  );
  const received = Buffer.from(typeof signatureHeader === 'string' ? signatureHeader : '');
  return received.length === expected.length && crypto.timingSafeEqual(received, expected);
}

// Neither x-cobinar-timestamp nor x-cobinar-event-id is signed, but the body's createdAt is: a
// delivery signed more than 5 minutes ago (or ahead) is a captured one replayed, or a bad clock.
const FIVE_MINUTES_MS = 5 * 60 * 1000;
function isFresh(createdAt: unknown): boolean {
  const signedAt = typeof createdAt === 'string' ? Date.parse(createdAt) : NaN;
  return Math.abs(Date.now() - signedAt) <= FIVE_MINUTES_MS; // false for NaN: unparsable
}

// The body's ids already handled (a retry carries the same one): in production keep these in your
// database, with a unique key on the id (a serverless host keeps no memory).
const seenEventIds = new Set<string>();

// The exact bytes received, or null when over 2 MiB: a route handler has no body limit of its own.
// Read chunk by chunk, not with arrayBuffer(), which takes in a body of any size before it can be
// measured; and not with text() or json(): text() decodes UTF-8 and replaces invalid bytes, so what
// it gives back is not always the exact bytes received, which the signature is over.
const MAX_BODY_BYTES = 2 * 1024 * 1024;
async function readBody(request: Request): Promise<Buffer | null> {
  if (Number(request.headers.get('content-length')) > MAX_BODY_BYTES) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export async function POST(request: Request) {
  if (!secret) throw new Error("Set COBINAR_WEBHOOK_SECRET to your application's webhook secret");
  const raw = await readBody(request);
  if (!raw) {
    return new Response('body too large', { status: 413 });
  }
  if (!verifyWebhook(raw, request.headers.get('x-cobinar-signature'), secret)) {
    return new Response('invalid signature', { status: 401 });
  }
  let event;
  try {
    event = JSON.parse(raw.toString('utf8')); // only now, after the signature matched
  } catch {
    return new Response('not JSON', { status: 400 });
  }
  if (!isFresh(event?.createdAt)) {
    return new Response('stale delivery', { status: 401 });
  }
  // Cobinar sends x-cobinar-event-id equal to the body's id. The body's id is signed, the
  // header is not: deduplicate on the body's, so a replay under a new header id is a duplicate.
  const headerId = request.headers.get('x-cobinar-event-id');
  if (headerId !== null && headerId !== event.id) {
    return new Response('event id mismatch', { status: 401 });
  }
  if (seenEventIds.has(event.id)) {
    return new Response('duplicate', { status: 200 }); // already handled: acknowledge, do nothing
  }
  seenEventIds.add(event.id);

  switch (event.event) {
    case 'otp.verified':
      // e.g. mark event.payload.requestId as verified
      break;
    default:
      break; // the other events, and the reserved identity.* and application.*: nothing yet
  }
  return new Response('ok', { status: 200 });
}
