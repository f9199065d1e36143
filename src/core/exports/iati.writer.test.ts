import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { validateIatiActivities } from '../../../test/support/iati-validate';
import type { ActivityDetail, ActivityLink, FundingLine, Participant } from '../../shared/api-types';
import type { LocalizedText } from '../../shared/localized';
import type { Language, OrganisationType, ParticipantRole } from '../../shared/vocab';
import {
  ACTIONLINE_NAMESPACE,
  iatiActivitiesXml,
  type IatiExportOptions,
  type IatiOrganisationInfo,
} from './iati.writer';

// ---------------------------------------------------------------------------------------------
// Test data: small factories.

const TRICKY = 'Women & children: "rights" <ACWC> \'forum\'';

const ORGANISATIONS: Record<string, IatiOrganisationInfo> = {
  gac: {
    iatiIdentifier: 'CA-3',
    type: 'government',
    name: { en: 'Global Affairs Canada', fr: 'Affaires mondiales Canada' },
    acronym: 'GAC',
  },
  unwomen: {
    iatiIdentifier: 'XM-DAC-41146',
    type: 'un_agency',
    name: { en: 'UN Women', fr: 'ONU Femmes' },
    acronym: null,
  },
  acwc: { iatiIdentifier: null, type: 'asean_body', name: { en: 'ACWC', fr: null }, acronym: 'ACWC' },
  hrrca: { iatiIdentifier: null, type: 'civil_society', name: { en: 'HRRCA & partners', fr: null }, acronym: null },
};

function participant(id: string, role: ParticipantRole, note: string | null = null): Participant {
  const org = ORGANISATIONS[id];
  assert.ok(org);
  const type: OrganisationType = org.type;
  return { organisation: { id, name: org.name, acronym: org.acronym, type, country: null }, role, note };
}

function orgRef(id: string): FundingLine['provider'] {
  const org = ORGANISATIONS[id];
  assert.ok(org);
  return { id, name: org.name, acronym: org.acronym };
}

function line(
  id: string,
  type: FundingLine['type'],
  amount: string,
  currency: string,
  date: string | null,
): FundingLine {
  return {
    id,
    type,
    amount,
    currency,
    date,
    valueDate: null,
    provider: orgRef('gac'),
    recipient: orgRef('unwomen'),
    note: null,
  };
}

function link(code: string, title: LocalizedText, rationale: string | null): ActivityLink {
  return {
    node: {
      id: `node-${code}`,
      code,
      kind: 'action_line',
      title,
      plan: { id: 'plan-1', slug: 'apa-2010-2015', shortTitle: { en: 'POA 1', fr: 'PA 1' } },
    },
    ancestors: [],
    rationale,
    confidence: 'inferred',
  };
}

function buildActivity(overrides: Partial<ActivityDetail> = {}): ActivityDetail {
  return {
    id: 'act-1',
    iatiIdentifier: null,
    title: { en: 'An activity', fr: 'Une activité' },
    summary: { en: null, fr: null },
    description: { en: null, fr: null },
    type: 'project',
    status: 'ongoing',
    workflowState: 'published',
    plannedStart: null,
    plannedEnd: null,
    actualStart: null,
    actualEnd: null,
    countries: [],
    regional: false,
    participants: [],
    funding: [],
    fundingTotals: [],
    links: [],
    sources: [],
    reportingOrganisation: null,
    sectors: [],
    otherRecipients: [],
    results: [],
    otherLanguageTexts: [],
    createdAt: '2024-02-01T10:00:00.000Z',
    updatedAt: '2024-03-01T09:30:00.000Z',
    version: 1,
    ...overrides,
  };
}

