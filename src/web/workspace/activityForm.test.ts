import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createIntl } from 'react-intl';
import type { ActivityDetail } from '../../shared/api-types';
import { activityInputSchema } from '../../shared/schemas/activity.schema';
import { linkSuggestionInputSchema } from '../../shared/schemas/link-suggestion.schema';
import { LANGUAGES, loadMessages, type UiLanguage } from '../i18n';
import {
  conflictChoices,
  controlPaths,
  differingFields,
  emptyActivityForm,
  emptyFunding,
  emptyLink,
  formFromDetail,
  formToInput,
  suggestionInputOf,
  takeFields,
} from './activityForm';
import { controlPathFor, issuesFromZod } from './issues';

const en = createIntl({ locale: 'en-GB', messages: await loadMessages(LANGUAGES.en as UiLanguage) });
const fr = createIntl({ locale: 'fr-CA', messages: await loadMessages(LANGUAGES.fr as UiLanguage) });

const org = { id: 'org-1', name: { en: 'Global Affairs Canada', fr: 'Affaires mondiales Canada' }, acronym: 'GAC' };
const detail: ActivityDetail = {
  id: 'a-1',
  iatiIdentifier: null,
  title: { en: 'Regional dialogue', fr: null },
  summary: { en: 'A dialogue.', fr: 'Un dialogue.' },
  description: { en: null, fr: null },
  type: 'dialogue',
  status: 'completed',
  workflowState: 'draft',
  plannedStart: '2013-05',
  plannedEnd: null,
  actualStart: null,
  actualEnd: null,
  countries: ['PH', 'ID'],
  regional: true,
  participants: [{ organisation: { ...org, type: 'government', country: 'CA' }, role: 'funder', note: null }],
  funding: [
    {
      id: 'f-1',
      amount: '3000000.00',
      currency: 'CAD',
      type: 'commitment',
      date: '2013',
      valueDate: null,
      provider: org,
      recipient: null,
      note: null,
    },
  ],
  fundingTotals: [],
  links: [
    {
      node: {
        id: 'n-1',
        code: '1.1',
        kind: 'area',
        title: { en: 'Human rights', fr: null },
        plan: { id: 'p', slug: 'p', shortTitle: { en: 'P', fr: null } },
      },
      ancestors: [],
      rationale: 'Why',
      confidence: 'inferred',
    },
  ],
  sources: [
    {
      id: 's-1',
      url: 'https://example.org/a',
      title: 'A source',
      publisher: null,
      publishedOn: null,
      confidence: 'verified',
      note: null,
    },
  ],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 3,
  reportingOrganisation: null,
  sectors: [],
  otherRecipients: [],
  results: [],
  otherLanguageTexts: [],
};

/** An imported activity with every IATI detail the model keeps. */
const imported: ActivityDetail = {
  ...detail,
  funding: detail.funding.map((f) => ({ ...f, valueDate: '2013-04-01' })),
  reportingOrganisation: org,
  sectors: [
    {
      vocabulary: '1',
      code: '15170',
      percentage: 60,
      name: null,
      label: { en: "Women's rights", fr: 'Droits des femmes' },
    },
    { vocabulary: '1', code: '15160', percentage: 40, name: null, label: null },
    { vocabulary: '99', code: 'GOV-1', percentage: null, name: 'Governance', label: null },
  ],
  otherRecipients: [
    { kind: 'country', code: 'CN', vocabulary: null, name: null, label: { en: 'China', fr: 'Chine' } },
    { kind: 'region', code: '798', vocabulary: '1', name: 'Asia, regional', label: null },
  ],
  results: [
    {
      type: 'outcome',
      title: { en: 'More women in mediation', fr: null },
      description: { en: null, fr: 'Une description.' },
      indicators: [
        {
          title: { en: 'Women mediators trained', fr: 'Médiatrices formées' },
          description: { en: null, fr: null },
          measure: 'unit',
          ascending: false,
          baselineYear: 2015,
          baselineValue: '12',
          periods: [
            { start: '2016-01-01', end: '2016-12-31', target: '40', actual: '45.5' },
            { start: '2017', end: '2017', target: null, actual: null },
          ],
        },
        {
          title: { en: 'Quality of dialogue', fr: null },
          description: { en: 'As judged by participants.', fr: null },
          measure: 'qualitative',
          ascending: true,
          baselineYear: null,
          baselineValue: null,
          periods: [],
        },
      ],
    },
  ],
  otherLanguageTexts: [
    { field: 'title', lang: 'km', text: 'កិច្ចសន្ទនាថ្នាក់តំបន់' },
    { field: 'summary', lang: 'th', text: 'การเจรจา' },
  ],
};

