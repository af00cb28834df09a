// Lighthouse 12 (npm) against Debian's Chromium, headless: the four category scores of a page,
// with the mobile (default) or desktop preset. Shared by the budget test and the bench.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { CHROMIUM } from './browser.mjs';
import { ROOT } from './story.mjs';

const run = promisify(execFile);
export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

/** `{ performance, accessibility, 'best-practices', seo }` scores (0–100) of `url`, and the
 *  failing audits of each category (titles) for a readable failure. */
export async function lighthouse(url, preset) {
  const args = [url, '--output=json', '--output-path=stdout', '--quiet', `--only-categories=${CATEGORIES.join(',')}`,
    `--chrome-path=${CHROMIUM}`, '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync'];
  if (preset === 'desktop') args.push('--preset=desktop');
  const { stdout } = await run(join(ROOT, 'node_modules/.bin/lighthouse'), args, { maxBuffer: 64 * 1024 * 1024 });
  const report = JSON.parse(stdout);
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
