import { expect, test, type Page } from './fixtures';
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { startApp, startFramingPage } from './servers';
import { headersFor, SECRET, SPEC_BODY, VerifierPage } from './verifier-page';

// Issue 12: a link, a fixture file and a hashchange come from someone else. The page must not
// become a signing machine for them, nor hold a secret in plain text, nor stall on what they send.

const READER_SECRET = 'whsec_reader_production_7d1c';
/** A body the attacker chose: a genuine-looking otp.verified they would like to replay. */
const FORGED_BODY = SPEC_BODY.replace('a4b8c2d1', 'f0f0f0f0');
const legacy = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'links', name), 'utf8').trim();

/** A share link in the v1 format, made with Node's own zlib and crypto. */
function linkFor(fixture: Record<string, unknown> | string): string {
  const json = typeof fixture === 'string' ? fixture : JSON.stringify({ webhookEchoFixture: 1, ...fixture });
  const compressed = deflateRawSync(Buffer.from(json), { level: 9 });
  const data = Buffer.concat([compressed, createHash('sha256').update(compressed).digest().subarray(0, 4)]).toString('base64url');
  return `v1.${data.length}.${data}`;
}

function readLink(url: string): Record<string, any> {
  const [, , data] = new URL(url).hash.slice(1).split('.');
  const bytes = Buffer.from(data, 'base64url');
  return JSON.parse(inflateRawSync(bytes.subarray(0, bytes.length - 4)).toString('utf8'));
}

/** Every form the reader's HMAC of the attacker's body could take on the page. */
function forgeries(secret: string, body: string): string[] {
  const mac = createHmac('sha256', secret).update(body).digest();
  return [mac.toString('hex'), mac.toString('hex').toUpperCase(), mac.toString('base64'), mac.toString('base64url')];
}

/** The page's whole DOM as text: markup, attributes, and the live values of every field. */
async function everythingShown(page: Page): Promise<string> {
  return page.evaluate(() => {
    const values = [...document.querySelectorAll('input, textarea, output, select')].map(
      (field) => (field as HTMLInputElement).value ?? field.textContent,
    );
    return [document.documentElement.outerHTML, ...values].join('\n');
  });
}

async function expectNoForgery(page: Page, secret: string, body: string) {
  const shown = await everythingShown(page);
  for (const form of forgeries(secret, body)) expect(shown).not.toContain(form);
}

const CRAFTED = { body: FORGED_BODY, headers: headersFor(FORGED_BODY), note: 'our receiver says 401, can you check?' };

