/**
 * Accent and case folding for search, done in the application so SQLite and PostgreSQL index and
 * query the very same words (no `unaccent` extension): "Développement" and "developpement",
 * "Việt Nam" and "Viet Nam" fold alike. Everything that is not a letter or a digit becomes a
 * space, so both databases' tokenizers split the folded text into the same words.
 */
export function fold(text: string | null | undefined): string {
  if (!text) return '';
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[đð]/g, 'd')
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The longest word kept in the index and in a query; longer ones are cut (PostgreSQL limits lexemes too). */
export const MAX_WORD_LENGTH = 60;

/** The folded words of a text, in order (with repeats). */
export function words(text: string | null | undefined): string[] {
  const folded = fold(text);
  return folded ? folded.split(' ').map((w) => w.slice(0, MAX_WORD_LENGTH)) : [];
}

/** The trigrams of a word, padded like pg_trgm ("  w", " wo", "wor", …, "rd "), de-duplicated. */
export function trigrams(word: string): string[] {
  const padded = `  ${word} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i += 1) out.add(padded.slice(i, i + 3));
  return [...out];
}

/** Edit distance counting an insertion, a deletion, a substitution or a swap of two neighbours as one. */
export function damerauLevenshtein(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i += 1) {
    const row = d[i]!;
    const prev = d[i - 1]!;
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      row[j] = best;
    }
  }
  return d[a.length]![b.length]!;
}
