import { expect, test, type Page } from './fixtures';
import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { headersFor, SPEC_BODY, VerifierPage } from './verifier-page';

// Issue 24: saved work holds phone numbers. Forgetting and tidying find every entry by its key,
// whatever the list of links' entries (the index) says; a refused write leaves nothing unlisted;
// and a link's body never stays on as the page's own work.

const INDEX = 'webhook-echo:v2:wip-links';
const DAY = 24 * 60 * 60 * 1000;
const LINK_BODY = SPEC_BODY.replace('+999 482 918 102', '+999 111 222 333');

/** A share link in the v1 format, made with Node's own zlib and crypto. */
function linkFor(fixture: Record<string, unknown>): string {
  const json = JSON.stringify({ webhookEchoFixture: 1, ...fixture });
  const compressed = deflateRawSync(Buffer.from(json), { level: 9 });
  const data = Buffer.concat([compressed, createHash('sha256').update(compressed).digest().subarray(0, 4)]).toString('base64url');
  return `v1.${data.length}.${data}`;
}

/** Every key of saved work, in either format. */
const wipKeys = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((key) => /^webhook-echo:v\d+:wip/.test(key)).sort());

/**
 * Kept bodies with phone numbers, as the page writes them (two links' and a file's entries, and
 * one of the first format), saved `age` ms ago, under an index made unreadable.
 */
async function seedBehindDamagedIndex(page: Page, age: number) {
  await page.evaluate(
    ({ age, index }) => {
      const kept = (phone: string) =>
        JSON.stringify({
          savedAt: Date.now() - age,
          shared: 'link',
          fixture: JSON.stringify({ webhookEchoFixture: 1, body: `{"phone":"${phone}"}`, headers: '' }),
        });
      localStorage.setItem('webhook-echo:v2:wip:0011223344556677', kept('+999 100 000 001'));
      localStorage.setItem('webhook-echo:v2:wip:8899aabbccddeeff', kept('+999 100 000 002'));
      localStorage.setItem('webhook-echo:v2:wip:file-0123456789abcdef', kept('+999 100 000 003'));
      localStorage.setItem('webhook-echo:v1:wip:0011223344556677', JSON.stringify({ webhookEchoFixture: 1, body: '{"phone":"+999 100 000 004"}' }));
      localStorage.setItem(index, '{{garbage');
      localStorage.setItem('webhook-echo:v1:wip-links', '{{garbage');
    },
    { age, index: INDEX },
  );
}

test.describe('a damaged index hides no saved work', () => {
  test('Stop keeping removes every entry, found by its key', async ({ page }) => {
    const verifier = new VerifierPage(page);
    await verifier.open();
    await verifier.body.fill(SPEC_BODY);
    await expect.poll(() => wipKeys(page)).toContain('webhook-echo:v2:wip');
    await seedBehindDamagedIndex(page, DAY);
    await page.getByTestId('saved-work-toggle').click();
    await expect(page.getByTestId('saved-work')).toHaveAttribute('data-saving', 'false');
    await expect.poll(() => wipKeys(page)).toEqual([]);
  });

  test('Clear removes every entry, found by its key', async ({ page }) => {
    const verifier = new VerifierPage(page);
    await verifier.open();
    await verifier.paste('whsec_mine', SPEC_BODY, headersFor(SPEC_BODY));
    await expect.poll(() => wipKeys(page)).toContain('webhook-echo:v2:wip');
    await seedBehindDamagedIndex(page, DAY);
    await page.getByTestId('clear').click();
    await expect(verifier.body).toHaveValue('');
    await expect.poll(() => wipKeys(page)).toEqual([]);
  });

  test('entries 30 days old expire at start, and the index is rebuilt from the keys', async ({ page }) => {
    const verifier = new VerifierPage(page);
    await verifier.open();
    await seedBehindDamagedIndex(page, 30 * DAY);
    await page.reload();
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'incomplete');
    await expect.poll(() => wipKeys(page)).toEqual([]);

    // Fresh entries behind a damaged index are kept, and listed again.
    await seedBehindDamagedIndex(page, DAY);
    await page.reload();
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'incomplete');
    await expect
      .poll(() => page.evaluate((index) => localStorage.getItem(index), INDEX))
      .toBe(JSON.stringify(['webhook-echo:v2:wip:0011223344556677', 'webhook-echo:v2:wip:8899aabbccddeeff', 'webhook-echo:v2:wip:file-0123456789abcdef']));
    expect(await wipKeys(page)).toEqual([
      INDEX,
      'webhook-echo:v2:wip:0011223344556677',
      'webhook-echo:v2:wip:8899aabbccddeeff',
      'webhook-echo:v2:wip:file-0123456789abcdef',
    ]);
  });
});

