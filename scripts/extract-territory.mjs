#!/usr/bin/env node
// Extracts the official open data shown beside the report's figures into story/data/territory.toml:
// the three communautés d'agglomération of the Pôle Métropolitain de l'Artois, their SIREN codes,
// and their member communes with INSEE code, name and population.
//
// Source: the npm package @etalab/decoupage-administratif 6.0.0 (data under Licence Ouverte,
// code under MIT), pinned in package.json and installed in node_modules.
//
// Usage (from anywhere; Node 20, no dependencies):
//   node scripts/extract-territory.mjs [output-path]
// The output path defaults to story/data/territory.toml. The output is deterministic: the same
// package gives the same file, byte for byte, in the layout of the Rust writer
// (crates/recit-story/src/toml_format/write.rs, `territory_file`).

import { readFileSync, writeFileSync, renameSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE = '@etalab/decoupage-administratif';
const PACKAGE_DIR = resolve(ROOT, 'node_modules', PACKAGE);
const VERSION = '6.0.0';
const DEFAULT_OUTPUT = resolve(ROOT, 'story/data/territory.toml');

// The year of the population figures. The package has no machine-readable millésime, so it is
// pinned with the version. Established from the package itself:
// - README.md, "Sources": "Population légale" links INSEE's page 8680726 (sommaire 8681011), the
//   populations of reference 2023 (population on 1 January 2023, published December 2025, in force
//   from 1 January 2026); the previous link (8290591, populations 2022) was replaced by the
//   upstream commit "Update pop 2023 and EPT to 2025" released in 5.3.0 and unchanged in 6.0.0.
// - The build (build/index.js) sets each commune's `population` in data/communes.json to the
//   `PMUN` (population municipale) column of that INSEE file.
// Only communes.json's populations are used: the member populations in data/epci.json come from
// the DGCL file epcicom2026 (columns pmun_2025, i.e. INSEE's populations 2022), another year.
const POPULATION_YEAR = 2023;

// The three communautés d'agglomération of the Pôle Métropolitain de l'Artois, in story order.
const GROUPINGS = ['CA de Lens-Liévin', "CA d'Hénin-Carvin", 'CA de Béthune-Bruay, Artois-Lys Romane'];

const SOURCE = {
  id: 'decoupage-administratif',
  kind: 'dataset',
  titleFr: `Découpage administratif : communes et EPCI (populations légales ${POPULATION_YEAR}, population municipale)`,
  titleEn: `Administrative divisions: communes and EPCIs (legal populations ${POPULATION_YEAR}, municipal population)`,
  publisher: "Etalab (DINUM), d'après l'INSEE et la DGCL",
  version: VERSION,
  year: POPULATION_YEAR,
  licence: 'Licence Ouverte 2.0',
  url: `https://www.npmjs.com/package/${PACKAGE}/v/${VERSION}`,
};

function fail(message) {
  console.error(`extract-territory: ${message}`);
  process.exit(1);
}

function readJson(path) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    fail(`cannot read ${path} (${e.code ?? e.message}); install the pinned tools with 'npm ci' or scripts/setup.sh`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    fail(`${path} is not valid JSON: ${e.message}`);
  }
}

