// The page's first screen as HTML in dist/index.html (from scripts/post-build.mjs, first, since the
// service worker's build id covers index.html). src/bin/prerender.rs renders it with the same
// components the wasm then hydrates; what index.html's <body> held is replaced, so running it again
// on the same folder writes the same page. Nothing may come before the app in <body>: hydration
// starts at its first node.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The first screen's HTML, from the native `prerender` binary (a debug build: it runs once). */
export function renderFirstScreen() {
  return execFileSync('cargo', ['run', '--quiet', '--locked', '--features', 'prerender', '--bin', 'prerender'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** `page` with its <body> holding `html` and nothing else. */
export function withFirstScreen(page, html) {
  const body = /<body>[\s\S]*<\/body>/;
  if (!body.test(page)) throw new Error('first-screen: index.html has no <body>…</body>');
  if (!html.includes('data-testid="secret"')) throw new Error('first-screen: the rendered page has no secret field');
  return page.replace(body, () => `<body>${html}</body>`);
}

export function writeFirstScreen(dist) {
  const file = join(dist, 'index.html');
  const html = renderFirstScreen();
  writeFileSync(file, withFirstScreen(readFileSync(file, 'utf8'), html));
  console.log(`first-screen: ${Buffer.byteLength(html)} bytes of HTML in index.html`);
}
