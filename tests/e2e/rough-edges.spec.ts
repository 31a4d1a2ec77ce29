import { expect, test, type Page } from './fixtures';
import { headersFor, SECRET, SPEC_BODY, VerifierPage } from './verifier-page';

// The rough edges a new user met (issue 24): what a screen reader hears, what the banners say,
// and the first screen.

/** The accessible name of every visible button that shows just "Copy". */
async function copyButtonNames(page: Page): Promise<string[]> {
  const names: string[] = [];
  for (const button of await page.locator('button:visible').filter({ hasText: /^\s*Copy\s*$/ }).all()) {
    // `- button "Copy the curl command" [disabled]`: the name as the accessibility tree has it.
    const snapshot = await button.ariaSnapshot();
    names.push(/button "(.*)"/.exec(snapshot)?.[1] ?? snapshot);
  }
  return names;
}

function expectSpecificAndUnique(names: string[], mustHave: string[]) {
  for (const name of names) expect(name, 'a Copy button says what it copies').toMatch(/^Copy \S.{3,}/);
  expect(new Set(names).size, `no two alike: ${names.join(' | ')}`).toBe(names.length);
  for (const name of mustHave) expect(names).toContain(name);
}

/** A body pretty-printed after it was signed compact: a mismatch whose cause is a re-serialised body. */
async function pasteReserialized(verifier: VerifierPage) {
  await verifier.paste(SECRET, JSON.stringify(JSON.parse(SPEC_BODY), null, 2), headersFor(SPEC_BODY));
  await expect(verifier.verdict).toHaveAttribute('data-verdict', 'invalid');
  await expect(verifier.page.getByTestId('diagnosis').first()).toHaveAttribute('data-cause', 'body-reserialized');
}

async function shareLink(page: Page): Promise<string> {
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-url')).toHaveValue(/#v1\.\d+\./);
  return page.getByTestId('share-url').inputValue();
}

test.describe('what a screen reader hears', () => {
  test('every Copy button says what it copies, and no two are alike', async ({ page }) => {
    const verifier = new VerifierPage(page);
    await verifier.open();
    await verifier.paste(SECRET, SPEC_BODY, headersFor(SPEC_BODY));
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
    await page.getByTestId('server-401').locator('summary').click();
    expectSpecificAndUnique(await copyButtonNames(page), [
      'Copy the expected signature',
      'Copy the Node fingerprint command',
      'Copy the Python fingerprint command',
    ]);

    await page.getByTestId('tab-echo').click();
    await expect(page.getByTestId('copy-curl')).toBeVisible();
    await expect(page.getByTestId('copy-snippet')).toBeVisible();
    expectSpecificAndUnique(await copyButtonNames(page), [
      'Copy the request',
      'Copy the curl command',
      'Copy the HTTPie command',
      'Copy the fetch() call',
      'Copy the webhook-echo check command',
    ]);
  });

  test('a file picker is announced once, by its input', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('verdict')).toBeVisible();
    const tree = await page.locator('body').ariaSnapshot();
    for (const label of ['Import a file…', 'Load body from a file…', 'Open fixtures…', 'Open a folder…', 'Open a file…']) {
      expect(tree, label).toContain(`button "${label}"`);
      expect(tree.split(label).length - 1, `${label} is read once`).toBe(1);
    }
  });

  test('the Bytes view is read, not a tab stop, whatever its length', async ({ page }) => {
    const verifier = new VerifierPage(page);
    await verifier.open();
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    for (const body of [SPEC_BODY, `${SPEC_BODY}\n`.repeat(20)]) {
      await verifier.body.fill(body);
      const text = page.getByTestId('body-bytes-text');
      await expect(text).toBeVisible();
      await expect(text).not.toHaveAttribute('tabindex');
      await verifier.body.focus();
      const passed: (string | null | undefined)[] = [];
      for (let i = 0; i < 20 && (await focused()) !== 'headers'; i++) {
        await page.keyboard.press('Tab');
        passed.push(await focused());
      }
      expect(passed).toContain('headers');
      expect(passed).not.toContain('body-bytes-text');
    }
  });

  test('the secret field and the tool tabs are inside <main>', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('main').getByTestId('secret')).toBeVisible();
    await expect(page.getByRole('main').getByRole('tablist')).toBeVisible();
    await expect(page.getByRole('main').getByTestId('tab-echo')).toBeVisible();
    await expect(page.getByRole('main')).toHaveCount(1);
  });
});

