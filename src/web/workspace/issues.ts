import type { IntlShape } from 'react-intl';
import type { z } from 'zod';
import type { Problem } from '../../shared/api-types';
import type { MessageId } from '../i18n';

/** A problem with one form field, named by its dotted path (`funding.0.amount`, `title.en`). */
export interface FormIssue {
  path: string;
  message: string;
  /** Set when the message is the server's or the schema's English text, shown in a French page. */
  lang?: 'en' | undefined;
}

const DATE_FIELDS = new Set([
  'plannedStart',
  'plannedEnd',
  'actualStart',
  'actualEnd',
  'date',
  'publishedOn',
  'valueDate',
  'start',
  'end',
  'adoptedOn',
  'until',
]);
const REFERENCE_FIELDS = new Set(['organisationId', 'nodeId', 'into', 'parentId', 'providerId', 'recipientId']);

type ZodIssue = z.core.$ZodIssue;

/** The schema's English explanation, marked as English when the page is not. */
function english(intl: IntlShape, path: string, message: string): FormIssue {
  return { path, message, lang: intl.locale.startsWith('en') ? undefined : 'en' };
}

/** One schema issue in the interface language; the schema's own text when nothing better is known. */
function localize(intl: IntlShape, issue: ZodIssue): FormIssue {
  const segments = issue.path.map(String);
  const path = segments.join('.');
  const last = segments[segments.length - 1] ?? '';
  const parent = segments[segments.length - 2] ?? '';
  const m = (id: MessageId, values?: Record<string, string | number>) => ({
    path,
    message: intl.formatMessage({ id }, values),
  });
  switch (issue.code) {
    case 'invalid_value':
      return m('form.issue.choose');
    case 'invalid_type':
      if (issue.expected === 'number') return m('form.issue.year');
      return m('form.issue.required');
    case 'too_small':
      if (issue.origin === 'string') {
        if (REFERENCE_FIELDS.has(last)) return m('form.issue.choose');
        if (Number(issue.minimum) <= 1) return m('form.issue.required');
        return m('form.issue.tooShort', { min: Number(issue.minimum) });
      }
      if (issue.origin === 'number') return m('form.issue.year');
      return english(intl, path, issue.message);
    case 'too_big':
      if (issue.origin === 'string') return m('form.issue.tooLong', { max: Number(issue.maximum) });
      if (issue.origin === 'number') return m('form.issue.year');
      return english(intl, path, issue.message);
    case 'invalid_format':
      if (issue.format === 'url') return m('form.issue.url');
      if (issue.format === 'email') return m('form.issue.email');
      if (last === 'amount') return m('form.issue.amount');
      if (last === 'currency') return m('form.issue.currency');
      if (last === 'country') return m('form.issue.country');
      if (last === 'code') return m('form.issue.code');
      if (last === 'kind') return m('form.issue.kind');
      if (last === 'lang') return m('form.issue.langCode');
      return english(intl, path, issue.message);
    case 'custom': {
      if (last === 'amount') {
        const d = /^([A-Z]{3}) amounts have (\d+) decimals/.exec(issue.message);
        if (d) return m('form.issue.decimals', { currency: d[1] ?? '', count: Number(d[2]) });
      }
      if (last === 'percentage') {
        const sum = /add up to ([\d.]+); make/.exec(issue.message);
        if (sum) return m('form.issue.percentageSum', { sum: intl.formatNumber(Number(sum[1])) });
        if (issue.message.startsWith('Give a percentage for every')) return m('form.issue.percentageAll');
        return m('form.issue.percentage');
      }
      if (last === 'lang') return m('form.issue.officialLanguage');
      if (DATE_FIELDS.has(last)) {
        const order = /^The end must not be before the start \(([^)]+)\)/.exec(issue.message);
        if (order) return m('form.issue.dateOrder', { start: order[1] ?? '' });
        return m('form.issue.date');
      }
      if (last === 'en' && parent === 'title' && segments.length === 2) return m('form.issue.titleRequired');
      if (last === 'en' && parent === 'name') return m('form.issue.nameRequired');
      if (last === 'en') return m('form.issue.eitherLanguage');
      if (last === 'organisationId') return m('form.issue.duplicateRole');
      if (last === 'nodeId') return m('form.issue.duplicateLink');
      if (last === 'periodEnd') return m('form.issue.periodOrder');
      return english(intl, path, issue.message);
    }
    case 'invalid_element':
    case 'invalid_key':
    case 'invalid_union':
    case 'not_multiple_of':
    case 'unrecognized_keys':
      return english(intl, path, issue.message);
  }
}

/** Every issue the shared schema found, localized. */
export function issuesFromZod(intl: IntlShape, error: z.ZodError): FormIssue[] {
  return error.issues.map((issue) => localize(intl, issue));
}

/** The field issues of a 400/422 answer. The server words them in English. */
export function issuesFromProblem(intl: IntlShape, problem: Problem): FormIssue[] {
  return (problem.errors ?? []).map((e) => english(intl, e.name, e.reason));
}

/** Issues by path (the first one wins). */
export function issuesByPath(issues: readonly FormIssue[]): Map<string, FormIssue> {
  const map = new Map<string, FormIssue>();
  for (const issue of issues) if (!map.has(issue.path)) map.set(issue.path, issue);
  return map;
}

/**
 * The control an issue belongs to: the path itself when the form has it, else the same path in
 * the first row (the server names list items without their index), else the nearest parent.
 */
export function controlPathFor(path: string, known: ReadonlySet<string>): string | null {
  if (known.has(path)) return path;
  const segments = path.split('.');
  if (segments.length >= 2) {
    const firstRow = [segments[0], '0', ...segments.slice(1)].join('.');
    if (known.has(firstRow)) return firstRow;
  }
  for (let n = segments.length; n > 0; n--) {
    const prefix = segments.slice(0, n).join('.');
    if (n < segments.length && known.has(prefix)) return prefix;
    if (known.has(`${prefix}.en`)) return `${prefix}.en`;
  }
  return null;
}
