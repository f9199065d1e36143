import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createIntl } from 'react-intl';
import type { FrameworkNodeTree, PlanDetail, UserView } from '../../shared/api-types';
import { userUpdateSchema } from '../../shared/schemas/auth.schema';
import { planInputSchema } from '../../shared/schemas/plan.schema';
import { LANGUAGES, loadMessages, type UiLanguage } from '../i18n';
import { childrenOf, moveTargets, parentIdOf } from '../lib/framework';
import { pageFrom } from '../lib/pagination';
import { issuesFromZod } from './issues';
import { knownSignoffSides, planFormFrom, planFormToInput, sidesOf, yearInput } from './planForm';
import { accessChange, userFormFrom, userFormToInput } from './userForm';
import { pathMerge } from './versionedForm';

const en = createIntl({ locale: 'en-GB', messages: await loadMessages(LANGUAGES.en as UiLanguage) });
const fr = createIntl({ locale: 'fr-CA', messages: await loadMessages(LANGUAGES.fr as UiLanguage) });

const text = (en: string | null, fr: string | null = null) => ({ en, fr });

const plan: PlanDetail = {
  id: 'p-1',
  slug: 'asean-canada-2010-2015',
  partnership: { id: 'pa-1', slug: 'asean-canada', name: text('ASEAN–Canada') },
  title: text('Plan of Action 2010–2015', "Plan d'action 2010-2015"),
  shortTitle: text('Plan of Action 2010–2015'),
  periodStart: 2010,
  periodEnd: 2015,
  periodNote: null,
  adoptedOn: '2010-07',
  adoptedAt: text('Ha Noi', 'Hanoï'),
  status: 'completed',
  summary: text('Three pillars.'),
  activityCount: 0,
  description: text(null),
  signoffSides: ['asean', 'canada'],
  stats: { partnerCount: 0, countryCount: 0, regionalActivityCount: 0, funding: [] },
  fullTextUrl: 'http://www.international.gc.ca/asean/plan.aspx?lang=eng',
  documents: [],
  framework: [],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 3,
};

describe('plan details form', () => {
  it('round-trips a plan into the input PUT /plans takes, which the shared schema accepts', () => {
    const input = planFormToInput(planFormFrom(plan, ['asean', 'canada']));
    const parsed = planInputSchema.safeParse(input);
    assert.ok(parsed.success, JSON.stringify(!parsed.success && parsed.error.issues));
    assert.equal(parsed.data.periodStart, 2010);
    assert.deepEqual(parsed.data.title, { en: 'Plan of Action 2010–2015', fr: "Plan d'action 2010-2015" });
    assert.deepEqual(parsed.data.shortTitle, { en: 'Plan of Action 2010–2015', fr: null });
    assert.equal(parsed.data.periodNote, null);
    assert.deepEqual(parsed.data.signoffSides, ['asean', 'canada']);
  });

  it('reads typed years as numbers, and anything else as not a year', () => {
    assert.equal(yearInput(' 2012 '), 2012);
    assert.equal(yearInput(''), undefined);
    assert.equal(yearInput('20x2'), '20x2');
    assert.equal(yearInput('2012.5'), '2012.5');
  });

  it('names every problem in the interface language, on the field it belongs to', () => {
    const form = { ...planFormFrom(plan, []), periodStart: '2016', periodEnd: '20x5', title: { en: '', fr: '' } };
    const bad = planInputSchema.safeParse(planFormToInput({ ...form, periodEnd: '2011' }));
    assert.ok(!bad.success);
    const issues = issuesFromZod(fr, bad.error);
    assert.deepEqual(issues.map((i) => i.path).sort(), ['periodEnd', 'title.en']);
    assert.match(issues.find((i) => i.path === 'periodEnd')?.message ?? '', /période/);
    const year = planInputSchema.safeParse(planFormToInput({ ...form, title: { en: 'T', fr: '' } }));
    assert.ok(!year.success);
    assert.deepEqual(
      issuesFromZod(en, year.error).map((i) => [i.path, i.message]),
      [['periodEnd', 'Give a year such as 2021.']],
    );
  });

  it('takes the sign-off sides from the plan and reads only known sides', () => {
    assert.deepEqual(knownSignoffSides({ ...plan, signoffSides: ['asean', 'canada'] }), ['asean', 'canada']);
    assert.equal(sidesOf(['asean', 'mars']), null);
    assert.deepEqual(sidesOf([]), []);
  });
});

