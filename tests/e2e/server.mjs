// The built dist/ served as a production host should serve it (README, « Deploying »): by the
// program, `recit serve` (crates/recit-cli: each address's prerendered page, the app elsewhere,
// the precompressed files, the headers of _headers, the caching), so that every browser test
// runs under it. Build it first: `cargo build --release -p recit-cli` (scripts/test.sh does).
// Used by the tests and the bench.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const PROGRAM = fileURLToPath(new URL('../../target/release/recit', import.meta.url));

/** The headers every response carries: those of web/_headers, which the build copies into
 *  dist/ and the server sends. */
export const SECURITY_HEADERS = Object.fromEntries(
  readFileSync(new URL('../../web/_headers', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => /^ {2}\S/.test(line))
    .map((line) => line.trim().split(/:\s*(.*)/s).slice(0, 2)),
);

/** The file of `root` that `recit serve` answers at `path` (for first-visit.mjs, which counts
 *  each file's bytes): the file itself, a folder's prerendered page (<path>/index.html) where
 *  the build wrote one, else the app (index.html); `null` outside `root`. */
export async function servedFile(root, path) {
  const file = normalize(join(root, path));
  if (!file.startsWith(root)) return null;
  const info = await stat(file).catch(() => null);
  if (info?.isFile()) return file;
  if (info?.isDirectory() && existsSync(join(file, 'index.html'))) return join(file, 'index.html');
  return join(root, 'index.html');
}

/** `recit serve dir` on 127.0.0.1 (`port` 0: a free one), running: `{ url, close }`; `close`
 *  stops it and waits until it has. `sent`, if given, receives what each response carried, in
 *  order, from the server's access log: `{ path, file, status, bytes (of the body), encoding }`:
 *  what came over the network, which tests/e2e/first-visit.mjs counts. `args` are more of the
 *  program's arguments (`--data DIR`); `said` receives the other lines it prints (the
 *  council's). `kill` ends it at once, as `kill -9` would. */
export async function startServer(dir, port = 0, { sent, args = [], said } = {}) {
  const child = spawn(PROGRAM, ['serve', dir, '--port', String(port), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('close', resolve));
  // Its first line, once it listens: `serving DIR at http://127.0.0.1:PORT`; then one line per
  // response, read all along (a full pipe would stop the server). One listener from the start:
  // lines that arrive together are given out together.
  const lines = createInterface({ input: child.stdout });
  let listening;
  const line = new Promise((resolve, reject) => {
    listening = resolve;
    child.once('error', (e) => reject(new Error(`${e.message}; build it: cargo build --release -p recit-cli`)));
    exited.then((code) => reject(new Error(`${PROGRAM} serve ${dir} stopped (exit ${code}) before listening; build it: cargo build --release -p recit-cli`)));
  });
  let first = true;
  lines.on('line', (entry) => {
    if (first) {
      first = false;
      listening(entry);
    } else if (!/^[A-Z]+ \//.test(entry)) {
      said?.push(entry);
    } else {
      // `METHOD PATH STATUS BYTES ENCODING FILE`, the path as asked (percent-encoded).
      const [, path, status, bytes, encoding, file] = entry.split(' ');
      sent?.push({ path: decodeURIComponent(path), file, status: Number(status), bytes: Number(bytes), encoding: encoding === '-' ? null : encoding });
    }
  });
  const url = (await line).match(/ at (http:\/\/\S+)$/)?.[1];
  if (!url) throw new Error(`recit serve: unexpected first line « ${await line} »`);
  return {
    url,
    close: () => { child.kill('SIGTERM'); return exited; },
    kill: () => { child.kill('SIGKILL'); return exited; },
  };
}
