import { expect, test, type Page } from './fixtures';
import { createHash, createHmac } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { headersFor, SECRET, VerifierPage } from './verifier-page';

// Hostile input, end to end: it renders as inert text, nothing runs, the page stays responsive,
// and where a message is due there is one.
const SCRIPT = '<script>window.__pwned = "script"</script>';
const HANDLER = '<img src=x onerror="window.__pwned = \'handler\'">';
const JS_URL = 'javascript:window.__pwned="url"';
const RLO = '\u202egnp.exe';

/** Puts a large value in a field the way a paste delivers it: the value, then one input event.
 * (Playwright's fill types through the editor, which for megabytes takes minutes.) */
async function setLarge(page: Page, testId: string, value: string) {
  await page.getByTestId(testId).evaluate((field: HTMLTextAreaElement, text) => {
    field.value = text;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

/** A share link made with Node's own zlib and crypto, as the page frames one. */
function linkFor(fixture: Record<string, unknown>): string {
  const framed = deflateRawSync(Buffer.from(JSON.stringify(fixture)));
  const checksum = createHash('sha256').update(framed).digest().subarray(0, 4);
  const data = Buffer.concat([framed, checksum]).toString('base64url');
  return `v1.${data.length}.${data}`;
}

/**
 * Typing still reaches the verdict promptly: an edit moves the verdict off what it shows, and
 * undoing the edit brings it back. A decided verdict loses its secret (`incomplete`); an
 * `incomplete` one gets what it lacks, a secret and a signature header that does not match
 * (`invalid`): so an unchanged verdict is never taken for an answer.
 */
async function stillResponsive(page: Page, verifier: VerifierPage) {
  const before = await verifier.verdict.getAttribute('data-verdict');
  const [secret, headers] = [await verifier.secret.inputValue(), await verifier.headers.inputValue()];
  if (before === 'incomplete') {
    await verifier.secret.fill(SECRET);
    // Typed at the start of the box, in one input event however many lines it holds.
    await verifier.headers.focus();
    await verifier.headers.evaluate((field: HTMLTextAreaElement) => field.setSelectionRange(0, 0));
    await page.keyboard.insertText(`x-cobinar-signature: sha256=${'0'.repeat(64)}\n`);
    // A 10 MB body is signed again under the secret, off the page's thread.
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'invalid', { timeout: 10_000 });
    await verifier.secret.fill(secret);
    await setLarge(page, 'headers', headers);
  } else {
    await verifier.secret.fill('');
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'incomplete', { timeout: 5000 });
    await verifier.secret.fill(secret);
  }
  await expect(verifier.verdict).toHaveAttribute('data-verdict', before!, { timeout: 30_000 });
}

test.describe('hostile input', () => {
  let verifier: VerifierPage;

  test.beforeEach(async ({ page }) => {
    page.on('dialog', (dialog) => {
      throw new Error(`a dialog opened: ${dialog.message()}`);
    });
    verifier = new VerifierPage(page);
    await verifier.open();
  });

  test.afterEach(async ({ page }) => {
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
  });

  test('markup, handlers and javascript: URLs in bodies and headers are inert text', async ({ page }) => {
    const body = `{"id":"${SCRIPT}","event":"${HANDLER}","createdAt":"${JS_URL}","payload":{"n":"${RLO}"}}`;
    const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    await verifier.paste(
      SECRET,
      body,
      `x-cobinar-signature: ${signature}\nx-cobinar-event: ${HANDLER}\nx-cobinar-event-id: ${SCRIPT}x\nx-cobinar-timestamp: ${JS_URL}\nx-evil: ${RLO}`,
    );
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
    await expect(verifier.check('x-cobinar-event')).toHaveAttribute('data-status', 'malformed');
    await expect(verifier.check('x-cobinar-event-id').getByTestId('received-value')).toContainText('<script>');
    await expect(verifier.check('x-cobinar-timestamp')).toContainText('javascript:');
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    await expect(page.locator('main script')).toHaveCount(0);
    await expect(page.getByTestId('body-bytes-text').locator('[data-mark="direction"]')).toHaveText('RLO');
    await page.getByTestId('share').click();
    await page.getByTestId('tab-echo').click();
    await page.getByTestId('endpoint').fill(JS_URL);
    await expect(page.getByTestId('endpoint-error')).toContainText('http:// or https://');
    await page.getByTestId('tab-verify').click();
    await stillResponsive(page, verifier);
  });

  test('NUL bytes and invalid UTF-8 arrive through import, exactly, and are marked', async ({ page }) => {
    const body = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0x00, 0xff, 0xfe, 0xc3]), Buffer.from('"}')]);
    const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    const request = Buffer.concat([Buffer.from(`POST / HTTP/1.1\r\nx-cobinar-signature: ${signature}\r\n\r\n`), body]);
    await verifier.secret.fill(SECRET);
    await expect(page.getByTestId('import-zone')).toBeVisible();
    await page.getByTestId('import-file').setInputFiles({ name: 'raw.http', mimeType: 'application/octet-stream', buffer: request });
    await expect(page.getByTestId('import-status')).toContainText('from a raw HTTP request');
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
    await expect(page.getByTestId('body-bytes-summary')).toContainText('3 bytes not valid UTF-8');
    await expect(page.getByTestId('body-bytes-text').locator('[data-mark="control"]')).toHaveText('\\x00');
    await expect(page.getByTestId('body-file-note')).toContainText('not valid UTF-8');
  });

  test('a 10 MB body and 100,000 header lines', async ({ page }) => {
    test.setTimeout(90_000);
    const big = Buffer.from('{"id":"x","event":"otp.verified","pad":"' + 'y'.repeat((10 << 20) - 44) + '"}');
    await verifier.secret.fill(SECRET);
    await verifier.headers.fill(headersFor(big));
    await page.getByTestId('body-file').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: big });
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid', { timeout: 30_000 });
    await expect(page.getByTestId('body-file-note')).toContainText('too large to show in the box');
    await stillResponsive(page, verifier);

    await setLarge(page, 'headers', 'x-junk: 1\n'.repeat(50_000) + 'not a header\n'.repeat(50_000));
    await expect(page.getByTestId('headers-skipped')).toContainText('and 49990 more are not "Name: value"');
    await expect(verifier.check('x-cobinar-signature')).toHaveAttribute('data-status', 'missing');
    await stillResponsive(page, verifier);
  });

  test('a short link with a header of 250,000 spaces opens promptly', async ({ page }) => {
    // Each space inside a value was once told by reading every character on one side of it:
    // minutes for this 700-odd-character link.
    const body = '{"id":"e3a9","event":"otp.verified"}';
    const value = `a${' '.repeat(250_000)}b`;
    const link = linkFor({ webhookEchoFixture: 1, body, headers: `x-cobinar-event-id: ${value}\nx-cobinar-event: otp.verified` });
    expect(link.length).toBeLessThan(1000);
    await page.goto(`/#${link}`);
    await expect(page.getByTestId('link-opened')).toBeVisible({ timeout: 10_000 });
    const row = verifier.check('x-cobinar-event-id');
    await expect(row).toHaveAttribute('data-status', 'mismatch', { timeout: 10_000 });
    await expect(row.getByTestId('received-value')).toContainText('a     ');
    await stillResponsive(page, verifier);
  });

  test('every invisible character is a token, and past the cap the value stops instead of showing them raw', async ({ page }) => {
    const body = '{"id":"e3a9","event":"otp.verified"}';
    // U+2063 was in the endpoint's table but not the header rows': a raw, unexplained "unknown event".
    await verifier.paste(SECRET, body, headersFor(body, { 'x-cobinar-event': 'otp.verified\u2063' }));
    const event = verifier.check('x-cobinar-event');
    await expect(event).toContainText('though it looks like otp.verified');
    await expect(event.getByTestId('invisible-char')).toHaveAttribute('data-code', 'U+2063');
    await expect(event.getByTestId('received-value')).toHaveText('otp.verified⟨U+2063⟩');

    // 256 zero-width spaces, then a right-to-left override: never rendered raw.
    await verifier.headers.fill(headersFor(body, { 'x-cobinar-event': `${'\u200b'.repeat(256)}${RLO}` }));
    const shown = event.getByTestId('received-value');
    await expect(shown.getByTestId('invisible-char')).toHaveCount(256);
    await expect(shown.getByTestId('value-elided')).toHaveText('…and 8 more characters, not shown');
    expect(await shown.innerText()).not.toMatch(/[\u200b\u202e]/);
    expect(await event.innerText()).not.toMatch(/[\u200b\u202e]/);
    // Each value is isolated, so nothing in it reorders the row.
    await expect(shown.locator('bdi')).toHaveCount(1);
    expect(await shown.evaluate((dd) => getComputedStyle(dd).unicodeBidi)).toBe('isolate');
  });

  test('characters drawn as a blank are tokens in header values, never gaps that read as words', async ({ page }) => {
    const body = '{"id":"e3a9","event":"otp.verified"}';
    // U+2800 is neither whitespace nor default-ignorable: it was shown raw, so the value read as
    // four words; the Hangul fillers and the ideographic space are named with it.
    const blanks = ['\u2800', '\u3164', '\u3000', '\uFFA0', '\u115F', '\u1160'];
    await verifier.paste(SECRET, body, headersFor(body, { 'x-cobinar-event-id': `evt_1${blanks.join('')}valid` }));
    const shown = verifier.check('x-cobinar-event-id').getByTestId('received-value');
    const codes = blanks.map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
    await expect(shown.getByTestId('invisible-char')).toHaveCount(blanks.length);
    await expect(shown).toHaveText(`evt_1${codes.map((code) => `⟨${code}⟩`).join('')}valid`);
    expect(await shown.innerText()).not.toMatch(/[\u2800\u3164\u3000\uFFA0\u115F\u1160]/);
    await expect(verifier.check('x-cobinar-event-id')).toContainText('BRAILLE PATTERN BLANK');
  });

  test("a link's note cannot reorder the banner: its invisible characters are tokens, inside a bdi", async ({ page }) => {
    const body = '{"id":"e3a9","event":"otp.verified"}';
    const note = `checked by the team\u200b ${RLO} — all fine`;
    await page.goto(`/#${linkFor({ webhookEchoFixture: 1, body, headers: headersFor(body), note })}`);
    const shown = page.getByTestId('link-note');
    await expect(shown).toHaveText('checked by the team⟨U+200B⟩ ⟨U+202E⟩gnp.exe — all fine');
    expect(await page.getByTestId('link-opened').innerText()).not.toMatch(/[\u200b\u202e]/);
    await expect(shown.locator('bdi')).toHaveCount(1);
  });

  test('links made to crash the decoder get a message, and the page goes on', async ({ page }) => {
    await verifier.body.fill('kept');
    for (const bad of ['v1.', 'v1.99999999999999999999.x', 'v1.4.////', `v1.5.${'A'.repeat(5)}`, 'v0.1.A', `v1.3.${'%'.repeat(3)}`]) {
      await page.goto(`/#${bad}`);
      await expect(page.getByTestId('link-error')).toBeVisible();
      await expect(verifier.body).toHaveValue('kept');
    }
    await stillResponsive(page, verifier);
  });
});
