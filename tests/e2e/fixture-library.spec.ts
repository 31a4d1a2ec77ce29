import AxeBuilder from '@axe-core/playwright';
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from './fixtures';
import { cobinarSignature, SECRET, VerifierPage } from './verifier-page';

const run = promisify(execFile);
const OTHER_SECRET = 'whsec_someone_else_4f2a';
/** A file name a folder from someone else may hold: markup, and a right-to-left override. */
const HOSTILE_NAME = '<img src=x onerror=alert(1)>\u202Etxt.json';

/** The page's secret fingerprint, as `webhook-echo` documents it for Node. */
function fingerprint(secret: string): string {
  const hex = createHmac('sha256', 'webhook-echo secret fingerprint v1').update(secret, 'utf8').digest('hex');
  return `${hex.slice(0, 4)}-${hex.slice(4, 8)}`;
}

/** A Cobinar delivery's body, numbered; `padding` characters make it larger. */
function body(n: number, event = 'otp.verified', padding = 0): string {
  const id = `${n.toString(16).padStart(8, '0')}-5b7d-4e2a-9c61-2f8d0b7a4e13`;
  return JSON.stringify({ id, event, createdAt: '2026-07-03T14:22:10.000Z', payload: { requestId: id, pad: 'p'.repeat(padding) } });
}

interface Made {
  body: string;
  signedWith?: string | null;
  madeWith?: string;
  event?: string;
  note?: string;
  expect?: string;
  tamper?: string;
}

/** A fixture file as webhook-echo writes one, signed with Node's own HMAC. */
function fixture({ body, signedWith = SECRET, madeWith = SECRET, event, note, expect, tamper }: Made): string {
  const headers = [
    ...(signedWith === null ? [] : [`x-cobinar-signature: ${cobinarSignature(signedWith, body)}`]),
    `x-cobinar-event: ${event ?? 'otp.verified'}`,
    'x-cobinar-timestamp: 2026-07-03T14:22:10.000Z',
  ].join('\n');
  return JSON.stringify({ webhookEchoFixture: 1, body, headers, event, note, secretFingerprint: fingerprint(madeWith), expect, tamper }, null, 2);
}