test.describe('no signing oracle', () => {
  test('a crafted link and a typed secret: the verdict and causes, never the signature', async ({ page }) => {
    const verifier = new VerifierPage(page);
    await page.goto(`/#${linkFor(CRAFTED)}`);
    await expect(page.getByTestId('link-opened')).toBeVisible();
    await verifier.secret.fill(READER_SECRET);
    // What the reader needs is there: the verdict, the rows' statuses, a named cause.
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'invalid');
    await expect(verifier.check('x-cobinar-signature')).toHaveAttribute('data-status', 'mismatch');
    await expect(verifier.check('x-cobinar-event')).toHaveAttribute('data-status', 'ok');
    await expect(page.getByTestId('diagnosis').first()).toHaveAttribute('data-cause', 'no-known-cause');
    // Where the value would be: one sentence and a deliberate way to reveal it.
    await expect(page.getByTestId('expected-withheld')).toContainText('came from a shared link');
    await expect(verifier.expectedSignature).toHaveText('');
    await expect(verifier.check('x-cobinar-signature').getByTestId('expected-value')).toHaveCount(0);
    await expectNoForgery(page, READER_SECRET, FORGED_BODY);

    // An edit keeps it someone else's body.
    await verifier.body.fill(FORGED_BODY.replace('+999', '+998'));
    await expect(page.getByTestId('expected-withheld')).toBeVisible();
    await expectNoForgery(page, READER_SECRET, FORGED_BODY.replace('+999', '+998'));

    // Revealing takes two deliberate steps, and says what the value is.
    await page.getByTestId('reveal-expected').click();
    await expect(page.getByTestId('reveal-warning')).toContainText('anyone can replay to your endpoint');
    await expectNoForgery(page, READER_SECRET, FORGED_BODY.replace('+999', '+998'));
    await page.getByTestId('reveal-expected-confirm').click();
    const [hex] = forgeries(READER_SECRET, FORGED_BODY.replace('+999', '+998'));
    await expect(verifier.expectedSignature).toHaveText(`sha256=${hex}`);
    await expect(page.getByTestId('expected-reminder')).toContainText('Never send this value');
  });

  test('a link arriving by hashchange after the secret was typed', async ({ page }) => {
    const verifier = new VerifierPage(page);
    await verifier.open();
    await verifier.paste(READER_SECRET, SPEC_BODY, headersFor(SPEC_BODY));
    // The reader's own body: the value is shown, with its reminder.
    await expect(verifier.expectedSignature).toHaveText(`sha256=${forgeries(READER_SECRET, SPEC_BODY)[0]}`);
    await expect(page.getByTestId('expected-reminder')).toBeVisible();
    // Then a script, a redirect or a pasted address changes the fragment.
    await page.evaluate((fragment) => (location.hash = fragment), linkFor(CRAFTED));
    await expect(page.getByTestId('link-opened')).toBeVisible();
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'invalid');
    await expect(page.getByTestId('expected-withheld')).toBeVisible();
    await expectNoForgery(page, READER_SECRET, FORGED_BODY);
    // A second link after a reveal is withheld again.
    await page.getByTestId('reveal-expected').click();
    await page.getByTestId('reveal-expected-confirm').click();
    const second = { ...CRAFTED, body: FORGED_BODY.replace('+999', '+997'), note: 'and this one?' };
    await page.evaluate((fragment) => (location.hash = fragment), linkFor(second));
    await expect(page.getByTestId('link-note')).toHaveText('and this one?');
    await expect(page.getByTestId('expected-withheld')).toBeVisible();
    await expectNoForgery(page, READER_SECRET, second.body);
    // Back to the reader's own work: shown again.
    await page.evaluate(() => (location.hash = ''));
    await expect(verifier.body).toHaveValue(SPEC_BODY);
    await expect(page.getByTestId('expected-reminder')).toBeVisible();
  });

  test('a fixture file, and a reload of work on a link, are someone else’s body too', async ({ page }) => {
    const verifier = new VerifierPage(page);
    await verifier.open();
    await verifier.secret.fill(READER_SECRET);
    const file = JSON.stringify({ webhookEchoFixture: 1, ...CRAFTED });
    await page.getByTestId('fixture-import').setInputFiles({ name: 'fixture.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    await expect(page.getByTestId('expected-withheld')).toContainText('came from a fixture file');
    await expectNoForgery(page, READER_SECRET, FORGED_BODY);
    // Saved work keeps where its body came from.
    await page.waitForFunction(() => Object.keys(localStorage).some((key) => key.includes(':wip')));
    await page.reload();
    await verifier.secret.fill(READER_SECRET);
    await expect(verifier.body).toHaveValue(FORGED_BODY);
    await expect(page.getByTestId('expected-withheld')).toBeVisible();
    await expectNoForgery(page, READER_SECRET, FORGED_BODY);
    // Clear makes the next body the reader's own.
    await page.getByTestId('clear').click();
    await verifier.paste(READER_SECRET, SPEC_BODY, headersFor(SPEC_BODY));
    await expect(page.getByTestId('expected-reminder')).toBeVisible();
  });
});

