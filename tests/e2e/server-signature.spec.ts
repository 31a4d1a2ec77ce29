import AxeBuilder from '@axe-core/playwright';
import { createHmac } from 'node:crypto';
import { expect, test } from './fixtures';
import { cobinarSignature, headersFor, SECRET, SPEC_BODY, VerifierPage } from './verifier-page';

/** What a server that makes a mistake computes: Node's own HMAC over what it wrongly signs. */
const serverHex = (signed: string, secret = SECRET) => createHmac('sha256', secret).update(signed).digest('hex');

const EVENT_ID = 'e3a9c1f0-5b7d-4e2a-9c61-2f8d0b7a4e13';
const UNIX_SECONDS = String(Math.floor(Date.parse('2026-07-03T14:22:10.000Z') / 1000));

test.describe('what your server computed', () => {
  let verifier: VerifierPage;

  test.beforeEach(async ({ page }) => {
    verifier = new VerifierPage(page);
    await verifier.open();
    // A genuine delivery: valid here, while the server's own value says what it does wrong.
    await verifier.paste(SECRET, SPEC_BODY, headersFor(SPEC_BODY));
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
  });

  test('a server that hashed the parsed object is told body-object-coerced, and no signature is shown', async ({ page }) => {
    const list = page.getByTestId('server-diagnosis');
    await expect(list).toHaveCount(0);
    await page.getByTestId('server-signature').fill(serverHex('[object Object]'));
    await expect(list).toHaveAttribute('data-outcome', 'explained');
    const items = list.getByTestId('server-diagnosis-item');
    await expect(items).toHaveCount(1);
    await expect(items).toHaveAttribute('data-cause', 'body-object-coerced');
    await expect(items).toContainText('[object Object]');
    // Its own list: the verdict's causes are untouched, and nothing computed is printed.
    await expect(page.getByTestId('diagnosis')).toHaveCount(0);
    const right = cobinarSignature(SECRET, SPEC_BODY).slice('sha256='.length);
    await expect(list).not.toContainText(right);
  });

  test('a server that signed id.timestamp.body is told signed-content-scheme', async ({ page }) => {
    await page.getByTestId('server-signature').fill(`sha256=${serverHex(`${EVENT_ID}.${UNIX_SECONDS}.${SPEC_BODY}`)}`);
    const item = page.getByTestId('server-diagnosis').getByTestId('server-diagnosis-item');
    await expect(item).toHaveAttribute('data-cause', 'signed-content-scheme');
    await expect(item).toContainText('Standard Webhooks');
  });

  test('a value no mistake explains is no-known-cause; clearing the field hides the list', async ({ page }) => {
    const field = page.getByTestId('server-signature');
    await field.fill('9f'.repeat(32));
    const list = page.getByTestId('server-diagnosis');
    await expect(list.getByTestId('server-diagnosis-item')).toHaveAttribute('data-cause', 'no-known-cause');
    await field.fill('');
    await expect(list).toHaveCount(0);
  });

  test('the right value, or the received header itself, is said as such rather than a cause', async ({ page }) => {
    const field = page.getByTestId('server-signature');
    const list = page.getByTestId('server-diagnosis');
    await field.fill(serverHex(SPEC_BODY).toUpperCase());
    await expect(list).toHaveAttribute('data-outcome', 'correct');
    await expect(list.getByTestId('server-diagnosis-item')).toHaveCount(0);
    await expect(page.getByTestId('server-diagnosis-summary')).toContainText('computes the right signature');

    const otherHeader = cobinarSignature('whsec_someone_else', SPEC_BODY);
    await verifier.headers.fill(headersFor(SPEC_BODY, { 'x-cobinar-signature': otherHeader }));
    await field.fill(otherHeader);
    await expect(list).toHaveAttribute('data-outcome', 'same-as-received');
    await expect(page.getByTestId('server-diagnosis-summary')).toContainText('compares the header with itself');
  });

  test('Clear empties the field and hides the list', async ({ page }) => {
    const field = page.getByTestId('server-signature');
    await field.fill(serverHex('Array'));
    await expect(page.getByTestId('server-diagnosis-item')).toHaveAttribute('data-cause', 'body-object-coerced');
    await page.getByTestId('clear').click();
    await expect(field).toHaveValue('');
    await expect(page.getByTestId('server-diagnosis')).toHaveCount(0);
  });

  test('another delivery put on the page (the example, a link) empties the field; a body file of your own keeps it', async ({ page }) => {
    const field = page.getByTestId('server-signature');
    // A body file the person loads is theirs: what they typed about it stays.
    await field.fill(serverHex('Array'));
    await page.getByTestId('body-file').setInputFiles({ name: 'body.json', mimeType: 'application/json', buffer: Buffer.from(SPEC_BODY) });
    await expect(page.getByTestId('body-file-note')).toBeVisible();
    await expect(field).toHaveValue(serverHex('Array'));
    await expect(page.getByTestId('server-diagnosis-item')).toHaveAttribute('data-cause', 'body-object-coerced');

    await page.getByTestId('load-example').click();
    await expect(field).toHaveValue('');
    await expect(page.getByTestId('server-diagnosis')).toHaveCount(0);

    // A link opened in the same tab (hashchange): the value was for another body.
    await verifier.paste(SECRET, SPEC_BODY, headersFor(SPEC_BODY));
    await page.getByTestId('share').click();
    const link = await page.getByTestId('share-url').inputValue();
    await field.fill(serverHex('[object Object]'));
    await expect(page.getByTestId('server-diagnosis')).toBeVisible();
    await page.goto(`/${new URL(link).hash}`);
    await expect(page.getByTestId('link-opened')).toBeVisible();
    await expect(field).toHaveValue('');
    await expect(page.getByTestId('server-diagnosis')).toHaveCount(0);
  });

  test('over a shared body, the server diagnosis names outcomes only, never a signature', async ({ page, browser }) => {
    // The sender's delivery fails here (another secret signed it); they share it.
    await verifier.headers.fill(headersFor(SPEC_BODY, { 'x-cobinar-signature': cobinarSignature('whsec_sender', SPEC_BODY) }));
    await page.getByTestId('share').click();
    const link = await page.getByTestId('share-url').inputValue();
    const teammate = await browser.newPage();
    await teammate.goto(link);
    await expect(teammate.getByTestId('link-opened')).toBeVisible();
    await teammate.getByTestId('secret').fill(SECRET);
    await expect(teammate.getByTestId('verdict')).toHaveAttribute('data-verdict', 'invalid');
    const right = serverHex(SPEC_BODY);
    const field = teammate.getByTestId('server-signature');
    await field.fill(serverHex('[object Object]'));
    await expect(teammate.getByTestId('server-diagnosis-item')).toHaveAttribute('data-cause', 'body-object-coerced');
    await field.fill(right);
    await expect(teammate.getByTestId('server-diagnosis')).toHaveAttribute('data-outcome', 'correct');
    // What was typed stays in the field; the page itself writes the reader's HMAC nowhere.
    const shown = await teammate.evaluate(() => document.body.innerText + document.body.outerHTML.replace(/value="[^"]*"/g, ''));
    expect(shown).not.toContain(right);
    expect(shown).not.toContain(Buffer.from(right, 'hex').toString('base64'));
    await teammate.close();
  });

  test('a body over 64 KiB is not searched, and the page says so', async ({ page }) => {
    const large = JSON.stringify({ ...JSON.parse(SPEC_BODY), padding: 'x'.repeat(70 * 1024) });
    await verifier.paste(SECRET, large, headersFor(large));
    await page.getByTestId('server-signature').fill('9f'.repeat(32));
    await expect(page.getByTestId('server-diagnosis')).toHaveAttribute('data-outcome', 'too-large');
    await expect(page.getByTestId('server-diagnosis-summary')).toContainText('over 64 KiB');
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`the field and its list have no serious or critical axe violation, ${scheme} scheme`, async ({ page }) => {
      test.setTimeout(60_000);
      await page.emulateMedia({ colorScheme: scheme });
      await page.getByTestId('server-signature').fill(serverHex(`${UNIX_SECONDS}.${SPEC_BODY}`));
      await expect(page.getByTestId('server-diagnosis-item')).toHaveAttribute('data-cause', 'signed-content-scheme');
      const results = await new AxeBuilder({ page }).include('[data-testid="server-diagnosis"]').include('#server-signature').analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      expect(serious).toEqual([]);
    });
  }
});
