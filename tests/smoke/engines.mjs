// The two engines the smoke tier drives, each behind the same small page interface the flows use
// (flows.mjs): Debian's Firefox ESR over WebDriver BiDi with puppeteer-core, and WebKitGTK's
// MiniBrowser through Debian's WebKitWebDriver with selenium-webdriver, on a virtual display.
// Neither downloads anything, and no Chromium-only flag is passed to either.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { Builder, By, Capabilities } from 'selenium-webdriver';

export const FIREFOX = process.env.SMOKE_FIREFOX ?? '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER = process.env.SMOKE_WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = process.env.SMOKE_MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

const WAIT_MS = Number(process.env.SMOKE_WAIT_MS ?? 30_000);
const POLL_MS = 50;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Rejects with a message naming `what` when `promise` takes longer than `ms`. */
export function within(ms, what, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Installed in the page after each navigation: errors the page raises from then on are kept, so a
// failing flow can say what the page said.
function watchErrors() {
  if (window.__smokeErrors) return;
  window.__smokeErrors = [];
  const keep = (text) => window.__smokeErrors.push(String(text));
  window.addEventListener('error', (e) => keep(`error: ${e.message} at ${e.filename}:${e.lineno}`));
  window.addEventListener('unhandledrejection', (e) => keep(`unhandled rejection: ${e.reason?.stack ?? e.reason}`));
  const error = console.error.bind(console);
  console.error = (...args) => {
    keep(`console.error: ${args.map((a) => a?.stack ?? a).join(' ')}`);
    error(...args);
  };
}

/**
 * The page interface the flows use, over two primitives of a driver: `evaluate(fn, ...args)`
 * (runs fn in the page, returns its JSON value) and `click(selector)` (a real pointer click).
 */
class SmokePage {
  constructor(base, driver) {
    this.base = base;
    this.driver = driver;
  }

  async goto(url) {
    await this.driver.goto(new URL(url, this.base).href);
    await this.evaluate(watchErrors);
    // The build-time page is on screen first; its buttons answer once the wasm has taken it over.
    await this.waitFor('the app has taken the page over', () => document.documentElement.hasAttribute('data-ready'));
  }

  /** Ends the page's use: a flow abandoned at its time limit stops at its next step. */
  close() {
    this.closed = true;
  }

  evaluate(fn, ...args) {
    if (this.closed) return Promise.reject(new Error('the page was closed'));
    return this.driver.evaluate(fn, ...args);
  }

  async click(selector) {
    await this.waitFor(`${selector} is on the page`, (sel) => document.querySelector(sel) !== null, selector);
    if (this.closed) throw new Error('the page was closed');
    await this.driver.click(selector);
  }

  /** Sets a field's value and fires input and change, as a paste does. */
  async fill(selector, text) {
    await this.waitFor(`${selector} is on the page`, (sel) => document.querySelector(sel) !== null, selector);
    await this.evaluate(
      (sel, value) => {
        const field = document.querySelector(sel);
        field.focus();
        const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value').set;
        setter.call(field, value);
        field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste', data: value }));
        field.dispatchEvent(new Event('change', { bubbles: true }));
      },
      selector,
      text,
    );
  }

  /** Polls `fn` in the page until it returns true; fails naming `what` after WAIT_MS. */
  async waitFor(what, fn, ...args) {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      if (await this.evaluate(fn, ...args)) return;
      if (Date.now() > deadline) throw new Error(`waited ${WAIT_MS / 1000} s for: ${what}`);
      await sleep(POLL_MS);
    }
  }

  async waitForAttribute(selector, name, value) {
    try {
      await this.waitFor(`${selector} ${name}="${value}"`, (sel, n, v) => document.querySelector(sel)?.getAttribute(n) === v, selector, name, value);
    } catch (error) {
      const now = await this.evaluate((sel, n) => document.querySelector(sel)?.getAttribute(n) ?? null, selector, name);
      throw new Error(`${error.message} (it is ${JSON.stringify(now)})`);
    }
  }

  async waitForValue(selector, value) {
    try {
      await this.waitFor(`${selector} holds ${JSON.stringify(value)}`, (sel, v) => document.querySelector(sel)?.value === v, selector, value);
    } catch (error) {
      const now = await this.evaluate((sel) => document.querySelector(sel)?.value ?? null, selector);
      throw new Error(`${error.message} (it holds ${JSON.stringify(now)})`);
    }
  }

  /** What the page reported as errors: console and uncaught, as far as the engine lets us see. */
  async errors() {
    const inPage = await this.evaluate(() => window.__smokeErrors ?? []).catch(() => []);
    return [...(this.driver.logged ?? []), ...inPage];
  }
}

/** Firefox ESR, headless, over WebDriver BiDi: one browser, a fresh private context per page. */
export async function firefox(base) {
  if (!existsSync(FIREFOX)) throw new Error(`no ${FIREFOX}: run scripts/setup.sh test`);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    timeout: 60_000,
    protocolTimeout: 60_000,
  });
  const contexts = [];
  const pages = [];
  return {
    name: 'firefox',
    version: await browser.version(),
    async newPage() {
      const context = await browser.createBrowserContext();
      contexts.push(context);
      const page = await context.newPage();
      const logged = [];
      page.on('console', (m) => m.type() === 'error' && logged.push(`console.error: ${m.text()}`));
      page.on('pageerror', (e) => logged.push(`page error: ${e.message}`));
      const smokePage = new SmokePage(base, {
        logged,
        goto: (url) => page.goto(url, { waitUntil: 'load' }),
        evaluate: (fn, ...args) => page.evaluate(fn, ...args),
        click: (selector) => page.click(selector),
      });
      pages.push(smokePage);
      return smokePage;
    },
    async closePages() {
      for (const page of pages.splice(0)) page.close();
      await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => {})));
    },
    async close() {
      try {
        await within(15_000, 'closing Firefox', browser.close());
      } catch {
        browser.process()?.kill('SIGKILL');
      }
    },
  };
}

