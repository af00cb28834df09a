// Shortens the names by which an app's wasm and its JavaScript glue call each other, for the
// build's hook (scripts/post-build.mjs). wasm-bindgen names each import after the function it
// binds plus a 16-digit hash (`__wbg_body_5f971cbc6950ca4f`), and each closure's entry point
// likewise; every such name is written twice, in the wasm's import or export section and in
// the glue, and its hash does not compress. Each becomes `$` and a number in both, and the
// glue's module name (`./recit_bg.js`) becomes `a`: the same program, named shorter.

/** A name wasm-bindgen made unique with a hash: the only ones renamed, so that replacing
 *  them in the glue cannot touch anything else. */
const HASHED = /_h?[0-9a-f]{16}(_\d+)?$/;
const MODULE = 'a';

function readU32(bytes, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

function u32(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Buffer.from(out);
}

const name = (text) => {
  const bytes = Buffer.from(text);
  return Buffer.concat([u32(bytes.length), bytes]);
};

/** `wasm` (a Buffer) and `glue` (its JavaScript) with the names shortened: `{ wasm, glue }`.
 *  `module` is the glue's module name in the wasm's imports (`./recit_bg.js`). Throws when the
 *  glue does not hold a renamed name, or holds the module name other than once. */
export function shortenNames(wasm, glue, module) {
  const short = new Map();
  const rename = (text) => {
    if (!HASHED.test(text)) return text;
    if (!short.has(text)) short.set(text, `$${short.size.toString(36)}`);
    return short.get(text);
  };
  const read = (at) => {
    const [length, start] = readU32(wasm, at);
    return [wasm.subarray(start, start + length).toString(), start + length];
  };
  const parts = [wasm.subarray(0, 8)];
  for (let at = 8; at < wasm.length;) {
    const id = wasm[at];
    const [size, start] = readU32(wasm, at + 1);
    const end = start + size;
    // The import section (2) and the export section (7); any other as it is.
    if (id !== 2 && id !== 7) {
      parts.push(wasm.subarray(at, end));
      at = end;
      continue;
    }
    let [count, p] = readU32(wasm, start);
    const entries = [u32(count)];
    for (let i = 0; i < count; i++) {
      if (id === 2) {
        let from;
        [from, p] = read(p);
        entries.push(name(from === module ? MODULE : from));
      }
      let field;
      [field, p] = read(p);
      entries.push(name(rename(field)));
      // What follows the name, copied: an export's kind and index; an import's description
      // (a function's type, a table's, a memory's limits, a global's type).
      const described = p;
      const kind = wasm[p++];
      if (id === 7 || kind === 0) {
        [, p] = readU32(wasm, p);
      } else if (kind === 1 || kind === 2) {
        if (kind === 1) p++;
        const flags = wasm[p++];
        [, p] = readU32(wasm, p);
        if (flags & 1) [, p] = readU32(wasm, p);
      } else if (kind === 3) {
        p += 2;
      } else {
        throw new Error(`wasm: an import of kind ${kind}, which this does not read`);
      }
      entries.push(wasm.subarray(described, p));
    }
    if (p !== end) throw new Error(`wasm: section ${id} read to ${p}, not to its end ${end}`);
    const body = Buffer.concat(entries);
    parts.push(Buffer.from([id]), u32(body.length), body);
    at = end;
  }
  // `$` and a number name nothing in wasm-bindgen's glue; were one there, a new name could
  // meet it.
  if (/(?<![\w$])\$[0-9a-z]+(?![\w$])/.test(glue)) throw new Error('glue: a name like $0 already there');
  let out = glue;
  for (const [long, shortName] of short) {
    const token = new RegExp(`(?<![\\w$])${long}(?![\\w$])`, 'g');
    if (!token.test(out)) throw new Error(`glue: ${long} not found`);
    out = out.replace(token, shortName);
  }
  const quoted = JSON.stringify(module);
  if (out.split(quoted).length !== 2) throw new Error(`glue: the module name ${quoted} not found once`);
  return { wasm: Buffer.concat(parts), glue: out.replace(quoted, JSON.stringify(MODULE)) };
}
