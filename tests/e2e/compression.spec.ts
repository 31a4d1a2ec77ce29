import { expect, test } from './fixtures';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { DIST, startApp } from './servers';

// The build's precompressed files (scripts/precompress.mjs) and how scripts/serve.mjs, the server
// of `make serve`, picks them: by Accept-Encoding, brotli first, with the right headers, and never
// a variant that does not decode to its file. Requests go through node:http, which neither asks
// for an encoding nor decodes one by itself.

/** What each kind of file must be sent as (the page's module fails to start under another wasm type). */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};
const VARIANT = /\.(br|gz)$/;
const decoders: Record<string, (bytes: Buffer) => Buffer> = { br: brotliDecompressSync, gzip: gunzipSync };

/** Every file under `dir`, by its path with `/`. */
const files = (dir: string) =>
  (readdirSync(dir, { recursive: true }) as string[])
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => name.split('\\').join('/'))
    .sort();

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}
function get(base: string, path: string, acceptEncoding?: string): Promise<Answer> {
  return new Promise((done, fail) => {
    const headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
    httpRequest(new URL(path, base), { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', fail);
    })
      .on('error', fail)
      .end();
  });
}

/** The body as the browser would read it: decoded by its Content-Encoding. */
function decoded(answer: Answer): Buffer {
  const coding = answer.headers['content-encoding'];
  if (coding === undefined) return answer.body;
  expect(Object.keys(decoders)).toContain(coding);
  return decoders[coding as string](answer.body);
}

/** The `/*` block of dist/_headers, which every answer must carry. */
const securityHeaders = (dir: string) =>
  readFileSync(join(dir, '_headers'), 'utf8')
    .split('\n')
    .map((line) => /^\s+([^:]+):\s*(.*\S)\s*$/.exec(line))
    .filter((found) => found !== null)
    .map((found) => [found[1].toLowerCase(), found[2]] as const);

test('the build writes a .br and a .gz beside the page\'s files, each decoding to its file', () => {
  const all = files(DIST);
  const variants = all.filter((name) => VARIANT.test(name));
  const page = all.filter((name) => /^(index\.html|sw\.js|offload-worker\.js|[^/]+\.(wasm|js|css))$/.test(name) && !VARIANT.test(name));
  expect(page.filter((name) => name.endsWith('.wasm'))).toHaveLength(1);
  for (const name of page) {
    expect(all, `${name}.br`).toContain(`${name}.br`);
    expect(all, `${name}.gz`).toContain(`${name}.gz`);
  }
  for (const name of variants) {
    const sibling = name.replace(VARIANT, '');
    expect(all, `${name} has its file`).toContain(sibling);
    const decode = name.endsWith('.br') ? brotliDecompressSync : gunzipSync;
    expect(decode(readFileSync(join(DIST, name))).equals(readFileSync(join(DIST, sibling))), `${name} decodes to ${sibling}`).toBe(true);
  }
  expect(all).not.toContain('_headers.br');
  expect(all).not.toContain('_headers.gz');
});

test('every file is sent as its own bytes, compressed by Accept-Encoding, with its headers', async ({ app }) => {
  const all = files(DIST);
  const security = securityHeaders(DIST);
  expect(security.length).toBeGreaterThan(3);
  const served = all.filter((name) => !VARIANT.test(name) && name !== '_headers');
  for (const name of served) {
    const raw = readFileSync(join(DIST, name));
    const has = { br: all.includes(`${name}.br`), gzip: all.includes(`${name}.gz`) };
    const asks: [string | undefined, string | undefined][] = [
      ['br', has.br ? 'br' : undefined],
      ['gzip', has.gzip ? 'gzip' : undefined],
      [undefined, undefined],
      // Chromium's header: brotli first.
      ['gzip, deflate, br, zstd', has.br ? 'br' : has.gzip ? 'gzip' : undefined],
      ['br;q=0, gzip', has.gzip ? 'gzip' : undefined],
    ];
    for (const [ask, expected] of asks) {
      const what = `${name} with Accept-Encoding: ${ask ?? '(none)'}`;
      const answer = await get(app.url, name === 'index.html' ? '/' : `/${name}`, ask);
      expect(answer.status, what).toBe(200);
      expect(answer.headers['content-encoding'], what).toBe(expected);
      expect(answer.headers['content-type'], what).toBe(TYPES[extname(name)]);
      expect(answer.headers['vary'], what).toMatch(/(^|,)\s*accept-encoding\s*(,|$)/i);
      expect(Number(answer.headers['content-length']), what).toBe(answer.body.length);
      expect(decoded(answer).equals(raw), `${what}: decodes to the file`).toBe(true);
      for (const [header, value] of security) expect(answer.headers[header], `${what}: ${header}`).toBe(value);
    }
  }
  // The wasm, the largest file, is smaller on the wire each way.
  const wasm = served.find((name) => name.endsWith('.wasm'))!;
  const sizes = await Promise.all(['br', 'gzip', undefined].map(async (ask) => (await get(app.url, `/${wasm}`, ask)).body.length));
  expect(sizes[0]).toBeLessThan(sizes[1]);
  expect(sizes[1]).toBeLessThan(sizes[2]);
});

test('a stale, damaged or missing variant is never sent', async () => {
  const temp = mkdtempSync(join(tmpdir(), 'webhook-echo-compression-'));
  const copy = join(temp, 'dist');
  cpSync(DIST, copy, { recursive: true });
  const app = await startApp({ root: copy });
  try {
    const ask = async (name: string, acceptEncoding: string) => {
      const answer = await get(app.url, `/${name}`, acceptEncoding);
      expect(answer.status).toBe(200);
      expect(decoded(answer).equals(readFileSync(join(copy, name))), `${name}: decodes to the file as it is now`).toBe(true);
      return answer.headers['content-encoding'];
    };
    // Served once compressed, so that what the server learnt about the variant is tested too.
    expect(await ask('offload-worker.js', 'br, gzip')).toBe('br');
    // Edited after the build: both variants are stale now.
    appendFileSync(join(copy, 'offload-worker.js'), '\n// edited after the build\n');
    expect(await ask('offload-worker.js', 'br, gzip')).toBeUndefined();
    // No .br: the .gz.
    rmSync(join(copy, 'sw.js.br'));
    expect(await ask('sw.js', 'br, gzip')).toBe('gzip');
    // A .gz that is not gzip at all: as it is.
    writeFileSync(join(copy, 'sw.js.gz'), 'not gzip');
    expect(await ask('sw.js', 'gzip')).toBeUndefined();
    // A client that turns brotli off, or asks for neither.
    expect(await ask('index.html', 'br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(await ask('index.html', 'identity')).toBeUndefined();
    expect(await ask('index.html', '*;q=0')).toBeUndefined();
  } finally {
    await app.close();
    rmSync(temp, { recursive: true, force: true });
  }
});
