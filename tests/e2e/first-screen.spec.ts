import { expect, ready, test, type Page } from './fixtures';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST } from './servers';
import { SECRET, SPEC_BODY, headersFor } from './verifier-page';

// The first screen is HTML in dist/index.html, rendered at build time by the components the wasm
// then hydrates (scripts/first-screen.mjs, src/bin/prerender.rs): the fields are usable before the
// wasm has arrived, what is typed meanwhile is kept and verified once it has, and without
// JavaScript the page says so where the verdict would be.

// A service worker would answer the wasm's request from its cache, where no route can hold it.
test.use({ serviceWorkers: 'block' });

/** Holds back the page's wasm until the returned function is called. */
async function holdWasm(page: Page): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((done) => (release = done));
  await page.route('**/*.wasm', async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** Every console error and page error, gathered from now on. */
function errorsOf(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
  });
  return errors;
}

test('the built index.html holds the three fields, by their data-testid', () => {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const body = html.slice(html.indexOf('<body>'));
  for (const testid of ['secret', 'body', 'headers', 'verdict', 'no-script']) {
    expect(body, testid).toContain(`data-testid="${testid}"`);
  }
  // Hydration starts at <body>'s first node: the app's, with nothing before it.
  expect(body.startsWith('<body><a ')).toBe(true);
});

test('the fields are on screen and take text before the wasm has arrived', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('/', { waitUntil: 'domcontentloaded' });
  for (const testid of ['secret', 'body', 'headers']) await expect(page.getByTestId(testid)).toBeEditable();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'incomplete');
  expect(await page.evaluate(() => document.documentElement.hasAttribute('data-ready'))).toBe(false);
  release();
  await ready(page);
});

test('text typed while the wasm is held back is kept, once, and verified when it arrives', async ({ page }) => {
  const errors = errorsOf(page);
  const release = await holdWasm(page);
  await page.goto('/', { waitUntil: 'domcontentloaded' });
  const headers = headersFor(SPEC_BODY);
  await page.getByTestId('secret').fill(SECRET);
  await page.getByTestId('body').fill(SPEC_BODY);
  await page.getByTestId('headers').fill(headers);
  // The caret left inside the headers, a few characters selected, as someone mid-edit.
  await page.getByTestId('headers').evaluate((field: HTMLTextAreaElement) => field.setSelectionRange(5, 9, 'backward'));
  expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toBe('incomplete');

  release();
  await ready(page);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'valid');
  await expect(page.getByTestId('secret')).toHaveValue(SECRET);
  await expect(page.getByTestId('body')).toHaveValue(SPEC_BODY);
  await expect(page.getByTestId('headers')).toHaveValue(headers);
  const caret = await page.evaluate(() => {
    const field = document.activeElement as HTMLTextAreaElement;
    return [field.dataset.testid, field.selectionStart, field.selectionEnd, field.selectionDirection];
  });
  expect(caret).toEqual(['headers', 5, 9, 'backward']);
  // Typing goes on where it was: replacing the selection, not appending.
  await page.keyboard.type('X');
  await expect(page.getByTestId('headers')).toHaveValue(`${headers.slice(0, 5)}X${headers.slice(9)}`);
  await expect(page.getByTestId('verdict')).not.toHaveAttribute('data-verdict', 'valid');
  expect(errors).toEqual([]);
});

test('a body over 1 MiB pasted before the wasm arrives is held as its bytes once it has', async ({ page }) => {
  // As a paste that large is once the page can see it: the box is not laid out with it again.
  const release = await holdWasm(page);
  await page.goto('/', { waitUntil: 'domcontentloaded' });
  const body = `{"pad":"${'p'.repeat(3 << 20)}"}`;
  await page.getByTestId('secret').fill(SECRET);
  await page.getByTestId('headers').fill(headersFor(body));
  await page.getByTestId('body').evaluate((field: HTMLTextAreaElement, text) => (field.value = text), body);
  release();
  await ready(page);
  await expect(page.getByTestId('body-file-note')).toContainText('the text put in the box');
  await expect(page.getByTestId('body')).toHaveValue('');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'valid', { timeout: 20_000 });
});

test('typed text wins over saved work; with nothing typed, the saved work comes back', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('body').fill('{"saved":true}');
  await page.getByTestId('headers').fill('x-cobinar-event: otp.created');
  // Kept after a short pause (share.rs saves 400 ms after the last edit).
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('webhook-echo:v2:wip') !== null))
    .toBe(true);
  await page.reload();
  await expect(page.getByTestId('body')).toHaveValue('{"saved":true}');

  const release = await holdWasm(page);
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.getByTestId('body').fill('{"typed":1}');
  release();
  await ready(page);
  await expect(page.getByTestId('body')).toHaveValue('{"typed":1}');
  // All three as they were seen: no saved headers mixed into the delivery being typed.
  await expect(page.getByTestId('headers')).toHaveValue('');
});

