// Screenshots of the release build as a person sees it, narrow (360 px) and wide, for review and
// for the README. Usage: node scripts/screenshots.mjs [out-dir]   (needs `make build` first)
import { chromium } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { serveDist } from './serve-child.mjs';

const out = process.argv[2] ?? 'docs';
mkdirSync(out, { recursive: true });
const server = await serveDist('dist');

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const body = '{"id":"e3a9c1f0-5b7d-4e2a-9c61-2f8d0b7a4e13","event":"otp.verified","createdAt":"2026-07-03T14:22:10.000Z","payload":{"requestId":"a4b8c2d1-7e3f-4a90-b1c5-d2e6f8091a3b","phone":"+999 482 918 102","verifiedAt":"2026-07-03T14:22:10.000Z"}}';
const secret = 'whsec_example_not_a_real_secret';
const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
const headers = `x-cobinar-signature: ${signature}\nx-cobinar-event: otp.failed\nx-cobinar-event-id: e3a9c1f0-5b7d-4e2a-9c61-2f8d0b7a4e13\nx-cobinar-timestamp: 2026-07-03T14:22:10.000Z`;

const shots = [];
for (const [name, width, height, scheme] of [
  ['wide', 1280, 900, 'light'],
  ['narrow', 360, 800, 'light'],
  ['wide-dark', 1280, 900, 'dark'],
]) {
  const page = await browser.newPage({ viewport: { width, height }, colorScheme: scheme });
  await page.goto(server.url);
  await page.getByTestId('verdict').waitFor();
  await page.screenshot({ path: `${out}/${name}-empty.png`, fullPage: true });
  await page.getByTestId('load-example').click();
  await page.screenshot({ path: `${out}/${name}-valid.png`, fullPage: true });
  await page.getByTestId('headers').fill(headers);
  await page.getByTestId('body').fill(body.replace('918 102', '918 103'));
  await page.screenshot({ path: `${out}/${name}-invalid.png`, fullPage: true });
  await page.getByTestId('share-note').fill('our receiver answers 401 since Tuesday');
  await page.getByTestId('share').click();
  await page.screenshot({ path: `${out}/${name}-share.png`, fullPage: true });
  const link = await page.getByTestId('share-url').inputValue();
  const teammate = await browser.newPage({ viewport: { width, height }, colorScheme: scheme });
  await teammate.goto(link);
  await teammate.getByTestId('link-opened').waitFor();
  await teammate.screenshot({ path: `${out}/${name}-link.png` });
  await teammate.close();
  await page.getByTestId('clear').click();
  await page.getByTestId('tab-echo').click();
  await page.screenshot({ path: `${out}/${name}-echo.png`, fullPage: true });
  shots.push(name);
  await page.close();
}
await browser.close();
await server.close();
console.log(`screenshots in ${out}/: ${shots.join(', ')} × empty, valid, invalid, share, link, echo`);