/** A folder `fixtures/` of a team's fixtures, with what such a folder also holds. */
async function teamFolder(root: string): Promise<string> {
  const dir = join(root, 'fixtures');
  await mkdir(join(dir, 'sub'), { recursive: true });
  const files: Record<string, string | Buffer> = {
    'otp.verified-00000001.json': fixture({ body: body(1), event: 'otp.verified', note: 'fails since <b>Tuesday</b>' }),
    'otp.created-00000002.json': fixture({ body: body(2, 'otp.created'), signedWith: OTHER_SECRET, madeWith: OTHER_SECRET, event: 'otp.created' }),
    'unsigned.json': fixture({ body: body(3), signedWith: null }),
    'tampered.json': fixture({ body: body(4), expect: 'reject', tamper: 'tampered-body' }),
    'broken.json': '{"webhookEchoFixture":1,"body":',
    [HOSTILE_NAME]: fixture({ body: body(5), note: 'look \u202Eelif.exe\u200B <script>alert(1)</script>' }),
    'sub/nested.json': fixture({ body: body(6) }),
    // Over a fixture's 16 MiB: refused by its size, never read.
    'huge.json': Buffer.alloc(16 * 1024 * 1024 + 1, 0x20),
    'README.md': '# our fixtures\n',
  };
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

const item = (page: Page, name: string) => page.locator(`[data-testid="fixture-library-item"][data-name="${name.replaceAll('"', '\\"')}"]`);

test.describe('the fixture library', () => {
  let root = '';
  test.beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'webhook-echo-library-'));
  });
  test.afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('a folder opens: every file listed by its path, the unusable ones with why, verdicts under the secret as typed', async ({ page }) => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const verifier = new VerifierPage(page);
    await verifier.open();
    const dir = await teamFolder(root);
    await expect(page.getByTestId('fixture-library-folder')).toHaveAttribute('webkitdirectory', '');
    await page.getByTestId('fixture-library-folder').setInputFiles(dir);

    const items = page.getByTestId('fixture-library-item');
    const summary = page.getByTestId('fixture-library-summary');
    await expect(summary).toHaveText(
      '8 fixtures: 6 not checked, 2 could not be read. Type the secret to check their signatures. 1 file not ending in .json was skipped.',
    );
    // By name, the folder's own name first; README.md skipped.
    await expect(items).toHaveCount(8);
    const names = await items.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-name')));
    expect(names).toEqual(
      [
        'fixtures/<img src=x onerror=alert(1)>\u202Etxt.json',
        'fixtures/broken.json',
        'fixtures/huge.json',
        'fixtures/otp.created-00000002.json',
        'fixtures/otp.verified-00000001.json',
        'fixtures/sub/nested.json',
        'fixtures/tampered.json',
        'fixtures/unsigned.json',
      ],
    );
    // No secret yet: nothing checked.
    for (const row of await items.all()) await expect(row).toHaveAttribute('data-verdict', 'none');
    await expect(item(page, 'fixtures/unsigned.json').getByTestId('fixture-library-verdict')).toHaveText('type the secret');

    // The unusable ones say why, the rest open.
    const broken = item(page, 'fixtures/broken.json');
    await expect(broken).toHaveAttribute('data-error', /^This is not a webhook-echo fixture/);
    await expect(broken.getByTestId('fixture-library-error')).toContainText('not a webhook-echo fixture');
    await expect(broken.getByTestId('fixture-library-open')).toHaveCount(0);
    await expect(item(page, 'fixtures/huge.json').getByTestId('fixture-library-error')).toHaveText(
      'This fixture is larger than 16 MiB, more than a fixture should hold. It was not read.',
    );

    // The secret, as typed: each row's verdict follows it.
    await verifier.secret.fill(SECRET);
    await expect(summary).toHaveText(
      '8 fixtures: 4 valid, 1 invalid, 1 incomplete, 2 could not be read. 1 file not ending in .json was skipped.',
    );
    const verdicts = Object.fromEntries(
      await items.evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-name'), row.getAttribute('data-verdict')])),
    );
    expect(verdicts).toEqual({
      [`fixtures/${HOSTILE_NAME}`]: 'valid',
      'fixtures/broken.json': 'none',
      'fixtures/huge.json': 'none',
      'fixtures/otp.created-00000002.json': 'invalid',
      'fixtures/otp.verified-00000001.json': 'valid',
      'fixtures/sub/nested.json': 'valid',
      'fixtures/tampered.json': 'valid',
      'fixtures/unsigned.json': 'incomplete',
    });
    await expect(item(page, 'fixtures/unsigned.json').getByTestId('fixture-library-verdict')).toHaveText(
      'incomplete: no x-cobinar-signature header',
    );
    const verified = item(page, 'fixtures/otp.verified-00000001.json');
    await expect(verified.getByTestId('fixture-library-verdict')).toHaveText('✓ valid');
    await expect(verified.getByTestId('fixture-library-event')).toHaveText('otp.verified');
    await expect(verified.getByTestId('fixture-library-note')).toHaveText('fails since <b>Tuesday</b>');
    await expect(item(page, 'fixtures/tampered.json').getByTestId('fixture-library-case')).toHaveText('expects reject, tampered: tampered-body');
    // Made with another secret: said, with both fingerprints.
    const other = item(page, 'fixtures/otp.created-00000002.json');
    await expect(other).toHaveAttribute('data-secret', 'different');
    await expect(other.getByTestId('fixture-library-secret')).toHaveText(
      `Made with another secret: its fingerprint is ${fingerprint(OTHER_SECRET)}, and yours differs.`,
    );
    await expect(verified).toHaveAttribute('data-secret', 'same');
    await verifier.secret.fill(OTHER_SECRET);
    await expect(other).toHaveAttribute('data-verdict', 'valid');
    await expect(verified).toHaveAttribute('data-verdict', 'invalid');
    await expect(verified).toHaveAttribute('data-secret', 'different');
    await verifier.secret.fill(SECRET);

    // The hostile name and note are text, what cannot be seen shown as tokens.
    const hostile = item(page, `fixtures/${HOSTILE_NAME}`);
    await expect(hostile.getByTestId('fixture-library-name')).toHaveText('fixtures/<img src=x onerror=alert(1)>⟨U+202E⟩txt.json');
    await expect(hostile.getByTestId('fixture-library-note')).toHaveText('look ⟨U+202E⟩elif.exe⟨U+200B⟩ <script>alert(1)</script>');
    await expect(page.getByTestId('fixture-library').locator('img, script, b')).toHaveCount(0);
    const shown = await page.getByTestId('fixture-library').innerText();
    expect(shown).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B]/);

    // Open: on the page as a link shows it, someone else's body, the expected signature withheld.
    await verified.getByTestId('fixture-library-open').click();
    await expect(page.getByTestId('fixture-library-status')).toContainText('Opened fixtures/otp.verified-00000001.json');
    await expect(verifier.body).toHaveValue(body(1));
    await expect(page.getByTestId('link-opened')).toBeVisible();
    await expect(page.getByTestId('link-note')).toHaveText('fails since <b>Tuesday</b>');
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
    await expect(page.getByTestId('expected-withheld')).toContainText('came from a fixture file');
    // A hostile one opens the same way, its name shown as a token where the page names the file.
    await hostile.getByTestId('fixture-library-open').click();
    await expect(verifier.body).toHaveValue(body(5));
    await expect(page.getByTestId('link-note')).toHaveText('look ⟨U+202E⟩elif.exe⟨U+200B⟩ <script>alert(1)</script>');
    expect(dialogs).toEqual([]);

    // The list is the page's only: nothing of it in storage, and Clear empties it.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(stored).not.toContain('nested.json');
    expect(stored).not.toContain(SECRET);
    await page.getByTestId('fixture-library-clear').click();
    await expect(items).toHaveCount(0);
    await expect(summary).toHaveCount(0);
  });

  test('several files open through the file chooser, and a second choice adds to the list', async ({ page }) => {
    const verifier = new VerifierPage(page);
    await verifier.open();
    const dir = await teamFolder(root);
    await page.getByTestId('fixture-library-files').setInputFiles([
      join(dir, 'otp.verified-00000001.json'),
      join(dir, 'otp.created-00000002.json'),
      join(dir, 'broken.json'),
    ]);
    const items = page.getByTestId('fixture-library-item');
    await expect(items).toHaveCount(3);
    await expect(item(page, 'otp.verified-00000001.json')).toBeVisible();
    await verifier.secret.fill(SECRET);
    await expect(page.getByTestId('fixture-library-summary')).toHaveText('3 fixtures: 1 valid, 1 invalid, 1 could not be read.');
    await page.getByTestId('fixture-library-files').setInputFiles([join(dir, 'unsigned.json'), join(dir, 'README.md')]);
    await expect(items).toHaveCount(4);
    await expect(page.getByTestId('fixture-library-summary')).toHaveText(
      '4 fixtures: 1 valid, 1 invalid, 1 incomplete, 1 could not be read. 1 file not ending in .json was skipped.',
    );
    // The same file again replaces its row, and is not listed twice.
    await page.getByTestId('fixture-library-files').setInputFiles(join(dir, 'unsigned.json'));
    await expect(page.getByTestId('fixture-library-summary')).toHaveText(
      '4 fixtures: 1 valid, 1 invalid, 1 incomplete, 1 could not be read. 1 file not ending in .json was skipped.',
    );
    await expect(items).toHaveCount(4);
  });

  test('200 fixtures load while the page keeps answering typing', async ({ page }) => {
    const verifier = new VerifierPage(page);
    await verifier.open();
    const dir = join(root, 'many');
    await mkdir(dir);
    for (let n = 0; n < 200; n++) {
      await writeFile(join(dir, `otp.verified-${n.toString().padStart(4, '0')}.json`), fixture({ body: body(n, 'otp.verified', 20_000) }));
    }
    // Whether a keystroke in the secret field was handled while files were still being read,
    // and the longest task the page ran meanwhile.
    await page.evaluate(() => {
      const w = window as unknown as { typedWhileLoading: number; longest: number };
      w.typedWhileLoading = 0;
      w.longest = 0;
      document.querySelector('[data-testid="secret"]')?.addEventListener('input', () => {
        if (document.querySelector('[data-testid="fixture-library-progress"]')) w.typedWhileLoading += 1;
      });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.longest = Math.max(w.longest, entry.duration);
      }).observe({ type: 'longtask' });
    });
    await page.getByTestId('fixture-library-folder').setInputFiles(dir);
    await verifier.secret.pressSequentially(SECRET);
    await expect(verifier.secret).toHaveValue(SECRET);
    await expect(page.getByTestId('fixture-library-item')).toHaveCount(200, { timeout: 20_000 });
    await expect(page.getByTestId('fixture-library-summary')).toHaveText('200 fixtures: 200 valid.');
    await expect(page.getByTestId('fixture-library-progress')).toHaveCount(0);
    const { typedWhileLoading, longest } = await page.evaluate(() => {
      const w = window as unknown as { typedWhileLoading: number; longest: number };
      return { typedWhileLoading: w.typedWhileLoading, longest: w.longest };
    });
    expect(typedWhileLoading, 'keystrokes handled while the files were read').toBeGreaterThan(0);
    // One file, or one keystroke re-judging the rows read so far, a task: some 100 ms on a loaded
    // 2-core machine. Bounded loosely, so that only a page frozen by the reading fails it.
    expect(longest, 'the longest task while reading (ms)').toBeLessThan(400);
  });

  test('files dropped on the zone open', async ({ page }) => {
    const verifier = new VerifierPage(page);
    await verifier.open();
    await verifier.secret.fill(SECRET);
    const files = [
      { name: 'dropped-a.json', text: fixture({ body: body(10) }) },
      { name: 'dropped-b.json', text: fixture({ body: body(11), signedWith: OTHER_SECRET }) },
      { name: 'notes.txt', text: 'not a fixture' },
    ];
    const dataTransfer = await page.evaluateHandle((files) => {
      const data = new DataTransfer();
      for (const { name, text } of files) data.items.add(new File([text], name, { type: 'application/json' }));
      return data;
    }, files);
    await page.getByTestId('fixture-library-drop').dispatchEvent('drop', { dataTransfer });
    await expect(page.getByTestId('fixture-library-item')).toHaveCount(2);
    await expect(item(page, 'dropped-a.json')).toHaveAttribute('data-verdict', 'valid');
    await expect(item(page, 'dropped-b.json')).toHaveAttribute('data-verdict', 'invalid');
    await expect(page.getByTestId('fixture-library-summary')).toHaveText(
      '2 fixtures: 1 valid, 1 invalid. 1 file not ending in .json was skipped.',
    );
  });

  test('a folder dropped on the zone is walked, its subfolders too', async ({ page }) => {
    const verifier = new VerifierPage(page);
    await verifier.open();
    await verifier.secret.fill(SECRET);
    const dir = await teamFolder(root);
    // A real drop of a folder from the disk, as the browser gets one from the desktop.
    const zone = page.getByTestId('fixture-library-drop');
    await zone.scrollIntoViewIfNeeded();
    const box = await zone.boundingBox();
    const cdp = await page.context().newCDPSession(page);
    const at = { x: (box?.x ?? 0) + 20, y: (box?.y ?? 0) + 20 };
    const data = { items: [], files: [dir], dragOperationsMask: 1 };
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, ...at, data });
    await expect(page.getByTestId('fixture-library-item')).toHaveCount(8);
    await expect(item(page, 'fixtures/sub/nested.json')).toHaveAttribute('data-verdict', 'valid');
    await expect(page.getByTestId('fixture-library-summary')).toHaveText(
      '8 fixtures: 4 valid, 1 invalid, 1 incomplete, 2 could not be read. 1 file not ending in .json was skipped.',
    );
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`a loaded list has no serious or critical axe violation, ${scheme} scheme`, async ({ page }) => {
      test.setTimeout(60_000);
      await page.emulateMedia({ colorScheme: scheme });
      const verifier = new VerifierPage(page);
      await verifier.open();
      await verifier.secret.fill(SECRET);
      await page.getByTestId('fixture-library-folder').setInputFiles(await teamFolder(root));
      await expect(page.getByTestId('fixture-library-item')).toHaveCount(8);
      const results = await new AxeBuilder({ page }).include('.we-library').analyze();
      const serious = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      expect(serious).toEqual([]);
    });
  }

  test('a test pack with the readable fixtures downloads, and a correct verify function passes it', async ({ page }) => {
    test.setTimeout(60_000);
    const verifier = new VerifierPage(page);
    await verifier.open();
    const dir = await teamFolder(root);
    await page.getByTestId('fixture-library-folder').setInputFiles(dir);
    await expect(page.getByTestId('fixture-library-item')).toHaveCount(8);
    await page.getByTestId('fixture-library-pack-language').selectOption('node');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('fixture-library-pack').click()]);
    expect(download.suggestedFilename()).toBe('cobinar-webhook.test.mjs');
    await expect(page.getByTestId('fixture-library-status')).toContainText('Saved cobinar-webhook.test.mjs');
    const packDir = join(root, 'pack');
    await mkdir(packDir);
    const packFile = join(packDir, download.suggestedFilename());
    await download.saveAs(packFile);
    const text = await readFile(packFile, 'utf8');
    expect(text).toContain('fixture-otp-verified-00000001');
    expect(text).toContain('fixture-tampered');
    expect(text).not.toContain(SECRET);
    await writeFile(
      join(packDir, 'verify.js'),
      `const crypto = require('node:crypto');
module.exports.verifyWebhook = (rawBody, signatureHeader, webhookSecret) => {
  const expected = Buffer.from('sha256=' + crypto.createHmac('sha256', webhookSecret).update(rawBody).digest('hex'));
  const received = Buffer.from(typeof signatureHeader === 'string' ? signatureHeader : '');
  return received.length === expected.length && crypto.timingSafeEqual(received, expected);
};
`,
    );
    const { stdout } = await run('node', ['--test', '--test-reporter=tap', download.suggestedFilename()], {
      cwd: packDir,
      env: { ...process.env, VERIFY_MODULE: './verify.js' },
    });
    expect(stdout).toMatch(/^# fail 0$/m);
    expect(stdout).toContain('fixture-otp-verified-00000001');
  });
});
