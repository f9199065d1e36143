import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ActivityDetail } from '../../shared/api-types';
import { activityInputSchema } from '../../shared/schemas/activity.schema';
import { iatiActivitiesXml, type IatiExportOptions } from '../exports/iati.writer';
import { mapIatiActivity, type MappedActivity } from './iati.mapper';
import { readIatiActivities } from './iati.reader';

/** Maps every activity of a file, as the import service does. */
async function mapFile(xml: string): Promise<MappedActivity[]> {
  const mapped: MappedActivity[] = [];
  let file = { lang: null as string | null, currency: null as string | null };
  for await (const e of readIatiActivities([xml])) {
    if (e.type === 'root') {
      file = { lang: e.node.attrs['xml:lang'] ?? null, currency: e.node.attrs['default-currency'] ?? null };
    } else mapped.push(mapIatiActivity(e.node, e.line, file));
  }
  return mapped;
}

async function mapOne(xml: string): Promise<MappedActivity> {
  const [first] = await mapFile(xml);
  assert.ok(first, 'one activity');
  return first;
}

/** Another publisher's activity: Khmer narratives, recipients beyond ASEAN, sectors, results, value dates. */
const FOREIGN = `<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2026-01-01T00:00:00Z">
  <iati-activity xml:lang="en" default-currency="USD">
    <iati-identifier>XM-DAC-41122-KH-2020-01</iati-identifier>
    <reporting-org ref="XM-DAC-41122" type="40"><narrative>UNICEF</narrative><narrative xml:lang="fr">UNICEF (fr)</narrative></reporting-org>
    <title>
      <narrative>Child protection in Cambodia</narrative>
      <narrative xml:lang="km">ការការពារកុមារនៅកម្ពុជា</narrative>
    </title>
    <description type="1">
      <narrative>Protecting children.</narrative>
      <narrative xml:lang="KM">ការពារកុមារ។</narrative>
    </description>
    <description type="2"><narrative xml:lang="km">គោលបំណង</narrative></description>
    <description type="4"><narrative xml:lang="km-KH">ផ្សេងៗ</narrative></description>
    <participating-org ref="XM-DAC-41122" role="4" type="40"><narrative>UNICEF</narrative></participating-org>
    <activity-status code="2"/>
    <activity-date type="2" iso-date="2020-01-15"/>
    <recipient-country code="KH" percentage="50"/>
    <recipient-country code="CN" percentage="30"><narrative>China</narrative></recipient-country>
    <recipient-region code="298" vocabulary="1" percentage="20"><narrative>Africa, regional</narrative></recipient-region>
    <location><name><narrative>Phnom Penh</narrative></name></location>
    <sector code="15160" percentage="50"><narrative>Human rights</narrative></sector>
    <sector vocabulary="1" code="15170" percentage="50"/>
    <sector vocabulary="2" code="151"/>
    <sector vocabulary="7" code="5" percentage="70"/>
    <sector vocabulary="7" code="16" percentage="20"/>
    <sector vocabulary="13" code="X"/>
    <sector vocabulary="1" code="1517"/>
    <policy-marker vocabulary="1" code="1" significance="1"/>
    <budget type="1" status="1">
      <period-start iso-date="2020-01-01"/>
      <period-end iso-date="2020-12-31"/>
      <value currency="USD" value-date="2019-12-01">100000</value>
    </budget>
    <transaction>
      <transaction-type code="3"/>
      <transaction-date iso-date="2020-03-01"/>
      <value currency="USD" value-date="2020-02-15">25000</value>
    </transaction>
    <result type="1">
      <title><narrative>Children reached</narrative><narrative xml:lang="fr">Enfants atteints</narrative></title>
      <description><narrative>Through outreach.</narrative></description>
      <indicator measure="1" ascending="0">
        <title><narrative>Cases of violence</narrative></title>
        <baseline year="2015" value="120"/>
        <period>
          <period-start iso-date="2020-01-01"/>
          <period-end iso-date="2020-12-31"/>
          <target value="100"/>
          <actual value="95.5"/>
        </period>
        <period>
          <period-start iso-date="2021-01-01"/>
          <period-end iso-date="2021-12-31"/>
          <target value="80"><comment><narrative>Lower is better</narrative></comment></target>
        </period>
      </indicator>
      <indicator measure="5">
        <title><narrative>Quality of services</narrative></title>
        <baseline year="2019"><comment><narrative>Poor</narrative></comment></baseline>
        <period>
          <period-start iso-date="2020-01-01"/>
          <period-end iso-date="2020-12-31"/>
          <actual><comment><narrative>Improving</narrative></comment></actual>
        </period>
      </indicator>
      <indicator measure="2">
        <title><narrative>Share of districts</narrative></title>
        <period>
          <period-start iso-date="2020-01-01"/>
          <period-end iso-date="2020-12-31"/>
          <target value="60%"/>
        </period>
      </indicator>
    </result>
    <result type="3">
      <title><narrative xml:lang="km">ផលប៉ះពាល់</narrative></title>
      <indicator measure="5"><title><narrative>Lives changed</narrative></title></indicator>
    </result>
  </iati-activity>
</iati-activities>
`;

