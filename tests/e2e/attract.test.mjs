// The kiosk's poster in headless Chromium, portrait and touch as a kiosk is: the landscape
// over the whole screen, the title in its sky readable from three metres and with a contrast
// of at least 4.5:1 over whatever the sky is at every stage of the greening (measured on the
// pixels behind it), one button to start and the other language's, axe without a violation
// and Lighthouse's accessibility at 100.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import jpeg from 'jpeg-js';
import { withApp } from './app.mjs';
import { violations } from './axe.mjs';
import { lighthouse } from './lighthouse.mjs';

const app = withApp({ hasTouch: true, isMobile: true, reducedMotion: 'reduce' });
const KIOSK = { width: 1080, height: 1920 };
const POSTER = '/fr?kiosk&idle=600';

async function poster() {
  const page = await app.browser.newPage();
  await page.setViewportSize(KIOSK);
  await page.goto(`${app.url}${POSTER}`);
  await page.waitForSelector('.attract .land svg');
  await page.evaluate(() => document.fonts.ready);
  return page;
}

/** WCAG's relative luminance of an sRGB colour (0–255 channels). */
function luminance([r, g, b]) {
  const linear = (c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

const contrast = (a, b) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

/** The lowest contrast between `selector`'s text colour and any pixel behind its text (the
 *  text made transparent for the picture). */
async function worstContrast(page, selector) {
  const element = page.locator(selector);
  const ink = await element.evaluate((el) => getComputedStyle(el).color.match(/\d+/g).slice(0, 3).map(Number));
  await element.evaluate((el) => el.style.setProperty('color', 'transparent'));
  const box = await element.boundingBox();
  const picture = jpeg.decode(await page.screenshot({ type: 'jpeg', quality: 100, clip: box }), { useTArray: true });
  await element.evaluate((el) => el.style.removeProperty('color'));
  let worst = Infinity;
  for (let i = 0; i < picture.data.length; i += 4) {
    worst = Math.min(worst, contrast(ink, [picture.data[i], picture.data[i + 1], picture.data[i + 2]]));
  }
  return worst;
}

test('the poster: the landscape fills the screen, the title is large in its sky, one button starts, another starts in English', async () => {
  await app.ready;
  const page = await poster();
  try {
    const land = await page.locator('.attract .land').boundingBox();
    assert.ok(land.x <= 0 && land.y <= 0 && land.x + land.width >= KIOSK.width && land.y + land.height >= KIOSK.height, `the landscape covers the screen (${JSON.stringify(land)})`);
    const scene = await page.locator('.attract .land svg').boundingBox();
    assert.ok(scene.height >= KIOSK.height * 0.45, `the scene takes the lower half of the screen or more (${scene.height} px)`);
    const title = page.locator('#attract-title');
    const size = await title.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    // Read from three metres on a portrait screen about 40 cm wide: letters at least 4 cm.
    assert.ok(size >= 100, `the title's type is ${size} px`);
    const titleBox = await title.boundingBox();
    assert.ok(titleBox.y + titleBox.height <= scene.y + scene.height * 0.25, 'the title stands in the sky, above the scene');
    const go = page.getByRole('button', { name: "Touchez l'écran pour commencer" });
    const goBox = await go.boundingBox();
    assert.ok(goBox.height >= 64 && goBox.width >= 300, `the button is a large target (${goBox.width}×${goBox.height})`);
    await page.getByRole('button', { name: 'Start in English' }).tap();
    await page.waitForURL(`**/en/commune/${app.steps[0]}?kiosk&idle=600`);
    assert.equal(await page.locator('.attract').count(), 0, 'the visit started');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en', 'in English');
  } finally {
    await page.close();
  }
});

test('the title, the sentence and the highlight keep 4.5:1 over the sky at every stage of the greening', async () => {
  await app.ready;
  const page = await poster();
  try {
    // The loop paused on its first highlight, the first step; then the frame at the stages
    // of the greening, up to the last step's.
    await page.getByRole('button', { name: 'Mettre en pause' }).tap();
    const first = await page.locator('.attract .land').evaluate((el) => el.style.getPropertyValue('--g'));
    assert.equal(first, '0', 'the first step is the black archipelago');
    for (const g of [null, '25', '50', '75', '100']) {
      if (g) await page.locator('.attract .land').evaluate((el, g) => el.style.setProperty('--g', g), g);
      for (const selector of ['#attract-title', '.attract-kicker', '.attract-step', '.attract blockquote']) {
        const worst = await worstContrast(page, selector);
        console.log(`${selector} at greening ${g ?? first}: contrast at least ${worst.toFixed(2)}:1`);
        assert.ok(worst >= 4.5, `${selector} at greening ${g ?? first}: ${worst.toFixed(2)}:1`);
      }
    }
  } finally {
    await page.close();
  }
});

test('the poster, « Vous êtes toujours là ? » and the data notice have no axe violation', async () => {
  await app.ready;
  const page = await poster();
  try {
    assert.deepEqual(await violations(page), [], 'the poster');
  } finally {
    await page.close();
  }
  const still = await app.browser.newPage();
  try {
    await still.setViewportSize(KIOSK);
    await still.goto(`${app.url}/fr/commune/${app.steps.at(-1)}?kiosk&idle=1&countdown=600`);
    await still.locator('.attract').tap();
    await still.getByRole('alertdialog', { name: 'Vous êtes toujours là\u202f?' }).waitFor();
    assert.deepEqual(await violations(still), [], '« Vous êtes toujours là ? »');
  } finally {
    await still.close();
  }
});

test('Lighthouse on the poster: accessibility 100', async () => {
  await app.ready;
  const { scores, failing } = await lighthouse(`${app.url}${POSTER}`, 'mobile');
  console.log(`Lighthouse on the poster: ${JSON.stringify(scores)}`);
  assert.equal(scores.accessibility, 100, failing.accessibility.join('; '));
});