test.describe('no signing oracle, at the edges', () => {
  test('a large shared body: its signature never shows while the worker answers for the next body', async ({ page }) => {
    const verifier = new VerifierPage(page);
    const shared = `{"pad":"${'s'.repeat(1_200_000)}"}`;
    await page.goto(`/#${linkFor({ body: shared, headers: headersFor(shared) })}`);
    await verifier.secret.fill(READER_SECRET);
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'invalid', { timeout: 20_000 });
    await expect(page.getByTestId('expected-withheld')).toBeVisible();
    // Watch every change to the page from here on for the shared body's signature.
    await page.evaluate((forms) => {
      (window as any).__seen = [];
      const look = () => {
        const text = document.documentElement.outerHTML;
        for (const form of forms) if (text.includes(form)) (window as any).__seen.push(form);
      };
      new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    }, forgeries(READER_SECRET, shared));
    const own = `{"pad":"${'o'.repeat(1_200_000)}"}`;
    await page.getByTestId('body-file').setInputFiles({ name: 'own.json', mimeType: 'application/json', buffer: Buffer.from(own) });
    await expect(page.getByTestId('expected-reminder')).toBeVisible({ timeout: 20_000 });
    await expect(verifier.expectedSignature).toHaveText(`sha256=${forgeries(READER_SECRET, own)[0]}`);
    expect(await page.evaluate(() => (window as any).__seen)).toEqual([]);
  });

  test('a large text put in a shared body is an edit of it: the signature stays withheld', async ({ page }) => {
    // Held as bytes past 1 MiB like a paste, yet it is the shared body with more put in: making
    // it the reader's own would sign the sender's bytes plus padding for them.
    const verifier = new VerifierPage(page);
    await page.goto(`/#${linkFor({ body: FORGED_BODY, headers: headersFor(FORGED_BODY) })}`);
    await verifier.secret.fill(READER_SECRET);
    await expect(page.getByTestId('expected-withheld')).toBeVisible();
    const grown = `${FORGED_BODY}${' '.repeat(1_100_000)}`;
    await verifier.body.evaluate((field: HTMLTextAreaElement, value) => {
      field.value = value;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    }, grown);
    await expect(page.getByTestId('body-file-note')).toContainText('the text put in the box');
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'invalid', { timeout: 20_000 });
    await expect(page.getByTestId('expected-withheld')).toBeVisible();
    await expect(page.getByTestId('expected-reminder')).toHaveCount(0);
    expect(await page.content()).not.toContain(forgeries(READER_SECRET, grown)[0]);
  });

  test('work saved by the first storage format comes back as someone else’s body', async ({ page }) => {
    const verifier = new VerifierPage(page);
    await verifier.open();
    await page.evaluate((body) => {
      localStorage.clear();
      localStorage.setItem('webhook-echo:v1:wip', JSON.stringify({ webhookEchoFixture: 1, body, headers: '' }));
      localStorage.setItem('webhook-echo:v1:wip:0011223344556677', JSON.stringify({ webhookEchoFixture: 1, body }));
      localStorage.setItem('webhook-echo:v1:wip-links', JSON.stringify(['webhook-echo:v1:wip:0011223344556677']));
    }, FORGED_BODY);
    await page.reload();
    await verifier.secret.fill(READER_SECRET);
    await expect(verifier.body).toHaveValue(FORGED_BODY);
    await expect(page.getByTestId('expected-withheld')).toBeVisible();
    await expectNoForgery(page, READER_SECRET, FORGED_BODY);
    const keys = await page.evaluate(() => Object.keys(localStorage));
    expect(keys.filter((key) => key.includes(':v1:wip'))).toEqual([]);
  });
});

