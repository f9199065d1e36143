import { fold } from './fold';

export interface Run {
  text: string;
  match: boolean;
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** True when one of the folded parts of `token` starts with one of the query words. */
function matches(token: string, prefixes: readonly string[]): boolean {
  return fold(token)
    .split(' ')
    .some((part) => part !== '' && prefixes.some((p) => part.startsWith(p)));
}

/**
 * Cuts `text` into runs, marking each word that starts with one of the folded query words
 * `prefixes` (as-you-type: "work" marks "Workshops"). Neighbouring runs of the same kind merge.
 */
export function markRuns(text: string, prefixes: readonly string[]): Run[] {
  const runs: Run[] = [];
  const push = (t: string, match: boolean) => {
    if (!t) return;
    const last = runs[runs.length - 1];
    if (last && last.match === match) last.text += t;
    else runs.push({ text: t, match });
  };
  let at = 0;
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const isMatch = prefixes.length > 0 && matches(m[0], prefixes);
    if (!isMatch) continue;
    push(text.slice(at, start), false);
    push(m[0], true);
    at = start + m[0].length;
  }
  push(text.slice(at), false);
  return runs;
}

/** True when some run is a match. */
export function hasMatch(runs: readonly Run[]): boolean {
  return runs.some((r) => r.match);
}

/** The longest snippet, in characters, before ellipses. */
export const SNIPPET_LENGTH = 180;

/**
 * A stretch of about `length` characters of `text` around its first matching word, cut at word
 * boundaries with "…" where text was left out, as marked runs; null when nothing matches.
 */
export function snippetRuns(text: string, prefixes: readonly string[], length = SNIPPET_LENGTH): Run[] | null {
  const all = markRuns(text, prefixes);
  if (!hasMatch(all)) return null;
  if (text.length <= length) return all;
  let first = 0;
  for (const r of all) {
    if (r.match) break;
    first += r.text.length;
  }
  let start = Math.max(0, first - Math.floor(length / 3));
  let end = Math.min(text.length, start + length);
  if (end === text.length) start = Math.max(0, end - length);
  // Move the cuts to spaces so no word is split.
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < first) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > first) end = space;
  }
  const runs = markRuns(text.slice(start, end).trim(), prefixes);
  if (start > 0) runs.unshift({ text: '… ', match: false });
  if (end < text.length) runs.push({ text: ' …', match: false });
  return mergeRuns(runs);
}

function mergeRuns(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    const last = out[out.length - 1];
    if (last && last.match === r.match) last.text += r.text;
    else out.push({ ...r });
  }
  return out;
}
