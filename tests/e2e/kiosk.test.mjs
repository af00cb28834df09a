// Kiosk mode in headless Chromium with touch emulation, delays shortened through the URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch } from './browser.mjs';
import { DIST, trajectory, views } from './story.mjs';

let server, browser, steps;
before(async () => {
  steps = trajectory(views());
  server = await startServer(DIST);
  browser = await launch({ hasTouch: true, viewport: { width: 1080, height: 1920 } });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const KIOSK = '?kiosk&idle=2&countdown=2';

async function kioskPage() {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.url}/fr${KIOSK}`);
  await page.waitForSelector('.attract');
  return { page, errors };
}

test('a tap on the attract screen starts the story, and the kiosk settings stay in the URL', async () => {
  const { page, errors } = await kioskPage();
  assert.ok(await page.getByRole('button', { name: 'Mettre en pause' }).isVisible(), 'the loop can be paused');
  await page.locator('.attract').tap();
  await page.waitForURL(`**/fr/commune/${steps[0]}${KIOSK}`);
  assert.equal(await page.locator('.attract').count(), 0);
  await page.getByRole('button', { name: 'Suivant', exact: true }).tap();
  await page.waitForURL(`**/fr/commune/${steps[1]}${KIOSK}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('idle → countdown → a touch keeps the visit', async () => {
  const { page } = await kioskPage();
  await page.locator('.attract').tap();
  await page.getByRole('button', { name: 'Suivant', exact: true }).tap();
  await page.waitForURL(`**/${steps[1]}${KIOSK}`);
  const dialog = page.getByRole('alertdialog', { name: 'Vous êtes toujours là ?' });
  await dialog.waitFor({ timeout: 5000 });
  assert.match(await dialog.innerText(), /Retour à l'accueil dans [12] s/);
  await page.locator('.still-there').tap();
  await dialog.waitFor({ state: 'detached' });
  assert.ok(page.url().includes(`/fr/commune/${steps[1]}`), 'still at the same step');
  await page.close();
});

test('idle → countdown → reset clears position, language and the visit', async () => {
  const { page } = await kioskPage();
  await page.locator('.attract').tap();
  await page.getByRole('button', { name: 'Suivant', exact: true }).tap();
  await page.getByRole('link', { name: 'Read in English' }).tap();
  await page.waitForURL(`**/en/commune/${steps[1]}${KIOSK}`);
  await page.waitForSelector('.attract', { timeout: 8000 });
  await page.waitForURL(`**/fr${KIOSK}`);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  await page.locator('.attract').tap();
  await page.waitForURL(`**/fr/commune/${steps[0]}${KIOSK}`);
  assert.equal(await page.locator('nav.trajectory li.visited').count(), 1, 'only the new visit’s first step');
  await page.close();
});
