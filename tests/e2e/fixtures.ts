import { test as base, type Page } from '@playwright/test';
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
  // The page's HTML is on screen, fields and buttons included, before the wasm has taken it over
  // (hydrated it and opened the address); a click before then does nothing. So every navigation
  // of a test's page waits for that moment, as a person waits for the page to respond: <html>
  // gets `data-ready` (or the page stopped on a bug and shows why). A test that means to
  // act earlier navigates with an explicit `waitUntil`.
  page: async ({ page }, use) => {
    for (const name of ['goto', 'reload', 'goBack', 'goForward'] as const) {
      const navigate = (page[name] as (...args: unknown[]) => Promise<unknown>).bind(page);
      (page as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
        const options = args.find((arg) => typeof arg === 'object' && arg !== null) as { waitUntil?: string } | undefined;
        const response = await navigate(...args);
        if (options?.waitUntil === undefined) await ready(page);
        return response;
      };
    }
    await use(page);
  },
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

/** Waits until the app has taken over the page's HTML, or stopped on a bug; at once on a page
 *  that is not the app's (one that frames it, say). */
export async function ready(page: Page) {
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="skip-to-result"]') === null ||
      document.documentElement.hasAttribute('data-ready') ||
      document.querySelector('[data-testid="crash"]') !== null,
  );
}
