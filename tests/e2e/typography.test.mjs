// French typography (issue 24): French puts a no-break space before « ; ! ? : » and inside
// « », so that no sign starts a line and no « ends one. Every French page as it arrives
// prerendered (JavaScript off: the page's own HTML is what is measured), each view's, the
// start page, the worksheet and the quiz where they have a page, at a phone's width and a
// projector's: no line of French text starts with « ? ! ; : » » or ends with « «. The lines
// are measured in the page, character by character (any font, any width). English pages carry
// no such space: English is never typeset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { withApp } from './app.mjs';
import { DIST, routes } from './story.mjs';

const app = withApp({ javaScriptEnabled: false });

const WIDTHS = [360, 1920];

/** The addresses of `lang`'s prerendered pages: every view's, the start page, and the
 *  workshop's pages that have one (the worksheet, the quiz). */
function pages(lang) {
  const views = app.all.filter((v) => v.lang === lang).map((v) => `/${lang}/${v.scale}/${v.step}`);
  const workshop = routes().pages.map((page) => `/${lang}/${page}`).filter((at) => existsSync(join(DIST, at, 'index.html')));
  return [`/${lang}`, ...workshop, ...views];
}

/** In the page: each line of French text (an element's closest `lang` is `fr`) that starts
 *  with a sign French keeps on the line before, or ends with an opening guillemet, as the
 *  line's text. Every character's box, in document order; a character beside the line
 *  so far (its middle within the line's height, just right of its end) continues it, any
 *  other starts a line. */
function badLines() {
  const lines = [];
  let line = null;
  // No filter callback: with JavaScript off, the page runs none.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.closest('[lang]')?.getAttribute('lang') !== 'fr' || node.parentElement.closest('script, style, noscript')) continue;
    const text = node.data;
    for (let i = 0; i < text.length; i += 1) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const box = [...range.getClientRects()].find((r) => r.width > 0 || r.height > 0);
      if (!box) continue;
      const middle = (box.top + box.bottom) / 2;
      const same = line && middle > line.top && middle < line.bottom
        && box.left >= line.right - 1 && box.left <= line.right + 2 * box.height;
      if (!same) {
        line = { text: '', top: box.top, bottom: box.bottom, right: box.right };
        lines.push(line);
      }
      line.text += text[i];
      line.right = box.right;
      line.top = Math.min(line.top, box.top);
      line.bottom = Math.max(line.bottom, box.bottom);
    }
  }
  return lines.map((l) => l.text.replace(/^\s+|\s+$/g, '')).filter((t) => /^[?!;:»]|«$/.test(t));
}

/** In the page: English text (an element's closest `lang` is `en`) with a no-break space
 *  where French typesetting puts one. */
function typesetEnglish() {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.closest('[lang]')?.getAttribute('lang') !== 'en') continue;
    for (const m of node.data.matchAll(/.{0,20}([\u00a0\u202f][;!?:»]|«[\u00a0\u202f]).{0,20}/gs)) found.push(m[0]);
  }
  return found;
}

test('no line of a French page starts with « ? ! ; : » » or ends with « «, at 360 and 1920 px', async () => {
  await app.ready;
  const page = await app.browser.newPage();
  const found = [];
  let measured = 0;
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    for (const at of pages('fr')) {
      const response = await page.goto(`${app.url}${at}`);
      assert.equal(response.status(), 200, at);
      assert.equal(await page.locator('html').getAttribute('lang'), 'fr', at);
      for (const text of await page.evaluate(badLines)) found.push(`${width} px ${at}: « ${text} »`);
      measured += 1;
    }
  }
  await page.close();
  assert.ok(measured > 2 * 40, `every French view's page, at both widths (${measured})`);
  assert.deepEqual(found, [], `${found.length} lines:\n${found.join('\n')}`);
});

test('English pages carry no French no-break space', async () => {
  await app.ready;
  const page = await app.browser.newPage();
  const found = [];
  for (const at of pages('en')) {
    await page.goto(`${app.url}${at}`);
    for (const text of await page.evaluate(typesetEnglish)) found.push(`${at}: ${JSON.stringify(text)}`);
  }
  await page.close();
  assert.deepEqual(found, [], found.join('\n'));
});
