import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { syncBuiltinESMExports } from 'node:module';
import { after, before, describe, it, mock } from 'node:test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { extractText, getDocumentProxy } from 'unpdf';
import { ReportFormatter } from '../src/core/reports/report-format';
import { message } from '../src/core/reports/report-messages';
import type { PlanCoverage, Problem } from '../src/shared/api-types';
import { currencyExponent } from '../src/shared/money';
import type { Language } from '../src/shared/vocab';
import { DATABASES, type TestDatabase } from './support/databases';
import { startTestServer, type TestServer } from './support/server';

const PLAN = 'asean-canada-2010-2015';
const QUERY = 'from=2011&to=2013';

/** Text compared without any whitespace: PDF and Word break lines, and French uses no-break spaces. */
const squash = (s: string) => s.replace(/\s+/g, '');
const decodeXml = (s: string) =>
  s
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;|&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** A cell's text when it holds a string or a number. */
const cellText = (v: ExcelJS.CellValue | undefined) =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : '';

async function pdfText(body: Buffer): Promise<{ pages: number; text: string }> {
  const pdf = await getDocumentProxy(new Uint8Array(body));
  const { totalPages, text } = await extractText(pdf, { mergePages: true });
  return { pages: totalPages, text };
}

async function docxText(body: Buffer): Promise<{ text: string; xml: string; core: string }> {
  const zip = await JSZip.loadAsync(body);
  const xml = await zip.file('word/document.xml')!.async('string');
  const core = await zip.file('docProps/core.xml')!.async('string');
  return { text: decodeXml(xml), xml, core };
}

/** What every text format must contain for the query: the 17 areas, the key figures, the production statement. */
function assertContent(text: string, coverage: PlanCoverage, lang: Language, what: string) {
  const f = new ReportFormatter(lang);
  const flat = squash(text);
  const areas = coverage.nodes.filter((n) => n.depth === 1);
  assert.equal(areas.length, 17);
  for (const a of areas)
    assert.ok(flat.includes(squash(f.text(a.title).text)), `${what}: area ${a.code} ${f.text(a.title).text}`);
  const s = coverage.summary;
  const kpis: [string, string][] = [
    [f.t('kpiActivities'), f.number(s.activityCount)],
    [
      f.t('kpiAddressed'),
      f.t('kpiAddressedValue', {
        addressed: f.number(s.rollup.addressed),
        leaves: f.number(s.rollup.leaves),
        percent: f.percent(s.rollup.percentAddressed),
      }),
    ],
    [f.t('kpiGaps'), f.number(s.gapCount)],
    [f.t('kpiPartners'), f.number(s.partners.count)],
    ...s.funding.converted.map((c): [string, string] => [
      f.t('kpiFunding', { type: f.t(`fundingType.${c.type}`), currency: c.currency }),
      f.money(c.amountMinor, c.currency),
    ]),
  ];
  assert.ok(s.funding.converted.length > 0, 'the seeded period has funding');
  for (const [label, value] of kpis) assert.ok(flat.includes(squash(label + value)), `${what}: ${label} ${value}`);
  const [, afterTime] = message(lang, 'producedStatement', { scope: f.t('scopePublished') }).split('{time}');
  assert.ok(flat.includes(squash(afterTime!)), `${what}: production statement`);
  assert.ok(flat.includes(squash(f.t('presentedTo'))), `${what}: cover`);
}

