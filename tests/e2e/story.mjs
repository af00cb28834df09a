// What the browser tests expect, read from the story itself by the story crate's checker.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
export const DIST = resolve(ROOT, process.env.RECIT_DIST ?? 'dist');
const STORY = process.env.RECIT_STORY_DIR ?? 'story';

/** Every view: { lang, scale, step, index (number, or null for a side step), title }. */
export function views() {
  const out = execFileSync('cargo', ['run', '-q', '--release', '-p', 'recit-story', '--bin', 'recit-check', '--', STORY, '--titles'], {
    cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
  });
  return out.trim().split('\n').map((line) => {
    const [lang, scale, step, index, title] = line.split('\t');
    return { lang, scale, step, index: index === 'side' ? null : Number(index), title };
  });
}

/** Which addresses need which app, the story crate's rules (`recit-check --routes`):
 *  { editor: ['editeur'], langs: ['fr', …], pages: ['quiz', …], flags: ['kiosk', …] }. */
export function routes() {
  const out = execFileSync('cargo', ['run', '-q', '--release', '-p', 'recit-story', '--bin', 'recit-check', '--', STORY, '--routes'], {
    cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
  });
  return Object.fromEntries(out.trim().split('\n').map((line) => {
    const [kind, ...words] = line.split('\t');
    return [kind, words];
  }));
}

/** The main steps in trajectory order. */
export function trajectory(all = views()) {
  const main = all.filter((v) => v.lang === 'fr' && v.scale === 'commune' && v.index !== null);
  return main.sort((a, b) => a.index - b.index).map((v) => v.step);
}

export function title(all, lang, scale, step) {
  return all.find((v) => v.lang === lang && v.scale === scale && v.step === step).title;
}

export const SCALES = ['commune', 'agglomeration', 'pole'];
export const SCALE_NAMES = {
  fr: { commune: 'Commune', agglomeration: 'Agglomération', pole: 'Pôle métropolitain' },
  en: { commune: 'Commune', agglomeration: 'Agglomeration', pole: 'Metropolitan pole' },
};

/** The workshop material: { notes: [{lang, scale, step, text}], quiz: [{lang, scale, step,
 *  index, answer (from 1), question, options}], terms: [{lang, scale, step, id, word}] }. */
export function workshop() {
  const out = execFileSync('cargo', ['run', '-q', '--release', '-p', 'recit-story', '--bin', 'recit-check', '--', STORY, '--workshop'], {
    cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
  });
  const material = { notes: [], quiz: [], terms: [] };
  for (const line of out.trim().split('\n')) {
    const [kind, lang, scale, step, ...rest] = line.split('\t');
    if (kind === 'note') material.notes.push({ lang, scale, step, text: rest[0] });
    if (kind === 'quiz') {
      const [index, answer, question, ...options] = rest;
      material.quiz.push({ lang, scale, step, index: Number(index), answer: Number(answer), question, options });
    }
    if (kind === 'term') material.terms.push({ lang, scale, step, id: rest[0], word: rest[1] });
  }
  return material;
}

/** Every view's easy read (`recit-check --easy-read`): { lang, scale, step, easy (plain text,
 *  empty if none), spokenEasy, spokenText (what « Écouter » reads with each shown) }. */
export function easyRead() {
  const out = execFileSync('cargo', ['run', '-q', '--release', '-p', 'recit-story', '--bin', 'recit-check', '--', STORY, '--easy-read'], {
    cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
  });
  return out.trim().split('\n').map((line) => {
    const [lang, scale, step, easy, spokenEasy, spokenText] = line.split('\t');
    return { lang, scale, step, easy, spokenEasy, spokenText };
  });
}
