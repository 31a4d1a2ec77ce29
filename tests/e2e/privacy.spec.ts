import { expect, test } from './fixtures';
import { headersFor, SECRET, SPEC_BODY, VerifierPage } from './verifier-page';

// Every flow, with every request and all storage recorded: nothing leaves the page's origin,
// and the secret is in no URL, request, cookie or storage entry.
test('the secret never leaves the page, and nothing goes to another origin', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const requests: { url: string; body: string; headers: string }[] = [];
  // The context's requests: the page's, and its workers'.
  context.on('request', (request) =>
    requests.push({ url: request.url(), body: request.postData() ?? '', headers: JSON.stringify(request.headers()) }),
  );
  await page.addInitScript(() => {
    (window as any).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as any).__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const verifier = new VerifierPage(page);
  await verifier.open();
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("default-src 'self'");
  expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'$|script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+';/);

  // Verify, valid and invalid, with the diagnosis.
  await verifier.paste(SECRET, SPEC_BODY, headersFor(SPEC_BODY));
  await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
  await verifier.body.fill(SPEC_BODY + '\n');
  await expect(page.getByTestId('diagnosis')).toHaveAttribute('data-cause', 'body-trailing-newline');
  await page.getByTestId('secret-toggle').click();

  // Import.
  await expect(page.getByTestId('import-zone')).toBeVisible();
  await page.getByTestId('import').fill(`POST /webhooks/auth HTTP/1.1\n${headersFor(SPEC_BODY)}\n\n${SPEC_BODY}`);
  await page.getByTestId('import-apply').click();
  await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');

  // A large body, verified and diagnosed by the page's worker.
  const large = Buffer.from(`{"pad":"${'y'.repeat(2 << 20)}"}`);
  await verifier.headers.fill(headersFor(Buffer.concat([large, Buffer.from('\n')])));
  await page.getByTestId('body-file').setInputFiles({ name: 'large.json', mimeType: 'application/json', buffer: large });
  await expect(page.getByTestId('diagnosis')).toHaveAttribute('data-cause', 'body-trailing-newline', { timeout: 20_000 });
  expect(requests.some((r) => r.url.endsWith('/offload-worker.js'))).toBe(true);
  await page.getByTestId('import-apply').click();
  await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');

  // Share, secret left out; and the file export.
  await page.getByTestId('share-note').fill('privacy run');
  await page.getByTestId('share').click();
  const link = await page.getByTestId('share-url').inputValue();
  expect(link).not.toContain(SECRET);
  await Promise.all([page.waitForEvent('download'), page.getByTestId('fixture-export').click()]);

  // Echo: generate, copy, load into the verifier.
  await page.getByTestId('tab-echo').click();
  await page.getByTestId('event-type').selectOption('otp.expired');
  await page.getByTestId('generate').click();
  await page.getByTestId('copy-curl').click();
  await page.getByTestId('snippet-go').click();
  await page.getByTestId('load-into-verifier').click();
  await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');

  // Seal the secret into a link under a generated passphrase: the browser's PBKDF2 sends nothing.
  await page.getByTestId('share-include-secret').check();
  await page.getByTestId('share-passphrase-generate').click();
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-url')).toHaveValue(/#v1\./);
  await expect(page.getByTestId('share-url')).not.toHaveValue(link);
  expect(await page.getByTestId('share-url').inputValue()).not.toContain(SECRET);
  await page.getByTestId('share-include-secret').uncheck();

  // Open the share link, then go back.
  await page.goto(link);
  await expect(page.getByTestId('link-opened')).toBeVisible();
  const back = await page.evaluate(() => Date.now());
  await page.goBack();
  await expect(page.getByTestId('link-opened')).toHaveCount(0);
  // Everything the page does after Back has been done, its debounced save of the work it went
  // back to the last of it: the page's own entry (not a link's, `…:wip:<link>`) is dated after.
  await expect
    .poll(() =>
      page.evaluate(() => {
        const page = Object.keys(localStorage).find((key) => key.endsWith(':wip'));
        return page ? (JSON.parse(localStorage.getItem(page) ?? '{}').savedAt ?? 0) : 0;
      }),
    )
    .toBeGreaterThanOrEqual(back);

  expect(await page.evaluate(() => (window as any).__violations)).toEqual([]);
  const origin = new URL(baseURL ?? '').origin;
  const elsewhere = requests.filter((r) => new URL(r.url).origin !== origin && !r.url.startsWith('blob:') && !r.url.startsWith('data:'));
  expect(elsewhere.map((r) => r.url)).toEqual([]);
  const leaking = requests.filter((r) => [r.url, r.body, r.headers].some((part) => part.includes(SECRET)));
  expect(leaking.map((r) => r.url)).toEqual([]);
  expect(await context.cookies()).toEqual([]);
  const stored = await page.evaluate(async () => {
    const idb = 'databases' in indexedDB ? await indexedDB.databases() : [];
    return { local: JSON.stringify({ ...localStorage }), session: JSON.stringify({ ...sessionStorage }), idb: JSON.stringify(idb) };
  });
  expect(stored.local).toContain('privacy run');
  for (const place of Object.values(stored)) expect(place).not.toContain(SECRET);
});

test('after one visit the app works offline', async ({ page, context }) => {
  const verifier = new VerifierPage(page);
  await verifier.open();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await expect(verifier.verdict).toHaveAttribute('data-verdict', 'incomplete');
  await context.setOffline(true);
  await page.reload();
  await verifier.paste(SECRET, SPEC_BODY, headersFor(SPEC_BODY));
  await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
  // A body over 1 MiB goes to the worker, whose script comes from the same cache.
  const large = Buffer.from(`{"pad":"${'y'.repeat(2 << 20)}"}`);
  await verifier.headers.fill(headersFor(large));
  await page.getByTestId('body-file').setInputFiles({ name: 'large.json', mimeType: 'application/json', buffer: large });
  await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid', { timeout: 20_000 });
  expect(page.workers().map((worker) => new URL(worker.url()).pathname)).toEqual(['/offload-worker.js']);
  await context.setOffline(false);
});
