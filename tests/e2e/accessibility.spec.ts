import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures';
import { headersFor, SECRET, SPEC_BODY, VerifierPage } from './verifier-page';

async function noSeriousViolations(page: Page, view: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${view}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(serious).toEqual([]);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violation in any view, ${scheme} scheme`, async ({ page, context }) => {
    // Five full axe scans: on a loaded 2-core machine they outgrow the default 30 s.
    test.setTimeout(90_000);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.emulateMedia({ colorScheme: scheme });
    const verifier = new VerifierPage(page);
    await verifier.open();
    await noSeriousViolations(page, 'empty verifier');
    await verifier.paste(SECRET, SPEC_BODY + '\n', headersFor(SPEC_BODY, { 'x-cobinar-event': 'otp.failed' }));
    await expect(page.getByTestId('diagnosis')).toBeVisible();
    await expect(page.getByTestId('import-zone')).toBeVisible();
    await page.getByTestId('share-include-secret').check();
    await noSeriousViolations(page, 'invalid delivery, import and share open');
    await page.getByTestId('share-include-secret').uncheck();
    await page.getByTestId('share').click();
    const link = await page.getByTestId('share-url').inputValue();
    await page.goto(link);
    await expect(page.getByTestId('link-opened')).toBeVisible();
    await noSeriousViolations(page, 'opened link');
    await page.goto('/#v1.5.broken');
    await expect(page.getByTestId('link-error')).toBeVisible();
    await noSeriousViolations(page, 'bad link');
    await page.getByTestId('tab-echo').click();
    await page.getByTestId('event-type').selectOption('identity.created');
    await noSeriousViolations(page, 'echo');
  });
}

test('the toggle overrides the system colour scheme, and is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  const toggle = page.getByTestId('theme-toggle');
  await expect(toggle).toHaveAttribute('data-theme', 'system');
  await toggle.click();
  await expect(toggle).toHaveAttribute('data-theme', 'light');
  await toggle.click();
  await expect(toggle).toHaveAttribute('data-theme', 'dark');
  expect(await background()).not.toBe(light);
  await page.reload();
  await expect(page.getByTestId('theme-toggle')).toHaveAttribute('data-theme', 'dark');
  expect(await background()).not.toBe(light);
});

test('a verification with the keyboard alone, focus always visible', async ({ page }) => {
  const verifier = new VerifierPage(page);
  await verifier.open();
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
  const outline = () => page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
  // Tab to the secret field.
  for (let i = 0; i < 10 && (await focused()) !== 'secret'; i++) await page.keyboard.press('Tab');
  expect(await focused()).toBe('secret');
  await page.keyboard.type(SECRET);
  for (let i = 0; i < 20 && (await focused()) !== 'body'; i++) {
    await page.keyboard.press('Tab');
    expect(await outline(), `focus on ${await focused()} is visible`).not.toBe('none');
  }
  await page.keyboard.type(SPEC_BODY);
  for (let i = 0; i < 20 && (await focused()) !== 'headers'; i++) await page.keyboard.press('Tab');
  await page.keyboard.type(headersFor(SPEC_BODY));
  await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
});

test('the echo and sharing with the keyboard alone', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const verifier = new VerifierPage(page);
  await verifier.open();
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
  const tabTo = async (testId: string, key = 'Tab') => {
    for (let i = 0; i < 60 && (await focused()) !== testId; i++) await page.keyboard.press(key);
    expect(await focused()).toBe(testId);
  };
  // The tool tabs follow the ARIA pattern: arrows move between them.
  await tabTo('tab-verify');
  await page.keyboard.press('ArrowRight');
  expect(await focused()).toBe('tab-echo');
  await expect(page.getByTestId('tab-echo')).toHaveAttribute('aria-selected', 'true');
  await tabTo('event-type');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('delivery-request')).toContainText('x-cobinar-event: otp.failed');
  await tabTo('generate');
  await page.keyboard.press('Enter');
  await tabTo('load-into-verifier');
  await page.keyboard.press('Enter');
  await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
  await tabTo('share');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('share-url')).toHaveValue(/#v1\./);
});
