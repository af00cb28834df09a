// Kiosks run for weeks: 2,000 mixed moves in one page (home, steps, scales, languages, and the
// workshop's quiz, « Mon récit » and worksheet pages), driven in the page through the app's own
// links, scale switch and history, never a page load. The JS heap after 2,000 moves, after a
// forced GC, stays within 10 % of its value after 100 (a memory bound; the time is printed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withApp } from './app.mjs';

const app = withApp();

/** DOM nodes that are out of the document but still held (Chromium's heap snapshot marks them
 *  « detached »): a screen switch that leaks keeps its old screen alive this way. */
async function detachedNodes(cdp) {
  const chunks = [];
  const onChunk = (e) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const { snapshot: { meta }, nodes, strings } = JSON.parse(chunks.join(''));
  const width = meta.node_fields.length;
  const detachedness = meta.node_fields.indexOf('detachedness');
  const name = meta.node_fields.indexOf('name');
  let count = 0;
  for (let i = 0; i < nodes.length; i += width) {
    if (detachedness >= 0 ? nodes[i + detachedness] === 2 : strings[nodes[i + name]].startsWith('Detached ')) count += 1;
  }
  return count;
}

/** Runs `count` moves in the page; returns the moves that did not show their screen, and how
 *  many times each kind of screen was shown. */
async function moves(page, count, seed, paths) {
  return page.evaluate(async ({ count, seed, paths }) => {
    let state = seed;
    const random = (n) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return Math.floor((state / 2147483648) * n);
    };
    const frame = () => new Promise((resolve) => setTimeout(resolve, 0));
    const failed = [];
    const seen = {};
    // History entries this run pushed, so that « back » never leaves the app.
    let depth = 0;
    for (let i = 0; i < count; i++) {
      // Half the moves through what is on screen: a same-site link of the app (those with a
      // query change the mode and load a page) or another scale; half through history.
      const controls = [
        ...[...document.querySelectorAll('a[href^="/"]')].filter((a) => !a.getAttribute('href').includes('?') && !a.hasAttribute('download')),
        ...document.querySelectorAll('.scale-switcher input:not(:checked)'),
      ];
      let target;
      const before = location.href;
      if (random(2) === 0 && controls.length > 0) {
        const control = controls[random(controls.length)];
        target = control.getAttribute('href');
        control.click();
      } else if (random(4) === 0 && depth > 0) {
        depth -= 1;
        history.back();
        // Its popstate comes later, however loaded the machine: a timeout would let it land
        // in the middle of the next move.
        await new Promise((resolve) => addEventListener('popstate', resolve, { once: true }));
      } else {
        target = paths[random(paths.length)];
        history.pushState(null, '', target + location.search);
        dispatchEvent(new PopStateEvent('popstate'));
      }
      await frame();
      if (target && location.href !== before) depth += 1;
      if (target && location.pathname !== target) failed.push(`${target}: at ${location.pathname}`);
      if (!document.querySelector('h1')) failed.push(`${location.pathname}: no heading`);
      const [, lang, kind = 'home'] = location.pathname.split('/');
      const screen = ['quiz', 'mon-recit', 'fiche'].includes(kind) || kind === 'home' ? kind : `step at ${kind}`;
      for (const key of [lang, screen]) seen[key] = (seen[key] ?? 0) + 1;
    }
    return { failed, seen };
  }, { count, seed, paths });
}

test('2,000 mixed moves keep the JS heap within 10 % of its size after 100', async () => {
  await app.ready;
  const steps = [...new Set(app.all.map((v) => v.step))];
  const paths = ['/fr', '/en', '/fr/mon-recit', '/en/mon-recit', '/fr/fiche', '/en/fiche'];
  for (const lang of ['fr', 'en']) {
    for (const scale of ['commune', 'agglomeration', 'pole']) {
      paths.push(`/${lang}/quiz/${scale}`);
      for (const step of steps) paths.push(`/${lang}/${scale}/${step}`);
    }
    paths.push(...steps.slice(0, 3).map((step) => `/${lang}/fiche/${step}`));
  }
  // The wasm's linear memory (outside the JS heap, never given back): where a leak of the
  // Rust side shows. Kept from the instance the app starts.
  await app.browser.addInitScript(() => {
    const keep = (instantiate) => async (...args) => {
      const result = await instantiate(...args);
      window.recitWasmMemory = (result.instance ?? result).exports.memory;
      return result;
    };
    WebAssembly.instantiateStreaming = keep(WebAssembly.instantiateStreaming);
    WebAssembly.instantiate = keep(WebAssembly.instantiate);
  });
  const wasmMemory = () => page.evaluate(() => window.recitWasmMemory?.buffer.byteLength ?? 0);
  // The workshop's app (a pupil's tablet): every screen of the reader, and the workshop's pages.
  const { page, errors } = await app.load('/fr?atelier');
  const cdp = await page.context().newCDPSession(page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  const started = Date.now();
  const { failed, seen } = await moves(page, 100, 11, paths);
  const after100 = await heap();
  const detached100 = await detachedNodes(cdp);
  const wasm100 = await wasmMemory();
  const rest = await moves(page, 1900, 23, paths);
  failed.push(...rest.failed);
  for (const [key, n] of Object.entries(rest.seen)) seen[key] = (seen[key] ?? 0) + n;
  const after2000 = await heap();
  const detached2000 = await detachedNodes(cdp);
  const wasm2000 = await wasmMemory();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const growth = ((after2000 / after100 - 1) * 100).toFixed(1);
  console.log(`# JS heap after forced GC: ${after100} B after 100 moves, ${after2000} B after 2,000 (${growth} %); 2,000 moves in ${seconds} s`);
  console.log(`# detached DOM nodes: ${detached100} after 100 moves, ${detached2000} after 2,000`);
  console.log(`# wasm memory: ${wasm100} B after 100 moves, ${wasm2000} B after 2,000`);
  console.log(`# screens shown: ${JSON.stringify(seen)}`);
  assert.deepEqual(failed, [], 'every move shows its screen');
  for (const key of ['fr', 'en', 'home', 'step at commune', 'step at agglomeration', 'step at pole', 'quiz', 'mon-recit', 'fiche']) {
    assert.ok(seen[key] >= 20, `the moves show « ${key} » (${seen[key] ?? 0} times)`);
  }
  assert.deepEqual(errors, []);
  assert.ok(after2000 <= after100 * 1.1, `the heap grew from ${after100} B to ${after2000} B (${growth} %)`);
  // A leak of one node per move would add hundreds; a few come and go (the browser's own).
  assert.ok(detached2000 <= detached100 + 10, `detached DOM nodes grew from ${detached100} to ${detached2000}`);
  // It grows by 64 KB pages and is never given back: bounded per move, the unit of a leak.
  // Some growth remains (README, « Kiosk mode »; the figures in docs/budget.md); the step
  // screen's leak (fixed in src/app.rs, `screen_memo`) added about 550 B a move, which this
  // bound does not leave room for.
  const perMove = (wasm2000 - wasm100) / 1900;
  console.log(`# wasm memory growth: ${Math.round(perMove)} B a move`);
  assert.ok(wasm100 > 0 && perMove <= 900, `the wasm memory grew from ${wasm100} B to ${wasm2000} B: ${Math.round(perMove)} B a move`);
  await page.close();
});
