// The drawn landscape in headless Chromium: a named picture at every deep link, different
// along the trajectory and between scales, with several kinds of town and a sky that clears,
// animated within 600 ms and still under reduced motion, full screen behind the kiosk's
// attract loop, on each worksheet step, and within reach on a 360 px phone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appReady, open } from './browser.mjs';
import { withApp } from './app.mjs';
import { SCALES } from './story.mjs';

// Reduced motion for the pictures' comparison: no transition is caught half-way.
const app = withApp({ reducedMotion: 'reduce' });

const landscape = (page) => page.locator('main [role=img].land');

/** Switches to `scale` with its radio and returns what `look(land)` sees in the page as the
 *  landscape's scale class changes, before any frame is drawn. (`look` goes in as source:
 *  the page's Content-Security-Policy forbids it to evaluate a string itself.) */
const switchTo = (page, scale, look) => page.evaluate(`new Promise((done) => {
  const land = document.querySelector('main .land');
  new MutationObserver((_, observer) => {
    observer.disconnect();
    try { done((${look})(land)); } catch (e) { done(String(e)); }
  }).observe(land, { attributeFilter: ['class'] });
  document.querySelector('input[name=scale][value=${scale}]').click();
})`);

test('every step × scale × language shows a named picture; along the trajectory and between scales they differ', async () => {
  const { page, errors } = await open(app.browser, `${app.url}/fr`);
  const shots = new Map();
  const names = new Map();
  for (const v of app.all) {
    await page.goto(`${app.url}/${v.lang}/${v.scale}/${v.step}`);
    await appReady(page);
    await page.waitForSelector(`article[data-step="${v.step}"][data-scale="${v.scale}"]`);
    const picture = landscape(page);
    assert.equal(await picture.count(), 1, `${v.lang}/${v.scale}/${v.step}: one picture in the main content`);
    const name = await picture.getAttribute('aria-label');
    assert.ok(name && name.length > 20, `${v.lang}/${v.scale}/${v.step}: named (${name})`);
    const box = await picture.boundingBox();
    assert.ok(box.width >= 200 && box.height >= 120, `${v.lang}/${v.scale}/${v.step}: ${box.width}×${box.height}`);
    names.set(`${v.lang}/${v.scale}/${v.step}`, name);
    if (v.lang === 'fr') shots.set(`${v.scale}/${v.step}`, (await picture.screenshot()).toString('base64'));
  }
  const first = app.steps[0];
  const last = app.steps.at(-1);
  for (const scale of SCALES) {
    assert.notEqual(shots.get(`${scale}/${first}`), shots.get(`${scale}/${last}`), `${scale}: the first and last steps' pictures differ`);
    assert.notEqual(names.get(`fr/${scale}/${first}`), names.get(`fr/${scale}/${last}`), `${scale}: and so do their names`);
  }
  for (const step of new Set(app.all.map((v) => v.step))) {
    const [c, a, p] = SCALES.map((scale) => shots.get(`${scale}/${step}`));
    assert.ok(c !== a && a !== p && c !== p, `${step}: the three scales' pictures differ`);
    assert.notEqual(names.get(`fr/commune/${step}`), names.get(`en/commune/${step}`), `${step}: named in the page's language`);
  }
  assert.match(names.get(`fr/commune/${first}`), /^La commune, de près, au départ\u00a0: terrils noirs, chevalement et corons/);
  assert.match(names.get(`en/pole/${last}`), /Green Archipelago/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the agglomeration and the pole show several kinds of town; the sky clears from smoke to blue', async () => {
  const { page, errors } = await open(app.browser, `${app.url}/fr/agglomeration/${app.steps[0]}`);
  // The kinds of town (the symbols their copies use) more than half inside the frame, and the sky.
  const look = () => landscape(page).evaluate((land) => {
    const frame = land.getBoundingClientRect();
    const inside = (r) => Math.min(r.right, frame.right) - Math.max(r.left, frame.left) > r.width / 2
      && Math.min(r.bottom, frame.bottom) - Math.max(r.top, frame.top) > r.height / 2;
    const kinds = [...land.querySelectorAll('.cam > use')].filter((u) => inside(u.getBoundingClientRect())).map((u) => u.getAttribute('href'));
    // A mixed colour computes to color(srgb …), its channels from 0 to 1.
    const sky = getComputedStyle(land).backgroundColor;
    const [r, , b] = sky.match(/[\d.]+/g).map((c) => Number(c) * (sky.startsWith('color(') ? 255 : 1));
    return { kinds: new Set(kinds).size, blue: b - r };
  });
  for (const [scale, step] of [['agglomeration', app.steps[0]], ['pole', app.steps[0]], ['agglomeration', app.steps.at(-1)]]) {
    await page.goto(`${app.url}/fr/${scale}/${step}`);
    await appReady(page);
    await page.waitForSelector(`article[data-step="${step}"][data-scale="${scale}"]`);
    await page.waitForFunction(() => document.querySelectorAll('main .land svg use').length > 10);
    const { kinds, blue } = await look();
    assert.ok(kinds >= 3, `${scale}/${step}: ${kinds} kinds of town in sight`);
    if (step === app.steps[0]) assert.ok(blue <= 0, `${scale}/${step}: a smoky sky, no bluer than red (${blue})`);
    else assert.ok(blue > 40, `${scale}/${step}: a clear blue sky (${blue})`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('the drawing comes with the page it arrived on, or is fetched once when the page had none', async () => {
  // A step page carries the drawing: the app takes it from there (no request for it).
  const fromStep = await open(app.browser, `${app.url}/fr/commune/${app.steps[1]}`);
  const requested = [];
  fromStep.page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await appReady(fromStep.page);
  await fromStep.page.getByRole('link', { name: 'Suivant', exact: true }).click();
  await fromStep.page.waitForURL(`**/fr/commune/${app.steps[2]}`);
  assert.ok(await landscape(fromStep.page).locator('svg path').count() > 10, 'drawn');
  assert.deepEqual(requested.filter((p) => p === '/landscape.svg'), [], 'not fetched: the page had it');
  await fromStep.page.close();
  // An unknown address's page has no landscape: the start page's is fetched, once.
  const fromStart = await open(app.browser, `${app.url}/fr/etape-inconnue`);
  const fetched = [];
  fromStart.page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await appReady(fromStart.page);
  await fromStart.page.getByRole('link', { name: 'Revenir au début du récit' }).click();
  await fromStart.page.waitForURL(/\/fr$/);
  await fromStart.page.waitForFunction(() => document.querySelectorAll('.hero .land svg path').length > 10);
  await fromStart.page.locator('a.button.scale-commune').click();
  await fromStart.page.waitForURL(`**/fr/commune/${app.steps[0]}`);
  assert.ok(await landscape(fromStart.page).locator('svg path').count() > 10, 'drawn after a move');
  assert.deepEqual(fetched.filter((p) => p === '/landscape.svg'), ['/landscape.svg'], 'fetched once');
  assert.deepEqual(fromStart.errors, []);
  await fromStart.page.close();
});

test('a screen reader gets the name, not the shapes', async () => {
  const { page } = await open(app.browser, `${app.url}/fr/agglomeration/${app.steps[0]}`);
  const snapshot = await page.locator('main').ariaSnapshot();
  // The snapshot is YAML: a line with a quote in it is quoted itself, its quotes doubled.
  const line = snapshot.split('\n').find((l) => l.includes('img "'))?.replaceAll("''", "'");
  assert.match(line, /img "L'agglomération, ses villes comme des îles reliées, au départ/);
  assert.equal(await page.locator('.land svg').getAttribute('aria-hidden'), 'true');
  await page.close();
});

test('moving animates the landscape within 600 ms; under reduced motion nothing moves', async () => {
  const context = await import('./browser.mjs').then(({ launch }) => launch({ reducedMotion: 'no-preference' }));
  try {
    const { page } = await open(context, `${app.url}/fr/commune/${app.steps[0]}`);
    const green = () => landscape(page).evaluate((el) => el.style.getPropertyValue('--g'));
    assert.equal(await green(), '0');
    await page.getByRole('link', { name: 'Suivant', exact: true }).click();
    await page.waitForURL(`**/fr/commune/${app.steps[1]}`);
    const moving = await page.evaluate(() => document.querySelector('.land').getAnimations({ subtree: true }).map((a) => a.effect.getTiming().duration));
    assert.ok(moving.length > 0, 'the landscape changes with a transition');
    assert.ok(moving.every((d) => d <= 600), `every transition ≤ 600 ms: ${moving}`);
    assert.ok(Number(await green()) > 0, 'one step on, the land is greener');
    // The camera moves the whole drawing, a box of the page (a transform inside the drawing
    // made the browser lay out every shape again at each frame). Each look is taken as the
    // scale's class changes, before any frame: nothing depends on how fast the page runs.
    const camera = await switchTo(page, 'pole', (land) => {
      const svg = land.querySelector(':scope > svg');
      const moves = svg.getAnimations().filter((a) => a.transitionProperty === 'transform');
      const scale = () => new DOMMatrix(getComputedStyle(svg).transform).a;
      const [move] = moves;
      move.pause();
      move.currentTime = 300;
      const halfway = scale();
      move.finish();
      return { moves: moves.map((a) => a.effect.getTiming().duration), outermost: svg.ownerSVGElement === null, halfway, end: scale() };
    });
    assert.deepEqual(camera.moves, [600], 'the camera moves out, in 600 ms');
    assert.ok(camera.outermost, 'what moves is the drawing itself');
    assert.ok(camera.halfway > 1.2 && camera.halfway < 8.5, `half-way, between the commune and the pole: ${camera.halfway}`);
    assert.ok(Math.abs(camera.end - 1.12) < 1e-6, `at the end, at the pole: ${camera.end}`);
    // Close on the commune the links between towns, the ring around Loos and the islands'
    // grounds (the sky shows behind Loos) are hidden: gone at once as the camera moves in,
    // back once it has moved out.
    const links = (land) => [...land.querySelectorAll('.l-ln, .l-lm, .l-sh')].map((e) => {
      const change = e.getAnimations().find((a) => a.transitionProperty === 'visibility');
      return [getComputedStyle(e).visibility, change?.effect.getTiming().delay ?? null];
    });
    assert.deepEqual(await switchTo(page, 'commune', links), [['hidden', null], ['hidden', null], ['hidden', null]], 'gone at once');
    assert.deepEqual(await switchTo(page, 'agglomeration', links), [['hidden', 600], ['hidden', 600], ['hidden', 600]], 'back once the camera has moved out');
    await page.waitForFunction(() => [...document.querySelectorAll('.land .l-ln, .land .l-lm, .land .l-sh')].every((e) => getComputedStyle(e).visibility === 'visible'));
    await page.close();
  } finally {
    await context.close();
  }
  // The shared browser asks for reduced motion.
  const { page } = await open(app.browser, `${app.url}/fr/commune/${app.steps[0]}`);
  await page.getByRole('link', { name: 'Suivant', exact: true }).click();
  await page.waitForURL(`**/fr/commune/${app.steps[1]}`);
  await page.getByRole('radio', { name: 'Agglomération', exact: true }).check();
  await page.waitForURL(`**/fr/agglomeration/${app.steps[1]}`);
  assert.equal(await page.evaluate(() => document.getAnimations().length), 0, 'no animation at all');
  await page.close();
});

test('on a 360 px phone the picture is above the text, nothing overflows and « Suivant » is within reach', async () => {
  const { page } = await open(app.browser, `${app.url}/fr/commune/${app.steps[0]}`, { viewport: { width: 360, height: 740 } });
  for (const step of [app.steps[0], app.steps[6], app.steps.at(-1)]) {
    for (const scale of SCALES) {
      await page.goto(`${app.url}/fr/${scale}/${step}`);
      await appReady(page);
      await page.waitForSelector('h1');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `${scale}/${step}: the page is ${width}px wide`);
      const picture = await landscape(page).boundingBox();
      const title = await page.locator('h1').boundingBox();
      assert.ok(picture.y + picture.height <= title.y, 'the picture comes before the title');
      assert.ok(picture.height <= 740 * 0.3, `the picture leaves the screen to the story (${picture.height}px)`);
    }
  }
  const next = page.locator('.step-nav .next');
  await next.scrollIntoViewIfNeeded();
  const box = await next.boundingBox();
  const onTop = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('.button')?.textContent, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
  assert.match(onTop ?? '', /Suivant/, 'nothing covers « Suivant »');
  await page.close();
});

test('the kiosk’s attract loop shows the landscape full screen, greening as the highlights pass', async () => {
  const { launch } = await import('./browser.mjs');
  const context = await launch({ hasTouch: true, viewport: { width: 1080, height: 1920 }, reducedMotion: 'no-preference' });
  try {
    const page = await context.newPage();
    await page.goto(`${app.url}/fr?kiosk&idle=50`);
    await appReady(page);
    const picture = page.locator('.attract [role=img].land');
    await picture.waitFor();
    // The frame covers the screen, its sides beyond a portrait screen's, centred.
    const box = await picture.boundingBox();
    assert.ok(box.x <= 0 && box.y === 0 && box.x + box.width >= 1080 && box.height === 1920, `full screen: ${JSON.stringify(box)}`);
    assert.ok(Math.abs(box.x + box.width / 2 - 540) < 1, 'centred');
    const first = await picture.getAttribute('aria-label');
    const green = () => picture.evaluate((el) => Number(el.style.getPropertyValue('--g')));
    assert.equal(await green(), 0);
    // The next highlight comes after 7 s.
    await page.waitForFunction(() => Number(document.querySelector('.attract .land').style.getPropertyValue('--g')) > 0, null, { timeout: 12000 });
    assert.notEqual(await picture.getAttribute('aria-label'), first);
    const slowly = await picture.evaluate((land) => [getComputedStyle(land.querySelector('.cam')), getComputedStyle(land, '::before')].map((s) => s.transitionDuration));
    assert.deepEqual(slowly, ['4s', '4s'], 'it greens slowly, the sea too');
    // The scene, seen from the agglomeration's height, fills the lower half of the screen.
    const scene = await picture.locator('svg').boundingBox();
    assert.ok(scene.y <= 960 && scene.y + scene.height >= 1920, `the scene's box: ${JSON.stringify(scene)}`);
    await page.close();
  } finally {
    await context.close();
  }
});

test('each step of a worksheet has its small picture, and the projection a large one', async () => {
  const { page } = await open(app.browser, `${app.url}/fr/fiche?atelier`);
  await page.waitForSelector('.sheet-step');
  const sheets = await page.locator('.sheet-step').count();
  assert.ok(sheets >= app.steps.length);
  assert.equal(await page.locator('.sheet-step > [role=img].land').count(), sheets);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${app.url}/fr/commune/${app.steps[3]}?atelier=projection`);
  await appReady(page);
  await page.waitForSelector('h1');
  assert.ok((await landscape(page).boundingBox()).width > 900, 'large on the projector');
  await page.close();
});

test('the start page opens on the landscape: the black archipelago beside the green one, each named', async () => {
  for (const [lang, from, to] of [['fr', "D'où l'on part", "Où l'on va"], ['en', 'Where we come from', 'Where we are going']]) {
    const { page, errors } = await open(app.browser, `${app.url}/${lang}`);
    await appReady(page);
    const pictures = page.locator('.hero [role=img].land');
    assert.equal(await pictures.count(), 2, `${lang}: two pictures`);
    const [first, last] = await pictures.evaluateAll((all) => all.map((el) => ({ g: el.style.getPropertyValue('--g'), name: el.getAttribute('aria-label') })));
    assert.equal(first.g, '0', `${lang}: the first stage`);
    assert.equal(last.g, '100', `${lang}: the last stage`);
    assert.notEqual(first.name, last.name, `${lang}: named for what each shows`);
    assert.equal(await page.locator('.hero-from').textContent(), from);
    assert.equal(await page.locator('.hero-to').textContent(), to);
    // The picture comes first, above the title.
    const [hero, title] = await Promise.all([page.locator('.hero').boundingBox(), page.locator('h1').boundingBox()]);
    assert.ok(hero.y < title.y, `${lang}: the picture above the title`);
    assert.deepEqual(errors, []);
    await page.close();
  }
});
