/**
 * What the remote commands print: plain-text tables and record summaries for people, and the
 * conversion of an activity as read back into the body that `activities update` sends.
 */
import type { ActivityDetail, ActivitySummary, MoneyTotal, Page, PlanSummary } from '../shared/api-types';
import type { LocalizedText } from '../shared/localized';
import type { ActivityInputDraft } from '../shared/schemas/activity.schema';
import type { Actor } from '../core/policy';

/** English text, or the French when there is no English. */
export function textOf(value: LocalizedText | null | undefined): string {
  return value?.en ?? value?.fr ?? '';
}

/**
 * Lays rows out in columns separated by two spaces. The last column is cut to the terminal's width
 * when printing to a terminal (`width`), and left whole otherwise so that scripts see everything.
 */
export function table(header: string[], rows: string[][], width?: number): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const lead = widths.slice(0, -1).reduce((sum, w) => sum + w + 2, 0);
  return all
    .map((r) => {
      const cells = r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i] ?? 0) : c));
      let line = cells.join('  ');
      if (width && line.length > width && width - lead > 10) line = `${line.slice(0, width - 1)}…`;
      return line.trimEnd();
    })
    .join('\n');
}

export function formatMe(user: Actor, server: string): string {
  return [
    `${user.displayName} <${user.email}> on ${server}`,
    `role ${user.role}, ${user.side} side, user id ${user.id}`,
  ].join('\n');
}

export function formatPlans(plans: PlanSummary[], width?: number): string {
  if (!plans.length) return 'No plans.';
  return table(
    ['SLUG', 'PERIOD', 'STATUS', 'ACTIVITIES', 'TITLE'],
    plans.map((p) => [
      p.slug,
      `${p.periodStart}–${p.periodEnd}`,
      p.status,
      String(p.activityCount),
      textOf(p.shortTitle) || textOf(p.title),
    ]),
    width,
  );
}

export function formatActivityPage(page: Page<ActivitySummary>, width?: number): string {
  if (!page.items.length) {
    return page.total ? `No activities on page ${page.page}; there are ${page.total} in all.` : 'No activities match.';
  }
  const first = (page.page - 1) * page.pageSize + 1;
  const last = first + page.items.length - 1;
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const rows = table(
    ['ID', 'START', 'STATUS', 'WORKFLOW', 'TYPE', 'TITLE'],
    page.items.map((a) => [a.id, a.startDate ?? '—', a.status, a.workflowState, a.type, textOf(a.title)]),
    width,
  );
  const more = page.page < pages ? ` Next: --page ${page.page + 1}.` : '';
  return `${rows}\n\n${first}–${last} of ${page.total} (page ${page.page} of ${pages}).${more}`;
}

const money = (m: MoneyTotal) => `${m.currency} ${m.amount} ${m.type}`;

function dates(from: string | null, to: string | null): string {
  return from || to ? `${from ?? '?'} → ${to ?? '?'}` : '—';
}

/** A readable summary of one activity; `--json` prints everything. */
export function formatActivity(a: ActivityDetail): string {
  const lines: [string, string][] = [
    ['id', a.id],
    ['version', String(a.version)],
    ['workflow', a.workflowState],
    ['type', a.type],
    ['status', a.status],
    ['planned', dates(a.plannedStart, a.plannedEnd)],
    ['actual', dates(a.actualStart, a.actualEnd)],
    ['countries', [...a.countries, ...(a.regional ? ['ASEAN region'] : [])].join(', ') || '—'],
  ];
  if (a.iatiIdentifier) lines.push(['IATI id', a.iatiIdentifier]);
  for (const p of a.participants) {
    lines.push([
      p.role,
      `${textOf(p.organisation.name)}${p.organisation.acronym ? ` (${p.organisation.acronym})` : ''}`,
    ]);
  }
  for (const t of a.fundingTotals) lines.push(['funding', money(t)]);
  for (const l of a.links) lines.push(['linked to', `${l.node.code} ${textOf(l.node.title)}`]);
  for (const s of a.sources) lines.push(['source', `${s.title} (${s.confidence})${s.url ? ` ${s.url}` : ''}`]);
  lines.push(['updated', a.updatedAt]);
  const width = Math.max(...lines.map(([k]) => k.length));
  const summary = textOf(a.summary);
  return [
    textOf(a.title),
    ...(summary ? [summary] : []),
    '',
    ...lines.map(([k, v]) => `${k.padEnd(width)}  ${v}`),
  ].join('\n');
}

/** An activity body as read back: the shape of the shared input, its codes as the server stored them. */
export type ActivityBody = Omit<ActivityInputDraft, 'countries'> & { countries: string[] };

/** The activity as the body of `PUT /api/v1/activities/{id}`: what `activities get --input` prints. */
export function activityInputFromDetail(a: ActivityDetail): ActivityBody {
  return {
    iatiIdentifier: a.iatiIdentifier,
    title: a.title,
    summary: a.summary,
    description: a.description,
    type: a.type,
    status: a.status,
    plannedStart: a.plannedStart,
    plannedEnd: a.plannedEnd,
    actualStart: a.actualStart,
    actualEnd: a.actualEnd,
    countries: a.countries,
    regional: a.regional,
    participants: a.participants.map((p) => ({ organisationId: p.organisation.id, role: p.role, note: p.note })),
    funding: a.funding.map((f) => ({
      amount: f.amount,
      currency: f.currency,
      type: f.type,
      date: f.date,
      providerId: f.provider?.id ?? null,
      recipientId: f.recipient?.id ?? null,
      note: f.note,
    })),
    links: a.links.map((l) => ({ nodeId: l.node.id, rationale: l.rationale, confidence: l.confidence })),
    sources: a.sources.map((s) => ({
      url: s.url,
      title: s.title,
      publisher: s.publisher,
      publishedOn: s.publishedOn,
      confidence: s.confidence,
      note: s.note,
    })),
  };
}
