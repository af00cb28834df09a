// The shared fixture of the browser tests: the story's expectations, dist/ served on
// 127.0.0.1 and one headless Chromium, set up before a file's tests and closed after.
import { before, after } from 'node:test';
import { startServer } from './server.mjs';
import { launch, open } from './browser.mjs';
import { DIST, views, trajectory } from './story.mjs';

/** Registers the fixture; its fields are filled once the tests run. `options` are the
 *  browser's (Playwright context options). `app.load(path, context?)` opens a page of the app
 *  and records its errors: `{ page, errors }`. */
export function withApp(options = {}) {
  // `app.ready` resolves once set up: a file's own `before` hooks may run alongside this one.
  let ready;
  const app = { ready: new Promise((resolve) => { ready = resolve; }) };
  before(async () => {
    app.all = views();
    app.steps = trajectory(app.all);
    app.server = await startServer(DIST);
    app.url = app.server.url;
    app.browser = await launch(options);
    app.load = (path, context = app.browser) => open(context, `${app.url}${path}`);
    ready();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}
