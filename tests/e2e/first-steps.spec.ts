import { expect, test } from './fixtures';
import { headersFor, SECRET, SPEC_BODY, VerifierPage } from './verifier-page';

// Issue 14's small things: nothing a person typed is lost to the example, focus goes where the
// answer is, the verdict bar points the right way, a share link says when it is out of date, and
// a huge paste does not slow every keystroke.

test('before any input, one first-run prompt stands in place of the header rows', async ({ page }) => {
  const verifier = new VerifierPage(page);
  await verifier.open();
  const prompt = page.getByTestId('first-run');
  const rows = page.locator('[data-testid^="check-x-cobinar-"]');
  await expect(prompt).toBeVisible();
  await expect(rows).toHaveCount(0);
  await expect(verifier.verdict).toHaveAttribute('data-verdict', 'incomplete');
  // What to paste, and where the secret comes from.
  await expect(prompt).toContainText('The raw body');
  await expect(prompt).toContainText('The headers');
  await expect(prompt).toContainText("Your application's Webhook Secret, from the Cobinar console");
  await expect(prompt).toContainText("The console's Webhooks page records each delivery's final outcome");

  // Anything entered brings the rows back; emptying everything brings the prompt back.
  await verifier.headers.fill('x');
  await expect(prompt).toHaveCount(0);
  await expect(rows).toHaveCount(4);
  await expect(verifier.check('x-cobinar-signature')).toHaveAttribute('data-status', 'missing');
  await verifier.headers.fill('');
  await expect(prompt).toBeVisible();
  await verifier.secret.fill('whsec_x');
  await expect(prompt).toHaveCount(0);
  await verifier.secret.fill('');

  // The prompt's own example: nothing was entered, so nothing to undo.
  await page.getByTestId('first-run-example').click();
  await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
  await expect(prompt).toHaveCount(0);
  await expect(rows).toHaveCount(4);
  await expect(page.getByTestId('load-example-undo')).toHaveCount(0);
});

test('Load an example offers an undo when it replaces what was typed', async ({ page }) => {
  const verifier = new VerifierPage(page);
  await verifier.open();
  await page.getByTestId('load-example').click();
  await expect(page.getByTestId('load-example-undo')).toHaveCount(0);
  await page.getByTestId('clear').click();

  await verifier.paste('whsec_mine', '{"mine":true}', 'x-cobinar-event: otp.failed');
  const server = page.getByTestId('server-signature');
  await server.fill('sha256=' + 'ab'.repeat(32));
  await expect(page.getByTestId('server-diagnosis')).toBeVisible();
  await page.getByTestId('load-example').click();
  await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
  // The value was about the replaced delivery: the example empties it.
  await expect(server).toHaveValue('');
  await expect(page.getByTestId('server-diagnosis')).toHaveCount(0);
  await page.getByTestId('load-example-undo').click();
  await expect(verifier.body).toHaveValue('{"mine":true}');
  await expect(verifier.headers).toHaveValue('x-cobinar-event: otp.failed');
  await expect(verifier.secret).toHaveValue('whsec_mine');
  // Undo gives back everything the example replaced, what the server computed included.
  await expect(server).toHaveValue('sha256=' + 'ab'.repeat(32));
  await expect(page.getByTestId('server-diagnosis')).toBeVisible();
  await expect(page.getByTestId('load-example-undo')).toHaveCount(0);

  // Only a value typed: the example still offers the way back to it.
  await page.getByTestId('clear').click();
  await server.fill('deadbeef');
  await page.getByTestId('load-example').click();
  await expect(server).toHaveValue('');
  await page.getByTestId('load-example-undo').click();
  await expect(server).toHaveValue('deadbeef');
});

test('Check it in the verifier moves focus to the result; the skip link leads there too', async ({ page }) => {
  const verifier = new VerifierPage(page);
  await verifier.open();
  await page.getByTestId('tab-echo').click();
  await page.getByTestId('load-into-verifier').click();
  await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('result');

  await page.reload();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('skip-to-result')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('result');
  expect(new URL(page.url()).hash).toBe('');
});

test('on a phone the verdict bar hides while the result is in view and points to it', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 640 });
  const verifier = new VerifierPage(page);
  await verifier.open();
  await verifier.paste(SECRET, SPEC_BODY, headersFor(SPEC_BODY));
  const bar = page.getByTestId('verdict-bar');
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute('data-points', 'down');
  await expect(bar).toContainText('↓');
  await page.locator('#result').scrollIntoViewIfNeeded();
  await expect(bar).toBeHidden();
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute('data-points', 'up');
  await expect(bar).toContainText('↑');
  await bar.click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('result');
});

test('a share link says when the page changed after it was made', async ({ page }) => {
  const verifier = new VerifierPage(page);
  await verifier.open();
  await verifier.paste(SECRET, SPEC_BODY, headersFor(SPEC_BODY));
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-url')).toHaveValue(/#v1\./);
  await expect(page.getByTestId('share-stale')).toHaveCount(0);
  await page.getByTestId('share-note').fill('changed after the link');
  await expect(page.getByTestId('share-stale')).toBeVisible();
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-stale')).toHaveCount(0);
  await page.getByTestId('share-include-secret').check();
  await expect(page.getByTestId('share-stale')).toBeVisible();
});

test('a paste over the worker threshold is held as exact bytes, the box left light', async ({ page }) => {
  const verifier = new VerifierPage(page);
  await verifier.open();
  const body = `{"pad":"${'p'.repeat(3 << 20)}"}\r\n`;
  await verifier.secret.fill(SECRET);
  await verifier.headers.fill(headersFor(body));
  await verifier.body.focus();
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.querySelector('[data-testid="body"]')?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, body);
  await expect(page.getByTestId('body-file-note')).toContainText('the paste');
  await expect(verifier.body).toHaveValue('');
  await expect(page.getByTestId('body-length')).toHaveText(`${Buffer.byteLength(body).toLocaleString('en-US')} bytes`);
  await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid', { timeout: 20_000 });
});
