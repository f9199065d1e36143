import { words } from './fold';

/** At most this many words of a query are searched; the rest are ignored. */
export const MAX_QUERY_WORDS = 12;

/** The folded, de-duplicated words of a search text, in order. */
export function queryWords(q: string): string[] {
  return [...new Set(words(q))].slice(0, MAX_QUERY_WORDS);
}

/**
 * One query word and the words it may also be (corrections); a document matches the term when it
 * has a word starting with any of them.
 */
export type QueryTerm = readonly string[];

/**
 * An SQLite FTS5 MATCH expression: every term as a quoted prefix (`"work"*`), alternatives joined
 * with OR, terms joined with AND. Quoting makes FTS5 read operators (`OR`, `NEAR`, `*`, `:`, `(`)
 * typed by the user as plain words; a double quote inside is doubled.
 */
export function toFtsMatch(terms: readonly QueryTerm[]): string {
  const quote = (w: string) => `"${w.replace(/"/g, '""')}"*`;
  return terms
    .filter((t) => t.length)
    .map((t) => (t.length === 1 ? quote(t[0]!) : `(${t.map(quote).join(' OR ')})`))
    .join(' AND ');
}

/**
 * A PostgreSQL tsquery text for `to_tsquery('simple', …)`: every term as a quoted prefix
 * (`'work':*`), alternatives joined with `|`, terms with `&`. A quote or backslash inside a word
 * is escaped, so no input changes the query's structure.
 */
export function toTsQuery(terms: readonly QueryTerm[]): string {
  const quote = (w: string) => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}':*`;
  return terms
    .filter((t) => t.length)
    .map((t) => (t.length === 1 ? quote(t[0]!) : `(${t.map(quote).join(' | ')})`))
    .join(' & ');
}