const user: UserView = {
  id: 'u-1',
  email: 'editor@example.org',
  displayName: 'Edith Editor',
  role: 'editor',
  side: 'partner',
  organisationId: null,
  partnershipId: null,
  status: 'active',
  disabled: false,
  lastSignInAt: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 2,
};

describe('account form', () => {
  it('sends every field PUT /users takes, with no organisation and every partnership as null', () => {
    const input = userFormToInput({ ...userFormFrom(user), role: 'reviewer' });
    assert.deepEqual(userUpdateSchema.parse(input), {
      displayName: 'Edith Editor',
      role: 'reviewer',
      side: 'partner',
      organisationId: null,
      partnershipId: null,
      disabled: false,
    });
    assert.deepEqual(accessChange(user, true), { ...userUpdateSchema.parse(input), role: 'editor', disabled: true });
  });

  it('explains a missing name and an unknown role in French', () => {
    const bad = userUpdateSchema.safeParse(userFormToInput({ ...userFormFrom(user), displayName: ' ', role: '' }));
    assert.ok(!bad.success);
    const issues = issuesFromZod(fr, bad.error);
    assert.deepEqual(
      issues.map((i) => [i.path, i.message]),
      [
        ['displayName', fr.formatMessage({ id: 'form.issue.required' })],
        ['role', fr.formatMessage({ id: 'form.issue.choose' })],
      ],
    );
  });

  it('merges field by field: keeps what I changed, takes what only they changed', () => {
    const merge = pathMerge<ReturnType<typeof userFormFrom>>(['displayName', 'role', 'side', 'disabled']);
    const base = userFormFrom(user);
    const mine = { ...base, role: 'reviewer' };
    const theirs = { ...base, displayName: 'Edith E. Editor', disabled: true };
    const choices = merge.choices(base, mine, theirs);
    assert.deepEqual(choices, [
      { field: 'displayName', choice: 'theirs' },
      { field: 'role', choice: 'mine' },
      { field: 'disabled', choice: 'theirs' },
    ]);
    assert.deepEqual(merge.apply(mine, theirs, choices), { ...mine, displayName: 'Edith E. Editor', disabled: true });
  });
});

const node = (
  id: string,
  position: number,
  children: FrameworkNodeTree[] = [],
  retired = false,
): FrameworkNodeTree => ({
  id,
  code: id,
  kind: 'area',
  position,
  title: text(`Node ${id}`),
  description: text(null),
  status: retired ? 'retired' : 'active',
  activityCount: 0,
  directActivityCount: 0,
  children,
});

describe('moving a framework node', () => {
  const tree = [
    node('1', 0, [node('1.1', 0, [node('1.1.1', 0)]), node('1.2', 1)]),
    node('2', 1, [node('2.2', 1), node('2.1', 0), node('2.3', 2, [], true)]),
    node('3', 2, [], true),
  ];

  it('offers every parent but itself, what is below it and retired parts', () => {
    assert.deepEqual(
      moveTargets(tree, '1.1').map((f) => f.node.id),
      ['1', '1.2', '2', '2.1', '2.2'],
    );
    assert.deepEqual(
      moveTargets(tree, '2').map((f) => f.node.id),
      ['1', '1.1', '1.1.1', '1.2'],
    );
  });

  it('finds a node’s parent and a parent’s children in their order', () => {
    assert.equal(parentIdOf(tree, '1.1.1'), '1.1');
    assert.equal(parentIdOf(tree, '2'), null);
    assert.equal(parentIdOf(tree, 'nowhere'), undefined);
    assert.deepEqual(
      childrenOf(tree, '2').map((n) => n.id),
      ['2.1', '2.2', '2.3'],
    );
    assert.deepEqual(
      childrenOf(tree, null).map((n) => n.id),
      ['1', '2', '3'],
    );
  });
});

describe('paged workspace lists', () => {
  it('reads the page from the address, the first one when it is not a page number', () => {
    assert.equal(pageFrom('3'), 3);
    assert.equal(pageFrom(null), 1);
    assert.equal(pageFrom('0'), 1);
    assert.equal(pageFrom('2.5'), 1);
    assert.equal(pageFrom('two'), 1);
  });
});
