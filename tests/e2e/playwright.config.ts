import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium';

const port = 4173;

// Runs against the release build in dist/ (make build), served on loopback with its _headers by
// scripts/serve.mjs, the server `make serve` runs.
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
    baseURL: `http://127.0.0.1:${port}/`,
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions,
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `node ../../scripts/serve.mjs ../../dist ${port}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    stdout: 'ignore',
  },
});
