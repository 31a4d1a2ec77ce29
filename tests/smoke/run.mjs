// The smoke tier: the page's main flows (flows.mjs) in Firefox ESR and in WebKit (engines.mjs),
// against the release build served on loopback by scripts/serve.mjs with its headers.
//
// Usage: node tests/smoke/run.mjs [firefox] [webkit]     (default: both)
//   SMOKE_DIST     the build to serve (default dist)
//   SMOKE_FLOW_MS  the time a flow may take (default 90000); SMOKE_WAIT_MS, one wait (default 30000)
//
// Prints one line per flow and engine, then `smoke: N passed, M failed`; exits non-zero on any
// failure. Each flow has a bounded time; browsers, drivers, the virtual display and the server
// are shut down however the run ends.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { firefox, webkit, within } from './engines.mjs';
import { flows } from './flows.mjs';

const FLOW_MS = Number(process.env.SMOKE_FLOW_MS ?? 90_000);
const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = process.env.SMOKE_DIST ?? 'dist';
const engines = { firefox, webkit };
const chosen = process.argv.slice(2);
for (const name of chosen) {
  if (!(name in engines)) {
    console.error(`usage: node tests/smoke/run.mjs [${Object.keys(engines).join('] [')}]`);
    process.exit(2);
  }
}

/** scripts/serve.mjs on a free port; resolves with the child and its base URL. */
function serve() {
  const child = spawn(process.execPath, ['scripts/serve.mjs', dist, '0'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return within(
    15_000,
    'starting scripts/serve.mjs',
    new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const found = /on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (found) resolve({ child, base: found[1] });
      });
      child.on('exit', (code) => reject(new Error(`scripts/serve.mjs exited with ${code}`)));
    }),
  );
}

let passed = 0;
let failed = 0;
const started = Date.now();
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const cleanups = [];

async function runEngine(name, base) {
  const engineStart = Date.now();
  let engine;
  let version = '';
  for (const [index, flow] of flows.entries()) {
    if (!engine) {
      try {
        engine = await within(90_000, `starting ${name}`, engines[name](base));
      } catch (error) {
        // Every flow left of an engine that cannot start fails: a missing engine is not a pass.
        failed += flows.length - index;
        console.log(`FAIL ${name}: could not start: ${error.message}`);
        return;
      }
      cleanups.push(() => engine.close());
    }
    const flowStart = Date.now();
    const pages = [];
    const newPage = async () => {
      const page = await engine.newPage();
      pages.push(page);
      return page;
    };
    try {
      const page = await newPage();
      await within(FLOW_MS, flow.name, flow.run({ page, freshPage: newPage }));
      passed += 1;
      console.log(`ok   ${name}: ${flow.name} (${seconds(flowStart)})`);
    } catch (error) {
      failed += 1;
      console.log(`FAIL ${name}: ${flow.name} (${seconds(flowStart)})\n     ${error.message}`);
      for (const page of pages) {
        const said = await within(5_000, 'reading page errors', page.errors()).catch(() => []);
        for (const line of said) console.log(`     page said: ${line}`);
      }
      // A failed flow may leave the browser or driver in any state: the next flow gets new ones.
      version = engine.version || version;
      cleanups.pop();
      await engine.close();
      engine = undefined;
    } finally {
      if (engine) await within(20_000, 'closing pages', engine.closePages()).catch(() => {});
    }
  }
  if (engine) {
    version = engine.version || version;
    cleanups.pop();
    await engine.close();
  }
  console.log(`     ${name} (${version}): ${seconds(engineStart)}`);
}

let server;
const shutdown = async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
  server?.child.kill('SIGTERM');
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await shutdown();
    process.exit(130);
  });
}

try {
  server = await serve();
  for (const name of chosen.length > 0 ? chosen : Object.keys(engines)) await runEngine(name, server.base);
} catch (error) {
  failed += 1;
  console.log(`FAIL ${error.message}`);
} finally {
  await shutdown();
}
console.log(`     smoke tier: ${seconds(started)}`);
console.log(`smoke: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
