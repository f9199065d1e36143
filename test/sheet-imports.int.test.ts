import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { ActivityDetail, ImportReport } from '../src/shared/api-types';
import { SAMPLE_OTHER_RECIPIENTS, SAMPLE_SECTORS } from './support/activity-details';
import { DATABASES, type TestDatabase } from './support/databases';
import { signedIn, type Client } from './support/client';
import { startTestServer, type TestServer } from './support/server';

const PLAN = 'asean-canada-2010-2015';

for (const target of DATABASES) {
  describe(`spreadsheet import on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let editor: Client;

    const importSheet = (format: 'csv' | 'xlsx', body: Uint8Array | string, query = '') =>
      editor.upload<ImportReport>(
        `/api/v1/imports/${format}?fileName=sheet.${format}${query}`,
        body,
        'application/octet-stream',
      );
    const download = async (path: string) => Buffer.from(await (await editor.raw(path)).arrayBuffer());
    const count = async () =>
      Number(
        (
          await server.db.db
            .selectFrom('activities')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    before(async () => {
      database = await target.create();
      server = await startTestServer(database);
      editor = await signedIn(server, 'editor', 'canada');
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    it('takes back an exported CSV (English) and XLSX (French) unchanged', async () => {
      const csv = await download(`/api/v1/exports/activities?plan=${PLAN}&format=csv&lang=en`);
      const fromCsv = await importSheet('csv', csv, '&mode=update&lang=en');
      assert.equal(fromCsv.status, 201, JSON.stringify(fromCsv.body).slice(0, 1000));
      const total = parse(csv, { bom: true }).length - 1;
      assert.ok(total > 5);
      assert.deepEqual(
        fromCsv.body.activities
          .filter((a) => a.outcome !== 'unchanged')
          .map((a) => [a.identifier, a.changedFields, a.reasons]),
        [],
      );
      assert.equal(fromCsv.body.counts.unchanged, total);
      assert.equal(fromCsv.body.encoding, 'UTF-8');

      const xlsx = await download(`/api/v1/exports/activities?plan=${PLAN}&format=xlsx&lang=fr`);
      const fromXlsx = await importSheet('xlsx', xlsx, '&mode=update&lang=fr&dryRun=true');
      assert.equal(fromXlsx.status, 200);
      assert.deepEqual(
        fromXlsx.body.activities
          .filter((a) => a.outcome !== 'unchanged')
          .map((a) => [a.identifier, a.changedFields, a.reasons]),
        [],
      );
      assert.equal(fromXlsx.body.counts.unchanged, total);
    });

    it('changes only the cells edited, and adds new rows with their organisations and amounts', async () => {
      const csv = await download(
        `/api/v1/exports/activities?plan=${PLAN}&format=csv&lang=en&columns=id,title,status,commitments`,
      );
      const records: string[][] = parse(csv, { bom: true });
      const [header = [], first = [], ...rest] = records;
      const id = first[0] as string;
      const before = (await editor.get<ActivityDetail>(`/api/v1/activities/${id}`)).body;
      const newStatus = before.status === 'completed' ? 'ongoing' : 'completed';
      const edited = [header, [id, first[1], newStatus, first[3]], ...rest];
      const res = await importSheet('csv', stringify(edited), '&mode=update');
      assert.equal(res.status, 201);
      assert.deepEqual(res.body.counts, { added: 0, updated: 1, unchanged: rest.length, rejected: 0 });
      assert.deepEqual(res.body.activities[0]?.changedFields, ['status']);
      const after = (await editor.get<ActivityDetail>(`/api/v1/activities/${id}`)).body;
      assert.equal(after.status, newStatus);
      assert.deepEqual(after.title, before.title, 'the other language and other fields stay');
      assert.deepEqual(
        after.funding,
        before.funding.map((f) => ({
          ...f,
          id: after.funding.find((g) => g.amount === f.amount && g.type === f.type)?.id ?? f.id,
        })),
      );

      const added = await importSheet(
        'csv',
        stringify([
          [
            'Title',
            'Type (code)',
            'Status (code)',
            'Countries (ISO codes)',
            'Funders',
            'Implementers',
            'Commitments',
            'Plan links (codes)',
            'Planned start',
          ],
          [
            'Sheet-made workshop',
            'training',
            'planned',
            'TH; VN',
            'Global Affairs Canada',
            'Brand New Sheet Partner (BNSP)',
            'CAD 125000',
            `${PLAN}:3.8`,
            '2014-05',
          ],
        ]),
      );
      assert.equal(added.status, 201, JSON.stringify(added.body));
      assert.deepEqual(added.body.counts, { added: 1, updated: 0, unchanged: 0, rejected: 0 });
      assert.ok(added.body.warnings.some((w) => /every row is added/.test(w)));
      assert.deepEqual(
        added.body.organisationsCreated.map((o) => o.name),
        ['Brand New Sheet Partner'],
      );
      const row = await server.db.db
        .selectFrom('activities')
        .select('id')
        .where('title_en', '=', 'Sheet-made workshop')
        .executeTakeFirst();
      assert.ok(row);
      const made = (await editor.get<ActivityDetail>(`/api/v1/activities/${row.id}`)).body;
      assert.deepEqual(made.countries, ['TH', 'VN']);
      assert.equal(made.plannedStart, '2014-05');
      assert.deepEqual(
        made.participants.map((p) => [p.role, p.organisation.acronym ?? p.organisation.name.en]),
        [
          ['funder', made.participants[0]?.organisation.acronym ?? 'Global Affairs Canada'],
          ['implementer', 'BNSP'],
        ],
      );
      assert.deepEqual(
        made.funding.map((f) => [f.type, f.amount, f.currency]),
        [['commitment', '125000.00', 'CAD']],
      );
      assert.deepEqual(
        made.links.map((l) => l.node.code),
        ['3.8'],
      );
    });

    it('reports each bad cell with its row and column, writing the good rows', async () => {
      const before = await count();
      const res = await importSheet(
        'csv',
        stringify([
          ['Title', 'Type (code)', 'Status (code)', 'Planned start', 'Commitments'],
          ['Good row', 'forum', 'ongoing', '2013', ''],
          ['Bad status', 'forum', 'going', '2013', ''],
          ['Bad date and money', 'forum', 'planned', '13/05/2013', 'lots'],
        ]),
      );
      assert.equal(res.status, 201);
      assert.deepEqual(res.body.counts, { added: 1, updated: 0, unchanged: 0, rejected: 2 });
      const [, status, dateMoney] = res.body.activities;
      assert.equal(status?.line, 3);
      assert.match(status?.reasons.join() ?? '', /Row 3, column "Status \(code\)": Choose a status: planned, ongoing/);
      assert.equal(dateMoney?.line, 4);
      assert.match(
        dateMoney?.reasons.join('\n') ?? '',
        /Row 4, column "Planned start": Write a date as YYYY, YYYY-MM or YYYY-MM-DD/,
      );
      assert.match(
        dateMoney?.reasons.join('\n') ?? '',
        /Row 4, column "Commitments": Write amounts as a currency code and digits/,
      );
      assert.equal(await count(), before + 1);
    });

    it('round-trips sectors and other recipients through CSV and XLSX, and reports a bad sector cell', async () => {
      const orgs = await editor.get<{ items: { id: string }[] }>('/api/v1/organisations?q=UN%20Women');
      const reporter = orgs.body.items[0]?.id;
      assert.ok(reporter);
      const created = await editor.request<ActivityDetail>('POST', '/api/v1/activities', {
        title: { en: 'Sheet sectors check', fr: 'Contrôle des secteurs' },
        type: 'project',
        status: 'ongoing',
        reportingOrganisationId: reporter,
        sectors: SAMPLE_SECTORS,
        otherRecipients: SAMPLE_OTHER_RECIPIENTS,
        results: [{ type: 'output', title: { en: 'Inspectors trained', fr: null }, indicators: [] }],
        otherLanguageTexts: [{ field: 'title', lang: 'km', text: 'ការត្រួតពិនិត្យ' }],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const id = created.body.id;
      const query = `q=${encodeURIComponent('Sheet sectors check')}`;

      const csv = await download(`/api/v1/exports/activities?${query}&format=csv&lang=en`);
      const [header = [], row = []]: string[][] = parse(csv, { bom: true });
      const cell = (name: string) => row[header.indexOf(name)];
      assert.equal(row[0], id);
      assert.equal(cell('Sectors (codes and shares)'), '15170 (60%); 15160 (40%); 7:5 (100%); 99:GENDER-LAB');
      assert.match(
        cell('Sector names') ?? '',
        /^Women's rights organisations and movements, and government institutions; /,
      );
      assert.match(cell('Sector names') ?? '', /; 7:5; Gender laboratory$/);
      assert.equal(cell('Other recipient countries and regions (codes)'), 'CN; region:1:798');
      assert.equal(cell('Reporting organisation'), 'UN Women');
      const fromCsv = await importSheet('csv', csv, '&mode=update&lang=en');
      assert.equal(fromCsv.status, 201, JSON.stringify(fromCsv.body));
      assert.deepEqual(
        fromCsv.body.activities.map((a) => [a.outcome, a.changedFields, a.reasons]),
        [['unchanged', [], []]],
      );

      const xlsx = await download(`/api/v1/exports/activities?${query}&format=xlsx&lang=fr`);
      const fromXlsx = await importSheet('xlsx', xlsx, '&mode=update&lang=fr&dryRun=true');
      assert.equal(fromXlsx.status, 200, JSON.stringify(fromXlsx.body));
      assert.deepEqual(
        fromXlsx.body.activities.map((a) => [a.outcome, a.changedFields, a.reasons]),
        [['unchanged', [], []]],
      );

      const edit = (sectors: string, recipients: string) =>
        stringify([
          ['id', 'sectors', 'otherRecipients'],
          [id, sectors, recipients],
        ]);
      const bad = await importSheet('csv', edit('15170 (60%); 15160 (30%); 1517 (10%)', 'CN; region:9:798; PH'));
      assert.equal(bad.status, 201);
      assert.equal(bad.body.activities[0]?.outcome, 'rejected');
      assert.equal(bad.body.activities[0]?.line, 2);
      assert.deepEqual(bad.body.activities[0]?.reasons, [
        'Row 2, column "Other recipient countries and regions (codes)": A region\'s vocabulary is 1, 2, 99: write e.g. region:1:798 (not "region:9:798").',
      ]);
      const shares = await importSheet('csv', edit('15170 (60%); 15160 (30%); 1517 (abc%)', 'CN; PH'));
      assert.deepEqual(shares.body.activities[0]?.reasons, [
        'Row 2, column "Other recipient countries and regions (codes)": "PH": ASEAN member states and Timor-Leste belong in the countries field.',
        'Row 2, column "Sectors (codes and shares)": "1517 (abc%)": Give a percentage between 0 and 100 with at most 2 decimals, e.g. 60.',
        'Row 2, column "Sectors (codes and shares)": "1517 (abc%)": A DAC 5-digit purpose code has five digits, e.g. 15170.',
      ]);
      const sum = await importSheet('csv', edit('15170 (60%); 15160 (30%)', ''));
      assert.deepEqual(sum.body.activities[0]?.reasons, [
        'Row 2, column "Sectors (codes and shares)": "15160 (30%)": The percentages of vocabulary 1 add up to 90; make them add up to 100.',
      ]);

      const good = await importSheet('csv', edit('15160 (100%); 99:GENDER-LAB', 'region:2:142'));
      assert.equal(good.status, 201, JSON.stringify(good.body));
      assert.deepEqual(good.body.activities[0]?.changedFields.sort(), ['otherRecipients', 'sectors']);
      const after = (await editor.get<ActivityDetail>(`/api/v1/activities/${id}`)).body;
      assert.deepEqual(
        after.sectors.map((s) => [s.vocabulary, s.code, s.percentage, s.name]),
        [
          ['1', '15160', 100, null],
          ['99', 'GENDER-LAB', null, 'Gender laboratory'],
        ],
      );
      assert.deepEqual(
        after.otherRecipients.map((r) => [r.kind, r.vocabulary, r.code]),
        [['region', '2', '142']],
      );
      assert.equal(after.reportingOrganisation?.id, reporter, 'what a spreadsheet does not hold stays');
      assert.equal(after.results.length, 1);
      assert.equal(after.otherLanguageTexts.length, 1);

      const cleared = await importSheet('csv', edit('', ''));
      assert.deepEqual(cleared.body.activities[0]?.changedFields.sort(), ['otherRecipients', 'sectors']);
      const empty = (await editor.get<ActivityDetail>(`/api/v1/activities/${id}`)).body;
      assert.deepEqual([empty.sectors, empty.otherRecipients], [[], []]);
    });

    it('reads Windows-1252 with semicolons and UTF-16, and refuses what is not a spreadsheet, writing nothing', async () => {
      const rows = 'Titre;Type (code);État (code)\r\nAtelier régional – énergie;forum;planned\r\n';
      const cp1252 = Buffer.from(rows.replace('–', '\u0096'), 'latin1');
      const a = await importSheet('csv', cp1252, '&dryRun=true&lang=fr');
      assert.equal(a.status, 200, JSON.stringify(a.body));
      assert.equal(a.body.encoding, 'Windows-1252');
      assert.equal(a.body.activities[0]?.title, 'Atelier régional – énergie');
      assert.equal(a.body.counts.added, 1);
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rows, 'utf16le')]);
      const b = await importSheet('csv', utf16, '&dryRun=true&lang=fr');
      assert.equal(b.body.encoding, 'UTF-16LE');
      assert.equal(b.body.activities[0]?.title, 'Atelier régional – énergie');

      const before = await count();
      for (const [format, body, reason] of [
        ['csv', '', /empty/],
        ['csv', 'Colour,Shape\nred,round\n', /No column of the template/],
        ['xlsx', 'not a workbook', /not an XLSX workbook/],
      ] as const) {
        const res = await importSheet(format, body);
        assert.equal(res.status, 422, `${format}: ${JSON.stringify(res.body)}`);
        assert.match(res.body.fileProblem?.reason ?? '', reason);
      }
      assert.equal(await count(), before);
    });

    it('keeps to the mode: add refuses known rows, update refuses new ones', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Activities');
      const known = await server.db.db
        .selectFrom('activities')
        .select(['id', 'title_en'])
        .limit(1)
        .executeTakeFirstOrThrow();
      sheet.addRow(['ActionLine ID', 'Title']);
      sheet.addRow([known.id, known.title_en]);
      sheet.addRow(['', 'Brand new from XLSX']);
      const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
      const add = await importSheet('xlsx', xlsx, '&mode=add&dryRun=true');
      assert.deepEqual(
        add.body.activities.map((a) => a.outcome),
        ['rejected', 'rejected'],
      );
      assert.match(add.body.activities[0]?.reasons[0] ?? '', /already in ActionLine/);
      assert.match(add.body.activities[1]?.reasons.join() ?? '', /Type \(code\)/, 'a new row needs its type');
      const update = await importSheet('xlsx', xlsx, '&mode=update&dryRun=true');
      assert.deepEqual(
        update.body.activities.map((a) => a.outcome),
        ['unchanged', 'rejected'],
      );
    });
  });
}
