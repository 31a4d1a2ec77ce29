// Serves a built dist/ folder on loopback, as a static host would: `make serve`, the end-to-end
// tests, the benchmark and the screenshots all use it. Every response carries the headers of the
// `/*` block of <dir>/_headers (the file Netlify and Cloudflare Pages read, written by
// scripts/post-build.mjs), plus no-store and the content type. `--bare` leaves them out, as a
// host that ignores _headers would.
//
// Usage: node scripts/serve.mjs <dir> <port> [--bare]     (port 0: any free port)
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

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
  const send = (status, type, body) => {
    for (const [name, value] of extra) res.appendHeader(name, value);
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
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
  try {
    send(200, types[extname(file)] ?? 'application/octet-stream', await readFile(file));
  } catch {
    send(404, 'text/plain', 'not found');
  }
}).listen(Number(port), '127.0.0.1', function () {
  const how = bare ? 'without its _headers (--bare)' : 'with the headers in its _headers';
  console.log(`serving ${root} ${how} on http://127.0.0.1:${this.address().port}/`);
});
