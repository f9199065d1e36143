import { z } from 'zod';

/**
 * A date known to year, month or day precision: `2011`, `2011-05` or `2011-05-03`.
 * Stored as text so that lexicographic order equals chronological order at any precision.
 */
export type PartialDate = string;

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export type DatePrecision = 'year' | 'month' | 'day';

export function datePrecision(value: PartialDate): DatePrecision {
  return value.length === 4 ? 'year' : value.length === 7 ? 'month' : 'day';
}

/** True when the text is a real calendar date at year, month or day precision. */
export function isPartialDate(value: string): boolean {
  const m = PARTIAL_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  if (year < 1900 || year > 2200) return false;
  if (m[2] === undefined) return true;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const day = Number(m[3]);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day >= 1 && day <= daysInMonth;
}

export const partialDateSchema = z.string().refine(isPartialDate, {
  message: 'Use a date as YYYY, YYYY-MM or YYYY-MM-DD (for example 2011, 2011-05 or 2011-05-03).',
});

/** The year a partial date falls in. */
export function yearOf(value: PartialDate): number {
  return Number(value.slice(0, 4));
}

/** The first day a partial date can mean: `2013` → `2013-01-01`, `2013-05` → `2013-05-01`. */
export function firstDayOf(value: PartialDate): string {
  return value.length === 4 ? `${value}-01-01` : value.length === 7 ? `${value}-01` : value;
}

/** The last day a partial date can mean: `2013` → `2013-12-31`, `2012-02` → `2012-02-29`. */
export function lastDayOf(value: PartialDate): string {
  if (value.length === 4) return `${value}-12-31`;
  if (value.length === 7) {
    const days = new Date(Date.UTC(Number(value.slice(0, 4)), Number(value.slice(5, 7)), 0)).getUTCDate();
    return `${value}-${String(days).padStart(2, '0')}`;
  }
  return value;
}

/** Whole days since 1970-01-01 of a full `YYYY-MM-DD` date, for day arithmetic. */
export function dayNumber(isoDay: string): number {
  return Math.round(
    Date.UTC(Number(isoDay.slice(0, 4)), Number(isoDay.slice(5, 7)) - 1, Number(isoDay.slice(8, 10))) / 86_400_000,
  );
}
