// Loaded before the app. Three jobs, the last two of which must work even when the app
// itself has failed:
// 1. Loads the app the address asks for. The build holds several (index.html; the build's
//    hook, scripts/post-build.mjs, lists each as a <meta name="recit-app">): the plain reader,
//    the first visit; the reader with the kiosk, the workshop and the reading tools
//    (`?kiosk`, `?atelier`, the workshop's pages, `?facile`, `?ecouter`); the council's
//    editor (`/editeur`). Only the one needed is downloaded. The rules are the Rust side's
//    (recit_story::reader: EDITOR, MODES_PAGES, MODES_FLAGS), which the build's hook writes
//    below as regular expressions (`recit-check --routes`).
// 2. Never a frozen screen: an uncaught error (a Rust panic traps the wasm and arrives here
//    as one) shows a short "restarting" screen, then reloads — to the start on a kiosk, to
//    the same address (which is the reader's whole state) elsewhere.
// 3. Offline: registers the service worker that caches this build of that app.
(() => {
  // Written by the build's hook; the minifier puts them in place: no byte more than literals.
  const EDITOR_PATH = /$^/, MODES_PATH = /$^/, MODES_QUERY = /$^/;
  const app = EDITOR_PATH.test(location.pathname) ? 'recit-editeur'
    : MODES_QUERY.test(location.search) || MODES_PATH.test(location.pathname) ? 'recit-plus'
    : 'recit';
  addEventListener('DOMContentLoaded', () => {
    const meta = document.querySelector(`meta[name="recit-app"][data-app="${app}"]`);
    const [js, wasm] = meta?.content.split(' ') ?? [];
    if (!js) throw new Error(`no ${app} in this build`);
    import(js).then((bindings) => bindings.default({ module_or_path: wasm }));
  });

  let restarting = false;
  function restart() {
    if (restarting) return;
    restarting = true;
    const kiosk = /[?&]kiosk\b/.test(location.search);
    const en = location.pathname.startsWith('/en');
    const screen = document.createElement('div');
    screen.className = 'restarting';
    screen.setAttribute('role', 'alert');
    const title = document.createElement('p');
    title.className = 'restarting-title';
    title.textContent = en ? 'Something went wrong. Restarting…' : 'Un problème est survenu. Redémarrage…';
    screen.append(title);
    document.body.append(screen);
    // A kiosk restarts as a reset does: at the start, with the full text.
    const target = kiosk ? '/fr' + location.search.replace(/&facile\b/, '') : location.pathname + location.search;
    setTimeout(() => location.replace(target), 2500);
  }
  addEventListener('error', restart);
  addEventListener('unhandledrejection', restart);

  if ('serviceWorker' in navigator) {
    addEventListener('load', () => navigator.serviceWorker.register(`/sw.js?app=${app}`).catch(() => {}));
  }
})();
