import type { CoverageFunding } from '../../shared/api-types';
import type { FundingType } from '../../shared/vocab';
import type { ReportFormatter } from './report-format';
import type { ReportActivity, ReportModel } from './report-model';

/**
 * The words every format prints the same way: the cover's facts, the production statement, the
 * key figures. Renderers lay them out; they never word them.
 */

export interface LabelledValue {
  label: string;
  value: string;
}

/** "Progress report: ASEAN–Canada Plan of Action 2010–2015". */
export function reportTitle(m: ReportModel, f: ReportFormatter): string {
  return `${f.t('documentKind')}${f.colon}${f.text(m.coverage.plan.title).text}`;
}

export function periodText(m: ReportModel, f: ReportFormatter): string {
  const { from, to } = m.coverage.period;
  if (from === null && to === null) return f.t('periodOpen');
  if (to === null) return f.t('periodFrom', { from: f.partialDate(from) });
  if (from === null) return f.t('periodTo', { to: f.partialDate(to) });
  return f.t('periodRange', { from: f.partialDate(from), to: f.partialDate(to) });
}

export function scopeText(m: ReportModel, f: ReportFormatter): string {
  return f.t(m.coverage.includeUnpublished ? 'scopeUnpublished' : 'scopePublished');
}

/** "Produced on … by ActionLine from its database (published activities only)." */
export function productionStatement(m: ReportModel, f: ReportFormatter): string {
  return f.t('producedStatement', { time: f.dateTime(m.producedAt), scope: scopeText(m, f) });
}

export function filterTexts(m: ReportModel, f: ReportFormatter): LabelledValue[] {
  const q = m.query;
  const out: LabelledValue[] = [];
  if (m.filterValues.pillar.length) {
    out.push({ label: f.t('filterPillar'), value: m.filterValues.pillar.map((t) => f.text(t).text).join('; ') });
  }
  if (m.filterValues.organisation.length) {
    out.push({
      label: f.t('filterOrganisation'),
      value: m.filterValues.organisation.map((o) => f.organisation(o)).join('; '),
    });
  }
  if (q.country?.length)
    out.push({ label: f.t('filterCountry'), value: q.country.map((c) => f.country(c)).join('; ') });
  if (q.status?.length) {
    out.push({ label: f.t('filterStatus'), value: q.status.map((s) => f.t(`status.${s}`)).join('; ') });
  }
  if (q.type?.length) out.push({ label: f.t('filterType'), value: q.type.join('; ') });
  return out;
}

export function rateLines(m: ReportModel, f: ReportFormatter): string[] {
  return m.coverage.rates.map(
    (r) =>
      `${f.t('rateLine', {
        from: r.from,
        to: r.to,
        year: r.year,
        rate: new Intl.NumberFormat(f.locale, { maximumSignificantDigits: 10 }).format(Number(r.rate)),
        rateYear: r.rateYear,
      })} — ${f.t(r.exact ? 'exact' : 'inexact')}`,
  );
}

/** The facts of the cover and of the document's properties. */
export function coverFacts(m: ReportModel, f: ReportFormatter): LabelledValue[] {
  const filters = filterTexts(m, f);
  return [
    { label: f.t('plan'), value: `${f.text(m.coverage.plan.title).text} (${m.coverage.plan.slug})` },
    { label: f.t('period'), value: periodText(m, f) },
    { label: f.t('referenceDate'), value: f.partialDate(m.coverage.period.asOf) },
    {
      label: f.t('filters'),
      value: filters.length ? filters.map((x) => `${x.label}${f.colon}${x.value}`).join(' · ') : f.t('noFilters'),
    },
    { label: f.t('reportingCurrency'), value: m.coverage.currency },
    { label: f.t('dataScope'), value: scopeText(m, f) },
    { label: f.t('coverageRule'), value: f.text(m.coverage.rule.summary).text },
    { label: f.t('producedAt'), value: f.dateTime(m.producedAt) },
  ];
}

