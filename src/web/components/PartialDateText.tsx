import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import type { DatePrecision, PartialDate } from '../../shared/partial-date';

/**
 * Same rule as datePrecision() in shared/partial-date, repeated here so that the home page
 * does not pull the validation library into its bundle.
 */
function datePrecision(value: PartialDate): DatePrecision {
  return value.length === 4 ? 'year' : value.length === 7 ? 'month' : 'day';
}

/** "2011", "May 2011" or "3 May 2011", as precise as the date is known. */
export function formatPartialDate(intl: IntlShape, value: PartialDate): string {
  const precision = datePrecision(value);
  const year = Number(value.slice(0, 4));
  if (precision === 'year') return String(year);
  const month = Number(value.slice(5, 7));
  const day = precision === 'day' ? Number(value.slice(8, 10)) : 1;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (Number.isNaN(date.getTime())) return value;
  return precision === 'month'
    ? intl.formatDate(date, { year: 'numeric', month: 'long', timeZone: 'UTC' })
    : intl.formatDate(date, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
}

export function PartialDateText({ value }: { value: PartialDate }) {
  const intl = useIntl();
  return <time dateTime={value}>{formatPartialDate(intl, value)}</time>;
}

/** A start–end span; either end may be unknown. */
export function DateRange({ start, end }: { start: PartialDate | null; end: PartialDate | null }) {
  if (start && end) {
    if (start === end) return <PartialDateText value={start} />;
    return (
      <FormattedMessage
        id="dates.range"
        values={{ start: <PartialDateText value={start} />, end: <PartialDateText value={end} /> }}
      />
    );
  }
  if (start) return <FormattedMessage id="dates.from" values={{ start: <PartialDateText value={start} /> }} />;
  if (end) return <FormattedMessage id="dates.until" values={{ end: <PartialDateText value={end} /> }} />;
  return <FormattedMessage id="dates.unknown" />;
}
