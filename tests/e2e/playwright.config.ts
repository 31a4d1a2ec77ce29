import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium';

// Runs against the release build in dist/ (make build), served on loopback with its _headers by
// scripts/serve.mjs, the server `make serve` runs: each worker starts its own on a port the system
// picks, and sets `baseURL` to it (fixtures.ts, whose `test` every spec uses).
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../../test-results',
  reporter: [['list']],
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions,
    trace: 'retain-on-failure',
  },
});
