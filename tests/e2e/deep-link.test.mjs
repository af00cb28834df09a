// The built release dist/, served on 127.0.0.1, driven in Debian's headless Chromium:
// a deep link shows its step, and a bad link a helpful page with a way back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appReady, launch, open } from './browser.mjs';
import { withApp } from './app.mjs';
import { routes, title } from './story.mjs';

const app = withApp();

test('a deep link opens its step at its scale and language', async () => {
  const step = app.steps[1];
  const { page, errors } = await open(app.browser, `${app.url}/en/pole/${step}`);
  assert.equal(await page.locator('h1').innerText(), title(app.all, 'en', 'pole', step));
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.locator('h1').count(), 1, 'the step title is the only h1');
  assert.ok(await page.getByRole('radio', { name: 'Metropolitan pole', exact: true }).isChecked());
  assert.deepEqual(errors, []);
  await page.close();
});

test('an English deep link keeps its prerendered page until the app shows the same: no « Loading », no shift', async () => {
  // An English page names the plain reader's story in English: the app shows the same.
  const step = app.steps[2];
  const page = await app.browser.newPage();
  await page.addInitScript(() => {
    window.seen = { shift: 0, loading: false, titles: new Set() };
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.seen.shift += e.value; }).observe({ type: 'layout-shift', buffered: true });
    new MutationObserver(() => {
      const loading = document.querySelector('body > .loading');
      if (loading && getComputedStyle(loading).display !== 'none') window.seen.loading = true;
      window.seen.titles.add(document.title);
    }).observe(document, { subtree: true, childList: true, characterData: true });
    // The page as it arrived, before the app can start (boot.js runs once the page is parsed).
    document.addEventListener('DOMContentLoaded', () => { window.seen.prerendered = document.querySelector('.shell h1')?.textContent; });
  });
  await page.goto(`${app.url}/en/commune/${step}`);
  await appReady(page);
  const prerendered = await page.evaluate(() => window.seen.prerendered);
  assert.equal(prerendered, title(app.all, 'en', 'commune', step), 'the page arrives readable');
  assert.equal(await page.locator('h1').innerText(), prerendered, 'the app shows the same');
  const seen = await page.evaluate(() => ({ ...window.seen, titles: [...window.seen.titles].filter(Boolean) }));
  delete seen.prerendered;
  assert.equal(seen.loading, false, '« Loading » never shown');
  assert.equal(seen.shift, 0, 'no layout shift');
  assert.equal(new Set(seen.titles).size, 1, `one document title throughout: ${seen.titles.join(' | ')}`);
  await page.close();
});

test('a reader who arrived in English reads on in French, and back, each half fetched once', async () => {
  const step = app.steps[3];
  const { page, errors } = await open(app.browser, `${app.url}/en/agglomeration/${step}`);
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await appReady(page);
  assert.equal(await page.locator('h1').innerText(), title(app.all, 'en', 'agglomeration', step));
  await page.getByRole('link', { name: 'Lire en français' }).click();
  await page.waitForURL(`**/fr/agglomeration/${step}`);
  await page.waitForFunction((t) => document.querySelector('h1')?.textContent === t, title(app.all, 'fr', 'agglomeration', step));
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  // Every step's name in the trajectory in French, not one left in English.
  const labels = await page.locator('nav.trajectory .label').allInnerTexts();
  const french = app.all.filter((v) => v.lang === 'fr' && v.scale === 'agglomeration' && v.index !== null).map((v) => v.title);
  assert.deepEqual(labels.map((l) => l.trim()).sort(), french.sort());
  await page.getByRole('link', { name: 'Read in English' }).click();
  await page.waitForURL(`**/en/agglomeration/${step}`);
  await page.waitForFunction((t) => document.querySelector('h1')?.textContent === t, title(app.all, 'en', 'agglomeration', step));
  assert.deepEqual(fetched.filter((p) => p.endsWith('.bin')), ['/french.bin'], 'the French half, once; the English was there');
  assert.deepEqual(errors, []);
  await page.close();
});

test('Suivant follows the trajectory and changes the URL', async () => {
  const { page } = await open(app.browser, `${app.url}/fr/commune/${app.steps[0]}`);
  await page.getByRole('link', { name: 'Suivant', exact: true }).click();
  await page.waitForURL(`**/fr/commune/${app.steps[1]}`);
  assert.equal(await page.locator('h1').innerText(), title(app.all, 'fr', 'commune', app.steps[1]));
  await page.close();
});

test('a bad link shows a helpful page with a way back, never a blank screen', async () => {
  for (const path of ['/fr/commune/nulle-part', '/de', '/fr/ville/x', '/fr/a/b/c']) {
    const { page } = await open(app.browser, `${app.url}${path}`);
    const h1 = await page.locator('h1').innerText();
    assert.match(h1, /n'existe pas|does not exist/, path);
    await page.locator('a.button.primary').click();
    await page.waitForSelector('.home');
    await page.close();
  }
});

test('each address loads the app the story crate\'s route rules give it', async () => {
  // The rules boot.js follows are written into it at build time from the Rust side: every
  // page and query flag the crate lists for the modes app loads it, the editor's addresses the
  // editor, and the rest the plain reader (the first visit).
  const { editor, langs, pages, flags } = routes();
  const step = `commune/${app.steps[0]}`;
  const expected = [
    ...langs.flatMap((lang) => pages.map((page) => [`/${lang}/${page}`, 'recit-plus'])),
    ...flags.flatMap((flag) => [[`/fr/${step}?${flag}`, 'recit-plus'], [`/en/${step}?idle=5&${flag}=1`, 'recit-plus']]),
    ...editor.flatMap((segment) => [[`/${segment}`, 'recit-editeur'], [`/${segment}/en`, 'recit-editeur']]),
    ['/', 'recit-reader'], [`/fr/${step}`, 'recit-reader'], [`/en/${step}?idle=5`, 'recit-reader'], [`/fr/${step}?${flags[0]}s`, 'recit-reader'],
    ...pages.map((page) => [`/de/${page}`, 'recit-reader']),
  ];
  assert.ok(pages.length >= 5 && flags.length >= 4 && editor.length === 1, 'the crate lists the rules');
  // No service worker: each app is fetched, as on a first visit.
  const browser = await launch({ serviceWorkers: 'block' });
  try {
    for (const [path, appName] of expected) {
      const page = await browser.newPage();
      const wasm = page.waitForRequest((request) => request.url().endsWith('.wasm'));
      await page.goto(`${app.url}${path}`);
      const file = new URL((await wasm).url()).pathname;
      assert.equal(file.match(/^\/(recit(?:-[a-z]+)*?)(?:-[0-9a-f]{12,16})?_bg\.wasm$/)?.[1], appName, `${path} loads ${file}`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
});
