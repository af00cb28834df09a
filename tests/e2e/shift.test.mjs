// No layout shift (issue 21), from the page's first paint to the app's screen: 20 pages (the
// start page and steps across the trajectory and the scales, in French and in English), each
// loaded on the throttled phone in a fresh browser and taken over by the app. Each page is
// delivered in parts, each once the browser has painted the ones before
// (tests/e2e/throttled.mjs, streamingServer): a slow network or a slow phone paints a page as it
// arrives, which is where a shift hid, one load in several — the map of scales, then placed
// before the step, painted under the trajectory until the step came and pushed it off the
// screen. Nothing is timed: what moved is named when something does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { streamingServer, throttledLoads } from './throttled.mjs';
import { DIST, views } from './story.mjs';

/** `count` items of `list`, evenly spread along it. */
const spread = (list, count) => Array.from({ length: count }, (_, i) => list[Math.floor((i * list.length) / count)]);

test('20 pages arrive on a throttled phone and the app takes them over without a layout shift, in French and English', async () => {
  const all = views();
  const server = await streamingServer(DIST);
  const moved = [];
  try {
    for (const lang of ['fr', 'en']) {
      const paths = [`/${lang}`, ...spread(all.filter((v) => v.lang === lang), 9).map((v) => `/${lang}/${v.scale}/${v.step}`)];
      for (const path of paths) {
        const [load] = await throttledLoads(server.url + path, 1, server);
        assert.notEqual(load.takeover, null, `${path}: the app took the page over`);
        for (const [at, value, what] of load.shifts) moved.push(`${path} at ${Math.round(at)} ms: ${value.toFixed(4)}, ${what}`);
      }
    }
  } finally {
    await server.close();
  }
  assert.deepEqual(moved, [], 'what moved (node, rectangle before → after)');
});