test('a secret typed alone before the wasm arrives is kept, and the saved work comes back around it', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('body').fill(SPEC_BODY);
  await page.getByTestId('headers').fill(headersFor(SPEC_BODY));
  await expect.poll(() => page.evaluate(() => localStorage.getItem('webhook-echo:v2:wip') !== null)).toBe(true);
  const release = await holdWasm(page);
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.getByTestId('secret').fill(SECRET);
  release();
  await ready(page);
  await expect(page.getByTestId('body')).toHaveValue(SPEC_BODY);
  await expect(page.getByTestId('secret')).toHaveValue(SECRET);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'valid');
});

test("a link's delivery opens over what was typed, which comes back when the link is left", async ({ page }) => {
  // A link made by the page itself, then opened cold with the wasm held back.
  await page.goto('/');
  await page.getByTestId('first-run-example').click();
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-url')).toHaveValue(/#v1\.\d+\./);
  const link = await page.getByTestId('share-url').inputValue();
  await page.getByTestId('clear').click();
  await page.evaluate(() => localStorage.clear());
  const release = await holdWasm(page);
  await page.goto('about:blank', { waitUntil: 'load' });
  await page.goto(link, { waitUntil: 'domcontentloaded' });
  const own = '{"typed":"before the wasm"}';
  await page.getByTestId('secret').fill(SECRET);
  await page.getByTestId('body').fill(own);
  release();
  await ready(page);
  await expect(page.getByTestId('link-opened')).toBeVisible();
  await expect(page.getByTestId('body')).not.toHaveValue(own);
  // The reader's secret over the link's body: its signature is not shown.
  await expect(page.getByTestId('expected-withheld')).toBeVisible();
  await page.evaluate(() => (location.hash = ''));
  await expect(page.getByTestId('body')).toHaveValue(own);
  await expect(page.getByTestId('secret')).toHaveValue(SECRET);
  // Typed under a link's address, it may be the link's body put back by a browser: its
  // signature stays withheld too.
  await expect(page.getByTestId('expected-withheld')).toBeVisible();
});

test('with work not kept, a reload brings no text back, not even from the browser', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('saved-work-toggle').click();
  await expect(page.getByTestId('saved-work')).toHaveAttribute('data-saving', 'false');
  await page.getByTestId('secret').fill(SECRET);
  await page.getByTestId('body').fill(SPEC_BODY);
  await page.getByTestId('headers').fill(headersFor(SPEC_BODY));
  await page.getByTestId('import').fill('x-cobinar-event: otp.created');
  await page.getByTestId('share-note').fill('a note');
  // Browsers put a textarea's text back into a page reloaded (or returned to) unless a form
  // around it asks for no autocomplete: seen before the wasm could clear anything.
  const release = await holdWasm(page);
  await page.reload({ waitUntil: 'domcontentloaded' });
  // Read once, as parsed: a restored text is there by now (no waiting for it to go away).
  const shown = await page.evaluate(() =>
    ['secret', 'body', 'headers', 'import', 'share-note'].map((id) => (document.querySelector(`[data-testid="${id}"]`) as HTMLTextAreaElement).value),
  );
  expect(shown).toEqual(['', '', '', '', '']);
  release();
  await ready(page);
  for (const testid of ['secret', 'body', 'headers']) await expect(page.getByTestId(testid)).toHaveValue('');
});

test('hydration logs nothing and leaves one page, not two', async ({ page }) => {
  const errors = errorsOf(page);
  await page.goto('/');
  await expect(page.getByTestId('secret')).toHaveCount(1);
  await expect(page.locator('main')).toHaveCount(1);
  // The page responds: it is the hydrated one, not a dead copy.
  await page.getByTestId('first-run-example').click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'valid');
  expect(errors).toEqual([]);
});

test('the theme and stack chosen come back once the page is taken over', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => {
    localStorage.setItem('webhook-echo:v1:theme', 'dark');
    localStorage.setItem('webhook-echo:v1:stack', 'go-gin');
  });
  await page.reload();
  await expect(page.getByTestId('theme-toggle')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByTestId('theme-toggle')).toHaveText('Theme: dark');
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  await expect(page.getByTestId('stack-picker')).toHaveValue('go-gin');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the fields show, and where the verdict would be the page says why there is none', async ({ page }) => {
    await page.goto('/', { waitUntil: 'load' });
    for (const testid of ['secret', 'body', 'headers']) await expect(page.getByTestId(testid)).toBeVisible();
    await expect(page.getByTestId('no-script')).toBeVisible();
    // Read as the DOM holds it (Playwright's text matchers skip <noscript>).
    expect(await page.getByTestId('no-script').evaluate((element) => element.textContent)).toContain('JavaScript is off');
    await expect(page.getByTestId('verdict')).toBeHidden();
  });
});

test('with JavaScript the no-script message is never shown', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('no-script')).toBeHidden();
  await expect(page.getByTestId('verdict')).toBeVisible();
});
