// Ties dist/sw.js to its build (from scripts/post-build.mjs): writes into it the build's id and
// the files it keeps for offline use (the page, the hashed wasm, JS and CSS the page names,
// offload-worker.js, whose name has no hash, and the receivers' files the Echo tab fetches), each
// with its SHA-256 for the fetch's integrity.
// The id is a hash over all of them and the service worker's own code, so any change to what is
// served makes a new sw.js, a new cache, and reaches every returning visitor.
// It replaces two marked lines, so re-running it on a processed dist/ gives the same result.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MARK = '; // stamped at build time (scripts/sw-release.mjs)';
const line = (name) => new RegExp(`^const ${name} = .*${MARK.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm');
const sha256 = (bytes) => createHash('sha256').update(bytes);

/** The same-origin files index.html names (href, src, and the loader's imports): trunk's hashed output. */
function namedByPage(dist, html) {
  const refs = [...html.matchAll(/(?:\b(?:href|src)\s*=\s*|\bmodule_or_path\s*:\s*|\bfrom\s+|\bimport\s*\(\s*)["']([^"']+)["']/g)]
    .map(([, ref]) => ref)
    .filter((ref) => !/^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(ref))
    .map((ref) => ref.split(/[?#]/)[0].replace(/^\.?\//, ''));
  const files = [...new Set(refs)].filter((name) => name !== '' && /\.(?:wasm|js|css)$/.test(name));
  for (const name of files) if (!existsSync(join(dist, name))) throw new Error(`sw-release: index.html names ${name}, not in ${dist}`);
  if (!files.some((name) => name.endsWith('.wasm'))) throw new Error(`sw-release: index.html names no .wasm`);
  return files.sort();
}

/** `extra`: more files to keep, relative to dist (the receivers' files, scripts/snippet-files.mjs). */
export function stampServiceWorker(dist, extra = []) {
  const swFile = join(dist, 'sw.js');
  let sw = readFileSync(swFile, 'utf8');
  for (const name of ['BUILD', 'ASSETS']) {
    if ((sw.match(new RegExp(line(name).source, 'gm')) ?? []).length !== 1) throw new Error(`sw-release: ${swFile} needs one "const ${name} = …${MARK}" line`);
  }
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...namedByPage(dist, html), 'offload-worker.js', ...extra];
  // The page is checked by nothing but its place in the id: hosts may rewrite HTML.
  const assets = [['./', ''], ...files.map((name) => [`./${name}`, `sha256-${sha256(readFileSync(join(dist, name))).digest('base64')}`])];
  const id = sha256('');
  id.update(`./\0${sha256(html).digest('hex')}\n`);
  for (const [url, integrity] of assets.slice(1)) id.update(`${url}\0${integrity}\n`);
  // The worker's own code (its stamped lines left out), so that a change to it is a new cache too.
  id.update(sw.replace(line('BUILD'), '').replace(line('ASSETS'), ''));
  const build = id.digest('hex').slice(0, 16);
  sw = sw.replace(line('BUILD'), () => `const BUILD = '${build}'${MARK}`).replace(line('ASSETS'), () => `const ASSETS = ${JSON.stringify(assets)}${MARK}`);
  writeFileSync(swFile, sw);
  console.log(`sw-release: build ${build}, ${assets.length} files kept for offline use`);
  return { build, assets };
}