for (const target of DATABASES) {
  describe(`progress report on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    const coverage = new Map<Language, PlanCoverage>();

    const download = async (query: string) => {
      const res = await fetch(`${server.baseUrl}/api/v1/plans/${PLAN}/report?${query}`);
      return {
        status: res.status,
        type: res.headers.get('content-type') ?? '',
        disposition: res.headers.get('content-disposition') ?? '',
        body: Buffer.from(await res.arrayBuffer()),
      };
    };

    before(async () => {
      database = await target.create();
      server = await startTestServer(database);
      const res = await server.get<PlanCoverage>(`/api/v1/plans/${PLAN}/coverage?${QUERY}`);
      assert.equal(res.status, 200);
      coverage.set('en', res.body);
      coverage.set('fr', res.body);
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    for (const lang of ['en', 'fr'] as const) {
      it(`writes the HTML report in ${lang}`, async () => {
        const res = await download(`${QUERY}&format=html&lang=${lang}`);
        assert.equal(res.status, 200);
        assert.equal(res.type, 'text/html; charset=utf-8');
        assert.match(res.disposition, new RegExp(`^inline; filename="${PLAN}_report_2011_2013_${lang}\\.html"$`));
        const html = res.body.toString('utf8');
        assert.match(html, new RegExp(`<html lang="${lang}-CA">`));
        assert.equal(html.match(/<h1[\s>]/g)?.length, 1);
        assert.ok(!/<th>/.test(html), 'every header cell has a scope');
        assertContent(decodeXml(html), coverage.get(lang)!, lang, 'html');
      });

      it(`writes the PDF report in ${lang}`, async () => {
        const res = await download(`${QUERY}&format=pdf&lang=${lang}`);
        assert.equal(res.status, 200);
        assert.equal(res.type, 'application/pdf');
        assert.match(res.disposition, new RegExp(`^attachment; filename="${PLAN}_report_2011_2013_${lang}\\.pdf"$`));
        const { pages, text } = await pdfText(res.body);
        assert.ok(pages >= 4, `${pages} pages`);
        assertContent(text, coverage.get(lang)!, lang, 'pdf');
        // The font is embedded (accents and the en dash extract as text).
        assert.ok(text.includes('–'));
        assert.match(res.body.toString('latin1'), /\/FontFile2/);
      });

      if (lang === 'en') {
        it('reads each font file once per PDF, not once per line of text', async () => {
          // pdfkit reads font files through its named import of `readFileSync`: the mock reaches it once synced.
          const reads = mock.method(fs, 'readFileSync');
          syncBuiltinESMExports();
          try {
            // Computed afresh: the same query's PDF is in the answer cache since the test before.
            const res = await fetch(`${server.baseUrl}/api/v1/plans/${PLAN}/report?${QUERY}&format=pdf&lang=${lang}`, {
              headers: { 'cache-control': 'no-cache' },
            });
            assert.equal(res.status, 200);
            assert.equal(res.headers.get('content-type'), 'application/pdf');
            await res.arrayBuffer();
          } finally {
            reads.mock.restore();
            syncBuiltinESMExports();
          }
          const fonts = reads.mock.calls
            .map((c) => String(c.arguments[0]))
            .filter((file) => file.endsWith('.ttf'))
            .map((file) => path.basename(file));
          assert.deepEqual(fonts.sort(), ['DejaVuSans-Bold.ttf', 'DejaVuSans.ttf']);
        });
      }

      it(`writes the DOCX report in ${lang}`, async () => {
        const res = await download(`${QUERY}&format=docx&lang=${lang}`);
        assert.equal(res.status, 200);
        assert.equal(res.type, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
        assert.match(res.disposition, new RegExp(`filename="${PLAN}_report_2011_2013_${lang}\\.docx"$`));
        const { text, xml, core } = await docxText(res.body);
        assertContent(text, coverage.get(lang)!, lang, 'docx');
        for (const style of ['Title', 'Heading1', 'Heading2', 'Heading3'])
          assert.ok(xml.includes(`w:val="${style}"`), style);
        assert.ok(xml.includes('<w:tblHeader'), 'tables repeat their header row');
        assert.ok(decodeXml(core).includes(message(lang, 'documentKind')), 'document properties');
      });

      it(`writes the XLSX annex in ${lang} with the API's sums`, async () => {
        const res = await download(`${QUERY}&format=xlsx&lang=${lang}`);
        assert.equal(res.status, 200);
        assert.equal(res.type, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        const c = coverage.get(lang)!;
        const wb = new ExcelJS.Workbook();
        // exceljs declares its own Buffer type: hand it a plain ArrayBuffer.
        await wb.xlsx.load(new Uint8Array(res.body).buffer);
        assert.ok(wb.subject.includes('ActionLine'));
        const header = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as ExcelJS.CellValue[]).map(cellText);
        const byPillar = wb.getWorksheet(message(lang, 'byPillar'))!;
        assert.equal(byPillar.views[0]?.state, 'frozen');
        const commitment = header(byPillar).indexOf(
          message(lang, 'converted', { type: message(lang, 'fundingType.commitment'), currency: c.currency }),
        );
        assert.ok(commitment > 0);
        for (const [i, p] of c.breakdowns.byPillar.entries()) {
          const row = byPillar.getRow(i + 2);
          assert.equal(row.getCell(1).value, p.code);
          const api = p.funding.converted.find((x) => x.type === 'commitment');
          const cell = row.getCell(commitment).value;
          assert.equal(cell === null ? null : Math.round(Number(cell) * 100), api ? api.amountMinor : null, p.code);
          assert.match(row.getCell(commitment).numFmt, /CAD/);
        }
        assert.equal(wb.getWorksheet(message(lang, 'byArea'))!.rowCount, 18);
        // Funding lines in their original currencies add up to the API's totals.
        const lines = wb.getWorksheet(message(lang, 'fundingLinesSheet'))!;
        const sums = new Map<string, number>();
        lines.eachRow((row, n) => {
          if (n === 1) return;
          const currency = cellText(row.getCell(6).value);
          const key = `${cellText(row.getCell(3).value)} ${currency}`;
          sums.set(
            key,
            (sums.get(key) ?? 0) + Math.round(Number(row.getCell(7).value) * 10 ** currencyExponent(currency)),
          );
          assert.equal(typeof row.getCell(7).value, 'number');
        });
        for (const o of c.summary.funding.original) {
          assert.equal(
            sums.get(`${message(lang, `fundingType.${o.type}`)} ${o.currency}`),
            o.amountMinor,
            `${o.type} ${o.currency}`,
          );
        }
        assert.equal(wb.getWorksheet(message(lang, 'activitiesSheet'))!.rowCount - 1, c.summary.activityCount);
      });
    }

    it('applies the audience rule and checks its parameters', async () => {
      const unpublished = await download('format=pdf&includeUnpublished=true');
      assert.equal(unpublished.status, 400);
      const bad = await server.get<Problem>(`/api/v1/plans/${PLAN}/report?format=odt&lang=de&colour=red`);
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.errors?.map((e) => e.name).sort(), ['colour', 'format', 'lang']);
      assert.equal((await server.get(`/api/v1/plans/no-such-plan/report`)).status, 404);
    });

    it('writes a DOCX report from the CLI', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionline-report-'));
      try {
        const out = path.join(dir, 'report.docx');
        const env =
          database.config.kind === 'postgres'
            ? { ...process.env, DATABASE_URL: database.config.url }
            : { ...process.env, DATABASE_URL: `sqlite:${database.config.file}` };
        const res = spawnSync(
          process.execPath,
          [
            '--import',
            'tsx',
            'src/cli/main.ts',
            'report',
            '--plan',
            PLAN,
            '--from',
            '2011',
            '--to',
            '2013',
            '--format',
            'docx',
            '--lang',
            'fr',
            '--out',
            out,
          ],
          { env, encoding: 'utf8', timeout: 60_000 },
        );
        assert.equal(res.status, 0, res.stderr);
        assert.match(res.stdout, /Wrote .*report\.docx/);
        const body = fs.readFileSync(out);
        assert.equal(body.subarray(0, 2).toString('latin1'), 'PK');
        assertContent((await docxText(body)).text, coverage.get('fr')!, 'fr', 'cli docx');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