test.describe('banners speak sentences', () => {
  test.beforeEach(async ({ context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  });

  test("the sender's verdict reads as the finding, its cause code kept aside", async ({ page, browser }) => {
    const verifier = new VerifierPage(page);
    await verifier.open();
    await pasteReserialized(verifier);
    await expect(page.getByTestId('share-verdict')).toContainText('the body was parsed as JSON and written out again');
    await expect(page.getByTestId('share-verdict')).not.toContainText('body-reserialized');
    const link = await shareLink(page);

    const teammate = await (await browser.newContext()).newPage();
    await teammate.goto(link);
    const said = teammate.getByTestId('sender-verdict');
    await expect(said).toContainText("The sender's page said the signature does not match: the body was parsed as JSON and written out again.");
    await expect(said).not.toContainText('body-reserialized');
    await expect(said).toHaveAttribute('data-causes', 'body-reserialized');
    await expect(said).toHaveAttribute('title', /body-reserialized/);
  });

  test("a sealed link says how to open it, and after unlocking no note calls its secret yours", async ({ page, browser }) => {
    const verifier = new VerifierPage(page);
    await verifier.open();
    await pasteReserialized(verifier);
    await page.getByTestId('share-include-secret').check();
    await page.getByTestId('share-passphrase-generate').click();
    const passphrase = await page.getByTestId('share-passphrase').inputValue();
    const link = await shareLink(page);

    const teammate = await (await browser.newContext()).newPage();
    await teammate.goto(link);
    await expect(teammate.getByTestId('link-opened')).toContainText(
      'The link carries a sealed secret. Unlock it with the passphrase, or type your own secret.',
    );
    await teammate.getByTestId('link-passphrase').fill(passphrase);
    await teammate.getByTestId('link-unlock').click();
    await expect(teammate.getByTestId('secret-from-link')).toBeVisible();
    await expect(teammate.getByTestId('sender-verdict')).toHaveAttribute('data-agreement', 'same');
    await expect(teammate.getByTestId('expected-withheld')).toContainText("its signature under the link's secret");
    const main = teammate.getByRole('main');
    await expect(main).toContainText("under the link's secret");
    await expect(main).not.toContainText(/your secret/i);

    // Typing a secret of one's own makes the notes the reader's again.
    await new VerifierPage(teammate).secret.fill('whsec_mine');
    await expect(teammate.getByTestId('expected-withheld')).toContainText('its signature under your secret');
  });
});

test.describe('the first screen', () => {
  test('on a narrow screen the three-step guide comes before the inputs', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const verifier = new VerifierPage(page);
    await verifier.open();
    const guide = await page.getByTestId('first-run').boundingBox();
    const body = await verifier.body.boundingBox();
    expect(guide && body && guide.y < body.y, 'the guide is above the body field').toBe(true);
  });

  test('the Bytes view and the expected signature come with a body', async ({ page }) => {
    const verifier = new VerifierPage(page);
    await verifier.open();
    await expect(page.getByTestId('body-bytes')).toHaveCount(0);
    // A secret, headers, no body: nothing to show bytes of, or sign.
    await verifier.secret.fill(SECRET);
    await verifier.headers.fill(headersFor(SPEC_BODY));
    await expect(page.getByTestId('body-bytes')).toHaveCount(0);
    await expect(verifier.expectedSignature).toBeHidden();
    await verifier.body.fill(SPEC_BODY);
    await expect(page.getByTestId('body-bytes')).toBeVisible();
    await expect(verifier.expectedSignature).toBeVisible();
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
  });

  test('the link placeholder is not struck through before there is a link', async ({ page }) => {
    const verifier = new VerifierPage(page);
    await verifier.open();
    await verifier.paste(SECRET, SPEC_BODY, headersFor(SPEC_BODY));
    const url = page.getByTestId('share-url');
    await expect(url).toHaveValue('');
    await expect(url).toHaveCSS('text-decoration-line', 'none');
  });

  test('a secret with whitespace or quotes around it is trimmed in one click', async ({ page }) => {
    const verifier = new VerifierPage(page);
    await verifier.open();
    await verifier.paste(` "${SECRET}"  `, SPEC_BODY, headersFor(SPEC_BODY));
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'invalid');
    await expect(page.getByTestId('secret-whitespace')).toBeVisible();
    const trim = page.getByTestId('secret-use-trimmed');
    await expect(trim).toHaveText('Use the trimmed value');
    await trim.click();
    await expect(verifier.secret).toHaveValue(SECRET);
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
    await expect(trim).toHaveCount(0);
    await expect(page.getByTestId('secret-whitespace')).toHaveCount(0);
    await expect(verifier.secret).toBeFocused();
  });
});
