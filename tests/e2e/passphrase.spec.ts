import { expect, test, type Page } from './fixtures';
import { startApp } from './servers';
import { headersFor, SECRET, SPEC_BODY, VerifierPage } from './verifier-page';

// A typed passphrase is judged as an attacker's word lists would guess it; the word list loads
// only when someone opens the seal form, and the generated passphrase is the easy path.

const WORD_LIST = 'passphrase-words.txt';

async function openSealForm(page: Page, url = '/') {
  const verifier = new VerifierPage(page);
  await page.goto(url);
  await verifier.paste(SECRET, SPEC_BODY, headersFor(SPEC_BODY));
  await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
  await page.getByTestId('share-include-secret').check();
}

test('a guessable passphrase is refused with the reason, and the generated one seals', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const asked: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes(WORD_LIST)) asked.push(request.url());
  });
  const verifier = new VerifierPage(page);
  await verifier.open();
  await verifier.paste(SECRET, SPEC_BODY, headersFor(SPEC_BODY));
  await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
  // Not in the first load: the word list is asked for when the seal form opens.
  expect(asked).toEqual([]);
  await page.getByTestId('share-include-secret').check();

  const generate = page.getByTestId('share-passphrase-generate');
  const field = page.getByTestId('share-passphrase');
  const verdict = page.getByTestId('share-passphrase-verdict');
  await field.fill('ilovemydog123');
  await expect(verdict).toContainText('It is a common password ("love"), dictionary words ("my", "dog")');
  await expect(verdict).toContainText('use the generated passphrase');
  await expect(verdict).toHaveAttribute('data-strong', 'false');
  expect(asked.length).toBeGreaterThan(0);
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-status')).toContainText('The secret was not sealed: It is a common password ("love")');
  await expect(page.getByTestId('share-url')).toHaveValue('');

  // The other three, each refused with what it is built from.
  for (const [weak, why] of [
    ['webhookecho12', `a word of this tool's or Cobinar's ("webhookecho")`],
    ['aaaaaaabcdefg', 'a repeated run ("aaaaaa") and an alphabet or number sequence ("abcdefg")'],
    ['correcthorse1', 'a dictionary word ("correct") and a common password ("horse")'],
  ]) {
    await field.fill(weak);
    await expect(verdict).toContainText(why);
    await expect(verdict).toHaveAttribute('data-strong', 'false');
  }

  // The generated one is offered first, before the field, and seals.
  const before = await generate.evaluate(
    (button, input) => !!(button.compareDocumentPosition(input!) & Node.DOCUMENT_POSITION_FOLLOWING),
    await field.elementHandle(),
  );
  expect(before).toBe(true);
  await generate.click();
  await expect(verdict).toHaveAttribute('data-strong', 'true');
  await expect(verdict).toContainText('Strong enough');
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-url')).toHaveValue(/#v1\./);
  expect(await page.getByTestId('share-url').inputValue()).not.toContain(SECRET);
});

test('the word list is kept for offline use once the page was visited', async ({ browser }) => {
  test.setTimeout(60_000);
  const app = await startApp();
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  const page = await context.newPage();
  try {
    await page.goto(app.url);
    await page.waitForFunction(async () => {
      const registration = await navigator.serviceWorker.ready;
      return !registration.installing && !registration.waiting && navigator.serviceWorker.controller === registration.active;
    });
    // The list was never fetched by the page; the service worker kept it with the release.
    await app.close();
    await openSealForm(page, app.url);
    await page.getByTestId('share-passphrase').fill('mary smith 1984');
    await expect(page.getByTestId('share-passphrase-verdict')).toContainText('a first name ("mary"), a surname ("smith") and a year ("1984")');
  } finally {
    await app.close();
    await context.close();
  }
});
