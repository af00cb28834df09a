// The phone's header in headless Chromium, at 320 and 360 px, in both languages: the scale
// switcher's names are never broken inside a word (each word's letters on one line; many
// phones have no French hyphenation dictionary), nothing overflows, and the switcher stays a
// radio group whose options are described by their place's name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appReady, launch } from './browser.mjs';
import { withApp } from './app.mjs';

const app = withApp({ hasTouch: true, isMobile: true });

/** For each of the switcher's words: its text and the lines its letters are on; and each
 *  option whose contents are wider than its box. Run in the page. */
function scaleWords() {
  const words = [];
  for (const span of document.querySelectorAll('.scale-switcher .scale-kind, .scale-switcher .scale-name')) {
    const text = span.firstChild;
    const range = document.createRange();
    let word = null;
    for (let i = 0; i <= text.length; i += 1) {
      const letter = text.data[i];
      if (letter === undefined || /\s/.test(letter)) {
        if (word) words.push(word);
        word = null;
        continue;
      }
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      const top = Math.round(range.getClientRects()[0].top);
      word ??= { text: '', lines: [] };
      word.text += letter;
      if (!word.lines.includes(top)) word.lines.push(top);
    }
  }
  const overflowing = [...document.querySelectorAll('.scale-switcher .scale')]
    .filter((option) => option.scrollWidth > option.clientWidth || option.getBoundingClientRect().right > innerWidth)
    .map((option) => option.textContent);
  return { words, overflowing };
}

for (const width of [320, 360]) {
  test(`at ${width} px, no word of the scale switcher breaks, in French and in English`, async () => {
    await app.ready;
    // The page as it arrives (links), measured without the app, which would replace it while
    // it is measured; then the app's (a radio group).
    const still = await launch({ hasTouch: true, isMobile: true, javaScriptEnabled: false });
    try {
      for (const when of ['page', 'app']) {
        const page = await (when === 'page' ? still : app.browser).newPage();
        await page.setViewportSize({ width, height: 640 });
        for (const lang of ['fr', 'en']) {
          for (const scale of ['commune', 'agglomeration', 'pole']) {
            await page.goto(`${app.url}/${lang}/${scale}/${app.steps[0]}`);
            if (when === 'app') {
              await appReady(page);
              assert.equal(await page.getByRole('radio').count(), 3, `${lang} ${width} px: three radios`);
              const checked = page.getByRole('radio', { checked: true });
              assert.ok(await checked.getAttribute('aria-describedby'), 'the checked option is described by its place');
            }
            await page.evaluate(() => document.fonts.ready);
            const { words, overflowing } = await page.evaluate(scaleWords);
            assert.ok(words.length >= 6, `${lang}/${scale} ${width} px (${when}): the names are measured (${words.length} words)`);
            const broken = words.filter((w) => w.lines.length > 1).map((w) => w.text);
            assert.deepEqual(broken, [], `${lang}/${scale} at ${width} px (${when}): words broken across lines`);
            assert.deepEqual(overflowing, [], `${lang}/${scale} at ${width} px (${when}): options wider than their box`);
          }
        }
        await page.close();
      }
    } finally {
      await still.close();
    }
  });
}
