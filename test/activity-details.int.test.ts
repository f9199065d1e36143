import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { ActivityDetail, OrganisationDetail, Page, Problem } from '../src/shared/api-types';
import type { ActivityInputDraft } from '../src/shared/schemas/activity.schema';
import { signedIn, type Client } from './support/client';
import { SAMPLE_OTHER_RECIPIENTS, SAMPLE_SECTORS } from './support/activity-details';
import { DATABASES, type TestDatabase } from './support/databases';
import { startTestServer, type TestServer } from './support/server';

interface HistoryItem {
  version: number;
  action: string;
  changes: { field: string; before: unknown; after: unknown }[];
}

/** The IATI details of an activity as the API answers them. */
const details = (a: ActivityDetail) => ({
  reportingOrganisation: a.reportingOrganisation?.id ?? null,
  sectors: a.sectors,
  otherRecipients: a.otherRecipients,
  results: a.results,
  otherLanguageTexts: a.otherLanguageTexts,
  valueDates: a.funding.map((f) => f.valueDate),
});

for (const target of DATABASES) {
  describe(`activity details (sectors, recipients, results, other languages) on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let editor: Client;
    let unWomenId: string;
    let idrcId: string;

    const orgId = async (q: string) => {
      const page = await editor.get<Page<{ id: string }>>(`/api/v1/organisations?q=${encodeURIComponent(q)}`);
      const id = page.body.items[0]?.id;
      assert.ok(id, q);
      return id;
    };

    const full = (title: string): ActivityInputDraft => ({
      title: { en: title, fr: `${title} (fr)` },
      type: 'project',
      status: 'ongoing',
      countries: ['KH'],
      reportingOrganisationId: unWomenId,
      sectors: SAMPLE_SECTORS,
      otherRecipients: SAMPLE_OTHER_RECIPIENTS,
      results: [
        {
          type: 'outcome',
          title: { en: 'Labour inspectors apply gender-sensitive checks', fr: null },
          indicators: [
            {
              title: { en: 'Inspectors trained', fr: 'Inspecteurs formés' },
              measure: 'unit',
              baselineYear: 2026,
              baselineValue: '0',
              periods: [{ start: '2027-01', end: '2027-12', target: '120', actual: '95' }],
            },
          ],
        },
      ],
      otherLanguageTexts: [{ field: 'title', lang: 'km', text: 'ការត្រួតពិនិត្យការងារ' }],
      funding: [{ amount: '250000', currency: 'USD', type: 'commitment', date: '2027-01-15', valueDate: '2027-01-01' }],
    });

    before(async () => {
      database = await target.create();
      server = await startTestServer(database);
      editor = await signedIn(server, 'editor', 'partner');
      unWomenId = await orgId('UN Women');
      idrcId = await orgId('IDRC');
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    it('creates an activity with every detail and reads it back with the official names in English and French', async () => {
      const created = await editor.request<ActivityDetail>('POST', '/api/v1/activities', full('Details check'));
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const read = await editor.get<ActivityDetail>(`/api/v1/activities/${created.body.id}`);
      assert.equal(read.status, 200);
      const a = read.body;
      assert.deepEqual(details(a), details(created.body));
      assert.equal(a.reportingOrganisation?.id, unWomenId);
      assert.deepEqual(
        a.sectors.map((s) => [s.vocabulary, s.code, s.percentage, s.name]),
        [
          ['1', '15170', 60, null],
          ['1', '15160', 40, null],
          ['7', '5', 100, null],
          ['99', 'GENDER-LAB', null, 'Gender laboratory'],
        ],
      );
      const [women, rights, sdg, own] = a.sectors;
      assert.match(women?.label?.en ?? '', /^Women's rights organisations and movements/);
      assert.match(women?.label?.fr ?? '', /^Organisations et mouvements de défense des droits des femmes/);
      assert.deepEqual(rights?.label, { en: 'Human rights', fr: 'Droits de la personne' });
      assert.equal(sdg?.label, null, 'SDG goals are not named by ActionLine');
      assert.equal(own?.label, null);
      assert.deepEqual(
        a.otherRecipients.map((r) => [r.kind, r.vocabulary, r.code, r.label]),
        [
          ['country', null, 'CN', { en: 'China', fr: 'Chine (la)' }],
          ['region', '1', '798', { en: 'Asia, regional', fr: 'Asie, régional' }],
        ],
      );
      assert.deepEqual(a.results, [
        {
          type: 'outcome',
          title: { en: 'Labour inspectors apply gender-sensitive checks', fr: null },
          description: { en: null, fr: null },
          indicators: [
            {
              title: { en: 'Inspectors trained', fr: 'Inspecteurs formés' },
              description: { en: null, fr: null },
              measure: 'unit',
              ascending: true,
              baselineYear: 2026,
              baselineValue: '0',
              periods: [{ start: '2027-01', end: '2027-12', target: '120', actual: '95' }],
            },
          ],
        },
      ]);
      assert.deepEqual(a.otherLanguageTexts, [{ field: 'title', lang: 'km', text: 'ការត្រួតពិនិត្យការងារ' }]);
      assert.equal(a.funding[0]?.valueDate, '2027-01-01');

      const funding = await editor.raw(
        `/api/v1/exports/funding-lines?q=${encodeURIComponent('Details check')}&format=csv&lang=fr`,
      );
      const [header = [], line = []]: string[][] = parse(Buffer.from(await funding.arrayBuffer()), { bom: true });
      assert.equal(line[header.indexOf('Date de valeur')], '2027-01-01');
    });

    it('updates the details with If-Match, records each change, and restores version 1 with them', async () => {
      const created = await editor.request<ActivityDetail>('POST', '/api/v1/activities', full('Details history'));
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const id = created.body.id;
      const changed: ActivityInputDraft = {
        ...full('Details history'),
        reportingOrganisationId: idrcId,
        sectors: [{ vocabulary: '2', code: '151', percentage: 100 }],
        otherRecipients: [{ kind: 'country', code: 'IN' }],
        results: [],
        otherLanguageTexts: [{ field: 'summary', lang: 'th', text: 'การตรวจแรงงาน' }],
        funding: [{ amount: '250000', currency: 'USD', type: 'commitment', date: '2027-01-15', valueDate: null }],
      };
      const stale = await editor.request<Problem>('PUT', `/api/v1/activities/${id}`, changed, { 'if-match': '"0"' });
      assert.equal(stale.status, 409);
      const updated = await editor.request<ActivityDetail>('PUT', `/api/v1/activities/${id}`, changed, {
        'if-match': '"1"',
      });
      assert.equal(updated.status, 200, JSON.stringify(updated.body));
      assert.equal(updated.body.version, 2);
      assert.equal(updated.body.reportingOrganisation?.id, idrcId);
      assert.deepEqual(
        updated.body.sectors.map((s) => [s.vocabulary, s.code, s.label?.en]),
        [['2', '151', 'Government & Civil Society-general']],
      );
      assert.equal(updated.body.funding[0]?.valueDate, null);

      const history = (await editor.get<{ items: HistoryItem[] }>(`/api/v1/activities/${id}/history`)).body.items;
      assert.deepEqual(
        history.map((h) => [h.version, h.action]),
        [
          [2, 'update'],
          [1, 'create'],
        ],
      );
      const change = (field: string) => history[0]?.changes.find((c) => c.field === field);
      assert.deepEqual(history[0]?.changes.map((c) => c.field).sort(), [
        'funding',
        'otherLanguageTexts',
        'otherRecipients',
        'reportingOrganisationId',
        'results',
        'sectors',
      ]);
      assert.deepEqual(change('reportingOrganisationId'), {
        field: 'reportingOrganisationId',
        before: unWomenId,
        after: idrcId,
      });
      assert.deepEqual(change('sectors')?.after, [{ vocabulary: '2', code: '151', percentage: 100, name: null }]);
      assert.equal((change('sectors')?.before as unknown[]).length, 4);
      assert.deepEqual(change('otherRecipients')?.after, [
        { kind: 'country', code: 'IN', vocabulary: null, name: null },
      ]);

      const restored = await editor.request<ActivityDetail>(
        'POST',
        `/api/v1/activities/${id}/history/1/restore`,
        undefined,
        { 'if-match': '"2"' },
      );
      assert.equal(restored.status, 200, JSON.stringify(restored.body));
      assert.equal(restored.body.version, 3);
      assert.deepEqual(details(restored.body), details(created.body));
      const reread = await editor.get<ActivityDetail>(`/api/v1/activities/${id}`);
      assert.deepEqual(details(reread.body), details(created.body));
    });

    it('answers a bad body with problem+json naming each field and its fix', async () => {
      const bad = await editor.request<Problem>('POST', '/api/v1/activities', {
        ...full('Bad details'),
        sectors: [
          { vocabulary: '1', code: '15170', percentage: '60%' },
          { vocabulary: '1', code: '1516', percentage: 40 },
        ],
        otherRecipients: [{ kind: 'country', code: 'PH' }],
        results: [
          {
            type: 'output',
            title: { en: 'Inspectors trained', fr: null },
            indicators: [
              {
                title: { en: 'Inspectors trained', fr: null },
                measure: 'percentage',
                periods: [{ start: '2027-06', end: '2027-01', target: 'most' }],
              },
            ],
          },
        ],
        otherLanguageTexts: [{ field: 'title', lang: 'fr', text: 'Doublon' }],
        funding: [{ amount: '10', currency: 'CAD', type: 'commitment', valueDate: '15/01/2027' }],
      });
      assert.equal(bad.status, 400);
      assert.match(bad.headers.get('content-type') ?? '', /^application\/problem\+json/);
      const reasons = Object.fromEntries((bad.body.errors ?? []).map((e) => [e.name, e.reason]));
      assert.deepEqual(Object.keys(reasons).sort(), [
        'funding.0.valueDate',
        'otherLanguageTexts.0.lang',
        'otherRecipients.0.code',
        'results.0.indicators.0.periods.0.end',
        'results.0.indicators.0.periods.0.target',
        'sectors.0.percentage',
        'sectors.1.code',
      ]);
      assert.equal(
        reasons['sectors.0.percentage'],
        'Give a percentage between 0 and 100 with at most 2 decimals, e.g. 60.',
      );
      assert.equal(reasons['sectors.1.code'], 'A DAC 5-digit purpose code has five digits, e.g. 15170.');
      assert.equal(
        reasons['otherRecipients.0.code'],
        'ASEAN member states and Timor-Leste belong in the countries field.',
      );
      assert.equal(reasons['results.0.indicators.0.periods.0.end'], 'The end must not be before the start (2027-06).');
      assert.equal(
        reasons['results.0.indicators.0.periods.0.target'],
        'A percentage indicator is measured in numbers, e.g. 120 or 45.5.',
      );
      assert.equal(
        reasons['otherLanguageTexts.0.lang'],
        'English and French texts belong in the title, summary and description.',
      );
      assert.match(reasons['funding.0.valueDate'] ?? '', /YYYY/);
    });

    it('refuses an unknown reporting organisation, naming the field', async () => {
      const res = await editor.request<Problem>('POST', '/api/v1/activities', {
        ...full('Unknown reporter'),
        reportingOrganisationId: 'no-such-organisation',
      });
      assert.equal(res.status, 400);
      assert.deepEqual(res.body.errors, [
        { name: 'reportingOrganisationId', reason: 'No organisation with id "no-such-organisation" exists.' },
      ]);
    });

    it('moves the reporting organisation to the one kept when organisations are merged', async () => {
      const dup = await editor.request<OrganisationDetail>('POST', '/api/v1/organisations', {
        name: { en: 'United Nations Entity for Gender Equality (duplicate)' },
        type: 'multilateral',
      });
      assert.equal(dup.status, 201, JSON.stringify(dup.body));
      const a = await editor.request<ActivityDetail>('POST', '/api/v1/activities', {
        ...full('Reported by a duplicate'),
        reportingOrganisationId: dup.body.id,
      });
      assert.equal(a.status, 201, JSON.stringify(a.body));
      assert.equal(a.body.reportingOrganisation?.id, dup.body.id);
      const merged = await editor.request<OrganisationDetail>(
        'POST',
        `/api/v1/organisations/${dup.body.id}/merge`,
        { into: unWomenId },
        { 'if-match': '"1"' },
      );
      assert.equal(merged.status, 200, JSON.stringify(merged.body));
      const moved = await editor.get<ActivityDetail>(`/api/v1/activities/${a.body.id}`);
      assert.equal(moved.body.reportingOrganisation?.id, unWomenId);
    });
  });
}
