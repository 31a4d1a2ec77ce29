// Issue 17's first load: the bytes of every request that starts before the first verdict for a
// pasted delivery is on screen (cache disabled, service worker blocked), and the time to that
// verdict on a slow network, cold. Part `first-load` of bench/run.mjs.
//
// The files are served gzip-encoded (level 9, as scripts/sizes.sh counts) by a small server of
// its own: scripts/serve.mjs sends files as they are, and a throttled load of uncompressed files
// would time a transfer no static host makes. Brotli is computed from the same files with
// node:zlib at quality 11.
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};
/** The kinds of bytes issue 17 counts: what the page runs and styles itself with. */
const PART = /\.(wasm|js|css)$/;

export const FIRST_LOAD_BUDGET = 120 * 1024;
export const TOTAL_BUDGET = 292 * 1024;
/** DevTools' slow 4G as issue 17 states it: 1.6 Mbps down, 150 ms round trip (750 kbps up). */
export const SLOW_4G = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };

/** Every file of `dist` with its raw, gzip -9 and brotli 11 bytes. */
export function distFiles(dist) {
  const files = new Map();
  for (const name of readdirSync(dist)) {
    if (name.startsWith('_')) continue;
    const raw = readFileSync(join(dist, name));
    const gzip = gzipSync(raw, { level: 9 });
    const brotli = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
    files.set(`/${name}`, { name, raw, gzip, brotli: brotli.length });
  }
  return files;
}

/** Serves `files` gzip-encoded on a port the system picks. */
export async function serveGzip(files) {
  const server = createServer((request, response) => {
    const path = new URL(request.url, 'http://x').pathname;
    const file = files.get(path === '/' ? '/index.html' : path);
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(file.name)] ?? 'application/octet-stream',
      'content-encoding': 'gzip',
      'content-length': file.gzip.length,
      'cache-control': 'no-store',
    });
    response.end(file.gzip);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((done) => server.close(done)) };
}