test.describe('secrets in links', () => {
  test('a link that includes the secret always seals it, under a passphrase judged first', async ({ page, context, browser }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const verifier = new VerifierPage(page);
    await verifier.open();
    await verifier.paste(SECRET, SPEC_BODY, headersFor(SPEC_BODY));
    await page.getByTestId('share-include-secret').check();
    // No passphrase, or a weak one: refused, with the reason.
    await page.getByTestId('share').click();
    await expect(page.getByTestId('share-status')).toContainText('not sealed');
    await expect(page.getByTestId('share-url')).toHaveValue('');
    for (const weak of ['hunter2', 'password123456', 'aaaaaaaaaaaaaaaa', SECRET]) {
      await page.getByTestId('share-passphrase').fill(weak);
      await expect(page.getByTestId('share-passphrase-verdict')).toHaveAttribute('data-strong', 'false');
      await page.getByTestId('share').click();
      await expect(page.getByTestId('share-status')).toContainText('not sealed');
    }
    await expect(page.getByTestId('share-url')).toHaveValue('');
    // A generated one: at least 100 bits, easy to read aloud, fresh each time.
    await page.getByTestId('share-passphrase-generate').click();
    const generated = await page.getByTestId('share-passphrase').inputValue();
    expect(generated).toMatch(/^[0-9a-hjkmnp-tv-z]{5}(-[0-9a-hjkmnp-tv-z]{5}){3,}$/);
    await page.getByTestId('share-passphrase-generate').click();
    expect(await page.getByTestId('share-passphrase').inputValue()).not.toBe(generated);
    await page.getByTestId('share-passphrase').fill(generated);
    await expect(page.getByTestId('share-passphrase-verdict')).toHaveAttribute('data-strong', 'true');
    for (const field of ['share-passphrase']) {
      await expect(page.getByTestId(field)).toHaveAttribute('autocomplete', 'off');
      await expect(page.getByTestId(field)).not.toHaveAttribute('type', 'password');
    }
    await page.getByTestId('share').click();
    await expect(page.getByTestId('share-url')).toHaveValue(/#v1\./);
    const link = await page.getByTestId('share-url').inputValue();
    const fixture = readLink(link);
    expect(fixture.sealedSecret.iterations).toBe(600000);
    expect(fixture).not.toHaveProperty('secret');
    expect(link).not.toContain(SECRET);

    const teammate = await (await browser.newContext()).newPage();
    await teammate.goto(link);
    await expect(teammate.getByTestId('link-passphrase')).not.toHaveAttribute('type', 'password');
    await teammate.getByTestId('link-passphrase').fill(generated);
    await teammate.getByTestId('link-unlock').click();
    await expect(teammate.getByTestId('secret')).toHaveValue(SECRET);
    await expect(teammate.getByTestId('verdict')).toHaveAttribute('data-verdict', 'valid');
  });

  test('a passphrase typed in another Unicode form opens the same secret', async ({ page, context, browser }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const verifier = new VerifierPage(page);
    await verifier.open();
    await verifier.paste(SECRET, SPEC_BODY, headersFor(SPEC_BODY));
    await page.getByTestId('share-include-secret').check();
    const composed = 'Crème brûlée für Zoë, bitte'.normalize('NFC');
    await page.getByTestId('share-passphrase').fill(composed);
    await page.getByTestId('share').click();
    await expect(page.getByTestId('share-url')).toHaveValue(/#v1\./);
    const link = await page.getByTestId('share-url').inputValue();
    const teammate = await (await browser.newContext()).newPage();
    await teammate.goto(link);
    await teammate.getByTestId('link-passphrase').fill(composed.normalize('NFD'));
    await teammate.getByTestId('link-unlock').click();
    await expect(teammate.getByTestId('secret')).toHaveValue(SECRET);
  });

  test('sealing and unlocking never hold the page’s thread', async ({ page, context, browser }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    // What this proves is behaviour, not a timing: while the key is derived (600,000 rounds of
    // PBKDF2, hundreds of milliseconds), the page's thread keeps running other tasks. A heartbeat
    // timer counts the beats that run while the progress line is on screen. A derivation on the
    // page's own thread, in one task, would put the line up and take it down inside that task, and
    // no beat could run in between, however fast or slow the machine. (A threshold on task length
    // said the same thing less truly: it failed on a loaded machine for work unrelated to the key.)
    const watchThread = (progress: string) => {
      const w = window as any;
      w.__beatsWhileShown = 0;
      w.__shownAt = Infinity;
      w.__derivedAt = Infinity;
      const shown = () => document.querySelector(`[data-testid="${progress}"]`) !== null;
      new MutationObserver(() => {
        if (shown() && w.__shownAt === Infinity) w.__shownAt = performance.now();
        if (!shown() && w.__shownAt < Infinity && w.__derivedAt === Infinity) w.__derivedAt = performance.now();
      }).observe(document.body, { subtree: true, childList: true });
      const beat = () => {
        if (shown()) w.__beatsWhileShown += 1;
        if (w.__derivedAt === Infinity) setTimeout(beat, 4);
      };
      setTimeout(beat, 4);
    };
    const watched = () => {
      const w = window as any;
      return { shown: w.__shownAt < Infinity, gone: w.__derivedAt < Infinity, beats: w.__beatsWhileShown };
    };
    const verifier = new VerifierPage(page);
    await verifier.open();
    await verifier.paste(SECRET, SPEC_BODY, headersFor(SPEC_BODY));
    await page.getByTestId('share-include-secret').check();
    await page.getByTestId('share-passphrase').fill('q8#Tz!m2@Lk9$vR4');
    await page.evaluate(watchThread, 'share-sealing');
    await page.getByTestId('share').click();
    // The progress line may come and go faster than a poll sees it: the page's own observer
    // records when it was shown and when it went.
    await expect(page.getByTestId('share-url')).toHaveValue(/#v1\./);
    const sealing = await page.evaluate(watched);
    expect(sealing).toMatchObject({ shown: true, gone: true });
    expect(sealing.beats).toBeGreaterThanOrEqual(3);

    const teammate = await (await browser.newContext()).newPage();
    await teammate.goto(await page.getByTestId('share-url').inputValue());
    await teammate.getByTestId('link-passphrase').fill('q8#Tz!m2@Lk9$vR4');
    await teammate.evaluate(watchThread, 'link-unlock-progress');
    await teammate.getByTestId('link-unlock').click();
    await expect(teammate.getByTestId('secret')).toHaveValue(SECRET);
    const unlocking = await teammate.evaluate(watched);
    expect(unlocking).toMatchObject({ shown: true, gone: true });
    expect(unlocking.beats).toBeGreaterThanOrEqual(3);
  });

  test('a link made while another delivery arrives pairs one delivery’s work and verdict, and says it is out of date', async ({ page, context, browser }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    // The key derivation waits for the test, so that a link can arrive while it runs.
    await page.addInitScript(() => {
      const derive = SubtleCrypto.prototype.deriveBits;
      SubtleCrypto.prototype.deriveBits = async function (this: SubtleCrypto, ...args: Parameters<SubtleCrypto['deriveBits']>) {
        await new Promise((resolve) => ((window as any).__releaseDerive = resolve));
        return derive.apply(this, args);
      };
    });
    const verifier = new VerifierPage(page);
    await verifier.open();
    // The reader's own delivery, which does not verify.
    await verifier.paste(READER_SECRET, SPEC_BODY, headersFor(SPEC_BODY));
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'invalid');
    await page.getByTestId('share-include-secret').check();
    await page.getByTestId('share-passphrase').fill('q8#Tz!m2@Lk9$vR4');
    await page.getByTestId('share').click();
    await expect(page.getByTestId('share-sealing')).toBeVisible();
    // Meanwhile a link arrives whose body is valid under the secret it carries.
    await page.evaluate(
      (fragment) => (location.hash = fragment),
      linkFor({ body: FORGED_BODY, headers: headersFor(FORGED_BODY, { 'x-cobinar-signature': `sha256=${forgeries('whsec_theirs', FORGED_BODY)[0]}` }), secret: 'whsec_theirs' }),
    );
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
    await page.evaluate(() => (window as any).__releaseDerive());
    await expect(page.getByTestId('share-url')).toHaveValue(/#v1\./);
    await expect(page.getByTestId('share-stale')).toBeVisible();

    // The link is the reader's delivery with the reader's verdict, not the new link's "valid".
    const teammate = await (await browser.newContext()).newPage();
    await teammate.goto(await page.getByTestId('share-url').inputValue());
    await expect(new VerifierPage(teammate).body).toHaveValue(SPEC_BODY);
    await expect(teammate.getByTestId('sender-verdict')).toHaveAttribute('data-verdict', 'invalid-signature');
    // And its sealed secret is the reader's, sealed before the other link put its own in the field.
    await teammate.getByTestId('link-passphrase').fill('q8#Tz!m2@Lk9$vR4');
    await teammate.getByTestId('link-unlock').click();
    await expect(new VerifierPage(teammate).secret).toHaveValue(READER_SECRET);
  });

  test('without the platform CSPRNG, nothing is sealed and no passphrase is made', async ({ page }) => {
    await page.addInitScript(() => {
      Crypto.prototype.getRandomValues = () => {
        throw new DOMException('no entropy', 'QuotaExceededError');
      };
    });
    const verifier = new VerifierPage(page);
    await verifier.open();
    await verifier.paste(SECRET, SPEC_BODY, headersFor(SPEC_BODY));
    await page.getByTestId('share-include-secret').check();
    await page.getByTestId('share-passphrase-generate').click();
    await expect(page.getByTestId('share-status')).toContainText('No passphrase was generated');
    await expect(page.getByTestId('share-passphrase')).toHaveValue('');
    await page.getByTestId('share-passphrase').fill('q8#Tz!m2@Lk9$vR4');
    await page.getByTestId('share').click();
    await expect(page.getByTestId('share-status')).toContainText('getRandomValues');
    await expect(page.getByTestId('share-url')).toHaveValue('');
  });

  test('links made before sealing: a plain secret opens with a warning and leaves the address bar', async ({ page }) => {
    const verifier = new VerifierPage(page);
    await verifier.open();
    await verifier.body.fill('my own work');
    await page.goto(`/#${legacy('legacy-plain.txt')}`);
    await expect(page.getByTestId('link-secret-warning')).toContainText('plain text');
    await expect(verifier.secret).toHaveValue('whsec_legacy_plain_9c1e');
    // Its headers are the documentation example's, signed with another secret; and its body is
    // the sender's, so the expected signature stays hidden.
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'invalid');
    await expect(page.getByTestId('expected-withheld')).toBeVisible();
    // Gone from the address bar and from this history entry.
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('');
    expect(page.url()).not.toContain('#');
    await page.goBack();
    await expect(verifier.body).toHaveValue('my own work');
    expect(page.url()).not.toContain('whsec_legacy_plain');
    // Nothing of it in storage, not even under a name derived from the link.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(stored).not.toContain('whsec_legacy_plain');
  });

  test('links made before sealing: a sealed secret still opens', async ({ page }) => {
    await page.goto(`/#${legacy('legacy-sealed.txt')}`);
    await page.getByTestId('link-passphrase').fill('correct horse battery staple');
    await page.getByTestId('link-unlock').click();
    await expect(page.getByTestId('secret')).toHaveValue('whsec_legacy_sealed_5f2a');
  });
});

test.describe('crafted links cost nothing', () => {
  test('a link asking for ten million rounds is refused at once', async ({ page }) => {
    const fixture = readLink(`http://x/#${legacy('legacy-sealed.txt')}`);
    fixture.sealedSecret.iterations = 10_000_000;
    await page.goto(`/#${linkFor(JSON.stringify(fixture))}`);
    await page.getByTestId('link-passphrase').fill('correct horse battery staple');
    // Refused before a single round: the derivation's progress line never appears. (A clock
    // would not tell: ten million rounds take the browser about two seconds.)
    await page.evaluate(() => {
      (window as any).__derived = false;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="link-unlock-progress"]')) (window as any).__derived = true;
      }).observe(document.body, { subtree: true, childList: true });
    });
    await page.getByTestId('link-unlock').click();
    await expect(page.getByTestId('link-unlock-error')).toContainText(/10,?000,?000/);
    expect(await page.evaluate(() => (window as any).__derived)).toBe(false);
    await expect(page.getByTestId('secret')).toHaveValue('');
  });

  test('a 20 KB link that inflates to a 15 MB array is refused, and the page stays', async ({ page }) => {
    const bomb = legacy('bomb-unknown-field.txt');
    expect(bomb.length).toBeLessThan(40_000);
    const verifier = new VerifierPage(page);
    await verifier.open();
    await verifier.body.fill('my own work');
    await page.evaluate((fragment) => (location.hash = fragment), bomb);
    await expect(page.getByTestId('link-error')).toBeVisible();
    await expect(verifier.body).toHaveValue('my own work');
  });
});

