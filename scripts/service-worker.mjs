// Trunk post-build hook: writes this build's file list and version into sw.js, so that
// each deployed build installs as a new service worker and replaces the old cache cleanly.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist';
const files = (await readdir(dir)).filter((f) => f !== 'sw.js' && !f.endsWith('.br') && !f.endsWith('.gz') && f !== 'kiosk.json').sort();
const hash = createHash('sha256');
for (const f of files) hash.update(f).update(await readFile(join(dir, f)));
const version = `recit-${hash.digest('hex').slice(0, 16)}`;
const assets = ['/', ...files.map((f) => `/${f}`)];
const path = join(dir, 'sw.js');
const source = await readFile(path, 'utf8');
const out = source
  .replace(/const VERSION = '[^']*';/, `const VERSION = '${version}';`)
  .replace(/const ASSETS = \[[^\]]*\];/, `const ASSETS = ${JSON.stringify(assets)};`);
if (out === source) throw new Error('sw.js: VERSION or ASSETS not found');
await writeFile(path, out);
console.log(`service worker ${version}: ${assets.length} files`);
