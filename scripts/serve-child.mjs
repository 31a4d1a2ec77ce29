// Starts scripts/serve.mjs as a child process on a port the system picks (port 0) and resolves
// with the address it prints once it listens: nothing waits a fixed time for it, and no port is
// fixed or chosen free first and bound later. For the scripts (bench/run.mjs,
// scripts/screenshots.mjs) and the end-to-end tests (tests/e2e/servers.ts's startApp).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVE = fileURLToPath(new URL('./serve.mjs', import.meta.url));

/**
 * Serves `dir`, with its _headers' headers or without them (`bare`, as a host that ignores
 * them); resolves with { url: 'http://127.0.0.1:<port>/', close() }.
 */
export async function serveDist(dir = 'dist', { bare = false } = {}) {
  const child = spawn(process.execPath, [SERVE, dir, '0', ...(bare ? ['--bare'] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((done) => child.once('exit', done));
  // However this process ends, the server ends with it.
  const stop = () => child.exitCode === null && child.signalCode === null && child.kill();
  process.once('exit', stop);
  const url = await new Promise((done, fail) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const found = /on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (found) done(found[1]);
    });
    child.once('exit', (code) => fail(new Error(`scripts/serve.mjs exited (${code}) before serving ${dir}`)));
  });
  return {
    url,
    close: async () => {
      process.off('exit', stop);
      stop();
      await exited;
    },
  };
}