/** The documentation's otp.verified delivery (padded to `size` bytes if given), signed with Node's own HMAC. */
export function delivery(size = 0) {
  const secret = 'whsec_bench_first_load';
  const spec =
    '{"id":"e3a9c1f0-5b7d-4e2a-9c61-2f8d0b7a4e13","event":"otp.verified","createdAt":"2026-07-03T14:22:10.000Z",' +
    '"payload":{"requestId":"a4b8c2d1-7e3f-4a90-b1c5-d2e6f8091a3b","phone":"+999 482 918 102","verifiedAt":"2026-07-03T14:22:10.000Z"}}';
  const body = size > spec.length ? `${spec.slice(0, -1)},"pad":"${'x'.repeat(size - spec.length - 9)}"}` : spec;
  const headers = [
    `x-cobinar-signature: sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
    'x-cobinar-event: otp.verified',
    'x-cobinar-event-id: e3a9c1f0-5b7d-4e2a-9c61-2f8d0b7a4e13',
    'x-cobinar-timestamp: 2026-07-03T14:22:10.000Z',
  ].join('\n');
  return { secret, body, headers };
}

/**
 * In the page, before any of its scripts: paste the delivery the moment the three inputs are
 * there (as a person who had it on the clipboard), and note when the verdict `valid` is on screen,
 * as the page's clock and as wall-clock time (to compare with the requests' start times).
 */
function pasteWhenReady({ secret, body, headers }) {
  let pasted = false;
  const field = (id) => document.querySelector(`[data-testid="${id}"]`);
  const paste = (id, value) => {
    const element = field(id);
    element.value = value;
    element.dispatchEvent(new Event('input', { bubbles: true }));
  };
  new MutationObserver((_, observer) => {
    if (!pasted && field('secret') && field('body') && field('headers') && field('verdict')) {
      pasted = true;
      window.__pastedAt = performance.now();
      paste('secret', secret);
      paste('body', body);
      paste('headers', headers);
    }
    if (pasted && field('verdict')?.dataset.verdict === 'valid') {
      window.__verdictAt = performance.now();
      window.__verdictWall = performance.timeOrigin + window.__verdictAt;
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-verdict'] });
}

/** One cold load in a fresh context, `pasted` pasted: the requests it made and when the verdict came. */
export async function coldLoad(browser, origin, throttle, pasted = delivery()) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttle) await cdp.send('Network.emulateNetworkConditions', throttle);
  const requests = [];
  // The context's, not the page's: a worker's fetches count too.
  context.on('request', (request) => requests.push(request));
  await page.addInitScript(pasteWhenReady, pasted);
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => window.__verdictWall !== undefined, null, { timeout: 120000 });
  const { verdictAt, verdictWall } = await page.evaluate(() => ({ verdictAt: window.__verdictAt, verdictWall: window.__verdictWall }));
  const seen = await Promise.all(
    requests.map(async (request) => {
      // Finished (or failed) before it is measured: a part still loading is counted whole.
      await request.response().catch(() => null);
      return {
        path: new URL(request.url()).pathname,
        start: request.timing().startTime,
        encoded: (await request.sizes().catch(() => ({ responseBodySize: 0 }))).responseBodySize,
      };
    }),
  );
  await context.close();
  return { verdictAt, before: seen.filter((r) => r.start <= verdictWall) };
}

/** Adds issue 17's rows: first-load bytes, total bytes, time to first verdict on slow 4G. */
export async function firstLoad({ browser, dist, row, ms, kb, runs = 5 }) {
  const files = distFiles(dist);
  const server = await serveGzip(files);
  try {
    // Which requests start before the verdict: the same for every load of one build.
    const { before } = await coldLoad(browser, server.origin, null);
    const parts = before.filter((r) => PART.test(r.path === '/' ? '/index.html' : r.path));
    const first = { raw: 0, gzip: 0, brotli: 0, encoded: 0 };
    for (const r of parts) {
      const file = files.get(r.path);
      first.raw += file.raw.length;
      first.gzip += file.gzip.length;
      first.brotli += file.brotli;
      first.encoded += r.encoded;
      row('First load', `before the verdict: ${file.name.replace(/-[0-9a-f]{16}/, '')}`, `${kb(file.gzip.length)} gzip`, '', `${kb(file.brotli)} brotli, ${kb(file.raw.length)} raw`);
    }
    // The page itself (and anything else that is not wasm, JS or CSS) is named, not counted.
    const others = before
      .filter((r) => !parts.includes(r))
      .map((r) => {
        const file = files.get(r.path === '/' ? '/index.html' : r.path);
        return file ? `${r.path} ${kb(file.gzip.length)} gzip` : r.path;
      })
      .join(', ');
    row(
      'First load',
      'wasm + JS + CSS before the first verdict',
      `${kb(first.gzip)} gzip`,
      '≤ 120 KB gzip',
      `${first.gzip <= FIRST_LOAD_BUDGET ? 'met' : 'MISSED'}; ${kb(first.brotli)} brotli; ${parts.length} requests (${kb(first.encoded)} on the wire)${others ? `; not counted: ${others}` : ''}`,
    );
    const all = [...files.values()].filter((f) => PART.test(f.name));
    const total = all.reduce((t, f) => ({ gzip: t.gzip + f.gzip.length, brotli: t.brotli + f.brotli }), { gzip: 0, brotli: 0 });
    const later = all.filter((f) => !parts.some((r) => files.get(r.path) === f)).map((f) => f.name);
    row(
      'First load',
      'all parts: wasm + JS + CSS',
      `${kb(total.gzip)} gzip`,
      '≤ 292 KB gzip',
      `${total.gzip <= TOTAL_BUDGET ? 'met' : 'MISSED'}; ${kb(total.brotli)} brotli; ${all.length} files${later.length ? `, not in the first load: ${later.join(', ')}` : ''}`,
    );
    // Slow 4G, cold: from navigation start to the verdict `valid` on screen.
    const times = [];
    for (let i = 0; i < runs; i++) times.push((await coldLoad(browser, server.origin, SLOW_4G)).verdictAt);
    times.sort((a, b) => a - b);
    row(
      'First load',
      'time to first verdict, slow 4G, cold',
      ms(times[Math.floor(times.length / 2)]),
      '',
      `1.6 Mbps down, 150 ms RTT, gzip; median of ${runs}, ${ms(times[0])} to ${ms(times[times.length - 1])}`,
    );
  } finally {
    await server.close();
  }
}