/** Everything at once: both languages and missing translations, every role, precision, type and kind of source. */
const full = buildActivity({
  id: 'act-full',
  title: { en: TRICKY, fr: 'Femmes & enfants : « droits » <CAFE>' },
  summary: { en: 'Technical assistance to the ACWC.', fr: null },
  description: { en: 'Line one\nline two & more', fr: 'Ligne un\nligne deux' },
  type: 'technical_assistance',
  status: 'completed',
  plannedStart: '2011',
  actualStart: '2011-03-15',
  plannedEnd: '2012-06',
  actualEnd: '2013',
  countries: ['ID', 'PH', 'VN'],
  regional: true,
  participants: [
    participant('gac', 'funder'),
    participant('unwomen', 'implementer', 'Through "the" grant & arrangement'),
    participant('acwc', 'beneficiary'),
    participant('hrrca', 'partner'),
  ],
  funding: [
    { ...line('f1', 'commitment', '3000000', 'CAD', '2011-05'), note: 'Signed <2011>', valueDate: '2011-05-20' },
    line('f2', 'commitment', '250000.5', 'USD', null),
    { ...line('f3', 'disbursement', '1000000', 'CAD', '2012-01-10'), valueDate: '2012-01' },
    { ...line('f4', 'disbursement', '5000', 'CAD', null), provider: null, recipient: null },
    { ...line('f5', 'budget', '1500000', 'CAD', '2011'), valueDate: '2010' },
    line('f6', 'budget', '700000', 'USD', null),
  ],
  reportingOrganisation: orgRef('unwomen'),
  sectors: [
    { vocabulary: '1', code: '15170', percentage: 60, name: null, label: null },
    { vocabulary: '1', code: '15160', percentage: 40, name: null, label: null },
    { vocabulary: '99', code: 'GEN-2', percentage: null, name: 'Gender & "rights" <local>', label: null },
  ],
  otherRecipients: [
    { kind: 'region', code: '298', vocabulary: '1', name: 'Africa, regional', label: null },
    { kind: 'country', code: 'CN', vocabulary: null, name: null, label: null },
  ],
  results: [
    {
      type: 'outcome',
      title: { en: 'Women’s rights better protected', fr: 'Droits des femmes mieux protégés' },
      description: { en: 'Across the region & beyond.', fr: null },
      indicators: [
        {
          title: { en: 'Cases handled', fr: 'Dossiers traités' },
          description: { en: null, fr: null },
          measure: 'unit',
          ascending: true,
          baselineYear: 2010,
          baselineValue: '12',
          periods: [
            { start: '2011', end: '2011', target: '20', actual: '18.5' },
            { start: '2012-01', end: '2012-06-30', target: '30', actual: null },
          ],
        },
        {
          title: { en: 'Quality of the reports', fr: null },
          description: { en: 'As judged by the commission.', fr: 'Selon la commission.' },
          measure: 'qualitative',
          ascending: false,
          baselineYear: null,
          baselineValue: 'Weak <at first>',
          periods: [{ start: '2012-01-01', end: '2012-12-31', target: 'Good', actual: 'Fair & improving' }],
        },
      ],
    },
    {
      type: 'output',
      title: { en: 'Workshops held', fr: null },
      description: { en: null, fr: null },
      indicators: [],
    },
  ],
  otherLanguageTexts: [
    { field: 'summary', lang: 'km', text: 'ជំនួយបច្ចេកទេស' },
    { field: 'title', lang: 'km', text: 'ស្ត្រី និងកុមារ' },
    { field: 'description', lang: 'th', text: 'คำอธิบาย' },
  ],
  links: [
    link('1.2.3', { en: 'Gender & rights', fr: 'Genre et droits' }, 'Named in the "grant" <text>'),
    link('1.2.4', { en: 'Children', fr: null }, null),
  ],
  sources: [
    {
      id: 's1',
      url: 'https://example.org/news?id=1&lang=en',
      title: 'News & "views"',
      publisher: 'GAC',
      publishedOn: '2011-06-02',
      confidence: 'verified',
      note: null,
    },
    {
      id: 's2',
      url: 'https://example.org/report.PDF#page=2',
      title: 'Report',
      publisher: null,
      publishedOn: '2012-07',
      confidence: 'inferred',
      note: 'p. 4',
    },
    {
      id: 's3',
      url: null,
      title: 'Interview <notes>',
      publisher: 'ASEAN & Co',
      publishedOn: '2013',
      confidence: 'uncertain',
      note: 'Line\nbreak',
    },
  ],
});

/** Nothing but a title, only in French, and an IATI identifier of its own. */
const bare = buildActivity({
  id: 'act-bare',
  iatiIdentifier: 'CA-3-A035529-001',
  title: { en: null, fr: 'Dialogue régional' },
  type: 'dialogue',
  status: 'planned',
});