/** A name reduced for matching: Unicode NFC, straight apostrophes, no spaces around hyphens, lower case. */
function key(name) {
  return name
    .normalize('NFC')
    .replace(/[\u2019\u02BC]/g, "'")
    .replace(/\s*-\s*/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLocaleLowerCase('fr');
}

/** The same string literal as `string_literal` in write.rs (a TOML basic string, or a multi-line one). */
function tomlString(s) {
  const multiline = s.includes('\n');
  let out = multiline ? '"""\n' : '"';
  for (const c of s) {
    const cp = c.codePointAt(0);
    if (c === '\\') out += '\\\\';
    else if (c === '"') out += '\\"';
    else if (c === '\n') out += multiline ? '\n' : '\\n';
    else if (c === '\t') out += '\\t';
    else if (c === '\r') out += '\\r';
    else if (cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f)) out += `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += c;
  }
  return out + (multiline ? '"""' : '"');
}

function extract() {
  const pkg = readJson(resolve(PACKAGE_DIR, 'package.json'));
  if (pkg.name !== PACKAGE || pkg.version !== VERSION) {
    fail(`expected ${PACKAGE} ${VERSION} in ${PACKAGE_DIR}, found ${pkg.name} ${pkg.version}; ` +
      `the population year (${POPULATION_YEAR}) and the source's description are pinned to ${VERSION}, check them before changing the version`);
  }
  const communes = readJson(resolve(PACKAGE_DIR, 'data/communes.json'));
  const epcis = readJson(resolve(PACKAGE_DIR, 'data/epci.json'));

  // Current communes only: communes.json also lists delegated and associated communes and
  // municipal arrondissements, some sharing a code with a current commune.
  const byCode = new Map();
  for (const c of communes) {
    if (c.type !== 'commune-actuelle') continue;
    if (byCode.has(c.code)) fail(`communes.json lists the current commune ${c.code} twice`);
    byCode.set(c.code, c);
  }

  return GROUPINGS.map((wanted) => {
    const found = epcis.filter((e) => key(e.nom) === key(wanted));
    if (found.length === 0) {
      const near = epcis.filter((e) => key(e.nom).includes(key(wanted).split(/[ ,]/).pop())).map((e) => `"${e.nom}"`);
      fail(`no EPCI named "${wanted}" in ${PACKAGE} ${VERSION} data/epci.json` + (near.length ? ` (similar: ${near.join(', ')})` : ''));
    }
    if (found.length > 1) fail(`several EPCI named "${wanted}" in data/epci.json: ${found.map((e) => e.code).join(', ')}`);
    const [epci] = found;
    if (epci.type !== 'CA') fail(`"${epci.nom}" (${epci.code}) is a ${epci.type}, not a communauté d'agglomération (CA)`);
    if (!/^\d{9}$/.test(epci.code)) fail(`"${epci.nom}" has the code "${epci.code}", not a 9-digit SIREN`);

    const members = epci.membres.map((m) => {
      const c = byCode.get(m.code);
      if (!c) fail(`the member ${m.code} (${m.nom}) of "${epci.nom}" is not a current commune in data/communes.json`);
      if (!Number.isSafeInteger(c.population) || c.population <= 0) {
        fail(`the commune ${c.code} (${c.nom}) has no population in data/communes.json`);
      }
      return { code: c.code, name: c.nom, population: c.population };
    });
    if (members.length === 0) fail(`"${epci.nom}" has no member commune`);
    if (new Set(members.map((m) => m.code)).size !== members.length) fail(`"${epci.nom}" lists a commune twice`);
    // Largest first: the app lays the map's tiles out in file order, and a squarified
    // treemap gets its squarest tiles from decreasing values (so the app needs no sort).
    members.sort((a, b) => b.population - a.population || a.name.localeCompare(b.name, 'fr') || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    return { code: epci.code, name: epci.nom, communes: members };
  });
}

function render(groupings) {
  const kv = (k, v) => `${k} = ${tomlString(v)}\n`;
  let out = "# Official open data, shown beside the report's figures and never mixed with them.\n";
  out += `# Generated by scripts/extract-territory.mjs from ${PACKAGE} ${VERSION}; do not edit by hand.\n`;
  out += '\n[source]\n';
  out += kv('id', SOURCE.id);
  out += kv('kind', SOURCE.kind);
  out += kv('title.fr', SOURCE.titleFr);
  out += kv('title.en', SOURCE.titleEn);
  out += kv('publisher', SOURCE.publisher);
  out += kv('version', SOURCE.version);
  out += `year = ${SOURCE.year}\n`;
  out += kv('licence', SOURCE.licence);
  out += kv('url', SOURCE.url);
  for (const g of groupings) {
    out += '\n[[grouping]]\n';
    out += kv('code', g.code);
    out += kv('name', g.name);
    out += 'commune = [\n';
    for (const c of g.communes) {
      out += `  { code = ${tomlString(c.code)}, name = ${tomlString(c.name)}, population = ${c.population} },\n`;
    }
    out += ']\n';
  }
  return out;
}

const output = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_OUTPUT;
const groupings = extract();
const text = render(groupings);
mkdirSync(dirname(output), { recursive: true });
// Write beside the target, then rename: a reader never sees half a file.
const tmp = `${output}.${process.pid}.tmp`;
try {
  writeFileSync(tmp, text);
  renameSync(tmp, output);
} catch (e) {
  rmSync(tmp, { force: true });
  fail(`cannot write ${output}: ${e.message}`);
}
for (const g of groupings) {
  const total = g.communes.reduce((n, c) => n + c.population, 0);
  console.log(`${g.code} ${g.name}: ${g.communes.length} communes, population ${total}`);
}
console.log(`wrote ${output}`);
