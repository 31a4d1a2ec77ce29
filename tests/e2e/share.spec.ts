import { expect, test, type Page } from './fixtures';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { startApp, startFramingPage } from './servers';
import { clipboardText, cobinarSignature, headersFor, SECRET, SPEC_BODY, VerifierPage } from './verifier-page';

/** Reads a share link with Node's own zlib and crypto: the format, checked independently. */
function readLink(url: string): Record<string, unknown> {
  const fragment = new URL(url).hash.slice(1);
  const [version, length, data] = fragment.split('.');
  expect(version).toBe('v1');
  expect(data.length).toBe(Number(length));
  const bytes = Buffer.from(data, 'base64url');
  const compressed = bytes.subarray(0, bytes.length - 4);
  expect(createHash('sha256').update(compressed).digest().subarray(0, 4)).toEqual(bytes.subarray(bytes.length - 4));
  return JSON.parse(inflateRawSync(compressed).toString('utf8'));
}

/** What a share link carries after the end of its deflate stream: the sender's verdict. */
function linkVerdict(url: string): string {
  const data = new URL(url).hash.slice(1).split('.')[2];
  const bytes = Buffer.from(data, 'base64url');
  const framed = bytes.subarray(0, bytes.length - 4);
  const { engine } = inflateRawSync(framed, { info: true }) as unknown as { engine: { bytesWritten: number } };
  return framed.subarray(engine.bytesWritten).toString('latin1');
}

/** A link as the page frames one, with any bytes after the deflate stream: a crafted verdict. */
function linkWithTrailer(fixture: Record<string, unknown>, trailer: string): string {
  const framed = Buffer.concat([deflateRawSync(Buffer.from(JSON.stringify(fixture))), Buffer.from(trailer, 'latin1')]);
  const checksum = createHash('sha256').update(framed).digest().subarray(0, 4);
  const data = Buffer.concat([framed, checksum]).toString('base64url');
  return `v1.${data.length}.${data}`;
}

const CRLF_BODY = '{\r\n  "id": "e3a9c1f0-5b7d-4e2a-9c61-2f8d0b7a4e13",\r\n  "event": "otp.failed"\r\n}\r\n\r\n';

async function makeLink(page: Page, options: { includeSecret?: boolean; passphrase?: string } = {}) {
  const verifier = new VerifierPage(page);
  await verifier.open();
  await verifier.paste(SECRET, CRLF_BODY.replaceAll('\r\n', '\n'), headersFor(CRLF_BODY));
  await page.getByTestId('line-ending-crlf').check();
  await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
  await page.getByTestId('share-note').fill("fails since Tuesday's deploy");
  if (options.includeSecret) {
    await page.getByTestId('share-include-secret').check();
    await expect(page.getByTestId('share-secret-warning')).toContainText('Anyone with this link');
    if (options.passphrase) await page.getByTestId('share-passphrase').fill(options.passphrase);
  }
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-url')).toHaveValue(/#v1\.\d+\./);
  return (await page.getByTestId('share-url').inputValue()) as string;
}