test('a refused write of the index leaves no entry unlisted, and says the work is not kept', async ({ page }) => {
  // A full quota, for the index only: the entry's own write succeeds first.
  await page.addInitScript((index) => {
    (window as any).__refused = 0;
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      if (key === index) {
        (window as any).__refused += 1;
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return setItem.call(this, key, value);
    };
  }, INDEX);
  const verifier = new VerifierPage(page);
  await verifier.open();
  await page.evaluate((fragment) => (location.hash = fragment), linkFor({ body: LINK_BODY, headers: 'x-cobinar-event: otp.verified' }));
  await expect(page.getByTestId('link-opened')).toBeVisible();
  // The link's work is saved as the page saves it, a moment after it changes.
  await page.waitForFunction(() => (window as any).__refused > 0);
  const unlisted = await page.evaluate((index) => {
    const listed: string[] = (() => {
      try {
        return JSON.parse(localStorage.getItem(index) ?? '[]');
      } catch {
        return [];
      }
    })();
    return Object.keys(localStorage).filter((key) => key.startsWith('webhook-echo:v2:wip:') && !listed.includes(key));
  }, INDEX);
  expect(unlisted).toEqual([]);
  await expect(page.getByText('Work in progress is not kept across reloads')).toContainText('refused');
});

test('Back from a link to a page with no saved work of its own leaves the fields empty', async ({ page }) => {
  const verifier = new VerifierPage(page);
  await verifier.open();
  await page.evaluate(
    (fragment) => (location.hash = fragment),
    linkFor({ body: LINK_BODY, headers: headersFor(LINK_BODY), note: 'from someone else' }),
  );
  await expect(page.getByTestId('link-opened')).toBeVisible();
  await expect(verifier.body).toHaveValue(LINK_BODY);
  await page.goBack();
  await expect(page.getByTestId('link-opened')).toHaveCount(0);
  await expect(verifier.body).toHaveValue('');
  await expect(verifier.headers).toHaveValue('');
  await expect(page.getByTestId('share-note')).toHaveValue('');
  // Nothing of the link's body is kept as the page's own: a reload still shows nothing.
  await page.reload();
  await expect(verifier.verdict).toHaveAttribute('data-verdict', 'incomplete');
  await expect(verifier.body).toHaveValue('');
});

test('Stop keeping in one tab keeps another tab from writing its work back', async ({ page, context }) => {
  const verifier = new VerifierPage(page);
  await verifier.open();
  const other = await context.newPage();
  const otherVerifier = new VerifierPage(other);
  await otherVerifier.open();
  await otherVerifier.body.fill(SPEC_BODY);
  await expect.poll(() => wipKeys(page)).toContain('webhook-echo:v2:wip');
  // The first tab stops keeping: everything kept is removed...
  await page.getByTestId('saved-work-toggle').click();
  await expect(page.getByTestId('saved-work')).toHaveAttribute('data-saving', 'false');
  await expect.poll(() => wipKeys(page)).toEqual([]);
  // ...and the other tab's next edit, a phone number in it, is not written back.
  await otherVerifier.body.fill(LINK_BODY);
  await expect(other.getByTestId('saved-work')).toHaveAttribute('data-saving', 'false');
  expect(await wipKeys(page)).toEqual([]);
});
