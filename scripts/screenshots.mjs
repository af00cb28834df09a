// Screenshots of the built app as its users see it, for reviewers (README, « Pictures »):
// the drawn landscape at the three scales at the first, a middle and the last step, and the
// app on a portrait kiosk, a phone and a class projector — each also without the landscape,
// as the app looked before it. Run after `trunk build --release`:
//   node scripts/screenshots.mjs [out-dir]   (default docs/screenshots)
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { startServer } from '../tests/e2e/server.mjs';
import { launch } from '../tests/e2e/browser.mjs';
import { DIST, ROOT, trajectory, views, SCALES } from '../tests/e2e/story.mjs';

const out = resolve(ROOT, process.argv[2] ?? 'docs/screenshots');
await mkdir(out, { recursive: true });
const steps = trajectory(views());
const server = await startServer(DIST);
const browser = await launch({ reducedMotion: 'reduce' });

async function shot(path, viewport, file, { element, hideLandscape = false, wait = 'h1', fullPage = false } = {}) {
  const page = await browser.newPage();
  await page.setViewportSize(viewport);
  await page.goto(`${server.url}${path}`);
  await page.waitForSelector(wait);
  // Through the CSSOM: the Content-Security-Policy refuses an injected stylesheet.
  if (hideLandscape) await page.evaluate(() => document.querySelectorAll('.land').forEach((el) => { el.style.display = 'none'; }));
  await page.waitForTimeout(300);
  const target = element ? page.locator(element).first() : page;
  await target.screenshot({ path: resolve(out, file), ...(element ? {} : { fullPage }) });
  await page.close();
  console.log(`  ${file}`);
}

try {
  const picks = { first: steps[0], middle: steps[Math.floor(steps.length / 2)], last: steps.at(-1) };
  for (const [when, step] of Object.entries(picks)) {
    for (const scale of SCALES) {
      await shot(`/fr/${scale}/${step}`, { width: 1280, height: 900 }, `landscape-${scale}-${when}.png`, { element: 'main > .land' });
    }
  }
  const middle = picks.middle;
  for (const hideLandscape of [false, true]) {
    const suffix = hideLandscape ? '-before' : '';
    await shot(`/fr/commune/${middle}?kiosk&idle=600`, { width: 1080, height: 1920 }, `kiosk-portrait-attract${suffix}.png`, { wait: '.attract', hideLandscape });
    await shot(`/fr/commune/${steps[0]}`, { width: 360, height: 740 }, `phone${suffix}.png`, { hideLandscape, fullPage: true });
    await shot(`/fr/agglomeration/${middle}?atelier=projection`, { width: 1920, height: 1080 }, `projector${suffix}.png`, { hideLandscape });
  }
} finally {
  await browser.close();
  await server.close();
}
