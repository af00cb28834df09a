// Trunk post-build hook: makes trunk's output the apps that `recit` carries and publishes
// with a story (`recit publish`, crates/recit-cli/src/publish.rs, writes the story's files,
// each app's story in the page, the service worker's list, the static pages, _redirects):
// 1. shortens the names by which each app's wasm and its glue call each other (short-names.mjs),
//    names each app's files with the hash of what ships, lists the build's
//    apps in index.html (<meta name="recit-app" content="js wasm">, to which `recit publish`
//    adds the app's story), and writes into boot.js the rules of which address needs which
//    app, from the story crate (`recit-check --routes`), for web/boot.js to load the one the
//    address asks for;
// 2. minifies the JavaScript (the apps' wasm-bindgen glue, boot.js, sw.js): trunk minifies the
//    HTML and CSS but not these, which are part of the first visit's budget; sw.js without its
//    VERSION and ASSETS, which `recit publish` writes before it;
// 3. precompresses every text and wasm file (`.br`, brotli 11; `.gz`, gzip 9) for hosts that
//    serve them as they are (see the README's deployment notes): `recit` carries them so.
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { minify } from 'terser';
import { shortenNames } from './short-names.mjs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'target/apps';
const routes = Object.fromEntries(execFileSync('cargo', ['run', '-q', '--release', '-p', 'recit-story', '--bin', 'recit-check', '--', 'story', '--routes'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  .trim().split('\n').map((line) => { const [kind, ...words] = line.split('\t'); return [kind, words]; }));
// Each app's glue and wasm: trunk names the main app's `recit-<hash>.js` and `…_bg.wasm`, with
// a hash of what it had before wasm-opt (its hash without leading zeros: 15 digits, one build
// in sixteen), and leaves the apps it builds as "workers" bare (`recit-plus.js`).
const APP = /^(recit(?:-[a-z]+)*?)(?:-[0-9a-f]{12,16})?(?:_bg\.wasm|\.js)$/;
for (const js of (await readdir(dir)).filter((f) => f.endsWith('.js') && APP.test(f))) {
  const [name, app] = [js.slice(0, -'.js'.length), js.match(APP)[1]];
  const { wasm, glue } = shortenNames(await readFile(join(dir, `${name}_bg.wasm`)), await readFile(join(dir, js), 'utf8'), `./${app}_bg.js`);
  // Each named with the hash of what ships, so that no cache (a host's, the previous build's
  // service worker) ever serves one build's app to another build's page.
  const digest = createHash('sha256').update(glue).update(wasm).digest('hex').slice(0, 16);
  await Promise.all([rm(join(dir, js)), rm(join(dir, `${name}_bg.wasm`))]);
  await writeFile(join(dir, `${app}-${digest}.js`), glue);
  await writeFile(join(dir, `${app}-${digest}_bg.wasm`), wasm);
}
const page = join(dir, 'index.html');
const html = await readFile(page, 'utf8');
const apps = (await readdir(dir)).filter((f) => f.endsWith('.js') && APP.test(f)).sort();
const metas = apps.map((js) => `<meta name="recit-app" data-app="${js.match(APP)[1]}" content="/${js} /${js.slice(0, -'.js'.length)}_bg.wasm">`);
// Before boot.js, which reads them.
const BOOT = '<script defer src=/boot.js></script>';
if (!html.includes(BOOT)) throw new Error(`index.html: no ${BOOT}`);
// Trunk leaves the stylesheet's `data-integrity=none` (which spared it the integrity hash) in place.
await writeFile(page, html.replace(BOOT, `${metas.join('')}${BOOT}`).replace(' data-integrity=none', ''));
// The Rust side's address rules as the regular expressions boot.js tests: `/editeur…`,
// `/{lang}/{page}…`, `?…{flag}` (a pair of the query that starts with the flag).
const oneOf = (words) => {
  const escaped = words.map((w) => w.replace(/[^a-z0-9-]/g, '\\$&'));
  return escaped.length === 1 ? escaped[0] : `(${escaped.join('|')})`;
};
const rules = `const EDITOR_PATH = /^\\/${oneOf(routes.editor)}(\\/|$)/, MODES_PATH = /^\\/${oneOf(routes.langs)}\\/${oneOf(routes.pages)}(\\/|$)/, MODES_QUERY = /[?&]${oneOf(routes.flags)}\\b/;`;
const boot = join(dir, 'boot.js');
const bootSource = await readFile(boot, 'utf8');
const bootOut = bootSource.replace('const EDITOR_PATH = /$^/, MODES_PATH = /$^/, MODES_QUERY = /$^/;', () => rules);
if (bootOut === bootSource) throw new Error('boot.js: the address rules (EDITOR_PATH…) not found');
await writeFile(boot, bootOut);

// The service worker's VERSION and ASSETS are the published site's (`recit publish` writes
// them before the rest): minified without them, which it then reads as the script's globals.
const SW_DATA = "const VERSION = 'recit-dev';\nconst ASSETS = { common: [], apps: {}, later: [] };\n";
const sw = join(dir, 'sw.js');
const swSource = await readFile(sw, 'utf8');
if (!swSource.includes(SW_DATA)) throw new Error('sw.js: VERSION and ASSETS not found');
await writeFile(sw, swSource.replace(SW_DATA, ''));

for (const f of (await readdir(dir)).filter((name) => name.endsWith('.js'))) {
  const path = join(dir, f);
  const code = await readFile(path, 'utf8');
  // The apps' glue is an ES module; boot.js and sw.js are classic scripts, and sw.js's top
  // level is its own (a worker's scope).
  const out = await minify(code, f === 'sw.js'
    ? { toplevel: true, compress: true, mangle: true }
    : { module: f.startsWith('recit'), compress: true, mangle: true });
  await writeFile(path, out.code);
}

// Not index.html nor sw.js, which `recit publish` completes (and compresses).
for (const f of (await readdir(dir)).filter((name) => /\.(html|js|css|wasm|svg|txt)$/.test(name) && !['index.html', 'sw.js'].includes(name))) {
  const body = await readFile(join(dir, f));
  await writeFile(join(dir, `${f}.br`), brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
  await writeFile(join(dir, `${f}.gz`), gzipSync(body, { level: 9 }));
}
