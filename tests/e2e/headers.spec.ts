import { expect, test } from './fixtures';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, startFramingPage } from './servers';

// The headers the build writes to dist/_headers, as `make serve` (scripts/serve.mjs) sends them:
// on the page, its wasm and JS glue, and both workers' scripts (a worker's policy comes from its
// own script's response).
const html = readFileSync(join(DIST, 'index.html'), 'utf8');
const named = (pattern: RegExp) => {
  const found = pattern.exec(html);
  if (!found) throw new Error(`dist/index.html names no ${pattern}`);
  return found[1];
};
const metaPolicy = named(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
const files = {
  page: '/',
  wasm: named(/href="\/?([^"]+_bg\.wasm)"/),
  glue: named(/href="\/?([^"]+\.js)"/),
  'offload worker': 'offload-worker.js',
  'service worker': 'sw.js',
};

for (const [what, path] of Object.entries(files)) {
  test(`${what} is served with the security headers`, async ({ request }) => {
    const response = await request.get(path);
    expect(response.status()).toBe(200);
    const headers = response.headers();
    // The page's own policy, and what only a header can say: no site may frame it.
    expect(headers['content-security-policy']).toBe(`${metaPolicy}; frame-ancestors 'none'`);
    expect(headers['content-security-policy']).toContain("worker-src 'self'");
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(headers['cross-origin-resource-policy']).toBe('same-origin');
    const permissions = headers['permissions-policy'].split(/,\s*/);
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'clipboard-read']) {
      expect(permissions).toContain(`${feature}=()`);
    }
    // The Copy buttons write to the clipboard: the one thing allowed, to this origin only.
    expect(permissions.filter((entry) => !entry.endsWith('=()'))).toEqual(['clipboard-write=(self)']);
    expect(headers['cache-control']).toBe('no-store');
  });
}

test('the host configuration itself is not served', async ({ request }) => {
  const response = await request.get('_headers');
  expect(response.status()).toBe(404);
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
});

test('Chromium reads every header without complaint, and the page works under them', async ({ page }) => {
  const complaints: string[] = [];
  page.on('console', (message) => {
    if (/Permissions-Policy|Content Security Policy|Cross-Origin|X-Frame-Options/i.test(message.text())) complaints.push(message.text());
  });
  await page.goto('/');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'incomplete');
  await page.evaluate(() => navigator.serviceWorker.ready);
  expect(complaints).toEqual([]);
});

test('the page may write to the clipboard but never read it, even with permission', async ({ page, context }) => {
  // People copy their webhook secret: whatever the clipboard holds stays out of the page.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'incomplete');
  expect(await page.evaluate(() => navigator.clipboard.writeText('copied').then(() => 'written'))).toBe('written');
  expect(await page.evaluate(() => navigator.clipboard.readText().catch((error) => error.name))).toBe('NotAllowedError');
});

test('another origin cannot frame the page', async ({ page, baseURL }) => {
  const framing = await startFramingPage(baseURL ?? '');
  try {
    const refused = page.waitForEvent('console', (message) => message.text().includes("frame-ancestors 'none'"));
    await page.goto(framing.url);
    await refused;
    const frame = page.frameLocator('iframe');
    await expect(frame.locator('body')).toBeAttached();
    await expect(frame.getByTestId('secret')).toHaveCount(0);
    expect(page.frames().map((f) => f.url())).not.toContain(baseURL);
  } finally {
    await framing.close();
  }
});
