/**
 * Field-by-field merging for the smaller workspace forms (organisations): fields are dotted paths
 * into the form (`name.en`, `formerNames`), compared without row keys and surrounding spaces.
 */
import type { Choice } from './ConflictPanel';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function getPath(obj: object, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) cur = isRecord(cur) ? cur[key] : undefined;
  return cur;
}

/** A copy of `obj` with the value at `path` replaced (objects along the path are copied). */
export function setPath<T extends object>(obj: T, path: string, value: unknown): T {
  const [head = '', ...rest] = path.split('.');
  const record = obj as Record<string, unknown>;
  const inner = record[head];
  const next = rest.length && isRecord(inner) ? setPath(inner, rest.join('.'), value) : value;
  return { ...obj, [head]: next };
}

const comparable = (value: unknown) =>
  JSON.stringify(value, (k, v: unknown) => (k === 'key' ? undefined : typeof v === 'string' ? v.trim() : v));

export function sameValue(a: unknown, b: unknown): boolean {
  return comparable(a) === comparable(b);
}

/** The fields where the stored copy differs from mine, with a suggestion: keep what I changed. */
export function suggestChoices<T extends object>(
  fields: readonly string[],
  base: T,
  mine: T,
  theirs: T,
): { field: string; choice: Choice }[] {
  return fields
    .filter((f) => !sameValue(getPath(mine, f), getPath(theirs, f)))
    .map((f) => ({ field: f, choice: sameValue(getPath(mine, f), getPath(base, f)) ? 'theirs' : 'mine' }));
}

/** `mine` with the chosen fields taken from `theirs`. */
export function applyChoices<T extends object>(mine: T, theirs: T, choices: { field: string; choice: Choice }[]): T {
  return choices
    .filter((c) => c.choice === 'theirs')
    .reduce((acc, c) => setPath(acc, c.field, getPath(theirs, c.field)), mine);
}
