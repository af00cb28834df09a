// What a reader's first visit downloads, measured in a fresh browser: every request the page
// makes until the network is idle, mapped to the dist/ files it served, with their raw size
// and their precompressed gzip and brotli sizes (what a host serves with scripts/post-build.mjs's
// files). Shared by the budget test and the bench.
import { stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { appReady, launch } from './browser.mjs';
import { servedFile } from './server.mjs';

/** Bytes of `file`, or 0 when it does not exist. */
const size = (file) => stat(file).then((s) => s.size, () => 0);

/** The first visit of `path` on `server` (serving `dist`): `{ files: [{ file, raw, gzip,
 *  brotli }], total, foreign: [urls of other origins] }`. */
export async function firstVisit(server, dist, path) {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
    await appReady(page);
    await page.waitForSelector('h1');
    const origin = new URL(server.url).origin;
    const foreign = requests.filter((u) => new URL(u).origin !== origin && !u.startsWith('data:'));
    const files = [];
    for (const url of new Set(requests.filter((u) => new URL(u).origin === origin))) {
      // A navigation is answered with its prerendered page, or index.html (the SPA fallback).
      const file = relative(resolve(dist), await servedFile(resolve(dist), new URL(url).pathname));
      if (files.some((f) => f.file === file)) continue;
      const at = join(dist, file);
      files.push({ file, raw: await size(at), gzip: await size(`${at}.gz`), brotli: await size(`${at}.br`) });
    }
    const total = files.reduce((t, f) => ({ file: 'total', raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }), { file: 'total', raw: 0, gzip: 0, brotli: 0 });
    return { files, total, foreign };
  } finally {
    await browser.close();
  }
}

/** The files as a printable table. */
export function table({ files, total }) {
  const row = (f) => '  ' + f.file.padEnd(40) + String(f.raw).padStart(10) + String(f.gzip).padStart(10) + String(f.brotli).padStart(10);
  return ['  ' + 'file'.padEnd(40) + 'raw'.padStart(10) + 'gzip'.padStart(10) + 'brotli'.padStart(10), ...files.map(row), row(total)].join('\n');
}