/**
 * The loopback port the process `pid` listens on, or null while it listens on none: its sockets
 * (/proc/<pid>/fd) found among the listening ones of /proc/net/tcp.
 */
function listeningPort(pid) {
  const sockets = new Set();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
        if (inode) sockets.add(inode);
      } catch {}
    }
  } catch {
    return null;
  }
  // "sl local_address rem_address st ... inode": st 0A is LISTEN, addresses and ports in hex.
  for (const row of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const fields = row.trim().split(/\s+/);
    if (fields[3] === '0A' && sockets.has(fields[9])) return parseInt(fields[1].split(':')[1], 16);
  }
  return null;
}

/** The WebKitWebDriver that `xvfb-run` (process `pid`) started, once it has. */
function driverUnder(pid) {
  return childrenOf(pid).find((child) => {
    try {
      return readFileSync(`/proc/${child}/comm`, 'utf8').trim() === 'WebKitWebDriver';
    } catch {
      return false;
    }
  });
}

/** The ids of the processes whose parent is `pid`, read from /proc. */
function childrenOf(pid) {
  const ids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) ids.push(Number(entry));
    } catch {}
  }
  return ids;
}

/**
 * Ends `xvfb-run <driver>` that we started in a process group of its own: first the driver alone,
 * so that xvfb-run stops its Xvfb and removes its temporary directory itself; then, if anything
 * is left after a few seconds, the whole group.
 */
async function stopUnderXvfb(child) {
  const running = () => child.exitCode === null && child.signalCode === null;
  if (!running()) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  for (const pid of childrenOf(child.pid)) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {}
  }
  if (await Promise.race([gone.then(() => true), sleep(5_000).then(() => false)])) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {}
  await Promise.race([gone, sleep(2_000)]);
}

/**
 * WebKitGTK's MiniBrowser through WebKitWebDriver, both on a virtual display (`xvfb-run -a`):
 * MiniBrowser has no headless mode. A fresh WebDriver session (a fresh MiniBrowser, with its own
 * ephemeral storage) per page, one at a time.
 */
export async function webkit(base) {
  for (const file of [WEBKIT_DRIVER, MINIBROWSER, '/usr/bin/xvfb-run']) {
    if (!existsSync(file)) throw new Error(`no ${file}: run scripts/setup.sh test`);
  }
  // Its own process group, so that the virtual display, the driver and every MiniBrowser it
  // started go together at the end. The driver binds a port the system picks (--port=0) and does
  // not print it: it is read from the socket the driver listens on, so no port is chosen free
  // first and bound later by someone else.
  const driverProcess = spawn('xvfb-run', ['-a', WEBKIT_DRIVER, '--port=0'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let driverOutput = '';
  driverProcess.stdout.on('data', (d) => (driverOutput += d));
  driverProcess.stderr.on('data', (d) => (driverOutput += d));
  let server;
  try {
    server = await within(30_000, 'starting WebKitWebDriver', (async () => {
      for (;;) {
        if (driverProcess.exitCode !== null) throw new Error(`WebKitWebDriver exited: ${driverOutput.trim()}`);
        const driver = driverUnder(driverProcess.pid);
        const port = driver === undefined ? null : listeningPort(driver);
        if (port !== null) {
          try {
            const status = await (await fetch(`http://127.0.0.1:${port}/status`)).json();
            if (status.value?.ready) return `http://127.0.0.1:${port}`;
          } catch {}
        }
        await sleep(100);
      }
    })());
  } catch (error) {
    await stopUnderXvfb(driverProcess);
    throw error;
  }
  const capabilities = new Capabilities()
    .setBrowserName('MiniBrowser')
    .set('webkitgtk:browserOptions', { binary: MINIBROWSER, args: ['--automation'] });
  const sessions = [];
  const pages = [];
  let version = '';
  return {
    name: 'webkit',
    get version() {
      return version;
    },
    // WebKitWebDriver holds one session at a time ("Maximum number of active sessions"): a fresh
    // page ends the pages before it, so a flow reads what it needs from a page before asking.
    async newPage() {
      await this.closePages();
      const driver = await within(60_000, 'starting a MiniBrowser session', new Builder().usingServer(server).withCapabilities(capabilities).build());
      sessions.push(driver);
      const caps = await driver.getCapabilities();
      version = `${caps.getBrowserName()} ${caps.getBrowserVersion()}`;
      await driver.manage().setTimeouts({ script: 30_000, pageLoad: 30_000 });
      const smokePage = new SmokePage(base, {
        goto: (url) => driver.get(url),
        evaluate: (fn, ...args) => driver.executeScript(fn, ...args),
        click: (selector) => driver.findElement(By.css(selector)).click(),
      });
      pages.push(smokePage);
      return smokePage;
    },
    async closePages() {
      for (const page of pages.splice(0)) page.close();
      await Promise.all(sessions.splice(0).map((d) => within(15_000, 'closing a MiniBrowser session', d.quit()).catch(() => {})));
    },
    async close() {
      await this.closePages();
      await stopUnderXvfb(driverProcess);
    },
  };
}
