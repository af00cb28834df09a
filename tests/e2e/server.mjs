// A static server for the built dist/ as a production host should serve it (README,
// « Deploying »): each address's prerendered page where the build wrote one, the SPA fallback (any path that is not a file gets index.html, so deep links
// work), the precompressed `.br`/`.gz` files when the browser accepts them, and the security
// headers, strict Content-Security-Policy included — so every browser test runs under it —
// and the caching a host must set: a name with its content's hash is kept for good, any other
// is revalidated (its ETag, answered 304 when unchanged).
// Used by the tests and the bench; `node tests/e2e/server.mjs dist 8080` serves by hand.
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, relative, resolve } from 'node:path';

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

/** A name with its content's hash (`main-….css`, `recit-….js`, `recit-plus-….js`, `…_bg.wasm`):
 *  its content never changes under that name (the same rule as web/sw.js's). */
const HASHED = /-[0-9a-f]{12,16}(_bg\.wasm|\.[a-z]+)$/;

/** Serves `dir` on 127.0.0.1 (`port` 0: any free one). `sent`, if given, receives what each
 *  response carried, in order: `{ path, file, status, bytes (of the body), encoding }`: what came
 *  over the network, which tests/e2e/first-visit.mjs counts. */
export async function startServer(dir, port = 0, { sent } = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    try {
      const file = await servedFile(root, path);
      if (!file) { res.writeHead(403).end(); return; }
      const accepts = req.headers['accept-encoding'] ?? '';
      const encoding = ['br', 'gzip'].find((e) => accepts.includes(e) && existsSync(`${file}.${e === 'br' ? 'br' : 'gz'}`));
      // Each encoding is a file of its own, with its own tag.
      const representation = encoding ? `${file}.${encoding === 'br' ? 'br' : 'gz'}` : file;
      const { size, mtimeMs } = await stat(representation);
      const etag = `"${size.toString(36)}-${Math.floor(mtimeMs).toString(36)}"`;
      const headers = {
        ...SECURITY_HEADERS,
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
        etag,
        vary: 'accept-encoding',
        ...(encoding ? { 'content-encoding': encoding } : {}),
      };
      const fresh = req.headers['if-none-match']?.split(/\s*,\s*/).includes(etag);
      const body = fresh ? Buffer.alloc(0) : await readFile(representation);
      sent?.push({ path, file: relative(root, file), status: fresh ? 304 : 200, bytes: body.length, encoding: encoding ?? null });
      res.writeHead(fresh ? 304 : 200, headers);
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
