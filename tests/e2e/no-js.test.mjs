// Without JavaScript (issue 15): every page arrives prerendered, readable, and walkable with
// links alone: deep links show their step with the title the app shows, « Suivant » and
// « Précédent » walk the trajectory, the start page's links choose the scale, the language
// switch changes language, and the scale switcher shows the scale read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withApp } from './app.mjs';
import { open } from './browser.mjs';
import { title, SCALES } from './story.mjs';

const app = withApp({ javaScriptEnabled: false });
/** The same site with JavaScript, to compare with what the app shows. */
const withJs = withApp();

const path = (page) => new URL(page.url()).pathname;

/** What a reader sees of a step page: its heading, the document's title, the scale checked. */
async function seen(page) {
  return {
    h1: await page.locator('h1').innerText(),
    title: await page.title(),
    scale: await page.locator('input[name=scale]:checked').getAttribute('value'),
  };
}

/** Follows the link `name` (a plain navigation: nothing intercepts it) to `to`. */
async function follow(page, name, to) {
  await Promise.all([page.waitForURL(`**${to}`), page.getByRole('link', { name, exact: true }).click()]);
}

test('without JavaScript, a deep link shows its step as the app does', async () => {
  await Promise.all([app.ready, withJs.ready]);
  const deepLinks = [
    ['fr', 'commune', app.steps[0]], ['en', 'pole', app.steps[3]], ['fr', 'agglomeration', app.steps.at(-1)], ['en', 'commune', app.steps[5]],
  ];
  for (const [lang, scale, step] of deepLinks) {
    const at = `/${lang}/${scale}/${step}`;
    const page = await app.browser.newPage();
    await page.goto(`${app.url}${at}`);
    const plain = await seen(page);
    assert.equal(plain.h1, title(app.all, lang, scale, step), at);
    assert.equal(plain.scale, scale, `${at}: the scale read is checked`);
    assert.equal(await page.locator('html').getAttribute('lang'), lang, at);
    assert.ok(await page.locator('.sources details').count() > 0, `${at}: the sources, each a disclosure`);
    const { page: appPage } = await open(withJs.browser, `${withJs.url}${at}`);
    assert.deepEqual(plain, await seen(appPage), `${at}: the same heading, title and scale as the app`);
    await appPage.close();
    await page.close();
  }
});

test('without JavaScript, links alone walk across steps, scales and languages', async () => {
  await app.ready;
  const page = await app.browser.newPage();
  const last = app.steps.length - 1;
  for (const scale of SCALES) {
    await page.goto(`${app.url}/fr`);
    // The start page's link for this scale (its name is the scale's and the place's).
    await Promise.all([page.waitForURL(`**/fr/${scale}/${app.steps[0]}`), page.locator(`a.button.scale-${scale}`).click()]);
    assert.equal(await page.getByRole('link', { name: 'Précédent', exact: true }).count(), 0, 'no previous at the start');
    for (let i = 0; i < last; i++) {
      assert.equal((await seen(page)).h1, title(app.all, 'fr', scale, app.steps[i]), path(page));
      await follow(page, 'Suivant', `/fr/${scale}/${app.steps[i + 1]}`);
    }
    assert.equal(await page.getByRole('link', { name: 'Suivant', exact: true }).count(), 0, '« Suivant » stops at the desired model');
    assert.equal((await seen(page)).scale, scale);
    // To English, at the same place, and back one step there.
    await Promise.all([page.waitForURL(`**/en/${scale}/${app.steps[last]}`), page.locator('a.lang-switch').click()]);
    assert.equal((await seen(page)).h1, title(app.all, 'en', scale, app.steps[last]));
    await follow(page, 'Previous', `/en/${scale}/${app.steps[last - 1]}`);
    assert.equal((await seen(page)).h1, title(app.all, 'en', scale, app.steps[last - 1]));
  }
  await page.close();
});