test.describe('share links', () => {
  test.beforeEach(async ({ context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  });

  test('leave the secret out, carry its fingerprint, and restore the exact bytes elsewhere', async ({ page, browser }) => {
    const link = await makeLink(page);
    await expect(page.getByTestId('share-status')).toContainText('Link copied');
    expect(await clipboardText(page)).toBe(link);
    expect(link).not.toContain(SECRET);
    expect(new URL(link).search).toBe('');
    const fixture = readLink(link);
    expect(fixture.body).toBe(CRLF_BODY);
    expect(fixture).not.toHaveProperty('secret');
    expect(fixture.secretFingerprint).toMatch(/^[0-9a-f]{4}-[0-9a-f]{4}$/);
    expect(JSON.stringify(fixture)).not.toContain(SECRET);

    // A teammate, in a browser of their own.
    const teammate = await (await browser.newContext()).newPage();
    await teammate.goto(link);
    const other = new VerifierPage(teammate);
    await expect(teammate.getByTestId('link-opened')).toContainText("fails since Tuesday's deploy");
    await expect(teammate.getByTestId('body-length')).toHaveText(`${Buffer.byteLength(CRLF_BODY)} bytes`);
    await expect(teammate.getByTestId('line-ending-crlf')).toBeChecked();
    await expect(other.headers).toHaveValue(headersFor(CRLF_BODY));
    await expect(teammate.getByTestId('link-fingerprint')).toHaveAttribute('data-match', 'unknown');
    await other.secret.fill('whsec_not_the_same');
    await expect(teammate.getByTestId('link-fingerprint')).toHaveAttribute('data-match', 'no');
    await other.secret.fill(SECRET);
    await expect(teammate.getByTestId('link-fingerprint')).toHaveAttribute('data-match', 'yes');
    await expect(other.verdict).toHaveAttribute('data-verdict', 'valid');
  });

  test("the teammate's banner shows the sender's verdict as their claim, and says when this page finds otherwise", async ({ page, browser }) => {
    const verifier = new VerifierPage(page);
    await verifier.open();
    // Signed over the compact body, pasted pretty-printed: a body parsed and written again.
    const pretty = JSON.stringify(JSON.parse(SPEC_BODY), null, 2);
    await verifier.paste(SECRET, pretty, headersFor(SPEC_BODY));
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'invalid');
    await expect(page.getByTestId('diagnosis').first()).toHaveAttribute('data-cause', 'body-reserialized');
    await expect(page.getByTestId('share-verdict')).toContainText('the signature does not match: the body was parsed as JSON and written out again');
    await page.getByTestId('share').click();
    await expect(page.getByTestId('share-url')).toHaveValue(/#v1\.\d+\./);
    const link = await page.getByTestId('share-url').inputValue();
    // After the stream, read with Node's zlib: the codes, and the fixture's JSON unchanged.
    expect(linkVerdict(link)).toBe('verdict=invalid-signature;causes=body-reserialized');
    expect(Object.keys(readLink(link)).sort()).toEqual(['body', 'event', 'headers', 'secretFingerprint', 'webhookEchoFixture']);

    const teammate = await (await browser.newContext()).newPage();
    const other = new VerifierPage(teammate);
    await teammate.goto(link);
    const said = teammate.getByTestId('sender-verdict');
    await expect(said).toContainText("The sender's page said the signature does not match: the body was parsed as JSON and written out again.");
    await expect(said).toContainText('That is their claim');
    await expect(said).toHaveAttribute('data-verdict', 'invalid-signature');
    await expect(said).toHaveAttribute('data-agreement', 'unchecked');
    await other.secret.fill(SECRET);
    await expect(said).toHaveAttribute('data-agreement', 'same');
    await expect(said).toContainText('finds the same');
    await other.secret.fill('whsec_not_the_same');
    await expect(said).toHaveAttribute('data-agreement', 'other-causes');
    await expect(said).toContainText('but for another reason: no known mistake explains it');

    // A valid delivery's link, opened with another secret: this page says otherwise, plainly.
    const valid = await makeLink(page);
    expect(linkVerdict(valid)).toBe('verdict=valid');
    await teammate.goto(valid);
    await expect(said).toContainText("The sender's page said the signature matches.");
    await other.secret.fill('whsec_not_the_same');
    await expect(said).toHaveAttribute('data-agreement', 'different');
    await expect(said).toContainText('this page finds otherwise, that the signature does not match');
  });

  test("a link that carries its own secret and claims valid: the page says whose secret it checked under", async ({ page }) => {
    // Anyone can sign any body with a secret of their own and put that secret in the link.
    const forger = 'whsec_forger_7f3a';
    const headers = headersFor(SPEC_BODY, { 'x-cobinar-signature': cobinarSignature(forger, SPEC_BODY) });
    const fixture = { webhookEchoFixture: 1, body: SPEC_BODY, headers, note: 'genuine, promise', secret: forger };
    const verifier = new VerifierPage(page);
    await page.goto(`/#${linkWithTrailer(fixture, 'verdict=valid')}`);
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
    const note = page.getByTestId('secret-from-link');
    await expect(note).toContainText("Checked under the link's secret, not one you entered");
    const said = page.getByTestId('sender-verdict');
    await expect(said).toHaveAttribute('data-agreement', 'same');
    await expect(said).toContainText("It checked under the link's secret, not one you entered.");
    // With the reader's own secret, the claim falls and the note goes.
    await verifier.secret.fill(SECRET);
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'invalid');
    await expect(note).toHaveCount(0);
    await expect(said).toHaveAttribute('data-agreement', 'different');
    await expect(said).not.toContainText("the link's secret");
  });

  test("the banner says 'checking' until this page's own cause search has answered, never 'finds the same' before", async ({ page }) => {
    // Over 64 KiB: causes are searched once typing pauses, so there is a moment with none yet.
    const body = JSON.stringify({ id: 'e3a9', event: 'otp.verified', pad: 'y'.repeat(70_000) });
    const headers = headersFor(body, { 'x-cobinar-signature': cobinarSignature('whsec_sender', body) });
    const fixture = { webhookEchoFixture: 1, body, headers, note: 'large' };
    await page.goto(`/#${linkWithTrailer(fixture, 'verdict=invalid-signature;causes=body-bom')}`);
    const said = page.getByTestId('sender-verdict');
    await expect(said).toHaveAttribute('data-agreement', 'unchecked');
    // Every agreement the banner shows, from the moment the secret is typed.
    await said.evaluate((element) => {
      const seen: string[] = [];
      (window as any).__agreements = seen;
      new MutationObserver(() => seen.push(`${element.getAttribute('data-agreement')}|${element.textContent}`)).observe(element, {
        attributes: true,
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    await page.getByTestId('secret').fill(SECRET);
    await expect(said).toHaveAttribute('data-agreement', 'other-causes', { timeout: 15_000 });
    const seen: string[] = await page.evaluate(() => (window as any).__agreements);
    expect(seen.some((entry) => entry.startsWith('checking|') && entry.includes('still looking for why'))).toBe(true);
    expect(seen.filter((entry) => entry.startsWith('same|') || entry.includes('finds the same'))).toEqual([]);
  });

  test('in a frame, where the page takes no secret, the banner does not ask for one', async ({ page }) => {
    const link = await makeLink(page);
    const app = await startApp({ bare: true });
    const framing = await startFramingPage(`${app.url}${new URL(link).hash}`);
    try {
      await page.goto(framing.url);
      const frame = page.frameLocator('iframe');
      await expect(frame.getByTestId('framed')).toBeVisible();
      const said = frame.getByTestId('sender-verdict');
      await expect(said).toHaveAttribute('data-agreement', 'unchecked');
      await expect(said).toContainText('open it directly');
      await expect(said).not.toContainText('enter your secret');
      await expect(frame.getByTestId('link-fingerprint')).toContainText('open it directly');
      await expect(frame.getByTestId('link-fingerprint')).not.toContainText('Enter your secret');
    } finally {
      await framing.close();
      await app.close();
    }
  });

  test("a crafted verdict is never shown: unknown codes are dropped, the link still opens", async ({ page }) => {
    const fixture = { webhookEchoFixture: 1, body: SPEC_BODY, headers: headersFor(SPEC_BODY), note: 'crafted verdict' };
    const verifier = new VerifierPage(page);
    const said = page.getByTestId('sender-verdict');
    for (const trailer of ['verdict=<img src=x onerror="window.pwned=1">', 'verdict=VALID', '\u00ff\u00fe', `verdict=valid;${'x'.repeat(600)}`]) {
      await page.goto(`/#${linkWithTrailer(fixture, trailer)}`);
      await expect(page.getByTestId('link-note')).toHaveText('crafted verdict');
      await expect(said).toHaveCount(0);
      await expect(verifier.body).toHaveValue(SPEC_BODY);
    }
    // Known codes are kept, the rest dropped: no markup of the link's reaches the page.
    await page.goto(`/#${linkWithTrailer({ ...fixture, note: 'partly known' }, 'verdict=invalid-signature;causes=<b>bold</b>,body-bom,secret-quotes')}`);
    await expect(said).toHaveText(
      /^The sender's page said the signature does not match: a byte order mark was added to or dropped from the start of the body; an environment file's quotes were kept as part of the secret on one side\. /,
    );
    await expect(said).toHaveAttribute('data-causes', 'body-bom secret-quotes');
    expect(await page.evaluate(() => document.querySelectorAll('img, b').length + Number('pwned' in window))).toBe(0);
    expect(await page.content()).not.toContain('bold');
  });

  test('a secret sealed with a passphrase opens only with it', async ({ page, browser }) => {
    const link = await makeLink(page, { includeSecret: true, passphrase: 'q8#Tz!m2@Lk9$vR4' });
    const fixture = readLink(link);
    expect(fixture).toHaveProperty('sealedSecret');
    expect(JSON.stringify(fixture)).not.toContain(SECRET);

    const teammate = await (await browser.newContext()).newPage();
    await teammate.goto(link);
    await teammate.getByTestId('link-passphrase').fill('wrong');
    await teammate.getByTestId('link-unlock').click();
    await expect(teammate.getByTestId('link-unlock-error')).toContainText('does not open');
    await teammate.getByTestId('link-passphrase').fill('q8#Tz!m2@Lk9$vR4');
    await teammate.getByTestId('link-unlock').click();
    await expect(teammate.getByTestId('link-secret-warning')).toBeVisible();
    await expect(teammate.getByTestId('verdict')).toHaveAttribute('data-verdict', 'valid');
    await expect(teammate.getByTestId('secret-from-link')).toBeVisible();
  });

  test('a secret typed while the passphrase is checked stays, and unlocking again puts the link\'s in', async ({ page, browser }) => {
    const link = await makeLink(page, { includeSecret: true, passphrase: 'q8#Tz!m2@Lk9$vR4' });
    const teammate = await (await browser.newContext()).newPage();
    // The key derivation waits for the test, so that the reader can type while it runs.
    await teammate.addInitScript(() => {
      const derive = SubtleCrypto.prototype.deriveBits;
      SubtleCrypto.prototype.deriveBits = async function (this: SubtleCrypto, ...args: Parameters<SubtleCrypto['deriveBits']>) {
        await new Promise((resolve) => ((window as any).__releaseDerive = resolve));
        return derive.apply(this, args);
      };
    });
    await teammate.goto(link);
    await teammate.getByTestId('link-passphrase').fill('q8#Tz!m2@Lk9$vR4');
    await teammate.getByTestId('link-unlock').click();
    await teammate.waitForFunction(() => typeof (window as any).__releaseDerive === 'function');
    await teammate.getByTestId('secret').fill('whsec_typed_meanwhile');
    await teammate.evaluate(() => (window as any).__releaseDerive());
    await expect(teammate.getByTestId('link-unlock-error')).toContainText('what is in it stays');
    await expect(teammate.getByTestId('secret')).toHaveValue('whsec_typed_meanwhile');
    await expect(teammate.getByTestId('secret-from-link')).toHaveCount(0);
    await expect(teammate.getByTestId('link-passphrase')).toHaveValue('q8#Tz!m2@Lk9$vR4');
    // Asked again, with the field left alone, the link's secret goes in.
    await teammate.evaluate(() => delete (window as any).__releaseDerive);
    await teammate.getByTestId('link-unlock').click();
    await teammate.waitForFunction(() => typeof (window as any).__releaseDerive === 'function');
    await teammate.evaluate(() => (window as any).__releaseDerive());
    await expect(teammate.getByTestId('secret-from-link')).toBeVisible();
    await expect(teammate.getByTestId('verdict')).toHaveAttribute('data-verdict', 'valid');
  });

  test('a secret longer than any webhook secret is not sealed into a link no page would open', async ({ page }) => {
    const verifier = new VerifierPage(page);
    await verifier.open();
    const long = `whsec_${'k'.repeat(5000)}`;
    await verifier.paste(long, SPEC_BODY, headersFor(SPEC_BODY));
    await page.getByTestId('share-include-secret').check();
    await page.getByTestId('share-passphrase').fill('q8#Tz!m2@Lk9$vR4');
    await page.getByTestId('share').click();
    await expect(page.getByTestId('share-status')).toContainText('longer than 4 KiB, more than any webhook secret');
    await expect(page.getByTestId('share-url')).toHaveValue('');
    // Left out, only its fingerprint travels, whatever its length.
    await page.getByTestId('share-include-secret').uncheck();
    await page.getByTestId('share').click();
    await expect(page.getByTestId('share-url')).toHaveValue(/#v1\./);
  });

  test('a secret never travels in plain text: without a passphrase no link is made', async ({ page }) => {
    const verifier = new VerifierPage(page);
    await verifier.open();
    await verifier.paste(SECRET, SPEC_BODY, headersFor(SPEC_BODY));
    await page.getByTestId('share-include-secret').check();
    await expect(page.getByTestId('share-secret-warning')).toContainText('Anyone with this link');
    await page.getByTestId('share').click();
    await expect(page.getByTestId('share-status')).toContainText('not sealed');
    await expect(page.getByTestId('share-url')).toHaveValue('');
    const downloads: string[] = [];
    page.on('download', (download) => downloads.push(download.suggestedFilename()));
    await page.getByTestId('fixture-export').click();
    await expect(page.getByTestId('fixture-file-error')).toContainText('not sealed');
    // No download began: rather than wait some seconds for one, save a file the page does let out
    // (the secret left out). Downloads begin in order, so one from the refused export would be
    // seen before this one.
    await page.getByTestId('share-include-secret').uncheck();
    const [allowed] = await Promise.all([page.waitForEvent('download'), page.getByTestId('fixture-export').click()]);
    expect(downloads).toEqual([allowed.suggestedFilename()]);
  });

  test('when the clipboard is refused, the link is selected for copying by hand', async ({ page }) => {
    await page.addInitScript(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
    });
    const link = await makeLink(page);
    await expect(page.getByTestId('share-status')).toContainText('press Ctrl+C');
    const selected = await page.getByTestId('share-url').evaluate((input: HTMLInputElement) =>
      input.value.slice(input.selectionStart ?? 0, input.selectionEnd ?? 0),
    );
    expect(selected).toBe(link);
  });

  test('bad links say what is wrong and leave the work as it was', async ({ page }) => {
    const link = await makeLink(page);
    const verifier = new VerifierPage(page);
    await verifier.body.fill('my own work');
    const fragment = new URL(link).hash.slice(1);
    const [, , data] = fragment.split('.');
    const flipped = data[5] === 'A' ? 'B' : 'A';
    const cases: Array<[string, string]> = [
      [fragment.slice(0, -12), 'cut short'],
      [fragment.slice(0, 20) + flipped + fragment.slice(21), 'changed'],
      [fragment.replace('v1.', 'v9.'), 'format v9'],
      ['v1.8.!!!!!!!!', 'malformed'],
    ];
    for (const [bad, words] of cases) {
      await page.goto(`/#${bad}`);
      await expect(page.getByTestId('link-error')).toContainText(words);
      await expect(verifier.body).toHaveValue('my own work');
    }
  });

  test('work in progress survives a reload, the secret excepted', async ({ page }) => {
    const verifier = new VerifierPage(page);
    await verifier.open();
    await verifier.paste(SECRET, SPEC_BODY, headersFor(SPEC_BODY));
    await page.getByTestId('share-note').fill('remember me');
    // Saved once the page's save debounce has run: waited for as it happens, not slept through.
    const storage = () => page.evaluate(() => JSON.stringify({ ...localStorage }));
    await expect.poll(storage).toContain('remember me');
    const stored = await storage();
    expect(stored).toContain('remember me');
    expect(stored).not.toContain(SECRET);
    await page.reload();
    await expect(verifier.body).toHaveValue(SPEC_BODY);
    await expect(verifier.headers).toHaveValue(headersFor(SPEC_BODY));
    await expect(page.getByTestId('share-note')).toHaveValue('remember me');
    await expect(verifier.secret).toHaveValue('');
  });

  test('after opening a link, Back returns to what was there before', async ({ page }) => {
    const link = await makeLink(page);
    const verifier = new VerifierPage(page);
    await verifier.body.fill('before the link');
    await verifier.secret.fill('whsec_mine');
    await page.goto(link);
    await expect(page.getByTestId('link-opened')).toBeVisible();
    await expect(verifier.body).toHaveValue(CRLF_BODY.replaceAll('\r\n', '\n'));
    await page.goBack();
    await expect(page.getByTestId('link-opened')).toHaveCount(0);
    await expect(verifier.body).toHaveValue('before the link');
    await expect(verifier.secret).toHaveValue('whsec_mine');
  });

  test('a fixture file opens as a link does: its own banner and place, its sealed secret, and Back', async ({ page, browser }) => {
    // The sender saves the fixture with the secret sealed, as a file.
    const passphrase = 'q8#Tz!m2@Lk9$vR4';
    await makeLink(page, { includeSecret: true, passphrase });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('fixture-export').click()]);
    const path = await download.path();
    expect(readFileSync(path, 'utf8')).not.toContain(SECRET);
    // Named as a fixture library names it: <event>-<first 8 characters of the event id>.json.
    const id = JSON.parse(CRLF_BODY).id as string;
    expect(download.suggestedFilename()).toBe(`${JSON.parse(CRLF_BODY).event}-${id.slice(0, 8)}.json`);

    // The teammate has work of their own, and someone else's link to hand.
    const teammate = await (await browser.newContext()).newPage();
    const other = new VerifierPage(teammate);
    await teammate.goto(new URL('/', page.url()).href);
    await other.paste('whsec_someone_else', '{"other":true}', 'x-cobinar-event: otp.failed');
    await teammate.getByTestId('share-note').fill('ignore the warning, this is fine');
    await teammate.getByTestId('share').click();
    await expect(teammate.getByTestId('share-url')).toHaveValue(/#v1\./);
    const elsewhere = await teammate.getByTestId('share-url').inputValue();
    await teammate.getByTestId('share-note').fill('');
    await other.paste('whsec_teammate_own', '{"my":"own work"}', 'x-cobinar-event: otp.created');

    // The file opens over the teammate's own work: its note and sealed box; the secret unlocks.
    await teammate.getByTestId('fixture-import').setInputFiles(path);
    await expect(teammate.getByTestId('link-note')).toHaveText("fails since Tuesday's deploy");
    await expect(teammate.getByText('The file carries a sealed secret')).toBeVisible();
    await teammate.getByTestId('link-passphrase').fill(passphrase);
    await teammate.getByTestId('link-unlock').click();
    await expect(other.secret).toHaveValue(SECRET);
    await expect(other.verdict).toHaveAttribute('data-verdict', 'valid');
    await expect(teammate.getByTestId('link-secret-warning')).toContainText('Anyone with the file and the passphrase');
    await expect(teammate.getByTestId('secret-from-link')).toContainText("the file's secret");

    // Back: the teammate's own work and secret, as they were.
    await teammate.goBack();
    await expect(other.body).toHaveValue('{"my":"own work"}');
    await expect(other.secret).toHaveValue('whsec_teammate_own');
    await expect(teammate.getByTestId('link-opened')).toHaveCount(0);

    // Over a link: the file's banner replaces the link's, and Back returns to the link.
    await teammate.goto(elsewhere);
    await expect(teammate.getByTestId('link-note')).toHaveText('ignore the warning, this is fine');
    await expect(teammate.getByTestId('link-fingerprint')).toBeVisible();
    await teammate.getByTestId('fixture-import').setInputFiles(path);
    await expect(teammate.getByTestId('link-note')).toHaveText("fails since Tuesday's deploy");
    await expect(teammate.getByTestId('link-fingerprint')).toHaveCount(0);
    expect(new URL(teammate.url()).hash).toBe('');
    await teammate.goBack();
    await expect(teammate.getByTestId('link-note')).toHaveText('ignore the warning, this is fine');
    await expect(other.body).toHaveValue('{"other":true}');
  });

  test('Back onto a file whose work was not kept gives the page\'s own work and secret back', async ({ page }) => {
    const verifier = new VerifierPage(page);
    await verifier.open();
    await verifier.paste('whsec_mine', '{"my":"own work"}', 'x-cobinar-event: otp.created');
    // A file too large to keep (over 1 MiB), carrying its own secret, then another file.
    const large = JSON.stringify({ webhookEchoFixture: 1, body: `{"pad":"${'y'.repeat(1100 * 1024)}"}`, secret: 'whsec_from_file' });
    await page.getByTestId('fixture-import').setInputFiles({ name: 'large.json', mimeType: 'application/json', buffer: Buffer.from(large) });
    await expect(verifier.secret).toHaveValue('whsec_from_file');
    const small = JSON.stringify({ webhookEchoFixture: 1, body: '{"small":true}', note: 'the second file' });
    await page.getByTestId('fixture-import').setInputFiles({ name: 'small.json', mimeType: 'application/json', buffer: Buffer.from(small) });
    await expect(page.getByTestId('link-note')).toHaveText('the second file');
    await page.goBack();
    await expect(verifier.body).toHaveValue('{"my":"own work"}');
    await expect(verifier.secret).toHaveValue('whsec_mine');
    await expect(page.getByTestId('link-opened')).toHaveCount(0);
  });

  test('a fixture saved as a file opens again, byte for byte', async ({ page }) => {
    await makeLink(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('fixture-export').click()]);
    const path = await download.path();
    const saved = JSON.parse(readFileSync(path, 'utf8'));
    expect(saved.webhookEchoFixture).toBe(1);
    expect(saved.body).toBe(CRLF_BODY);
    expect(JSON.stringify(saved)).not.toContain(SECRET);
    await page.getByTestId('clear').click();
    await page.getByTestId('fixture-import').setInputFiles(path);
    await expect(page.getByTestId('body-length')).toHaveText(`${Buffer.byteLength(CRLF_BODY)} bytes`);
    await expect(page.getByTestId('share-note')).toHaveValue("fails since Tuesday's deploy");
    await page.getByTestId('fixture-import').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"webhookEchoFixture":3}') });
    await expect(page.getByTestId('fixture-file-error')).toContainText('version 3');
  });
});

test('an address the page does not understand is said, not passed over', async ({ page }) => {
  // A link cut short when it was copied looks like this: the person would see their own work
  // and think it was the sender's.
  const warned = page.waitForEvent('console', (message) => message.type() === 'warning' && message.text().includes('neither a share link'));
  await page.goto('/#1.212.eJyrVkrOz0t');
  await expect(page.getByTestId('link-error')).toContainText('neither a share link');
  await warned;
  // A place on the page is understood, and clears what was said.
  await page.evaluate(() => {
    location.hash = '#result';
  });
  await expect(page.getByTestId('link-error')).toHaveCount(0);
});
