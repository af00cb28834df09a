// The development council's editor in headless Chromium: edits kept across reloads, export and
// import of the story folder, hostile files, merging members' contributions, and an exported
// folder that builds and shows the edit.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile, readFile, mkdir, readdir } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './server.mjs';
import { appReady, launch } from './browser.mjs';
import { withApp } from './app.mjs';
import { violations } from './axe.mjs';
import { ROOT, title } from './story.mjs';

const app = withApp({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
let all, steps, server, browser, tmp;
before(async () => {
  await app.ready;
  ({ all, steps, server, browser } = app);
  tmp = await mkdtemp(join(tmpdir(), 'recit-editor-'));
});
const open = (path, context = browser) => app.load(path, context);

const contribution = (id, text, status = 'proposed') => `[[contribution]]\nid = "${id}"\nstep = "${'STEP'}"\nscale = "commune"\nlang = "fr"\ndate = "2026-11-20"\nauthor = "Membre"\nattribution = "name"\nconsent = "2026-11-19"\nrole = "habitante"\nsource = "réunion du conseil"\nstatus = "${status}"\ntext = "${text}"\n`;

const NEW_TITLE = 'Une ville du bassin minier, racontée par le Conseil';
const titleField = (page) => page.getByLabel('Titre · Français', { exact: true });

async function exportZip(page, name) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Exporter le dossier story/ (zip)' }).click(),
  ]);
  const file = join(tmp, name);
  await download.saveAs(file);
  return file;
}

async function importFile(page, file) {
  await page.locator('.toolbar input[type=file]').setInputFiles(file);
  await page.locator('.toolbar .import-outcome > *').waitFor();
  return page.locator('.toolbar .import-outcome').textContent();
}

test('an edit is checked live, previewed, undoable, and still there after a reload', async () => {
  const { page, errors } = await open(`/editeur/fr/etape/${steps[0]}/commune`);
  assert.equal(await titleField(page).inputValue(), title(all, 'fr', 'commune', steps[0]));
  await titleField(page).fill('');
  const problems = page.locator(`#${await titleField(page).getAttribute('aria-describedby')}`);
  await problems.locator('.error').waitFor();
  assert.match(await problems.textContent(), /empty in French/, 'the problem is next to the field');
  await titleField(page).fill(NEW_TITLE);
  assert.equal(await page.locator('.preview-title').textContent(), NEW_TITLE);
  assert.match(await page.locator('.draft-state').textContent(), /Modifications non exportées/);
  await titleField(page).blur();
  await page.getByRole('button', { name: 'Annuler' }).click();
  assert.equal(await titleField(page).inputValue(), title(all, 'fr', 'commune', steps[0]));
  await page.getByRole('button', { name: 'Rétablir' }).click();
  assert.equal(await titleField(page).inputValue(), NEW_TITLE);
  await page.reload();
  await appReady(page);
  await page.locator('.editor-main').waitFor();
  assert.equal(await titleField(page).inputValue(), NEW_TITLE);
  await page.getByRole('link', { name: 'Changements' }).click();
  await page.locator('table.changes').waitFor();
  assert.match(await page.locator('table.changes').textContent(), new RegExp(NEW_TITLE));
  assert.deepEqual(errors, []);
  await page.close();
});

