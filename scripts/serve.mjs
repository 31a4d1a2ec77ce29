// Serves a built dist/ folder on loopback, as a static host would: `make serve`, the end-to-end
// tests, the benchmark and the screenshots all use it. Every response carries the headers of the
// `/*` block of <dir>/_headers (the file Netlify and Cloudflare Pages read, written by
// scripts/post-build.mjs), plus no-store and the content type. `--bare` leaves them out, as a
// host that ignores _headers would. A file with a .br or .gz beside it (scripts/precompress.mjs) is
// sent compressed when the request's Accept-Encoding allows (brotli first), as nginx's
// gzip_static does; a variant that does not decode to its file's bytes is never sent.
//
// Usage: node scripts/serve.mjs <dir> <port> [--bare]     (port 0: any free port)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

/** The precompressed variants, in the server's order of preference: [coding, suffix, decoder]. */
const VARIANTS = [
  ['br', '.br', brotliDecompressSync],
  ['gzip', '.gz', gunzipSync],
];

/** An Accept-Encoding header as coding → q-value (RFC 9110 12.5.3); a malformed weight is 0. */
function acceptedCodings(header) {
  const weights = new Map();
  for (const item of (header ?? '').split(',')) {
    const [coding, ...params] = item.split(';').map((part) => part.trim().toLowerCase());
    if (!coding) continue;
    let q = 1;
    for (const param of params) {
      const weight = /^q\s*=\s*(\S+)$/.exec(param);
      if (weight) q = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(weight[1]) ? Number(weight[1]) : 0;
    }
    weights.set(coding, q);
  }
  return (coding) => weights.get(coding) ?? weights.get('*') ?? 0;
}

/**
 * Whether a variant decodes to exactly `raw`, checked once per version of the two files (their
 * sizes, times and inodes): a rebuild, a file edited by hand, or a release switched under a symlink
 * is checked again, and a stale or damaged variant is never sent.
 */
const checked = new Map();
async function variantMatches(file, raw, rawStat, suffix, decode) {
  let variant;
  try {
    variant = await stat(file + suffix);
  } catch {
    return null;
  }
  const stamp = [rawStat, variant].map((s) => `${s.ino}:${s.size}:${s.mtimeMs}`).join('|');
  const known = checked.get(file + suffix);
  if (known?.stamp === stamp) return known.bytes;
  let bytes = null;
  try {
    const body = await readFile(file + suffix);
    if (decode(body).equals(raw)) bytes = body;
  } catch {
    // Unreadable or not in its encoding: as stale.
  }
  if (bytes === null) console.error(`serve: ${file}${suffix} does not decode to ${file}: sent without it`);
  checked.set(file + suffix, { stamp, bytes });
  return bytes;
}

/** The bytes to send for `file` and their Content-Encoding (null: as they are). */
async function encoded(file, acceptEncoding) {
  const rawStat = await stat(file);
  if (!rawStat.isFile()) throw new Error('not a file');
  const raw = await readFile(file);
  const weight = acceptedCodings(acceptEncoding);
  let best = { coding: null, body: raw, q: 0 };
  for (const [coding, suffix, decode] of VARIANTS) {
    const q = weight(coding);
    // Ties go to the earlier, the smaller, variant.
    if (q <= best.q) continue;
    const body = await variantMatches(file, raw, rawStat, suffix, decode);
    if (body !== null) best = { coding, body, q };
  }
  return best;
}

/**
 * The headers of the `/*` block of a `_headers` file, as [name, value] pairs. Strict: a path other
 * than `/*`, a header outside a block, a line that is not `Name: value`, or no `/*` block at all
 * is an error, so that a rule is never silently dropped.
 */
function parseHeaders(text, file) {
  const headers = [];
  let path = null;
  text.split(/\r?\n/).forEach((line, index) => {
    const where = `${file}:${index + 1}`;
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    if (!/^\s/.test(line)) {
      path = line.trim();
      if (path !== '/*') throw new Error(`${where}: only the /* block is supported, not ${path}`);
      return;
    }
    const header = /^\s+([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(\S(?:.*\S)?)\s*$/.exec(line);
    if (!header) throw new Error(`${where}: not a "  Name: value" line: ${line.trim()}`);
    if (path === null) throw new Error(`${where}: a header before any /* line`);
    headers.push([header[1], header[2]]);
  });
  if (path === null) throw new Error(`${file}: no /* block`);
  return headers;
}

/** The headers to send: none when bare; otherwise those of root/_headers, which must exist. */
function headersOf(root, bare) {
  if (bare) return [];
  const file = join(root, '_headers');
  return parseHeaders(readFileSync(file, 'utf8'), file);
}

const args = process.argv.slice(2);
const bare = args.includes('--bare');
const [dir = 'dist', port = '4173', ...rest] = args.filter((arg) => arg !== '--bare');
if (rest.length > 0 || !/^\d+$/.test(port)) {
  console.error('usage: node scripts/serve.mjs <dir> <port> [--bare]');
  process.exit(2);
}
const root = resolve(dir);
try {
  headersOf(root, bare); // Fail at start, not on the first request, when _headers is missing or wrong.
} catch (error) {
  console.error(`serve: ${error.message}${error.code === 'ENOENT' ? ' (build first: make build)' : ''}`);
  process.exit(1);
}

createServer(async (req, res) => {
  let extra;
  try {
    // Read per request: a rebuild (or a test switching releases under a symlink) is served with
    // its own headers.
    extra = headersOf(root, bare);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    return;
  }
  const send = (status, type, body, more = {}) => {
    for (const [name, value] of extra) res.appendHeader(name, value);
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body), ...more }).end(body);
  };
  let path;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    send(400, 'text/plain', 'bad request');
    return;
  }
  const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
  // The _headers file is the host's configuration, not part of the site.
  if ((file !== root && !file.startsWith(root + sep)) || file === join(root, '_headers')) {
    send(404, 'text/plain', 'not found');
    return;
  }
  let found;
  try {
    found = await encoded(file, req.headers['accept-encoding']);
  } catch {
    send(404, 'text/plain', 'not found');
    return;
  }
  // Every file may have variants, so every answer depends on Accept-Encoding.
  const vary = { vary: 'Accept-Encoding', ...(found.coding ? { 'content-encoding': found.coding } : {}) };
  send(200, types[extname(file)] ?? 'application/octet-stream', found.body, vary);
}).listen(Number(port), '127.0.0.1', function () {
  const how = bare ? 'without its _headers (--bare)' : 'with the headers in its _headers';
  console.log(`serving ${root} ${how} on http://127.0.0.1:${this.address().port}/`);
});
