import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ActivityDetail, ImportReport, ImportSummary, Page } from '../src/shared/api-types';
import type { ActivityInputDraft } from '../src/shared/schemas/activity.schema';
import { DATABASES, type TestDatabase } from './support/databases';
import { signedIn, type Client } from './support/client';
import { startTestServer, type TestServer } from './support/server';

const PLAN = 'asean-canada-2010-2015';
const SAMPLES = new URL('./fixtures/iati/samples/', import.meta.url);

async function filesUnder(dir: URL): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.xml'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/**
 * An activity in its input form, with organisations by name and plan parts by code, so that the
 * same activity held by two ActionLine instances compares equal.
 */
const inputForm = (a: ActivityDetail) => ({
  iatiIdentifier: a.iatiIdentifier,
  title: a.title,
  summary: a.summary,
  description: a.description,
  type: a.type,
  status: a.status,
  dates: [a.plannedStart, a.plannedEnd, a.actualStart, a.actualEnd],
  countries: a.countries,
  regional: a.regional,
  reportingOrganisation: a.reportingOrganisation?.name ?? null,
  sectors: a.sectors.map(({ label: _label, ...s }) => s),
  otherRecipients: a.otherRecipients.map(({ label: _label, ...r }) => r),
  results: a.results,
  otherLanguageTexts: a.otherLanguageTexts,
  participants: a.participants.map((p) => [p.organisation.name, p.role, p.note]),
  funding: a.funding.map((f) => [
    f.amount,
    f.currency,
    f.type,
    f.date,
    f.valueDate,
    f.provider?.name ?? null,
    f.recipient?.name ?? null,
    f.note,
  ]),
  links: a.links.map((l) => [l.node.plan.slug, l.node.code, l.rationale, l.confidence]),
  sources: a.sources.map((s) => [s.url, s.title, s.publisher, s.publishedOn, s.confidence, s.note]),
});

/** A small IATI 2.03 file with the given activities' XML. */
const iatiFile = (activities: string, rootAttributes = 'version="2.03"') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities ${rootAttributes} generated-datetime="2026-01-01T00:00:00Z">\n${activities}</iati-activities>\n`;

const activityXml = (id: string, title: string, extra = '') => `  <iati-activity default-currency="CAD" xml:lang="en">
    <iati-identifier>${id}</iati-identifier>
    <reporting-org ref="CA-3" type="10"><narrative>Global Affairs Canada</narrative></reporting-org>
    <title><narrative>${title}</narrative><narrative xml:lang="fr">${title} (fr)</narrative></title>
    <description type="1"><narrative>About ${title}.</narrative></description>
    <participating-org ref="CA-3" role="1" type="10"><narrative>Global Affairs Canada</narrative></participating-org>
    <participating-org role="4" type="21"><narrative>Imported Partner Network ${id}</narrative></participating-org>
    <activity-status code="2"/>
    <activity-date type="2" iso-date="2014-03-01"/>
    <recipient-country code="ID" percentage="60"/>
    <recipient-country code="CA" percentage="40"/>
    <sector vocabulary="1" code="15170" percentage="100"/>
    <transaction>
      <transaction-type code="2"/>
      <transaction-date iso-date="2014-03-01"/>
      <value currency="CAD" value-date="2014-03-01">250000</value>
    </transaction>${extra}
  </iati-activity>
