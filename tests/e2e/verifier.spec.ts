import { expect, test } from './fixtures';
import { cobinarSignature, headersFor, SECRET, SPEC_BODY, VerifierPage } from './verifier-page';

test.describe('verifying a delivery', () => {
  let verifier: VerifierPage;

  test.beforeEach(async ({ page }) => {
    verifier = new VerifierPage(page);
    await verifier.open();
  });

  test('a genuine delivery is valid, with every header ok', async () => {
    await verifier.paste(SECRET, SPEC_BODY, headersFor(SPEC_BODY));
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
    await expect(verifier.verdict).toContainText('Genuine');
    await expect(verifier.expectedSignature).toHaveText(cobinarSignature(SECRET, SPEC_BODY));
    for (const header of ['x-cobinar-signature', 'x-cobinar-event', 'x-cobinar-event-id', 'x-cobinar-timestamp']) {
      await expect(verifier.check(header)).toHaveAttribute('data-status', 'ok');
    }
  });

  test('one changed body byte is invalid, and the signature row says mismatch', async () => {
    await verifier.paste(SECRET, SPEC_BODY, headersFor(SPEC_BODY));
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
    await verifier.body.fill(SPEC_BODY.replace('918 102', '918 103'));
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'invalid');
    const row = verifier.check('x-cobinar-signature');
    await expect(row).toHaveAttribute('data-status', 'mismatch');
    await expect(row.locator('mark').first()).toBeVisible();
    // The other headers still agree with the body.
    await expect(verifier.check('x-cobinar-event')).toHaveAttribute('data-status', 'ok');
  });

  test('a difference that cannot be seen is named, with its code point and place, and shown', async () => {
    // 'otp.verified' with a zero-width space after it looks like 'otp.verified'.
    await verifier.paste(SECRET, SPEC_BODY, headersFor(SPEC_BODY, { 'x-cobinar-event': 'otp.verified\u200b' }));
    const row = verifier.check('x-cobinar-event');
    await expect(row).toHaveAttribute('data-status', 'malformed');
    await expect(row).toContainText('though it looks like otp.verified');
    await expect(row).toContainText('the received value has U+200B ZERO WIDTH SPACE at character 13');
    const token = row.getByTestId('received-value').getByTestId('invisible-char');
    await expect(token).toHaveText('⟨U+200B⟩');
    await expect(token).toHaveAttribute('data-code', 'U+200B');
    await expect(row.getByTestId('expected-value')).toHaveText('otp.verified');

    // On the body's side: a no-break space after the id, where the header has none.
    const id = 'e3a9c1f0-5b7d-4e2a-9c61-2f8d0b7a4e13';
    const body = SPEC_BODY.replace(`"${id}"`, `"${id}\u00a0"`);
    await verifier.paste(SECRET, body, headersFor(body));
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
    const idRow = verifier.check('x-cobinar-event-id');
    await expect(idRow).toHaveAttribute('data-status', 'mismatch');
    await expect(idRow).toContainText('the expected value has U+00A0 NO-BREAK SPACE at character 37');
    await expect(idRow.getByTestId('expected-value').getByTestId('invisible-char')).toHaveText('⟨U+00A0⟩');
    await expect(idRow.getByTestId('received-value').getByTestId('invisible-char')).toHaveCount(0);

    // A difference that can be seen gets no such words and no token.
    await verifier.headers.fill(headersFor(SPEC_BODY, { 'x-cobinar-event': 'otp.failed' }));
    await expect(row).toHaveAttribute('data-status', 'mismatch');
    await expect(row).not.toContainText('cannot see');
    await expect(row.getByTestId('invisible-char')).toHaveCount(0);
  });

  test('an event header that disagrees with the body marks that row', async () => {
    await verifier.paste(SECRET, SPEC_BODY, headersFor(SPEC_BODY, { 'x-cobinar-event': 'otp.failed' }));
    const row = verifier.check('x-cobinar-event');
    await expect(row).toHaveAttribute('data-status', 'mismatch');
    await expect(row).toContainText('the body\'s event is "otp.verified"');
    await expect(row.getByTestId('received-value').locator('mark')).toHaveText('fail');
    await expect(row.getByTestId('expected-value').locator('mark')).toHaveText('verifi');
    // The signature covers the body only, so it still matches.
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
    await expect(verifier.verdict).toContainText('another header');
  });

  test('a CRLF body is checked byte for byte, typed with the CRLF choice or loaded from a file', async ({ page }) => {
    const crlfBody = '{\r\n  "id": "e3a9c1f0-5b7d-4e2a-9c61-2f8d0b7a4e13",\r\n  "event": "otp.verified",\r\n  "createdAt": "2026-07-03T14:22:10.000Z"\r\n}\r\n';
    await verifier.paste(SECRET, crlfBody.replaceAll('\r\n', '\n'), headersFor(crlfBody));
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'invalid');
    await page.getByTestId('line-ending-crlf').check();
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');

    await page.getByTestId('line-ending-lf').check();
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'invalid');
    await page.getByTestId('body-file').setInputFiles({
      name: 'delivery.json',
      mimeType: 'application/json',
      buffer: Buffer.from(crlfBody),
    });
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
    await expect(page.getByTestId('body-file-note')).toContainText('delivery.json');
    await expect(page.getByTestId('body-length')).toHaveText(`${Buffer.byteLength(crlfBody)} bytes`);
  });

  test('a body that is not JSON is still verified over its raw bytes', async () => {
    const body = 'event=otp.verified&id=1';
    await verifier.paste(SECRET, body, headersFor(body));
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
    await expect(verifier.check('x-cobinar-event')).toHaveAttribute('data-status', 'warning');
    await expect(verifier.check('x-cobinar-event')).toContainText('not JSON');
  });

  test('the secret is masked until shown, and the example loads a valid delivery', async ({ page }) => {
    // Masked by CSS in a text field: password managers neither offer to save it nor fill it.
    const masking = () => verifier.secret.evaluate((input) => getComputedStyle(input).getPropertyValue('-webkit-text-security'));
    expect(await masking()).toBe('disc');
    await expect(verifier.secret).toHaveAttribute('autocomplete', 'off');
    await expect(verifier.secret).toHaveAttribute('type', 'text');
    await page.getByTestId('secret-toggle').click();
    await expect.poll(masking).toBe('none');
    await page.getByTestId('load-example').click();
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
    await page.getByTestId('clear').click();
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'incomplete');
    await expect(verifier.body).toHaveValue('');
  });
});

