import { expect, test } from './fixtures';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { type AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { cobinarSignature } from './verifier-page';

// `webhook-echo listen` receives a `webhook-echo send`, forwards it to a receiver (here a Node
// server that keeps the exact bytes it got), and prints a link; the link, opened in the page,
// shows the same bytes. The Makefile's test-e2e builds the command first.
const BIN = resolve(__dirname, '../../target/debug/webhook-echo');
const SECRET = 'whsec_cli_listen_e2e_41b7';
const env = { ...process.env, COBINAR_WEBHOOK_SECRET: SECRET, NO_COLOR: '1' };

interface Captured {
  body: Buffer;
  headers: IncomingHttpHeaders;
}

/** A receiver that keeps what it receives, byte for byte, and answers 200. */
async function captureServer(): Promise<{ server: Server; url: string; received: Captured[] }> {
  const received: Captured[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks), headers: req.headers });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok from the receiver');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/webhooks/auth`, received };
}

/** `webhook-echo listen --port 0`, with a way to wait for a line it prints. */
function listen(args: string[]): { child: ChildProcess; next: (match: RegExp) => Promise<string> } {
  const child = spawn(BIN, ['listen', '--port', '0', ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  const waiting: Array<() => void> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    waiting.splice(0).forEach((wake) => wake());
  });
  let read = 0;
  const next = async (match: RegExp): Promise<string> => {
    for (;;) {
      while (read < lines.length) {
        const line = lines[read++];
        if (match.test(line)) return line;
      }
      await new Promise<void>((wake) => waiting.push(wake));
    }
  };
  return { child, next };
}

function run(args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((done) =>
    execFile(BIN, args, { env }, (error, stdout) => done({ code: error ? Number(error.code ?? 1) : 0, stdout })),
  );
}

test('listen captures a send, forwards it byte for byte, and its link opens the same bytes in the page', async ({ page, baseURL }) => {
  expect(existsSync(BIN), `${BIN} is missing: cargo build --bin webhook-echo`).toBe(true);
  const receiver = await captureServer();
  const listener = listen(['--forward-to', receiver.url]);
  try {
    const port = Number(/http:\/\/127\.0\.0\.1:(\d+)\//.exec(await listener.next(/^listening on /))![1]);
    // The send command listen prints for its own address, run as printed (the secret is not on it).
    const printed = (await listener.next(/to send a signed test delivery: /)).split(': ')[1];
    expect(printed).toBe(`webhook-echo send http://127.0.0.1:${port}/webhooks/auth`);
    const sent = await run([...printed.split(' ').slice(1), '--event', 'otp.failed']);
    expect(sent.code, sent.stdout).toBe(0);
    expect(sent.stdout).toContain('Delivered on attempt 1');
    const eventId = /Sending otp\.failed (\S+) to/.exec(sent.stdout)![1];

    const captured = await listener.next(/ POST \/webhooks\/auth /);
    expect(captured).toContain(`otp.failed ${eventId}`);
    expect(captured).toMatch(/ valid$/);
    const link = (await listener.next(/^\s+open: /)).trim().replace(/^open: /, '');
    expect(await listener.next(/^\s+forwarded: /)).toMatch(/forwarded: 200 in /);
    expect(link).not.toContain(SECRET);

    // What the receiver behind listen got: the delivery as send made it, signed with the secret.
    expect(receiver.received).toHaveLength(1);
    const { body, headers } = receiver.received[0];
    expect(headers['x-cobinar-event-id']).toBe(eventId);
    expect(headers['x-cobinar-signature']).toBe(cobinarSignature(SECRET, body));
    expect(JSON.parse(body.toString('utf8')).payload.requestId).toMatch(/^webhook-echo-test-/);

    // The link on this test's page server, as a teammate would open it.
    const url = new URL(link);
    await page.goto(new URL(`/${url.hash}`, baseURL).href);
    await expect(page.getByTestId('link-opened')).toContainText('Captured by webhook-echo listen');
    await expect(page.getByTestId('body')).toHaveValue(body.toString('utf8'));
    await expect(page.getByTestId('body-length')).toHaveText(`${body.length} bytes`);
    await expect(page.getByTestId('headers')).toHaveValue(/x-cobinar-event-id: /);
    await expect(page.getByTestId('link-fingerprint')).toHaveAttribute('data-match', 'unknown');
    await page.getByTestId('secret').fill(SECRET);
    await expect(page.getByTestId('link-fingerprint')).toHaveAttribute('data-match', 'yes');
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'valid');
  } finally {
    listener.child.kill();
    receiver.server.close();
  }
});
