// The service worker: this build's files for the app in use (`sw.js?app=recit-plus`, as
// web/boot.js registers it), cached at install so that it runs offline, and the pages read.
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

/** Answers with `response`, of which a copy is kept under `key` for offline use. */
function keep(key, response) {
  if (response.ok) {
    const copy = response.clone();
    caches.open(CACHE).then((cache) => cache.put(key, copy));
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== location.origin) return;
  const path = new URL(request.url).pathname;
  if (request.mode === 'navigate') {
    // The network first (a new build); each page fetched (prerendered) is kept, so that
    // offline an address answers its own page, else the app (index.html, precached). The
    // query is not part of the page (the host ignores it).
    event.respondWith(fetch(request).then((response) => keep(path, response), () => caches.match(path).then((hit) => hit ?? caches.match('/index.html'))));
    return;
  }
  // Cached files first. The report's passages, the story's English, the landscape's drawing
  // and the council's pictures, not precached, are kept once fetched, for a kiosk offline; nothing else
  // is (kiosk.json belongs to the deployment, and a missing file answers index.html).
  const kept = ['/passages.bin', '/english.bin', '/landscape.svg'].includes(path) || path.startsWith('/media/');
  event.respondWith(caches.match(request, { ignoreSearch: true }).then((hit) => hit ?? fetch(request).then((response) => (kept ? keep(request, response) : response))));
});
