// Sets the kiosk's staff code at deploy time: writes dist/kiosk.json with its SHA-256, so
// that the code is in neither the source nor the build.
//   node scripts/kiosk-code.mjs 2468 [dist]
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const [code, dir = 'dist'] = process.argv.slice(2);
if (!code || !/^\d{4,12}$/.test(code)) {
  console.error('usage: node scripts/kiosk-code.mjs CODE [dist]   (CODE: 4 to 12 digits)');
  process.exit(2);
}
const hash = createHash('sha256').update(code).digest('hex');
await writeFile(join(dir, 'kiosk.json'), JSON.stringify({ staff_code_sha256: hash }) + '\n');
console.log(`wrote ${join(dir, 'kiosk.json')}`);
