// The built release dist/, served on 127.0.0.1, driven in Debian's headless Chromium:
// a deep link shows its step, and a bad link a helpful page with a way back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open } from './browser.mjs';
import { withApp } from './app.mjs';
import { title } from './story.mjs';

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

test('Suivant follows the trajectory and changes the URL', async () => {
  const { page } = await open(app.browser, `${app.url}/fr/commune/${app.steps[0]}`);
  await page.getByRole('button', { name: 'Suivant', exact: true }).click();
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