/** Only an end date, one country, funding in one currency. */
const endOnly = buildActivity({
  id: 'act-end',
  plannedEnd: '2015-06',
  countries: ['TL'],
  status: 'suspended',
  funding: [line('g1', 'disbursement', '10', 'USD', '2014')],
});

const ACTIVITIES = [full, bare, endOnly];

function options(lang: Language): IatiExportOptions {
  return {
    lang,
    generatedAt: new Date('2025-01-15T12:00:00.123Z'),
    reportingOrg: {
      ref: 'XM-EXAMPLE-1',
      type: '40',
      name: { en: 'ASEAN–Canada partnership', fr: 'Partenariat ASEAN–Canada' },
    },
    identifierPrefix: 'XM-EXAMPLE-1',
    planUri: (slug) => `https://actionline.example/plans/${slug}/framework`,
    organisation: (id) => ORGANISATIONS[id],
  };
}

async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
}

async function exportXml(lang: Language, activities: Iterable<ActivityDetail> = ACTIVITIES): Promise<string> {
  return (await collect(iatiActivitiesXml(activities, options(lang)))).join('');
}

// ---------------------------------------------------------------------------------------------
// Reading the output back, simply.

function unescape(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, '&');
}

/** Every value of `attribute` on the elements named `element` (attribute values never hold a raw `>`). */
function attributeValues(xml: string, element: string, attribute: string): string[] {
  const re = new RegExp(`<${element}\\b[^>]*?\\s${attribute}="([^"]*)"`, 'g');
  return [...xml.matchAll(re)].map((m) => unescape(m[1] ?? ''));
}