describe('activity editor state', () => {
  it('keeps every IATI detail of a stored activity through the editor', () => {
    const form = formFromDetail(imported);
    const parsed = activityInputSchema.safeParse(formToInput(form));
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
    const input = parsed.data;
    assert.equal(input.reportingOrganisationId, 'org-1');
    assert.deepEqual(
      input.sectors,
      imported.sectors.map(({ vocabulary, code, percentage, name }) => ({ vocabulary, code, percentage, name })),
    );
    assert.deepEqual(
      input.otherRecipients,
      imported.otherRecipients.map(({ kind, code, vocabulary, name }) => ({ kind, code, vocabulary, name })),
    );
    assert.deepEqual(input.results, imported.results);
    assert.deepEqual(input.otherLanguageTexts, imported.otherLanguageTexts);
    assert.equal(input.funding[0]?.valueDate, '2013-04-01');
    assert.deepEqual(differingFields(form, formFromDetail(imported)), [], 'row keys do not count as changes');
  });

  it('merges and names the IATI details like the other fields', () => {
    const base = formFromDetail(detail);
    const theirs = formFromDetail(imported);
    const changed = differingFields(base, theirs);
    for (const field of [
      'reportingOrganisationId',
      'sectors',
      'otherRecipients',
      'results',
      'otherLanguageTexts',
      'funding',
    ])
      assert.ok(changed.includes(field as (typeof changed)[number]), field);
    const merged = takeFields(base, theirs, changed);
    assert.deepEqual(differingFields(merged, theirs), []);
    const paths = controlPaths(theirs);
    for (const path of [
      'reportingOrganisationId',
      'funding.0.valueDate',
      'sectors.2.percentage',
      'otherRecipients.1.vocabulary',
      'results.0.title.en',
      'results.0.indicators.1.measure',
      'results.0.indicators.0.periods.1.actual',
      'otherLanguageTexts.1.lang',
    ])
      assert.ok(paths.has(path), path);
  });

  it('gives every schema problem of the IATI details a control', () => {
    const form = formFromDetail(imported);
    const [first, second] = form.sectors;
    if (first && second) form.sectors = [{ ...first, percentage: '70' }, second];
    form.results[0]?.indicators[0]?.periods.push({ key: 'p', start: '2018', end: '2017', target: 'many', actual: '' });
    form.otherLanguageTexts.push({ key: 't', field: 'title', lang: 'fr', text: '' });
    form.otherRecipients.push({ key: 'r', kind: 'country', code: 'PH', vocabulary: '', name: '' });
    const parsed = activityInputSchema.safeParse(formToInput(form));
    assert.ok(!parsed.success);
    const known = controlPaths(form);
    const issues = issuesFromZod(en, parsed.error);
    const paths = issues.map((i) => i.path);
    for (const path of [
      'sectors.1.percentage',
      'results.0.indicators.0.periods.2.end',
      'results.0.indicators.0.periods.2.target',
      'otherLanguageTexts.2.lang',
      'otherLanguageTexts.2.text',
      'otherRecipients.2.code',
    ])
      assert.ok(paths.includes(path), `${path} in ${paths.join(', ')}`);
    for (const issue of issues) assert.equal(controlPathFor(issue.path, known), issue.path);
  });

  it('turns a stored activity into a valid API body', () => {
    const input = formToInput(formFromDetail(detail));
    const parsed = activityInputSchema.safeParse(input);
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
    assert.deepEqual(parsed.data.countries, ['ID', 'PH']);
    assert.equal(parsed.data.funding[0]?.amount, '3000000');
    assert.equal(parsed.data.funding[0]?.providerId, 'org-1');
    assert.equal(parsed.data.funding[0]?.recipientId, null);
    assert.equal(parsed.data.links[0]?.nodeId, 'n-1');
    assert.equal(parsed.data.title.fr, null);
  });

  it('names every problem of an empty form by its field, in the interface language', () => {
    const form = emptyActivityForm();
    form.funding = [{ ...emptyFunding(), amount: '1,000' }];
    form.links = [emptyLink()];
    const parsed = activityInputSchema.safeParse(formToInput(form));
    assert.ok(!parsed.success);
    const issues = issuesFromZod(en, parsed.error);
    const byPath = new Map(issues.map((i) => [i.path, i.message]));
    assert.match(byPath.get('title.en') ?? '', /Give a title in English, French or both/);
    assert.match(byPath.get('type') ?? '', /Choose one of the options/);
    assert.match(byPath.get('funding.0.amount') ?? '', /without spaces or thousands separators/);
    assert.match(byPath.get('links.0.nodeId') ?? '', /Choose one of the options/);
    const french = issuesFromZod(fr, parsed.error);
    assert.match(french.find((i) => i.path === 'funding.0.amount')?.message ?? '', /sans espaces ni séparateurs/);
    assert.ok(
      french.every((i) => i.lang === undefined),
      'every schema message has a French wording',
    );
  });

  it('reports a date order problem with the start date', () => {
    const form = formFromDetail(detail);
    form.plannedEnd = '2012';
    const parsed = activityInputSchema.safeParse(formToInput(form));
    assert.ok(!parsed.success);
    const issue = issuesFromZod(en, parsed.error).find((i) => i.path === 'plannedEnd');
    assert.equal(issue?.message, 'The end must not be before the start (2013-05).');
  });

  it('suggests keeping my edits and taking the rest from the stored copy', () => {
    const base = formFromDetail(detail);
    const mine = { ...base, summary: { ...base.summary, en: 'Mine.' } };
    const theirs = formFromDetail({ ...detail, title: { en: 'Regional dialogue', fr: 'Dialogue régional' } });
    const choices = conflictChoices(base, mine, theirs);
    assert.deepEqual(choices, [
      { field: 'title.fr', suggested: 'theirs' },
      { field: 'summary.en', suggested: 'mine' },
    ]);
    const merged = takeFields(mine, theirs, ['title.fr']);
    assert.equal(merged.title.fr, 'Dialogue régional');
    assert.equal(merged.summary.en, 'Mine.');
    assert.equal(base.title.fr, '', 'the forms it merged are left alone');
  });

  it('links a server issue without a row index to the first row', () => {
    const known = new Set(['title.en', 'funding.0.amount', 'countries']);
    assert.equal(controlPathFor('funding.amount', known), 'funding.0.amount');
    assert.equal(controlPathFor('title', known), 'title.en');
    assert.equal(controlPathFor('countries.3', known), 'countries');
    assert.equal(controlPathFor('nothing', known), null);
  });

  it('asks the link suggestions from the form as it stands, leaving out linked, turned-down and unfinished parts', () => {
    const form = formFromDetail(detail);
    form.title = { en: '  Regional dialogue ', fr: '' };
    form.plannedStart = '2012-0';
    form.actualStart = '2013-05';
    form.participants = [...form.participants, { ...form.participants[0]!, key: 'dup' }];
    form.links = [{ ...emptyLink(), nodeId: 'n-linked' }, emptyLink()];
    const input = suggestionInputOf(form, ['n-rejected']);
    assert.deepEqual(input.title, { en: 'Regional dialogue', fr: null });
    assert.equal(input.plannedStart, null, 'a date still being typed is left out');
    assert.equal(input.actualStart, '2013-05');
    assert.deepEqual(input.partners, [...new Set(detail.participants.map((p) => p.organisation.id))]);
    assert.deepEqual(input.exclude, ['n-linked', 'n-rejected']);
    assert.ok(linkSuggestionInputSchema.safeParse(input).success, 'the shared schema takes it');
  });
});
