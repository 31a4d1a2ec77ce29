import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { VerifierPage } from './verifier-page';

/** The core's commands, read from the Rust source the page is built from: testid → command. */
function coreCommands(): Map<string, string> {
  const source = readFileSync(join(__dirname, '../../src/inspect/fingerprint_commands.rs'), 'utf8');
  const found = new Map<string, string>();
  for (const [, testid, command] of source.matchAll(/testid: "([^"]+)",\s*command: r#"(.*?)"#,/gs)) {
    found.set(testid, command);
  }
  return found;
}

test.describe('valid here, but the server says 401', () => {
  test('the fingerprint one-liners are the core’s, and each prints the page’s fingerprint', async ({ page }) => {
    const verifier = new VerifierPage(page);
    await verifier.open();
    await expect(page.getByTestId('server-401')).toHaveCount(0);
    await page.getByTestId('load-example').click();
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
    await page.getByTestId('server-401').locator('summary').click();
    const commands = coreCommands();
    expect([...commands.keys()]).toEqual(['fingerprint-node', 'fingerprint-python', 'fingerprint-go', 'fingerprint-shell']);
    const secret = await verifier.secret.inputValue();
    const fingerprint = (await page.getByTestId('secret-fingerprint').textContent()) ?? '';
    expect(fingerprint).toMatch(/^[0-9a-f]{4}-[0-9a-f]{4}$/);
    for (const [testid, command] of commands) {
      const shown = page.getByTestId(testid);
      await expect(shown).toBeVisible();
      expect(await shown.textContent()).toBe(command);
      // What a person gets by pasting it, with the page's secret in the environment.
      const printed = execFileSync('sh', ['-c', command], { env: { ...process.env, COBINAR_WEBHOOK_SECRET: secret }, encoding: 'utf8' });
      expect(printed, testid).toBe(`${fingerprint}\n`);
    }
  });

  test('a paste that ended with a newline is said under the secret field', async ({ page }) => {
    const verifier = new VerifierPage(page);
    await verifier.open();
    const note = page.getByTestId('secret-paste-note');
    const paste = (text: string) =>
      verifier.secret.evaluate((element, raw) => {
        const data = new DataTransfer();
        data.setData('text/plain', raw);
        element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      }, text);
    await paste('whsec_from_dotenv\n');
    await expect(note).toBeVisible();
    await expect(note).toContainText('Your paste ended with a newline');
    await expect(note).toContainText('your .env may keep it');
    await paste('whsec_from_dotenv');
    await expect(note).toHaveCount(0);
  });
});
