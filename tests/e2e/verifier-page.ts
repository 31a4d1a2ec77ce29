import { expect, type Locator, type Page } from '@playwright/test';
import { createHmac } from 'node:crypto';

/** The documentation's otp.verified delivery. */
export const SPEC_BODY =
  '{"id":"e3a9c1f0-5b7d-4e2a-9c61-2f8d0b7a4e13","event":"otp.verified","createdAt":"2026-07-03T14:22:10.000Z",' +
  '"payload":{"requestId":"a4b8c2d1-7e3f-4a90-b1c5-d2e6f8091a3b","phone":"+999 482 918 102","verifiedAt":"2026-07-03T14:22:10.000Z"}}';
export const SECRET = 'whsec_e2e_3c1d9f';

/** What Cobinar's documentation computes, with Node's own crypto: an implementation independent of ours. */
export function cobinarSignature(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function headersFor(body: string | Buffer, overrides: Record<string, string> = {}): string {
  const headers: Record<string, string> = {
    'x-cobinar-signature': cobinarSignature(SECRET, body),
    'x-cobinar-event': 'otp.verified',
    'x-cobinar-event-id': 'e3a9c1f0-5b7d-4e2a-9c61-2f8d0b7a4e13',
    'x-cobinar-timestamp': '2026-07-03T14:22:10.000Z',
    ...overrides,
  };
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

/** The verifier as a person uses it, by its stable data-testid selectors. */
export class VerifierPage {
  readonly secret: Locator;
  readonly body: Locator;
  readonly headers: Locator;
  readonly verdict: Locator;
  readonly expectedSignature: Locator;

  constructor(readonly page: Page) {
    this.secret = page.getByTestId('secret');
    this.body = page.getByTestId('body');
    this.headers = page.getByTestId('headers');
    this.verdict = page.getByTestId('verdict');
    this.expectedSignature = page.getByTestId('expected-signature');
  }

  async open() {
    await this.page.goto('/');
    await expect(this.verdict).toHaveAttribute('data-verdict', 'incomplete');
  }

  check(header: string): Locator {
    return this.page.getByTestId(`check-${header}`);
  }

  async paste(secret: string, body: string, headers: string) {
    await this.secret.fill(secret);
    await this.body.fill(body);
    await this.headers.fill(headers);
  }
}

/**
 * What the clipboard holds, read by a page of another origin: the app's own Permissions-Policy
 * (clipboard-read=()) forbids reading it there, so that the page can never read a copied secret.
 * Needs the context's clipboard-read permission; gives `page` the focus back.
 */
export async function clipboardText(page: Page): Promise<string> {
  const reader = await page.context().newPage();
  // Loopback is a secure context, as the Clipboard API requires; the route answers, no server.
  const url = 'http://127.0.0.1:9/clipboard-reader';
  await reader.route(url, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>clipboard reader</title>' }));
  await reader.goto(url);
  await reader.bringToFront();
  const text = await reader.evaluate(() => navigator.clipboard.readText());
  await reader.close();
  await page.bringToFront();
  return text;
}
