// What a reader's first visit downloads, measured in a fresh browser on an origin of its own:
// every response that came over the network, until the service worker has installed, has
// cached the app the page runs, and the network is idle — the page's requests and the
// worker's (its script, what it caches). What the browser took from its HTTP cache costs
// nothing; a revalidated file (304) costs its headers only, which are not counted here, as
// for every other response. The bytes are the bodies as served (brotli where the browser
// accepts it, as a host serving a published site's files does). Shared by the budget
// test and the bench.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { appReady, launch, offlineReady } from './browser.mjs';
import { startServer } from './server.mjs';

/** The most bytes a reader's first visit may fetch, brotli (tests/e2e/budget.test.mjs). */
export const BUDGET = 150_000;

/** Bytes of `file`, or 0 when it does not exist. */
const size = (file) => stat(file).then((s) => s.size, () => 0);

/** Every request of `context` in the order made, its service workers' included (Playwright
 *  reports theirs on the context), and `idle()`, which resolves once none has been in flight
 *  for half a second (Playwright's own measure of a page's network idle). */
function traffic(context) {
  const requests = [], inFlight = new Set();
  let timer, quiet = () => {};
  const settle = () => {
    clearTimeout(timer);
    if (inFlight.size === 0) timer = setTimeout(() => quiet(), 500);
  };
  const end = (r) => { inFlight.delete(r); settle(); };
  context.on('request', (r) => { requests.push(r); inFlight.add(r); settle(); }).on('requestfinished', end).on('requestfailed', end);
  return { requests, idle: () => new Promise((resolve) => { quiet = resolve; settle(); }) };
}

/** The first visit of `path` to `dist`: `{ fetches: [{ file, by ('page' or 'worker'), status
 *  (200, 304, or 'cache': the browser's HTTP cache), bytes (over the network), raw, gzip,
 *  brotli (the file's) }], total, foreign: [urls of other origins] }`. */
export async function firstVisit(dist, path) {
  const sent = [];
  const server = await startServer(dist, 0, { sent });
  const browser = await launch();
  try {
    const { requests, idle } = traffic(browser);
    const page = await browser.newPage();
    await page.goto(`${server.url}${path}`);
    await appReady(page);
    await page.waitForSelector('h1');
    await offlineReady(page);
    await idle();
    const origin = new URL(server.url).origin;
    const foreign = requests.map((r) => r.url()).filter((u) => new URL(u).origin !== origin && !u.startsWith('data:'));
    // Each response the server sent goes with the first request for its address not yet
    // paired: a file is taken from the HTTP cache only after it came once. A request the
    // worker answered is paired with the worker's own, if it made one.
    const pending = [];
    for (const r of requests.filter((r) => new URL(r.url()).origin === origin)) {
      const response = await r.response();
      if (!response?.fromServiceWorker()) pending.push({ path: decodeURIComponent(new URL(r.url()).pathname), by: r.serviceWorker() ? 'worker' : 'page' });
    }
    const fetches = [];
    for (const response of sent) {
      const at = pending.findIndex((r) => r.path === response.path);
      if (at < 0) throw new Error(`${response.path}: served, but no request of the page or its worker asked for it`);
      fetches.push({ ...response, by: pending.splice(at, 1)[0].by });
    }
    // What is left was answered from the HTTP cache.
    for (const { path: left, by } of pending) {
      const from = fetches.find((f) => f.path === left);
      fetches.push({ path: left, file: from?.file ?? left, status: 'cache', bytes: 0, by });
    }
    for (const f of fetches) {
      const at = join(dist, f.file);
      Object.assign(f, { raw: await size(at), gzip: await size(`${at}.gz`), brotli: await size(`${at}.br`) });
    }
    const total = { file: 'total', bytes: fetches.reduce((sum, f) => sum + f.bytes, 0) };
    return { fetches, total, foreign };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The fetches as a printable table. */
export function table({ fetches, total }) {
  const row = (f) => '  ' + f.file.padEnd(40) + (f.by ?? '').padEnd(8) + String(f.status ?? '').padStart(6) + String(f.bytes).padStart(10)
    + [f.raw, f.gzip, f.brotli].map((n) => String(n ?? '').padStart(10)).join('');
  const head = '  ' + 'file'.padEnd(40) + 'by'.padEnd(8) + 'status'.padStart(6) + 'sent'.padStart(10) + ['raw', 'gzip', 'brotli'].map((h) => h.padStart(10)).join('');
  return [head, ...fetches.map(row), row(total)].join('\n');
}
