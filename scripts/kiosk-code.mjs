// Writes a kiosk's deployment settings, dist/kiosk.json, at deploy time: the staff code's
// salted PBKDF2-HMAC-SHA256 hash (the code is in neither the source nor the build), how long
// visitors' answers stay on the kiosk, and the contact residents write to about their data.
//   node scripts/kiosk-code.mjs CODE [dist] [--contact TEXT] [--retention-days N] [--iterations N]
// The kiosk reads the parameters from the file, so they can be raised by running this again.
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// PBKDF2-HMAC-SHA256 iterations. OWASP (2023) asks 600,000; the kiosk checks the code in
// WebAssembly, where that many made the staff wait too long on the development machine: half
// is the compromise (README, « Kiosk mode »; the timings in docs/budget.md). Raise it with
// --iterations on fast kiosks.
export const ITERATIONS = 300_000;
export const MIN_CODE_LENGTH = 8;
const USAGE = 'usage: node scripts/kiosk-code.mjs CODE [dist] [--contact TEXT] [--retention-days N] [--iterations N]';

/** The contents of kiosk.json for `code`, or throws an Error saying what is wrong. */
export function kioskSettings(code, { contact = '', retentionDays = 90, iterations = ITERATIONS, salt = randomBytes(16) } = {}) {
  if (typeof code !== 'string' || [...code].length < MIN_CODE_LENGTH) {
    throw new Error(`the staff code must be at least ${MIN_CODE_LENGTH} characters long (a short code is found by trying them all); choose a longer one, letters allowed`);
  }
  if (!Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > 3650) {
    throw new Error('--retention-days must be a whole number of days from 1 to 3650');
  }
  if (!Number.isInteger(iterations) || iterations < 100_000 || iterations > 10_000_000) {
    throw new Error('--iterations must be a whole number from 100000 to 10000000');
  }
  const hash = pbkdf2Sync(code, salt, iterations, 32, 'sha256');
  return {
    staff_code: { algorithm: 'pbkdf2-sha256', iterations, salt: salt.toString('hex'), hash: hash.toString('hex') },
    retention_days: retentionDays,
    contact,
  };
}

function parseArgs(argv) {
  const positional = [];
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new Error(`${arg} needs a value`);
    if (arg === '--contact') options.contact = value;
    else if (arg === '--retention-days') options.retentionDays = Number(value);
    else if (arg === '--iterations') options.iterations = Number(value);
    else throw new Error(`unknown option ${arg}`);
  }
  const [code, dir = 'dist', extra] = positional;
  if (code === undefined || extra !== undefined) throw new Error('give the code, and optionally the build folder');
  return { code, dir, options };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { code, dir, options } = parseArgs(process.argv.slice(2));
    const settings = kioskSettings(code, options);
    await writeFile(join(dir, 'kiosk.json'), JSON.stringify(settings) + '\n');
    console.log(`wrote ${join(dir, 'kiosk.json')} (PBKDF2-HMAC-SHA256, ${settings.staff_code.iterations} iterations; answers kept ${settings.retention_days} days${settings.contact ? '' : '; no contact set: add --contact'})`);
  } catch (e) {
    console.error(`kiosk-code: ${e.message}\n${USAGE}`);
    process.exit(2);
  }
}
