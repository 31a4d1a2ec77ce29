import { expect, test } from './fixtures';
import { clipboardText, cobinarSignature } from './verifier-page';

const ACTIVE = ['otp.created', 'otp.verified', 'otp.failed', 'otp.expired'];
const RESERVED = ['identity.created', 'identity.updated', 'application.created', 'application.deleted'];

/** Splits the shown HTTP request into its request line, headers and body, checking the framing. */
function parseRequest(text: string) {
  const split = text.indexOf('\r\n\r\n');
  expect(split, 'a blank CRLF line ends the headers').toBeGreaterThan(0);
  const [requestLine, ...headerLines] = text.slice(0, split).split('\r\n');
  const headers = Object.fromEntries(
    headerLines.map((line) => {
      const colon = line.indexOf(': ');
      return [line.slice(0, colon), line.slice(colon + 2)];
    }),
  );
  return { requestLine, headers, body: text.slice(split + 4) };
}

test('the echo is built when first opened, and keeps its state across tabs', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('verdict')).toBeVisible();
  await expect(page.getByTestId('event-type')).toHaveCount(0);
  await page.getByTestId('tab-echo').click();
  await page.getByTestId('event-type').selectOption('otp.expired');
  const request = await page.getByTestId('delivery-request').textContent();
  await page.getByTestId('tab-verify').click();
  await expect(page.getByTestId('event-type')).toBeHidden();
  await page.getByTestId('tab-echo').click();
  await expect(page.getByTestId('event-type')).toHaveValue('otp.expired');
  await expect(page.getByTestId('delivery-request')).toHaveText(request ?? '');
});

