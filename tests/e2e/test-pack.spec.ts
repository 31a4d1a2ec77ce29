import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';

const run = promisify(execFile);

const PACKS = [
  { language: 'node', file: 'cobinar-webhook.test.mjs', opening: '// Cobinar webhook test pack for Node' },
  { language: 'python', file: 'test_cobinar_webhook.py', opening: 'r"""\nCobinar webhook test pack for Python' },
  { language: 'go', file: 'cobinar_webhook_test.go', opening: '// Cobinar webhook test pack for Go' },
  { language: 'rust', file: 'cobinar_webhook.rs', opening: '//! Cobinar webhook test pack for Rust' },
];

/** Every language's pack as `webhookEcho.testPack` gives it (the buttons above are the page's). */
const ALL_PACKS = [
  ...PACKS,
  { language: 'php', file: 'cobinar_webhook_test.php', opening: '<?php\n// Cobinar webhook test pack for PHP' },
  { language: 'ruby', file: 'cobinar_webhook_test.rb', opening: '# Cobinar webhook test pack for Ruby' },
  { language: 'java', file: 'CobinarWebhookTest.java', opening: '// Cobinar webhook test pack for Java' },
  { language: 'csharp', file: 'CobinarWebhookTest.cs', opening: '// Cobinar webhook test pack for C#' },
];

/** A few of the cases every pack holds, by the names its runner prints. */
const CASES = [
  'accepts-genuine-otp-verified',
  'accepts-one-megabyte-body',
  'rejects-reserialized-compact',
  'rejects-missing-signature',
  'rejects-upper-case-hex',
];

/** The correct verify function the downloaded Node pack is run against. */
const CORRECT_VERIFY = `const crypto = require('node:crypto');
module.exports.verifyWebhook = (rawBody, signatureHeader, webhookSecret) => {
  const expected = Buffer.from('sha256=' + crypto.createHmac('sha256', webhookSecret).update(rawBody).digest('hex'));
  const received = Buffer.from(typeof signatureHeader === 'string' ? signatureHeader : '');
  return received.length === expected.length && crypto.timingSafeEqual(received, expected);
};
`;

test.describe('the test pack', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/');
    await page.getByTestId('tab-echo').click();
  });

  test('each button saves its language\'s pack, made in the page with a test secret of its own', async ({ page }) => {
    const secret = 'whsec_my_real_secret_never_in_a_pack';
    await page.getByTestId('secret').fill(secret);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const seenSecrets = new Set<string>();
    for (const { language, file, opening } of PACKS) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId(`test-pack-${language}`).click(),
      ]);
      expect(download.suggestedFilename()).toBe(file);
      expect(download.url()).toMatch(/^blob:/);
      const text = await readFile((await download.path()) ?? '', 'utf8');
      expect(text.startsWith(opening), text.slice(0, 80)).toBe(true);
      for (const name of CASES) expect(text, `${language}: ${name}`).toContain(name.replaceAll('-', language === 'python' || language === 'rust' ? '_' : '-'));
      expect(text).not.toContain(secret);
      const packSecret = text.match(/whsec_test_pack_[0-9a-f]{32}/)?.[0];
      expect(packSecret, language).toBeTruthy();
      seenSecrets.add(packSecret ?? '');
      await expect(page.getByTestId('test-pack-status')).toContainText(file);
    }
    expect(seenSecrets.size, 'a fresh test secret for every pack').toBe(PACKS.length);
    expect(requests.filter((url) => !url.startsWith('blob:') && !url.startsWith(new URL(page.url()).origin))).toEqual([]);
  });

  test('webhookEcho.testPack gives the same file, and rejects an unknown language', async ({ page }) => {
    const text = await page.evaluate(() => (window as unknown as { webhookEcho: { testPack(l: string): string } }).webhookEcho.testPack('node'));
    expect(text.startsWith(PACKS[0].opening)).toBe(true);
    for (const name of CASES) expect(text).toContain(`name: "${name}"`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('test-pack-node').click()]);
    const saved = await readFile((await download.path()) ?? '', 'utf8');
    // The same file but for the secret made for each, and the time it was made.
    const normalise = (pack: string) =>
      pack.replace(/whsec_test_pack_[0-9a-f]{32}/g, 'SECRET').replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'TIME').replace(/"[0-9a-f]{40,}"/g, '"HEX"').replace(/sha256=[0-9a-zA-Z+/=]+/g, 'SIG');
    expect(normalise(text)).toBe(normalise(saved));
    expect(text).not.toBe(saved);
    const error = await page.evaluate(() => {
      try {
        (window as unknown as { webhookEcho: { testPack(l: string): string } }).webhookEcho.testPack('cobol');
        return '';
      } catch (e) {
        return `${(e as Error).name}: ${(e as Error).message}`;
      }
    });
    expect(error).toContain('TypeError');
    expect(error).toContain(ALL_PACKS.map((p) => p.language).join(', '));
  });

  test('webhookEcho.testPack gives every language its pack, each with a test secret of its own', async ({ page }) => {
    const texts = await page.evaluate(
      (languages) => languages.map((l) => (window as unknown as { webhookEcho: { testPack(l: string): string } }).webhookEcho.testPack(l)),
      ALL_PACKS.map((p) => p.language),
    );
    const secrets = new Set<string>();
    ALL_PACKS.forEach(({ language, opening }, i) => {
      const text = texts[i];
      expect(text.startsWith(opening), `${language}: ${text.slice(0, 80)}`).toBe(true);
      for (const name of CASES) expect(text, `${language}: ${name}`).toContain(name);
      secrets.add(text.match(/whsec_test_pack_[0-9a-f]{32}/)?.[0] ?? '');
    });
    expect(secrets.size).toBe(ALL_PACKS.length);
    expect(secrets.has('')).toBe(false);
  });

  test('the downloaded Node pack passes a correct verify function under node --test', async ({ page }) => {
    test.setTimeout(60_000);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('test-pack-node').click()]);
    const dir = await mkdtemp(join(tmpdir(), 'webhook-echo-pack-'));
    try {
      await download.saveAs(join(dir, download.suggestedFilename()));
      await writeFile(join(dir, 'verify.js'), CORRECT_VERIFY);
      const { stdout } = await run('node', ['--test', '--test-reporter=tap', download.suggestedFilename()], {
        cwd: dir,
        env: { ...process.env, VERIFY_MODULE: './verify.js' },
      });
      expect(stdout).toMatch(/^# fail 0$/m);
      expect(stdout).toMatch(/^# pass 25$/m);
      expect(stdout).toContain('ok 25 - rejects-upper-case-hex');
      // And against a function that accepts a missing header, it fails on that case by name.
      await writeFile(
        join(dir, 'verify.js'),
        CORRECT_VERIFY.replace('=> {\n', '=> {\n  if (signatureHeader === undefined) return true;\n'),
      );
      const failed = await run('node', ['--test', '--test-reporter=tap', download.suggestedFilename()], {
        cwd: dir,
        env: { ...process.env, VERIFY_MODULE: './verify.js' },
      }).then(
        () => '',
        (error: { stdout: string }) => error.stdout,
      );
      expect(failed).toMatch(/^not ok \d+ - rejects-missing-signature$/m);
      expect(failed).toMatch(/^# fail 1$/m);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