test.describe('saved work is said, and can be refused', () => {
  test('said beside the inputs; stopping removes it and is remembered; Clear removes it', async ({ page }) => {
    const verifier = new VerifierPage(page);
    await verifier.open();
    await expect(page.getByTestId('saved-work')).toContainText('7 days');
    await verifier.paste(SECRET, SPEC_BODY, headersFor(SPEC_BODY));
    const saved = () => page.evaluate(() => Object.keys(localStorage).filter((key) => key.includes(':wip')).length);
    await expect.poll(saved).toBeGreaterThan(0);
    await page.getByTestId('clear').click();
    await expect.poll(saved).toBe(0);

    await verifier.paste(SECRET, SPEC_BODY, headersFor(SPEC_BODY));
    await expect.poll(saved).toBeGreaterThan(0);
    await page.getByTestId('saved-work-toggle').click();
    await expect(page.getByTestId('saved-work')).toHaveAttribute('data-saving', 'false');
    await expect.poll(saved).toBe(0);
    await verifier.body.fill(SPEC_BODY + ' ');
    await page.reload();
    await expect(verifier.body).toHaveValue('');
    await expect(page.getByTestId('saved-work')).toHaveAttribute('data-saving', 'false');
    expect(await saved()).toBe(0);
    await page.getByTestId('saved-work-toggle').click();
    await verifier.body.fill('kept again');
    await expect.poll(saved).toBeGreaterThan(0);
  });

  test('saved work expires after a week', async ({ page }) => {
    const verifier = new VerifierPage(page);
    await verifier.open();
    await verifier.body.fill('from last month');
    await expect.poll(() => page.evaluate(() => localStorage.getItem('webhook-echo:v2:wip'))).not.toBeNull();
    await page.evaluate(() => {
      const entry = JSON.parse(localStorage.getItem('webhook-echo:v2:wip') as string);
      entry.savedAt -= 8 * 24 * 60 * 60 * 1000;
      localStorage.setItem('webhook-echo:v2:wip', JSON.stringify(entry));
    });
    await page.reload();
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'incomplete');
    await expect(verifier.body).toHaveValue('');
    expect(await page.evaluate(() => localStorage.getItem('webhook-echo:v2:wip'))).toBeNull();
  });
});

test.describe('framed by another origin', () => {
  test('where a host sends no headers, the page itself takes no secret and says to open it directly', async ({ page }) => {
    const app = await startApp({ bare: true });
    // A link that would otherwise put a secret in the field.
    const framing = await startFramingPage(`${app.url}#${legacy('legacy-plain.txt')}`);
    try {
      await page.goto(framing.url);
      const frame = page.frameLocator('iframe');
      await expect(frame.getByTestId('framed')).toContainText('Open webhook-echo directly');
      await expect(frame.getByTestId('secret')).toBeDisabled();
      await expect(frame.getByTestId('secret')).toHaveValue('');
      await expect(frame.getByTestId('share-include-secret')).toBeDisabled();
      await expect(frame.getByTestId('link-opened')).toBeVisible();
    } finally {
      await framing.close();
      await app.close();
    }
  });
});
