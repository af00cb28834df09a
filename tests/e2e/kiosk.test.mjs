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

// Short delays where the test is about them; long ones elsewhere, so that a slow machine
// never sees a countdown in the middle of another test.
const KIOSK = '?kiosk&idle=2&countdown=2';
const KIOSK_LONG = '?kiosk&idle=50';

async function kioskPage(query = KIOSK_LONG) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.url}/fr${query}`);
  await page.waitForSelector('.attract');
  return { page, errors };
}

test('a tap on the attract screen starts the story, and the kiosk settings stay in the URL', async () => {
  const { page, errors } = await kioskPage();
  assert.ok(await page.getByRole('button', { name: 'Mettre en pause' }).isVisible(), 'the loop can be paused');
  await page.locator('.attract').tap();
  await page.waitForURL(`**/fr/commune/${steps[0]}${KIOSK_LONG}`);
  assert.equal(await page.locator('.attract').count(), 0);
  await page.getByRole('button', { name: 'Suivant', exact: true }).tap();
  await page.waitForURL(`**/fr/commune/${steps[1]}${KIOSK_LONG}`);
  // Touch first: every control is at least 48 × 48 px (links inside sentences excepted).
  const small = await page.evaluate(() => [...document.querySelectorAll('button, summary, .scale, nav a, a.button, .lang-switch')]
    .map((el) => [el.textContent.trim().slice(0, 30), el.getBoundingClientRect()])
    .filter(([, r]) => r.width > 0 && (r.width < 48 || r.height < 48))
    .map(([t, r]) => `${t} ${Math.round(r.width)}×${Math.round(r.height)}`));
  assert.deepEqual(small, []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('idle → countdown → a touch keeps the visit', async () => {
  const query = '?kiosk&idle=2&countdown=4';
  const { page } = await kioskPage(query);
  await page.locator('.attract').tap();
  await page.getByRole('button', { name: 'Suivant', exact: true }).tap();
  await page.waitForURL(`**/${steps[1]}${query}`);
  const dialog = page.getByRole('alertdialog', { name: 'Vous êtes toujours là ?' });
  await dialog.waitFor({ timeout: 5000 });
  assert.match(await dialog.innerText(), /Retour à l'accueil dans [1-4] s/);
  await page.locator('.still-there').tap();
  await dialog.waitFor({ state: 'detached' });
  assert.ok(page.url().includes(`/fr/commune/${steps[1]}`), 'still at the same step');
  await page.close();
});

test('idle → countdown → reset clears position, language and the visit', async () => {
  const { page } = await kioskPage(KIOSK);
  await page.locator('.attract').tap();
  await page.getByRole('button', { name: 'Suivant', exact: true }).tap();
  await page.getByRole('link', { name: 'Read in English' }).tap();
  await page.waitForURL(`**/en/commune/${steps[1]}${KIOSK}`);
  await page.waitForSelector('.attract', { timeout: 8000 });
  await page.waitForURL(`**/fr/commune/${steps[0]}${KIOSK}`);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  await page.locator('.attract').tap();
  await page.waitForURL(`**/fr/commune/${steps[0]}${KIOSK}`);
  assert.equal(await page.locator('nav.trajectory li.visited').count(), 1, 'only the new visit’s first step');
  await page.close();
});

import { execFileSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from './story.mjs';

test('visitors’ answers survive a reload, are never shown, and are exported whole', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/fr?kiosk&idle=50`);
  await page.locator('.attract').tap();
  await page.locator('nav.trajectory li a').last().tap();
  await page.waitForURL(`**/fr/commune/${steps.at(-1)}?kiosk&idle=50`);
  const field = page.getByLabel('Et vous, quel avenir pour votre quartier ?');
  const answers = ['Des jardins partagés sur le terril', 'Plus de <b>bus</b> & des "pistes" cyclables'];
  for (const answer of answers) {
    await field.fill(answer);
    await page.getByRole('button', { name: 'Envoyer' }).tap();
    await page.getByText('Merci !').waitFor();
    assert.equal(await field.inputValue(), '', 'the answer is not left for the next visitor');
  }
  assert.equal(await page.getByText(answers[0]).count(), 0, 'answers are never shown');
  await page.reload();
  await page.locator('.attract').tap();

  // Staff: the code is set at deploy time, in kiosk.json.
  execFileSync('node', ['scripts/kiosk-code.mjs', '24680', DIST], { cwd: ROOT });
  try {
    await page.locator('.topbar').dispatchEvent('pointerdown');
    await page.getByRole('dialog', { name: 'Espace du personnel' }).waitFor({ timeout: 6000 });
    await page.getByLabel('Code').fill('11111');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText('Code incorrect.').waitFor();
    await page.getByLabel('Code').fill('24680');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText('2 réponse(s) de visiteurs').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter les réponses' }).click()]);
    const file = await readFile(await download.path(), 'utf8');
    assert.equal(file.match(/\[\[contribution\]\]/g).length, 2);
    assert.ok(file.includes('text = "Des jardins partagés sur le terril"'));
    assert.ok(file.includes('text = "Plus de <b>bus</b> & des \\"pistes\\" cyclables"'), 'kept whole, escaped as data');
    assert.ok(file.includes('status = "proposed"') && file.includes(`step = "${steps.at(-1)}"`));
  } finally {
    await rm(join(DIST, 'kiosk.json'), { force: true });
  }
  await page.close();
});

