// The editor's typing benchmark (figures, not a test): input to next paint in a view's title
// field, on today's story and on a story ten times its size (its steps copied under new ids),
// loaded as the editor's draft on the device. Also the longest task the deferred check and
// save takes once typing pauses. Needs a release dist/ (`trunk build --release`):
//   node tests/bench/editor-typing.mjs            (RECIT_DIST=… to measure another build)
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startServer } from '../e2e/server.mjs';
import { launch } from '../e2e/browser.mjs';
import { DIST, ROOT } from '../e2e/story.mjs';

const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 60);
/** The pause between keystrokes: a fast typist's. */
const GAP_MS = 60;
const FACTOR = 10;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const round = (x) => Math.round(x * 10) / 10;

/** story/ as the editor keeps its draft: [path in story/, text] for every TOML file, with
 *  the steps `factor` times over (copies named `<id>-copie-<k>`, their links and side paths
 *  renamed with them, each copy's main steps appended to the trajectory). */
export async function multipliedStory(factor) {
  const dir = join(ROOT, 'story');
  const read = (path) => readFile(join(dir, path), 'utf8');
  const names = (await readdir(join(dir, 'steps'))).filter((n) => n.endsWith('.toml')).sort();
  const steps = await Promise.all(names.map(async (n) => [n.slice(0, -5), await read(`steps/${n}`)]));
  const ids = steps.map(([id]) => id);
  const rename = (text, k) => ids.reduce((t, id) => t.replaceAll(`"${id}"`, `"${id}-copie-${k}"`).replaceAll(`](${id})`, `](${id}-copie-${k})`), text);
  let story = await read('story.toml');
  const trajectory = story.match(/^trajectory = \[\n([\s\S]*?)\]/m);
  const copies = Array.from({ length: factor - 1 }, (_, i) => rename(trajectory[1], i + 1)).join('');
  story = story.replace(trajectory[0], `trajectory = [\n${trajectory[1]}${copies}]`);
  const files = [['story.toml', story], ['glossary.toml', await read('glossary.toml')], ['data/territory.toml', await read('data/territory.toml')]];
  for (const [id, text] of steps) {
    files.push([`steps/${id}.toml`, text]);
    for (let k = 1; k < factor; k++) files.push([`steps/${id}-copie-${k}.toml`, rename(text, k)]);
  }
  return files.sort((a, b) => a[0].localeCompare(b[0]));
}

/** Types `count` letters in the first French one-line field, each followed by a pause; for
 *  each, the time from the input event to the frame after it. Then the longest task seen
 *  from the last keystroke until the page has been quiet for a second. */
const TYPE = `async ([count, gap]) => {
  const field = document.querySelector('.text-pair input[lang=fr]');
  const tasks = [];
  new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
  const out = [];
  for (let i = 0; i < count; i++) {
    field.value += i % 10 === 9 ? ' ' : 'x';
    const t0 = performance.now();
    field.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    out.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, gap));
  }
  tasks.length = 0;
  await new Promise((r) => setTimeout(r, 1500));
  return { latencies: out, settle: Math.max(0, ...tasks) };
}`;

const server = await startServer(DIST);
const browser = await launch({ viewport: { width: 1400, height: 1000 } });
const results = [];
for (const factor of [1, FACTOR]) {
  const files = factor === 1 ? null : await multipliedStory(factor);
  const page = await browser.newPage();
  await page.goto(`${server.url}/editeur/fr`);
  await page.waitForSelector('h1');
  await page.evaluate((files) => {
    localStorage.clear();
    if (!files) return;
    for (const [path, text] of files) localStorage.setItem(`recit.editeur.fichier:${path}`, text);
    localStorage.setItem('recit.editeur.fichiers', files.map(([p]) => p).join('\n'));
  }, files);
  await page.reload();
  await page.waitForSelector('.story-map tbody tr');
  const rows = await page.locator('.story-map tbody tr').count();
  if (files && rows !== files.filter(([p]) => p.startsWith('steps/')).length) throw new Error(`the ×${factor} draft did not load: ${rows} steps on the map`);
  const first = await page.locator('.story-map tbody tr a').first().getAttribute('href');
  await page.goto(`${server.url}${first.replace(/\/[^/]+$/, '/commune')}`);
  await page.waitForSelector('.text-pair input[lang=fr]');
  const { latencies, settle } = await page.evaluate(`(${TYPE})([${KEYSTROKES}, ${GAP_MS}])`);
  results.push({ factor, steps: rows, median: round(median(latencies)), p95: round(p95(latencies)), settle: round(settle) });
  await page.close();
}
await browser.close();
await server.close();

console.log(`\nEditor: typing in a title, input event to next frame (${KEYSTROKES} keystrokes, ${GAP_MS} ms apart; ${DIST})`);
for (const r of results) {
  console.log(`  story ×${String(r.factor).padEnd(2)} (${String(r.steps).padStart(3)} steps)  median ${r.median} ms, p95 ${r.p95} ms · longest task once typing pauses ${r.settle} ms`);
}
