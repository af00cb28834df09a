// The benchmark (figures, not a test): the release dist/ served on 127.0.0.1 and measured
// in one headless Chromium run. Prints a table and writes bench-results.json, and from it the
// bench's section of docs/budget.md (tests/bench/budget-doc.mjs).
// `RECIT_DIST=… node tests/bench/bench.mjs` measures another build (e.g. an older commit's).
//   - the first step's content, app against a static HTML page with the same content: first
//     contentful paint, the h1's paint, largest contentful paint (the browser's own timings,
//     tests/e2e/throttled.mjs), and when the app took over its page (its `.shell` removed);
//   - the same on a throttled phone (150 ms RTT, 1.6 Mbps, CPU ×4), French and English:
//     largest contentful paint, takeover, and each load's layout shift over the load and the
//     takeover, with what moved;
//   - scale-switch latency, input to next paint, over 200 switches, against a DOM class toggle;
//   - the first visit, French and English: every byte a fresh browser fetches, its service
//     worker's requests included, per file (tests/e2e/first-visit.mjs);
//   - JS heap after 50 and after 1,000 scale switches;
//   - Lighthouse 12 scores, mobile and desktop presets, and the mobile performance score (with
//     its LCP, TBT, CLS) on three consecutive runs;
//   - `recit publish story` into a fresh folder, warm (the first run apart): its wall time.
import { execFileSync } from 'node:child_process';
import { writeFile, mkdtemp, cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { startServer } from '../e2e/server.mjs';
import { appReady, launch } from '../e2e/browser.mjs';
import { DIST, ROOT, trajectory, views } from '../e2e/story.mjs';
import { BUDGET, firstVisit, table } from '../e2e/first-visit.mjs';
import { writeBudgetDoc } from './budget-doc.mjs';
import { lighthouse, performanceScore, CATEGORIES } from '../e2e/lighthouse.mjs';
import { LOAD_PROBE, loadFigures, throttledLoads } from '../e2e/throttled.mjs';

const LOADS = Number(process.env.BENCH_LOADS ?? 15);
const THROTTLED_LOADS = Number(process.env.BENCH_THROTTLED_LOADS ?? 5);
const LIGHTHOUSE_RUNS = 3;
const PUBLISHES = 5;
const SWITCHES = 200;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

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

// The machine's load (1-minute average) at the start and the end: timings on a shared machine
// are only comparable at a similar load.
const loadAtStart = loadavg()[0];
const steps = trajectory(views());
const stepPath = `/fr/commune/${steps[0]}`;
const stepPaths = { fr: stepPath, en: `/en/commune/${steps[0]}` };
const FIGURES = ['fcp', 'h1', 'lcp', 'takeover'];
/** The median of each figure over `loads` (a figure missing from every load stays null). */
const medians = (loads, names) => Object.fromEntries(names.map((name) => {
  const values = loads.map((l) => l[name]).filter((v) => v !== null);
  return [name, values.length ? round(median(values)) : null];
}));

// The static page: the app's own rendering of the first step, without its scripts.
const staticDir = await mkdtemp(join(tmpdir(), 'recit-static-'));
await cp(DIST, staticDir, { recursive: true });
const server = await startServer(DIST);
const browser = await launch();
const page = await browser.newPage();
await page.goto(server.url + stepPath);
await appReady(page);
const html = (await page.content()).replace(/<script[\s\S]*?<\/script>/g, '').replace(/<link rel="(modulepreload|preload)"[^>]*>/g, '');
await writeFile(join(staticDir, 'static.html'), html);
await page.close();
const staticServer = await startServer(staticDir);

const app = [], plain = [];
for (let i = 0; i < LOADS; i++) {
  for (const [list, url] of [[app, server.url + stepPath], [plain, staticServer.url + '/static.html']]) {
    const p = await browser.newPage();
    await p.addInitScript(LOAD_PROBE);
    await p.goto(url);
    list.push(await loadFigures(p));
    await p.close();
  }
}
/** In how many loads the first h1 painted was the prerendered page's, not the app's. */
const prerenderedH1 = (loads) => loads.filter((l) => l.h1InShell).length;
const firstContent = { app: { ...medians(app, FIGURES), prerenderedH1: prerenderedH1(app) }, static: medians(plain, FIGURES) };

const throttled = {};
for (const [lang, path] of Object.entries(stepPaths)) {
  const loads = await throttledLoads(server.url + path, THROTTLED_LOADS);
  throttled[lang] = {
    path, ...medians(loads, ['lcp', 'takeover']), clsMax: round(Math.max(...loads.map((l) => l.cls)), 4), lcpElement: loads[0].lcpElement, prerenderedH1: prerenderedH1(loads),
    perLoad: loads.map(({ lcp, lcpElement, cls, takeover }) => ({ lcp, lcpElement, cls: round(cls, 4), takeover })),
    // Each load's, and what moved: a shift one load in several is a defect all the same.
    cls: loads.map((l) => round(l.cls, 4)),
    moved: loads.flatMap((l, i) => l.shifts.map(([at, value, what]) => `load ${i + 1} at ${round(at, 0)} ms: ${round(value, 4)}, ${what}`)),
  };
}

const live = await browser.newPage();
await live.goto(server.url + stepPath);
await appReady(live);
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

// The publish, warm: one run first (the program and the story in the file cache), then timed.
const publishRuns = [];
const publishRoot = await mkdtemp(join(tmpdir(), 'recit-bench-publish-'));
for (let i = 0; i <= PUBLISHES; i++) {
  const t0 = performance.now();
  execFileSync(join(ROOT, 'target/release/recit'), ['publish', join(ROOT, 'story'), '--out', join(publishRoot, 'site')], { stdio: 'ignore' });
  if (i > 0) publishRuns.push(round(performance.now() - t0, 0));
}
await rm(publishRoot, { recursive: true, force: true });

const visits = {};
for (const [lang, path] of Object.entries(stepPaths)) visits[lang] = { path, ...await firstVisit(DIST, path) };
const scores = {};
for (const preset of ['mobile', 'desktop']) scores[preset] = (await lighthouse(server.url + stepPath, preset)).scores;
const performanceRuns = [];
for (let i = 0; i < LIGHTHOUSE_RUNS; i++) performanceRuns.push(await performanceScore(server.url + stepPath));
// The commit measured, and whether the tree had changes of its own.
const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
const results = {
  date: new Date().toISOString(),
  commit: `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no') ? ' with uncommitted changes' : ''}`,
  dist: DIST,
  cpus: availableParallelism(),
  budget: BUDGET,
  loadAverage: { start: round(loadAtStart, 2), end: round(loadavg()[0], 2) },
  firstContentMs: { ...firstContent, ratio: round(firstContent.app.lcp / firstContent.static.lcp, 2), loads: LOADS },
  throttledMs: { ...throttled, loads: THROTTLED_LOADS },
  scaleSwitchMs: { median: round(median(switches)), p95: round(p95(switches)), toggleMedian: round(median(toggles)), toggleP95: round(p95(toggles)), ratio: round(median(switches) / median(toggles), 2), switches: SWITCHES },
  heapBytes: { after50: heap50, after1000: heap1000 },
  firstVisit: visits,
  lighthouse: scores,
  lighthouseMobilePerformance: performanceRuns,
  publishMs: { median: median(publishRuns), runs: publishRuns },
};

await browser.close();
await server.close();
await staticServer.close();

console.log(`\n${DIST} · load average ${results.loadAverage.start} at the start, ${results.loadAverage.end} at the end`);
const ms = (x) => (x === null ? '—' : `${x} ms`).padStart(10);
console.log(`\nThe first step's content, ${stepPath} (median of ${LOADS} loads; ms from navigation)`);
console.log(`  ${''.padEnd(12)}${['FCP', 'h1 paint', 'LCP', 'takeover'].map((h) => h.padStart(10)).join('')}`);
for (const side of ['app', 'static']) console.log(`  ${side.padEnd(12)}${FIGURES.map((f) => ms(firstContent[side][f])).join('')}`);
console.log(`  LCP ratio app / static ${results.firstContentMs.ratio} · the first h1 painted was the prerendered page's in ${firstContent.app.prerenderedH1} of ${LOADS} loads`);
console.log(`Throttled phone (150 ms RTT, 1.6 Mbps down, 750 Kbps up, CPU ×4, 412x823; median of ${THROTTLED_LOADS} fresh loads)`);
for (const t of Object.values(throttled)) {
  console.log(`  ${t.path.padEnd(32)} LCP ${ms(t.lcp)} (${t.lcpElement}; prerendered h1 first in ${t.prerenderedH1}/${THROTTLED_LOADS}) · takeover ${ms(t.takeover)} · CLS per load ${t.cls.join(' ')}`);
  for (const what of t.moved) console.log(`    ${what}`);
}
console.log(`Scale switch, input to next paint (${SWITCHES} switches)`);
console.log(`  median ${results.scaleSwitchMs.median} ms, p95 ${results.scaleSwitchMs.p95} ms · class toggle median ${results.scaleSwitchMs.toggleMedian} ms, p95 ${results.scaleSwitchMs.toggleP95} ms · ratio ${results.scaleSwitchMs.ratio}`);
console.log(`JS heap: ${(heap50 / 1024).toFixed(0)} KB after 50 switches, ${(heap1000 / 1024).toFixed(0)} KB after 1,000`);
for (const { path, ...visit } of Object.values(visits)) {
  console.log(`\nFirst visit of ${path}, fresh browser, its service worker included (bytes; budget ${BUDGET} brotli)`);
  console.log(table(visit));
}
console.log(`\nLighthouse 12 (${CATEGORIES.join(', ')})`);
for (const [preset, s] of Object.entries(scores)) console.log(`  ${preset.padEnd(8)} ${CATEGORIES.map((c) => String(s[c]).padStart(4)).join('')}`);
console.log(`Lighthouse 12 mobile performance, ${LIGHTHOUSE_RUNS} consecutive runs`);
for (const r of performanceRuns) console.log(`  ${String(r.score).padStart(4)} · LCP ${round(r.lcp, 0)} ms · TBT ${round(r.tbt, 0)} ms · CLS ${round(r.cls, 4)}`);
console.log(`recit publish story, warm: median ${results.publishMs.median} ms (${publishRuns.join(', ')} ms)`);
await writeFile(join(ROOT, 'bench-results.json'), JSON.stringify(results, null, 2) + '\n');
await writeBudgetDoc(results);
console.log('\nwrote bench-results.json and docs/budget.md');
