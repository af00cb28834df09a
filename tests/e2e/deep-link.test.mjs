// The built release dist/, served on 127.0.0.1, driven in Debian's headless Chromium:
// a deep link shows its step, and a bad link a helpful page with a way back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, open } from './browser.mjs';
import { DIST, views, trajectory, title } from './story.mjs';

let server, browser, all, steps;
before(async () => {
  all = views();
  steps = trajectory(all);
  server = await startServer(DIST);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('a deep link opens its step at its scale and language', async () => {
  const step = steps[1];
  const { page, errors } = await open(browser, `${server.url}/en/pole/${step}`);
  assert.equal(await page.locator('h1').innerText(), title(all, 'en', 'pole', step));
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.locator('h1').count(), 1, 'the step title is the only h1');
  assert.ok(await page.getByRole('radio', { name: 'Metropolitan pole', exact: true }).isChecked());
  assert.deepEqual(errors, []);
  await page.close();
});

test('Suivant follows the trajectory and changes the URL', async () => {
  const { page } = await open(browser, `${server.url}/fr/commune/${steps[0]}`);
  await page.getByRole('button', { name: 'Suivant', exact: true }).click();
  await page.waitForURL(`**/fr/commune/${steps[1]}`);
  assert.equal(await page.locator('h1').innerText(), title(all, 'fr', 'commune', steps[1]));
  await page.close();
});

test('a bad link shows a helpful page with a way back, never a blank screen', async () => {
  for (const path of ['/fr/commune/nulle-part', '/de', '/fr/ville/x', '/fr/a/b/c']) {
    const { page } = await open(browser, `${server.url}${path}`);
    const h1 = await page.locator('h1').innerText();
    assert.match(h1, /n'existe pas|does not exist/, path);
    await page.locator('a.button.primary').click();
    await page.waitForSelector('.home');
    await page.close();
  }
});
