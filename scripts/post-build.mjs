// Trunk post-build hook:
// 1. lists the build's apps in index.html (<meta name="recit-app" content="js wasm">), for
//    web/boot.js to load the one the address asks for;
// 2. writes the build's files and version into sw.js, so that each deployed build installs as
//    a new service worker and replaces the old cache cleanly.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist';
const files = (await readdir(dir)).filter((f) => f !== 'sw.js' && !f.endsWith('.br') && !f.endsWith('.gz') && f !== 'kiosk.json').sort();
const hash = createHash('sha256');
for (const f of files) hash.update(f).update(await readFile(join(dir, f)));
const version = `recit-${hash.digest('hex').slice(0, 16)}`;
// Each app's own files (`recit-<hash>.js`, `…_bg.wasm`; trunk does not hash the names of the
// apps it builds as "workers": `recit-plus.js`), and what every app needs.
const APP = /^(recit(?:-[a-z]+)*?)(?:-[0-9a-f]{16})?(?:_bg\.wasm|\.js)$/;
const assets = { common: ['/'], apps: {} };
for (const f of files) {
  const app = f.match(APP)?.[1];
  if (app) (assets.apps[app] ??= []).push(`/${f}`);
  else assets.common.push(`/${f}`);
}
const page = join(dir, 'index.html');
const html = await readFile(page, 'utf8');
const metas = Object.entries(assets.apps)
  .map(([app, files]) => `<meta name="recit-app" data-app="${app}" content="${files.find((f) => f.endsWith('.js'))} ${files.find((f) => f.endsWith('.wasm'))}">`);
if (!html.includes('</head>')) throw new Error('index.html: no </head>');
await writeFile(page, html.replace('</head>', `${metas.join('')}</head>`));

const path = join(dir, 'sw.js');
const source = await readFile(path, 'utf8');
const out = source
  .replace(/const VERSION = '[^']*';/, `const VERSION = '${version}';`)
  .replace(/const ASSETS = \{ common: \[\], apps: \{\} \};/, `const ASSETS = ${JSON.stringify(assets)};`);
if (out === source) throw new Error('sw.js: VERSION or ASSETS not found');
await writeFile(path, out);
console.log(`service worker ${version}: ${assets.common.length} common files, apps ${Object.entries(assets.apps).map(([a, f]) => `${a} (${f.length})`).join(', ')}`);