test('a forced panic and a forced JS error both end on the start screen', async () => {
  // The panic: from the staff panel's test button.
  execFileSync('node', ['scripts/kiosk-code.mjs', '13579', DIST], { cwd: ROOT });
  try {
    const { page } = await kioskPage();
    await page.locator('.attract').tap();
    await page.waitForURL(`**/fr/commune/${steps[0]}${KIOSK_LONG}`);
    await page.locator('.topbar').dispatchEvent('pointerdown');
    await page.getByLabel('Code').fill('13579');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByRole('button', { name: "Tester l'écran de redémarrage" }).click();
    await page.getByRole('alert').filter({ hasText: 'Redémarrage' }).waitFor({ timeout: 3000 });
    await page.waitForURL(`**/fr${KIOSK_LONG}`, { timeout: 8000 });
    await page.waitForSelector('.attract');
    await page.close();
  } finally {
    await rm(join(DIST, 'kiosk.json'), { force: true });
  }
  const { page } = await kioskPage();
  await page.locator('.attract').tap();
  await page.waitForURL(`**/fr/commune/${steps[0]}${KIOSK_LONG}`);
  await page.evaluate(() => setTimeout(() => { throw new Error('forced'); }, 0));
  await page.getByRole('alert').filter({ hasText: 'Redémarrage' }).waitFor({ timeout: 3000 });
  await page.waitForURL(`**/fr${KIOSK_LONG}`, { timeout: 8000 });
  await page.waitForSelector('.attract');
  await page.close();
});