describe('mapIatiActivity: another publisher’s file', () => {
  it('keeps texts in other languages apart, by field, with English and French in their fields', async () => {
    const m = await mapOne(FOREIGN);
    assert.deepEqual(m.title, { en: 'Child protection in Cambodia', fr: null });
    assert.deepEqual(m.summary, { en: 'Protecting children.', fr: null });
    assert.deepEqual(m.description, { en: null, fr: null });
    assert.deepEqual(m.otherLanguageTexts, [
      { field: 'title', lang: 'km', text: 'ការការពារកុមារនៅកម្ពុជា' },
      { field: 'summary', lang: 'km', text: 'ការពារកុមារ។' },
      // Types 2 (objectives) and 4 (other) are both the description: one text per language.
      { field: 'description', lang: 'km', text: 'គោលបំណង\n\nផ្សេងៗ' },
    ]);
  });

  it('names the reporting organisation for the import to match or create', async () => {
    const m = await mapOne(FOREIGN);
    assert.deepEqual(m.reportingOrganisation, {
      id: null,
      ref: 'XM-DAC-41122',
      name: { en: 'UNICEF', fr: 'UNICEF (fr)' },
      type: 'multilateral',
    });
  });

  it('keeps recipients beyond ASEAN and other regions, but not their shares', async () => {
    const m = await mapOne(FOREIGN);
    assert.deepEqual(m.countries, ['KH']);
    assert.equal(m.regional, false);
    assert.deepEqual(m.otherRecipients, [
      { kind: 'country', code: 'CN', vocabulary: null, name: 'China' },
      { kind: 'region', code: '298', vocabulary: '1', name: 'Africa, regional' },
    ]);
    assert.ok(
      m.warnings.includes(
        'The shares of the recipient countries and regions are not kept: KH 50 %, CN 30 %, 298 20 %.',
      ),
    );
  });

  it('keeps sectors with vocabulary 1 by default, their shares when they add up, and notes the rest', async () => {
    const m = await mapOne(FOREIGN);
    assert.deepEqual(m.sectors, [
      { vocabulary: '1', code: '15160', percentage: 50, name: 'Human rights' },
      { vocabulary: '1', code: '15170', percentage: 50, name: null },
      { vocabulary: '2', code: '151', percentage: null, name: null },
      { vocabulary: '7', code: '5', percentage: null, name: null },
      { vocabulary: '7', code: '16', percentage: null, name: null },
    ]);
    const notes = m.warnings.filter((w) => w.includes('sector'));
    assert.equal(notes.length, 3, notes.join('\n'));
    assert.ok(notes.some((w) => /vocabulary 13 .*not kept/.test(w)));
    assert.ok(notes.some((w) => /1517 of vocabulary 1 .*not kept: A DAC 5-digit/.test(w)));
    assert.ok(notes.includes('The sector percentages of vocabulary 7 are not kept: they add up to 90, not 100.'));
  });

  it('keeps results with their indicators, baselines and periods', async () => {
    const m = await mapOne(FOREIGN);
    assert.equal(m.results.length, 2);
    const [reached, impact] = m.results;
    assert.equal(reached?.type, 'output');
    assert.deepEqual(reached?.title, { en: 'Children reached', fr: 'Enfants atteints' });
    assert.deepEqual(reached?.description, { en: 'Through outreach.', fr: null });
    assert.deepEqual(reached?.indicators[0], {
      title: { en: 'Cases of violence', fr: null },
      description: { en: null, fr: null },
      measure: 'unit',
      ascending: false,
      baselineYear: 2015,
      baselineValue: '120',
      periods: [
        { start: '2020-01-01', end: '2020-12-31', target: '100', actual: '95.5' },
        { start: '2021-01-01', end: '2021-12-31', target: '80', actual: null },
      ],
    });
    assert.deepEqual(reached?.indicators[1], {
      title: { en: 'Quality of services', fr: null },
      description: { en: null, fr: null },
      measure: 'qualitative',
      ascending: true,
      baselineYear: 2019,
      baselineValue: 'Poor',
      periods: [{ start: '2020-01-01', end: '2020-12-31', target: null, actual: 'Improving' }],
    });
    // A percentage that is not a number is left out, with a note.
    assert.deepEqual(reached?.indicators[2]?.periods, [
      { start: '2020-01-01', end: '2020-12-31', target: null, actual: null },
    ]);
    assert.ok(m.warnings.some((w) => w.includes('"60%", not a number')));
    // A result titled only in Khmer keeps it in the English field, with a note.
    assert.equal(impact?.type, 'impact');
    assert.deepEqual(impact?.title, { en: 'ផលប៉ះពាល់', fr: null });
    assert.ok(m.warnings.some((w) => w.includes('The result title is only in "km"')));
  });

  it('keeps value dates, and notes locations and policy markers', async () => {
    const m = await mapOne(FOREIGN);
    assert.deepEqual(
      m.funding.map((f) => [f.type, f.amount, f.currency, f.date, f.valueDate]),
      [
        ['budget', '100000', 'USD', '2020-01-01', '2019-12-01'],
        ['disbursement', '25000', 'USD', '2020-03-01', '2020-02-15'],
      ],
    );
    assert.ok(m.warnings.includes('1 location(s) are not kept: ActionLine keeps countries and regions.'));
    assert.ok(m.warnings.includes('1 policy marker(s) are not kept.'));
    assert.ok(!m.warnings.some((w) => /result/.test(w) && /not kept: ActionLine does not record/.test(w)));
  });

  it('gives what the activity schema accepts', async () => {
    const m = await mapOne(FOREIGN);
    const parsed = activityInputSchema.safeParse({
      title: m.title,
      summary: m.summary,
      description: m.description,
      type: 'project',
      status: m.status,
      actualStart: m.actualStart,
      countries: m.countries,
      otherRecipients: m.otherRecipients,
      sectors: m.sectors,
      results: m.results,
      otherLanguageTexts: m.otherLanguageTexts,
    });
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
  });

  it('uses a title only in another language as the English title too', async () => {
    const m = await mapOne(
      FOREIGN.replace('<narrative>Child protection in Cambodia</narrative>', '').replace(
        '<narrative xml:lang="km">ការការពារកុមារនៅកម្ពុជា</narrative>',
        '<narrative xml:lang="th">การคุ้มครองเด็ก</narrative>',
      ),
    );
    assert.deepEqual(m.title, { en: 'การคุ้มครองเด็ก', fr: null });
    assert.deepEqual(m.otherLanguageTexts[0], { field: 'title', lang: 'th', text: 'การคุ้มครองเด็ก' });
    assert.ok(m.warnings.some((w) => w.startsWith('The title is only in "th"')));
    assert.deepEqual(m.problems, []);
  });

  it('drops shares of sectors that do not add up, rather than the activity', async () => {
    const m = await mapOne(
      FOREIGN.replace('<sector vocabulary="1" code="15170" percentage="50"/>', '<sector vocabulary="1" code="15170"/>'),
    );
    assert.deepEqual(
      m.sectors.filter((s) => s.vocabulary === '1').map((s) => s.percentage),
      [null, null],
    );
    assert.ok(
      m.warnings.includes('The sector percentages of vocabulary 1 are not kept: they are not given for every sector.'),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// ActionLine's own files: the mapper reverses the writer exactly.

const ORG = { id: 'org-1', name: { en: 'ASEAN Secretariat', fr: 'Secrétariat de l’ASEAN' }, acronym: 'ASEC' };

const OWN: ActivityDetail = {
  id: 'act-1',
  iatiIdentifier: 'XM-EXAMPLE-act-1',
  title: { en: 'Regional dialogue', fr: 'Dialogue régional' },
  summary: { en: null, fr: null },
  description: { en: 'About it.', fr: null },
  type: 'dialogue',
  status: 'ongoing',
  workflowState: 'published',
  plannedStart: '2014',
  plannedEnd: null,
  actualStart: null,
  actualEnd: null,
  countries: ['KH', 'LA'],
  regional: true,
  participants: [],
  funding: [
    {
      id: 'f1',
      amount: '1000',
      currency: 'CAD',
      type: 'commitment',
      date: '2014-05-02',
      valueDate: '2014-04',
      provider: null,
      recipient: null,
      note: null,
    },
    {
      id: 'f2',
      amount: '500',
      currency: 'CAD',
      type: 'budget',
      date: '2015',
      valueDate: null,
      provider: null,
      recipient: null,
      note: null,
    },
  ],
  fundingTotals: [],
  links: [],
  sources: [],
  reportingOrganisation: ORG,
  sectors: [
    { vocabulary: '99', code: 'A', percentage: null, name: 'Own & "named"', label: null },
    { vocabulary: '1', code: '15170', percentage: 33.33, name: null, label: null },
    { vocabulary: '1', code: '15160', percentage: 66.67, name: null, label: null },
  ],
  otherRecipients: [
    { kind: 'region', code: '35', vocabulary: '2', name: null, label: null },
    { kind: 'country', code: 'CA', vocabulary: null, name: 'Canada', label: null },
  ],
  results: [
    {
      type: 'other',
      title: { en: null, fr: 'Résultat' },
      description: { en: null, fr: null },
      indicators: [
        {
          title: { en: 'Level', fr: null },
          description: { en: null, fr: null },
          measure: 'ordinal',
          ascending: true,
          baselineYear: null,
          baselineValue: '2',
          periods: [{ start: '2014-06', end: '2015', target: 'high', actual: '3' }],
        },
      ],
    },
    { type: 'impact', title: { en: 'Peace', fr: null }, description: { en: null, fr: null }, indicators: [] },
  ],
  otherLanguageTexts: [
    { field: 'description', lang: 'lo', text: 'ລາວ' },
    { field: 'title', lang: 'km', text: 'ខ្មែរ' },
    { field: 'description', lang: 'km', text: 'ពិពណ៌នា' },
  ],
  createdAt: '2024-02-01T10:00:00.000Z',
  updatedAt: '2024-03-01T09:30:00.000Z',
  version: 1,
};

function options(lang: 'en' | 'fr'): IatiExportOptions {
  return {
    lang,
    generatedAt: new Date('2025-01-15T12:00:00Z'),
    reportingOrg: { ref: 'XM-EXAMPLE', type: '40', name: { en: 'Publisher', fr: null } },
    identifierPrefix: 'XM-EXAMPLE',
    planUri: (slug) => `https://actionline.example/plans/${slug}`,
    organisation: (id) =>
      id === ORG.id ? { iatiIdentifier: null, type: 'asean_body', name: ORG.name, acronym: ORG.acronym } : undefined,
  };
}

async function exported(activity: ActivityDetail, lang: 'en' | 'fr'): Promise<string> {
  let xml = '';
  for await (const chunk of iatiActivitiesXml([activity], options(lang))) xml += chunk;
  return xml;
}

describe('mapIatiActivity: ActionLine’s own file', () => {
  for (const lang of ['en', 'fr'] as const) {
    it(`restores the IATI details exactly (${lang})`, async () => {
      const m = await mapOne(await exported(OWN, lang));
      assert.deepEqual(m.reportingOrganisation, { id: 'org-1', ref: null, name: ORG.name, type: 'multilateral' });
      assert.deepEqual(
        m.sectors,
        OWN.sectors.map(({ label: _label, ...s }) => s),
      );
      assert.deepEqual(
        m.otherRecipients,
        OWN.otherRecipients.map(({ label: _label, ...r }) => r),
      );
      assert.deepEqual(m.countries, ['KH', 'LA']);
      assert.equal(m.regional, true);
      assert.deepEqual(m.results, OWN.results);
      assert.deepEqual(m.otherLanguageTexts, OWN.otherLanguageTexts);
      assert.deepEqual(
        m.funding.map((f) => [f.date, f.valueDate]),
        [
          ['2014-05-02', '2014-04'],
          ['2015', null],
        ],
      );
      assert.deepEqual(m.warnings, []);
    });
  }

  it('restores no reporting organisation when the file names its publisher', async () => {
    const m = await mapOne(await exported({ ...OWN, reportingOrganisation: null }, 'en'));
    assert.equal(m.reportingOrganisation, null);
  });
});
