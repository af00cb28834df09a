// Without JavaScript (issue 15): every page arrives prerendered, readable, and walkable with
// links alone: every deep link shows its step with the title the app shows (the app's takeover
// of each page is takeover.test.mjs's), « Suivant » and « Précédent » walk the trajectory, the
// scale switcher's links change scale at the same step, the trajectory's links jump to a step,
// the language switch changes language, and each source opens as a disclosure with its passage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withApp } from './app.mjs';
import { open } from './browser.mjs';
import { title, SCALES, SCALE_NAMES } from './story.mjs';

const app = withApp({ javaScriptEnabled: false });
/** The same site with JavaScript, to compare with what the app shows. */
const withJs = withApp();

const path = (page) => new URL(page.url()).pathname;

/** The scale switcher's link to `scale` (its name is the scale's, as the app's radio). */
const scaleLink = (page, lang, scale) => page.locator('.scale-switcher').getByRole('link', { name: SCALE_NAMES[lang][scale], exact: true });

/** What a reader sees of a step page: its heading, the document's title, the scale shown. */
async function seen(page) {
  return {
    h1: await page.locator('h1').innerText(),
    title: await page.title(),
    scale: await page.locator('.scale-switcher').getAttribute('data-scale'),
  };
}

/** Follows the link `name` (a plain navigation: nothing intercepts it) to `to`. */
async function follow(page, link, to) {
  await Promise.all([page.waitForURL(`**${to}`), link.click()]);
}

test('without JavaScript, every deep link shows its step, scale and language; sources open with their passage', async () => {
  await app.ready;
  const page = await app.browser.newPage();
  for (const { lang, scale, step, title: expected } of app.all) {
    const at = `/${lang}/${scale}/${step}`;
    const response = await page.goto(`${app.url}${at}`);
    assert.equal(response.status(), 200, at);
    const plain = await seen(page);
    assert.equal(plain.h1, expected, at);
    assert.ok(plain.title.startsWith(expected), `${at}: the document's title begins with the step's (${plain.title})`);
    assert.equal(plain.scale, scale, at);
    assert.equal(await page.locator('html').getAttribute('lang'), lang, at);
    assert.equal(await scaleLink(page, lang, scale).getAttribute('aria-current'), 'page', `${at}: the scale shown is marked`);
    assert.ok((await page.locator('meta[name=description]').getAttribute('content')).length > 20, `${at}: a description`);
    // Controls that need the app keep their place unseen.
    assert.equal(await page.getByRole('button', { name: lang === 'fr' ? 'Facile à lire' : 'Easy read' }).count(), 0, `${at}: no button that does nothing`);
    const sources = page.locator('.sources details');
    if (await sources.count() > 0) {
      await sources.first().locator('summary').click();
      const passage = sources.first().locator('blockquote, .dataset');
      assert.ok((await passage.innerText()).trim().length > 20, `${at}: the source's passage, in the page`);
    }
  }
  for (const lang of ['fr', 'en']) {
    await page.goto(`${app.url}/${lang}`);
    assert.equal(await page.locator('html').getAttribute('lang'), lang);
    assert.equal(await page.locator('a.button.scale-commune').count(), 1, `/${lang}: the start page's links`);
  }
  await page.close();
});

test('without JavaScript, a deep link shows the heading, title and scale the app shows', async () => {
  await Promise.all([app.ready, withJs.ready]);
  const deepLinks = [
    ['fr', 'commune', app.steps[0]], ['en', 'pole', app.steps[3]], ['fr', 'agglomeration', app.steps.at(-1)],
  ];
  for (const [lang, scale, step] of deepLinks) {
    const at = `/${lang}/${scale}/${step}`;
    const page = await app.browser.newPage();
    await page.goto(`${app.url}${at}`);
    const plain = await seen(page);
    const { page: appPage } = await open(withJs.browser, `${withJs.url}${at}`);
    assert.deepEqual(plain, await seen(appPage), `${at}: the same heading, title and scale as the app`);
    assert.equal(await appPage.getByRole('radio', { name: SCALE_NAMES[lang][scale], exact: true }).isChecked(), true, `${at}: the app's switcher is the radio group`);
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
    await follow(page, page.locator(`a.button.scale-${scale}`), `/fr/${scale}/${app.steps[0]}`);
    assert.equal(await page.getByRole('link', { name: 'Précédent', exact: true, disabled: false }).count(), 0, 'no previous at the start');
    for (let i = 0; i < last; i++) {
      assert.equal((await seen(page)).h1, title(app.all, 'fr', scale, app.steps[i]), path(page));
      await follow(page, page.getByRole('link', { name: 'Suivant', exact: true, disabled: false }), `/fr/${scale}/${app.steps[i + 1]}`);
    }
    assert.equal(await page.getByRole('link', { name: 'Suivant', exact: true, disabled: false }).count(), 0, '« Suivant » stops at the desired model');
    // To English, at the same place, and back one step there.
    await follow(page, page.locator('a.lang-switch'), `/en/${scale}/${app.steps[last]}`);
    assert.equal((await seen(page)).h1, title(app.all, 'en', scale, app.steps[last]));
    await follow(page, page.getByRole('link', { name: 'Previous', exact: true, disabled: false }), `/en/${scale}/${app.steps[last - 1]}`);
    assert.equal((await seen(page)).h1, title(app.all, 'en', scale, app.steps[last - 1]));
  }
  // The scale switcher's links: the same step at each scale.
  const step = app.steps[2];
  await page.goto(`${app.url}/fr/commune/${step}`);
  for (const scale of ['pole', 'agglomeration', 'commune']) {
    await follow(page, scaleLink(page, 'fr', scale), `/fr/${scale}/${step}`);
    assert.deepEqual([(await seen(page)).h1, (await seen(page)).scale], [title(app.all, 'fr', scale, step), scale]);
  }
  // The trajectory's links: any step in one move.
  await follow(page, page.getByRole('navigation', { name: 'Trajectoire' }).getByRole('link').nth(last), `/fr/commune/${app.steps[last]}`);
  assert.equal((await seen(page)).h1, title(app.all, 'fr', 'commune', app.steps[last]));
  await page.close();
});
