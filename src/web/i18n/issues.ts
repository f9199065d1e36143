import type { IntlShape } from 'react-intl';
import { COUNTRY_CODES, REGION_CODE } from '../../shared/vocab';

/**
 * What a URL parameter check found wrong, as the shared schema reports it (zod's issue code and
 * limits). The schema's own text is English; the interface words it in its own language.
 */
export interface IssueDetail {
  code: string;
  /** What was measured for too_small / too_big: number, string or array. */
  origin?: string | undefined;
  /** The minimum or maximum that was crossed. */
  limit?: number | bigint | undefined;
  /** Allowed values of an enumeration. */
  values?: readonly unknown[] | undefined;
  /** Expected type of an invalid_type issue ("number", "int"). */
  expected?: string | undefined;
}

export interface LocalizableIssue {
  /** The parameter at fault. */
  name: string;
  /** The schema's (or the server's) English explanation, used when nothing better is known. */
  reason: string;
  detail?: IssueDetail | undefined;
}

type Subject = 'year' | 'page' | 'pageSize' | 'search' | 'text' | 'list' | 'other';

function subjectOf(name: string, origin: string | undefined): Subject {
  if (name === 'yearFrom' || name === 'yearTo') return 'year';
  if (name === 'page' || name === 'pageSize') return name;
  if (name === 'q' && origin === 'string') return 'search';
  if (origin === 'string') return 'text';
  if (origin === 'array') return 'list';
  return 'other';
}

/** The explanation of a parameter issue in the interface language. */
export function issueReason(intl: IntlShape, issue: LocalizableIssue): string {
  const d = issue.detail;
  if (!d) return issue.reason;
  const subject = subjectOf(issue.name, d.origin);
  const limit = d.limit === undefined ? '' : String(d.limit);
  switch (d.code) {
    case 'invalid_value': {
      const values = (d.values ?? []).map(String);
      if (issue.name === 'country') {
        return intl.formatMessage({ id: 'issue.country' }, { codes: COUNTRY_CODES.join(', '), region: REGION_CODE });
      }
      return intl.formatMessage({ id: 'issue.oneOf' }, { values: values.join(', ') });
    }
    case 'invalid_type':
      return d.expected === 'int'
        ? intl.formatMessage({ id: 'issue.notWhole' }, { subject })
        : intl.formatMessage({ id: 'issue.notNumber' }, { subject });
    case 'too_small':
      return intl.formatMessage({ id: 'issue.tooSmall' }, { subject, limit });
    case 'too_big':
      return intl.formatMessage({ id: 'issue.tooBig' }, { subject, limit });
    case 'custom':
      if (issue.name === 'yearTo') return intl.formatMessage({ id: 'issue.yearOrder' });
      return issue.reason;
    default:
      return issue.reason;
  }
}
