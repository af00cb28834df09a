// Page loads on a throttled phone, measured with the browser's own timings, read in the page;
// for the bench's figures and the layout-shift test (tests/e2e/shift.test.mjs):
//   - `LOAD_PROBE` (an init script) and `loadFigures(page)`: first contentful paint, largest
//     contentful paint (and what it painted), the h1's first paint (element timing), when the
//     app took over (the page's `.shell` hidden or gone: the app shows its own screen and
//     answers input from then on), the cumulative layout shift and what moved;
//   - `throttledLoads(url, loads)`: those figures on a throttled phone, each load in a fresh
//     browser profile with the cache disabled;
//   - `streamingServer(dir)`: dist/ served with each page delivered in parts, each once the
//     browser has painted the parts before it, as a slow network delivers a page.
import { launch } from './browser.mjs';
import { createServer, request } from 'node:http';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SECURITY_HEADERS, servedFile, startServer } from './server.mjs';

/** The throttled phone of issue 15 (Lighthouse's mobile profile, applied by DevTools instead
 *  of simulated): 150 ms round trip, 1.6 Mbps down, 750 Kbps up, CPU four times slower, a
 *  412x823 viewport. */
export const PHONE = {
  network: { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 },
  cpuSlowdown: 4,
  context: { viewport: { width: 412, height: 823 }, deviceScaleFactor: 2.625, isMobile: true, hasTouch: true },
};

/** How long to keep watching after the takeover: a late shift or paint is still counted. */
const SETTLE_MS = 500;

// Runs before the page's first byte is parsed. Every h1 gets `elementtiming` as soon as it
// enters the DOM (a mutation callback runs before the next paint), so its first paint is
// timed whether the parser or the app inserted it; `h1InShell` says whether the first h1
// painted was the prerendered page's (inside `.shell`) or the app's.
export const LOAD_PROBE = `(() => {
  const probe = window.__load = { fcp: null, lcp: null, lcpElement: null, h1: null, h1InShell: false, takeover: null, shifts: [] };
  const timeH1 = (node) => {
    if (node.nodeType !== 1) return;
    for (const h1 of node.matches('h1') ? [node] : node.querySelectorAll('h1')) h1.setAttribute('elementtiming', h1.closest('.shell') ? 'shell' : 'page');
  };
  // The app takes over when it hides the page's \`.shell\` (it removes it a frame later), or
  // removes it.
  const tookOver = (node) => { if (probe.takeover === null && node.nodeType === 1 && node.classList.contains('shell')) probe.takeover = performance.now(); };
  new MutationObserver((records) => {
    for (const record of records) {
      record.addedNodes.forEach(timeH1);
      record.removedNodes.forEach(tookOver);
      if (record.type === 'attributes') tookOver(record.target);
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden'] });
  const observe = (type, onEntry) => new PerformanceObserver((list) => list.getEntries().forEach(onEntry)).observe({ type, buffered: true });
  observe('paint', (e) => { if (e.name === 'first-contentful-paint') probe.fcp = e.startTime; });
  observe('largest-contentful-paint', (e) => {
    probe.lcp = e.startTime;
    probe.lcpElement = e.element ? e.element.tagName.toLowerCase() + (e.element.className ? '.' + String(e.element.className).split(' ')[0] : '') : null;
  });
  observe('element', (e) => { if (probe.h1 === null) { probe.h1 = e.renderTime || e.loadTime; probe.h1InShell = e.identifier === 'shell'; } });
  // Every shift, \`hadRecentInput\` or not: nothing here is input, but Chromium takes the
  // phone's emulated viewport, applied as a page starts, for one (crbug.com/1302667), which
  // hid shifts of the page as it arrived; Lighthouse counts those too.
  // What moved is named while it is still in the page: tag, first class, whether it was the
  // prerendered page's, and its rectangles before and after (x, y, width, height; a
  // rectangle off the screen is 0,0,0,0).
  const rect = (r) => [r.x, r.y, r.width, r.height].map(Math.round).join(',');
  const name = (node) => !node ? 'gone' : node.nodeType !== 1 ? name(node.parentElement)
    : node.tagName.toLowerCase() + (node.classList[0] ? '.' + node.classList[0] : '') + (node.closest('.shell') ? ' (page)' : ' (app)');
  observe('layout-shift', (e) => probe.shifts.push([e.startTime, e.value,
    e.sources.map((s) => \`\${name(s.node)} \${rect(s.previousRect)} → \${rect(s.currentRect)}\`).join('; ')]));
})();`;

