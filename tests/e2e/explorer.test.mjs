// The explorer in headless Chromium against the release dist/: walking the trajectory at
// each scale, switching scale without losing the step, deep links, history, keyboard only,
// a phone-sized screen, and axe-core on every step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appReady, open } from './browser.mjs';
import { withApp } from './app.mjs';
import { violations } from './axe.mjs';
import { title, SCALES, SCALE_NAMES } from './story.mjs';

const app = withApp();

const h1 = (page) => page.locator('h1').innerText();
const path = (page) => new URL(page.url()).pathname;

test('walks from the starting point to the desired model at each scale with « Suivant »', async () => {
  for (const scale of SCALES) {
    const { page, errors } = await open(app.browser, `${app.url}/fr/${scale}/${app.steps[0]}`);
    // Links (followed without JavaScript too); where there is no step to go to, a
    // placeholder without `href`: a link that is off.
    const previous = page.getByRole('link', { name: 'Précédent', exact: true, disabled: false });
    const next = page.getByRole('link', { name: 'Suivant', exact: true, disabled: false });
    assert.equal(await previous.count(), 0, 'no previous at the start');
    assert.equal(await page.locator('.step-nav .previous:not([href])[aria-disabled=true]').count(), 1, 'shown and named as off');
    for (let i = 0; i < app.steps.length; i++) {
      assert.equal(path(page), `/fr/${scale}/${app.steps[i]}`);
      assert.equal(await h1(page), title(app.all, 'fr', scale, app.steps[i]));
      if (i + 1 < app.steps.length) {
        await next.click();
        await page.waitForURL(`**/fr/${scale}/${app.steps[i + 1]}`);
      }
    }
    assert.equal(await next.count(), 0, '« Suivant » stops at the desired model');
    assert.equal(await page.locator('.step-nav .next:not([href])[aria-disabled=true]').count(), 1, 'shown and named as off');
    await previous.click();
    await page.waitForURL(`**/fr/${scale}/${app.steps.at(-2)}`);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('switching scale keeps the step, on every step', async () => {
  const { page } = await open(app.browser, `${app.url}/fr/commune/${app.steps[0]}`);
  for (const step of app.steps) {
    await page.goto(`${app.url}/fr/commune/${step}`);
    await appReady(page);
    for (const scale of ['agglomeration', 'pole', 'commune']) {
      const radio = page.getByRole('radio', { name: SCALE_NAMES.fr[scale], exact: true });
      await radio.check();
      await page.waitForURL(`**/fr/${scale}/${step}`);
      assert.equal(await h1(page), title(app.all, 'fr', scale, step));
      assert.ok(await radio.isChecked());
      assert.ok(await radio.evaluate((el) => el === document.activeElement), 'focus stays on the switcher');
    }
  }
  await page.close();
});

test('every step × scale × language deep link renders its own content', async () => {
  const { page } = await open(app.browser, `${app.url}/fr`);
  const seen = new Set();
  for (const v of app.all) {
    await page.goto(`${app.url}/${v.lang}/${v.scale}/${v.step}`);
    await appReady(page);
    await page.waitForSelector(`article[data-step="${v.step}"][data-scale="${v.scale}"]`);
    assert.equal(await h1(page), v.title, `${v.lang}/${v.scale}/${v.step}`);
    assert.equal(await page.getAttribute('html', 'lang'), v.lang);
    assert.ok(await page.getByRole('radio', { name: SCALE_NAMES[v.lang][v.scale], exact: true }).isChecked());
    seen.add(`${v.lang}/${v.scale}/${v.step}`);
  }
  assert.equal(seen.size, app.all.length);
  assert.ok(app.all.length >= app.steps.length * 6, 'every main step has three scales in two languages');
  await page.close();
});

test('browser back and forward move through the visited positions', async () => {
  const { page } = await open(app.browser, `${app.url}/fr/commune/${app.steps[0]}`);
  await page.getByRole('link', { name: 'Suivant', exact: true, disabled: false }).click();
  await page.waitForURL(`**/fr/commune/${app.steps[1]}`);
  await page.getByRole('radio', { name: 'Pôle métropolitain', exact: true }).check();
  await page.waitForURL(`**/fr/pole/${app.steps[1]}`);
  await page.goBack();
  await page.waitForURL(`**/fr/commune/${app.steps[1]}`);
  assert.equal(await h1(page), title(app.all, 'fr', 'commune', app.steps[1]));
  assert.ok(await page.getByRole('radio', { name: 'Commune', exact: true }).isChecked());
  await page.goBack();
  await page.waitForURL(`**/fr/commune/${app.steps[0]}`);
  await page.goForward();
  await page.waitForURL(`**/fr/commune/${app.steps[1]}`);
  assert.equal(await h1(page), title(app.all, 'fr', 'commune', app.steps[1]));
  await page.close();
});

test('the whole walk with the keyboard only', async () => {
  const { page } = await open(app.browser, `${app.url}/en/commune/${app.steps[0]}`);
  // Tab reaches the scale switcher; arrow keys there change the scale, not the step.
  let guard = 0;
  while (!(await page.evaluate(() => document.activeElement?.type === 'radio')) && guard++ < 20) await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowRight');
  await page.waitForURL(`**/en/agglomeration/${app.steps[0]}`);
  // Tab to « Next » and press Enter along the whole trajectory.
  guard = 0;
  while ((await page.evaluate(() => document.activeElement?.textContent?.trim())) !== 'Next →' && guard++ < 200) await page.keyboard.press('Tab');
  assert.ok(guard < 200, '« Next » is reachable with Tab');
  for (let i = 1; i < app.steps.length; i++) {
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/en/agglomeration/${app.steps[i]}`);
  }
  assert.equal(await h1(page), title(app.all, 'en', 'agglomeration', app.steps.at(-1)));
  // Arrow keys outside the switcher walk back and forth.
  await page.locator('h1').focus();
  await page.keyboard.press('ArrowLeft');
  await page.waitForURL(`**/en/agglomeration/${app.steps.at(-2)}`);
  await page.keyboard.press('ArrowRight');
  await page.waitForURL(`**/en/agglomeration/${app.steps.at(-1)}`);
  await page.close();
});

test('a choice leads to its side step, and « Suivant » returns to the trajectory', async () => {
  const { page } = await open(app.browser, `${app.url}/fr/commune/${app.steps[0]}`);
  let found = false;
  for (const step of app.steps) {
    await page.goto(`${app.url}/fr/commune/${step}`);
    await appReady(page);
    // The step must be rendered before its choices are counted.
    await page.locator(`article[data-step="${step}"]`).waitFor();
    const options = page.locator('.choice .options a');
    if ((await options.count()) === 0) continue;
    found = true;
    const href = await options.first().getAttribute('href');
    await options.first().click();
    await page.waitForURL(`**${href}`);
    const side = href.split('/').pop();
    assert.equal(app.all.find((v) => v.step === side).index, null, 'an answer leads to a side step');
    const after = app.steps[app.steps.indexOf(step) + 1];
    // A side step may lead to another before returning; « Suivant » always gets back.
    for (let hops = 0; hops < 5 && !app.steps.includes(path(page).split('/').pop()); hops++) {
      const from = path(page);
      await page.getByRole('link', { name: 'Suivant', exact: true, disabled: false }).click();
      await page.waitForFunction((p) => location.pathname !== p, from);
    }
    assert.ok(app.steps.includes(path(page).split('/').pop()), 'back on the trajectory');
    assert.ok(app.steps.indexOf(path(page).split('/').pop()) >= app.steps.indexOf(step), `returns at or after ${after}`);
    break;
  }
  assert.ok(found, 'the story offers at least one choice');
  await page.close();
});

test('the language switch keeps the position and <html lang> follows', async () => {
  const { page } = await open(app.browser, `${app.url}/fr/pole/${app.steps[3]}`);
  await page.getByRole('link', { name: 'Read in English' }).click();
  await page.waitForURL(`**/en/pole/${app.steps[3]}`);
  // The screen changes language once the story's English has come (a fetch, the first time).
  await page.waitForFunction(() => document.documentElement.lang === 'en', null, { timeout: 5000 });
  assert.equal(await h1(page), title(app.all, 'en', 'pole', app.steps[3]));
  await page.close();
});

test('a polite live region announces the step and the scale', async () => {
  const { page } = await open(app.browser, `${app.url}/fr/commune/${app.steps[0]}`);
  await page.getByRole('radio', { name: 'Agglomération', exact: true }).check();
  const live = page.locator('[aria-live=polite]');
  await page.waitForFunction(() => document.querySelector('[aria-live=polite]').textContent.includes('Agglomération'));
  assert.equal(await live.innerText(), `${title(app.all, 'fr', 'agglomeration', app.steps[0])} — Agglomération`);
  await page.close();
});

test('on a 360 px phone nothing overflows and the controls stay in reach', async () => {
  const { page } = await open(app.browser, `${app.url}/fr/pole/${app.steps[5]}`, { viewport: { width: 360, height: 740 } });
  for (const step of app.steps) {
    await page.goto(`${app.url}/fr/pole/${step}`);
    await appReady(page);
    await page.waitForSelector('h1');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${step}: the page is ${width}px wide`);
  }
  for (const name of ['Commune', 'Agglomération', 'Pôle métropolitain']) {
    const box = await page.getByRole('radio', { name, exact: true }).boundingBox();
    assert.ok(box.width >= 48 && box.height >= 48, `${name} is a 48 px target`);
  }
  const next = await page.locator('.step-nav .next').boundingBox();
  assert.ok(next.height >= 48);
  await page.close();
});

test('axe-core finds no violation on any step, scale or language', async () => {
  const { page } = await open(app.browser, `${app.url}/fr`);
  const found = [];
  const targets = [...new Set(app.all.map((v) => `${v.lang}/${v.scale}/${v.step}`))].filter((p) => p.startsWith('fr/') || p.includes('/commune/'));
  for (const target of ['fr', 'en', 'fr/commune/nulle-part', ...targets]) {
    await page.goto(`${app.url}/${target}`);
    await appReady(page);
    await page.waitForSelector('h1');
    for (const v of await violations(page)) found.push(`${target}: ${v}`);
  }
  assert.deepEqual(found, []);
  await page.close();
});

test('every step of the trajectory is one tap away, and the map of scales switches scale', async () => {
  const { page } = await open(app.browser, `${app.url}/fr/agglomeration/${app.steps[0]}`);
  const stops = page.locator('nav.trajectory ol > li a');
  assert.equal(await stops.count(), app.steps.length);
  await stops.last().click();
  await page.waitForURL(`**/fr/agglomeration/${app.steps.at(-1)}`);
  assert.equal(await page.locator('nav.trajectory [aria-current=step]').count(), 1);
  assert.ok(await page.locator('nav.trajectory li').last().evaluate((li) => li.classList.contains('current')));
  await page.locator('.scale-map rect.commune.home').click();
  await page.waitForURL(`**/fr/commune/${app.steps.at(-1)}`);
  assert.equal(await page.locator('.scale-map svg').getAttribute('data-scale'), 'commune');
  const figures = await page.locator('.scale-map figcaption').innerText();
  assert.match(figures, /6\u202f500 habitants · rapport \(2017\)/, 'the report figure, labelled');
  assert.match(figures, /population légale INSEE 20\d\d/, 'the official figure, labelled apart');
  await page.close();
});

/** Switches to `scale` with its radio and counts the step's animations as the step becomes that
 *  scale's with its `motion` class, before any frame: read afterwards, on a loaded machine,
 *  the short animation may be over already. */
const switchMotion = (page, scale, motion) => page.evaluate(([scale, motion]) => new Promise((done) => {
  const main = document.querySelector('main');
  const observer = new MutationObserver(() => {
    const article = main.querySelector(`article.step.${motion}[data-scale=${scale}]`);
    if (!article) return;
    observer.disconnect();
    done(article.getAnimations().length);
  });
  observer.observe(main, { subtree: true, childList: true, attributes: true });
  document.querySelector(`input[name=scale][value=${scale}]`).click();
}), [scale, motion]);

test('switching scale reads as a zoom, and not at all with reduced motion', async () => {
  const { page } = await open(app.browser, `${app.url}/fr/agglomeration/${app.steps[2]}`);
  assert.ok(await switchMotion(page, 'commune', 'zoom-in') > 0, 'in to the commune');
  assert.ok(await switchMotion(page, 'pole', 'zoom-out') > 0, 'out to the pole');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  assert.equal(await switchMotion(page, 'agglomeration', 'zoom-in'), 0);
  await page.close();
});

test('a citation opens its source with the report\'s passage, fetched on first use', async () => {
  const { page, errors } = await open(app.browser, `${app.url}/fr/commune/${app.steps[0]}`);
  const fetched = [];
  page.on('request', (r) => r.url().endsWith('/passages.bin') && fetched.push(r.url()));
  assert.equal(await page.locator('.passage blockquote').count(), 0, 'not part of the first visit');
  await page.locator('.cite').first().click();
  const details = page.locator('.sources details[open]');
  await details.locator('.passage blockquote').waitFor();
  assert.match(await details.locator('.passage blockquote').textContent(), /\S{4}(\s+\S+){8}/, 'the passage itself');
  assert.match(await details.locator('.from').textContent(), /Extrait du rapport \(lignes \d+–\d+\)/);
  assert.equal(fetched.length, 1);
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'SUMMARY', 'focus on the opened source');
  assert.deepEqual(errors, []);
  await page.close();
});