test('after a first visit the kiosk works with the network cut', async () => {
  const context = await launch({ hasTouch: true });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/fr${KIOSK_LONG}`);
    await page.waitForSelector('.attract');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10000 });
    await context.setOffline(true);
    await page.goto(`${server.url}/en/pole/${steps[2]}${KIOSK_LONG}`);
    await page.waitForSelector('.attract');
    await page.locator('.attract').tap();
    await page.waitForURL(`**/fr/commune/${steps[0]}${KIOSK_LONG}`);
    await page.getByRole('button', { name: 'Suivant', exact: true }).tap();
    await page.waitForURL(`**/fr/commune/${steps[1]}${KIOSK_LONG}`);
    assert.ok((await page.locator('h1').innerText()).length > 0);
  } finally {
    await context.close();
  }
});

test('1,000 random taps and swipes: no error, never stuck', async () => {
  const { page, errors } = await kioskPage();
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  const { width, height } = page.viewportSize();
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < 1000; i++) {
    const x = Math.floor(random() * width), y = Math.floor(random() * (height - 80)) + 80;
    if (random() < 0.8) {
      await page.touchscreen.tap(x, y);
    } else {
      const dx = random() < 0.5 ? -200 : 200;
      await page.dispatchEvent('main', 'touchstart', { touches: [{ identifier: 1, clientX: x, clientY: y }], changedTouches: [{ identifier: 1, clientX: x, clientY: y }] }).catch(() => {});
      await page.dispatchEvent('main', 'touchend', { touches: [], changedTouches: [{ identifier: 1, clientX: x + dx, clientY: y }] }).catch(() => {});
    }
  }
  assert.deepEqual([...errors, ...consoleErrors], []);
  // Not stuck: whatever screen it is on, the story still answers.
  await page.goto(`${server.url}/fr/commune/${steps[0]}${KIOSK_LONG}`);
  await page.locator('.attract').tap();
  await page.getByRole('button', { name: 'Suivant', exact: true }).tap();
  await page.waitForURL(`**/fr/commune/${steps[1]}${KIOSK_LONG}`);
  await page.close();
});

test('the JS heap after 500 reset cycles stays within 10% of after 50', async () => {
  const page = await browser.newPage();
  const fast = '?kiosk&idle=0.1&countdown=0.1';
  await page.goto(`${server.url}/fr${fast}`);
  await page.waitForSelector('.attract');
  const cdp = await page.context().newCDPSession(page);
  const cycles = async (n) => {
    for (let i = 0; i < n; i++) {
      await page.locator('.attract').tap();
      await page.waitForSelector('.step-screen');
      await page.waitForSelector('.attract');
    }
  };
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  await cycles(50);
  const after50 = await heap();
  await cycles(450);
  const after500 = await heap();
  console.log(`# heap after 50 resets ${after50} B, after 500 ${after500} B`);
  assert.ok(after500 <= after50 * 1.1, `heap grew from ${after50} to ${after500}`);
  await page.close();
});

test('a reset leaves nothing of the visitor’s unsent answer', async () => {
  const query = '?kiosk&idle=1.5&countdown=1';
  const page = await browser.newPage();
  await page.goto(`${server.url}/fr${query}`);
  await page.locator('.attract').tap();
  await page.locator('nav.trajectory li a').last().tap();
  await page.getByLabel('Et vous, quel avenir pour votre quartier ?').fill('Un brouillon à moitié écrit');
  await page.waitForSelector('.attract', { timeout: 8000 });
  await page.locator('.attract').tap();
  await page.locator('nav.trajectory li a').last().tap();
  assert.equal(await page.getByLabel('Et vous, quel avenir pour votre quartier ?').inputValue(), '');
  await page.close();
});

test('a swipe left goes to the next step, a swipe right back', async () => {
  const { page } = await kioskPage();
  await page.locator('.attract').tap();
  await page.waitForURL(`**/fr/commune/${steps[0]}${KIOSK_LONG}`);
  const swipe = async (dx) => {
    const at = { identifier: 1, clientX: 500, clientY: 900 };
    await page.dispatchEvent('main', 'touchstart', { touches: [at], changedTouches: [at] });
    await page.dispatchEvent('main', 'touchend', { touches: [], changedTouches: [{ ...at, clientX: 500 + dx }] });
  };
  await swipe(-200);
  await page.waitForURL(`**/fr/commune/${steps[1]}${KIOSK_LONG}`);
  await swipe(200);
  await page.waitForURL(`**/fr/commune/${steps[0]}${KIOSK_LONG}`);
  await swipe(-30);
  await page.waitForTimeout(300);
  assert.ok(page.url().includes(`/fr/commune/${steps[0]}`), 'a short drag is not a swipe');
  await page.close();
});
