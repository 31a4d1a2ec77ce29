// `webhook-echo listen` under one local client that tries to bloat it or hold it (issue 24):
//  - peak memory (VmHWM) while 100 bodies near 16 MiB arrive at once from four addresses
//    (127.0.0.1-4, so that per-address limits do not shield the bound), each body tiny JSON
//    values, the costliest to analyse;
//  - how long a genuine signed delivery waits for its 2xx (retried every 250 ms) while 40 slow
//    senders from 127.0.0.1 hold connections, each opened once and trickling its body: from
//    another address (127.0.0.2), and from the senders' own.
// Run by bench/run.mjs (make bench), or alone: node bench/listen-flood.mjs [path/to/webhook-echo]
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SECRET = 'whsec_bench_listen_flood';
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** `webhook-echo listen --port 0` with its temporary files in a folder of its own. */
async function startListen(bin) {
  const tmp = mkdtempSync(join(tmpdir(), 'webhook-echo-bench-'));
  const env = { ...process.env, COBINAR_WEBHOOK_SECRET: SECRET, NO_COLOR: '1', TMPDIR: tmp };
  const child = spawn(bin, ['listen', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const port = await new Promise((done, fail) => {
    lines.once('line', (line) => {
      const found = /127\.0\.0\.1:(\d+)\//.exec(line);
      found ? done(Number(found[1])) : fail(new Error(`no port in ${line}`));
    });
  });
  lines.on('line', () => {}); // keep stdout drained
  const stop = () => {
    child.kill();
    rmSync(tmp, { recursive: true, force: true });
  };
  return { child, port, stop };
}

/** Peak resident memory of `pid` in bytes (Linux /proc). */
function peakMemory(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
  return Number(line.split(/\s+/)[1]) * 1024;
}

/** Sends `head` and `body` from `localAddress`; resolves with the status answered (0 for none). */
function request(port, head, body, localAddress = '127.0.0.1') {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress });
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('error', () => {});
    socket.on('close', () => done(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.write(head);
    if (body.length) socket.write(body);
  });
}

function headFor(body, signature, target = '/webhooks/auth') {
  return (
    `POST ${target} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n` +
    `x-cobinar-signature: ${signature}\r\nx-cobinar-event: otp.verified\r\n` +
    `x-cobinar-event-id: evt_bench\r\ncontent-length: ${body.length}\r\n\r\n`
  );
}

/** Peak memory while `count` bodies near 16 MiB arrive at once from four addresses. */
export async function flood(bin, count = 100) {
  const listen = await startListen(bin);
  try {
    // `[0,0,…,0]`, just under 16 MiB: eight million JSON values.
    const size = 16 * 1024 * 1024 - 1024;
    const body = Buffer.alloc(size, '0,');
    body[0] = 0x5b; // [
    body[size - 1] = 0x5d; // ]
    body[size - 2] = 0x30; // keep `,]` out
    const head = headFor(body, `sha256=${'0'.repeat(64)}`, '/flood');
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: count }, (_, i) => request(listen.port, head, body, `127.0.0.${1 + (i % 4)}`)),
    );
    const seconds = (performance.now() - started) / 1000;
    const peak = peakMemory(listen.child.pid);
    const counted = {};
    for (const status of answers) counted[status] = (counted[status] ?? 0) + 1;
    return { peak, seconds, counted };
  } finally {
    listen.stop();
  }
}

/** The time until a genuine delivery from `from` is answered 2xx, retried every 250 ms, while
 * 40 slow senders from 127.0.0.1 hold connections; `limit` ms at most. */
async function held(bin, from, limit = 45_000) {
  const listen = await startListen(bin);
  const slow = [];
  try {
    for (let i = 0; i < 40; i++) {
      const socket = connect({ host: '127.0.0.1', port: listen.port, localAddress: '127.0.0.1' });
      socket.on('error', () => {});
      socket.write(`POST /slow-${i} HTTP/1.1\r\nhost: x\r\ncontent-length: 100000\r\n\r\n`);
      // A byte a second: never done within the body's deadline.
      const drip = setInterval(() => socket.writable && socket.write('a'), 1000);
      socket.on('close', () => clearInterval(drip));
      slow.push({ socket, drip });
    }
    await sleep(500); // every slow sender has sent its head and been taken on or refused
    const body = Buffer.from(JSON.stringify({ event: 'otp.verified', payload: { requestId: 'bench' } }));
    const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    const started = performance.now();
    for (;;) {
      const status = await request(listen.port, headFor(body, signature), body, from);
      const waited = performance.now() - started;
      if (status >= 200 && status < 300) return waited;
      if (waited > limit) return Infinity;
      await sleep(250);
    }
  } finally {
    for (const { socket, drip } of slow) {
      clearInterval(drip);
      socket.destroy();
    }
    listen.stop();
  }
}

/** The rows `bench/run.mjs` prints: { what, value, note }. */
export async function listenFlood(bin) {
  const rows = [];
  const { peak, seconds, counted } = await flood(bin);
  const answered = Object.entries(counted).map(([status, n]) => `${n}× ${Number(status) ? status : 'closed unanswered'}`).join(', ');
  rows.push({
    what: 'peak memory, 100 bodies near 16 MiB at once',
    value: `${(peak / 1e6).toFixed(0)} MB`,
    note: `VmHWM; from 4 addresses in ${seconds.toFixed(1)} s: ${answered}`,
  });
  const shown = (ms) => (ms === Infinity ? 'over 45 s' : ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`);
  rows.push({
    what: 'genuine delivery wait, 40 slow senders, other address',
    value: shown(await held(bin, '127.0.0.2')),
    note: 'until its 2xx, retried every 250 ms',
  });
  rows.push({
    what: 'genuine delivery wait, 40 slow senders, same address',
    value: shown(await held(bin, '127.0.0.1')),
    note: 'the senders hold their places until answered 408 at 8 s',
  });
  return rows;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const release = resolve('target/release/webhook-echo');
  const bin = resolve(process.argv[2] ?? (existsSync(release) ? release : 'target/debug/webhook-echo'));
  for (const { what, value, note } of await listenFlood(bin)) console.log(`${what.padEnd(56)}  ${value.padEnd(9)}  ${note}`);
}
