// The shared fixture of the browser tests: the story's expectations, dist/ served on
// 127.0.0.1 and one headless Chromium, set up before a file's tests and closed after.
import { before, after } from 'node:test';
import { startServer } from './server.mjs';
import { launch } from './browser.mjs';
import { DIST, views, trajectory } from './story.mjs';

/** Registers the fixture; its fields are filled once the tests run. */
export function withApp() {
  const app = {};
  before(async () => {
    app.all = views();
    app.steps = trajectory(app.all);
    app.server = await startServer(DIST);
    app.url = app.server.url;
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}
