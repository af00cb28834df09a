// The council writing together on `recit serve --data`: two members in two browsers edit the
// same view live (different fields, then the same field key by key), one goes offline for
// 30 s and both go on, and the server is killed (`kill -9`) while a member types.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './server.mjs';
import { launch, until } from './browser.mjs';
import { DIST, trajectory, views } from './story.mjs';

const PASSWORD = 'un long mot de passe du conseil';
let data, server, port, said, anne, marc, view;

/** Joins with an invitation link in a browser of its own; the browser. */
async function member(link, name) {
  const browser = await launch({ viewport: { width: 1400, height: 1000 } });
  const page = await browser.newPage();
  await page.goto(link);
  await page.getByLabel('Votre nom').fill(name);
  await page.getByLabel('Mot de passe (12 caractères au moins)').fill(PASSWORD);
  await page.getByLabel('Le même, encore').fill(PASSWORD);
  await Promise.all([page.waitForURL(/\/editeur/), page.getByRole('button').click()]);
  await page.close();
  return browser;
}

/** The editor of the first step's commune view, once joined to the shared draft. */
async function editor(browser) {
  const page = await browser.newPage();
  page.errors = [];
  page.who = browser === anne ? 'Anne' : 'Marc';
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); if (process.env.DEBUG_LIVE) console.log(`# ${browser === anne ? 'anne' : 'marc'}: ${m.text()}`); });
  await page.goto(`${server.url}${view}`);
  await saved(page);
  return page;
}

const status = (page) => page.locator('.live-status').textContent();
/** Waits until `page` says « Enregistré sur le serveur »; fails after 15 s saying what it says. */
async function saved(page) {
  let said;
  for (const deadline = Date.now() + 15000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    said = await page.locator('.live-status').textContent({ timeout: 1000 }).catch(() => null);
    if (said === 'Enregistré sur le serveur') return;
  }
  const waiting = await page.locator('.live').getAttribute('data-waiting').catch(() => null);
  assert.fail(`${page.who}'s editor: not « Enregistré sur le serveur » after 15 s but « ${said} » (updates unacknowledged, ahead: ${waiting}); the page's errors: ${page.errors?.join('; ')}`);
}
const field = (page, label) => page.getByLabel(label, { exact: true });
const valueIs = (page, label, value) => until(page, ([label, value]) => [...document.querySelectorAll('label')].some((l) => l.textContent === label && document.getElementById(l.htmlFor)?.value === value), [label, value], `${label} = ${value}`);

/** How long `page` takes to show `value` in the field `label`, in ms. */
async function seen(page, label, value) {
  const start = Date.now();
  await valueIs(page, label, value);
  return Date.now() - start;
}

before(async () => {
  data = await mkdtemp(join(tmpdir(), 'recit-council-'));
  said = [];
  server = await startServer(DIST, 0, { args: ['--data', data], said });
  port = new URL(server.url).port;
  for (const deadline = Date.now() + 15000; !said.some((l) => l.includes('jeton='));) {
    assert.ok(Date.now() < deadline, 'the first administrator\'s link printed');
    await new Promise((r) => setTimeout(r, 50));
  }
  const first = said.find((l) => l.includes('jeton=')).match(/http:\/\/\S+/)[0];
  anne = await member(first, 'Anne');
  const page = await anne.newPage();
  await page.goto(`${server.url}/editeur`);
  const { link } = await page.evaluate(() => fetch('/api/invitations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'membre' }) }).then((r) => r.json()));
  await page.close();
  marc = await member(link, 'Marc');
  view = `/editeur/fr/etape/${trajectory(views())[0]}/commune`;
});

after(async () => {
  await anne?.close();
  await marc?.close();
  await server?.close();
  await rm(data, { recursive: true, force: true });
});

test('two members see each other live, in different fields and key by key in the same one', async () => {
  const [a, m] = [await editor(anne), await editor(marc)];
  await field(a, 'Titre · Français').fill('Le titre selon Anne');
  await field(m, 'Titre · Anglais').fill('The title according to Marc');
  const figures = [await seen(m, 'Titre · Français', 'Le titre selon Anne'), await seen(a, 'Titre · Anglais', 'The title according to Marc')];
  console.log(`# a change seen by the other member after ${figures.join(' and ')} ms`);
  // Presence: who is here, and in which field.
  await until(m, () => document.querySelector('.live-other')?.textContent === 'Anne', null, 'Anne shown to Marc');
  // The same text at the same time, key by key: Anne at the start, Marc at the end.
  await field(a, 'Titre · Français').focus();
  await a.keyboard.press('Home');
  await field(m, 'Titre · Français').focus();
  await m.keyboard.press('End');
  await Promise.all([a.keyboard.type('Déjà ', { delay: 60 }), m.keyboard.type(' (relu)', { delay: 60 })]);
  const merged = 'Déjà Le titre selon Anne (relu)';
  await valueIs(a, 'Titre · Français', merged);
  await valueIs(m, 'Titre · Français', merged);
  await saved(a);
  await saved(m);
  assert.deepEqual([...a.errors, ...m.errors], []);
  await a.close();
  await m.close();
});

test('a member offline for 30 s keeps editing; back online, both changes are everywhere', async () => {
  const [a, m] = [await editor(anne), await editor(marc)];
  await anne.setOffline(true);
  await until(a, () => /Hors ligne/.test(document.querySelector('.live-status')?.textContent), null, 'offline shown');
  await field(a, 'Texte · Français').fill('Écrit dans le train, sans réseau.');
  await field(m, 'Titre · Français').fill('Pendant ce temps, au conseil');
  await new Promise((r) => setTimeout(r, 30_000));
  assert.match(await status(a), /Hors ligne/);
  await anne.setOffline(false);
  await valueIs(a, 'Titre · Français', 'Pendant ce temps, au conseil');
  await valueIs(m, 'Texte · Français', 'Écrit dans le train, sans réseau.');
  await saved(a);
  await saved(m);
  await a.close();
  await m.close();
  // On the server: a new page of either member gets both from it.
  const fresh = await editor(marc);
  await valueIs(fresh, 'Texte · Français', 'Écrit dans le train, sans réseau.');
  await valueIs(fresh, 'Titre · Français', 'Pendant ce temps, au conseil');
  await fresh.close();
});

test('kill -9 while a member types: what was shown saved stays, the rest is sent again', async () => {
  const a = await editor(anne);
  await field(a, 'Titre · Français').fill('Avant');
  await saved(a);
  await field(a, 'Titre · Français').focus();
  await a.keyboard.press('End');
  const typing = a.keyboard.type(' et pendant la panne', { delay: 40 });
  await new Promise((r) => setTimeout(r, 300));
  await server.kill();
  await typing;
  await until(a, () => /Hors ligne/.test(document.querySelector('.live-status')?.textContent), null, 'offline shown');
  server = await startServer(DIST, port, { args: ['--data', data], said });
  await saved(a);
  const m = await editor(marc);
  await valueIs(m, 'Titre · Français', 'Avant et pendant la panne');
  await a.close();
  await m.close();
});
