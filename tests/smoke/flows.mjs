// The four main flows of the page, written once against a small page interface (engines.mjs
// gives one for Firefox over WebDriver BiDi and one for WebKit over WebDriver classic). Each is
// asserted on the same data-testids as the end-to-end tests (tests/e2e/).
import { createHmac } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';

/** The documentation's otp.verified delivery, as in tests/e2e/verifier-page.ts. */
export const SPEC_BODY =
  '{"id":"e3a9c1f0-5b7d-4e2a-9c61-2f8d0b7a4e13","event":"otp.verified","createdAt":"2026-07-03T14:22:10.000Z",' +
  '"payload":{"requestId":"a4b8c2d1-7e3f-4a90-b1c5-d2e6f8091a3b","phone":"+999 482 918 102","verifiedAt":"2026-07-03T14:22:10.000Z"}}';
export const SECRET = 'whsec_e2e_3c1d9f';

/** Signed with Node's own crypto: an implementation independent of the page's. */
export function headersFor(body) {
  return [
    `x-cobinar-signature: sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
    'x-cobinar-event: otp.verified',
    'x-cobinar-event-id: e3a9c1f0-5b7d-4e2a-9c61-2f8d0b7a4e13',
    'x-cobinar-timestamp: 2026-07-03T14:22:10.000Z',
  ].join('\n');
}

/** The fixture a v1 share link carries, read with Node's zlib (the format, checked independently). */
function readLink(url) {
  const [version, , data] = new URL(url).hash.slice(1).split('.');
  if (version !== 'v1') throw new Error(`not a v1 link: ${url}`);
  const bytes = Buffer.from(data, 'base64url');
  return JSON.parse(inflateRawSync(bytes.subarray(0, bytes.length - 4)).toString('utf8'));
}

const byId = (id) => `[data-testid="${id}"]`;

/** Opens the page fresh and waits until the app has mounted. */
async function open(page) {
  await page.goto('/');
  await page.waitForAttribute(byId('verdict'), 'data-verdict', 'incomplete');
}

async function pasteValid(page) {
  await page.fill(byId('secret'), SECRET);
  await page.fill(byId('body'), SPEC_BODY);
  await page.fill(byId('headers'), headersFor(SPEC_BODY));
  await page.waitForAttribute(byId('verdict'), 'data-verdict', 'valid');
}

// Typed composed at sealing and decomposed at unlocking: the page must NFC-normalize both.
const PASSPHRASE = 'Crème brûlée für Zoë, bitte';

export const flows = [
  {
    name: 'verify: valid, then invalid with the trailing-newline diagnosis',
    async run({ page }) {
      await open(page);
      await pasteValid(page);
      await page.fill(byId('body'), `${SPEC_BODY}\n`);
      await page.waitForAttribute(byId('verdict'), 'data-verdict', 'invalid');
      await page.waitForAttribute(byId('diagnosis'), 'data-cause', 'body-trailing-newline');
    },
  },
  {
    name: 'echo: generate a delivery and load it into the verifier',
    async run({ page }) {
      await open(page);
      await page.click(byId('tab-echo'));
      await page.fill(byId('secret'), 'whsec_echo_smoke_91ab');
      const request = byId('delivery-request');
      await page.waitFor('the echo shows a delivery', (sel) => (document.querySelector(sel)?.textContent ?? '') !== '', request);
      const before = await page.evaluate((sel) => document.querySelector(sel).textContent, request);
      await page.click(byId('generate'));
      await page.waitFor('generate makes a new delivery', (sel, old) => document.querySelector(sel)?.textContent !== old, request, before);
      await page.click(byId('load-into-verifier'));
      await page.waitForAttribute(byId('verdict'), 'data-verdict', 'valid');
    },
  },
  {
    name: 'share: a link with the secret sealed under a passphrase, unlocked in a fresh page',
    async run({ page, freshPage }) {
      await open(page);
      await pasteValid(page);
      // The element's own click(): a coordinate click can land beside a checkbox while the page
      // is still laying out under load (seen once in Firefox on a busy 2-core machine).
      await page.evaluate((sel) => document.querySelector(sel).click(), byId('share-include-secret'));
      await page.waitFor('the secret is to be included', (sel) => document.querySelector(sel)?.checked === true, byId('share-include-secret'));
      await page.fill(byId('share-passphrase'), PASSPHRASE.normalize('NFC'));
      await page.click(byId('share'));
      await page.waitFor('share-url holds a v1 link', (sel) => /#v1\.\d+\./.test(document.querySelector(sel)?.value ?? ''), byId('share-url'));
      const link = await page.evaluate((sel) => document.querySelector(sel).value, byId('share-url'));
      const fixture = readLink(link);
      if (JSON.stringify(fixture).includes(SECRET) || !fixture.sealedSecret) {
        throw new Error(`the link does not carry the secret sealed: ${Object.keys(fixture).join(', ')}`);
      }

      // In WebKit the fresh page ends the first one (one WebDriver session at a time).
      const teammate = await freshPage();
      await teammate.goto(link);
      await teammate.waitFor('the link offers to unlock', (sel) => document.querySelector(sel) !== null, byId('link-passphrase'));
      const before = await teammate.evaluate((sel) => document.querySelector(sel)?.value ?? '', byId('secret'));
      if (before !== '') throw new Error(`the fresh page has a secret before unlocking: ${JSON.stringify(before)}`);
      await teammate.fill(byId('link-passphrase'), PASSPHRASE.normalize('NFD'));
      await teammate.click(byId('link-unlock'));
      await teammate.waitForValue(byId('secret'), SECRET);
      await teammate.waitForAttribute(byId('verdict'), 'data-verdict', 'valid');
      // The link carried the sender's verdict (after its deflate stream, which readLink's zlib
      // passes over); with the secret unlocked, this page finds the same.
      await teammate.waitForAttribute(byId('sender-verdict'), 'data-agreement', 'same');
    },
  },
  {
    name: 'import: a raw HTTP request pasted into "Paste anything"',
    async run({ page }) {
      await open(page);
      await page.fill(byId('secret'), SECRET);
      // The import is an open drop zone: nothing to unfold first.
      await page.waitFor('the import zone is on the page', (sel) => document.querySelector(sel) !== null, byId('import-zone'));
      await page.fill(byId('import'), `POST /webhooks/auth HTTP/1.1\n${headersFor(SPEC_BODY)}\n\n${SPEC_BODY}`);
      await page.click(byId('import-apply'));
      await page.waitForAttribute(byId('verdict'), 'data-verdict', 'valid');
    },
  },
];