/** The text of each element named `name`, in document order. */
function texts(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}\\b[^>]*>([^<]*)</${name}>`, 'g'))].map((m) => unescape(m[1] ?? ''));
}

/** The part of the document for one activity. */
function activityXml(xml: string, id: string): string {
  const found = xml.split('<iati-activity ').find((part) => part.includes(`actionline:id="${id}"`));
  assert.ok(found, `no activity ${id}`);
  return found;
}

// ---------------------------------------------------------------------------------------------
// Codelists vendored in data/iati/codelists.

const CODELIST_DIR = new URL('../../../data/iati/codelists/', import.meta.url);
const codelists = new Map<string, Map<string, string>>();

/** Code → status ('active' or 'withdrawn') of one official codelist. */
function codelist(name: string): Map<string, string> {
  let codes = codelists.get(name);
  if (!codes) {
    const xml = readFileSync(new URL(`${name}.xml`, CODELIST_DIR), 'utf8');
    codes = new Map(
      [...xml.matchAll(/<codelist-item([^>]*)>\s*<code>([^<]+)<\/code>/g)].map((m) => [
        m[2]?.trim() ?? '',
        /status="withdrawn"/.test(m[1] ?? '') ? 'withdrawn' : 'active',
      ]),
    );
    codelists.set(name, codes);
  }
  return codes;
}

function assertCodes(values: string[], list: string, what: string): void {
  assert.ok(values.length > 0, `the export uses no ${what}`);
  const codes = codelist(list);
  for (const v of new Set(values)) {
    assert.equal(codes.get(v), 'active', `${what} "${v}" is not an active code of ${list}`);
  }
}

// ---------------------------------------------------------------------------------------------

describe('iatiActivitiesXml', () => {
  for (const lang of ['en', 'fr'] as const) {
    it(`writes a document the IATI 2.03 schema accepts (${lang})`, async () => {
      const xml = await exportXml(lang);
      const result = await validateIatiActivities(xml);
      assert.ok(result.valid, `schema errors:\n${result.errors.join('\n')}\n\n${xml}`);
    });
  }

  it('the schema check rejects what the schema forbids', async () => {
    const xml = (await exportXml('en')).replace(/<activity-status [^>]*\/>/, '');
    const result = await validateIatiActivities(xml);
    assert.equal(result.valid, false);
    assert.ok(result.errors.length > 0);
  });

  it('uses only active codes of the official codelists', async () => {
    const xml = await exportXml('en');
    assertCodes(attributeValues(xml, 'participating-org', 'role'), 'OrganisationRole', 'organisation role');
    assertCodes(
      [
        ...attributeValues(xml, 'participating-org', 'type'),
        ...attributeValues(xml, 'reporting-org', 'type'),
        ...attributeValues(xml, 'provider-org', 'type'),
        ...attributeValues(xml, 'receiver-org', 'type'),
      ],
      'OrganisationType',
      'organisation type',
    );
    assertCodes(attributeValues(xml, 'activity-status', 'code'), 'ActivityStatus', 'activity status');
    assertCodes(attributeValues(xml, 'activity-date', 'type'), 'ActivityDateType', 'activity date type');
    assertCodes(attributeValues(xml, 'transaction-type', 'code'), 'TransactionType', 'transaction type');
    assertCodes(attributeValues(xml, 'budget', 'type'), 'BudgetType', 'budget type');
    assertCodes(attributeValues(xml, 'budget', 'status'), 'BudgetStatus', 'budget status');
    assertCodes(attributeValues(xml, 'description', 'type'), 'DescriptionType', 'description type');
    assertCodes(attributeValues(xml, 'category', 'code'), 'DocumentCategory', 'document category');
    assertCodes(attributeValues(xml, 'document-link', 'format'), 'FileFormat', 'file format');
    assertCodes(attributeValues(xml, 'recipient-region', 'code'), 'Region', 'region');
    assertCodes(attributeValues(xml, 'recipient-region', 'vocabulary'), 'RegionVocabulary', 'region vocabulary');
    assertCodes(attributeValues(xml, 'tag', 'vocabulary'), 'TagVocabulary', 'tag vocabulary');
    assertCodes(attributeValues(xml, 'recipient-country', 'code'), 'Country', 'country');
    assertCodes(
      [...attributeValues(xml, 'value', 'currency'), ...attributeValues(xml, 'iati-activity', 'default-currency')],
      'Currency',
      'currency',
    );
    assertCodes(
      [...xml.matchAll(/xml:lang="([^"]*)"/g)].map((m) => m[1] ?? ''),
      'Language',
      'language',
    );
  });

  it('puts the chosen language first and marks every narrative with its language', async () => {
    const xml = await exportXml('fr');
    assert.deepEqual(attributeValues(xml, 'iati-activity', 'xml:lang'), ['fr', 'fr', 'fr']);
    const narratives = [...xml.matchAll(/<narrative\b[^>]*>/g)].map((m) => m[0]);
    assert.ok(narratives.length > 10);
    for (const n of narratives) {
      assert.match(n, /^<narrative xml:lang="(en|fr)">$|^<narrative xml:lang="(km|th)" actionline:position="\d">$/);
    }
    const title = /<title>\s*<narrative xml:lang="(\w+)">([^<]*)<\/narrative>/.exec(activityXml(xml, 'act-full'));
    assert.equal(title?.[1], 'fr');
    assert.equal(unescape(title?.[2] ?? ''), 'Femmes & enfants : « droits » <CAFE>');
    // A missing translation is left out, not written empty.
    const summary = /<description type="1">([\s\S]*?)<\/description>/.exec(activityXml(xml, 'act-full'))?.[1] ?? '';
    assert.deepEqual(texts(summary, 'narrative'), ['Technical assistance to the ACWC.', 'ជំនួយបច្ចេកទេស']);
    assert.doesNotMatch(xml, /<narrative[^>]*><\/narrative>/);
    // In English, English first.
    const en = activityXml(await exportXml('en'), 'act-full');
    assert.match(en, /<title>\s*<narrative xml:lang="en">/);
  });

  it('escapes text and attributes, keeping line breaks', async () => {
    const xml = await exportXml('en');
    const a = activityXml(xml, 'act-full');
    const titleXml = /<title>([\s\S]*?)<\/title>/.exec(a)?.[1] ?? '';
    assert.deepEqual(texts(titleXml, 'narrative'), [TRICKY, 'Femmes & enfants : « droits » <CAFE>', 'ស្ត្រី និងកុមារ']);
    assert.ok(texts(a, 'narrative').includes('Line one\nline two & more'));
    assert.deepEqual(attributeValues(a, 'participating-org', 'actionline:note'), ['Through "the" grant & arrangement']);
    assert.deepEqual(attributeValues(a, 'document-link', 'url')[0], 'https://example.org/news?id=1&lang=en');
    assert.deepEqual(attributeValues(a, 'actionline:source', 'note'), ['Line\nbreak']);
    assert.deepEqual(attributeValues(a, 'actionline:source', 'title'), ['Interview <notes>']);
    // Carriage returns survive parsing; characters XML cannot carry are dropped.
    const odd = buildActivity({ summary: { en: 'a\r\nb\u0001c\uFFFE', fr: null } });
    const oddXml = await exportXml('en', [odd]);
    assert.ok(texts(oddXml, 'narrative').includes('a\r\nbc'));
    assert.ok((await validateIatiActivities(oddXml)).valid);
  });

  it('keeps the structure and the extension namespace', async () => {
    const xml = await exportXml('en');
    assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<iati-activities version="2.03" /);
    assert.match(xml, /generated-datetime="2025-01-15T12:00:00Z"/);
    assert.ok(xml.includes(`xmlns:actionline="${ACTIONLINE_NAMESPACE}"`));
    const a = activityXml(xml, 'act-full');
    assert.match(a, /^last-updated-datetime="2024-03-01T09:30:00Z" xml:lang="en" default-currency="CAD" hierarchy="1"/);
    assert.match(a, /actionline:type="technical_assistance"/);
    assert.deepEqual(texts(a, 'iati-identifier'), ['XM-EXAMPLE-1-act-full']);
    assert.match(a, /<iati-identifier actionline:derived="true">/);
    assert.deepEqual(texts(activityXml(xml, 'act-bare'), 'iati-identifier'), ['CA-3-A035529-001']);
    assert.match(activityXml(xml, 'act-end'), /default-currency="USD"/);
  });

  it('maps roles and keeps the exact ActionLine role', async () => {
    const a = activityXml(await exportXml('en'), 'act-full');
    assert.deepEqual(attributeValues(a, 'participating-org', 'role'), ['1', '4', '2', '4']);
    assert.deepEqual(attributeValues(a, 'participating-org', 'actionline:role'), [
      'funder',
      'implementer',
      'beneficiary',
      'partner',
    ]);
    assert.deepEqual(attributeValues(a, 'participating-org', 'ref'), ['CA-3', 'XM-DAC-41146']);
    assert.deepEqual(attributeValues(a, 'participating-org', 'type'), ['10', '40', '40', '21']);
  });

  it('expands partial dates and keeps their precision', async () => {
    const a = activityXml(await exportXml('en'), 'act-full');
    const dates = [...a.matchAll(/<activity-date ([^>]*)\/>/g)].map((m) => m[1]);
    assert.deepEqual(dates, [
      'type="1" iso-date="2011-01-01" actionline:precision="year"',
      'type="2" iso-date="2011-03-15"',
      'type="3" iso-date="2012-06-30" actionline:precision="month"',
      'type="4" iso-date="2013-12-31" actionline:precision="year"',
    ]);
    assert.match(a, /<activity-status code="4"\/>/);
  });

  it('marks the start date IATI requires when none is recorded', async () => {
    const xml = await exportXml('en');
    const bareXml = activityXml(xml, 'act-bare');
    assert.deepEqual(attributeValues(bareXml, 'activity-date', 'iso-date'), ['2024-02-01']);
    assert.deepEqual(attributeValues(bareXml, 'activity-date', 'actionline:placeholder'), ['true']);
    assert.match(bareXml, /<description type="1" actionline:placeholder="true">/);
    assert.match(bareXml, /<participating-org ref="XM-EXAMPLE-1" type="40" role="2" actionline:placeholder="true">/);
    const end = activityXml(xml, 'act-end');
    assert.deepEqual(attributeValues(end, 'activity-date', 'iso-date'), ['2015-06-01', '2015-06-30']);
    assert.deepEqual(attributeValues(end, 'activity-date', 'type'), ['1', '3']);
  });

  it('splits countries and the region equally to 100 %', async () => {
    const four = activityXml(
      await exportXml('en', [buildActivity({ countries: ['ID', 'PH', 'VN'], regional: true })]),
      'act-1',
    );
    const shares = [
      ...attributeValues(four, 'recipient-country', 'percentage'),
      ...attributeValues(four, 'recipient-region', 'percentage'),
    ];
    assert.deepEqual(shares, ['25', '25', '25', '25']);
    assert.match(
      four,
      /<recipient-region vocabulary="1" code="789" percentage="25" actionline:equal-share="true" actionline:regional="true">/,
    );
    assert.deepEqual(
      attributeValues(activityXml(await exportXml('en'), 'act-end'), 'recipient-country', 'percentage'),
      [],
    );
    const three = activityXml(await exportXml('en', [buildActivity({ countries: ['BN', 'KH', 'LA'] })]), 'act-1');
    const parts = attributeValues(three, 'recipient-country', 'percentage').map(Number);
    assert.deepEqual(parts, [33.34, 33.33, 33.33]);
    assert.equal(Math.round(parts.reduce((s, p) => s + p, 0) * 100), 10_000);
  });

  it('writes the other recipients after the ASEAN ones, sharing the 100 % with them', async () => {
    const a = activityXml(await exportXml('en'), 'act-full');
    assert.deepEqual(attributeValues(a, 'recipient-country', 'code'), ['ID', 'PH', 'VN', 'CN']);
    assert.deepEqual(attributeValues(a, 'recipient-region', 'code'), ['789', '298']);
    const shares = [
      ...attributeValues(a, 'recipient-country', 'percentage'),
      ...attributeValues(a, 'recipient-region', 'percentage'),
    ].map(Number);
    assert.deepEqual(shares, [16.67, 16.67, 16.67, 16.67, 16.66, 16.66]);
    assert.equal(Math.round(shares.reduce((sum, p) => sum + p, 0) * 100), 10_000);
    assert.match(
      a,
      /<recipient-country code="CN" percentage="16.67" actionline:equal-share="true" actionline:position="1"\/>/,
    );
    assert.match(
      a,
      /<recipient-region vocabulary="1" code="298" percentage="16.66" actionline:equal-share="true" actionline:position="0">\s*<narrative xml:lang="en">Africa, regional<\/narrative>/,
    );
    // One other recipient alone has no share.
    const alone = activityXml(
      await exportXml('en', [
        buildActivity({
          otherRecipients: [{ kind: 'country', code: 'CN', vocabulary: null, name: null, label: null }],
        }),
      ]),
      'act-1',
    );
    assert.deepEqual(attributeValues(alone, 'recipient-country', 'percentage'), []);
  });

  it('writes the reporting organisation of the activity, else the publisher', async () => {
    const xml = await exportXml('en');
    const full = activityXml(xml, 'act-full');
    assert.match(
      full,
      /<reporting-org ref="XM-DAC-41146" type="40" actionline:organisation-id="unwomen">\s*<narrative xml:lang="en">UN Women<\/narrative>\s*<narrative xml:lang="fr">ONU Femmes<\/narrative>/,
    );
    assert.match(activityXml(xml, 'act-bare'), /<reporting-org ref="XM-EXAMPLE-1" type="40">/);
    // Without an IATI identifier the schema still wants @ref: it is left empty.
    const acwc = activityXml(
      await exportXml('en', [buildActivity({ reportingOrganisation: orgRef('acwc') })]),
      'act-1',
    );
    assert.match(acwc, /<reporting-org ref="" type="40" actionline:organisation-id="acwc">/);
  });

  it('writes sectors with their vocabulary, share and name, and none when there is none', async () => {
    const xml = await exportXml('en');
    const a = activityXml(xml, 'act-full');
    assert.deepEqual(
      [...a.matchAll(/<sector [^>]*>/g)].map((m) => m[0]),
      [
        '<sector vocabulary="1" code="15170" percentage="60"/>',
        '<sector vocabulary="1" code="15160" percentage="40"/>',
        '<sector vocabulary="99" code="GEN-2">',
      ],
    );
    assert.match(
      a,
      /<sector vocabulary="99" code="GEN-2">\s*<narrative xml:lang="en">Gender &amp; "rights" &lt;local&gt;<\/narrative>/,
    );
    assert.doesNotMatch(activityXml(xml, 'act-bare'), /<sector/);
  });

  it('writes texts in other languages as narratives of the same element', async () => {
    const a = activityXml(await exportXml('en'), 'act-full');
    assert.match(
      a,
      /<title>[\s\S]*?<narrative xml:lang="km" actionline:position="1">ស្ត្រី និងកុមារ<\/narrative>\s*<\/title>/,
    );
    assert.match(
      a,
      /<description type="1">[\s\S]*?<narrative xml:lang="km" actionline:position="0">ជំនួយបច្ចេកទេស<\/narrative>\s*<\/description>/,
    );
    assert.match(
      a,
      /<description type="4">[\s\S]*?<narrative xml:lang="th" actionline:position="2">คำอธิบาย<\/narrative>\s*<\/description>/,
    );
    // A summary only in another language is still a general description, not a placeholder.
    const khmer = activityXml(
      await exportXml('en', [buildActivity({ otherLanguageTexts: [{ field: 'summary', lang: 'km', text: 'សង្ខេប' }] })]),
      'act-1',
    );
    assert.match(khmer, /<description type="1">\s*<narrative xml:lang="km" actionline:position="0">សង្ខេប<\/narrative>/);
  });

  it('writes results with indicators, baselines and periods', async () => {
    const a = activityXml(await exportXml('en'), 'act-full');
    const results = [...a.matchAll(/<result [\s\S]*?<\/result>/g)].map((m) => m[0]);
    assert.equal(results.length, 2);
    const [outcome = '', output = ''] = results;
    assert.match(
      outcome,
      /^<result type="2">\s*<title>\s*<narrative xml:lang="en">Women’s rights better protected<\/narrative>/,
    );
    assert.deepEqual(attributeValues(outcome, 'indicator', 'measure'), ['1', '5']);
    assert.deepEqual(attributeValues(outcome, 'indicator', 'ascending'), ['1', '0']);
    assert.deepEqual(
      [...outcome.matchAll(/<baseline [^>]*>/g)].map((m) => m[0]),
      ['<baseline year="2010" value="12"/>', '<baseline year="2012" actionline:year-placeholder="true">'],
    );
    assert.deepEqual(attributeValues(outcome, 'period-start', 'iso-date'), ['2011-01-01', '2012-01-01', '2012-01-01']);
    assert.deepEqual(attributeValues(outcome, 'period-start', 'actionline:precision'), ['year', 'month']);
    assert.deepEqual(attributeValues(outcome, 'period-end', 'iso-date'), ['2011-12-31', '2012-06-30', '2012-12-31']);
    assert.deepEqual(attributeValues(outcome, 'target', 'value'), ['20', '30']);
    assert.deepEqual(attributeValues(outcome, 'actual', 'value'), ['18.5']);
    // Words go in a comment: the qualitative indicator's baseline, target and actual value.
    assert.deepEqual(texts(outcome, 'narrative').slice(-3), ['Weak <at first>', 'Good', 'Fair & improving']);
    assert.match(outcome, /<target>\s*<comment>\s*<narrative xml:lang="en">Good<\/narrative>/);
    // A result without indicators gets the one the schema requires, marked placeholder.
    assert.match(output, /^<result type="1">/);
    assert.match(output, /<indicator measure="5" actionline:placeholder="true">/);
  });

  it('writes plan links as tags of the reporting organisation vocabulary', async () => {
    const a = activityXml(await exportXml('fr'), 'act-full');
    assert.deepEqual(attributeValues(a, 'tag', 'code'), ['1.2.3', '1.2.4']);
    assert.deepEqual(attributeValues(a, 'tag', 'vocabulary-uri'), [
      'https://actionline.example/plans/apa-2010-2015/framework',
      'https://actionline.example/plans/apa-2010-2015/framework',
    ]);
    assert.deepEqual(attributeValues(a, 'tag', 'actionline:rationale'), ['Named in the "grant" <text>']);
    assert.deepEqual(attributeValues(a, 'tag', 'actionline:confidence'), ['inferred', 'inferred']);
    const firstTag = /<tag [^>]*>([\s\S]*?)<\/tag>/.exec(a)?.[1] ?? '';
    assert.deepEqual(texts(firstTag, 'narrative'), ['Genre et droits', 'Gender & rights']);
  });

  it('writes commitments and disbursements as transactions and budgets as budgets', async () => {
    const a = activityXml(await exportXml('en'), 'act-full');
    assert.deepEqual(attributeValues(a, 'transaction', 'actionline:id'), ['f1', 'f2', 'f3', 'f4']);
    assert.deepEqual(attributeValues(a, 'transaction-type', 'code'), ['2', '2', '3', '3']);
    assert.deepEqual(attributeValues(a, 'transaction-date', 'iso-date'), [
      '2011-05-01',
      '2011-03-15',
      '2012-01-10',
      '2011-03-15',
    ]);
    assert.deepEqual(attributeValues(a, 'transaction-date', 'actionline:placeholder'), ['true', 'true']);
    assert.deepEqual(attributeValues(a, 'transaction-date', 'actionline:precision'), ['month']);
    assert.deepEqual(texts(a, 'value'), ['1500000', '700000', '3000000', '250000.5', '1000000', '5000']);
    assert.deepEqual(attributeValues(a, 'value', 'currency'), ['CAD', 'USD', 'CAD', 'USD', 'CAD', 'CAD']);
    assert.deepEqual(attributeValues(a, 'budget', 'actionline:id'), ['f5', 'f6']);
    const budgets = [...a.matchAll(/<budget [\s\S]*?<\/budget>/g)].map((m) => m[0]).join('\n');
    assert.deepEqual(attributeValues(budgets, 'period-start', 'iso-date'), ['2011-01-01', '2011-03-15']);
    // Undated: the activity's span from its start, cut to one year.
    assert.deepEqual(attributeValues(budgets, 'period-end', 'iso-date'), ['2011-12-31', '2012-03-14']);
    // The value date, else the line's own date marked placeholder (the schema requires one).
    assert.deepEqual(attributeValues(a, 'value', 'value-date'), [
      '2010-01-01',
      '2011-03-15',
      '2011-05-20',
      '2011-03-15',
      '2012-01-01',
      '2011-03-15',
    ]);
    assert.deepEqual(attributeValues(a, 'value', 'actionline:value-date-precision'), ['year', 'month']);
    assert.deepEqual(attributeValues(a, 'value', 'actionline:value-date-placeholder'), ['true', 'true', 'true']);
    assert.deepEqual(attributeValues(a, 'provider-org', 'ref'), ['CA-3', 'CA-3', 'CA-3']);
    assert.deepEqual(attributeValues(a, 'receiver-org', 'ref'), ['XM-DAC-41146', 'XM-DAC-41146', 'XM-DAC-41146']);
    assert.deepEqual(attributeValues(a, 'transaction', 'actionline:note'), ['Signed <2011>']);
  });

  it('links sources with an address and keeps the others in the extension', async () => {
    const a = activityXml(await exportXml('en'), 'act-full');
    assert.deepEqual(attributeValues(a, 'document-link', 'format'), ['text/html', 'application/pdf']);
    assert.deepEqual(attributeValues(a, 'document-date', 'iso-date'), ['2011-06-02']);
    assert.deepEqual(attributeValues(a, 'document-link', 'actionline:published-on'), ['2012-07']);
    assert.deepEqual(attributeValues(a, 'actionline:source', 'published-on'), ['2013']);
    assert.deepEqual(attributeValues(a, 'actionline:source', 'publisher'), ['ASEAN & Co']);
  });

  it('streams: one chunk per activity, reading the input only as chunks are asked for', async () => {
    let read = 0;
    function* source(): Generator<ActivityDetail> {
      read += 1;
      yield full;
      read += 1;
      throw new Error('second activity read too early');
    }
    const chunks = iatiActivitiesXml(source(), options('en'));
    const first = await chunks.next();
    assert.match(String(first.value), /^<\?xml/);
    assert.equal(read, 0);
    const second = await chunks.next();
    assert.match(String(second.value), /^ {2}<iati-activity /);
    assert.equal(read, 1);
    await assert.rejects(chunks.next(), /second activity read too early/);
    assert.equal(read, 2);

    async function* asyncSource(): AsyncGenerator<ActivityDetail> {
      yield full;
      yield bare;
    }
    const all = await collect(iatiActivitiesXml(asyncSource(), options('en')));
    assert.equal(all.length, 4);
    assert.equal(all[3], '</iati-activities>\n');
  });
});
