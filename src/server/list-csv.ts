import { stringify } from 'csv-stringify/sync';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ActivitySummary, OrganisationSummary, Page } from '../shared/api-types';
import type { LocalizedText } from '../shared/localized';

/**
 * List endpoints answer CSV as well as JSON: `Accept: text/csv` (or `.csv` clients) gets the same
 * page of rows as the JSON `items`, one row per item, with a header. For whole selections without
 * paging, `/api/v1/exports/…` writes files with chosen columns and names in either language.
 */
export function wantsCsv(req: FastifyRequest): boolean {
  const accept = req.headers.accept ?? '';
  return /\btext\/csv\b/.test(accept) && !/\bapplication\/json\b/.test(accept);
}

const text = (t: LocalizedText) => t.en ?? t.fr ?? '';
const names = (list: { name: LocalizedText; acronym: string | null }[]) =>
  list.map((o) => o.acronym ?? text(o.name)).join('; ');

function send(reply: FastifyReply, page: Page<unknown>, header: string[], rows: unknown[][], name: string) {
  // A formula-looking cell would run in a spreadsheet: it is written as text.
  const safe = rows.map((r) => r.map((c) => (typeof c === 'string' && /^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `inline; filename="${name}-page-${page.page}.csv"`)
    .header('x-total-count', String(page.total))
    .header('vary', 'accept, cookie, authorization')
    .send(`\ufeff${stringify([header, ...safe], { record_delimiter: '\r\n' })}`);
}

export function sendActivitiesCsv(reply: FastifyReply, page: Page<ActivitySummary>) {
  const header = [
    'id',
    'title',
    'type',
    'status',
    'workflowState',
    'startDate',
    'endDate',
    'countries',
    'regional',
    'funders',
    'implementers',
    'nodes',
    'funding',
  ];
  const rows = page.items.map((a) => [
    a.id,
    text(a.title),
    a.type,
    a.status,
    a.workflowState,
    a.startDate ?? '',
    a.endDate ?? '',
    a.countries.join('; '),
    a.regional ? 'true' : 'false',
    names(a.funders),
    names(a.implementers),
    a.nodes.map((n) => n.code).join('; '),
    a.funding.map((f) => `${f.type} ${f.amount} ${f.currency}`).join('; '),
  ]);
  return send(reply, page, header, rows, 'activities');
}

export function sendOrganisationsCsv(reply: FastifyReply, page: Page<OrganisationSummary>) {
  const header = ['id', 'name', 'acronym', 'type', 'country', 'activityCount'];
  const rows = page.items.map((o) => [o.id, text(o.name), o.acronym ?? '', o.type, o.country ?? '', o.activityCount]);
  return send(reply, page, header, rows, 'organisations');
}