test('export → import elsewhere gives the identical draft; the exported folder, published, shows the edit and the picture', async () => {
  await attachPicture(steps[1]);
  const { page } = await open(`/editeur/fr/etape/${steps[0]}/commune`);
  // The step's motif, drawn in the foreground of its landscape.
  await page.getByLabel('Au premier plan du paysage dessiné').selectOption('forum');
  await page.goto(`${app.url}/editeur/fr`);
  await appReady(page);
  await page.locator('.editor-main').waitFor();
  // An accepted testimony, which readers will see at its step and scale once built.
  // And an anonymous one, whose author's name must not reach readers' apps at all.
  const anonymous = contribution('temoin-anonyme', 'Le terril, on y monte le dimanche.', 'accepted')
    .replace('author = "Membre"', 'author = "Dominique Discrète"').replace('attribution = "name"', 'attribution = "anonymous"');
  await writeFile(join(tmp, 'conseil.toml'), [contribution('temoin-publie', 'On respire mieux depuis les jardins.', 'accepted'), anonymous].join('\n').replaceAll('STEP', steps[0]));
  assert.match(await importFile(page, join(tmp, 'conseil.toml')), /2 ajoutées/);
  const first = await exportZip(page, 'export.zip');
  assert.doesNotMatch(await page.locator('.draft-state').textContent(), /non exportées/, 'exported');
  await page.close();

  const other = await launch({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  try {
    const { page: elsewhere, errors } = await open(`/editeur/fr/etape/${steps[0]}/commune`, other);
    assert.equal(await titleField(elsewhere).inputValue(), title(all, 'fr', 'commune', steps[0]), 'a fresh device starts from the published story');
    assert.match(await importFile(elsewhere, first), /Fichier importé/);
    assert.equal(await titleField(elsewhere).inputValue(), NEW_TITLE);
    const second = await exportZip(elsewhere, 'again.zip');
    assert.deepEqual(await readFile(second), await readFile(first), 'the same files, byte for byte');
    assert.deepEqual(errors, []);
  } finally {
    await other.close();
  }

  // The council's side: unpack the exported folder, check it, publish it, read it.
  const folder = join(tmp, 'unpacked');
  await mkdir(folder, { recursive: true });
  execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', first, folder]);
  const story = join(folder, 'story');
  const titles = execFileSync('cargo', ['run', '-q', '--release', '-p', 'recit-story', '--bin', 'recit-check', '--', story, '--titles'], { cwd: ROOT, encoding: 'utf8' });
  assert.ok(titles.includes(`fr\tcommune\t${steps[0]}\t0\t${NEW_TITLE}`), 'the checker reads the edit');
  const dist = join(tmp, 'dist');
  execFileSync(join(ROOT, 'target/release/recit'), ['publish', story, '--out', dist], { stdio: 'ignore' });
  const built = await startServer(dist);
  try {
    const reader = await browser.newPage();
    await reader.goto(`${built.url}/fr/commune/${steps[0]}`);
    await appReady(reader);
    assert.equal(await reader.locator('h1').textContent(), NEW_TITLE);
    const landscape = reader.locator('main [role=img].land');
    assert.equal(await landscape.getAttribute('data-m'), 'forum', 'the motif chosen in the editor is drawn');
    assert.match(await landscape.getAttribute('aria-label'), /un forum et ses stands$/);
    const voice = reader.locator('.voices .voice');
    assert.match(await reader.locator('.voices h2').textContent(), /Paroles d'habitants/);
    const voices = await voice.allTextContents();
    assert.ok(voices.some((v) => /On respire mieux depuis les jardins\.[\s\S]*— Membre, habitante \(réunion du conseil, 2026-11-20\)/.test(v)), voices.join(' | '));
    assert.ok(voices.some((v) => /on y monte le dimanche\.[\s\S]*— Anonyme, habitante/.test(v)), voices.join(' | '));
    const name = Buffer.from('Dominique Discrète');
    for (const entry of await readdir(dist, { withFileTypes: true })) {
      if (!entry.isFile() || /\.(br|gz)$/.test(entry.name)) continue;
      // The council's editor included: the name stays in the council's own files and drafts.
      assert.ok(!(await readFile(join(dist, entry.name))).includes(name), `${entry.name}: the anonymous author's name is in no file of the site`);
    }
    assert.equal(await reader.locator('.council-picture').count(), 0, 'a view without a picture shows none');

    // The picture: at its view only, lazily loaded from /media/, with its size and provenance.
    assert.equal((await readdir(join(story, 'media'))).length, 1, 'the zip carries the picture');
    assert.equal((await readdir(join(dist, 'media'))).length, 1, 'the site carries it');
    await reader.goto(`${built.url}/fr/commune/${steps[1]}`);
    await appReady(reader);
    const picture = reader.getByRole('img', { name: PICTURE.altFr });
    await picture.waitFor();
    assert.equal(await reader.locator('main [role=img].land').count(), 0, 'the picture replaces the drawn landscape');
    assert.equal(await picture.getAttribute('loading'), 'lazy');
    assert.deepEqual([await picture.getAttribute('width'), await picture.getAttribute('height')], ['48', '30'], 'its room is kept');
    await picture.scrollIntoViewIfNeeded();
    await reader.waitForFunction(() => document.querySelector('.council-picture img')?.naturalWidth === 48);
    assert.equal(await reader.locator('.council-picture figcaption').textContent(), `${PICTURE.credit} · ${PICTURE.licence} · ${PICTURE.by}, ${PICTURE.date}`);
    assert.deepEqual(await violations(reader), []);
    await reader.goto(`${built.url}/en/commune/${steps[1]}`);
    await appReady(reader);
    await reader.getByRole('img', { name: PICTURE.altEn }).waitFor();
    await reader.goto(`${built.url}/fr/pole/${steps[1]}`);
    await appReady(reader);
    await reader.locator('h1').waitFor();
    assert.equal(await reader.locator('.council-picture').count(), 0, 'the other scales of that step keep their own view');
    await reader.close();
  } finally {
    await built.close();
  }
});

/** A small PNG of one colour, made here: 48 × 30 pixels. */
function png(width = 48, height = 30) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes) => (bytes.reduce((c, b) => crcTable[(c ^ b) & 0xff] ^ (c >>> 8), 0xffffffff) ^ 0xffffffff) >>> 0;
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(width).fill([59, 110, 74]).flat())]);
  const pixels = deflateSync(Buffer.concat(Array(height).fill(row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

const PICTURE = { altFr: 'Le terril 74 couvert d\'arbres', altEn: 'Slag heap 74 covered in trees', credit: 'Ville de Loos-en-Gohelle', licence: 'CC BY 4.0', by: 'Camille Martin', date: '2019-05' };

/** Attaches a picture with its fields to the commune view of `step` in the editor. */
async function attachPicture(step) {
  const { page, errors } = await open(`/editeur/fr/etape/${step}/commune`);
  const file = join(tmp, 'terril.png');
  await writeFile(file, png());
  const box = page.locator('.picture-edit');
  await box.getByLabel('Joindre une image').setInputFiles(file);
  const credit = box.getByLabel('Crédit', { exact: true });
  await credit.waitFor();
  // Every required field says so beside itself until it is filled.
  const problems = box.locator(`#${await credit.getAttribute('aria-describedby')}`);
  await problems.locator('.error').waitFor();
  assert.match(await problems.textContent(), /no `credit`/);
  await box.getByLabel('Description de l\'image · Français').fill(PICTURE.altFr);
  await box.getByLabel('Description de l\'image · Anglais').fill(PICTURE.altEn);
  await credit.fill(PICTURE.credit);
  await box.getByLabel('Licence', { exact: true }).fill(PICTURE.licence);
  await box.getByLabel('Prise par').fill(PICTURE.by);
  await box.getByLabel(/^Date/).fill(PICTURE.date);
  await box.getByLabel('Licence', { exact: true }).blur();
  await page.waitForFunction(() => !document.querySelector('.picture-edit .field-problems li'));
  const preview = page.locator('.preview .council-picture img');
  assert.equal(await preview.getAttribute('alt'), PICTURE.altFr, 'previewed as readers will see it');
  await page.waitForFunction(() => document.querySelector('.preview .council-picture img')?.naturalWidth === 48);
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(errors, []);
  await page.close();
}

/** A step file of the story with `edit` applied to its text. */
async function stepFile(step, edit) {
  return edit(await readFile(join(ROOT, 'story/steps', `${step}.toml`), 'utf8'));
}

test('malformed and hostile imports are refused with located errors; the draft is untouched; no script runs', async () => {
  const { page, errors } = await open(`/editeur/fr/etape/${steps[1]}/commune`);
  page.on('dialog', (d) => { errors.push(`a script opened a dialog: ${d.message()}`); d.dismiss(); });
  await page.evaluate(() => { window.__pwned = false; });
  const before = await titleField(page).inputValue();
  const hostile = '<script>window.__pwned = true</script><img src=x onerror="window.__pwned = true">';
  const cases = [
    ['broken.toml', await stepFile(steps[1], (t) => t.replace('[commune]', '[commune')), new RegExp(`steps/${steps[1]}\\.toml:\\d+:\\d+`)],
    ['types.toml', await stepFile(steps[1], (t) => t.replace(/^title\.fr = .*$/m, 'title.fr = 42')), new RegExp(`steps/${steps[1]}\\.toml:\\d+:\\d+: .*(type|expected)`, 'i')],
    // HTML and script in every text: each one-line French or English string, and each
    // multi-line text's first line.
    ['html.toml', await stepFile(steps[1], (t) => t
      .replace(/\b(fr|en) = "(?!"")((?:[^"\\]|\\.)*)"/g, (_, l, v) => `${l} = "${v} ${hostile.replace(/"/g, '\\"')}"`)
      .replace(/^(\w+)\.(fr|en) = """\n/gm, `$1.$2 = """\n${hostile}\n`)), /HTML/],
    ['links.toml', await stepFile(steps[1], (t) => t.replace(/^text\.fr = """\n/m, 'text.fr = """\n[clic](javascript:alert(1)) et [ailleurs](https://example.org)\n')), new RegExp(`steps/${steps[1]}\\.toml:\\d+:\\d+: .*javascript`, 'i')],
    ['contributions.toml', '[[contribution]]\nid = "x-1"\nstep = "nulle-part"\nscale = "commune"\nlang = "fr"\ndate = "2026-13-45"\nauthor = "A"\nstatus = "accepted"\ntext = "<img src=x onerror=alert(1)>"\n', /contributions\.toml:\d+:\d+/],
    ['huge.zip', Buffer.alloc(9 * 1024 * 1024, 0x41), /huge\.zip/],
    ['fake.zip', 'PK not really a zip', /fake\.zip/],
  ];
  for (const [name, content, expected] of cases) {
    const file = join(tmp, name);
    await writeFile(file, content);
    const outcome = await importFile(page, file);
    assert.match(outcome, /n'a pas été importé/, `${name} is refused`);
    assert.match(outcome, expected, `${name}: ${outcome.slice(0, 300)}`);
    assert.equal(await titleField(page).inputValue(), before, `${name} left the draft untouched`);
  }
  // Text that only looks like markup is kept, as text.
  const inert = await stepFile(steps[1], (t) => t.replace(/^title\.fr = "(.*)"$/m, 'title.fr = "Plus grand que 3 < 4 > 2 & « ok »"'));
  await writeFile(join(tmp, 'inert.toml'), inert);
  assert.match(await importFile(page, join(tmp, 'inert.toml')), /Fichier importé/);
  assert.equal(await page.locator('.preview-title').textContent(), 'Plus grand que 3 < 4 > 2 & «\u00a0ok\u00a0»', 'as readers see it, typeset');
  assert.equal(await titleField(page).inputValue(), 'Plus grand que 3 < 4 > 2 & « ok »', 'the field keeps what was typed');
  assert.equal(await page.evaluate(() => window.__pwned), false, 'no script ran');
  assert.deepEqual(errors, []);
  await page.close();
});


test('a large pathological file gets its located answer in time; control characters are refused; a deflated zip made by zip(1) imports', async () => {
  const { page, errors } = await open(`/editeur/fr/etape/${steps[1]}/commune`);
  const before = await titleField(page).inputValue();
  // 200 KB of unclosed tags in one text: the kind of input that ran the editor out of memory.
  const tags = await stepFile(steps[1], (t) => t.replace(/^text\.fr = """\n[\s\S]*?"""/m, `text.fr = "${'<a'.repeat(100_000)}"`));
  assert.ok(tags.length > 200_000);
  await writeFile(join(tmp, 'tags.toml'), tags);
  let start = Date.now();
  let outcome = await importFile(page, join(tmp, 'tags.toml'));
  console.log(`# 200 KB of unclosed tags: answered in ${Date.now() - start} ms, JS heap ${Math.round((await page.evaluate(() => performance.memory.usedJSHeapSize)) / 1e6)} MB`);
  assert.match(outcome, /n'a pas été importé/);
  assert.match(outcome, new RegExp(`steps/${steps[1]}\\.toml:\\d+:\\d+: raw HTML \`<a\``));
  assert.match(outcome, /… and 99,980 more like this in this text/, 'the rest counted, not listed');
  assert.ok(outcome.length < 20_000, `a short answer: ${outcome.length} characters`);
  assert.equal(await titleField(page).inputValue(), before, 'the draft is untouched');

  // 200 KB of opening brackets: valid, imported, and previewed as text.
  const brackets = await stepFile(steps[1], (t) => t.replace(/^text\.fr = """\n[\s\S]*?"""/m, `text.fr = "${'[x '.repeat(70_000)}"`));
  await writeFile(join(tmp, 'brackets.toml'), brackets);
  start = Date.now();
  outcome = await importFile(page, join(tmp, 'brackets.toml'));
  console.log(`# 200 KB of opening brackets: imported and previewed in ${Date.now() - start} ms`);
  assert.match(outcome, /Fichier importé/);
  await page.locator('.preview').getByText('[x [x [x', { exact: false }).first().waitFor();

  const nul = await stepFile(steps[1], (t) => t.replace(/^title\.fr = "(.*)"$/m, 'title.fr = "Un titre\\u0000 nul"'));
  await writeFile(join(tmp, 'nul.toml'), nul);
  outcome = await importFile(page, join(tmp, 'nul.toml'));
  assert.match(outcome, /n'a pas été importé/);
  assert.match(outcome, new RegExp(`steps/${steps[1]}\\.toml:\\d+:\\d+: the control character U\\+0000 NUL in a text`));

  // The story folder zipped by Info-ZIP as a person does it (deflated), with one title edited.
  const folder = join(tmp, 'zipped');
  await mkdir(folder, { recursive: true });
  execFileSync('cp', ['-r', join(ROOT, 'story'), folder]);
  const edited = join(folder, 'story/steps', `${steps[1]}.toml`);
  await writeFile(edited, (await readFile(edited, 'utf8')).replace(/^title\.fr = "(.*)"$/m, 'title.fr = "Zippé par le système"'));
  execFileSync('zip', ['-r', '-q', 'story.zip', 'story'], { cwd: folder });
  assert.match(execFileSync('unzip', ['-v', join(folder, 'story.zip')], { encoding: 'utf8' }), /Defl:N/, 'deflated entries');
  assert.match(await importFile(page, join(folder, 'story.zip')), /Fichier importé/);
  assert.equal(await titleField(page).inputValue(), 'Zippé par le système');
  // The draft as it was for the next tests (its testimonies): each import is one undo step.
  for (const _ of ['zip', 'brackets']) await page.getByRole('button', { name: 'Annuler' }).click();
  assert.equal(await titleField(page).inputValue(), before);
  assert.deepEqual(errors, []);
  await page.close();
});

test('two members\' contribution files merge by id; a conflict is shown side by side and settled as chosen', async () => {
  const { page, errors } = await open('/editeur/fr/contributions');
  const fill = (s) => s.replaceAll('STEP', steps[2]);
  await writeFile(join(tmp, 'membre-a.toml'), fill(contribution('temoin-1', 'Le terril est devenu un parc.') + '\n' + contribution('temoin-2', 'Version de A.')));
  await writeFile(join(tmp, 'membre-b.toml'), fill(contribution('temoin-2', 'Version de B.', 'accepted') + '\n' + contribution('temoin-3', 'On se parle plus.')));
  assert.match(await importFile(page, join(tmp, 'membre-a.toml')), /2 ajoutées, 0 identiques, 0 en conflit/);
  assert.match(await importFile(page, join(tmp, 'membre-b.toml')), /1 ajoutées, 0 identiques, 1 en conflit/);
  const conflict = page.locator('.conflict[data-id="temoin-2"]');
  await conflict.waitFor();
  assert.match(await conflict.locator('.side').nth(0).textContent(), /Version de A\./);
  assert.match(await conflict.locator('.side').nth(1).textContent(), /Version de B\./);
  await conflict.getByRole('button', { name: 'Prendre celle du fichier' }).click();
  await conflict.waitFor({ state: 'detached' });
  const card = page.locator('.contribution-card[data-id="temoin-2"]');
  assert.equal(await card.getByLabel('Texte', { exact: true }).inputValue(), 'Version de B.');
  assert.equal(await page.locator('.contribution-card').count(), 5, 'the two imported before (named, anonymous) and the three merged');
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('typing is never lost: the text is still there after closing the tab or reloading right after typing', async () => {
  // The draft is checked and saved once typing pauses: these leave before the pause.
  const path = `/editeur/fr/etape/${steps[6]}/commune`;
  const { page, errors } = await open(path);
  await titleField(page).fill('');
  await titleField(page).pressSequentially('Tapé puis fermé');
  await page.close();
  const { page: reopened, errors: reopenedErrors } = await open(path);
  assert.equal(await titleField(reopened).inputValue(), 'Tapé puis fermé', 'closing the tab saved the last keystrokes');
  await titleField(reopened).press('End');
  await titleField(reopened).pressSequentially(', puis rechargé');
  await reopened.reload();
  await appReady(reopened);
  await reopened.locator('.editor-main').waitFor();
  assert.equal(await titleField(reopened).inputValue(), 'Tapé puis fermé, puis rechargé', 'reloading saved them');
  assert.deepEqual([...errors, ...reopenedErrors], []);
  await reopened.close();
});

test('figures and quotes are added, filled, sourced, previewed, removed and restored', async () => {
  const { page, errors } = await open(`/editeur/fr/etape/${steps[9]}/commune`);
  const list = (legend) => page.locator('fieldset.text-list', { has: page.locator('legend', { hasText: legend }) });
  const [figures, quotes] = [list('Chiffres clés'), list('Citations')];
  const shown = await page.locator('.preview-figures li').count();
  await figures.getByRole('button', { name: 'Ajouter', exact: true }).click();
  const figure = figures.locator('li.figure-edit').last();
  await figure.getByLabel('Valeur').fill('4242');
  await figure.getByLabel('environ').check();
  await figure.getByLabel('Libellé · Français').fill('hectares de terrils');
  await figure.locator('.source-select .error').waitFor();
  const source = figure.getByLabel('Source');
  const id = await source.locator('option').nth(1).getAttribute('value');
  await source.selectOption(id);
  await figure.locator('.source-select .error').waitFor({ state: 'detached' });
  assert.match(await page.locator('.preview-figures li').nth(shown).textContent(), /4\D?242 hectares de terrils/);
  assert.equal(await figure.getByLabel('environ').isChecked(), true);

  const said = await page.locator('.preview blockquote').count();
  await quotes.getByRole('button', { name: 'Ajouter', exact: true }).click();
  const quote = quotes.locator('li.quote-edit').last();
  await quote.getByLabel('Citations · Français').fill('Le terril est à nous.');
  await quote.getByLabel('Auteur de la citation · Français').fill('Une habitante');
  await quote.getByLabel('Source').selectOption(id);
  assert.equal(await page.locator('.preview blockquote').nth(said).textContent(), 'Le terril est à nous.');

  await quote.getByRole('button', { name: 'Retirer' }).click();
  assert.equal(await page.locator('.preview blockquote').count(), said);
  await page.getByRole('button', { name: 'Annuler' }).click();
  assert.equal(await page.locator('.preview blockquote').nth(said).textContent(), 'Le terril est à nous.', 'undo brings the quote back');
  assert.equal(await quotes.locator('li.quote-edit').last().getByLabel('Source').inputValue(), id);
  await quotes.locator('li.quote-edit').last().getByRole('button', { name: 'Retirer' }).click();
  await figure.getByRole('button', { name: 'Retirer' }).click();
  assert.equal(await page.locator('.preview-figures li').count(), shown);
  assert.deepEqual(errors, []);
  await page.close();
});

test('leaving with work not exported asks first; a full storage downloads the draft at once', async () => {
  const { page } = await open(`/editeur/fr/etape/${steps[3]}/pole`);
  await titleField(page).fill('Une modification à exporter');
  const asked = new Promise((resolve) => page.once('dialog', (d) => { resolve(d.type()); d.accept(); }));
  await page.close({ runBeforeUnload: true });
  assert.equal(await asked, 'beforeunload');

  const full = await browser.newPage();
  await full.addInitScript(() => {
    Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
  });
  await full.goto(`${server.url}/editeur/fr/etape/${steps[3]}/pole`);
  await appReady(full);
  await full.locator('.editor-main').waitFor();
  const [download] = await Promise.all([full.waitForEvent('download'), titleField(full).fill('Encore une')]);
  assert.match(download.suggestedFilename(), /^recit-story-\d{4}-\d{2}-\d{2}\.zip$/);
  assert.match(await full.locator('.draft-state').textContent(), /ne peut plus être enregistré/);
  await full.close();
});

test('the map shows every view\'s state and adds, moves and deletes steps', async () => {
  const { page, errors } = await open('/editeur/fr');
  const rows = page.locator('.story-map tbody tr');
  const count = await rows.count();
  assert.equal(count, new Set(all.map((v) => v.step)).size);
  await page.getByLabel('Titre de la nouvelle étape').fill('Un jardin partagé');
  await page.locator('#new-step-after').selectOption(steps[1]);
  await page.getByRole('button', { name: 'Ajouter une étape' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('.story-map tbody tr').length === n + 1, count);
  const added = rows.filter({ hasText: 'Un jardin partagé' });
  assert.match(await added.textContent(), /Étape 3/, 'placed after the chosen step');
  await added.getByRole('button', { name: 'Descendre' }).click();
  assert.match(await rows.filter({ hasText: 'Un jardin partagé' }).textContent(), /Étape 4/);
  page.once('dialog', (d) => d.accept());
  await rows.filter({ hasText: 'Un jardin partagé' }).getByRole('button', { name: "Supprimer l'étape" }).click();
  await page.waitForFunction((n) => document.querySelectorAll('.story-map tbody tr').length === n, count);
  assert.deepEqual(await violations(page), []);

  // Side paths: offered from a step, then withdrawn.
  await page.goto(`${server.url}/editeur/fr/etape/${steps[0]}/commune`);
  await appReady(page);
  const branches = page.locator('.branches-edit');
  await branches.getByLabel('Libellé · Français').fill('Voir plus loin');
  await branches.locator('select').selectOption(steps[5]);
  await branches.getByRole('button', { name: 'Ajouter' }).click();
  const offered = branches.locator('li', { hasText: `Voir plus loin → ${steps[5]}` });
  await offered.waitFor();
  await offered.getByRole('button', { name: 'Retirer' }).click();
  await offered.waitFor({ state: 'detached' });
  assert.deepEqual(errors.filter((e) => !e.startsWith('dialog: confirm')), []);
  await page.close();
});

test('editor pages have no accessibility violation, in French and English', async () => {
  for (const path of [`/editeur/fr/etape/${steps[0]}/agglomeration`, '/editeur/en', '/editeur/fr/changements', `/editeur/en/etape/${steps[4]}/commune`]) {
    const { page, errors } = await open(path);
    assert.deepEqual(await violations(page), [], path);
    assert.deepEqual(errors, [], path);
    await page.close();
  }
});
