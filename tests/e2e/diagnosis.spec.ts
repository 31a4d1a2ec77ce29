import { expect, test, type Page } from './fixtures';
import { cobinarSignature, headersFor, SECRET, SPEC_BODY, VerifierPage } from './verifier-page';

/** Dispatches a paste carrying `text` exactly, CRs included, as a browser does from the clipboard. */
async function pasteInto(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).evaluate((element, raw) => {
    const data = new DataTransfer();
    data.setData('text/plain', raw);
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

test.describe('why a signature fails', () => {
  let verifier: VerifierPage;

  test.beforeEach(async ({ page }) => {
    verifier = new VerifierPage(page);
    await verifier.open();
  });

  test('a pretty-printed copy of a compact body is named as re-serialised, with the Express fix', async ({ page }) => {
    const pretty = JSON.stringify(JSON.parse(SPEC_BODY), null, 2);
    await verifier.paste(SECRET, pretty, headersFor(SPEC_BODY));
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'invalid');
    const item = page.getByTestId('diagnosis');
    await expect(item).toHaveCount(1);
    await expect(item).toHaveAttribute('data-cause', 'body-reserialized');
    await expect(item).toContainText('express.raw');
  });

  test('each header-side mistake gets its cause', async ({ page }) => {
    const digest = cobinarSignature(SECRET, SPEC_BODY).slice('sha256='.length);
    const cases: Array<[string, string]> = [
      [`sha256=${digest.toUpperCase()}`, 'signature-case'],
      [digest, 'signature-prefix'],
      [`sha256=${Buffer.from(digest, 'hex').toString('base64')}`, 'signature-base64'],
    ];
    for (const [signature, cause] of cases) {
      await verifier.paste(SECRET, SPEC_BODY, headersFor(SPEC_BODY, { 'x-cobinar-signature': signature }));
      await expect(verifier.verdict).toHaveAttribute('data-verdict', 'invalid');
      await expect(page.getByTestId('diagnosis')).toHaveAttribute('data-cause', cause);
    }
  });

  test('a secret with a trailing space is named, and its facts say so', async ({ page }) => {
    await verifier.paste(`${SECRET} `, SPEC_BODY, headersFor(SPEC_BODY));
    await expect(page.getByTestId('diagnosis')).toHaveAttribute('data-cause', 'secret-whitespace');
    await expect(page.getByTestId('secret-whitespace')).toContainText('It ends with a space.');
    await expect(page.getByTestId('secret-facts')).toContainText(`${SECRET.length + 1} characters`);
  });

  test('another secret has no known cause, and the page says what to check', async ({ page }) => {
    await verifier.paste('whsec_someone_else', SPEC_BODY, headersFor(SPEC_BODY));
    await expect(page.getByTestId('diagnosis')).toHaveAttribute('data-cause', 'no-known-cause');
    await expect(page.getByTestId('diagnosis')).toContainText('another secret');
    await verifier.secret.fill(SECRET);
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
    await expect(page.getByTestId('diagnosis')).toHaveCount(0);
  });

  test('the fingerprint is the same for anyone holding the secret, and shows nothing of it', async ({ page }) => {
    await verifier.secret.fill("It's a Secret to Everybody");
    await expect(page.getByTestId('secret-fingerprint')).toHaveText('c23c-353e');
    await expect(page.getByTestId('secret-facts')).not.toContainText('Secret');
  });

  test('the body bytes mark what cannot be seen and show the last bytes', async ({ page }) => {
    const body = '{"note":"a\u00a0b\u200bc\td"}\n';
    await verifier.body.fill(body);
    const text = page.getByTestId('body-bytes-text');
    await expect(text.locator('[data-mark="space"]')).toHaveText('NBSP');
    await expect(text.locator('[data-mark="zero-width"]')).toHaveText('ZWSP');
    await expect(text.locator('[data-mark="tab"]')).toHaveText('TAB');
    await expect(text.locator('[data-mark="line-break"]')).toHaveText('LF');
    await expect(page.getByTestId('body-bytes-summary')).toContainText(`${Buffer.byteLength(body)} bytes`);
    await expect(page.getByTestId('body-bytes-summary')).toContainText('ends with LF');
    const tail = page.getByTestId('body-bytes-tail').locator('li');
    await expect(tail.last()).toContainText('0a');
    await expect(tail.last()).toContainText('LF');
  });

  test('the timestamp row gives the skew and the replay warning', async () => {
    await verifier.paste(SECRET, SPEC_BODY, headersFor(SPEC_BODY));
    const row = verifier.check('x-cobinar-timestamp');
    await expect(row).toContainText("before this computer's clock");
    await expect(row).toContainText('Neither the timestamp nor the event id is covered by the signature');
  });

  test('an OTP code in a payload, or a reserved event, is flagged as not from Cobinar', async ({ page }) => {
    const withCode = SPEC_BODY.replace('"phone"', '"code":"482913","phone"');
    await verifier.paste(SECRET, withCode, headersFor(withCode));
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
    await expect(page.getByTestId('not-from-cobinar')).toContainText('looks like an OTP code');
    const reserved = SPEC_BODY.replace('otp.verified', 'application.deleted');
    await verifier.paste(SECRET, reserved, headersFor(reserved, { 'x-cobinar-event': 'application.deleted' }));
    await expect(page.getByTestId('not-from-cobinar')).toContainText('application.deleted is a reserved event');
  });
});

test.describe('paste-anything import', () => {
  let verifier: VerifierPage;

  test.beforeEach(async ({ page }) => {
    verifier = new VerifierPage(page);
    await verifier.open();
    await expect(page.getByTestId('import-zone')).toBeVisible();
  });

  test('a raw HTTP request keeps its CRLF body exactly', async ({ page }) => {
    const body = '{\r\n  "id": "e3a9c1f0-5b7d-4e2a-9c61-2f8d0b7a4e13",\r\n  "event": "otp.verified"\r\n}\r\n';
    const request =
      'POST /webhooks/auth HTTP/1.1\r\nHost: localhost:3000\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      headersFor(body).replaceAll('\n', '\r\n') +
      '\r\n\r\n' +
      body;
    await verifier.secret.fill(SECRET);
    await pasteInto(page, 'import', request);
    await expect(page.getByTestId('import-status')).toContainText('from a raw HTTP request');
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
    await expect(page.getByTestId('line-ending-crlf')).toBeChecked();
    await expect(page.getByTestId('body-length')).toHaveText(`${Buffer.byteLength(body)} bytes`);
  });

  test('a HAR file and a console.log dump of req.headers', async ({ page }) => {
    const har = {
      log: {
        entries: [
          {
            request: {
              method: 'POST',
              url: 'http://localhost:3000/webhooks/auth',
              headers: Object.entries({ 'content-type': 'application/json', ...Object.fromEntries(headersFor(SPEC_BODY).split('\n').map((l) => l.split(': '))) }).map(([name, value]) => ({ name, value })),
              postData: { mimeType: 'application/json', text: SPEC_BODY },
            },
          },
        ],
      },
    };
    await verifier.secret.fill(SECRET);
    await page.getByTestId('import-file').setInputFiles({ name: 'delivery.har', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(har)) });
    await expect(page.getByTestId('import-status')).toContainText('from a HAR entry');
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');

    const logged = `[Object: null prototype] {\n  host: 'localhost:3000',\n  'x-cobinar-event': 'otp.failed'\n}`;
    await page.getByTestId('import').fill(logged);
    await page.getByTestId('import-apply').click();
    await expect(page.getByTestId('import-status')).toContainText('headers as console.log prints them');
    await expect(verifier.headers).toHaveValue('host: localhost:3000\nx-cobinar-event: otp.failed\n');
    await expect(verifier.body).toHaveValue(SPEC_BODY);
  });

  test('what is not recognised changes nothing and says why', async ({ page }) => {
    await verifier.paste(SECRET, SPEC_BODY, headersFor(SPEC_BODY));
    await page.getByTestId('import').fill('this is just a sentence, not a request');
    await page.getByTestId('import-apply').click();
    await expect(page.getByTestId('import-error')).toContainText('Nothing was changed.');
    await expect(verifier.body).toHaveValue(SPEC_BODY);
    await expect(verifier.headers).toHaveValue(headersFor(SPEC_BODY));
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
  });
});
