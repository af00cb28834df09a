// docs/budget.md, the one place for Récit's measured figures: its first section is written
// here from the bench's results (bench-results.json), its second, « Measured by hand », is kept
// as it is. tests/bench/bench.mjs calls it after each run; `node tests/bench/budget-doc.mjs`
// writes it again from the last bench-results.json.
import { readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ROOT } from '../e2e/story.mjs';
import { PHONE } from '../e2e/throttled.mjs';

const DOC = join(ROOT, 'docs/budget.md');
const HAND = '## Measured by hand';

const n = (x) => (x === null || x === undefined ? '—' : typeof x === 'number' ? x.toLocaleString('en-US') : String(x));
const row = (cells) => `| ${cells.map(n).join(' | ')} |`;
const table = (head, rows) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

/** The bench's section of docs/budget.md, from `results` (bench-results.json). */
export function benchSection(r) {
  const visits = Object.values(r.firstVisit).map((v) => [
    `### First visit of \`${v.path}\`: ${n(v.total.bytes)} B of ${n(r.budget)}`,
    '',
    table(['file', 'fetched by', 'status', 'sent (B)', 'raw', 'gzip', 'brotli'],
      v.fetches.map((f) => [`\`${f.file}\``, f.by, f.status, f.bytes, f.raw, f.gzip, f.brotli])),
  ].join('\n'));
  const first = r.firstContentMs;
  const throttled = Object.values(r.throttledMs).filter((t) => t.path);
  return [
    '## Measured by the bench',
    '',
    `${r.date.slice(0, 10)}, commit \`${r.commit}\`, \`${relative(ROOT, r.dist) || '.'}\`, load average ${r.loadAverage.start} at the start and ${r.loadAverage.end} at the end on ${r.cpus} cores. Written by \`tests/bench/bench.mjs\` (\`bash scripts/bench.sh\`): do not edit this section by hand.`,
    '',
    `What a fresh browser fetches on a reader's first visit, the service worker's requests included, until the worker has cached the app and the network is idle: the bytes sent (brotli bodies; headers not counted), \`304\` a file revalidated, \`cache\` one the browser took from its HTTP cache. The budget test (\`tests/e2e/budget.test.mjs\`) holds each total to ${n(r.budget)} B.`,
    '',
    ...visits.flatMap((v) => [v, '']),
    `### The first step's content, app against a static page (median of ${first.loads} loads, ms from navigation)`,
    '',
    table(['', 'FCP', 'h1 paint', 'LCP', 'takeover'], ['app', 'static'].map((side) => [side, first[side].fcp, first[side].h1, first[side].lcp, first[side].takeover])),
    '',
    `LCP ratio app / static: ${first.ratio}. The first h1 painted was the prerendered page's in ${first.app.prerenderedH1} of ${first.loads} loads.`,
    '',
    `### Throttled phone (${PHONE.network.latency} ms RTT, ${PHONE.network.downloadThroughput * 8 / 1e6} Mbps down, ${PHONE.network.uploadThroughput * 8 / 1e3} Kbps up, CPU ×${PHONE.cpuSlowdown}, ${PHONE.context.viewport.width}×${PHONE.context.viewport.height}; ${r.throttledMs.loads} fresh load${r.throttledMs.loads === 1 ? '' : 's'} each)`,
    '',
    table(['page', 'load', 'LCP (ms)', 'LCP element', 'CLS', 'takeover (ms)'], throttled.flatMap((t) => [
      ...t.perLoad.map((l, i) => [`\`${t.path}\``, i + 1, Math.round(l.lcp), l.lcpElement, l.cls, l.takeover === null ? null : Math.round(l.takeover)]),
      [`\`${t.path}\``, 'median', t.lcp, '', `max ${t.clsMax}`, t.takeover],
    ])),
    '',
    `### Scale switch, input to next paint (${r.scaleSwitchMs.switches} switches, ms)`,
    '',
    table(['', 'median', 'p95'], [['scale switch', r.scaleSwitchMs.median, r.scaleSwitchMs.p95], ['class toggle', r.scaleSwitchMs.toggleMedian, r.scaleSwitchMs.toggleP95]]),
    '',
    `Ratio of the medians: ${r.scaleSwitchMs.ratio}. JS heap after 50 switches ${n(r.heapBytes.after50)} B, after 1,000 ${n(r.heapBytes.after1000)} B.`,
    '',
    '### Lighthouse 12',
    '',
    table(['preset', 'performance', 'accessibility', 'best practices', 'SEO'], Object.entries(r.lighthouse).map(([preset, s]) => [preset, s.performance, s.accessibility, s['best-practices'], s.seo])),
    '',
    `Mobile performance, ${r.lighthouseMobilePerformance.length} consecutive runs (simulated throttling):`,
    '',
    table(['run', 'score', 'LCP (ms)', 'TBT (ms)', 'CLS'], r.lighthouseMobilePerformance.map((p, i) => [i + 1, p.score, Math.round(p.lcp), Math.round(p.tbt), Math.round(p.cls * 10000) / 10000])),
    '',
    ...(r.publishMs ? [
      '### `recit publish story`, into the site it replaces (warm)',
      '',
      `Median ${n(r.publishMs.median)} ms over ${r.publishMs.runs.length} runs: ${r.publishMs.runs.map(n).join(', ')} ms.`,
      '',
    ] : []),
  ].join('\n');
}

/** Writes docs/budget.md: the bench's section from `results`, then the hand-measured one as
 *  it was. */
export async function writeBudgetDoc(results) {
  const old = await readFile(DOC, 'utf8').catch(() => '');
  const at = old.indexOf(HAND);
  if (at < 0) throw new Error(`${DOC}: no « ${HAND} » section to keep`);
  const head = '# Budgets and measured figures\n\nEvery figure measured on Récit, in one place: the README and the code\'s comments say why, and link here for how much.\n\n';
  await writeFile(DOC, `${head}${benchSection(results)}\n${old.slice(at)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await writeBudgetDoc(JSON.parse(await readFile(join(ROOT, 'bench-results.json'), 'utf8')));
  console.log(`wrote ${DOC}`);
}