`;

for (const target of DATABASES) {
  describe(`IATI import on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let editor: Client;
    let admin: Client;

    const count = async (table: 'activities' | 'organisations' | 'imports') =>
      Number(
        (
          await server.db.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const byIdentifier = (id: string) =>
      server.db.db.selectFrom('activities').selectAll().where('iati_identifier', '=', id).executeTakeFirst();
    const importFile = (client: Client, body: Uint8Array | string, query = '') =>
      client.upload<ImportReport>(`/api/v1/imports/iati?fileName=test.xml${query}`, body);

    before(async () => {
      database = await target.create();
      server = await startTestServer(database);
      editor = await signedIn(server, 'editor', 'canada');
      admin = await signedIn(server, 'admin', 'asean');
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    it('previews without writing, then commits: adds, matches by identifier, and finds nothing changed the second time', async () => {
      const file = iatiFile(activityXml('CA-3-IMPORT-1', 'Gender equality in ASEAN'));
      const activitiesBefore = await count('activities');
      const orgsBefore = await count('organisations');

      const preview = await importFile(editor, file, '&dryRun=true');
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      assert.equal(preview.body.outcome, 'previewed');
      assert.deepEqual(preview.body.counts, { added: 1, updated: 0, unchanged: 0, rejected: 0 });
      const [planned] = preview.body.activities;
      assert.equal(planned?.identifier, 'CA-3-IMPORT-1');
      assert.ok(
        planned?.warnings.includes('The shares of the recipient countries and regions are not kept: ID 60 %, CA 40 %.'),
        'the shares are not kept',
      );
      assert.ok(
        planned?.suggestions.some((s) => s.code === '1.1' && s.reason.includes('15170')),
        JSON.stringify(planned?.suggestions),
      );
      assert.equal(await count('activities'), activitiesBefore, 'a preview writes no activity');
      assert.equal(await count('organisations'), orgsBefore, 'a preview writes no organisation');
      assert.equal(await byIdentifier('CA-3-IMPORT-1'), undefined);

      const commit = await importFile(editor, file);
      assert.equal(commit.status, 201, JSON.stringify(commit.body));
      assert.deepEqual(commit.body.counts, { added: 1, updated: 0, unchanged: 0, rejected: 0 });
      assert.deepEqual(
        commit.body.organisationsCreated.map((o) => o.name),
        ['Imported Partner Network CA-3-IMPORT-1'],
        'Global Affairs Canada is matched by its IATI identifier; the partner is new',
      );
      const row = await byIdentifier('CA-3-IMPORT-1');
      assert.ok(row);
      const detail = await editor.get<ActivityDetail>(`/api/v1/activities/${row.id}`);
      assert.equal(detail.body.workflowState, 'draft', 'imported activities wait for review');
      assert.deepEqual(detail.body.title, { en: 'Gender equality in ASEAN', fr: 'Gender equality in ASEAN (fr)' });
      assert.equal(detail.body.status, 'ongoing');
      assert.equal(detail.body.actualStart, '2014-03-01');
      assert.deepEqual(detail.body.countries, ['ID']);
      assert.deepEqual(
        detail.body.otherRecipients.map((r) => [r.kind, r.code]),
        [['country', 'CA']],
      );
      assert.deepEqual(
        detail.body.sectors.map((s) => [s.vocabulary, s.code, s.percentage]),
        [['1', '15170', 100]],
      );
      assert.equal(detail.body.reportingOrganisation?.name.en, 'Global Affairs Canada');
      assert.deepEqual(
        detail.body.funding.map((f) => f.valueDate),
        ['2014-03-01'],
      );
      assert.deepEqual(
        detail.body.participants.map((p) => [p.role, p.organisation.name.en]),
        [
          ['funder', 'Global Affairs Canada'],
          ['implementer', 'Imported Partner Network CA-3-IMPORT-1'],
        ],
      );
      assert.deepEqual(
        detail.body.funding.map((f) => [f.type, f.amount, f.currency, f.date]),
        [['commitment', '250000.00', 'CAD', '2014-03-01']],
      );
      assert.equal(detail.body.links.length, 0, 'suggestions are never applied');

      const again = await importFile(editor, file);
      assert.deepEqual(again.body.counts, { added: 0, updated: 0, unchanged: 1, rejected: 0 });
      assert.equal(again.body.organisationsCreated.length, 0, 'the partner created before is matched by name');

      const changed = await importFile(editor, file.replace('250000', '300000'));
      assert.deepEqual(changed.body.counts, { added: 0, updated: 1, unchanged: 0, rejected: 0 });
      assert.deepEqual(changed.body.activities[0]?.changedFields, ['funding']);
      const history = await editor.get<{ items: { action: string; comment: string | null }[] }>(
        `/api/v1/activities/${row.id}/history`,
      );
      assert.equal(history.status, 200);
      assert.ok(history.body.items.some((h) => h.action === 'import' && h.comment?.includes('test.xml')));

      const record = await editor.get<Page<ImportSummary>>('/api/v1/imports');
      assert.equal(record.status, 200);
      assert.deepEqual(
        record.body.items.slice(0, 4).map((i) => [i.outcome, i.counts.added, i.counts.updated, i.counts.unchanged]),
        [
          ['committed', 0, 1, 0],
          ['committed', 0, 0, 1],
          ['committed', 1, 0, 0],
          ['previewed', 1, 0, 0],
        ],
      );
      const one = await editor.get<ImportReport>(`/api/v1/imports/${commit.body.id}`);
      assert.equal(one.body.activities[0]?.activityId, row.id, 'the record links to the activity it touched');
    });

    it('keeps a plan link made in ActionLine when a publisher re-imports a file that cannot state it', async () => {
      const file = iatiFile(activityXml('CA-3-IMPORT-LINK', 'Counter-terrorism workshop'));
      await importFile(editor, file);
      const row = await byIdentifier('CA-3-IMPORT-LINK');
      assert.ok(row);
      const detail = (await editor.get<ActivityDetail>(`/api/v1/activities/${row.id}`)).body;
      const area = await server.db.db
        .selectFrom('framework_nodes')
        .innerJoin('plans', 'plans.id', 'framework_nodes.plan_id')
        .select('framework_nodes.id')
        .where('plans.slug', '=', PLAN)
        .where('framework_nodes.code', '=', '1.2')
        .executeTakeFirst();
      assert.ok(area, 'area 1.2 exists');
      const { id: _id, version, workflowState: _w, fundingTotals: _t, createdAt: _c, updatedAt: _u, ...rest } = detail;
      const put = await editor.request(
        'PUT',
        `/api/v1/activities/${row.id}`,
        {
          iatiIdentifier: rest.iatiIdentifier,
          title: rest.title,
          summary: rest.summary,
          description: rest.description,
          type: rest.type,
          status: rest.status,
          actualStart: rest.actualStart,
          countries: rest.countries,
          reportingOrganisationId: rest.reportingOrganisation?.id ?? null,
          sectors: rest.sectors.map(({ label: _label, ...s }) => s),
          otherRecipients: rest.otherRecipients.map(({ label: _label, ...r }) => r),
          participants: rest.participants.map((p) => ({ organisationId: p.organisation.id, role: p.role })),
          funding: rest.funding.map((f) => ({
            amount: f.amount,
            currency: f.currency,
            type: f.type,
            date: f.date,
            valueDate: f.valueDate,
          })),
          links: [{ nodeId: area.id, rationale: 'Named in the workshop report.' }],
        },
        { 'if-match': `"${version}"` },
      );
      assert.equal(put.status, 200, JSON.stringify(put.body));
      const again = await importFile(editor, file);
      assert.deepEqual(again.body.counts, { added: 0, updated: 0, unchanged: 1, rejected: 0 });
      const after = (await editor.get<ActivityDetail>(`/api/v1/activities/${row.id}`)).body;
      assert.deepEqual(
        after.links.map((l) => l.node.code),
        ['1.2'],
      );
    });

    it('reproduces every record of a plan exported as IATI: the re-import finds nothing to change', async () => {
      const exported = await editor.raw(`/api/v1/exports/activities?plan=${PLAN}&format=iati&lang=fr`);
      assert.equal(exported.status, 200);
      const xml = Buffer.from(await exported.arrayBuffer());
      const total = (xml.toString('utf8').match(/<iati-activity /g) ?? []).length;
      assert.ok(total > 5, `exported ${total}`);
      const res = await importFile(editor, xml, '&mode=update');
      assert.equal(res.status, 201, JSON.stringify(res.body).slice(0, 2000));
      const notUnchanged = res.body.activities.filter((a) => a.outcome !== 'unchanged');
      assert.deepEqual(
        notUnchanged.map((a) => [a.identifier, a.outcome, a.changedFields, a.reasons, a.warnings]),
        [],
        'every activity comes back exactly as stored',
      );
      assert.equal(res.body.counts.unchanged, total);
    });

    it('exports the IATI details and imports them back unchanged, here and in another ActionLine', async () => {
      const orgId = async (q: string) => {
        const page = await editor.get<Page<{ id: string }>>(`/api/v1/organisations?q=${encodeURIComponent(q)}`);
        const id = page.body.items[0]?.id;
        assert.ok(id, q);
        return id;
      };
      const node = await server.db.db
        .selectFrom('framework_nodes')
        .innerJoin('plans', 'plans.id', 'framework_nodes.plan_id')
        .select('framework_nodes.id')
        .where('plans.slug', '=', PLAN)
        .where('framework_nodes.code', '=', '1.2')
        .executeTakeFirstOrThrow();
      const [secretariat, unWomen, gac] = [
        await orgId('ASEAN Secretariat'),
        await orgId('UN Women'),
        await orgId('Global Affairs Canada'),
      ];
      const input: ActivityInputDraft = {
        iatiIdentifier: 'XM-ROUND-TRIP-1',
        title: { en: 'Women’s rights & labour <inspection>', fr: 'Droits des femmes et inspection du travail' },
        summary: { en: 'Checks that see gender.', fr: null },
        description: { en: null, fr: 'Une description.' },
        type: 'technical_assistance',
        status: 'ongoing',
        plannedStart: '2026',
        actualStart: '2026-03-02',
        plannedEnd: '2028-06',
        countries: ['KH', 'LA'],
        regional: true,
        reportingOrganisationId: secretariat,
        sectors: [
          { vocabulary: '1', code: '15170', percentage: 33.33 },
          { vocabulary: '1', code: '16020', percentage: 66.67 },
          { vocabulary: '7', code: '5' },
          { vocabulary: '99', code: 'LAB-1', name: 'Labour & "gender" lab' },
        ],
        otherRecipients: [
          { kind: 'region', vocabulary: '1', code: '298', name: 'Africa, regional' },
          { kind: 'country', code: 'CN' },
          { kind: 'region', vocabulary: '2', code: '35' },
        ],
        results: [
          {
            type: 'outcome',
            title: { en: 'Inspectors apply gender-sensitive checks', fr: 'Les inspecteurs appliquent' },
            description: { en: null, fr: 'Dans toute la région.' },
            indicators: [
              {
                title: { en: 'Inspectors trained', fr: null },
                measure: 'unit',
                ascending: true,
                baselineYear: 2025,
                baselineValue: '0',
                periods: [
                  { start: '2026', end: '2026', target: '120', actual: '95.5' },
                  { start: '2027-01', end: '2027-06-30', target: '60' },
                ],
              },
              {
                title: { en: 'Quality of inspections', fr: null },
                description: { en: 'As rated by the ministry.', fr: null },
                measure: 'qualitative',
                ascending: false,
                baselineValue: 'Weak',
                periods: [{ start: '2026-01-01', end: '2026-12-31', target: 'Good', actual: 'Fair & rising' }],
              },
            ],
          },
          { type: 'output', title: { en: 'Workshops held', fr: null } },
        ],
        otherLanguageTexts: [
          { field: 'description', lang: 'lo', text: 'ລາວ' },
          { field: 'title', lang: 'km', text: 'ការត្រួតពិនិត្យការងារ' },
          { field: 'summary', lang: 'km', text: 'សង្ខេប' },
        ],
        participants: [
          { organisationId: gac, role: 'funder' },
          { organisationId: unWomen, role: 'implementer', note: 'Through a grant' },
        ],
        funding: [
          {
            amount: '250000',
            currency: 'USD',
            type: 'commitment',
            date: '2026-03-02',
            valueDate: '2026-02-15',
            providerId: gac,
            recipientId: unWomen,
          },
          { amount: '1000', currency: 'CAD', type: 'disbursement', date: '2026-05', valueDate: '2026-04' },
          { amount: '500000', currency: 'CAD', type: 'budget', date: '2026', valueDate: '2025' },
          { amount: '70000', currency: 'CAD', type: 'budget', date: '2027' },
        ],
        links: [{ nodeId: node.id, rationale: 'Named in the plan.', confidence: 'verified' }],
        sources: [{ url: 'https://example.org/inspection', title: 'Project page', confidence: 'verified' }],
      };
      const created = await editor.request<ActivityDetail>('POST', '/api/v1/activities', input);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const original = created.body;

      const exported = await editor.raw(`/api/v1/exports/activities?id=${original.id}&format=iati&lang=fr`);
      assert.equal(exported.status, 200);
      const xml = Buffer.from(await exported.arrayBuffer());
      assert.equal((xml.toString('utf8').match(/<iati-activity /g) ?? []).length, 1);

      const again = await importFile(editor, xml, '&mode=update');
      assert.equal(again.status, 201, JSON.stringify(again.body));
      assert.deepEqual(
        again.body.activities.map((a) => [a.outcome, a.changedFields, a.reasons, a.warnings]),
        [['unchanged', [], [], []]],
      );

      // Another ActionLine, seeded alike, adds the same activity.
      const otherDatabase = await target.create();
      const other = await startTestServer(otherDatabase);
      try {
        const otherEditor = await signedIn(other, 'editor', 'canada');
        const added = await importFile(otherEditor, xml);
        assert.equal(added.status, 201, JSON.stringify(added.body));
        assert.deepEqual(
          added.body.activities.map((a) => [a.outcome, a.reasons, a.warnings]),
          [['added', [], []]],
        );
        assert.deepEqual(added.body.organisationsCreated, [], 'every organisation is matched');
        const copyId = added.body.activities[0]?.activityId;
        assert.ok(copyId);
        const copy = (await otherEditor.get<ActivityDetail>(`/api/v1/activities/${copyId}`)).body;
        assert.deepEqual(inputForm(copy), inputForm(original));
        // And its own export comes back unchanged there too.
        const reexported = await otherEditor.raw(`/api/v1/exports/activities?id=${copyId}&format=iati`);
        const back = await importFile(otherEditor, Buffer.from(await reexported.arrayBuffer()), '&mode=update');
        assert.deepEqual(back.body.counts, { added: 0, updated: 0, unchanged: 1, rejected: 0 });
      } finally {
        await other.close();
        await otherDatabase.drop();
      }
    });

    it('restores an exported activity removed from ActionLine with the same fields', async () => {
      const list = await editor.get<Page<{ id: string }>>(`/api/v1/activities?plan=${PLAN}&pageSize=1&sort=title`);
      const id = list.body.items[0]?.id as string;
      const original = (await editor.get<ActivityDetail>(`/api/v1/activities/${id}`)).body;
      const exported = await editor.raw(`/api/v1/exports/activities?id=${id}&format=iati`);
      const xml = Buffer.from(await exported.arrayBuffer()).toString('utf8');
      // Another instance (or after the record is gone): the same file, under a new identifier.
      const copy = xml.replace(
        /<iati-identifier[^>]*>[^<]*<\/iati-identifier>/,
        '<iati-identifier>XM-COPY-1</iati-identifier>',
      );
      const res = await importFile(
        editor,
        copy.replace(/ actionline:id="[^"]*"(?=[^>]*xml:lang)/, ' actionline:id="copy-of-it"'),
      );
      assert.equal(res.body.counts.added, 1, JSON.stringify(res.body.activities));
      const row = await byIdentifier('XM-COPY-1');
      assert.ok(row);
      const copyDetail = (await editor.get<ActivityDetail>(`/api/v1/activities/${row.id}`)).body;
      const strip = (a: ActivityDetail) => ({
        title: a.title,
        summary: a.summary,
        description: a.description,
        type: a.type,
        status: a.status,
        dates: [a.plannedStart, a.plannedEnd, a.actualStart, a.actualEnd],
        countries: a.countries,
        regional: a.regional,
        participants: a.participants.map((p) => [p.organisation.id, p.role, p.note]),
        funding: a.funding.map((f) => [f.amount, f.currency, f.type, f.date, f.provider?.id, f.recipient?.id, f.note]),
        links: a.links.map((l) => [l.node.id, l.rationale, l.confidence]),
        sources: a.sources.map((s) => [s.url, s.title, s.publisher, s.publishedOn, s.confidence, s.note]),
      });
      assert.deepEqual(strip(copyDetail), strip(original));
    });

    it('rejects bad activities with their identifier, line and reason, and writes the rest in one transaction', async () => {
      const file = iatiFile(
        activityXml('CA-3-GOOD-1', 'Good one') +
          `  <iati-activity>\n    <iati-identifier>CA-3-BAD-1</iati-identifier>\n    <reporting-org ref="CA-3" type="10"><narrative>GAC</narrative></reporting-org>\n    <title><narrative>Bad one</narrative></title>\n    <activity-status code="9"/>\n  </iati-activity>\n` +
          activityXml('CA-3-GOOD-1', 'Twice'),
      );
      const res = await importFile(editor, file);
      assert.equal(res.status, 201);
      assert.deepEqual(res.body.counts, { added: 1, updated: 0, unchanged: 0, rejected: 2 });
      const bad = res.body.activities.find((a) => a.identifier === 'CA-3-BAD-1');
      assert.equal(bad?.outcome, 'rejected');
      assert.ok(bad?.line && bad.line > 20, `line ${bad?.line}`);
      assert.ok(
        bad?.reasons.some((r) => /Line \d+: not valid IATI 2.03: .*activity-status/.test(r)),
        bad?.reasons.join(),
      );
      const twice = res.body.activities.filter((a) => a.identifier === 'CA-3-GOOD-1')[1];
      assert.match(twice?.reasons[0] ?? '', /appears twice in the file \(first at line 3\)/);
      assert.ok(await byIdentifier('CA-3-GOOD-1'));
      assert.equal(await byIdentifier('CA-3-BAD-1'), undefined);
    });

    it('refuses a file that breaks off, a DTD, an organisation file and a 1.x file, writing nothing', async () => {
      const before = await count('activities');
      const cases: [string, RegExp][] = [
        [
          iatiFile(activityXml('CA-3-HALF-1', 'Half')).replace('</iati-activities>', '<iati-activity>'),
          /not well-formed/,
        ],
        [
          `<?xml version="1.0"?>\n<!DOCTYPE iati-activities [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<iati-activities version="2.03"><iati-activity>&x;</iati-activity></iati-activities>`,
          /DTD/,
        ],
        [`<?xml version="1.0"?>\n<iati-organisations version="2.03"/>`, /organisation file/],
        [iatiFile(activityXml('CA-3-OLD-1', 'Old'), 'version="1.05"'), /version 1\.05/],
        [iatiFile(activityXml('CA-3-NOV-1', 'No version'), ''), /no version attribute/],
        ['', /empty/],
      ];
      for (const [body, reason] of cases) {
        const res = await importFile(editor, body);
        assert.equal(res.status, 422, body.slice(0, 80));
        assert.equal(res.body.outcome, 'refused');
        assert.match(res.body.fileProblem?.reason ?? '', reason);
        assert.deepEqual(res.body.counts, { added: 0, updated: 0, unchanged: 0, rejected: 0 });
      }
      assert.equal(await count('activities'), before);
      assert.equal(await byIdentifier('CA-3-HALF-1'), undefined, 'activities read before the break are not written');
    });

    it('reads UTF-8 with a byte-order mark, UTF-16 and Windows-1252 alike', async () => {
      const title = 'Coopération régionale – énergie';
      const utf8 = iatiFile(activityXml('CA-3-ENC-1', title));
      const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(utf8, 'utf8')]);
      const utf16 = Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(utf8.replace('encoding="UTF-8"', 'encoding="UTF-16"'), 'utf16le'),
      ]);
      const cp1252 = Buffer.from(
        utf8.replace('encoding="UTF-8"', 'encoding="windows-1252"').replaceAll('–', '\u0096'),
        'latin1',
      );
      for (const [name, bytes] of [
        ['utf-8 bom', bom],
        ['utf-16', utf16],
        ['windows-1252', cp1252],
      ] as const) {
        const res = await importFile(editor, bytes, '&dryRun=true');
        assert.equal(res.status, 200, name);
        assert.equal(res.body.activities[0]?.title, title, name);
      }
      const bad = await importFile(
        editor,
        Buffer.concat([Buffer.from(utf8.slice(0, 200)), Buffer.from([0xff, 0xfe, 0xfd]), Buffer.from(utf8.slice(200))]),
      );
      assert.equal(bad.body.outcome, 'refused');
      assert.match(bad.body.fileProblem?.reason ?? '', /not valid UTF-8/);
    });

    it('lets only editors and above import and read the record of imports', async () => {
      const file = iatiFile(activityXml('CA-3-AUTH-1', 'Auth'));
      const anonymous = await fetch(`${server.baseUrl}/api/v1/imports/iati`, {
        method: 'POST',
        headers: { 'content-type': 'application/xml' },
        body: file,
      });
      assert.equal(anonymous.status, 401);
      const viewer = await signedIn(server, 'viewer', 'asean');
      const denied = await importFile(viewer, file);
      assert.equal(denied.status, 403);
      assert.equal((await fetch(`${server.baseUrl}/api/v1/imports`)).status, 401);
      const bad = await importFile(editor, file, '&mode=replace');
      assert.equal(bad.status, 400);
      assert.equal(await byIdentifier('CA-3-AUTH-1'), undefined);
      assert.equal((await admin.get('/api/v1/imports')).status, 200);
    });

    // The readers and the schema check do not depend on the database: every sample runs on the
    // first one, a tenth of them on the others.
    it('imports every official sample: valid ones without rejections, invalid ones refused or rejected with reasons', async () => {
      const all = [
        ...(await filesUnder(new URL('official/', SAMPLES))),
        ...(await filesUnder(new URL('should-pass/', SAMPLES))),
        ...(await filesUnder(new URL('should-fail/', SAMPLES))),
      ];
      assert.ok(all.length > 600, `${all.length} samples`);
      const files = target === DATABASES[0] ? all : all.filter((_f, i) => i % 10 === 0);
      const before = await count('activities');
      const surprises: string[] = [];
      for (const file of files) {
        const rel = path.relative(new URL('.', SAMPLES).pathname, file);
        const res = await importFile(editor, await readFile(file), '&dryRun=true');
        if (res.status >= 500) {
          surprises.push(`${rel}: ${res.status}`);
          continue;
        }
        const r = res.body;
        const organisationFile = /(^|\/)(iati-organisations|organisation-tests)\/|organisation-standard-example/.test(
          rel,
        );
        const shouldFail = rel.startsWith('should-fail/') || rel.includes('legacy-pre-2.01');
        const explained =
          r.outcome === 'refused'
            ? Boolean(r.fileProblem?.reason)
            : r.activities.every((a) => a.outcome !== 'rejected' || a.reasons.length > 0);
        if (!explained) surprises.push(`${rel}: a rejection without a reason`);
        if (organisationFile && r.outcome !== 'refused') surprises.push(`${rel}: an organisation file was not refused`);
        if (!organisationFile && shouldFail && r.outcome !== 'refused' && r.counts.rejected === 0) {
          surprises.push(`${rel}: invalid, yet nothing was rejected`);
        }
        if (!organisationFile && !shouldFail && (r.outcome === 'refused' || r.counts.rejected > 0)) {
          surprises.push(
            `${rel}: valid, yet ${r.fileProblem?.reason ?? r.activities.flatMap((a) => a.reasons).join(' | ')}`,
          );
        }
      }
      assert.deepEqual(surprises, []);
      assert.equal(await count('activities'), before, 'previews wrote nothing');
    });
  });
}
