// Tests for scripts/short-names.mjs: `node --test scripts/`. A small wasm written here, with
// an import and an export named as wasm-bindgen names them, and its glue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shortenNames } from './short-names.mjs';

const name = (text) => [text.length, ...Buffer.from(text)];
const section = (id, bytes) => [id, bytes.length, ...bytes];
const ANSWER = '__wbg_answer_0123456789abcdef', SEVEN = '__wbg_seven_fedcba9876543210', RUN = 'run__h00112233445566ff';
/** A module that imports a function and a global from `./x_bg.js` and exports a function
 *  that calls the first (as `RUN` and as `plain`). */
const WASM = Buffer.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, [1, 0x60, 0, 1, 0x7f]),
  ...section(2, [2, ...name('./x_bg.js'), ...name(ANSWER), 0, 0, ...name('./x_bg.js'), ...name(SEVEN), 3, 0x7f, 0]),
  ...section(3, [1, 0]),
  ...section(7, [2, ...name(RUN), 0, 1, ...name('plain'), 0, 1]),
  ...section(10, [1, 4, 0, 0x10, 0, 0x0b]),
]);
const GLUE = `const imports = { "./x_bg.js": { ${ANSWER}: () => 42, ${SEVEN}: 7 } };
function ${RUN}(exports) { return exports.${RUN}(); }
return { imports, run: ${RUN} };`;

test('the hashed names and the module name are shortened in the wasm and the glue alike, which still link', () => {
  const { wasm, glue } = shortenNames(WASM, GLUE, './x_bg.js');
  const module = new WebAssembly.Module(wasm);
  assert.deepEqual(WebAssembly.Module.imports(module).map((i) => [i.module, i.name, i.kind]), [['a', '$0', 'function'], ['a', '$1', 'global']]);
  assert.deepEqual(WebAssembly.Module.exports(module).map((e) => e.name), ['$2', 'plain'], 'a name without a hash is kept');
  assert.ok(wasm.length < WASM.length);
  assert.ok(![ANSWER, SEVEN, RUN, './x_bg.js'].some((long) => glue.includes(long)), glue);
  const { imports, run } = new Function(glue)();
  const instance = new WebAssembly.Instance(module, imports);
  assert.equal(run(instance.exports), 42);
  assert.equal(instance.exports.plain(), 42);
});

test('a glue that does not hold every name, or its module name once, is refused', () => {
  assert.throws(() => shortenNames(WASM, GLUE.replace(`${SEVEN}: 7`, 'other: 7'), './x_bg.js'), /__wbg_seven_fedcba9876543210 not found/);
  assert.throws(() => shortenNames(WASM, `${GLUE}\n"./x_bg.js";`, './x_bg.js'), /module name/);
  assert.throws(() => shortenNames(WASM, `${GLUE}\nconst $1 = 0;`, './x_bg.js'), /already there/);
});

test('a longer name that starts with a renamed one is left whole', () => {
  const { glue } = shortenNames(WASM, `${GLUE}\nconst ${RUN}_13 = 1;`, './x_bg.js');
  assert.match(glue, new RegExp(`${RUN}_13 = 1`));
});
