// webhook-echo's service worker: after one visit the app works with the network gone, and a new
// release reaches everyone who visited before. The two lines below are written by
// scripts/sw-release.mjs at build time: the build's id (a hash over every file served from here,
// and this script) and its files, each with its hash. A new release is a new sw.js, which the
// browser installs on the next visit; it takes over at once and drops every earlier release's cache.
const BUILD = 'unstamped'; // stamped at build time (scripts/sw-release.mjs)
const ASSETS = []; // stamped at build time (scripts/sw-release.mjs)

const CACHE = `webhook-echo-${BUILD}`;
// Request URL → the URL it is cached under. Only this build's files are ever answered from here.
const OWN = new Map(ASSETS.map(([url]) => [new URL(url, self.location.href).href, url]));

self.addEventListener('install', (event) =>
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      try {
        await Promise.all(
          ASSETS.map(async ([url, integrity]) => {
            // Past the HTTP cache; and the bytes this build was made of, or no install at all
            // (the page itself has no integrity: hosts may rewrite HTML).
            const response = await fetch(url, { cache: 'reload', integrity });
            if (!response.ok) throw new Error(`${url}: ${response.status}`);
            await cache.put(url, response);
          }),
        );
      } catch (error) {
        await caches.delete(CACHE); // The browser tries again on a later visit.
        throw error;
      }
      await self.skipWaiting();
    })(),
  ),
);

self.addEventListener('activate', (event) =>
  event.waitUntil(
    (async () => {
      // Earlier releases' files are never asked for again.
      for (const name of await caches.keys()) {
        if (name.startsWith('webhook-echo-') && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  ),
);

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const cached = async (url) => (await caches.open(CACHE)).match(url);
  if (request.mode === 'navigate') {
    // The network's page when there is a network (a new release shows at once, and its sw.js is
    // checked); offline, this build's page, which names exactly the files kept with it.
    event.respondWith(fetch(request).catch(async () => (await cached('./')) ?? Response.error()));
    return;
  }
  // This build's files from its cache (their names are hashed, or the build id covers them).
  // Anything else goes to the network as if there were no worker, and is not kept.
  const own = OWN.get(request.url);
  if (own !== undefined) event.respondWith((async () => (await cached(own)) ?? fetch(request))());
});
