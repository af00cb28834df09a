// Debian's chromium, headless, driven by playwright-core (which never downloads a browser).
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** A fresh browser with its own profile; close it when done, which removes the profile.
 *  `options` are Playwright's context options (e.g. `{ hasTouch: true }`). */
export async function launch(options = {}) {
  const userDataDir = await mkdtemp(join(tmpdir(), 'recit-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    ...options,
  });
  // Each run's profiles otherwise stay in the temporary folder (about 4 MB each).
  context.on('close', () => rm(userDataDir, { recursive: true, force: true }).catch(() => {}));
  return context;
}

/** Waits until the app has taken over the page: every page arrives prerendered (the same
 *  screen, inside `.shell`), which the app removes once it shows its own. Before that, a
 *  selector may match the prerendered DOM, which the app is about to replace. */
export async function appReady(page) {
  await page.waitForSelector('.shell', { state: 'detached' });
}

/** Opens `url` in a new page and waits for the app to have rendered. */
export async function open(context, url, { viewport } = {}) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await appReady(page);
  await page.waitForSelector('h1');
  return { page, errors };
}

/** Waits until `check(arg)`, which may be async (Playwright's waitForFunction takes a
 *  promise for a yes), is true in the page; fails after 15 s saying `what`. */
export async function until(page, check, arg, what) {
  for (const deadline = Date.now() + 15000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    if (await page.evaluate(check, arg)) return;
  }
  throw new Error(`not after 15 s: ${what}`);
}

/** Waits until the page is ready offline: controlled by the service worker, which has cached
 *  the app the page runs (every `recit…` script and wasm it loaded) and, if given, the page
 *  at `path`. */
export async function offlineReady(page, path) {
  await until(page, async (path) => {
    if (!navigator.serviceWorker.controller) return false;
    const files = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)
      .filter((f) => /^\/recit[^/]*(\.js|_bg\.wasm)$/.test(f));
    const cached = await Promise.all([...files, ...(path ? [path] : [])].map((f) => caches.match(f)));
    return files.length >= 2 && cached.every(Boolean);
  }, path, `the page controlled by the service worker, which cached the app's files${path ? ` and ${path}` : ''}`);
}
