// The service worker: this build's files for the app in use (`sw.js?app=recit-plus`, as
// web/boot.js registers it), cached at install so that it runs offline.
// VERSION and ASSETS are written at build time by scripts/service-worker.mjs; a new build
// is a new worker, which caches the new files and deletes the old cache when it activates.
const VERSION = 'recit-dev';
const ASSETS = { common: [], apps: {} };
const APP = new URL(location.href).searchParams.get('app') ?? 'recit';
const CACHE = `${VERSION}-${APP}`;

self.addEventListener('install', (event) => {
  const files = [...ASSETS.common, ...(ASSETS.apps[APP] ?? [])];
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(files)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== location.origin) return;
  if (request.mode === 'navigate') {
    // Every path is the app: the network first (a new build), the cached page offline.
    event.respondWith(fetch(request).catch(() => caches.match('/index.html')));
    return;
  }
  // Cached files first. The report's passages, the easy-read texts and the council's pictures,
  // not precached, are kept once fetched, for a kiosk offline; nothing else is (kiosk.json
  // belongs to the deployment, and a missing file answers index.html).
  const path = new URL(request.url).pathname;
  const keep = ['/passages.bin', '/easy.bin'].includes(path) || path.startsWith('/media/');
  event.respondWith(caches.match(request, { ignoreSearch: true }).then((hit) => hit ?? fetch(request).then((response) => {
    if (keep && response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(request, copy));
    }
    return response;
  })));
});
