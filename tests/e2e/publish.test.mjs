// `recit publish` as a town's staff use it: the one program, with no Rust toolchain (nor trunk
// nor wasm-bindgen) on its PATH, publishes two different stories into two folders, which `recit serve`
// serves; each shows its own story, prerendered and in the app, with the same apps byte for
// byte. Then a reader with a site open when a new story is published over it. (A story with
// errors: crates/recit-cli/tests/publish.rs.)
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, appReady, offlineReady } from './browser.mjs';
import { startServer } from './server.mjs';
import { ROOT } from './story.mjs';

const PROGRAM = join(ROOT, 'target/release/recit');
/** What the program runs with: no cargo, rustc, trunk or wasm-bindgen on its PATH. */
const BARE = { ...process.env, PATH: '/usr/bin:/bin' };

/** A copy of the story folder `from` whose French title is `title`. */
async function storyTitled(from, title, into) {
  await cp(from, into, { recursive: true });
  const file = join(into, 'story.toml');
  const text = await readFile(file, 'utf8');
  const changed = text.replace(/^title\.fr = ".*"$/m, `title.fr = "${title}"`);
  assert.notEqual(changed, text, `${file}: its title replaced`);
  await writeFile(file, changed);
  return into;
}

/** `recit publish story --out out` with the bare PATH: its exit status and what it said. */
function publish(story, out) {
  const run = spawnSync(PROGRAM, ['publish', story, '--out', out], { env: BARE, encoding: 'utf8' });
  return { status: run.status, said: `${run.stdout}${run.stderr}` };
}

const wasmFiles = async (dir) => (await readdir(dir)).filter((f) => f.endsWith('_bg.wasm')).sort();

test('one program, no toolchain: two stories published into two folders, each served with its own title, the same apps', async () => {
  for (const tool of ['cargo', 'rustc', 'trunk', 'wasm-bindgen']) {
    assert.notEqual(spawnSync('sh', ['-c', `command -v ${tool}`], { env: BARE }).status, 0, `${tool} is not on the program's PATH`);
  }
  const tmp = await mkdtemp(join(tmpdir(), 'recit-publish-'));
  const browser = await launch();
  try {
    const sites = [
      { story: await storyTitled(join(ROOT, 'crates/recit-story/tests/fixtures/sample'), 'Récit d\'essai : le village A', join(tmp, 'a')), title: 'Récit d\'essai\u00a0: le village A' }, // as readers see it, typeset
      { story: await storyTitled(join(ROOT, 'story'), 'L\'Archipel, édition B', join(tmp, 'b')), title: 'L\'Archipel, édition B' },
    ];
    for (const [i, site] of sites.entries()) {
      site.out = join(tmp, `site-${i}`);
      const { status, said } = publish(site.story, site.out);
      assert.equal(status, 0, said);
      assert.match(said, /published \d+ pages \(\d+ files\) into .* in [\d.]+ s/);
    }
    const [wasmA, wasmB] = [await wasmFiles(sites[0].out), await wasmFiles(sites[1].out)];
    assert.equal(wasmA.length, 3, 'the three apps');
    assert.deepEqual(wasmA, wasmB, 'the same apps, by name (the hash of what they hold)');
    for (const f of wasmA) assert.ok((await readFile(join(sites[0].out, f))).equals(await readFile(join(sites[1].out, f))), `${f}: byte-identical`);

    for (const site of sites) {
      const server = await startServer(site.out);
      try {
        const page = await browser.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        const response = await page.goto(`${server.url}/fr`);
        assert.match(await response.text(), new RegExp(`<h1>${site.title.replace('\'', '(\'|&#x27;|&#39;)')}</h1>`), 'the prerendered page has the story\'s title');
        await appReady(page);
        assert.equal(await page.locator('h1').textContent(), site.title, 'and the app, once it has taken over');
        assert.deepEqual(errors, []);
        await page.close();
      } finally {
        await server.close();
      }
    }
  } finally {
    await browser.close();
    await rm(tmp, { recursive: true, force: true });
  }
});

test('a reader with the site open when a new story is published over it gets the new story on the next visit, never a mix', async () => {
  const tmp = await mkdtemp(join(tmpdir(), 'recit-republish-'));
  const out = join(tmp, 'site');
  const [before, after] = ['Le récit d\'avant', 'Le récit d\'après'];
  assert.equal(publish(await storyTitled(join(ROOT, 'story'), before, join(tmp, 'before')), out).status, 0);
  const server = await startServer(out);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${server.url}/fr`);
    await appReady(page);
    await offlineReady(page);
    assert.equal(await page.locator('h1').textContent(), before);
    const { status, said } = publish(await storyTitled(join(ROOT, 'story'), after, join(tmp, 'after')), out);
    assert.equal(status, 0, said);
    // The next visit, while the old site's worker is still in charge (its page open).
    const next = await browser.newPage();
    next.on('pageerror', (e) => errors.push(String(e)));
    await next.goto(`${server.url}/fr`);
    await appReady(next);
    assert.equal(await next.locator('h1').textContent(), after, 'the new story, prerendered and in the app');
    assert.equal(await next.title(), await next.evaluate(() => document.title), 'one document');
    // The app's story is the page's: the next step's page, and the app's own moves, agree.
    await next.goto(`${server.url}/en`);
    await appReady(next);
    assert.notEqual(await next.locator('h1').textContent(), before, 'nothing of the old story');
    await page.close();
    await next.close();
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
    await rm(tmp, { recursive: true, force: true });
  }
});
