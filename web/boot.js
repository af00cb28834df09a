// Loaded before the app. Three jobs, the last two of which must work even when the app
// itself has failed:
// 1. Loads the app the address asks for, with its story. The site holds several (index.html;
//    the build's hook, scripts/post-build.mjs, lists each as a <meta name="recit-app">, and
//    `recit publish` adds each app's story): the plain reader,
//    the first visit; the reader with the kiosk, the workshop and the reading tools
//    (`?kiosk`, `?atelier`, the workshop's pages, `?facile`, `?ecouter`); the council's
//    editor (`/editeur`). Only the one needed is downloaded. The rules are the Rust side's
//    (recit_story::reader: EDITOR, MODES_PAGES, MODES_FLAGS), which the build's hook writes
//    below as regular expressions (`recit-check --routes`).
// 2. Never a frozen screen: an uncaught error (a Rust panic traps the wasm and arrives here
//    as one) shows a short "restarting" screen, then reloads — to the start on a kiosk, to
//    the same address (which is the reader's whole state) elsewhere.
// 3. Offline: registers the service worker, which caches this build's files for that app.
(() => {
  // Written by the build's hook; the minifier puts them in place: no byte more than literals.
  const EDITOR_PATH = /$^/, MODES_PATH = /$^/, MODES_QUERY = /$^/;
  const app = EDITOR_PATH.test(location.pathname) ? 'recit-editeur'
    : MODES_QUERY.test(location.search) || MODES_PATH.test(location.pathname) ? 'recit-plus'
    : 'recit-reader';
  // The app's glue, its compiled wasm and its story (no app embeds the story: a site carries
  // it beside them), fetched together as a page lists them; a failure here is the app not
  // loading (a page of an older build whose hashed files are gone, the network, a CSP), which
  // must not restart: the page, prerendered, stays readable. What fails once the wasm runs
  // restarts (below).
  const load = (page) => {
    const [js, wasm, story] = page.querySelector(`[data-app="${app}"]`)?.content.split(' ') ?? [];
    return Promise.all([import(js), WebAssembly.compileStreaming(fetch(wasm)),
      fetch(story).then((r) => r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${story}: ${r.status}`)))]);
  };
  addEventListener('DOMContentLoaded', () => {
    // No WebAssembly (blocked on some school tablets): no app, the page is read by its links.
    if (self.WebAssembly) {
      // The app is fetched, and replaces the page, once the page's largest content is
      // painted, which the browser reports: else, on a fast network, the app's first frame came
      // before the page's (the text painted later than a static page's, and counted as the
      // app's), and a download begun before that paint is counted as something the paint
      // waited for (Lighthouse's simulated phone). Where it is not reported, or the tab is
      // hidden (nothing to paint), it need not wait.
      const painted = document.hidden || !self.PerformanceObserver?.supportedEntryTypes?.includes('largest-contentful-paint')
        || new Promise((resolve) => new PerformanceObserver((_, observer) => resolve(observer.disconnect()))
          .observe({ type: 'largest-contentful-paint', buffered: true }));
      Promise.resolve(painted).then(() => load(document)
        // A page of an older build: this build's app and stylesheet, from its index.html; if
        // that fails too, the page stays as it is.
        .catch(() => fetch('/index.html', { cache: 'no-store' }).then((r) => r.text()).then((html) => {
          const current = new DOMParser().parseFromString(html, 'text/html');
          document.head.append(current.querySelector('link[rel=stylesheet]'));
          return load(current);
        })))
        // The story's bytes, left where the app takes them as it starts (src/story_data.rs).
        .then(([bindings, module, story]) => {
          self.recitStory = new Uint8Array(story);
          return bindings.default({ module_or_path: module });
        }, () => {});
    }
  });

  function restart() {
    onerror = onunhandledrejection = null;
    // A kiosk restarts as a reset does: at the start, with the full text.
    const target = /[?&]kiosk\b/.test(location.search) ? '/fr' + location.search.replace(/&facile\b/, '') : location.pathname + location.search;
    document.body.insertAdjacentHTML('beforeend', `<div class=restarting role=alert><p class=restarting-title>${location.pathname.startsWith('/en') ? 'Something went wrong. Restarting…' : 'Un problème est survenu. Redémarrage…'}`);
    setTimeout(() => location.replace(target), 2500);
  }
  onerror = onunhandledrejection = restart;

  // One worker for every app; it caches the app this page runs once it is told its name: the
  // plain reader's in English where the page names the reader's English story.
  const kept = app === 'recit-reader' && document.querySelector('[data-app=recit-reader]')?.content.includes('/story-reader-en-') ? 'recit-reader-en' : app;
  addEventListener('load', () => navigator.serviceWorker?.register('/sw.js')
    .then(() => navigator.serviceWorker.ready).then((registration) => registration.active.postMessage(kept)).catch(() => {}));
})();