/** Converted totals per type, e.g. "Commitment: $1,000.00 · Disbursement: $200.00". */
export function fundingText(funding: CoverageFunding, f: ReportFormatter): string {
  if (!funding.original.length) return f.t('none');
  const parts = funding.converted.map(
    (c) => `${f.t(`fundingType.${c.type}`)}${f.colon}${f.money(c.amountMinor, c.currency)}${c.complete ? '' : ' *'}`,
  );
  for (const u of funding.unconverted) {
    parts.push(
      `${f.t(`fundingType.${u.type}`)}${f.colon}${f.money(u.amountMinor, u.currency)} (${f.t('notConverted')})`,
    );
  }
  return parts.join(' · ');
}

/** An activity's funding in original currencies. */
export function activityFundingText(a: ReportActivity, f: ReportFormatter): string {
  if (!a.funding.length) return f.t('none');
  return a.funding
    .map((x) => `${f.t(`fundingType.${x.type}`)}${f.colon}${f.money(x.amountMinor, x.currency)}`)
    .join(' · ');
}

export function partnersText(a: ReportActivity, f: ReportFormatter): string {
  if (!a.partners.length) return f.t('none');
  return a.partners
    .map((p) => `${f.organisation(p.organisation)} (${p.roles.map((r) => f.t(`role.${r}`)).join(', ')})`)
    .join('; ');
}

/** The executive summary's key figures. */
export function kpiRows(m: ReportModel, f: ReportFormatter): LabelledValue[] {
  const s = m.coverage.summary;
  const rows: LabelledValue[] = [
    { label: f.t('kpiActivities'), value: f.number(s.activityCount) },
    {
      label: f.t('kpiAddressed'),
      value: f.t('kpiAddressedValue', {
        addressed: f.number(s.rollup.addressed),
        leaves: f.number(s.rollup.leaves),
        percent: f.percent(s.rollup.percentAddressed),
      }),
    },
    { label: f.t('kpiLaunched'), value: f.number(s.rollup.launched) },
    { label: f.t('kpiNotStarted'), value: f.number(s.rollup.notStarted) },
    { label: f.t('kpiGaps'), value: f.number(s.gapCount) },
    { label: f.t('kpiPartners'), value: f.number(s.partners.count) },
    { label: f.t('kpiCountries'), value: f.number(s.countries.length) },
  ];
  for (const c of s.funding.converted) {
    rows.push({
      label: f.t('kpiFunding', { type: f.t(`fundingType.${c.type}`), currency: c.currency }),
      value: f.money(c.amountMinor, c.currency),
    });
  }
  for (const u of s.funding.unconverted) {
    rows.push({
      label: `${f.t('kpiUnconverted')}${f.colon}${f.t(`fundingType.${u.type}`)} ${u.year}`,
      value: f.money(u.amountMinor, u.currency),
    });
  }
  return rows;
}

/** The area's headline: "3 of 4 addressed (75 %); 12 activities". */
export function rollupText(
  n: { rollup: { addressed: number; leaves: number; percentAddressed: number | null } | null; activityCount: number },
  f: ReportFormatter,
): string {
  const r = n.rollup ?? { addressed: 0, leaves: 0, percentAddressed: null };
  return f.t('rollupLine', {
    addressed: f.number(r.addressed),
    leaves: f.number(r.leaves),
    percent: f.percent(r.percentAddressed),
    activities: f.number(n.activityCount),
  });
}

export function fundingTypeLabel(t: FundingType, f: ReportFormatter): string {
  return f.t(`fundingType.${t}`);
}

/** Keywords of the document properties. */
export function propertiesDescription(m: ReportModel, f: ReportFormatter): string {
  return [
    productionStatement(m, f),
    ...coverFacts(m, f).map((x) => `${x.label}${f.colon}${x.value}`),
    `${f.t('ratesUsed')}${f.colon}${rateLines(m, f).join('; ') || f.t('noRates')}`,
  ].join('\n');
}

/** The download's file name: plan slug, period and language. */
export function reportFileName(m: ReportModel, extension: string): string {
  const { from, to } = m.coverage.period;
  const period = from === null && to === null ? 'all' : `${from ?? 'start'}_${to ?? 'end'}`;
  return `${m.coverage.plan.slug}_report_${period}_${m.lang}.${extension}`;
}