test.describe('the echo', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/');
    await page.getByTestId('tab-echo').click();
  });

  test('offers all eight events, the reserved ones marked and warned about', async ({ page }) => {
    const picker = page.getByTestId('event-type');
    const options = await picker.locator('option').evaluateAll((all) =>
      all.map((o) => [(o as HTMLOptionElement).value, o.textContent ?? '']),
    );
    expect(options.map(([value]) => value)).toEqual([...ACTIVE, ...RESERVED]);
    for (const [value, label] of options) {
      expect(label.includes('reserved, not delivered today')).toBe(RESERVED.includes(value));
    }
    await expect(page.getByTestId('reserved-warning')).toHaveCount(0);
    await picker.selectOption('identity.updated');
    await expect(page.getByTestId('reserved-warning')).toContainText('identity.updated is reserved, not delivered today');
    await expect(page.getByTestId('delivery-request')).toContainText('x-cobinar-event: identity.updated');
    await expect(page.getByTestId('payload-note')).toContainText('illustrative');
  });

  test('generates a fresh, correctly framed delivery signed with the secret field', async ({ page }) => {
    const secret = 'whsec_echo_e2e_91ab';
    await page.getByTestId('secret').fill(secret);
    const request = page.getByTestId('delivery-request');
    const before = parseRequest((await request.textContent()) ?? '');
    await page.getByTestId('generate').click();
    await expect(request).not.toHaveText(before.body, { useInnerText: false });
    const shown = parseRequest((await request.textContent()) ?? '');
    expect(shown.requestLine).toBe('POST /webhooks/auth HTTP/1.1');
    expect(shown.headers['host']).toBe('localhost:3000');
    expect(shown.headers['content-type']).toBe('application/json');
    expect(Number(shown.headers['content-length'])).toBe(Buffer.byteLength(shown.body));
    const delivery = JSON.parse(shown.body);
    expect(Object.keys(delivery)).toEqual(['id', 'event', 'createdAt', 'payload']);
    expect(delivery.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(delivery.id).not.toBe(JSON.parse(before.body).id);
    expect(delivery.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Math.abs(Date.parse(delivery.createdAt) - Date.now())).toBeLessThan(60_000);
    expect(delivery.event).toBe('otp.verified');
    expect(Object.keys(delivery.payload).sort()).toEqual(['phone', 'requestId', 'verifiedAt']);
    expect(shown.headers['x-cobinar-signature']).toBe(cobinarSignature(secret, shown.body));
    expect(shown.headers['x-cobinar-event']).toBe('otp.verified');
    expect(shown.headers['x-cobinar-event-id']).toBe(delivery.id);
    expect(shown.headers['x-cobinar-timestamp']).toBe(delivery.createdAt);
    await expect(page.getByTestId('demo-secret-note')).toHaveCount(0);
  });

  test('with no secret, signs with a random demo secret and says so; the verifier then says valid', async ({ page }) => {
    const note = page.getByTestId('demo-secret-note');
    await expect(note).toBeVisible();
    const demo = ((await note.locator('code').textContent()) ?? '').trim();
    expect(demo).toMatch(/^whsec_demo_[0-9a-f]{24}$/);
    const shown = parseRequest((await page.getByTestId('delivery-request').textContent()) ?? '');
    expect(shown.headers['x-cobinar-signature']).toBe(cobinarSignature(demo, shown.body));

    await page.getByTestId('event-type').selectOption('otp.failed');
    await page.getByTestId('load-into-verifier').click();
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'valid');
    await expect(page.getByTestId('body')).toHaveValue(/"event":"otp.failed"/);
    for (const header of ['x-cobinar-signature', 'x-cobinar-event', 'x-cobinar-event-id', 'x-cobinar-timestamp']) {
      await expect(page.getByTestId(`check-${header}`)).toHaveAttribute('data-status', 'ok');
    }
  });

  test('the endpoint shapes the request and the commands, and a bad one is explained', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const endpoint = page.getByTestId('endpoint');
    await expect(endpoint).toHaveValue('http://localhost:3000/webhooks/auth');
    await endpoint.fill('https://hooks.example.test:8443/cobinar?team=o%27neil');
    await expect(page.getByTestId('delivery-request')).toContainText('POST /cobinar?team=o%27neil HTTP/1.1\r\nhost: hooks.example.test:8443');
    const curl = page.getByTestId('command-curl');
    await expect(curl).toContainText("curl --request POST 'https://hooks.example.test:8443/cobinar?team=o%27neil'");
    await expect(page.getByTestId('command-httpie')).toContainText("http POST 'https://hooks.example.test:8443/cobinar?team=o%27neil'");
    await expect(page.getByTestId('command-fetch')).toContainText('await fetch("https://hooks.example.test:8443/cobinar?team=o%27neil"');
    await expect(page.getByTestId('command-check')).toHaveText("npx webhook-echo check 'https://hooks.example.test:8443/cobinar?team=o%27neil'");
    // How to have it for good, by the package manager a person already has: no Rust needed.
    await expect(page.getByTestId('install-npm')).toHaveText('npm i -D webhook-echo');
    await expect(page.getByTestId('install-pip')).toHaveText('pipx install webhook-echo');
    await expect(page.getByTestId('install-cargo')).toHaveText('cargo install webhook-echo');
    await expect(page.getByTestId('command-check').locator('..')).not.toContainText('--path');

    await page.getByTestId('copy-curl').click();
    await expect(page.getByTestId('copy-curl')).toHaveText('Copied');
    expect(await clipboardText(page)).toBe(await curl.textContent());

    await endpoint.fill('localhost:3000/webhooks');
    await expect(page.getByTestId('endpoint-error')).toContainText('http:// or https://');
    await expect(page.getByTestId('copy-curl')).toBeDisabled();
  });

  test('the retry timeline follows the documented schedule', async ({ page }) => {
    const timeline = page.getByTestId('retry-timeline');
    await page.getByTestId('retry-response-1').selectOption('timeout');
    await page.getByTestId('retry-response-2').selectOption('timeout');
    await page.getByTestId('retry-response-3').selectOption('timeout');
    const starts = () =>
      timeline.locator('[data-testid^="retry-attempt-"]').evaluateAll((all) => all.map((a) => a.getAttribute('data-starts-at-ms')));
    expect(await starts()).toEqual(['0', '9000', '21000']);
    await expect(page.getByTestId('retry-outcome')).toHaveAttribute('data-outcome', 'failed');
    await expect(page.getByTestId('retry-outcome')).toContainText('Failed after 3 attempts; known 29 s after the event');

    await page.getByTestId('retry-response-1').selectOption('non-2xx');
    await page.getByTestId('retry-response-2').selectOption('2xx');
    expect(await starts()).toEqual(['0', '1000']);
    await expect(page.getByTestId('retry-outcome')).toHaveAttribute('data-outcome', 'delivered');
    await expect(page.getByTestId('retry-outcome')).toContainText('Delivered on attempt 2, 1 s after the event');
    const id = JSON.parse(parseRequest((await page.getByTestId('delivery-request').textContent()) ?? '').body).id;
    await expect(timeline).toContainText(`x-cobinar-event-id: ${id}`);
  });

  test('receiver code has a tab per language', async ({ page }) => {
    // Each language's first stack; its constant-time comparison is in the file named (a
    // verifier file of its own, snippet-code-1, where the language's receiver has two files).
    const expectations: Array<[language: string, stack: string, file: string, marker: string]> = [
      ['node', 'node-express', 'snippet-code', "express.raw({ type: 'application/json'"],
      ['python', 'python-flask', 'snippet-code', 'hmac.compare_digest'],
      ['go', 'go-net-http', 'snippet-code', 'hmac.Equal'],
      ['rust', 'rust-axum', 'snippet-code', 'verify_slice'],
      ['php', 'php-plain', 'snippet-code-1', 'hash_equals($expected, $signatureHeader)'],
      ['ruby', 'ruby-sinatra', 'snippet-code-1', 'OpenSSL.fixed_length_secure_compare'],
      ['java', 'java-httpserver', 'snippet-code-1', 'MessageDigest.isEqual'],
      ['csharp', 'csharp-httplistener', 'snippet-code-1', 'difference |= expected[i] ^ received[i]'],
    ];
    const tabs = page.getByRole('tablist', { name: 'Language' }).getByRole('tab');
    await expect(tabs).toHaveCount(expectations.length);
    for (const [language, stack, file, marker] of expectations) {
      await page.getByTestId(`snippet-${language}`).click();
      await expect(page.getByTestId(`snippet-${language}`)).toHaveAttribute('aria-selected', 'true');
      await expect(tabs.and(page.locator('[aria-selected="true"]'))).toHaveCount(1);
      await expect(page.getByTestId(`snippet-${stack}`)).toHaveAttribute('aria-pressed', 'true');
      await expect(page.getByTestId(file)).toContainText(marker);
      await expect(page.getByTestId('snippet-code')).toContainText(/401|unauthorized/i);
    }
  });
});

test('without the platform generator the echo makes nothing, says why, and verifying still works', async ({ page }) => {
  // Zeros in place of random bytes would repeat ids and sign with a demo secret anyone knows.
  await page.addInitScript(() => {
    Object.defineProperty(Crypto.prototype, 'getRandomValues', {
      value: () => {
        throw new DOMException('refused by the test', 'NotSupportedError');
      },
    });
  });
  await page.goto('/');
  await page.getByTestId('tab-echo').click();
  await expect(page.getByTestId('echo-no-randomness')).toContainText('The echo makes no delivery');
  await expect(page.getByTestId('delivery-request')).toHaveCount(0);
  await expect(page.getByTestId('demo-secret-note')).toHaveCount(0);
  await page.getByTestId('tab-verify').click();
  await page.getByTestId('first-run-example').click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'valid');
});
