// With JavaScript (issue 15): the app takes over every prerendered page of dist/ under the
// strict Content-Security-Policy (the test server sends web/_headers' headers) without an
// error, a change of heading or title, or a layout shift; it keeps the reader's scroll and
// focus; a page of an older build starts this build's app; and without WebAssembly the page
// stays as it arrived, readable, and never reloads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appReady, offlineReady, until } from './browser.mjs';
import { withApp } from './app.mjs';
import { SECURITY_HEADERS, startServer } from './server.mjs';
import { DIST, title } from './story.mjs';

const app = withApp();

/** Every prerendered page of dist/ (`<path>/index.html`), by its address. */
async function prerenderedPaths() {
  const pages = (await readdir(DIST, { recursive: true })).filter((f) => f.endsWith('/index.html'));
  return pages.map((f) => `/${f.slice(0, -'/index.html'.length)}`).sort();
}

/** A new page that records, from before its first script: the layout shifts, the page as it
 *  arrived (its heading and title, at DOMContentLoaded, before the app can start), whether
 *  the « restarting » screen ever showed, and every error. `before` runs first (an init
 *  script of the test's own). */
async function watchedPage(browser, before) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${m.text()} (${m.location().url})`); });
  if (before) await page.addInitScript(before);
  await page.addInitScript(() => {
    window.watched = { shift: 0, restarting: false };
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.watched.shift += e.value; }).observe({ type: 'layout-shift', buffered: true });
    new MutationObserver(() => { if (document.querySelector('.restarting')) window.watched.restarting = true; })
      .observe(document, { subtree: true, childList: true });
    document.addEventListener('DOMContentLoaded', () => {
      window.watched.arrived = { h1: document.querySelector('h1')?.textContent, title: document.title };
    });
  });
  return { page, errors };
}

/** What the reader sees once the app has taken over, and what was watched until then. */
async function takenOver(page) {
  await appReady(page);
  // Two frames: a shift from the takeover is reported by then.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.evaluate(() => ({ ...window.watched, h1: document.querySelector('h1')?.textContent, title: document.title }));
}

test('the app takes over every prerendered page: same heading and title, no shift, no error, under the CSP', async () => {
  await app.ready;
  const paths = await prerenderedPaths();
  assert.ok(paths.length >= 98, `the build's prerendered pages: ${paths.length}`);
  const { page, errors } = await watchedPage(app.browser);
  const problems = [];
  for (const path of paths) {
    // Parsed is enough: the takeover is awaited below.
    const response = await page.goto(`${app.url}${path}`, { waitUntil: 'domcontentloaded' });
    assert.equal(response.headers()['content-security-policy'], SECURITY_HEADERS['Content-Security-Policy'], path);
    const seen = await takenOver(page);
    if (!seen.arrived.h1) problems.push(`${path}: arrived without a heading`);
    if (seen.h1 !== seen.arrived.h1) problems.push(`${path}: heading « ${seen.arrived.h1} » became « ${seen.h1} »`);
    if (seen.title !== seen.arrived.title) problems.push(`${path}: title « ${seen.arrived.title} » became « ${seen.title} »`);
    if (seen.shift !== 0) problems.push(`${path}: layout shift ${seen.shift}`);
    if (seen.restarting) problems.push(`${path}: the restarting screen showed`);
    problems.push(...errors.splice(0).map((e) => `${path}: ${e}`));
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('404.html, which a host serves at an address it has no file for, is taken over too', async () => {
  await app.ready;
  const notFound = await readFile(join(DIST, '404.html'));
  // At an unknown address, the not-found page; at an address of the app that has no page of
  // its own (the editor), the app it asks for all the same.
  for (const [path, h1] of [['/fr/commune/nulle-part', /n'existe pas/], ['/en/nowhere', /does not exist/], ['/editeur/fr', null]]) {
    const { page, errors } = await watchedPage(app.browser);
    await page.route(`${app.url}${path}`, (route) => route.fulfill({
      status: 404, body: notFound, headers: { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8' },
    }));
    await page.goto(`${app.url}${path}`);
    const seen = await takenOver(page);
    if (h1) {
      assert.match(seen.h1, h1, path);
      assert.equal(seen.shift, 0, `${path}: no layout shift`);
    } else {
      await page.waitForSelector('.editor');
    }
    assert.equal(seen.restarting, false, path);
    assert.deepEqual(errors, [], path);
    await page.close();
  }
});

test('the takeover keeps the scroll position and the focus (on the same link)', async () => {
  await app.ready;
  const path = `/fr/commune/${app.steps[2]}`;
  // The app waits, its wasm held back, while the reader scrolls and tabs to « Suivant ». (On
  // an origin of its own: the service worker the other tests installed would answer the wasm
  // from its cache. Held for the whole browser, the worker's own requests too: boot.js asks
  // for the app once the page is painted, and by then this page's new worker may have
  // installed, precached the wasm and taken the page, out of a page route's reach.)
  const server = await startServer(DIST);
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const { page, errors } = await watchedPage(app.browser);
  const wasm = `${server.url}/**/*_bg.wasm`;
  await app.browser.route(wasm, async (route) => { await held; await route.continue(); });
  let before;
  try {
    await page.goto(`${server.url}${path}`);
    await page.locator('.shell').getByRole('link', { name: 'Suivant', exact: true }).focus();
    await page.mouse.wheel(0, 120);
    await page.waitForFunction(() => window.scrollY > 0);
    before = await page.evaluate(() => ({ x: scrollX, y: scrollY, href: document.activeElement.getAttribute('href') }));
    assert.equal(await page.locator('.shell').count(), 1, 'the prerendered page is still there');
  } finally {
    release();
  }
  await takenOver(page);
  await app.browser.unroute(wasm);
  const after = await page.evaluate(() => ({
    x: scrollX, y: scrollY, href: document.activeElement.getAttribute('href'),
    inShell: !!document.activeElement.closest('.shell'),
  }));
  assert.deepEqual({ x: after.x, y: after.y }, { x: before.x, y: before.y }, 'the same scroll position');
  assert.equal(after.href, before.href, 'the focus on the same link');
  assert.ok(await page.getByRole('link', { name: 'Suivant', exact: true }).evaluate((e) => e === document.activeElement), 'on « Suivant », not the trajectory\'s link to the same step');
  assert.equal(after.inShell, false);
  assert.deepEqual(errors, []);
  await page.close();
  await server.close();
});

test('a page of an older build (its app\'s files gone) starts this build\'s app: no restart, no reload', async () => {
  await app.ready;
  // A copy of dist/ where one step's page lists an older build's app and stylesheet (their
  // hashed files gone from the host), and another is an older build's page shape (the bare
  // shell, no prerendered screen) with the same stale files.
  const root = await mkdtemp(join(tmpdir(), 'recit-stale-'));
  const server = await (async () => {
    await cp(DIST, root, { recursive: true, filter: (f) => !f.includes('/media/') });
    const stale = (html) => html.replace(/recit-reader-[0-9a-f]{12,16}/g, 'recit-reader-0badc0ffee0bad').replace(/main-[0-9a-f]{12,16}\.css/, 'main-0badc0ffee0bad.css');
    for (const [step, html] of [
      [app.steps[1], await readFile(join(DIST, 'fr/commune', app.steps[1], 'index.html'), 'utf8')],
      [app.steps[4], await readFile(join(DIST, 'index.html'), 'utf8')],
    ]) {
      const folder = join(root, 'fr/commune', step);
      await writeFile(join(folder, 'index.html'), stale(html));
      // The server prefers the precompressed copies, which would be this build's page.
      await rm(join(folder, 'index.html.br'));
      await rm(join(folder, 'index.html.gz'));
    }
    return startServer(root);
  })();
  try {
    for (const step of [app.steps[1], app.steps[4]]) {
      const path = `/fr/commune/${step}`;
      const { page, errors } = await watchedPage(app.browser);
      const navigations = [];
      page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) navigations.push(frame.url()); });
      await page.goto(`${server.url}${path}`);
      const seen = await takenOver(page);
      assert.equal(seen.h1, title(app.all, 'fr', 'commune', step), `${path}: the app shows the step`);
      assert.ok(await page.evaluate(() => [...document.styleSheets].some((s) => /\/main-(?!0badc0ffee0bad)/.test(s.href))), `${path}: styled by this build's stylesheet`);
      // The restart would reload after 2.5 s.
      await page.waitForTimeout(3000);
      assert.equal(seen.restarting || (await page.evaluate(() => window.watched.restarting)), false, `${path}: no restarting screen`);
      assert.deepEqual(navigations, [`${server.url}${path}`], `${path}: no reload`);
      // Only the stale files' failures: nothing of the app itself.
      assert.deepEqual(errors.filter((e) => !e.includes('0badc0ffee0bad')), [], path);
      await page.close();
    }
  } finally {
    await server.close();
    await rm(root, { recursive: true, force: true });
  }
});

test('without WebAssembly (blocked by a school\'s policy) the page stays as it arrived, readable, and never reloads', async () => {
  await app.ready;
  const path = `/fr/agglomeration/${app.steps[3]}`;
  const { page, errors } = await watchedPage(app.browser, () => { delete window.WebAssembly; });
  const navigations = [];
  page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) navigations.push(frame.url()); });
  await page.goto(`${app.url}${path}`);
  await page.waitForTimeout(5000);
  assert.deepEqual(navigations, [`${app.url}${path}`], 'no reload');
  assert.equal(await page.locator('.shell').count(), 1, 'the prerendered page stays');
  assert.equal(await page.locator('h1').innerText(), title(app.all, 'fr', 'agglomeration', app.steps[3]));
  assert.equal(await page.evaluate(() => window.watched.restarting), false, 'no restarting screen');
  // Walkable: « Suivant » is a link that leads on.
  await Promise.all([page.waitForURL(`**/fr/agglomeration/${app.steps[4]}`), page.locator('.shell').getByRole('link', { name: 'Suivant', exact: true }).click()]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('offline, the service worker answers a page read before with that page, and another with the app', async () => {
  await app.ready;
  // An origin of its own: the service worker's cache starts empty.
  const server = await startServer(DIST);
  const { page, errors } = await watchedPage(app.browser);
  const [read, unread] = [`/fr/pole/${app.steps[5]}`, `/fr/agglomeration/${app.steps[6]}`];
  try {
    await page.goto(`${server.url}/fr`);
    await appReady(page);
    await offlineReady(page);
    await page.goto(`${server.url}${read}`);
    await appReady(page);
    await offlineReady(page, read);
    await app.browser.setOffline(true);
    await page.goto(`${server.url}${read}`);
    let seen = await takenOver(page);
    assert.equal(seen.arrived.h1, title(app.all, 'fr', 'pole', app.steps[5]), 'the page read, as it arrived');
    assert.equal(seen.h1, seen.arrived.h1, 'then the app');
    await page.goto(`${server.url}${unread}`);
    seen = await takenOver(page);
    assert.equal(seen.arrived.h1, undefined, 'index.html: no page of its own');
    assert.equal(seen.h1, title(app.all, 'fr', 'agglomeration', app.steps[6]), 'the app shows the step');
    assert.deepEqual(errors, []);
  } finally {
    await app.browser.setOffline(false);
    await page.close();
    await server.close();
  }
});

/** The service workers of `browser`'s profile as DevTools reports them, through a page of no
 *  origin of ours (about:blank), so that it outlives the pages it watches. `activated(origin,
 *  except)` resolves once a version of `origin`'s worker other than `except` is activated,
 *  and fails after 15 s. */
async function serviceWorkers(browser) {
  const watcher = await browser.newPage();
  const session = await browser.newCDPSession(watcher);
  const versions = new Map();
  const changed = new EventTarget();
  session.on('ServiceWorker.workerVersionUpdated', ({ versions: updated }) => {
    for (const v of updated) versions.set(v.versionId, { origin: new URL(v.scriptURL).origin, status: v.status });
    changed.dispatchEvent(new Event('change'));
  });
  await session.send('ServiceWorker.enable');
  const find = (origin, except) => [...versions].find(([id, v]) => id !== except && v.origin === origin && v.status === 'activated')?.[0];
  return {
    activated: (origin, except) => new Promise((resolve, reject) => {
      const check = () => {
        const id = find(origin, except);
        if (id === undefined) return;
        changed.removeEventListener('change', check);
        clearTimeout(timer);
        resolve(id);
      };
      const timer = setTimeout(() => {
        changed.removeEventListener('change', check);
        reject(new Error(`not after 15 s: a new worker activated at ${origin} (${JSON.stringify([...versions])})`));
      }, 15000);
      changed.addEventListener('change', check);
      check();
    }),
    close: () => watcher.close(),
  };
}

test('a new build deployed while a reader walks: every page still arrives, and the new worker takes over once the old pages are closed', async () => {
  await app.ready;
  // A copy of dist/ on an origin of its own, whose worker becomes a new build's halfway.
  const root = await mkdtemp(join(tmpdir(), 'recit-deploy-'));
  await cp(DIST, root, { recursive: true, filter: (f) => !f.includes('/media/') });
  await rm(join(root, 'sw.js.br'));
  await rm(join(root, 'sw.js.gz'));
  const server = await startServer(root);
  const sw = await readFile(join(root, 'sw.js'), 'utf8');
  const [, oldVersion] = sw.match(/VERSION="(recit-[0-9a-f]+)"/);
  const newVersion = `${oldVersion.slice(0, -4)}beef`;
  const workers = await serviceWorkers(app.browser);
  const { page, errors } = await watchedPage(app.browser);
  try {
    await page.goto(`${server.url}/fr/commune/${app.steps[0]}`);
    await offlineReady(page);
    const oldWorker = await workers.activated(server.url);
    await writeFile(join(root, 'sw.js'), sw.replace(oldVersion, newVersion));
    // Across the reader and the workshop's pages (each app's files cached in turn), and long
    // enough for the new worker to install while pages are asked.
    for (const path of [1, 2, 3, 4, 5, 6].flatMap((i) => [`/fr/commune/${app.steps[i]}`, `/fr/fiche/${app.steps[i]}`])) {
      await page.goto(`${server.url}${path}`, { waitUntil: 'domcontentloaded', timeout: 15000 });
      await takenOver(page);
    }
    await until(page, async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null, null, 'the new build\'s worker installed');
    assert.ok((await page.evaluate(() => caches.keys())).some((k) => k.startsWith(oldVersion)), 'the old build\'s caches kept while its pages are open');
    await page.close();
    // Chromium activates the waiting worker once the old one has no page and no event left to
    // handle (it stops it first): a page opened before then is the old worker's, which then
    // stays in charge as long as that page is open.
    await workers.activated(server.url, oldWorker);
    const next = await watchedPage(app.browser);
    await next.page.goto(`${server.url}/fr/pole/${app.steps[7]}`);
    await takenOver(next.page);
    await until(next.page, async (v) => (await caches.keys()).every((k) => k.startsWith(v)), newVersion, 'the old build\'s caches deleted');
    const kept = await next.page.evaluate(() => caches.keys());
    assert.ok(kept.includes(newVersion) && kept.every((k) => k.startsWith(newVersion)), `the new build's caches only: ${kept}`);
    assert.ok(kept.includes(`${newVersion}-recit-plus`), 'the workshop\'s app, which this device ran, cached again for the new build');
    assert.deepEqual([...errors, ...next.errors], []);
    await next.page.close();
  } finally {
    await workers.close();
    await server.close();
    await rm(root, { recursive: true, force: true });
  }
});
