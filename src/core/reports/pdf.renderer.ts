import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
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

/** DejaVu Sans ships through npm (`dejavu-fonts-ttf`): full Latin-1 and Latin Extended, the en dash, arrows. */
const FONT_DIR = path.join(
  path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
);
const REGULAR = path.join(FONT_DIR, 'DejaVuSans.ttf');
const BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');
// Fonts are named by their file, never registered under another name: pdfkit (0.20) caches a font under the name it
// was first opened by, and a registered name for a file already opened (the document's default font) missed that
// cache on every switch, reading and parsing the TTF again: 50 ms per activity, 9 minutes for 10,000.

const ACCENT = '#7a1f2b';

/** The report as a PDF (A4) with embedded, subset fonts, bookmarks, page numbers and document properties. */
export function renderPdf(m: ReportModel): Promise<Buffer> {
  const f = new ReportFormatter(m.lang);
  const c = m.coverage;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 56, right: 56 },
    bufferPages: true,
    lang: f.locale,
    displayTitle: true,
    font: REGULAR,
    info: {
      Title: reportTitle(m, f),
      Author: 'ActionLine',
      Subject: productionStatement(m, f),
      Keywords: propertiesDescription(m, f),
      Creator: 'ActionLine',
      CreationDate: new Date(m.producedAt),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const ensure = (h: number) => {
    if (doc.y + h > bottom()) doc.addPage();
  };
  const heading = (text: string, size: number, level: 'h1' | 'h2' | 'h3' | 'h4') => {
    ensure(size * 3);
    doc.moveDown(level === 'h4' ? 0.4 : 0.8);
    doc
      .font(BOLD)
      .fontSize(size)
      .fillColor(level === 'h4' ? '#000' : ACCENT)
      .text(text, left, doc.y, { width });
    doc.font(REGULAR).fontSize(10).fillColor('#000').moveDown(0.3);
  };
  const para = (text: string, options: { size?: number; bold?: boolean; color?: string } = {}) => {
    doc
      .font(options.bold ? BOLD : REGULAR)
      .fontSize(options.size ?? 10)
      .fillColor(options.color ?? '#000')
      .text(text, left, doc.y, { width });
    doc.font(REGULAR).fillColor('#000');
  };
  /** A table with a repeated header row; `weights` share the width; `right` aligns numeric columns. */
  const table = (head: string[], rows: string[][], weights: number[], right: boolean[] = []) => {
    const total = weights.reduce((s, w) => s + w, 0);
    const widths = weights.map((w) => (w / total) * width);
    const pad = 3;
    const size = 8.5;
    /** `font` is a font file: REGULAR or BOLD. */
    const rowHeight = (cells: string[], font: string) => {
      doc.font(font).fontSize(size);
      return Math.max(...cells.map((t, i) => doc.heightOfString(t, { width: widths[i]! - 2 * pad }))) + 2 * pad;
    };
    const draw = (cells: string[], font: string, fill: string | null) => {
      const h = rowHeight(cells, font);
      const y = doc.y;
      let x = left;
      cells.forEach((t, i) => {
        if (fill) doc.rect(x, y, widths[i]!, h).fill(fill);
        doc.rect(x, y, widths[i]!, h).lineWidth(0.5).stroke('#888');
        doc
          .fillColor('#000')
          .font(font)
          .fontSize(size)
          .text(t, x + pad, y + pad, { width: widths[i]! - 2 * pad, align: right[i] ? 'right' : 'left' });
        x += widths[i]!;
      });
      doc.x = left;
      doc.y = y + h;
    };
    ensure(rowHeight(head, BOLD) + 20);
    draw(head, BOLD, '#eeeeee');
    for (const r of rows) {
      if (doc.y + rowHeight(r, REGULAR) > bottom()) {
        doc.addPage();
        draw(head, BOLD, '#eeeeee');
      }
      draw(r, REGULAR, null);
    }
    doc.font(REGULAR).fontSize(10).moveDown(0.6);
  };

  // Cover
  doc.moveDown(4);
  para(f.t('documentKind'), { size: 14, color: ACCENT });
  doc.moveDown(0.3);
  doc.font(BOLD).fontSize(24).fillColor('#000').text(f.text(c.plan.title).text, left, doc.y, { width });
  doc.font(REGULAR).moveDown(0.5);
  para(f.t('presentedTo'), { size: 12 });
  doc.moveDown(1.5);
  doc.outline.addItem(f.t('coverTitle'));
  for (const x of coverFacts(m, f)) {
    para(x.label, { bold: true });
    para(x.value);
    doc.moveDown(0.3);
  }
  para(f.t('ratesUsed'), { bold: true });
  const rates = rateLines(m, f);
  for (const r of rates.length ? rates : [f.t('noRates')]) para(r, { size: 9 });
  doc.moveDown(1);
  para(productionStatement(m, f), { size: 9, color: '#444' });
  para(f.t('fallbackNote', { mark: f.fallbackMark }), { size: 9, color: '#444' });

  // Executive summary
  doc.addPage();
  doc.outline.addItem(f.t('summaryTitle'));
  heading(f.t('summaryTitle'), 18, 'h1');
  heading(f.t('kpiTitle'), 13, 'h3');
  table(
    [f.t('kpi'), f.t('value')],
    kpiRows(m, f).map((k) => [k.label, k.value]),
    [3, 2],
    [false, true],
  );
  heading(f.t('byStatusTitle'), 13, 'h3');
  table(
    [f.t('status'), f.t('count')],
    statusRows(c.summary.byStatus).map((s) => [f.t(`status.${s.status}`), f.number(s.count)]),
    [3, 2],
    [false, true],
  );
  para(f.text(c.rule.summary).text, { size: 9, color: '#444' });

  // Progress
  doc.addPage();
  const progress = doc.outline.addItem(f.t('progressTitle'));
  heading(f.t('progressTitle'), 18, 'h1');
  for (const p of m.pillars) {
    const title = `${f.t('pillar')} ${p.node.code}${f.colon}${f.text(p.node.title).text}`;
    const item = progress.addItem(title);
    heading(title, 14, 'h2');
    para(`${f.t(`state.${p.node.state}`)} — ${rollupText(p.node, f)}`, { size: 9 });
    for (const a of p.areas) {
      const areaTitle = `${a.node.code} ${f.text(a.node.title).text}`;
      item.addItem(areaTitle);
      heading(areaTitle, 11.5, 'h4');
      para(`${f.t('state')}${f.colon}${f.t(`state.${a.node.state}`)} — ${rollupText(a.node, f)}`, { size: 9 });
      doc.moveDown(0.3);
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
          [4, 1.5, 2, 4, 3],
        );
      } else para(f.t('noActivities'), { size: 9 });
      if (a.gaps.length) {
        para(`${f.t('gaps')}:`, { bold: true, size: 9 });
        for (const g of a.gaps) {
          para(`• ${f.t('gapFor', { code: g.code, title: f.text(g.title).text, reason: f.t(`gap.${g.reason}`) })}`, {
            size: 9,
          });
        }
      }
    }
  }

  // Annex
  doc.addPage();
  const annex = doc.outline.addItem(f.t('annexTitle'));
  heading(f.t('annexTitle'), 18, 'h1');
  para(f.t('annexIntro', { currency: c.currency }), { size: 9 });
  const bucket = (caption: string, first: string, rows: { head: string; tally: CoverageTally }[]) => {
    annex.addItem(caption);
    heading(caption, 13, 'h3');
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
      [4, 1.2, ...m.fundingTypes.map(() => 2)],
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

  // Footer on every page: page number and the production statement.
  const range = doc.bufferedPageRange();
  const statement = productionStatement(m, f);
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(REGULAR)
      .fontSize(7.5)
      .fillColor('#555')
      .text(`${f.t('page', { page: f.number(i + 1) })} · ${statement}`, left, doc.page.height - 40, {
        width,
        lineBreak: true,
      });
    doc.page.margins.bottom = keep;
  }
  doc.end();
  return done;
}
