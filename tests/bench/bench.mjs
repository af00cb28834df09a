// The benchmark (figures, not a test): the release dist/ served on 127.0.0.1 and measured
// in one headless Chromium run. Prints a table and writes bench-results.json.
//   - time to the first step's content, app against a static HTML page with the same content;
//   - scale-switch latency, input to next paint, over 200 switches, against a DOM class toggle;
//   - the first visit's transfer per file: raw, gzip, brotli (what a fresh browser fetches);
//   - JS heap after 50 and after 1,000 scale switches;
//   - Lighthouse 12 scores, mobile and desktop presets.
import { writeFile, mkdtemp, cp } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startServer } from '../e2e/server.mjs';
import { launch } from '../e2e/browser.mjs';
import { DIST, ROOT, trajectory, views } from '../e2e/story.mjs';
import { firstVisit, table } from '../e2e/first-visit.mjs';
import { lighthouse, CATEGORIES } from '../e2e/lighthouse.mjs';

const LOADS = Number(process.env.BENCH_LOADS ?? 15);
const SWITCHES = 200;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

// Records when the first h1 with text appears, from the start of navigation.
const FIRST_CONTENT = `
  new MutationObserver((_, obs) => {
    const h1 = document.querySelector('h1');
    if (h1 && h1.textContent.trim()) { window.__firstContent = performance.now(); obs.disconnect(); }
  }).observe(document, { childList: true, subtree: true });`;

async function firstContent(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__firstContent !== undefined || document.querySelector('h1'));
  return page.evaluate(() => window.__firstContent ?? performance.now());
}

/** Input to next paint: the click, then the frame after it. */
const SWITCH_LATENCIES = `async (count) => {
  const radios = [...document.querySelectorAll('input[name=scale]')];
  const out = [];
  for (let i = 0; i < count; i++) {
    const radio = radios[(i + 1) % radios.length];
    const t0 = performance.now();
    radio.click();
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    out.push(performance.now() - t0);
  }
  return out;
}`;

const TOGGLE_LATENCIES = `async (count) => {
  const el = document.querySelector('main');
  const out = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    el.classList.toggle('bench-toggle');
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    out.push(performance.now() - t0);
  }
  return out;
}`;

const steps = trajectory(views());
const stepPath = `/fr/commune/${steps[0]}`;

// The static page: the app's own rendering of the first step, without its scripts.
const staticDir = await mkdtemp(join(tmpdir(), 'recit-static-'));
await cp(DIST, staticDir, { recursive: true });
const server = await startServer(DIST);
const browser = await launch();
const page = await browser.newPage();
await page.goto(server.url + stepPath);
await page.waitForSelector('h1');
const html = (await page.content()).replace(/<script[\s\S]*?<\/script>/g, '').replace(/<link rel="(modulepreload|preload)"[^>]*>/g, '');
await writeFile(join(staticDir, 'static.html'), html);
await page.close();
const staticServer = await startServer(staticDir);

const app = [], plain = [];
for (let i = 0; i < LOADS; i++) {
  for (const [list, url] of [[app, server.url + stepPath], [plain, staticServer.url + '/static.html']]) {
    const p = await browser.newPage();
    await p.addInitScript(FIRST_CONTENT);
    list.push(await firstContent(p, url));
    await p.close();
  }
}

const live = await browser.newPage();
await live.goto(server.url + stepPath);
await live.waitForSelector('h1');
const switches = await live.evaluate(`(${SWITCH_LATENCIES})(${SWITCHES})`);
const toggles = await live.evaluate(`(${TOGGLE_LATENCIES})(${SWITCHES})`);
const cdp = await browser.newCDPSession(live);
const heap = async () => {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
};
await live.evaluate(`(${SWITCH_LATENCIES})(50)`);
const heap50 = await heap();
await live.evaluate(`(${SWITCH_LATENCIES})(950)`);
const heap1000 = await heap();

const visit = await firstVisit(server, DIST, stepPath);
const scores = {};
for (const preset of ['mobile', 'desktop']) scores[preset] = (await lighthouse(server.url + stepPath, preset)).scores;
const results = {
  date: new Date().toISOString(),
  firstContentMs: { app: round(median(app)), static: round(median(plain)), ratio: round(median(app) / median(plain), 2), loads: LOADS },
  scaleSwitchMs: { median: round(median(switches)), p95: round(p95(switches)), toggleMedian: round(median(toggles)), toggleP95: round(p95(toggles)), ratio: round(median(switches) / median(toggles), 2), switches: SWITCHES },
  heapBytes: { after50: heap50, after1000: heap1000 },
  firstVisit: { files: visit.files, total: visit.total, foreign: visit.foreign },
  lighthouse: scores,
};

await browser.close();
await server.close();
await staticServer.close();

console.log(`\nTime to the first step's content (median of ${LOADS} loads)`);
console.log(`  app ${results.firstContentMs.app} ms · static page ${results.firstContentMs.static} ms · ratio ${results.firstContentMs.ratio}`);
console.log(`Scale switch, input to next paint (${SWITCHES} switches)`);
console.log(`  median ${results.scaleSwitchMs.median} ms, p95 ${results.scaleSwitchMs.p95} ms · class toggle median ${results.scaleSwitchMs.toggleMedian} ms, p95 ${results.scaleSwitchMs.toggleP95} ms · ratio ${results.scaleSwitchMs.ratio}`);
console.log(`JS heap: ${(heap50 / 1024).toFixed(0)} KB after 50 switches, ${(heap1000 / 1024).toFixed(0)} KB after 1,000`);
console.log(`\nFirst visit of ${stepPath}, fresh browser (bytes; budget 150,000 brotli)`);
console.log(table(visit));
console.log(`\nLighthouse 12 (${CATEGORIES.join(', ')})`);
for (const [preset, s] of Object.entries(scores)) console.log(`  ${preset.padEnd(8)} ${CATEGORIES.map((c) => String(s[c]).padStart(4)).join('')}`);
await writeFile(join(ROOT, 'bench-results.json'), JSON.stringify(results, null, 2) + '\n');
console.log('\nwrote bench-results.json');
