import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { CoverageTally } from '../../shared/api-types';
import { ReportFormatter } from './report-format';
import { statusRows, type ReportModel } from './report-model';
import {
  activityFundingText,
  coverFacts,
  kpiRows,
  partnersText,
  productionStatement,
  propertiesDescription,
  rateLines,
  reportTitle,
  rollupText,
} from './report-sections';

type Block = Paragraph | Table;

/**
 * The report as a Word document officers can edit: built-in Title and Heading 1–3 styles (the
 * navigation pane and a table of contents work), real tables with a repeated header row, and the
 * production facts in the document properties.
 */
export function renderDocx(m: ReportModel): Promise<Buffer> {
  const f = new ReportFormatter(m.lang);
  const c = m.coverage;
  const body: Block[] = [];
  const p = (text: string, options: { bold?: boolean; size?: number; italics?: boolean } = {}) =>
    body.push(
      new Paragraph({
        children: [new TextRun({ text, bold: options.bold, size: options.size, italics: options.italics })],
      }),
    );
  const h = (text: string, heading: (typeof HeadingLevel)[keyof typeof HeadingLevel], pageBreakBefore = false) =>
    body.push(new Paragraph({ text, heading, pageBreakBefore }));
  const cell = (text: string, options: { bold?: boolean; right?: boolean } = {}) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: options.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text, bold: options.bold, size: 18 })],
        }),
      ],
    });
  const table = (head: string[], rows: string[][], right: boolean[] = []) => {
    body.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ tableHeader: true, children: head.map((t, i) => cell(t, { bold: true, right: right[i] })) }),
          ...rows.map((r) => new TableRow({ children: r.map((t, i) => cell(t, { right: right[i] })) })),
        ],
      }),
      new Paragraph({}),
    );
  };

  // Cover
  p(f.t('documentKind'), { size: 28 });
  body.push(new Paragraph({ text: f.text(c.plan.title).text, heading: HeadingLevel.TITLE }));
  p(f.t('presentedTo'), { size: 24 });
  h(f.t('coverTitle'), HeadingLevel.HEADING_1);
  for (const x of coverFacts(m, f)) {
    body.push(
      new Paragraph({ children: [new TextRun({ text: `${x.label}${f.colon}`, bold: true }), new TextRun(x.value)] }),
    );
  }
  h(f.t('ratesUsed'), HeadingLevel.HEADING_2);
  const rates = rateLines(m, f);
  for (const r of rates.length ? rates : [f.t('noRates')]) body.push(new Paragraph({ text: r, bullet: { level: 0 } }));
  p(productionStatement(m, f), { italics: true });
  p(f.t('fallbackNote', { mark: f.fallbackMark }), { italics: true });

  // Executive summary
  h(f.t('summaryTitle'), HeadingLevel.HEADING_1, true);
  h(f.t('kpiTitle'), HeadingLevel.HEADING_2);
  table(
    [f.t('kpi'), f.t('value')],
    kpiRows(m, f).map((k) => [k.label, k.value]),
    [false, true],
  );
  h(f.t('byStatusTitle'), HeadingLevel.HEADING_2);
  table(
    [f.t('status'), f.t('count')],
    statusRows(c.summary.byStatus).map((s) => [f.t(`status.${s.status}`), f.number(s.count)]),
    [false, true],
  );
  p(f.text(c.rule.summary).text, { italics: true });

  // Progress
  h(f.t('progressTitle'), HeadingLevel.HEADING_1, true);
  for (const pillar of m.pillars) {
    h(`${f.t('pillar')} ${pillar.node.code}${f.colon}${f.text(pillar.node.title).text}`, HeadingLevel.HEADING_2);
    p(`${f.t(`state.${pillar.node.state}`)} — ${rollupText(pillar.node, f)}`);
    for (const a of pillar.areas) {
      h(`${a.node.code} ${f.text(a.node.title).text}`, HeadingLevel.HEADING_3);
      p(`${f.t('state')}${f.colon}${f.t(`state.${a.node.state}`)} — ${rollupText(a.node, f)}`);
      if (a.activities.length) {
        table(
          [f.t('activity'), f.t('status'), f.t('dates'), f.t('partners'), f.t('funding')],
          a.activities.map((x) => [
            f.text(x.title).text,
            f.t(`status.${x.status}`),
            f.span(x.start, x.end),
            partnersText(x, f),
            activityFundingText(x, f),
          ]),
        );
      } else p(f.t('noActivities'));
      if (a.gaps.length) {
        p(`${f.t('gaps')}:`, { bold: true });
        for (const g of a.gaps) {
          body.push(
            new Paragraph({
              text: f.t('gapFor', { code: g.code, title: f.text(g.title).text, reason: f.t(`gap.${g.reason}`) }),
              bullet: { level: 0 },
            }),
          );
        }
      }
    }
  }

  // Annex
  h(f.t('annexTitle'), HeadingLevel.HEADING_1, true);
  p(f.t('annexIntro', { currency: c.currency }));
  const bucket = (caption: string, first: string, rows: { head: string; tally: CoverageTally }[]) => {
    h(caption, HeadingLevel.HEADING_2);
    table(
      [
        first,
        f.t('activities'),
        ...m.fundingTypes.map((t) => f.t('converted', { type: f.t(`fundingType.${t}`), currency: c.currency })),
      ],
      rows.map((r) => [
        r.head,
        f.number(r.tally.activityCount),
        ...m.fundingTypes.map((t) => {
          const v = r.tally.funding.converted.find((x) => x.type === t);
          return v ? f.money(v.amountMinor, v.currency) : f.t('none');
        }),
      ]),
      [false, true, ...m.fundingTypes.map(() => true)],
    );
  };
  const b = c.breakdowns;
  bucket(
    f.t('byPillar'),
    f.t('pillar'),
    b.byPillar.map((x) => ({ head: `${x.code} ${f.text(x.title).text}`, tally: x })),
  );
  bucket(
    f.t('byArea'),
    f.t('area'),
    b.byArea.map((x) => ({ head: `${x.code} ${f.text(x.title).text}`, tally: x })),
  );
  bucket(
    f.t('byPartner'),
    f.t('organisation'),
    b.byPartner.map((x) => ({ head: f.organisation(x.organisation), tally: x })),
  );
  bucket(
    f.t('byCountry'),
    f.t('country'),
    b.byCountry.map((x) => ({ head: f.country(x.country), tally: x })),
  );
  bucket(
    f.t('byYear'),
    f.t('year'),
    b.byYear.map((x) => ({ head: x.year === null ? f.t('noYear') : String(x.year), tally: x })),
  );

  const doc = new Document({
    creator: 'ActionLine',
    lastModifiedBy: 'ActionLine',
    title: reportTitle(m, f),
    subject: productionStatement(m, f),
    description: propertiesDescription(m, f),
    keywords: `${c.plan.slug}; ${f.t('documentKind')}`,
    styles: {
      default: {
        document: { run: { font: 'Calibri', size: 22, language: { value: f.locale } } },
      },
    },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                children: [
                  new TextRun({ children: [PageNumber.CURRENT], size: 16 }),
                  new TextRun({ text: ` · ${productionStatement(m, f)}`, size: 16 }),
                ],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
