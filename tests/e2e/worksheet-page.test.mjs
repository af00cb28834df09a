// The workshop's printable worksheets arrive as static pages (issue 15): every worksheet's
// address has its prerendered page; without JavaScript a worksheet shows, in its language,
// the title, the views and the questions the app shows, under the app's document title; with
// JavaScript the modes app (recit-plus) takes the page over without a console error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { withApp } from './app.mjs';
import { open } from './browser.mjs';
import { DIST, routes, title, SCALES } from './story.mjs';

const app = withApp({ javaScriptEnabled: false });
/** The same site with JavaScript, to compare with what the app shows. */
const withJs = withApp();

/** What a teacher sees of a worksheet: its heading, the document's title and language, the
 *  views' headings and the questions. */
async function seen(page) {
  return {
    h1: await page.locator('h1').innerText(),
    title: await page.title(),
    lang: await page.locator('html').getAttribute('lang'),
    views: await page.locator('.sheet-view h2').allInnerTexts(),
    questions: await page.locator('.sheet-questions li').allInnerTexts(),
  };
}

test('every worksheet has its prerendered page: the whole story and each step, in each language', async () => {
  await app.ready;
  const steps = [...new Set(app.all.map((v) => v.step))];
  const { langs } = routes();
  assert.ok(langs.length >= 2 && steps.length > app.steps.length, 'languages, main and side steps');
  for (const lang of langs) {
    for (const at of [`/${lang}/fiche`, ...steps.map((step) => `/${lang}/fiche/${step}`)]) {
      assert.ok(existsSync(join(DIST, at, 'index.html')), `${at}/index.html`);
    }
  }
});

test('without JavaScript, a worksheet shows its views and questions as the app does; with it, recit-plus takes over without error', async () => {
  await Promise.all([app.ready, withJs.ready]);
  for (const [lang, step] of [['fr', app.steps[2]], ['en', app.steps[0]], ['fr', null]]) {
    const at = step ? `/${lang}/fiche/${step}` : `/${lang}/fiche`;
    const page = await app.browser.newPage();
    await page.goto(`${app.url}${at}`);
    const plain = await seen(page);
    assert.equal(plain.lang, lang, at);
    assert.ok(plain.questions.length > 0, `${at}: the questions`);
    if (step) {
      for (const scale of SCALES) {
        assert.ok(plain.views.some((h) => h.endsWith(title(app.all, lang, scale, step))), `${at}: the ${scale} view`);
      }
    } else {
      assert.ok(plain.views.length > 3 * app.steps.length - 3, `${at}: every step's views`);
    }
    assert.ok((await page.locator('meta[name=description]').getAttribute('content')).length > 20, `${at}: a description`);
    assert.equal(await page.locator('.shell').count(), 1, `${at}: the prerendered page`);
    assert.equal(await page.getByRole('button', { name: /Imprimer|Print/ }).count(), 0, `${at}: no print button that cannot print`);
    await page.close();

    // The modes app, which boot.js loads for a worksheet's address, shows the same and removes
    // the prerendered page (`appReady` in `open`); the CSP would report an inline style here.
    const { page: appPage, errors } = await open(withJs.browser, `${withJs.url}${at}`);
    assert.deepEqual(await seen(appPage), plain, `${at}: the same heading, title, views and questions as the app`);
    const wasm = await appPage.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.wasm')));
    assert.equal(wasm.length, 1, `${at}: one app`);
    assert.match(wasm[0], /^\/recit-plus-[0-9a-f]{16}_bg\.wasm$/, `${at}: the modes app, its name hashed`);
    assert.ok(await appPage.getByRole('button', { name: /Imprimer|Print/ }).isVisible(), `${at}: the app's print button`);
    assert.equal(await appPage.locator('link[href="/plus.css"]').count(), 1, `${at}: the app's stylesheet, linked once`);
    assert.deepEqual(errors, [], at);
    await appPage.close();
  }
});
