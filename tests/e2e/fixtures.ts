import { test as base } from '@playwright/test';
import { type Running, startApp } from './servers';

export { expect, type Locator, type Page } from '@playwright/test';

/**
 * Every spec's `test`: the release build in dist/ served by scripts/serve.mjs (what `make serve`
 * runs) on a port the system picks when the server binds it, read from what the server prints, so
 * no port is fixed, and none is chosen free first and bound later. One server per Playwright
 * worker, started with the worker and stopped with it: workers share nothing, and a worker that a
 * failing test ends takes its server along. `baseURL` is that server's address.
 */
export const test = base.extend<object, { app: Running }>({
  app: [
    async ({}, use) => {
      const app = await startApp();
      try {
        await use(app);
      } finally {
        await app.close();
      }
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ app }, use) => {
    await use(app.url);
  },
});
