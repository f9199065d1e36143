import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  crossValidate,
  DEFAULT_WEIGHTS,
  LinkModel,
  terms,
  type ConfirmedExample,
  type SuggestDoc,
  type SuggestNode,
} from './link-model';

const text = (en: string | null, fr: string | null = null) => ({ en, fr });
const none = text(null);

function node(id: string, title: string, titleFr: string, plan = 'p1', depth = 1): SuggestNode {
  return {
    id,
    planId: plan,
    code: id,
    depth,
    title: text(title, titleFr),
    description: none,
    parentTitle: none,
    periodStart: plan === 'p1' ? 2010 : 2016,
    periodEnd: plan === 'p1' ? 2015 : 2020,
  };
}

const NODES = [
  node('rights', "Women's rights and gender equality", 'Droits des femmes et égalité des genres'),
  node('trade', 'Trade facilitation and customs', 'Facilitation du commerce et douanes'),
  node('disaster', 'Disaster management and emergency response', 'Gestion des catastrophes et intervention d’urgence'),
  node('connect', 'Connectivity', 'Connectivité'),
  node('pillar', 'Socio-cultural community', 'Communauté socioculturelle', 'p1', 0),
  node('later-disaster', 'Disaster resilience', 'Résilience aux catastrophes', 'p2'),
];

function doc(title: string, extra: Partial<SuggestDoc> = {}): SuggestDoc {
  return {
    title: text(title),
    summary: none,
    description: none,
    partners: [],
    startYear: null,
    endYear: null,
    ...extra,
  };
}

const confirmed = (
  id: string,
  title: string,
  nodeIds: string[],
  extra: Partial<SuggestDoc> = {},
): ConfirmedExample => ({
  doc: doc(title, { id, ...extra }),
  title: text(title),
  nodeIds,
});

