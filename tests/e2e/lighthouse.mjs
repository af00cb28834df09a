// Lighthouse 12 (npm) against Debian's Chromium, headless: the four category scores of a page,
// with the mobile (default) or desktop preset, shared by the budget test and the bench; and the
// mobile performance score alone with its metrics, for the bench.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { CHROMIUM } from './browser.mjs';
import { ROOT } from './story.mjs';

const run = promisify(execFile);
export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

/** Lighthouse's JSON report of `url` for `categories`, with the `preset`. */
async function lighthouseReport(url, preset, categories) {
  const args = [url, '--output=json', '--output-path=stdout', '--quiet', `--only-categories=${categories.join(',')}`,
    `--chrome-path=${CHROMIUM}`, '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync'];
  if (preset === 'desktop') args.push('--preset=desktop');
  // Lighthouse's own trace sometimes misses the navigation's start on a busy machine
  // (« NO_NAVSTART »: a failure of the tool, not a score): such a run is made once more.
  for (let attempt = 1; ; attempt++) {
    try {
      const { stdout } = await run(join(ROOT, 'node_modules/.bin/lighthouse'), args, { maxBuffer: 64 * 1024 * 1024 });
      return JSON.parse(stdout);
    } catch (e) {
      if (attempt === 2 || !/NO_NAVSTART/.test(e.stderr ?? '')) throw e;
    }
  }
}

/** `{ performance, accessibility, 'best-practices', seo }` scores (0–100) of `url`, and the
 *  failing audits of each category (titles) for a readable failure. */
export async function lighthouse(url, preset) {
  const report = await lighthouseReport(url, preset, CATEGORIES);
  const scores = {};
  const failing = {};
  for (const id of CATEGORIES) {
    const category = report.categories[id];
    scores[id] = Math.round(category.score * 100);
    failing[id] = category.auditRefs
      .map((ref) => report.audits[ref.id])
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual')
      .map((a) => a.title);
  }
  return { scores, failing };
}

/** The mobile performance score (0–100) of `url` and the metrics it weighs, from Lighthouse's
 *  simulated throttling (150 ms RTT, 1.6 Mbps, CPU ×4): `{ score, lcp, tbt (ms), cls }`. */
export async function performanceScore(url) {
  const { categories, audits } = await lighthouseReport(url, 'mobile', ['performance']);
  return {
    score: Math.round(categories.performance.score * 100),
    lcp: audits['largest-contentful-paint'].numericValue,
    tbt: audits['total-blocking-time'].numericValue,
    cls: audits['cumulative-layout-shift'].numericValue,
  };
}
