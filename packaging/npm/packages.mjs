// Writes the npm packages of one release into OUT_DIR as `npm pack` tarballs: `webhook-echo`
// (the launcher, bin/webhook-echo.js, with one optional dependency per platform) and, when a
// binary is given, `@webhook-echo/<platform>` holding it, chosen by npm through `os` and `cpu`.
// No install scripts: nothing is fetched or run when a person installs them.
//
//   node packaging/npm/packages.mjs VERSION OUT_DIR [PLATFORM BINARY]
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
export const PLATFORMS = ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64'];

const [version, outDir, platform, binary] = process.argv.slice(2);
if (!version || !outDir || (platform && !PLATFORMS.includes(platform)) || (platform && !binary)) {
  console.error('usage: node packaging/npm/packages.mjs VERSION OUT_DIR [PLATFORM BINARY]');
  process.exit(2);
}

const common = {
  version,
  description:
    'Verifies Cobinar OTP webhook deliveries byte for byte: send, check, listen, verify and sign from a terminal or CI.',
  license: 'MIT',
  repository: { type: 'git', url: 'git+https://github.com/webhook-echo/webhook-echo.git' },
  keywords: ['webhook', 'hmac', 'cobinar', 'otp', 'signature', 'cli'],
};

function pack(dir) {
  const out = resolve(outDir);
  mkdirSync(out, { recursive: true });
  const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: dir, encoding: 'utf8' });
  console.log(join(out, name.trim()));
}

const stage = mkdtempSync(join(tmpdir(), 'webhook-echo-npm-'));
try {
  const main = join(stage, 'main');
  mkdirSync(join(main, 'bin'), { recursive: true });
  copyFileSync(join(HERE, 'bin/webhook-echo.js'), join(main, 'bin/webhook-echo.js'));
  chmodSync(join(main, 'bin/webhook-echo.js'), 0o755);
  copyFileSync(join(ROOT, 'README.md'), join(main, 'README.md'));
  copyFileSync(join(ROOT, 'LICENSE'), join(main, 'LICENSE'));
  const optionalDependencies = Object.fromEntries(PLATFORMS.map((p) => [`@webhook-echo/${p}`, version]));
  const manifest = {
    name: 'webhook-echo',
    ...common,
    bin: { 'webhook-echo': 'bin/webhook-echo.js' },
    files: ['bin/', 'README.md', 'LICENSE'],
    engines: { node: '>=16' },
    optionalDependencies,
  };
  writeFileSync(join(main, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  pack(main);

  if (platform) {
    const [os, cpu] = platform.split('-');
    const exe = os === 'win32' ? 'webhook-echo.exe' : 'webhook-echo';
    const dir = join(stage, platform);
    mkdirSync(join(dir, 'bin'), { recursive: true });
    copyFileSync(binary, join(dir, 'bin', exe));
    chmodSync(join(dir, 'bin', exe), 0o755);
    copyFileSync(join(ROOT, 'LICENSE'), join(dir, 'LICENSE'));
    const platformManifest = {
      name: `@webhook-echo/${platform}`,
      ...common,
      description: `The webhook-echo command for ${platform}: installed by the webhook-echo package.`,
      os: [os],
      cpu: [cpu],
      files: ['bin/', 'LICENSE'],
      preferUnplugged: true,
    };
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify(platformManifest, null, 2)}\n`);
    pack(dir);
  }
} finally {
  rmSync(stage, { recursive: true, force: true });
}
