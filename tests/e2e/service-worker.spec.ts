import { expect, test } from './fixtures';
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, POST_BUILD, startApp } from './servers';
import { headersFor, SECRET, SPEC_BODY, VerifierPage } from './verifier-page';

// The service worker is tied to its build: a new release (here, one whose offload-worker.js, a
// file without a hash in its name, changed) reaches a returning visitor, and only its files stay.
const buildId = (dir: string) => /^const BUILD = '([0-9a-f]+)'/m.exec(readFileSync(join(dir, 'sw.js'), 'utf8'))?.[1];
const cacheOf = (dir: string) => `webhook-echo-${buildId(dir)}`;
/** Every file under `dir` (the receivers' files are in folders), by its path. */
const contents = (dir: string) =>
  Object.fromEntries(
    (readdirSync(dir, { recursive: true }) as string[])
      .filter((name) => statSync(join(dir, name)).isFile())
      .map((name) => [name, readFileSync(join(dir, name))]),
  );

let temp: string;
test.beforeAll(() => {
  temp = mkdtempSync(join(tmpdir(), 'webhook-echo-releases-'));
});
test.afterAll(() => rmSync(temp, { recursive: true, force: true }));

test('the post-build hook changes nothing when run again', () => {
  const again = join(temp, 'again');
  cpSync(DIST, again, { recursive: true });
  execFileSync('node', [POST_BUILD, again]);
  expect(contents(again)).toEqual(contents(DIST));
  expect(Object.keys(contents(DIST))).toContain(join('snippets', 'php', 'verify.php.txt'));
});

test('a new release reaches a returning visitor, and works offline', async ({ page }) => {
  test.setTimeout(60_000);
  const one = join(temp, 'one');
  const two = join(temp, 'two');
  cpSync(DIST, one, { recursive: true });
  cpSync(DIST, two, { recursive: true });
  appendFileSync(join(two, 'offload-worker.js'), "\n// release two\nself.webhookEchoRelease = 'two';\n");
  execFileSync('node', [POST_BUILD, two]);
  expect(buildId(two)).toBeDefined();
  expect(buildId(two)).not.toEqual(buildId(one));

  // The server's root is a symlink: re-pointing it deploys another release.
  const live = join(temp, 'live');
  const deploy = (release: string) => {
    symlinkSync(release, `${live}.next`);
    renameSync(`${live}.next`, live);
  };
  deploy(one);
  const app = await startApp({ root: live });
  try {
    const verifier = new VerifierPage(page);
    const controlled = () =>
      page.waitForFunction(async () => {
        const registration = await navigator.serviceWorker.ready;
        return !registration.installing && !registration.waiting && navigator.serviceWorker.controller === registration.active;
      });
    const cacheNames = () => page.evaluate(() => caches.keys());

    // Release one, visited: its worker controls the page, with its cache.
    await page.goto(app.url);
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'incomplete');
    await controlled();
    expect(await cacheNames()).toEqual([cacheOf(one)]);

    // Release two is deployed. The next visit finds the new sw.js, which takes over and drops
    // release one's cache; the visit after is all release two.
    deploy(two);
    await page.reload();
    // The new worker installs (fetching every file of release two, checked against its hash) and
    // activates: seconds on a loaded machine, so more than expect.poll's default 5 s to do it in.
    await expect.poll(cacheNames, { timeout: 30_000 }).toEqual([cacheOf(two)]);
    await controlled();
    await page.reload();
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'incomplete');
    expect(await page.evaluate(() => fetch('./offload-worker.js').then((response) => response.text()))).toBe(
      readFileSync(join(two, 'offload-worker.js'), 'utf8'),
    );
    // The page's own worker (started for a body over 1 MiB) runs release two's script.
    const large = Buffer.from(`{"pad":"${'y'.repeat(2 << 20)}"}`);
    await verifier.secret.fill(SECRET);
    await verifier.headers.fill(headersFor(large));
    await page.getByTestId('body-file').setInputFiles({ name: 'large.json', mimeType: 'application/json', buffer: large });
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid', { timeout: 20_000 });
    const workers = page.workers();
    expect(workers).toHaveLength(1);
    expect(await workers[0].evaluate(() => (self as any).webhookEchoRelease)).toBe('two');
    expect(await cacheNames()).toEqual([cacheOf(two)]);

    // The server is gone: release two still opens and verifies.
    await app.close();
    await page.reload();
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'incomplete');
    await verifier.paste(SECRET, SPEC_BODY, headersFor(SPEC_BODY));
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
  } finally {
    await app.close();
  }
});
