// Workshop mode in headless Chromium: teacher's console and pupils' tablets, glossary
// pop-ups, the quiz, « Mon récit », progress files and the printed worksheet.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { appReady, launch } from './browser.mjs';
import { withApp } from './app.mjs';
import { violations } from './axe.mjs';
import { ROOT, SCALES, title, workshop } from './story.mjs';

const app = withApp({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
let all, steps, server, browser, tmp, material;
before(async () => {
  await app.ready;
  ({ all, steps, server, browser } = app);
  material = workshop();
  tmp = await mkdtemp(join(tmpdir(), 'recit-workshop-'));
});
const open = (path, context = browser) => app.load(path, context);

/** A run of plain words from a note (no Markdown marks), to look for in a page. */
function fragment(note) {
  const runs = note.split(/[*_`[\]()]|\d+\. /).map((r) => r.trim()).filter((r) => r.length >= 25);
  assert.ok(runs.length, `no plain run in ${note}`);
  return runs.sort((a, b) => b.length - a.length)[0].slice(0, 40);
}

test('the teacher sees the notes; pupils and the projection never get them, at any step or scale', async () => {
  const notes = material.notes.filter((n) => n.lang === 'fr');
  assert.equal(notes.length, all.filter((v) => v.lang === 'fr').length, 'every view has notes');
  const teacher = (await open(`/fr/commune/${steps[2]}?atelier=enseignant`)).page;
  const note = notes.find((n) => n.scale === 'commune' && n.step === steps[2]);
  await teacher.getByRole('heading', { name: /Notes pour l'enseignant/ }).waitFor();
  assert.ok((await teacher.locator('.teacher-notes').textContent()).includes(fragment(note.text)));
  await teacher.close();

  const { page, errors } = await open(`/fr/commune/${steps[0]}?atelier`);
  for (const n of notes) {
    for (const role of ['atelier', 'atelier=projection']) {
      if (role !== 'atelier' && n.scale !== 'commune') continue;
      await page.goto(`${server.url}/fr/${n.scale}/${n.step}?${role}`);
      await appReady(page);
      await page.locator(`article[data-step="${n.step}"][data-scale="${n.scale}"]`).waitFor();
      await page.locator('.workshop-panel').waitFor();
      const text = await page.evaluate(() => document.documentElement.textContent);
      assert.ok(!text.includes(fragment(n.text)), `the notes of ${n.step} at ${n.scale} are in the ${role} view`);
      assert.equal(await page.locator('.teacher-console').count(), 0);
    }
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('the QR code on the console holds the pupils\' deep link, which opens the same step and scale', async () => {
  const path = `/fr/agglomeration/${steps[3]}`;
  const { page } = await open(`${path}?atelier=enseignant`);
  // Evaluated by the test driver, not added as a script: the page's CSP allows no inline script.
  await page.evaluate(await readFile(resolve(ROOT, 'node_modules/jsqr/dist/jsQR.js'), 'utf8'));
  const decoded = await page.evaluate(async () => {
    const svg = document.querySelector('.qr-code');
    const image = new Image();
    image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(new XMLSerializer().serializeToString(svg));
    await image.decode();
    const canvas = Object.assign(document.createElement('canvas'), { width: 400, height: 400 });
    const context = canvas.getContext('2d');
    context.imageSmoothingEnabled = false;
    context.drawImage(image, 0, 0, 400, 400);
    return window.jsQR(context.getImageData(0, 0, 400, 400).data, 400, 400)?.data ?? null;
  });
  const pupils = `${server.url}${path}?atelier`;
  assert.equal(decoded, pupils);
  assert.equal(await page.locator('.pupils-link .url').textContent(), pupils, 'the link is also written out');
  await page.close();

  const pupil = (await open(`${path}?atelier`)).page;
  assert.equal(await pupil.locator('h1').textContent(), title(all, 'fr', 'agglomeration', steps[3]));
  assert.equal(await pupil.locator('.scale.selected input').getAttribute('value'), 'agglomeration');
  assert.ok(await pupil.locator('.questions textarea').count() > 0, 'pupils can write their answers');
  await pupil.close();
});

test('the projected view follows the teacher\'s console', async () => {
  const { page } = await open(`/fr/commune/${steps[0]}?atelier=enseignant`);
  const [projection] = await Promise.all([
    browser.waitForEvent('page'),
    page.getByRole('button', { name: 'Ouvrir la vue projetée' }).click(),
  ]);
  await projection.waitForURL(`**/fr/commune/${steps[0]}?atelier=projection`);
  // The app's screen, not the page as it arrived (the reader's, without the projection's type).
  await appReady(projection);
  assert.equal(await projection.evaluate(() => getComputedStyle(document.documentElement).fontSize), '27px', 'large type');
  assert.equal(await projection.locator('.sidebar').isVisible(), false);
  await page.getByRole('link', { name: 'Suivant', exact: true }).click();
  await projection.waitForURL(`**/fr/commune/${steps[1]}?atelier=projection`);
  await page.getByRole('radio', { name: /Pôle métropolitain/ }).check();
  await projection.waitForURL(`**/fr/pole/${steps[1]}?atelier=projection`);
  assert.equal(await projection.locator('h1').textContent(), title(all, 'fr', 'pole', steps[1]));
  assert.equal(await projection.locator('.teacher-console, textarea').count(), 0);
  await projection.close();
  await page.close();
});

test('glossary words open their definition by keyboard, and Escape or « Fermer » closes it', async () => {
  const step = steps[2];
  const { page, errors } = await open(`/fr/commune/${step}?atelier`);
  const terms = material.terms.filter((t) => t.lang === 'fr' && t.scale === 'commune' && t.step === step);
  const first = page.locator('.text .term').first();
  assert.ok(await first.count(), 'a glossary word is marked in the text');
  const id = (await first.getAttribute('popovertarget')).replace(/^term-/, '');
  assert.ok(terms.some((t) => t.id === id), `${id} is a term of this view`);
  for (let i = 0; i < 80 && !(await first.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  assert.ok(await first.evaluate((el) => el === document.activeElement), 'reached with Tab');
  const popup = page.locator(`#term-${id}`);
  await page.keyboard.press('Enter');
  assert.ok(await popup.evaluate((el) => el.matches(':popover-open')), 'Enter opens it');
  assert.match(await first.ariaSnapshot(), /\[expanded\]/, 'screen readers hear it is expanded');
  assert.equal(await popup.getAttribute('role'), 'dialog');
  assert.match(await popup.textContent(), /\S{20}/, 'it shows the definition');
  assert.deepEqual(await violations(page), [], 'no accessibility violation with the pop-up open');
  await page.keyboard.press('Escape');
  assert.ok(!(await popup.evaluate((el) => el.matches(':popover-open'))), 'Escape closes it');
  assert.ok(await first.evaluate((el) => el === document.activeElement), 'focus is back on the word');
  await page.keyboard.press('Space');
  assert.ok(await popup.evaluate((el) => el.matches(':popover-open')), 'Space opens it');
  await popup.getByRole('button', { name: 'Fermer' }).focus();
  await page.keyboard.press('Enter');
  assert.ok(!(await popup.evaluate((el) => el.matches(':popover-open'))), '« Fermer » closes it');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the quiz at every scale explains each answer with the report and ends with the score; a reload resumes it', async () => {
  const { page, errors } = await open(`/fr/quiz/commune?atelier`);
  for (const scale of SCALES) {
    const questions = material.quiz.filter((q) => q.lang === 'fr' && q.scale === scale);
    assert.ok(questions.length >= steps.length, `a question per step at ${scale}`);
    await page.goto(`${server.url}/fr/quiz/${scale}?atelier`);
    await appReady(page);
    for (let i = 0; i < questions.length; i++) {
      const legend = page.locator('.quiz legend');
      await legend.waitFor();
      assert.match(await legend.textContent(), new RegExp(`Question ${i + 1} sur ${questions.length}`));
      const shown = await page.locator('.quiz legend .question').textContent();
      const q = questions.find((x) => x.question === shown);
      assert.ok(q, `the question « ${shown} » is from the story`);
      // The first answer is wrong on purpose; the others are right.
      const chosen = i === 0 ? (q.answer % q.options.length) : q.answer - 1;
      await page.locator('.quiz .option input').nth(chosen).check();
      await page.getByRole('button', { name: 'Valider' }).click();
      const feedback = page.locator('.feedback');
      await feedback.waitFor();
      assert.equal(await feedback.locator('.verdict').textContent(), i === 0 ? 'Pas tout à fait.' : 'Bonne réponse\u202f!');
      if (i === 0) assert.ok((await feedback.textContent()).includes(q.options[q.answer - 1]), 'the right answer is given');
      assert.match(await feedback.locator('.explanation').textContent(), /\S{10}/);
      assert.match(await feedback.locator('.cited figcaption').textContent(), /Extrait du rapport/);
      if (i === 1 && scale === 'commune') {
        // A reload resumes after the answered questions.
        await page.reload();
        await appReady(page);
        await page.locator('.quiz legend').waitFor();
        assert.match(await page.locator('.quiz legend').textContent(), /Question 3 sur/);
        continue;
      }
      await page.locator('.quiz button.primary').click();
    }
    await page.locator('.quiz-score').waitFor();
    assert.equal(await page.locator('.quiz-score .score').textContent(), `Score\u00a0: ${questions.length - 1} sur ${questions.length}`);
  }
  assert.deepEqual(await violations(page), []);
  await page.getByRole('button', { name: 'Recommencer le quiz' }).click();
  await page.locator('.quiz legend').waitFor();
  assert.match(await page.locator('.quiz legend').textContent(), /Question 1 sur/);
  assert.deepEqual(errors, []);
  await page.close();
});

const MY_STORY = {
  'Ma ville ou mon village': 'Liévin',
  "D'où venons-nous ?": 'Des mines « noires »,\nde la suie et du charbon.\t"Fin" \\ 🚋',
  'Où voulons-nous aller ?': 'Un archipel vert.',
  'Ce que peut faire la commune': 'Écouter les habitants.',
};

test('« Mon récit » and the answers survive a reload; the exported file re-imports identically elsewhere', async () => {
  const { page, errors } = await open(`/fr/${'commune'}/${steps[2]}?atelier`);
  await page.locator('.questions textarea').first().fill('Tout le monde attend le maire.');
  await page.goto(`${server.url}/fr/mon-recit?atelier`);
  await appReady(page);
  for (const [label, value] of Object.entries(MY_STORY)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.reload();
  await appReady(page);
  for (const [label, value] of Object.entries(MY_STORY)) assert.equal(await page.getByLabel(label, { exact: true }).inputValue(), value);
  await page.goto(`${server.url}/fr/commune/${steps[2]}?atelier`);
  await appReady(page);
  assert.equal(await page.locator('.questions textarea').first().inputValue(), 'Tout le monde attend le maire.');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Enregistrer ma progression dans un fichier' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'recit-progression.toml');
  const file = join(tmp, 'progression.toml');
  await download.saveAs(file);
  const exported = await readFile(file, 'utf8');
  assert.match(exported, /^format = "recit-progression\/1"$/m);
  assert.deepEqual(errors, []);
  await page.close();

  // Another device: a fresh browser profile.
  const other = await launch({ viewport: { width: 1024, height: 768 }, acceptDownloads: true });
  try {
    const { page: tablet, errors: tabletErrors } = await open(`/fr/mon-recit?atelier`, other);
    assert.equal(await tablet.getByLabel('Ma ville ou mon village', { exact: true }).inputValue(), '');
    await tablet.locator('.progress-file input[type=file]').setInputFiles(file);
    await tablet.getByText('Progression chargée.').waitFor();
    // The imported story shows at once, and the pupil can go back to where they were.
    for (const [label, value] of Object.entries(MY_STORY)) assert.equal(await tablet.getByLabel(label, { exact: true }).inputValue(), value);
    await tablet.getByRole('link', { name: "Reprendre où j'en étais" }).click();
    await tablet.waitForURL(`**/fr/commune/${steps[2]}?atelier`);
    assert.equal(await tablet.locator('.questions textarea').first().inputValue(), 'Tout le monde attend le maire.');
    const [again] = await Promise.all([
      tablet.waitForEvent('download'),
      tablet.getByRole('button', { name: 'Enregistrer ma progression dans un fichier' }).click(),
    ]);
    const second = join(tmp, 'again.toml');
    await again.saveAs(second);
    assert.equal(await readFile(second, 'utf8'), exported, 'the export re-imports identically');
    assert.deepEqual(tabletErrors, []);
  } finally {
    await other.close();
  }
});

test('a malformed or foreign progress file gives located errors and changes nothing', async () => {
  const { page, errors } = await open(`/fr/mon-recit?atelier`);
  await page.getByLabel('Ma ville ou mon village', { exact: true }).fill('Loos');
  const cases = [
    ['broken.toml', 'format = "recit-progression/1"\n[mon-recit]\nville = "sans fin\n', /broken\.toml:3:\d+/],
    ['types.toml', 'format = "recit-progression/1"\nvisited = 3\n[quiz]\n"commune.etape-inconnue.1" = 2\n', /types\.toml:2:\d+[\s\S]*types\.toml:4:\d+/],
    ['other.toml', 'title = "une autre histoire"\n', /other\.toml:1:1/],
    ['huge.toml', 'x'.repeat(300 * 1024), /huge\.toml/],
  ];
  for (const [name, content, located] of cases) {
    const path = join(tmp, name);
    await writeFile(path, content);
    await page.locator('.progress-file input[type=file]').setInputFiles(path);
    const refused = page.locator('.refused');
    await refused.waitFor();
    assert.match(await refused.textContent(), /rien n'a changé/);
    assert.match(await refused.textContent(), located, `${name} is refused with its place`);
    assert.equal(await page.getByLabel('Ma ville ou mon village', { exact: true }).inputValue(), 'Loos');
  }
  await page.reload();
  await appReady(page);
  assert.equal(await page.getByLabel('Ma ville ou mon village', { exact: true }).inputValue(), 'Loos', 'the saved work is untouched');
  assert.deepEqual(errors, []);
  await page.close();
});

/** A text with French typesetting's no-break spaces as spaces: titles and pdftotext's text compare
 *  whichever space pdftotext writes. */
const spaced = (text) => text.replace(/[\u00a0\u202f]/g, ' ');

/** The text of each page of a PDF, with pdftotext (poppler), no-break spaces as spaces. */
function pdfPages(file) {
  const count = Number(execFileSync('pdfinfo', [file], { encoding: 'utf8' }).match(/^Pages:\s+(\d+)/m)[1]);
  return Array.from({ length: count }, (_, i) => spaced(execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-layout', file, '-'], { encoding: 'utf8' })));
}

test('the worksheet prints to a clean A4 PDF: a page per step, questions and lines, no navigation', async () => {
  const { page } = await open('/fr/fiche?atelier');
  const order = await page.locator('.sheet-step').evaluateAll((sections) => sections.map((s) => s.dataset.step));
  assert.ok(order.length > steps.length, 'main and side steps');
  const file = join(tmp, 'fiche.pdf');
  await page.pdf({ path: file, format: 'A4', preferCSSPageSize: true });
  const pages = pdfPages(file);
  const text = pages.join('\n');
  for (const chrome of ['Précédent', 'Suivant', 'Imprimer', 'English', 'Retour au récit', 'Enregistrer ma progression']) {
    assert.ok(!text.includes(chrome), `« ${chrome} » is not printed`);
  }
  assert.match(pages[0], /Fiche d'atelier/);
  assert.match(pages[0], /Trajectoire/);
  // The first step follows the trajectory; each next one starts a page, in order, with its
  // kicker and its commune title.
  const heading = (step) => spaced(title(all, 'fr', 'commune', step)).slice(0, 18);
  let at = pages.findIndex((p) => p.includes(`Étape 1 sur ${steps.length}`) && p.includes(heading(order[0])));
  assert.ok(at === 0 || at === 1, 'the first step is on the first pages');
  for (const step of order.slice(1)) {
    const found = pages.findIndex((p, i) => i > at && p.trimStart().match(/^(Étape \d+ sur \d+|Chemin de traverse)/) && p.includes(heading(step)));
    assert.ok(found > at, `${step} starts a page after the previous step`);
    at = found;
  }
  await page.close();

  const one = (await open(`/fr/fiche/${steps[2]}`)).page;
  const single = join(tmp, 'etape.pdf');
  await one.pdf({ path: single, format: 'A4', preferCSSPageSize: true });
  const stepPages = pdfPages(single);
  assert.ok(stepPages.length >= 2 && stepPages.length <= 4, `a one-step worksheet is short (${stepPages.length} pages)`);
  const stepText = stepPages.join('\n').replace(/\s+/g, ' ');
  for (const scale of SCALES) assert.ok(stepText.includes(spaced(title(all, 'fr', scale, steps[2])).slice(0, 18)), `the ${scale} view is summed up`);
  assert.ok(!stepText.includes('Suivant'));
  await one.close();
});

test('workshop pages have no accessibility violation', async () => {
  for (const path of [`/fr/commune/${steps[1]}?atelier`, `/fr/pole/${steps[1]}?atelier=enseignant`, `/fr/commune/${steps[1]}?atelier=projection`,
    '/fr/quiz/agglomeration?atelier', '/fr/mon-recit?atelier', `/fr/fiche/${steps[1]}?atelier`, `/en/commune/${steps[1]}?atelier`, '/en/quiz/commune?atelier']) {
    const { page, errors } = await open(path);
    assert.deepEqual(await violations(page), [], path);
    assert.deepEqual(errors, [], path);
    await page.close();
  }
});

test('the start screen leads a class to the console or a tablet, and a pupil back to where they were', async () => {
  const { page, errors } = await open('/fr');
  await page.getByRole('link', { name: /Console de l'enseignant/ }).click();
  await page.waitForURL(`**/fr/commune/${steps[0]}?atelier=enseignant`);
  await page.locator('.teacher-console').waitFor();
  await page.goto(`${server.url}/fr`);
  await appReady(page);
  await page.getByRole('link', { name: /Tablette d'élève/ }).click();
  await page.waitForURL(`**/fr/commune/${steps[0]}?atelier`);
  // A new page (the workshop's app): its prerendered links, until the app takes over, are the
  // plain reader's, without the workshop's query.
  await appReady(page);
  await page.getByRole('link', { name: 'Suivant', exact: true }).click();
  await page.waitForURL(`**/fr/commune/${steps[1]}?atelier`);
  await page.goto(`${server.url}/fr?atelier`);
  await appReady(page);
  await page.getByRole('link', { name: "Reprendre où j'en étais" }).click();
  await page.waitForURL(`**/fr/commune/${steps[1]}?atelier`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a device that cannot keep the work downloads it at once and says so', async () => {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
  });
  await page.goto(`${server.url}/fr/mon-recit?atelier`);
  await appReady(page);
  await page.locator('main h1').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByLabel('Ma ville ou mon village', { exact: true }).fill('Lens')]);
  assert.equal(download.suggestedFilename(), 'recit-progression.toml');
  await page.getByRole('alert').filter({ hasText: 'ne peut plus enregistrer' }).waitFor();
  await page.close();
});
