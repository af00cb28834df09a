// Loaded before the app. Two jobs that must work even when the app itself has failed:
// 1. Never a frozen screen: an uncaught error (a Rust panic traps the wasm and arrives here
//    as one) shows a short "restarting" screen, then reloads — to the start on a kiosk, to
//    the same address (which is the reader's whole state) elsewhere.
// 2. Offline: registers the service worker that caches this build.
(() => {
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
    const target = kiosk ? '/fr' + location.search : location.pathname + location.search;
    setTimeout(() => location.replace(target), 2500);
  }
  addEventListener('error', restart);
  addEventListener('unhandledrejection', restart);

  if ('serviceWorker' in navigator) {
    addEventListener('load', () => navigator.serviceWorker.register('/sw.js').catch(() => {}));
  }
})();
