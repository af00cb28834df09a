// Screenshots of the built app as its users see it, one per screen, for docs/design.md and
// the README: the drawn landscape at the three scales along the trajectory, the kiosk's
// poster (portrait and wide), countdown and data notice (touch), the start page, a step on a kiosk, a
// phone and a projector, the phone's header at 320 and 360 px in both languages, the quiz
// and the projection on a projector, the worksheet as printed, and the editor.
// Run after the build (scripts/build.sh, then `recit publish story --out dist`):
//   node scripts/screenshots.mjs [out-dir] [--suffix=-before]
// The suffix names a set taken from another build (RECIT_DIST=… for its folder), to put the
// screens before a change beside the screens after it.
import { execFileSync } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { startServer } from '../tests/e2e/server.mjs';
import { launch } from '../tests/e2e/browser.mjs';
import { DIST, ROOT, trajectory, views, SCALES } from '../tests/e2e/story.mjs';

const args = process.argv.slice(2);
const suffix = args.find((a) => a.startsWith('--suffix='))?.slice('--suffix='.length) ?? '';
const out = resolve(ROOT, args.find((a) => !a.startsWith('--')) ?? 'docs/screenshots');
await mkdir(out, { recursive: true });
const steps = trajectory(views());
const picks = { first: steps[0], middle: steps[Math.floor(steps.length / 2)], last: steps.at(-1) };
const server = await startServer(DIST);
const desk = await launch({ reducedMotion: 'reduce' });
const touch = await launch({ reducedMotion: 'reduce', hasTouch: true, isMobile: true });

const KIOSK = { width: 1080, height: 1920 };
const PHONE = { width: 360, height: 740 };
const PROJECTOR = { width: 1920, height: 1080 };

/** Opens `path` at `viewport` in `context`, lets `act` bring the screen wanted (it gets the
 *  page), then saves the page, or `element` of it, as `name`. */
async function shot(name, path, viewport, { context = desk, act, element, fullPage = false, media } = {}) {
  const page = await context.newPage();
  try {
    await page.setViewportSize(viewport);
    if (media) await page.emulateMedia({ media });
    await page.goto(`${server.url}${path}`);
    await page.waitForLoadState('networkidle');
    if (act) await act(page);
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(300);
    const target = element ? page.locator(element).first() : page;
    await target.screenshot({ path: resolve(out, `${name}${suffix}.png`), ...(element ? {} : { fullPage }) });
    console.log(`  ${name}${suffix}.png`);
  } catch (error) {
    // A screen an older build does not have is skipped, not fatal: the set goes on.
    console.log(`  ${name}${suffix}.png: not taken (${error.message.split('\n')[0]})`);
  } finally {
    await page.close();
  }
}

const tapAttract = async (page) => {
  await page.locator('.attract').tap();
  await page.waitForSelector('.attract', { state: 'detached' });
};

try {
  for (const [when, step] of Object.entries(picks)) {
    for (const scale of SCALES) {
      await shot(`landscape-${scale}-${when}`, `/fr/${scale}/${step}`, { width: 1280, height: 900 }, { element: 'main > .land' });
    }
  }
  // The kiosk, touch: its poster (portrait, then a wide screen), a step, the countdown, and
  // the question's data notice.
  await shot('kiosk-attract', '/fr?kiosk&idle=600', KIOSK, { context: touch, act: (p) => p.waitForSelector('.attract') });
  await shot('kiosk-attract-wide', '/fr?kiosk&idle=600', { width: 1920, height: 1080 }, { context: touch, act: (p) => p.waitForSelector('.attract') });
  await shot('kiosk-step', `/fr/commune/${picks.middle}?kiosk&idle=600`, KIOSK, { context: touch, act: tapAttract });
  await shot('kiosk-still-there', `/fr/commune/${picks.middle}?kiosk&idle=1&countdown=600`, KIOSK, {
    context: touch,
    act: async (page) => {
      await tapAttract(page);
      await page.waitForSelector('.still-there');
    },
  });
  // The question to residents shows where the kiosk has its code (scripts/kiosk-code.mjs).
  execFileSync('node', ['scripts/kiosk-code.mjs', '24681357', DIST, '--retention-days', '45', '--contact', 'Conseil de développement'], { cwd: ROOT });
  try {
    await shot('kiosk-notice', `/fr/commune/${picks.last}?kiosk&idle=600`, KIOSK, {
      context: touch,
      act: async (page) => {
        await tapAttract(page);
        // A tap on the poster starts the story at its beginning: the question is at the end.
        await page.locator('nav.trajectory li a').last().tap();
        await page.locator('#visitor-answer-notice').scrollIntoViewIfNeeded();
      },
    });
  } finally {
    await rm(join(DIST, 'kiosk.json'), { force: true });
  }
  // Where a desktop or phone visitor arrives.
  await shot('start-desktop', '/fr', { width: 1440, height: 900 });
  await shot('start-phone', '/fr', PHONE, { context: touch, fullPage: true });
  // A step on a phone, and the phone's header, where the scale names must not break.
  await shot('phone-step', `/fr/commune/${picks.first}`, PHONE, { context: touch });
  for (const lang of ['fr', 'en']) {
    for (const width of [320, 360]) {
      await shot(`phone-header-${lang}-${width}`, `/${lang}/agglomeration/${picks.first}`, { width, height: 640 }, { context: touch, element: 'header' });
    }
  }
  // The class's projector.
  await shot('projector-step', `/fr/agglomeration/${picks.middle}?atelier=projection`, PROJECTOR);
  await shot('projector-quiz', '/fr/quiz/commune?atelier=projection', PROJECTOR, { act: (p) => p.waitForSelector('.quiz legend') });
  await shot('worksheet-print', '/fr/fiche?atelier', { width: 794, height: 1123 }, { media: 'print', act: (p) => p.waitForSelector('h1') });
  await shot('editor', `/editeur/fr/etape/${picks.first}/commune`, { width: 1440, height: 900 }, { act: (p) => p.waitForSelector('.preview-title') });
} finally {
  await touch.close();
  await desk.close();
  await server.close();
}
