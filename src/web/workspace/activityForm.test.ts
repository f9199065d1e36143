import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createIntl } from 'react-intl';
import type { ActivityDetail } from '../../shared/api-types';
import { activityInputSchema } from '../../shared/schemas/activity.schema';
import { LANGUAGES, loadMessages, type UiLanguage } from '../i18n';
import {
  conflictChoices,
  emptyActivityForm,
  emptyFunding,
  emptyLink,
  formFromDetail,
  formToInput,
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

describe('activity editor state', () => {
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
});
