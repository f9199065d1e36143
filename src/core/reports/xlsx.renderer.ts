import ExcelJS from 'exceljs';
import type { CoverageTally } from '../../shared/api-types';
import { currencyExponent } from '../../shared/money';
import type { FundingType } from '../../shared/vocab';
import { ReportFormatter } from './report-format';
import type { ReportModel } from './report-model';
import { coverFacts, productionStatement, propertiesDescription, rateLines, reportTitle } from './report-sections';

/** An Excel number format that shows the amount with its currency's decimals and code. */
export function currencyFormat(currency: string): string {
  const exp = currencyExponent(currency);
  return `#,##0${exp ? `.${'0'.repeat(exp)}` : ''} "${currency}"`;
}

interface Column {
  header: string;
  width?: number;
  numFmt?: string;
}

/**
 * The funding annex as a workbook: an "About" sheet with the production facts, one sheet per
 * breakdown (pillar, area, partner, country, year) with converted and original-currency columns,
 * one row per activity, one row per funding line, and the rates used. Amounts are numbers in
 * major units with currency formats; every sheet's header row is frozen.
 */
export async function renderXlsx(m: ReportModel): Promise<Buffer> {
  const f = new ReportFormatter(m.lang);
  const c = m.coverage;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ActionLine';
  wb.lastModifiedBy = 'ActionLine';
  wb.created = new Date(m.producedAt);
  wb.modified = new Date(m.producedAt);
  wb.title = reportTitle(m, f);
  wb.subject = productionStatement(m, f);
  wb.description = propertiesDescription(m, f);
  wb.keywords = `${c.plan.slug}; ${f.t('documentKind')}; ${f.locale}`;
  wb.category = f.t('annexTitle');

  const sheet = (name: string, columns: Column[]) => {
    const ws = wb.addWorksheet(name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((col) => ({
      header: col.header,
      width: col.width ?? 14,
      style: col.numFmt ? { numFmt: col.numFmt } : {},
    }));
    ws.getRow(1).font = { bold: true };
    return ws;
  };
  const reporting = currencyFormat(c.currency);
  const originals: { type: FundingType; currency: string }[] = [];
  for (const type of m.fundingTypes) {
    for (const currency of m.currencies) {
      if (m.activities.some((a) => a.funding.some((x) => x.type === type && x.currency === currency))) {
        originals.push({ type, currency });
      }
    }
  }
  const fundingColumns = (): Column[] => [
    ...m.fundingTypes.map((t) => ({
      header: f.t('converted', { type: f.t(`fundingType.${t}`), currency: c.currency }),
      width: 20,
      numFmt: reporting,
    })),
    ...originals.map((o) => ({
      header: `${f.t(`fundingType.${o.type}`)}, ${o.currency} (${f.t('original')})`,
      width: 20,
      numFmt: currencyFormat(o.currency),
    })),
  ];
  const fundingValues = (t: CoverageTally): (number | null)[] => [
    ...m.fundingTypes.map((type) => {
      const v = t.funding.converted.find((x) => x.type === type);
      return v ? f.major(v.amountMinor, v.currency) : null;
    }),
    ...originals.map((o) => {
      const v = t.funding.original.find((x) => x.type === o.type && x.currency === o.currency);
      return v ? f.major(v.amountMinor, v.currency) : null;
    }),
  ];

  const about = sheet(f.t('aboutSheet'), [
    { header: f.t('name'), width: 28 },
    { header: f.t('value'), width: 100 },
  ]);
  about.addRow([f.t('documentKind'), reportTitle(m, f)]);
  about.addRow([f.t('producedAt'), productionStatement(m, f)]);
  for (const x of coverFacts(m, f)) about.addRow([x.label, x.value]);
  const rates = rateLines(m, f);
  for (const r of rates.length ? rates : [f.t('noRates')]) about.addRow([f.t('ratesUsed'), r]);
  about.addRow(['', f.t('annexIntro', { currency: c.currency })]);

  const b = c.breakdowns;
  const bucketSheet = (name: string, first: Column[], rows: { keys: (string | number)[]; tally: CoverageTally }[]) => {
    const ws = sheet(name, [...first, { header: f.t('activities'), width: 11 }, ...fundingColumns()]);
    for (const r of rows) ws.addRow([...r.keys, r.tally.activityCount, ...fundingValues(r.tally)]);
  };
  const code = { header: f.t('code'), width: 8 };
  bucketSheet(
    f.t('byPillar'),
    [code, { header: f.t('pillar'), width: 50 }],
    b.byPillar.map((x) => ({ keys: [x.code, f.text(x.title).text], tally: x })),
  );
  bucketSheet(
    f.t('byArea'),
    [code, { header: f.t('area'), width: 50 }],
    b.byArea.map((x) => ({ keys: [x.code, f.text(x.title).text], tally: x })),
  );
  bucketSheet(
    f.t('byPartner'),
    [
      { header: f.t('organisation'), width: 50 },
      { header: f.t('roles'), width: 30 },
    ],
    b.byPartner.map((x) => ({
      keys: [f.organisation(x.organisation), x.roles.map((r) => f.t(`role.${r}`)).join(', ')],
      tally: x,
    })),
  );
  bucketSheet(
    f.t('byCountry'),
    [code, { header: f.t('country'), width: 30 }],
    b.byCountry.map((x) => ({ keys: [x.country, f.country(x.country)], tally: x })),
  );
  bucketSheet(
    f.t('byYear'),
    [{ header: f.t('year'), width: 10 }],
    b.byYear.map((x) => ({ keys: [x.year ?? f.t('noYear')], tally: x })),
  );

  const acts = sheet(f.t('activitiesSheet'), [
    { header: f.t('id'), width: 24 },
    { header: f.t('title'), width: 60 },
    { header: f.t('status'), width: 12 },
    { header: f.t('start'), width: 11 },
    { header: f.t('end'), width: 11 },
    { header: f.t('pillars'), width: 9 },
    { header: f.t('areas'), width: 14 },
    { header: f.t('countries'), width: 30 },
    { header: f.t('partners'), width: 60 },
    ...m.fundingTypes.map((t) => ({
      header: f.t('converted', { type: f.t(`fundingType.${t}`), currency: c.currency }),
      width: 20,
      numFmt: reporting,
    })),
  ]);
  for (const a of m.activities) {
    acts.addRow([
      a.id,
      f.text(a.title).text,
      f.t(`status.${a.status}`),
      a.start ?? '',
      a.end ?? '',
      a.pillarCodes.join(', '),
      a.areaCodes.join(', '),
      [...a.countries, ...(a.regional ? ['ASEAN'] : [])].map((x) => f.country(x)).join(', '),
      a.partners
        .map((p) => `${f.organisation(p.organisation)} (${p.roles.map((r) => f.t(`role.${r}`)).join(', ')})`)
        .join('; '),
      ...m.fundingTypes.map((t) => {
        const v = a.converted.find((x) => x.type === t);
        return v && v.amountMinor !== null ? f.major(v.amountMinor, c.currency) : null;
      }),
    ]);
  }

  const lines = sheet(f.t('fundingLinesSheet'), [
    { header: f.t('id'), width: 24 },
    { header: f.t('title'), width: 50 },
    { header: f.t('type'), width: 14 },
    { header: f.t('date'), width: 11 },
    { header: f.t('rateYear'), width: 10 },
    { header: f.t('currency'), width: 9 },
    { header: f.t('originalAmount'), width: 20 },
    { header: f.t('convertedAmount', { currency: c.currency }), width: 20, numFmt: reporting },
    { header: f.t('exactness'), width: 8 },
  ]);
  const titles = new Map(m.activities.map((a) => [a.id, f.text(a.title).text]));
  for (const a of m.activities) {
    for (const l of a.lines) {
      const row = lines.addRow([
        l.activityId,
        titles.get(l.activityId) ?? '',
        f.t(`fundingType.${l.type}`),
        l.date ?? '',
        l.rateYear ?? '',
        l.currency,
        f.major(l.amountMinor, l.currency),
        l.convertedMinor === null ? f.t('notConverted') : f.major(l.convertedMinor, c.currency),
        l.exact === null ? '' : f.t(l.exact ? 'yes' : 'no'),
      ]);
      row.getCell(7).numFmt = currencyFormat(l.currency);
    }
  }

  const rateSheet = sheet(f.t('ratesSheet'), [
    { header: f.t('from'), width: 8 },
    { header: f.t('to'), width: 8 },
    { header: f.t('year'), width: 8 },
    { header: f.t('rateYear'), width: 12 },
    { header: f.t('rate'), width: 14, numFmt: '0.##########' },
    { header: f.t('exactness'), width: 8 },
  ]);
  for (const r of c.rates) {
    rateSheet.addRow([r.from, r.to, r.year, r.rateYear, Number(r.rate), f.t(r.exact ? 'yes' : 'no')]);
  }

  return Buffer.from(await wb.xlsx.writeBuffer());
}
