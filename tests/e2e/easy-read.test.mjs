// « Facile à lire » and « Écouter » in headless Chromium, against the built dist/: the easy
// read at every view in both languages, kept in the address across moves, reloads, the kiosk
// (until its reset) and the workshop; reading aloud through a stand-in for the speech API.
// The tools work in the modes app; the plain reader's buttons open their address there.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { withApp } from './app.mjs';
import { appReady, launch } from './browser.mjs';
import { violations } from './axe.mjs';
import { SCALE_NAMES, easyRead } from './story.mjs';

const app = withApp({ viewport: { width: 1280, height: 900 } });
let texts, steps;
before(async () => {
  await app.ready;
  steps = app.steps;
  texts = easyRead();
});

const flat = (s) => s.replace(/\s+/g, ' ').trim();
const find = (lang, scale, step) => texts.find((v) => v.lang === lang && v.scale === scale && v.step === step);

/** The speech API's stand-in, installed before the app starts: it records what it is asked
 *  to speak (text, language, voice) and every `cancel()`, in `window.speech`. `voices` are
 *  language tags; `speech.setVoices(tags)` changes them and fires `voiceschanged`;
 *  `speech.finish()` ends the utterance being spoken as a real voice would. */
function speechStandIn(voices) {
  const voice = (lang) => ({ lang, name: `Voix ${lang}`, voiceURI: lang, default: false, localService: true });
  const synth = new EventTarget();
  let current = null;
  let list = voices.map(voice);
  window.speech = {
    spoken: [],
    cancels: 0,
    setVoices(tags) {
      list = tags.map(voice);
      synth.dispatchEvent(new Event('voiceschanged'));
    },
    finish() {
      const u = current;
      current = null;
      u?.onend?.(new Event('end'));
    },
  };
  Object.assign(synth, {
    get speaking() { return current !== null; },
    pending: false,
    paused: false,
    getVoices: () => list,
    speak(u) {
      window.speech.spoken.push({ text: u.text, lang: u.lang, voice: u.voice?.lang ?? null });
      current = u;
    },
    cancel() {
      window.speech.cancels += 1;
      const u = current;
      current = null;
      // A real voice reports an interrupted utterance afterwards.
      setTimeout(() => u?.onerror?.(new Event('error')), 0);
    },
  });
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = class {
    constructor(text = '') {
      Object.assign(this, { text, lang: '', voice: null, onend: null, onerror: null });
    }
  };
}

/** The reading tools' app at `path` (the plain reader's « Écouter » opens it so). */
const tools = (path) => `${path}?ecouter`;

/** Opens `path` with the speech stand-in (its voices, or none) and records the page's errors. */
async function load(path, voices = ['fr-FR', 'en-GB']) {
  const page = await app.browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.addInitScript(speechStandIn, voices);
  await page.goto(`${app.url}${path}`);
  await appReady(page);
  await page.waitForSelector('h1');
  return { page, errors };
}

const toggle = (page, lang = 'fr') => page.getByRole('button', { name: lang === 'fr' ? 'Facile à lire' : 'Easy read', exact: true });
const listen = (page, lang = 'fr') => page.getByRole('button', { name: lang === 'fr' ? 'Écouter' : 'Listen', exact: true });
const shownText = async (page) => flat(await page.locator('article .text').innerText());
const spoken = (page) => page.evaluate(() => window.speech.spoken);
const cancels = (page) => page.evaluate(() => window.speech.cancels);

/** Waits until the step shows the easy read of (lang, scale, step), the toggle pressed. */
async function assertEasy(page, lang, scale, step) {
  const view = find(lang, scale, step);
  assert.ok(view.easy, `${lang}/${scale}/${step} has an easy-read text`);
  await page.locator('.reading-easy[aria-pressed="true"]').waitFor();
  await page.waitForFunction((text) => document.querySelector('article .text')?.innerText.replace(/\s+/g, ' ').trim() === text, flat(view.easy));
  assert.equal(await toggle(page, lang).getAttribute('aria-pressed'), 'true');
  assert.match(page.url(), /[?&]facile\b/);
}

