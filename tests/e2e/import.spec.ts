import { expect, test } from './fixtures';
import { headersFor, SECRET, SPEC_BODY, VerifierPage } from './verifier-page';

/** A terminal as it is copied: the command over several lines, curl -v's lines, the response. */
function transcript(): string {
  const headers = headersFor(SPEC_BODY).split('\n');
  const command = [
    "$ curl -v --request POST 'http://localhost:3000/webhooks/auth'",
    "  --header 'content-type: application/json'",
    ...headers.map((h) => `  --header '${h}'`),
    `  --data-raw '${SPEC_BODY.replaceAll("'", "'\\''")}'`,
  ].join(' \\\n');
  const bytes = Buffer.byteLength(SPEC_BODY);
  return [
    command,
    '*   Trying 127.0.0.1:3000...',
    '* Connected to localhost (127.0.0.1) port 3000',
    '> POST /webhooks/auth HTTP/1.1',
    '> Host: localhost:3000',
    '> User-Agent: curl/8.5.0',
    '> Accept: */*',
    '> content-type: application/json',
    ...headers.map((h) => `> ${h}`),
    `> Content-Length: ${bytes}`,
    '> ',
    `} [${bytes} bytes data]`,
    '* upload completely sent off: ' + bytes + ' bytes',
    '< HTTP/1.1 401 Unauthorized',
    '< X-Powered-By: Express',
    '< Content-Type: application/json; charset=utf-8',
    '< Content-Length: 12',
    '< ETag: W/"c-abc"',
    '< Date: Mon, 30 Nov 2026 09:00:00 GMT',
    '< Connection: keep-alive',
    '< Keep-Alive: timeout=5',
    '< ',
    '{ [12 bytes data]',
    '* Connection #0 to host localhost left intact',
    '{"ok":false}',
    '',
  ].join('\n');
}

test.describe('paste anything, as it really looks', () => {
  let verifier: VerifierPage;

  test.beforeEach(async ({ page }) => {
    verifier = new VerifierPage(page);
    await verifier.open();
    await verifier.secret.fill(SECRET);
  });

  test('a curl command mixed with its -v output and the response imports and verifies', async ({ page }) => {
    await expect(page.getByTestId('import-zone')).toBeVisible();
    await page.getByTestId('import').fill(transcript());
    await page.getByTestId('import-apply').click();
    const status = page.getByTestId('import-status');
    await expect(status).toContainText('from a curl command and its -v output');
    await expect(status).toContainText('Took 4 x-cobinar-* headers');
    await expect(status).toContainText('passed over 7 response headers');
    await expect(status).toContainText("curl's progress lines");
    await expect(page.getByTestId('import-error')).toHaveCount(0);
    await expect(verifier.body).toHaveValue(SPEC_BODY);
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
  });

  test('a file dropped onto the zone is imported', async ({ page }) => {
    const request = `POST /webhooks/auth HTTP/1.1\r\n${headersFor(SPEC_BODY).replaceAll('\n', '\r\n')}\r\n\r\n${SPEC_BODY}`;
    const zone = page.getByTestId('import-zone');
    const dataTransfer = await page.evaluateHandle((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'delivery.http', { type: 'application/octet-stream' }));
      return data;
    }, request);
    await zone.dispatchEvent('dragenter', { dataTransfer });
    await expect(zone).toHaveClass(/we-import--dragging/);
    await zone.dispatchEvent('drop', { dataTransfer });
    await expect(zone).not.toHaveClass(/we-import--dragging/);
    await expect(page.getByTestId('import-status')).toContainText('from a raw HTTP request');
    await expect(verifier.body).toHaveValue(SPEC_BODY);
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
  });
});
