#!/usr/bin/env node
// The `webhook-echo` command of the npm package: runs the native binary from the one optional
// package that npm installed for this platform (chosen by its `os` and `cpu`). Nothing is
// downloaded, at install time or here; with no package for this platform it says what to do.
'use strict';

const { spawnSync } = require('node:child_process');
const { dirname, join } = require('node:path');

/** `${process.platform}-${process.arch}` → the package that holds its binary. */
const PACKAGES = {
  'linux-x64': '@webhook-echo/linux-x64',
  'linux-arm64': '@webhook-echo/linux-arm64',
  'darwin-x64': '@webhook-echo/darwin-x64',
  'darwin-arm64': '@webhook-echo/darwin-arm64',
  'win32-x64': '@webhook-echo/win32-x64',
};

function fail(message) {
  process.stderr.write(`webhook-echo: ${message}\n`);
  process.exit(2);
}

const platform = `${process.platform}-${process.arch}`;
const name = PACKAGES[platform];
if (!name) {
  fail(
    `there is no build for ${platform} (there are for ${Object.keys(PACKAGES).join(', ')}). ` +
      'With Rust installed, `cargo install webhook-echo` builds one.',
  );
}

let binary;
try {
  const exe = process.platform === 'win32' ? 'webhook-echo.exe' : 'webhook-echo';
  binary = join(dirname(require.resolve(`${name}/package.json`)), 'bin', exe);
} catch {
  fail(
    `the package ${name}, which holds the binary for ${platform}, is not installed. ` +
      'It is an optional dependency: install again without --omit=optional or --no-optional.',
  );
}

// Ctrl-C reaches the binary too (one process group): let it decide, and end as it ends.
const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'];
for (const signal of FORWARDED) process.on(signal, () => {});
const run = spawnSync(binary, process.argv.slice(2), { stdio: 'inherit', windowsHide: true });
if (run.error) {
  fail(`cannot run ${binary}: ${run.error.message}`);
}
if (run.signal) {
  // Ended by a signal: end the same way, so that the caller sees what happened.
  process.removeAllListeners(run.signal);
  process.kill(process.pid, run.signal);
}
process.exit(run.status ?? 2);
