// Kiosk mode in headless Chromium with touch emulation, delays shortened through the URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { appReady, launch, offlineReady } from './browser.mjs';
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
  await appReady(page);
  await page.waitForSelector('.attract');
  return { page, errors };
}

test('a tap on the attract screen starts the story, and the kiosk settings stay in the URL', async () => {
  const { page, errors } = await kioskPage();
  assert.ok(await page.getByRole('button', { name: 'Mettre en pause' }).isVisible(), 'the loop can be paused');
  await page.locator('.attract').tap();
  await page.waitForURL(`**/fr/commune/${steps[0]}${KIOSK_LONG}`);
  assert.equal(await page.locator('.attract').count(), 0);
  await page.getByRole('link', { name: 'Suivant', exact: true }).tap();
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
  await page.getByRole('link', { name: 'Suivant', exact: true }).tap();
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
  await page.getByRole('link', { name: 'Suivant', exact: true }).tap();
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
  await appReady(page);
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
  await appReady(page);
  await page.locator('.attract').tap();

  // Staff: the code is set at deploy time, in kiosk.json.
  execFileSync('node', ['scripts/kiosk-code.mjs', '24681357', DIST], { cwd: ROOT });
  try {
    await page.locator('.topbar').dispatchEvent('pointerdown');
    await page.getByRole('dialog', { name: 'Espace du personnel' }).waitFor({ timeout: 6000 });
    await page.getByLabel('Code').fill('11111111');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText('Code incorrect.').waitFor();
    await page.getByLabel('Code').fill('24681357');
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
  execFileSync('node', ['scripts/kiosk-code.mjs', 'kiosque-13579', DIST], { cwd: ROOT });
  try {
    const { page } = await kioskPage();
    await page.locator('.attract').tap();
    await page.waitForURL(`**/fr/commune/${steps[0]}${KIOSK_LONG}`);
    await page.locator('.topbar').dispatchEvent('pointerdown');
    await page.getByLabel('Code').fill('kiosque-13579');
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
    await appReady(page);
    await page.waitForSelector('.attract');
    await offlineReady(page);
    await context.setOffline(true);
    await page.goto(`${server.url}/en/pole/${steps[2]}${KIOSK_LONG}`);
    await appReady(page);
    await page.waitForSelector('.attract');
    await page.locator('.attract').tap();
    await page.waitForURL(`**/fr/commune/${steps[0]}${KIOSK_LONG}`);
    await page.getByRole('link', { name: 'Suivant', exact: true }).tap();
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
  await appReady(page);
  await page.locator('.attract').tap();
  await page.getByRole('link', { name: 'Suivant', exact: true }).tap();
  await page.waitForURL(`**/fr/commune/${steps[1]}${KIOSK_LONG}`);
  await page.close();
});

test('the JS heap after 500 reset cycles stays within 10% of after 50', async () => {
  const page = await browser.newPage();
  const fast = '?kiosk&idle=0.1&countdown=0.1';
  await page.goto(`${server.url}/fr${fast}`);
  await appReady(page);
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
  await appReady(page);
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

test('kiosk-code.mjs refuses a code shorter than 8 characters, and writes a salted PBKDF2 hash', async () => {
  const short = (() => {
    try {
      execFileSync('node', ['scripts/kiosk-code.mjs', '2468', DIST], { cwd: ROOT, stdio: 'pipe' });
      return null;
    } catch (e) {
      return e;
    }
  })();
  assert.ok(short, 'a 4-character code is refused');
  assert.equal(short.status, 2);
  assert.match(String(short.stderr), /at least 8 characters/);
  try {
    execFileSync('node', ['scripts/kiosk-code.mjs', '24681357', DIST, '--retention-days', '30', '--contact', 'cd@example.org'], { cwd: ROOT });
    const first = JSON.parse(await readFile(join(DIST, 'kiosk.json'), 'utf8'));
    execFileSync('node', ['scripts/kiosk-code.mjs', '24681357', DIST], { cwd: ROOT });
    const second = JSON.parse(await readFile(join(DIST, 'kiosk.json'), 'utf8'));
    assert.equal(first.staff_code.algorithm, 'pbkdf2-sha256');
    assert.ok(first.staff_code.iterations >= 100000);
    assert.equal(first.staff_code.salt.length, 32, '16 random bytes');
    assert.notEqual(first.staff_code.salt, second.staff_code.salt, 'a new salt each time');
    assert.notEqual(first.staff_code.hash, second.staff_code.hash, 'so the same code hashes differently');
    assert.equal(JSON.stringify(first).includes('24681357'), false, 'the code itself is not in the file');
    assert.deepEqual([first.retention_days, first.contact, second.retention_days, second.contact], [30, 'cd@example.org', 90, '']);
  } finally {
    await rm(join(DIST, 'kiosk.json'), { force: true });
  }
});

test('wrong staff codes are slowed down: after three, a wait is shown and the field is disabled', async () => {
  execFileSync('node', ['scripts/kiosk-code.mjs', '24681357', DIST], { cwd: ROOT });
  try {
    const { page } = await kioskPage();
    await page.locator('.attract').tap();
    await page.locator('.topbar').dispatchEvent('pointerdown');
    await page.getByRole('dialog', { name: 'Espace du personnel' }).waitFor({ timeout: 6000 });
    const field = page.getByLabel('Code');
    for (let i = 0; i < 3; i++) {
      await field.fill(`mauvais-${i}0`);
      await page.getByRole('button', { name: 'Valider' }).click();
      await page.getByText('Code incorrect.').waitFor();
      await page.waitForFunction(() => document.querySelector('#staff-code').value === '');
    }
    const wait = page.getByText(/Trop d'essais\u00a0: nouvel essai possible dans \d+ s/);
    await wait.waitFor();
    assert.match(await wait.innerText(), /dans (10|9) s/, 'the first wait is 10 s');
    assert.ok(await field.isDisabled(), 'no typing while waiting');
    assert.ok(await page.getByRole('button', { name: 'Valider' }).isDisabled());
    // Closing and reopening the panel, or reloading, does not start the count again.
    await page.reload();
    await appReady(page);
    await page.locator('.attract').tap();
    await page.locator('.topbar').dispatchEvent('pointerdown');
    await wait.waitFor({ timeout: 6000 });
    assert.ok(await field.isDisabled());
    // Once the wait is over, the right code opens the panel (and the count starts afresh).
    await page.waitForFunction(() => !document.querySelector('#staff-code').disabled, null, { timeout: 15000 });
    await field.fill('24681357');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByRole('button', { name: 'Exporter les réponses' }).waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('recit.staff.wrong-tries')), null);
    await page.close();
  } finally {
    await rm(join(DIST, 'kiosk.json'), { force: true });
  }
});

test('before « Envoyer » a notice says who, why, how long, anonymous, and links to the data page with the contact', async () => {
  execFileSync('node', ['scripts/kiosk-code.mjs', '24681357', DIST, '--retention-days', '45', '--contact', 'Conseil de développement, 1 rue X, cd@example.org'], { cwd: ROOT });
  try {
    for (const [lang, field, who, days, link, contact] of [
      ['fr', 'Et vous, quel avenir pour votre quartier ?', 'Conseil de développement', '45 jours au plus', 'Vos données et vos droits', 'cd@example.org'],
      ['en', 'And you: what future for your neighbourhood?', 'development council', '45 days at most', 'Your data and your rights', 'cd@example.org'],
    ]) {
      const page = await browser.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${server.url}/${lang}/commune/${steps.at(-1)}${KIOSK_LONG}`);
      await appReady(page);
      await page.locator('.attract').tap();
      if (lang === 'en') await page.getByRole('link', { name: 'Read in English' }).tap();
      await page.locator('nav.trajectory li a').last().tap();
      const notice = page.locator('#visitor-answer-notice');
      await notice.getByText(days).waitFor();
      const text = await notice.innerText();
      assert.ok(text.includes(who) && /anonym/i.test(text) && /e-mail/.test(text), text);
      const described = await page.getByLabel(field).getAttribute('aria-describedby');
      assert.equal(described, 'visitor-answer-notice', 'read out with the field');
      // The notice comes before the button.
      const order = await page.evaluate(() => document.querySelector('#visitor-answer-notice').compareDocumentPosition(document.querySelector('.visitor-voice button[type=submit]')));
      assert.ok(order & 4, 'the notice precedes « Envoyer »');
      await notice.getByRole('link', { name: link }).tap();
      await page.waitForURL(`**/${lang === 'fr' ? 'fr/donnees-personnelles' : 'en/personal-data'}${KIOSK_LONG}`);
      await page.locator('.contact').getByText(contact).waitFor();
      const body = await page.locator('main').innerText();
      for (const needle of lang === 'fr' ? ['Conseil de développement', '45 jours', 'effacée automatiquement', 'anonymes', 'effacer', 'CNIL'] : ['development council', '45 days', 'deleted automatically', 'anonymous', 'deleted', 'CNIL']) {
        assert.ok(body.includes(needle), `${lang}: the page says « ${needle} »`);
      }
      assert.deepEqual(errors, []);
      await page.close();
    }
  } finally {
    await rm(join(DIST, 'kiosk.json'), { force: true });
  }
  // Without kiosk.json, the page (loaded directly, as from the notice's address) says so.
  const page = await browser.newPage();
  await page.goto(`${server.url}/fr/donnees-personnelles`);
  await appReady(page);
  await page.locator('.contact').getByText("Le contact n'est pas encore renseigné").waitFor();
  assert.ok((await page.locator('.retention').innerText()).includes('90 jours'), 'the default retention');
  await page.close();
});

test('answers older than the retention period are deleted at start, recent ones kept', async () => {
  execFileSync('node', ['scripts/kiosk-code.mjs', '24681357', DIST, '--retention-days', '30'], { cwd: ROOT });
  try {
    const { page } = await kioskPage();
    const day = 86400000;
    const keys = await page.evaluate((day) => {
      const now = Date.now();
      const keys = { old: `recit.visitor.${now - 40 * day}`, older: `recit.visitor.${now - 400 * day}`, recent: `recit.visitor.${now - 10 * day}` };
      for (const [age, key] of Object.entries(keys)) {
        localStorage.setItem(key, ['fr', 'commune', 'x', new Date(Number(key.split('.').at(-1))).toISOString(), `réponse ${age}`].join('\t'));
      }
      return keys;
    }, day);
    await page.reload();
    await appReady(page);
    await page.waitForSelector('.attract');
    await page.waitForFunction((key) => localStorage.getItem(key) === null, keys.old, { timeout: 5000 });
    const left = await page.evaluate((keys) => Object.fromEntries(Object.entries(keys).map(([age, key]) => [age, localStorage.getItem(key) !== null])), keys);
    assert.deepEqual(left, { old: false, older: false, recent: true });
    await page.close();
  } finally {
    await rm(join(DIST, 'kiosk.json'), { force: true });
  }
});
