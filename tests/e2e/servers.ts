import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The release build the tests run against. */
export const DIST = resolve(__dirname, '../../dist');
/** The post-build hook, to run by hand on a copy of dist/. */
export const POST_BUILD = resolve(__dirname, '../../scripts/post-build.mjs');
const SERVE_CHILD = pathToFileURL(resolve(__dirname, '../../scripts/serve-child.mjs')).href;

export interface Running {
  /** http://127.0.0.1:<port>/ */
  url: string;
  /** Stops the server; its connections close with it, so the browser finds nothing there. */
  close(): Promise<void>;
}

/**
 * The app served from `root` by scripts/serve.mjs (what `make serve` runs) on a free loopback port
 * of its own: with root/_headers' headers, or without them (`bare`), as a host that ignores them.
 * `root` may be a symlink, re-pointed to switch releases: each request reads through it.
 */
export async function startApp({ root = DIST, bare = false }: { root?: string; bare?: boolean } = {}): Promise<Running> {
  // The scripts' own starter (scripts/serve-child.mjs), one for both; an ES module, so imported
  // when first needed.
  const { serveDist } = await import(SERVE_CHILD);
  return serveDist(root, { bare });
}

/** A page of another origin (another loopback port) that frames `src`. */
export async function startFramingPage(src: string): Promise<Running> {
  const page = `<!doctype html><html lang="en"><title>framing</title><iframe src="${src}" title="framed" width="800" height="600"></iframe></html>`;
  const server: Server = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
