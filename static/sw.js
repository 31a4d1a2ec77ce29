// webhook-echo's service worker: after one visit the app works with the network gone.
// The page is fetched from the network when there is one (so a new release shows at once) and
// from the cache when not; the hashed wasm, JS and CSS are immutable, so the cache answers first.
const CACHE = 'webhook-echo-v2';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const page = await fetch('./', { cache: 'reload' });
      const html = await page.clone().text();
      await cache.put('./', page);
      // The page was loaded before this worker existed: fetch what it references now.
      const assets = [...html.matchAll(/(?:href|src|module_or_path:)\s*=?\s*["']([^"']+\.(?:wasm|js|css))["']/g)].map((m) => m[1]);
      // The worker for large bodies is started by the page, not named in it.
      assets.push('./offload-worker.js');
      await cache.addAll([...new Set(assets)].filter((url) => url.startsWith('/') || url.startsWith('./')));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) =>
  event.waitUntil(
    (async () => {
      // An earlier release's files are never asked for again.
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  ),
);

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      if (request.mode === 'navigate') {
        try {
          const fresh = await fetch(request);
          if (fresh.ok) await cache.put('./', fresh.clone());
          return fresh;
        } catch {
          return (await cache.match('./')) ?? Response.error();
        }
      }
      const cached = await cache.match(request);
      if (cached) return cached;
      const fresh = await fetch(request);
      if (fresh.ok) await cache.put(request, fresh.clone());
      return fresh;
    })(),
  );
});