test('window.webhookEcho signs and verifies with the same core', async ({ page }) => {
  await page.goto('/');
  await page.waitForFunction(() => 'webhookEcho' in window);
  const result = await page.evaluate(
    ({ secret, body, signature }) => {
      const api = (window as any).webhookEcho;
      return {
        signed: api.sign(secret, body),
        verified: api.verify({
          secret,
          body,
          headers: {
            'X-Cobinar-Signature': signature,
            'x-cobinar-event': 'otp.failed',
            'x-cobinar-event-id': 'e3a9c1f0-5b7d-4e2a-9c61-2f8d0b7a4e13',
            'x-cobinar-timestamp': '2026-07-03T14:22:10.000Z',
          },
        }),
        thrown: (() => {
          try {
            api.verify({ secret, body: 42 });
            return null;
          } catch (error) {
            return String(error);
          }
        })(),
      };
    },
    { secret: SECRET, body: SPEC_BODY, signature: cobinarSignature(SECRET, SPEC_BODY) },
  );
  expect(result.signed).toBe(cobinarSignature(SECRET, SPEC_BODY));
  expect(result.verified.verdict).toBe('valid');
  expect(result.verified.expectedSignature).toBe(cobinarSignature(SECRET, SPEC_BODY));
  expect(result.verified.checks.map((c: { header: string; status: string }) => [c.header, c.status])).toEqual([
    ['x-cobinar-signature', 'ok'],
    ['x-cobinar-event', 'mismatch'],
    ['x-cobinar-event-id', 'ok'],
    ['x-cobinar-timestamp', 'ok'],
  ]);
  expect(result.thrown).toContain('TypeError');
});
