// A static server for the built dist/ as a production host should serve it (README,
// « Deploying »): each address's prerendered page where the build wrote one, the SPA fallback (any path that is not a file gets index.html, so deep links
// work), the precompressed `.br`/`.gz` files when the browser accepts them, and the security
// headers, strict Content-Security-Policy included — so every browser test runs under it.
// Used by the tests and the bench; `node tests/e2e/server.mjs dist 8080` serves by hand.
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.bin': 'application/octet-stream',
};

/** The headers every response carries: those of web/_headers, which a static host serves. */
export const SECURITY_HEADERS = Object.fromEntries(
  readFileSync(new URL('../../web/_headers', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => /^ {2}\S/.test(line))
    .map((line) => line.trim().split(/:\s*(.*)/s).slice(0, 2)),
);

/** The file of `root` served at `path`: the file itself, a folder's prerendered page
 *  (<path>/index.html) where the build wrote one, else the app (index.html); `null` outside
 *  `root`. */
export async function servedFile(root, path) {
  const file = normalize(join(root, path));
  if (!file.startsWith(root)) return null;
  const info = await stat(file).catch(() => null);
  if (info?.isFile()) return file;
  if (info?.isDirectory() && existsSync(join(file, 'index.html'))) return join(file, 'index.html');
  return join(root, 'index.html');
}

/** Serves `dir` on 127.0.0.1 (`port` 0: any free one): `{ url, close }`. `options.page(html,
 *  res)`, if given, writes each page a browser navigates to (its headers already written),
 *  uncompressed: a test that delivers a page as a slow network does. */
export async function startServer(dir, port = 0, options = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      const file = await servedFile(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
      if (!file) { res.writeHead(403).end(); return; }
      if (options.page && req.headers['sec-fetch-dest'] === 'document') {
        res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': TYPES['.html'], 'cache-control': 'no-cache' });
        await options.page(await readFile(file, 'utf8'), res);
        return;
      }
      const accepts = req.headers['accept-encoding'] ?? '';
      const encoding = ['br', 'gzip'].find((e) => accepts.includes(e) && existsSync(`${file}.${e === 'br' ? 'br' : 'gz'}`));
      const body = await readFile(encoding ? `${file}.${encoding === 'br' ? 'br' : 'gz'}` : file);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        vary: 'accept-encoding',
        ...(encoding ? { 'content-encoding': encoding } : {}),
      });
      res.end(body);
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e));
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, close: () => new Promise((ok) => server.close(ok)) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await startServer(process.argv[2] ?? 'dist', Number(process.argv[3] ?? 8080));
  console.log(`serving ${process.argv[2] ?? 'dist'} at ${url}`);
}
