// Writes <file>.br (brotli, quality 11) and <file>.gz (gzip, level 9) beside every text and wasm
// file of a built folder (from scripts/post-build.mjs, last, so that sw.js and index.html are
// compressed as served). scripts/serve.mjs sends them by the request's Accept-Encoding, as nginx's
// gzip_static / brotli_static and Caddy's `precompressed` do. A variant that does not save at least
// a tenth of its file is not written (and an old one is removed), so the server sends that file
// as it is. Re-running it on the same folder rewrites the same bytes.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The kinds of file worth compressing; images and the host's _headers are left alone. */
export const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.txt', '.svg', '.webmanifest', '.map', '.xml', '.ico']);

/** The encodings written, in the order a server prefers them: [name, file suffix, compressor]. */
export const ENCODINGS = [
  ['br', '.br', (raw) => brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })],
  ['gzip', '.gz', (raw) => gzipSync(raw, { level: 9 })],
];

/** A variant pays when it is at most 90 % of its file. */
const pays = (compressed, raw) => compressed.length <= raw.length * 0.9;

/** Every file under `dir`, relative paths with `/`. */
function walk(dir, prefix = '') {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? walk(dir, path) : [path];
  });
}

/** Compresses `dist` in place; returns { written, skipped } counts. */
export function precompress(dist) {
  const files = walk(dist);
  const present = new Set(files);
  let written = 0;
  let skipped = 0;
  for (const name of files) {
    // A variant whose file is gone is stale: nothing may serve it.
    const variant = ENCODINGS.find(([, suffix]) => name.endsWith(suffix));
    if (variant) {
      if (!present.has(name.slice(0, -variant[1].length))) rmSync(join(dist, name));
      continue;
    }
    if (name.startsWith('_') || !COMPRESSIBLE.has(extname(name))) continue;
    const raw = readFileSync(join(dist, name));
    for (const [, suffix, compress] of ENCODINGS) {
      const compressed = compress(raw);
      if (pays(compressed, raw)) {
        writeFileSync(join(dist, name + suffix), compressed);
        written++;
      } else {
        rmSync(join(dist, name + suffix), { force: true });
        skipped++;
      }
    }
  }
  console.log(`precompress: ${written} .br/.gz files written, ${skipped} left out (less than 10 % smaller)`);
  return { written, skipped };
}
