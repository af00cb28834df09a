// Page-load figures for the bench (figures, not a test), measured the same way on every side:
// the browser's own paint timings, read in the page.
//   - `LOAD_PROBE` (an init script) and `loadFigures(page)`: first contentful paint, largest
//     contentful paint (and what it painted), the h1's first paint (element timing), when the
//     app took over (the page's `.shell` left the DOM: the app shows its own screen and
//     answers input from then on) and the cumulative layout shift;
//   - `throttledLoads(url, loads)`: those figures on a throttled phone, each load in a fresh
//     browser profile with the cache disabled.
import { launch } from '../e2e/browser.mjs';

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
  new MutationObserver((records) => {
    for (const record of records) {
      record.addedNodes.forEach(timeH1);
      for (const node of record.removedNodes) {
        if (probe.takeover === null && node.nodeType === 1 && node.classList.contains('shell')) probe.takeover = performance.now();
      }
    }
  }).observe(document, { childList: true, subtree: true });
  const observe = (type, onEntry) => new PerformanceObserver((list) => list.getEntries().forEach(onEntry)).observe({ type, buffered: true });
  observe('paint', (e) => { if (e.name === 'first-contentful-paint') probe.fcp = e.startTime; });
  observe('largest-contentful-paint', (e) => {
    probe.lcp = e.startTime;
    probe.lcpElement = e.element ? e.element.tagName.toLowerCase() + (e.element.className ? '.' + String(e.element.className).split(' ')[0] : '') : null;
  });
  observe('element', (e) => { if (probe.h1 === null) { probe.h1 = e.renderTime || e.loadTime; probe.h1InShell = e.identifier === 'shell'; } });
  observe('layout-shift', (e) => { if (!e.hadRecentInput) probe.shifts.push([e.startTime, e.value]); });
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
 *  lets it settle, then reads the probe: `{ fcp, lcp, lcpElement, h1, h1InShell, takeover, cls }`
 *  (milliseconds from the navigation's start; `takeover` null on a page the app did not
 *  take over). */
export async function loadFigures(page, settleMs = 50) {
  await page.waitForFunction(() => document.readyState !== 'loading' && !document.querySelector('.shell'), null, { timeout: 120_000 });
  await page.waitForTimeout(settleMs);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const { shifts, ...figures } = await page.evaluate(() => window.__load);
  return { ...figures, cls: cumulativeLayoutShift(shifts) };
}

/** `loads` loads of `url` on the throttled phone, each in a fresh browser (empty profile, cache
 *  disabled): the list of their `loadFigures`. */
export async function throttledLoads(url, loads) {
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
      await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
      out.push(await loadFigures(page, SETTLE_MS));
    } finally {
      await browser.close();
    }
  }
  return out;
}
