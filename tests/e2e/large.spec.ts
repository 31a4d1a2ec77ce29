import { expect, test, type Page } from './fixtures';
import { cobinarSignature, headersFor, SECRET, VerifierPage } from './verifier-page';

// Bodies over 1 MiB are verified and diagnosed by the page's worker, off its thread; the page says
// it is checking meanwhile, and works in place where no worker can be had.
const MB = 1 << 20;

function jsonBody(size: number, ending = ''): Buffer {
  const head = '{"id":"evt_big","event":"otp.verified","pad":"';
  return Buffer.from(head + 'y'.repeat(size - head.length - 2 - ending.length) + '"}' + ending);
}

async function load(page: Page, body: Buffer) {
  await page.getByTestId('body-file').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: body });
}

test.describe('large bodies', () => {
  // The routes below must see the worker's script fetched; the offline cache would answer first.
  test.use({ serviceWorkers: 'block' });
  let verifier: VerifierPage;

  test.beforeEach(async ({ page }) => {
    verifier = new VerifierPage(page);
    await verifier.open();
  });

  test('are verified by the worker, with the Bytes view counted there', async ({ page }) => {
    const body = jsonBody(3 * MB, '\r\n');
    await verifier.secret.fill(SECRET);
    await verifier.headers.fill(headersFor(body));
    await load(page, body);
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid', { timeout: 20_000 });
    expect(page.workers().map((worker) => new URL(worker.url()).pathname)).toEqual(['/offload-worker.js']);
    await expect(verifier.expectedSignature).toHaveText(cobinarSignature(SECRET, body));
    await expect(page.getByTestId('body-bytes-summary')).toContainText('1 CRLF; ends with CRLF');
    await expect(page.getByTestId('body-length')).toHaveText('3,145,728 bytes');

    // A change of secret is checked again, by the same worker.
    await verifier.secret.fill(`${SECRET}x`);
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'invalid', { timeout: 20_000 });
    await verifier.secret.fill(SECRET);
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid', { timeout: 20_000 });
    expect(page.workers()).toHaveLength(1);
  });

  test('put back unchanged by the program (a headers-only import) are verified again, not left checking', async ({ page }) => {
    // An import, a link or a file drops the worker's answer for the body it replaces; when the
    // bytes it puts back are the same, no memo changes, and the page once waited for an answer
    // it never asked for: "Checking…" for good, under a sender's claim left unanswered.
    const body = jsonBody(MB + 10);
    await verifier.secret.fill(SECRET);
    await verifier.headers.fill(headersFor(body));
    await load(page, body);
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid', { timeout: 20_000 });
    await page.getByTestId('import').fill(headersFor(body.subarray(0, 10)));
    await page.getByTestId('import-apply').click();
    await expect(page.getByTestId('import-error')).toHaveCount(0);
    await expect(page.getByTestId('body-length')).toHaveText('1,048,586 bytes');
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'invalid', { timeout: 20_000 });
    await page.getByTestId('import').fill(headersFor(body));
    await page.getByTestId('import-apply').click();
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid', { timeout: 20_000 });
  });

  test('typed or pasted, are verified again after every edit', async ({ page }) => {
    const body = jsonBody(MB + 10).toString();
    const type = (text: string) =>
      verifier.body.evaluate((field: HTMLTextAreaElement, value) => {
        field.value = value;
        field.dispatchEvent(new Event('input', { bubbles: true }));
      }, text);
    await verifier.secret.fill(SECRET);
    await verifier.headers.fill(headersFor(body));
    await type(body);
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid', { timeout: 20_000 });
    await type(`${body}x`);
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'invalid', { timeout: 20_000 });
    await expect(page.getByTestId('body-length')).toHaveText('1,048,587 bytes');
    await type(body);
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid', { timeout: 20_000 });
    expect(page.workers()).toHaveLength(1);
  });

  /** Text put in the body's box in one go, as a drop, an autofill or a script puts it. */
  const putIn = (page: Page, ...values: string[]) =>
    page.getByTestId('body').evaluate((field: HTMLTextAreaElement, all) => {
      for (const value of all) {
        field.value = value;
        field.dispatchEvent(new Event('input', { bubbles: true }));
      }
    }, values);

  test('put in the box at once, are held as the bytes the box would be checked as', async ({ page }) => {
    // Laid out in the box, 10 MB held the page for over a second; held as bytes, the box stays
    // empty and the line-ending choice made before is in the bytes.
    const text = `{\n"pad":"${'y'.repeat(3 * MB)}"\n}`;
    const crlf = Buffer.from(text.replaceAll('\n', '\r\n'));
    await page.getByTestId('line-ending-crlf').check();
    await verifier.secret.fill(SECRET);
    await verifier.headers.fill(headersFor(crlf));
    await putIn(page, text);
    await expect(page.getByTestId('body-file-note')).toContainText(`Checking the ${crlf.length.toLocaleString('en-US')} bytes of the text put in the box`);
    await expect(verifier.body).toHaveValue('');
    await expect(page.getByTestId('line-ending-crlf')).toBeDisabled();
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid', { timeout: 20_000 });
    await expect(verifier.expectedSignature).toHaveText(cobinarSignature(SECRET, crlf));

    // Typing in the emptied box checks the typed text, as after a file.
    await putIn(page, '{}');
    await expect(page.getByTestId('body-file-note')).toHaveCount(0);
    await expect(page.getByTestId('body-length')).toHaveText('2 bytes');
  });

  test('already in the box stay typed when a key is pressed: the box is not emptied under the hands', async ({ page }) => {
    const body = jsonBody(MB + MB / 2);
    await load(page, body);
    await expect(verifier.body).toHaveValue(body.toString());
    await putIn(page, `${body}x`);
    await expect(page.getByTestId('body-file-note')).toHaveCount(0);
    await expect(page.getByTestId('body-length')).toHaveText(`${(body.length + 1).toLocaleString('en-US')} bytes`);
    expect(await verifier.body.evaluate((field: HTMLTextAreaElement) => field.value.length)).toBe(body.length + 1);
  });

  test('already in the box stay there when a cut is undone or a selection dragged within it', async ({ page }) => {
    // Both put over 1 MiB back in one input event; neither came from outside the box.
    const text = jsonBody(MB + MB / 2).toString();
    const edit = (steps: [string, string][]) =>
      verifier.body.evaluate((field: HTMLTextAreaElement, all) => {
        for (const [value, inputType] of all) {
          field.value = value;
          field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType }));
        }
      }, steps);
    await load(page, Buffer.from(text));
    await edit([['', 'deleteByCut'], [text, 'historyUndo']]);
    await expect(page.getByTestId('body-file-note')).toHaveCount(0);
    await expect(page.getByTestId('body-length')).toHaveText(`${text.length.toLocaleString('en-US')} bytes`);
    expect(await verifier.body.evaluate((field: HTMLTextAreaElement) => field.value.length)).toBe(text.length);

    const moved = `x${text}`;
    await edit([['x', 'deleteByDrag'], [moved, 'insertFromDrop']]);
    await expect(page.getByTestId('body-length')).toHaveText(`${moved.length.toLocaleString('en-US')} bytes`);
    await expect(page.getByTestId('body-file-note')).toHaveCount(0);
    expect(await verifier.body.evaluate((field: HTMLTextAreaElement) => field.value.length)).toBe(moved.length);

    // The same text dropped in from elsewhere is held.
    await edit([['', 'deleteContentBackward'], [text, 'insertFromDrop']]);
    await expect(page.getByTestId('body-file-note')).toContainText('the text put in the box');
    await expect(verifier.body).toHaveValue('');
  });

  test('put in at once and typed over before it is read, are the typed text', async ({ page }) => {
    // The large text is read out of the box a task later; what the person did in between wins.
    await putIn(page, jsonBody(2 * MB).toString(), 'x');
    await page.waitForTimeout(500);
    await expect(verifier.body).toHaveValue('x');
    await expect(page.getByTestId('body-length')).toHaveText('1 byte');
    await expect(page.getByTestId('body-file-note')).toHaveCount(0);
  });

  test('are judged again on the page when only the headers change', async ({ page }) => {
    // The worker works out what grows with the body (its MAC, fields, counts); the headers are
    // judged against that on the page, so editing them sends the worker no new verify job.
    await page.evaluate(() => {
      const post = Worker.prototype.postMessage;
      (window as any).__verifyJobs = 0;
      Worker.prototype.postMessage = function (this: Worker, message: any, transfer?: any) {
        if (message?.job && JSON.parse(message.job).task === 'Verify') (window as any).__verifyJobs += 1;
        return post.call(this, message, transfer);
      };
    });
    const verifyJobs = () => page.evaluate(() => (window as any).__verifyJobs as number);
    const body = jsonBody(2 * MB);
    await verifier.secret.fill(SECRET);
    await verifier.headers.fill(headersFor(body));
    await load(page, body);
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid', { timeout: 20_000 });
    const sent = await verifyJobs();
    expect(sent).toBeGreaterThan(0);

    await verifier.headers.fill(headersFor(body, { 'x-cobinar-event': 'otp.failed' }));
    await expect(page.getByTestId('check-x-cobinar-event')).toHaveAttribute('data-status', 'mismatch');
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
    await verifier.headers.fill(headersFor(Buffer.concat([body, Buffer.from('\n')])));
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'invalid');
    await expect(page.getByTestId('diagnosis')).toHaveAttribute('data-cause', 'body-trailing-newline', { timeout: 20_000 });
    await verifier.headers.fill(headersFor(body));
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid');
    expect(await verifyJobs()).toBe(sent);
  });

  /** A 2 MiB body signed with a trailing newline that the server's framework dropped: found. */
  async function diagnoseDroppedNewline(page: Page) {
    const body = jsonBody(2 * MB);
    await verifier.secret.fill(SECRET);
    await verifier.headers.fill(headersFor(Buffer.concat([body, Buffer.from('\n')])));
    await load(page, body);
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'invalid', { timeout: 20_000 });
    await expect(page.getByTestId('diagnosis')).toHaveAttribute('data-cause', 'body-trailing-newline', { timeout: 20_000 });
  }

  test('another delivery never shows, nor shares, the causes found for the one before', async ({ page }) => {
    // Bodies over 64 KiB are diagnosed by the worker once typing pauses; until it answers for the
    // new delivery, the list on screen was the old one's. Here the worker's answer never comes.
    await page.evaluate(() => {
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (this: Worker, message: any, transfer?: any) {
        if ((window as any).__holdDiagnose && message?.job && JSON.parse(message.job).task === 'Diagnose') return;
        return post.call(this, message, transfer);
      };
    });
    const first = jsonBody(100 * 1024);
    await verifier.secret.fill(SECRET);
    await verifier.headers.fill(headersFor(Buffer.concat([first, Buffer.from('\n')])));
    await load(page, first);
    await expect(page.getByTestId('diagnosis')).toHaveAttribute('data-cause', 'body-trailing-newline', { timeout: 20_000 });
    await expect(page.getByTestId('share-verdict')).toContainText('a line break was added to or dropped from the end of the body');

    await page.evaluate(() => ((window as any).__holdDiagnose = true));
    const second = Buffer.from(first.toString().replaceAll('y', 'z'));
    const headers = headersFor(second, { 'x-cobinar-signature': cobinarSignature('whsec_another', second) });
    await page.getByTestId('import').fill(`POST /webhooks/auth HTTP/1.1\n${headers}\n\n${second}`);
    await page.getByTestId('import-apply').click();
    await expect(page.getByTestId('body-length')).toHaveText('102,400 bytes');
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'invalid');
    await expect(page.getByTestId('diagnosis-pending')).toBeVisible();
    await expect(page.getByTestId('diagnosis')).toHaveCount(0);
    await expect(page.getByTestId('share-verdict')).toContainText('signature does not match');
    await expect(page.getByTestId('share-verdict')).not.toContainText('a line break was added');
  });

  test('are diagnosed by the worker', async ({ page }) => {
    await diagnoseDroppedNewline(page);
    await expect(page.getByTestId('diagnosis-pending')).toHaveCount(0);
    expect(page.workers()).toHaveLength(1);
  });

  test('say they are being checked until the worker answers', async ({ page }) => {
    // Holds the worker's script back, so that the moment between is long enough to see.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/offload-worker.js', async (route) => {
      await held;
      await route.continue();
    });
    const body = jsonBody(2 * MB);
    await verifier.secret.fill(SECRET);
    await verifier.headers.fill(headersFor(body));
    await load(page, body);
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'checking');
    await expect(verifier.verdict).toContainText('Checking the 2,097,152 bytes');
    await expect(page.getByTestId('body-bytes-summary')).toContainText('Counting line breaks');
    // The page answers meanwhile: the secret field takes typing.
    await verifier.secret.fill('typed while checking');
    await expect(verifier.secret).toHaveValue('typed while checking');
    await verifier.secret.fill(SECRET);
    release();
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid', { timeout: 20_000 });
  });

  test('are checked in place where the worker cannot start', async ({ page }) => {
    await page.route('**/offload-worker.js', (route) => route.abort());
    await diagnoseDroppedNewline(page);
    await expect(page.getByTestId('body-bytes-summary')).toContainText('No line breaks');
    await expect.poll(() => page.workers().length).toBe(0);
  });

  test('say where the verdict is, and in the console, that the worker could not start', async ({ page }) => {
    await page.route('**/offload-worker.js', (route) => route.abort());
    const warned = page.waitForEvent('console', (message) => message.type() === 'warning' && message.text().includes('background worker'));
    const body = jsonBody(2 * MB);
    await verifier.secret.fill(SECRET);
    await verifier.headers.fill(headersFor(body));
    await load(page, body);
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid', { timeout: 20_000 });
    await expect(page.getByTestId('worker-failed')).toContainText('checked on the page itself');
    await warned;
  });

  test('are taken back by the page when an answer is lost on the way', async ({ page }) => {
    // A worker that never answers, and a message the browser could not pass (messageerror): the
    // verdict would otherwise stay checking for ever.
    await page.addInitScript(() => {
      const Native = window.Worker;
      window.Worker = class extends Native {
        constructor(url: string | URL, options?: WorkerOptions) {
          super(url, options);
          (window as unknown as { offloadWorker: Worker }).offloadWorker = this;
        }
      };
    });
    await page.route('**/offload-worker.js', (route) => route.fulfill({ contentType: 'text/javascript', body: 'self.onmessage = () => {};' }));
    await verifier.open();
    const body = jsonBody(2 * MB);
    await verifier.secret.fill(SECRET);
    await verifier.headers.fill(headersFor(body));
    await load(page, body);
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'checking');
    // What the browser calls when a message cannot be deserialised (Chromium runs no handler for
    // a synthetic one dispatched from the page).
    await page.evaluate(() => {
      const worker = (window as unknown as { offloadWorker: Worker }).offloadWorker;
      worker.onmessageerror?.call(worker, new MessageEvent('messageerror'));
    });
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid', { timeout: 20_000 });
    await expect(page.getByTestId('worker-failed')).toContainText('lost a message');
  });

  test('are taken back by the page when the worker fails midway', async ({ page }) => {
    // A worker that starts, then fails every job, as one whose module could not read it would.
    await page.route('**/offload-worker.js', (route) =>
      route.fulfill({ contentType: 'text/javascript', body: "self.onmessage = (e) => { if (e.data.job) self.postMessage('job-failed'); };" }),
    );
    await diagnoseDroppedNewline(page);
    await expect(page.getByTestId('diagnosis-pending')).toHaveCount(0);
    await verifier.headers.fill(headersFor(jsonBody(2 * MB)));
    await expect(verifier.verdict).toHaveAttribute('data-verdict', 'valid', { timeout: 20_000 });
    await expect(page.getByTestId('worker-failed')).toContainText('could not work on this body');
  });
});
