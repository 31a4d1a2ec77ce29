// The page's security headers, written at build time (from scripts/post-build.mjs), because the
// inline loader's hash is only known once trunk has written index.html:
// - a Content-Security-Policy <meta> in index.html that allows only the page's own origin and its
//   wasm, and its inline loader script by hash, nothing else (this holds wherever the files are
//   served, even by a host that sends no headers);
// - dist/_headers, the file static hosts (Netlify, Cloudflare Pages) read and scripts/serve.mjs
//   sends: the same policy plus what only a header can say (frame-ancestors, and the rest below).
// Re-running it on a processed dist/ gives the same result.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The policy the page carries, for these inline scripts' hashes. */
function contentSecurityPolicy(hashes) {
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

// Powerful features, all off; the page only writes to the clipboard (the Copy buttons). Only
// features Chromium knows on every platform: it logs an error for each unknown one on every
// response (bluetooth and web-share are unknown to it on Linux; both ask the person first anyway).
const PERMISSIONS = [
  'accelerometer', 'autoplay', 'camera', 'clipboard-read', 'display-capture', 'encrypted-media',
  'fullscreen', 'geolocation', 'gyroscope', 'hid', 'idle-detection', 'local-fonts', 'magnetometer',
  'microphone', 'midi', 'otp-credentials', 'payment', 'picture-in-picture',
  'publickey-credentials-create', 'publickey-credentials-get', 'screen-wake-lock', 'serial',
  'storage-access', 'sync-xhr', 'usb', 'window-management', 'xr-spatial-tracking',
].map((feature) => `${feature}=()`).concat('clipboard-write=(self)');

/** The headers every response carries (the page, its wasm and JS, and both workers' scripts). */
export function headers(policy) {
  return [
    // A worker's policy comes from its own script's response, so this covers the workers too.
    // frame-ancestors cannot be set from a <meta>: no other site may frame the page.
    ['Content-Security-Policy', `${policy}; frame-ancestors 'none'`],
    // The same for browsers that predate frame-ancestors.
    ['X-Frame-Options', 'DENY'],
    // A file is only ever run or styled as the type it is served with.
    ['X-Content-Type-Options', 'nosniff'],
    // No address (a share link's path and query) goes anywhere in a Referer.
    ['Referrer-Policy', 'no-referrer'],
    // A page that opens this one (or that this one opens) gets no handle on its window.
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    // No other site may embed these files (load the wasm or the scripts with no-cors).
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ['Permissions-Policy', PERMISSIONS.join(', ')],
  ];
}

/** Puts the policy in `dist`/index.html and writes `dist`/_headers; returns the policy. */
export function writeSecurityHeaders(dist) {
  const file = join(dist, 'index.html');
  let html = readFileSync(file, 'utf8').replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?\s*/, '');
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    ([, body]) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`,
  );
  const policy = contentSecurityPolicy(hashes);
  // Right after the charset, which must come first, and before any script.
  html = html.replace(/(<meta charset="utf-8" \/>)/, `$1\n    <meta http-equiv="Content-Security-Policy" content="${policy}">`);
  if (!html.includes('Content-Security-Policy')) throw new Error(`csp: no <meta charset> in ${file} to put the policy after`);
  writeFileSync(file, html);
  const lines = headers(policy).map(([name, value]) => `  ${name}: ${value}`);
  writeFileSync(
    join(dist, '_headers'),
    [
      '# The headers every response of webhook-echo carries, in the form Netlify and Cloudflare Pages',
      '# read; `make serve` (scripts/serve.mjs) sends them too. Written by scripts/security-headers.mjs.',
      '/*',
      ...lines,
      '',
    ].join('\n'),
  );
  console.log(`csp: ${hashes.length} inline script(s) allowed by hash; ${lines.length} headers in _headers`);
  return policy;
}
