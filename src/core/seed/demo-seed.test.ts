import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SeedNode } from './seed-file.schema';
import { loadSeed } from './seed-loader';
import { DEFAULT_SEED_DIR, DEMO_SEED_DIR } from './seed.service';

function flatten(nodes: SeedNode[]): SeedNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children ?? [])]);
}

describe('demonstration seed (seed-demo/)', () => {
  // loadSeed validates every file against the seed schema and every reference across files, throwing otherwise.
  const demo = loadSeed(DEMO_SEED_DIR);
  const real = loadSeed(DEFAULT_SEED_DIR);
  const [folder] = demo.partnerships;

  it('holds one partnership, asean-demo, that says it is fictional', () => {
    assert.equal(demo.partnerships.length, 1);
    assert.ok(folder);
    assert.equal(folder.partnership.slug, 'asean-demo');
    assert.match(folder.partnership.name.en ?? '', /fictional/i);
    assert.match(folder.partnership.name.fr ?? '', /fictives/i);
    assert.match(folder.partnership.description?.en ?? '', /invented for demonstration/);
    assert.match(folder.partnership.description?.fr ?? '', /inventés pour la démonstration/);
  });

  it('gives two successive plans full three-level frameworks in English and French', () => {
    assert.ok(folder);
    assert.deepEqual(
      folder.plans.map((p) => [p.periodStart, p.periodEnd]),
      [
        [2016, 2020],
        [2021, 2025],
      ],
    );
    for (const plan of folder.plans) {
      const nodes = flatten(plan.framework);
      const count = (kind: string) => nodes.filter((n) => n.kind === kind).length;
      assert.deepEqual([count('pillar'), count('area'), count('action_line')], [3, 12, 36], plan.key);
      for (const node of nodes) {
        assert.ok(node.title.en && node.title.fr && node.description?.en && node.description.fr, `${plan.key} ${node.code}`);
        const depth = node.code.split('.').length;
        assert.equal(node.kind, ['pillar', 'area', 'action_line'][depth - 1], node.code);
      }
    }
  });

  it('holds 150 or more varied activities, each linked to one to three action lines of one of its plans', () => {
    assert.ok(folder);
    const activities = folder.activities;
    assert.ok(activities.length >= 150, `${activities.length} activities`);
    const actionLines = new Map(folder.plans.map((p) => [p.key, new Set(flatten(p.framework).filter((n) => n.kind === 'action_line').map((n) => n.code))]));
    for (const a of activities) {
      assert.ok(a.links.length >= 1 && a.links.length <= 3, a.key);
      for (const link of a.links) assert.ok(actionLines.get(link.plan)?.has(link.node), `${a.key} → ${link.plan} ${link.node}`);
      assert.ok(a.title.en && a.description?.en, a.key);
    }
    assert.ok(new Set(activities.map((a) => a.type)).size >= 6, 'at least six activity types');
    assert.ok(new Set(activities.flatMap((a) => a.funding.map((f) => f.currency))).size >= 3, 'three currencies or more');
    assert.ok(activities.filter((a) => a.title.fr).length >= 30, 'a part of them in French');
    assert.ok(new Set(activities.map((a) => a.title.en)).size === activities.length, 'no two titles alike');
    // Every plan has activities, and every action line at least one.
    for (const [plan, codes] of actionLines) {
      const linked = new Set(activities.flatMap((a) => a.links.filter((l) => l.plan === plan).map((l) => l.node)));
      assert.deepEqual([...codes].filter((c) => !linked.has(c)), [], plan);
    }
  });

  it('refers only to its own organisations, none of them real seed records', () => {
    assert.ok(folder);
    const own = new Set(folder.organisations.map((o) => o.key));
    for (const a of folder.activities) {
      for (const p of a.participants) assert.ok(own.has(p.organisation), `${a.key}: ${p.organisation}`);
    }
    const realKeys = new Set(real.partnerships.flatMap((p) => [...p.organisations.map((o) => o.key), ...p.activities.map((a) => a.key), ...p.plans.map((pl) => pl.key), ...p.plans.map((pl) => pl.slug)]));
    const demoKeys = [...own, ...folder.activities.map((a) => a.key), ...folder.plans.map((p) => p.key), ...folder.plans.map((p) => p.slug)];
    assert.deepEqual(demoKeys.filter((k) => realKeys.has(k)), []);
    for (const o of folder.organisations) assert.match(o.description?.en ?? '', /Fictional/, o.key);
  });
});
