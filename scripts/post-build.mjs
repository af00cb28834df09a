// Trunk post-build hook:
// 1. names the files of the apps trunk builds as "workers" with their hash, lists the build's
//    apps in index.html (<meta name="recit-app" content="js wasm">), and
//    writes into boot.js the rules of which address needs which app, from the story crate
//    (`recit-check --routes`), for web/boot.js to load the one the address asks for;
// 2. writes the report's passages, which the plain reader fetches when a source is opened,
//    and the English half of the story, fetched when a reader first reads in English
//    (passages.bin, english.bin, from the same story/ as the build), and copies the
//    pictures the story's views use, once checked, into media/ (fetched lazily, never precached);
// 3. writes the build's files and version into sw.js, so that each deployed build installs as
//    a new service worker and replaces the old cache cleanly;
// 4. minifies the JavaScript (the apps' wasm-bindgen glue, boot.js, sw.js): trunk minifies the
//    HTML and CSS but not these, which are part of the first visit's budget;
// 5. writes the static page of every address of the plain reader (recit-prerender) and of the
//    workshop's printable worksheets (recit-plus on the host), so that every page arrives
//    readable before, and without, JavaScript;
// 6. precompresses every text and wasm file (`.br`, brotli 11; `.gz`, gzip 9) for hosts that
//    serve them as they are (see the README's deployment notes);
// 7. rewrites, in _redirects, the app's own addresses that have no page to index.html.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { minify } from 'terser';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist';
const routes = Object.fromEntries(execFileSync('cargo', ['run', '-q', '--release', '-p', 'recit-story', '--bin', 'recit-check', '--',
  process.env.RECIT_STORY_DIR ?? 'story', '--routes', '--passages', join(dir, 'passages.bin'), '--english', join(dir, 'english.bin'), '--media', join(dir, 'media')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  .trim().split('\n').map((line) => { const [kind, ...words] = line.split('\t'); return [kind, words]; }));
// Trunk leaves the names of the apps it builds as "workers" bare (`recit-plus.js`): each gets
// its content's hash, as the main app has, so that no cache (a host's, the previous build's
// service worker) ever serves one build's app to another build's page.
for (const js of (await readdir(dir)).filter((f) => /^recit(-[a-z]+)+\.js$/.test(f))) {
  const app = js.slice(0, -'.js'.length);
  const [glue, wasm] = await Promise.all([readFile(join(dir, js)), readFile(join(dir, `${app}_bg.wasm`))]);
  const digest = createHash('sha256').update(glue).update(wasm).digest('hex').slice(0, 16);
  await rename(join(dir, js), join(dir, `${app}-${digest}.js`));
  await rename(join(dir, `${app}_bg.wasm`), join(dir, `${app}-${digest}_bg.wasm`));
}
// Not precached: the deployment's own kiosk.json; passages.bin and english.bin, which the plain
// reader fetches (and the worker then keeps) only when a reader opens a source or reads in
// English; the host's files. The pictures in media/ are not either: each is fetched when its
// view is shown.
const HOST_FILES = ['kiosk.json', 'passages.bin', 'english.bin', 'robots.txt', '_headers', '_redirects', 'media'];
const files = (await readdir(dir)).filter((f) => f !== 'sw.js' && !f.endsWith('.br') && !f.endsWith('.gz') && !HOST_FILES.includes(f)).sort();
const hash = createHash('sha256');
for (const f of files) hash.update(f).update(await readFile(join(dir, f)));
const version = `recit-${hash.digest('hex').slice(0, 16)}`;
// Each app's own files (`recit-reader-<hash>.js`, `…_bg.wasm`), and what every app needs. Trunk
// writes the hash without its leading zeros: 15 digits, one build in sixteen.
const APP = /^(recit(?:-[a-z]+)*?)(?:-[0-9a-f]{12,16})?(?:_bg\.wasm|\.js)$/;
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

const path = join(dir, 'sw.js');
const source = await readFile(path, 'utf8');
const out = source
  .replace(/const VERSION = '[^']*';/, `const VERSION = '${version}';`)
  .replace(/const ASSETS = \{ common: \[\], apps: \{\} \};/, `const ASSETS = ${JSON.stringify(assets)};`);
if (out === source) throw new Error('sw.js: VERSION or ASSETS not found');
await writeFile(path, out);
console.log(`service worker ${version}: ${assets.common.length} common files, apps ${Object.entries(assets.apps).map(([a, f]) => `${a} (${f.length})`).join(', ')}`);

for (const f of (await readdir(dir)).filter((name) => name.endsWith('.js'))) {
  const path = join(dir, f);
  const code = await readFile(path, 'utf8');
  // The apps' glue is an ES module; boot.js and sw.js are classic scripts.
  const out = await minify(code, { module: f.startsWith('recit'), compress: true, mangle: true });
  await writeFile(path, out.code);
}

// The static page of every address of the plain reader (each step at each scale in each
// language, the start pages, 404.html), rendered from the app's components by a host binary
// (src/prerender/main.rs) into <path>/index.html, from this index.html (with its apps listed).
// A step's page is ~4.2 KB brotli where index.html is 0.6 KB: counted in the first visit.
execFileSync('cargo', ['run', '-q', '--features', 'prerender', '--bin', 'recit-prerender', '--', dir], { stdio: ['ignore', 'inherit', 'inherit'] });
// Then the worksheets' pages (/{lang}/fiche…), rendered by the modes app's own root built for
// the host (src/plus/prerender.rs): its own process, since the modes are set once per process,
// and its own features, since each app embeds its own story (build.rs: the plain reader's has
// no workshop material nor passages, which its pages must not carry).
execFileSync('cargo', ['run', '-q', '--features', 'modes,prerender', '--bin', 'recit-plus', '--', dir], { stdio: ['ignore', 'inherit', 'inherit'] });

// The prerendered pages too (in their folders); not the pictures in media/.
for (const f of (await readdir(dir, { recursive: true })).filter((name) => !name.startsWith('media') && /\.(html|js|css|wasm|svg|bin|txt)$/.test(name))) {
  const body = await readFile(join(dir, f));
  await writeFile(join(dir, `${f}.br`), brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
  await writeFile(join(dir, `${f}.gz`), gzipSync(body, { level: 9 }));
}

// The app's own addresses that have no page (the editor, the workshop's pages), each rewritten
// to index.html in _redirects before its catch-all: Cloudflare Pages applies its rules before
// its files, so it drops the catch-all `/* /index.html 200` (to it, a loop) and would answer
// these addresses with 404.html (README, « Deploying »).
const appOnly = [...routes.editor.map((e) => `/${e}`), ...routes.langs.flatMap((l) => routes.pages.map((p) => `/${l}/${p}`))]
  .filter((path) => !existsSync(join(dir, path)));
const redirects = join(dir, '_redirects');
const catchAll = '/* /index.html 200';
const redirectsSource = await readFile(redirects, 'utf8');
if (!redirectsSource.includes(catchAll)) throw new Error(`_redirects: no « ${catchAll} »`);
await writeFile(redirects, redirectsSource.replace(catchAll, () => [...appOnly.flatMap((path) => [`${path} /index.html 200`, `${path}/* /index.html 200`]), catchAll].join('\n')));