/** The cumulative layout shift as Chromium reports it: the largest session window (shifts
 *  less than 1 s apart, at most 5 s long). */
function cumulativeLayoutShift(shifts) {
  let best = 0, sum = 0, start = -Infinity, last = -Infinity;
  for (const [at, value] of shifts) {
    if (at - last > 1000 || at - start > 5000) { sum = 0; start = at; }
    sum += value;
    last = at;
    best = Math.max(best, sum);
  }
  return best;
}

/** Waits until the page has no `.shell` (the app took over; a page without one, at once),
 *  lets it settle, then reads the probe: `{ fcp, lcp, lcpElement, h1, h1InShell, takeover, cls,
 *  shifts }` (milliseconds from the navigation's start; `takeover` null on a page the app did
 *  not take over; `shifts` each shift's time, value and what moved). */
export async function loadFigures(page, settleMs = 50) {
  await page.waitForFunction(() => document.readyState !== 'loading' && !document.querySelector('.shell'), null, { timeout: 120_000 });
  await page.waitForTimeout(settleMs);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const { shifts, ...figures } = await page.evaluate(() => window.__load);
  return { ...figures, cls: cumulativeLayoutShift(shifts), shifts };
}

/** `loads` loads of `url` on the throttled phone, each in a fresh browser (empty profile, cache
 *  disabled): the list of their `loadFigures`. `streaming`, the `streamingServer` that serves
 *  `url`, if it is one. */
export async function throttledLoads(url, loads, streaming = null) {
  const out = [];
  for (let i = 0; i < loads; i++) {
    const browser = await launch(PHONE.context);
    try {
      const page = browser.pages()[0] ?? await browser.newPage();
      const cdp = await browser.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', PHONE.network);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpuSlowdown });
      await page.addInitScript(LOAD_PROBE);
      streaming?.deliverTo(page);
      await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
      out.push(await loadFigures(page, SETTLE_MS));
    } finally {
      await browser.close();
    }
  }
  return out;
}

/** Where a streamed page is cut: before each landmark's and section's tag, the parts a screen
 *  is made of, and before each link: a loaded phone's parser may stop anywhere, and a link
 *  arriving beside text already painted (the language switch beside the title) must not move
 *  it. */
const SECTION = /<(header|nav|main|aside|article|section|figure|footer|a)[\s>]/g;

/** Whether `page` has painted the document it is loading: its stylesheet has come (rendering
 *  waits for it) and two frames have passed since. False while the previous document is still
 *  shown (the navigation not yet committed). */
async function painted(page) {
  return page.evaluate(() => location.protocol !== 'about:' && document.styleSheets.length > 0
    && new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))))).catch(() => false);
}

/** `dir` served as `startServer` does (it forwards to it), but each page a browser navigates to
 *  is delivered in parts, cut before each section (SECTION), each part once the browser has
 *  painted the ones before: a page on a slow network or a slow phone is painted as it arrives,
 *  which no fixed pace would make sure of. `deliverTo(page)` names the page that loads next. */
export async function streamingServer(dir) {
  let loading = null;
  const root = resolve(dir);
  const upstream = await startServer(dir);
  const server = createServer(async (req, res) => {
    if (req.headers['sec-fetch-dest'] !== 'document') {
      const forward = request(upstream.url + req.url, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', (e) => res.destroy(e));
      req.pipe(forward);
      return;
    }
    const page = loading;
    const html = await readFile(await servedFile(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)), 'utf8');
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
    let from = 0;
    for (const { index } of html.matchAll(SECTION)) {
      res.write(html.slice(from, index));
      from = index;
      while (!page.isClosed() && !(await painted(page))) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    res.end(html.slice(from));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: async () => {
      await new Promise((ok) => server.close(ok));
      await upstream.close();
    },
    deliverTo: (page) => { loading = page; },
  };
}