test('the toggle shows the easy read at every view, in both languages', async () => {
  assert.equal(texts.length, app.all.length, 'one easy-read record per view');
  const { page, errors } = await load(tools(`/fr/commune/${steps[0]}`));
  for (const v of texts) {
    await page.goto(`${app.url}${tools(`/${v.lang}/${v.scale}/${v.step}`)}`);
    await appReady(page);
    await page.waitForSelector('h1');
    assert.equal(await toggle(page, v.lang).getAttribute('aria-pressed'), 'false');
    await toggle(page, v.lang).click();
    await assertEasy(page, v.lang, v.scale, v.step);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('the easy read is kept across « Suivant », scale and language switches and a reload, and turns off', async () => {
  const { page, errors } = await load(`/fr/commune/${steps[0]}`);
  const full = await shownText(page);
  await toggle(page).click();
  await assertEasy(page, 'fr', 'commune', steps[0]);
  await page.getByRole('link', { name: 'Suivant', exact: true }).click();
  await page.waitForURL(`**/fr/commune/${steps[1]}?facile`);
  await assertEasy(page, 'fr', 'commune', steps[1]);
  await page.getByRole('radio', { name: SCALE_NAMES.fr.pole, exact: true }).check();
  await page.waitForURL(`**/fr/pole/${steps[1]}?facile`);
  await assertEasy(page, 'fr', 'pole', steps[1]);
  await page.locator('.lang-switch').click();
  await page.waitForURL(`**/en/pole/${steps[1]}?facile`);
  await assertEasy(page, 'en', 'pole', steps[1]);
  await page.reload();
  await appReady(page);
  await page.waitForSelector('h1');
  await assertEasy(page, 'en', 'pole', steps[1]);
  await toggle(page, 'en').click();
  await page.waitForURL(`**/en/pole/${steps[1]}`);
  assert.equal(await toggle(page, 'en').getAttribute('aria-pressed'), 'false');
  assert.equal(await page.locator('.reading-easy[aria-pressed="true"]').count(), 0);
  await page.goBack();
  await page.waitForURL(`**/fr/pole/${steps[1]}?facile`);
  await assertEasy(page, 'fr', 'pole', steps[1]);
  assert.notEqual(full, await shownText(page));
  assert.deepEqual(errors, []);
  await page.close();
});

test('the plain reader\'s buttons open the reading tools\' app, which its first visit does not download', async () => {
  const { page, errors } = await load(`/fr/commune/${steps[0]}`);
  await page.waitForLoadState('networkidle');
  const fetched = () => page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
  assert.ok(!(await fetched()).some((f) => f.includes('recit-plus')), 'not downloaded before it is asked for');
  await toggle(page).click();
  await page.waitForURL(`**/fr/commune/${steps[0]}?facile`);
  await assertEasy(page, 'fr', 'commune', steps[0]);
  assert.ok((await fetched()).some((f) => f.includes('recit-plus')), 'the reading tools\' app');
  await page.goto(`${app.url}/fr/agglomeration/${steps[2]}`);
  await appReady(page);
  await listen(page).click();
  await page.waitForURL(`**/fr/agglomeration/${steps[2]}?ecouter`);
  await page.waitForFunction(() => document.activeElement?.classList.contains('reading-listen'));
  assert.equal(await listen(page).getAttribute('aria-pressed'), 'false', 'ready under the finger: a page may not speak before it is touched');
  await listen(page).click();
  assert.equal(await listen(page).getAttribute('aria-pressed'), 'true');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the workshop keeps the easy read; the kiosk keeps it until its reset', async () => {
  const { page: pupil, errors } = await load(`/fr/commune/${steps[0]}?atelier&facile`);
  await assertEasy(pupil, 'fr', 'commune', steps[0]);
  await pupil.getByRole('link', { name: 'Suivant', exact: true }).click();
  await pupil.waitForURL(`**/fr/commune/${steps[1]}?atelier&facile`);
  await assertEasy(pupil, 'fr', 'commune', steps[1]);
  assert.deepEqual(errors, []);
  await pupil.close();

  const query = '?kiosk&idle=3&countdown=2';
  const { page } = await load(`/fr${query}`);
  await page.locator('.attract').click();
  await page.waitForURL(`**/fr/commune/${steps[0]}${query}`);
  await toggle(page).click();
  await assertEasy(page, 'fr', 'commune', steps[0]);
  await page.getByRole('link', { name: 'Suivant', exact: true }).click();
  await page.waitForURL(`**/fr/commune/${steps[1]}${query}&facile`);
  await assertEasy(page, 'fr', 'commune', steps[1]);
  // Left alone, the kiosk resets: the next visitor gets the full text.
  await page.locator('.attract').waitFor({ timeout: 15000 });
  await page.waitForURL(`**/fr/commune/${steps[0]}${query}`);
  await page.locator('.attract').click();
  assert.equal(await toggle(page).getAttribute('aria-pressed'), 'false');
  assert.equal(await page.locator('.reading-easy[aria-pressed="true"]').count(), 0);
  await page.close();
});

test('« Écouter » reads the title and the text shown in the page\'s language, and stops on every move', async () => {
  const { page, errors } = await load(tools(`/fr/commune/${steps[0]}`));
  await listen(page).click();
  assert.equal(await listen(page).getAttribute('aria-pressed'), 'true');
  let said = await spoken(page);
  assert.equal(said.length, 1);
  assert.equal(flat(said[0].text), flat(find('fr', 'commune', steps[0]).spokenText));
  assert.equal(said[0].lang, 'fr-FR');
  assert.equal(said[0].voice, 'fr-FR');

  // Pressed again: silence.
  let before = await cancels(page);
  await listen(page).click();
  assert.equal(await cancels(page), before + 1);
  assert.equal(await listen(page).getAttribute('aria-pressed'), 'false');

  // The easy read shown: it is what is read; turning it off stops the voice.
  await toggle(page).click();
  await assertEasy(page, 'fr', 'commune', steps[0]);
  await listen(page).click();
  said = await spoken(page);
  assert.equal(flat(said.at(-1).text), flat(find('fr', 'commune', steps[0]).spokenEasy));
  before = await cancels(page);
  await toggle(page).click();
  await page.waitForFunction((n) => window.speech.cancels > n, before);
  // Released once the voice reports the interrupted utterance, as a real one does afterwards.
  await page.waitForFunction(() => document.querySelector('.reading-listen')?.getAttribute('aria-pressed') === 'false');

  // « Suivant », a scale, the language: each stops the voice.
  const moves = [
    [() => page.getByRole('link', { name: 'Suivant', exact: true }).click(), `**/fr/commune/${steps[1]}`],
    [() => page.getByRole('radio', { name: SCALE_NAMES.fr.agglomeration, exact: true }).check(), `**/fr/agglomeration/${steps[1]}`],
    [() => page.locator('.lang-switch').click(), `**/en/agglomeration/${steps[1]}`],
  ];
  for (const [move, url] of moves) {
    const lang = new URL(page.url()).pathname.slice(1, 3);
    await listen(page, lang).click();
    assert.equal(await listen(page, lang).getAttribute('aria-pressed'), 'true');
    before = await cancels(page);
    await move();
    await page.waitForURL(url);
    await page.waitForFunction((n) => window.speech.cancels > n, before);
  }
  await listen(page, 'en').click();
  said = await spoken(page);
  assert.equal(said.at(-1).lang, 'en-GB');
  assert.equal(flat(said.at(-1).text), flat(find('en', 'agglomeration', steps[1]).spokenText));

  // The voice ends by itself: the button is released.
  await page.evaluate(() => window.speech.finish());
  await page.waitForFunction(() => document.querySelector('.reading-listen')?.getAttribute('aria-pressed') === 'false');
  assert.deepEqual(errors, []);
  await page.close();
});

test('« Écouter » is absent where the browser has no voice for the language, and appears with one', async () => {
  const { page, errors } = await load(tools(`/en/commune/${steps[0]}`), ['fr-CA']);
  await toggle(page, 'en').waitFor();
  assert.equal(await listen(page, 'en').count(), 0, 'no English voice');
  await page.locator('.lang-switch').click();
  await page.waitForURL(`**/fr/commune/${steps[0]}`);
  await listen(page).click();
  assert.equal((await spoken(page)).at(-1).voice, 'fr-CA', 'any voice of the language');
  await page.close();

  const later = await load(tools(`/fr/commune/${steps[0]}`), []);
  await toggle(later.page).waitFor();
  assert.equal(await listen(later.page).count(), 0);
  await later.page.evaluate(() => window.speech.setVoices(['fr-FR']));
  await listen(later.page).waitFor();
  assert.deepEqual([...errors, ...later.errors], []);
  await later.page.close();
});

test('no accessibility violation with both buttons, pressed or not', async () => {
  const plain = await load(`/fr/commune/${steps[0]}`);
  assert.deepEqual(await violations(plain.page), [], 'the plain reader\'s buttons');
  await plain.page.close();
  const { page } = await load(tools(`/fr/commune/${steps[0]}`));
  await listen(page).waitFor();
  assert.deepEqual(await violations(page), []);
  await toggle(page).click();
  await listen(page).click();
  await assertEasy(page, 'fr', 'commune', steps[0]);
  assert.deepEqual(await violations(page), []);
  await page.close();
});
