// The service worker: one per published site (VERSION and ASSETS are written by `recit
// publish`, crates/recit-cli/src/publish.rs), for every app of that site this device has run,
// so that each runs offline, and for the pages read.
//
// One worker whatever the app: a worker per app would be replaced at every crossing between
// the reader and the workshop's pages, downloading an app again each time. And a new build's
// worker waits until no page of the old one is open (no skipWaiting): replacing a worker while
// it answers a navigation leaves that navigation hanging in Chromium (seen often in the
// browser tests, on a loaded machine). A page of the new build runs all the same:
// pages come from the network first, and each build's files have names of their own.
const VERSION = 'recit-dev';
const ASSETS = { common: [], apps: {}, later: [] };
// The build's common files and the pages read; each app's files in a cache of their own, and
// the files no first page needs (ASSETS.later) in one more.
const COMMON = VERSION;
const appCache = (app) => `${VERSION}-${app}`;
// The content hash in a file's name (trunk's, or the build hook's for the apps it leaves bare).
const HASHED = /-[0-9a-f]{12,16}(_bg\.wasm|\.[a-z]+)$/;

/** Caches `files` under `name`, unless they are: all or nothing (addAll), so that a failure,
 *  offline, is tried again at the next page. */
function keepAll(name, files) {
  if (!files?.length) return Promise.resolve();
  return caches.open(name).then((cache) => cache.match(files[0]).then((hit) => hit ?? cache.addAll(files)));
}

/** Caches `app`'s files (a page of that app asks: web/boot.js). */
const keepApp = (app) => keepAll(appCache(app), ASSETS.apps[app]);

self.addEventListener('install', (event) => {
  // The apps this device ran with the build before, ready offline before this one takes over.
  event.waitUntil(caches.open(COMMON).then((cache) => cache.addAll(ASSETS.common))
    .then(() => caches.keys())
    .then((keys) => Promise.all(Object.keys(ASSETS.apps).filter((app) => keys.some((k) => k.endsWith(`-${app}`))).map(keepApp))));
});

self.addEventListener('activate', (event) => {
  // The old builds' caches go; the first page of a first install is served from now on.
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== COMMON && !k.startsWith(`${VERSION}-`)).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => event.waitUntil(keepApp(event.data)));

/** Answers with `response`, of which a copy (taken now, before the page reads it) is kept
 *  under `key` for offline use, once `after` is done; never what the server says not to store
 *  (the council's account pages). */
function keep(event, key, response, after = Promise.resolve()) {
  if (response.ok && !response.headers.get('cache-control')?.includes('no-store')) {
    const copy = response.clone();
    event.waitUntil(after.catch(() => {}).then(() => caches.open(COMMON)).then((cache) => cache.put(key, copy)));
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
    // query is not part of the page (the host ignores it). The files no first page needs (the
    // landscape's drawing, which the plain reader fetches on an address without a page of its
    // own) are cached at the first page this worker answers, not at install, so that a first
    // visit does not download them; a page is kept once they are.
    event.respondWith(fetch(request).then((response) => keep(event, path, response, keepAll(appCache('later'), ASSETS.later)), () => caches.match(path).then((hit) => hit ?? caches.match('/index.html'))));
    return;
  }
  // A name with a hash (`recit-reader-….js`, `…_bg.wasm`, `main-….css`) never changes: the cache
  // first. Any other (boot.js, plus.css, the report's passages, the story's other language, the
  // landscape's drawing, the council's pictures) may change with a build, which an old build's
  // worker, still in charge, must not hide: the network first, the cache offline. Those not
  // precached are kept once fetched, for a kiosk offline; nothing else is (kiosk.json belongs
  // to the deployment, and a missing file answers index.html).
  if (HASHED.test(path)) {
    event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
    return;
  }
  const kept = ['/passages.bin', '/english.bin', '/french.bin', '/landscape.svg'].includes(path) || path.startsWith('/media/');
  event.respondWith(fetch(request).then((response) => (kept ? keep(event, request, response) : response), () => caches.match(request, { ignoreSearch: true }).then((hit) => hit ?? Response.error())));
});
