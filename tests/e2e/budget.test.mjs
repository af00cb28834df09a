// The budgets, checked on every run of the test command: a reader's first visit, in French and
// in English, in at most 150,000 bytes brotli as a fresh browser fetches it (the prerendered
// page, js, wasm, css, the story in the page's language only, and what the service worker fetches
// until it has cached the app), nothing from another origin, every app working under the strict
// Content-Security-Policy, and Lighthouse accessibility and best practices at 100 (mobile and
// desktop). The speed figures are the
// bench's (scripts/bench.sh), reported and not asserted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withApp } from './app.mjs';
import { DIST } from './story.mjs';
import { BUDGET, firstVisit, table } from './first-visit.mjs';
import { lighthouse } from './lighthouse.mjs';

const app = withApp();

test(`a reader's first visit is at most ${BUDGET} bytes brotli, all from this origin`, async () => {
  await app.ready;
  // In French, the residents' language; in English, the same app and the story's English
  // half, which it fetches for a reader who reads in English.
  for (const lang of ['fr', 'en']) {
    const path = `/${lang}/commune/${app.steps[0]}`;
    const visit = await firstVisit(DIST, path);
    console.log(`First visit of ${path} (bytes; sent: over the network)\n${table(visit)}`);
    assert.deepEqual(visit.foreign, [], 'no request to another origin');
    const sent = visit.fetches.filter((f) => f.status === 200);
    // The page asks for the app once its text is painted, the worker once it is installed:
    // whichever asks first downloads it, the other takes it from the HTTP cache.
    assert.ok(sent.some((f) => f.file.endsWith('.wasm')), 'the app came over the network');
    assert.ok(sent.some((f) => f.by === 'worker' && f.file === 'sw.js'), 'the service worker was installed');
    // One language's story: the page's, whole; the other half only when a reader turns to it.
    const stories = sent.filter((f) => f.file.endsWith('.bin')).map((f) => f.file.replace(/-[0-9a-f]{16}\.bin$/, '.bin'));
    assert.deepEqual(stories, [lang === 'en' ? 'story-reader-en.bin' : 'story-reader.bin'], 'the story in the page\'s language, once');
    // The worker's requests for what the page fetched are answered by the HTTP cache or a 304.
    assert.deepEqual(sent.map((f) => f.file).filter((f, i, all) => all.indexOf(f) !== i), [], 'no file came twice');
    assert.deepEqual(sent.filter((f) => f.encoding !== 'br').map((f) => f.file), [], 'every file came brotli');
    assert.ok(visit.total.bytes <= BUDGET, `${path}: ${visit.total.bytes} bytes brotli > ${BUDGET}`);
  }
});

test('every app runs under the strict Content-Security-Policy, without error', async () => {
  await app.ready;
  for (const path of [`/fr/commune/${app.steps[0]}`, '/fr?kiosk', `/fr/commune/${app.steps[1]}?atelier=enseignant`, '/fr/quiz/pole', '/editeur/fr']) {
    const { page, errors } = await app.load(path);
    await page.waitForLoadState('networkidle');
    assert.deepEqual(errors, [], path);
    await page.close();
  }
});

for (const preset of ['mobile', 'desktop']) {
  test(`Lighthouse (${preset}): accessibility 100, best practices 100`, async () => {
    await app.ready;
    const { scores, failing } = await lighthouse(`${app.url}/fr/commune/${app.steps[0]}`, preset);
    console.log(`Lighthouse ${preset}: ${JSON.stringify(scores)}`);
    assert.equal(scores.accessibility, 100, failing.accessibility.join('; '));
    assert.equal(scores['best-practices'], 100, failing['best-practices'].join('; '));
  });
}