describe('link suggestions', () => {
  it('folds accents, case and plurals, and drops stop words in both languages', () => {
    assert.deepEqual(terms('Les Catastrophes naturelles et la GESTION des risques'), [
      'catastrophe',
      'naturelle',
      'gestion',
      'risque',
    ]);
  });

  it('ranks nodes by their own words in either language, with the words as the reason, before anything is linked', () => {
    const model = LinkModel.train(NODES, []);
    const ranked = model.rank(doc('Atelier régional sur la gestion des catastrophes'));
    assert.equal(ranked[0]?.nodeId, 'disaster');
    assert.deepEqual(
      ranked[0]?.reasons.find((r) => r.kind === 'words'),
      { kind: 'words', words: ['gestion', 'catastrophe'] }, // the rarer word counts more
    );
    assert.ok(!ranked.some((r) => r.nodeId === 'connect'), 'nothing in common, not suggested');
  });

  it('learns from confirmed links: activities like those linked to a node get it suggested, naming the one alike', () => {
    const cold = LinkModel.train(NODES, []);
    const port = doc('Port and shipping corridor upgrade in the Mekong', { partners: ['adb'] });
    assert.equal(cold.rank(port).length, 0, 'no word of the node: nothing to go on');
    const model = LinkModel.train(NODES, [
      confirmed('a1', 'Shipping corridor study for Mekong ports', ['connect'], { partners: ['adb'] }),
      confirmed('a2', 'Mekong river port logistics', ['connect']),
      confirmed('a3', 'Gender equality in labour law', ['rights']),
    ]);
    const ranked = model.rank(port);
    assert.equal(ranked[0]?.nodeId, 'connect');
    const like = ranked[0]?.reasons.find((r) => r.kind === 'like');
    assert.equal(like?.kind === 'like' && like.activityId, 'a1');
    assert.ok(ranked[0]?.reasons.some((r) => r.kind === 'partner' && r.organisationId === 'adb' && r.linked === 1));
  });

  it('prefers the plan in force when the activity ran, and never suggests from the dates alone', () => {
    const model = LinkModel.train(NODES, [], DEFAULT_WEIGHTS);
    const early = model.rank(doc('Disaster preparedness drills', { startYear: 2012, endYear: 2013 }));
    const late = model.rank(doc('Disaster preparedness drills', { startYear: 2018, endYear: 2019 }));
    assert.equal(early[0]?.nodeId, 'disaster');
    assert.equal(late[0]?.nodeId, 'later-disaster');
    assert.ok(early.every((r) => r.reasons.some((x) => x.kind !== 'period')));
  });

  it('counts a link to a node for its counterpart of the same title in another plan, and says so', () => {
    const nodes = [
      node('water-1', 'Clean water for rural schools', 'Eau potable pour les écoles rurales', 'p1', 2),
      node('water-2', 'Clean water for rural schools', 'Eau potable pour les écoles rurales', 'p2', 2),
      node('roads-2', 'Rural roads', 'Routes rurales', 'p2', 2),
    ];
    const model = LinkModel.train(nodes, [
      confirmed('w1', 'Latrines and handwashing stations in village classrooms', ['water-1'], { partners: ['ngo'] }),
      confirmed('r1', 'Gravel tracks to market towns', ['roads-2']),
    ]);
    // Runs under the later plan: nothing there is linked like it, but its counterpart in the earlier plan is.
    const ranked = model.rank(
      doc('Handwashing stations for classrooms', { startYear: 2017, endYear: 2018, partners: ['ngo'] }),
    );
    assert.equal(ranked[0]?.nodeId, 'water-2');
    const reasons = ranked[0]?.reasons ?? [];
    assert.ok(reasons.some((r) => r.kind === 'like' && r.activityId === 'w1' && r.otherPlan));
    assert.ok(reasons.some((r) => r.kind === 'partner' && r.organisationId === 'ngo' && r.otherPlan));
    const own = ranked.find((r) => r.nodeId === 'water-1')!;
    assert.ok(
      own.reasons.some((r) => r.kind === 'like' && !r.otherPlan),
      'linked to the node itself',
    );
    assert.ok(!ranked.some((r) => r.nodeId === 'roads-2'), 'a node of another title gets no vote');
  });

  it('prefers the plan in force when the activity starts over one it only runs into', () => {
    const nodes = [
      node('health-1', 'Community health workers', 'Agents de santé communautaires', 'p1', 2),
      node('health-2', 'Community health workers', 'Agents de santé communautaires', 'p2', 2),
    ];
    const model = LinkModel.train(nodes, [], DEFAULT_WEIGHTS);
    const across = model.rank(doc('Training community health workers', { startYear: 2014, endYear: 2017 }));
    assert.deepEqual(
      across.map((r) => r.nodeId),
      ['health-1', 'health-2'],
    );
    assert.ok(across[0]!.score > across[1]!.score);
  });

  it('leaves out the nodes already linked, and keeps to the plans asked for', () => {
    const model = LinkModel.train(NODES, []);
    const d = doc('Disaster response');
    assert.ok(!model.rank(d, { exclude: ['disaster'] }).some((r) => r.nodeId === 'disaster'));
    assert.deepEqual(
      model.rank(d, { plans: ['p2'] }).map((r) => r.nodeId),
      ['later-disaster'],
    );
  });

  it('fits its weights on the confirmed links, and measures itself on held-out ones', () => {
    const examples: ConfirmedExample[] = [];
    const topics: [string, string][] = [
      ['rights', 'women gender equality rights violence'],
      ['trade', 'customs tariffs trade exporters'],
      ['disaster', 'flood cyclone emergency relief'],
      ['connect', 'ports roads corridors shipping'],
    ];
    for (let i = 0; i < 40; i++) {
      const [nodeId, words] = topics[i % topics.length]!;
      const pick = words.split(' ').filter((_, k) => (k + i) % 2 === 0);
      examples.push(confirmed(`x${i}`, `Project ${i}: ${pick.join(' ')}`, [nodeId]));
    }
    const model = LinkModel.train(NODES, examples);
    for (const v of Object.values(model.weights)) assert.ok(v >= 0 && v <= 4);
    const cv = crossValidate(NODES, examples, 5);
    assert.equal(cv.activities, 40);
    assert.equal(cv.top3, 1, 'each topic is told apart by its words');
    assert.ok(cv.top1 >= 0.9, `top-1 ${cv.top1}`);
    assert.deepEqual(crossValidate(NODES, examples, 5), cv, 'the same split every time');
  });
});
