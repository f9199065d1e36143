import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SeedNode } from './seed-file.schema';
import { loadSeed, SeedValidationError, type LoadedSeed, type PartnershipSeed } from './seed-loader';
import { DEFAULT_SEED_DIR } from './seed.service';
import { RateTable } from '../money/rates';
import { OVERVIEW_2010 } from '../../../test/fixtures/asean-canada-overview';


function flatten(nodes: SeedNode[]): SeedNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children ?? [])]);
}

function aseanCanada(seed: LoadedSeed): PartnershipSeed {
  const found = seed.partnerships.find((p) => p.partnership.key === 'asean-canada');
  assert.ok(found, 'the asean-canada partnership is seeded');
  return found;
}

describe('seed files', () => {
  const seed = loadSeed(DEFAULT_SEED_DIR);
  const asean = aseanCanada(seed);

  it('validate against the schemas and each other', () => {
    assert.equal(asean.plans.length, 3);
    assert.ok(asean.organisations.length >= 20);
    assert.ok(asean.activities.length >= 25);
  });

  it('give the 2010-2015 plan its 3 pillars and 17 areas in the overview order, with the exact titles', () => {
    const plan = asean.plans.find((p) => p.key === 'poa-2010-2015');
    assert.ok(plan);
    assert.equal(plan.slug, 'asean-canada-2010-2015');
    assert.equal(plan.periodStart, 2010);
    assert.equal(plan.periodEnd, 2015);
    const nodes = flatten(plan.framework);
    assert.deepEqual(
      nodes.map((n) => [n.code, n.title.en]),
      OVERVIEW_2010,
    );
    assert.deepEqual(
      plan.framework.map((n) => n.kind),
      ['pillar', 'pillar', 'pillar'],
    );
    assert.equal(nodes.filter((n) => n.kind === 'area').length, 17);
    assert.ok(nodes.every((n) => n.title.fr), 'every pillar and area has a French title');
  });

  it('record the UNIFEM grant as a CAD 3,000,000 commitment linked to area 1.1', () => {
    const grant = asean.activities.find((a) => a.key === 'unifem-grant-acwc-aichr');
    assert.ok(grant);
    assert.deepEqual(
      grant.funding.map((f) => [f.amount, f.currency, f.type, f.provider, f.recipient]),
      [['3000000', 'CAD', 'commitment', 'global-affairs-canada', 'un-women']],
    );
    assert.deepEqual(
      grant.participants.map((p) => [p.organisation, p.role]),
      [
        ['global-affairs-canada', 'funder'],
        ['un-women', 'implementer'],
        ['acwc', 'beneficiary'],
        ['aichr', 'beneficiary'],
        ['asean-secretariat', 'partner'],
      ],
    );
    assert.deepEqual(
      grant.links.map((l) => [l.plan, l.node]),
      [['poa-2010-2015', '1.1']],
    );
  });

  it('link IDRC research to several areas of the 2010-2015 plan', () => {
    const idrc = asean.activities.find((a) => a.key === 'idrc-southeast-asia-research');
    assert.ok(idrc);
    assert.ok(idrc.links.length >= 5);
    assert.ok(idrc.links.every((l) => l.plan === 'poa-2010-2015' && l.rationale));
  });

  it('give every source a confidence and every activity at least one source', () => {
    for (const a of asean.activities) assert.ok(a.sources.length > 0, `${a.key} has a source`);
  });
});

describe('loadSeed on invalid files', () => {
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionline-seed-'));
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function writeFolder(name: string, files: Record<string, string>): string {
    const root = path.join(dir, name);
    fs.mkdirSync(path.join(root, 'demo'), { recursive: true });
    for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(root, 'demo', file), text);
    return root;
  }

  const partnership = `
partnership: { key: demo, slug: demo, name: { en: Demo } }
plans:
  - key: plan-a
    slug: plan-a
    title: { en: Plan A }
    shortTitle: { en: A }
    periodStart: 2020
    periodEnd: 2024
    status: active
    framework:
      - { code: "1", kind: pillar, title: { en: One }, children: [{ code: "1.1", kind: area, title: { en: One one } }] }
`;

  function errorOf(fn: () => unknown): SeedValidationError {
    try {
      fn();
    } catch (err) {
      assert.ok(err instanceof SeedValidationError, `expected a SeedValidationError, got ${String(err)}`);
      return err;
    }
    assert.fail('expected loadSeed to throw');
  }

  it('reports every schema problem with the file and the path', () => {
    const root = writeFolder('schema', {
      'partnership.yaml': partnership,
      'organisations.yaml': 'organisations:\n  - { key: Bad_Key, name: { en: X }, type: ministry }\n',
      'activities.yaml': `
activities:
  - key: one
    title: { en: One }
    type: project
    status: finished
    actualStart: 2020-13
    funding: [{ amount: "3,000,000", currency: CAD, type: commitment }]
    colour: red
`,
    });
    const err = errorOf(() => loadSeed(root));
    const lines = err.issues.map((i) => `${path.basename(i.file)} ${i.path}`);
    assert.ok(lines.includes('organisations.yaml organisations[0].key'), lines.join('\n'));
    assert.ok(lines.includes('organisations.yaml organisations[0].type'), lines.join('\n'));
    assert.ok(lines.includes('activities.yaml activities[0].status'), lines.join('\n'));
    assert.ok(lines.includes('activities.yaml activities[0].actualStart'), lines.join('\n'));
    assert.ok(lines.includes('activities.yaml activities[0].funding[0].amount'), lines.join('\n'));
    assert.ok(lines.includes('activities.yaml activities[0]'), 'the unknown key "colour" is reported');
    assert.match(err.message, /activities\.yaml: activities\[0\]\.funding\[0\]\.amount \(one\): /);
    assert.equal(err.issues.find((i) => i.path === 'activities[0].status')?.record, 'one');
  });

  it('reports references to unknown organisations, plans and nodes', () => {
    const root = writeFolder('references', {
      'partnership.yaml': partnership,
      'organisations.yaml': 'organisations:\n  - { key: gac, name: { en: GAC }, type: government, country: CA }\n',
      'activities.yaml': `
activities:
  - key: one
    title: { en: One }
    type: project
    status: completed
    actualStart: "2021"
    actualEnd: "2020"
    participants: [{ organisation: gac, role: funder }, { organisation: nobody, role: implementer }, { organisation: gac, role: funder }]
    funding: [{ amount: "10.5", currency: JPY, type: commitment, provider: ghost }]
    links: [{ plan: plan-a, node: "1.1" }, { plan: plan-a, node: "9.9" }, { plan: plan-z, node: "1" }]
`,
    });
    const err = errorOf(() => loadSeed(root));
    const byPath = new Map(err.issues.map((i) => [i.path, i.message]));
    assert.match(byPath.get('activities[0].participants[1].organisation') ?? '', /Unknown organisation "nobody"/);
    assert.match(byPath.get('activities[0].participants[2]') ?? '', /Duplicate participant/);
    assert.match(byPath.get('activities[0].funding[0].provider') ?? '', /Unknown organisation "ghost"/);
    assert.match(byPath.get('activities[0].funding[0].amount') ?? '', /JPY has 0 decimals/);
    assert.match(byPath.get('activities[0].links[1].node') ?? '', /no node with code "9\.9"/);
    assert.match(byPath.get('activities[0].links[2].plan') ?? '', /Unknown plan "plan-z"/);
    assert.match(byPath.get('activities[0].actualEnd') ?? '', /before the actual start/);
    assert.ok(err.issues.every((i) => i.file.endsWith(path.join('demo', 'activities.yaml'))));
    assert.equal(err.issues.length, 7);
  });

  it('reports YAML syntax errors with the line, and unknown or missing files', () => {
    const root = writeFolder('syntax', {
      'partnership.yaml': partnership,
      'activities.yaml': 'activities:\n  - key: one\n    title: { en: One\n',
      'activity.yaml': 'activities: []\n',
    });
    fs.mkdirSync(path.join(root, 'empty'));
    const err = errorOf(() => loadSeed(root));
    const text = err.issues.map((i) => `${path.relative(root, i.file)} ${i.path}`);
    assert.ok(text.some((t) => /^demo\/activities\.yaml line \d+, column \d+$/.test(t)), text.join('\n'));
    assert.ok(text.includes('demo/activity.yaml (file)'), text.join('\n'));
    assert.ok(text.includes('empty/partnership.yaml (file)'), text.join('\n'));
  });

  it('rejects duplicate node codes and duplicate keys across files', () => {
    const root = writeFolder('duplicates', {
      'partnership.yaml': partnership.replace('code: "1.1"', 'code: "1"'),
      'organisations.yaml': 'organisations:\n  - { key: gac, name: { en: A }, type: government }\n  - { key: gac, name: { en: B }, type: government }\n',
    });
    const err = errorOf(() => loadSeed(root));
    const messages = err.issues.map((i) => `${path.basename(i.file)} ${i.path}: ${i.message}`);
    assert.ok(messages.some((m) => m.startsWith('partnership.yaml plans[0].framework[0].children[0].code: Duplicate node code')), messages.join('\n'));
    assert.ok(messages.some((m) => m.startsWith('organisations.yaml organisations[1].key: Duplicate organisation key "gac"')), messages.join('\n'));
  });
});

describe('exchange-rates.yaml', () => {
  const seed = loadSeed(DEFAULT_SEED_DIR);

  it('gives the Bank of Canada USD annual averages for 2008 to 2024, each with its source', () => {
    const usd = seed.exchangeRates.filter((r) => r.currency === 'USD');
    assert.deepEqual(
      usd.map((r) => r.year),
      Array.from({ length: 17 }, (_, i) => 2008 + i),
    );
    assert.equal(usd.find((r) => r.year === 2024)?.cadPerUnit, '1.3698');
    assert.equal(usd.find((r) => r.year === 2010)?.cadPerUnit, '1.0299');
    assert.ok(seed.exchangeRates.every((r) => /bankofcanada\.ca/.test(r.source) && r.note));
  });

  it('has a rate for every currency the seeded funding uses, and builds a rate table', () => {
    const table = new RateTable(seed.exchangeRates);
    const used = new Set(seed.partnerships.flatMap((p) => p.activities.flatMap((a) => a.funding.map((f) => f.currency))));
    for (const currency of used) assert.ok(table.currencies().includes(currency), `${currency} has rates`);
    assert.deepEqual(table.currencies(), ['AUD', 'CAD', 'EUR', 'GBP', 'IDR', 'JPY', 'MYR', 'PHP', 'SGD', 'THB', 'USD']);
  });

  it('reports bad blocks and rates with their paths, and a (currency, year) given twice', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionline-rates-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'exchange-rates.yaml'),
        `
exchangeRates:
  - { currency: CAD, source: Somewhere, rates: { 2020: "1" } }
  - { currency: USD, source: "", rates: { 2020: 1.34, 2021: "1,25", 1850: "1.2" } }
`,
      );
      let issues: { path: string; message: string }[] = [];
      try {
        loadSeed(dir);
      } catch (err) {
        assert.ok(err instanceof SeedValidationError);
        issues = err.issues;
      }
      const byPath = new Map(issues.map((i) => [i.path, i.message]));
      assert.match(byPath.get('exchangeRates[0].currency') ?? '', /CAD is the base currency/);
      assert.match(byPath.get('exchangeRates[1].source') ?? '', /where the rate comes from/);
      assert.match(byPath.get('exchangeRates[1].rates.2020') ?? '', /a decimal in quotes/);
      assert.match(byPath.get('exchangeRates[1].rates.2021') ?? '', /up to 8 decimals/);
      assert.match(byPath.get('exchangeRates[1].rates.1850') ?? '', /from 1990 to 2100/);
      assert.equal(issues.length, 5, JSON.stringify(issues));

      fs.writeFileSync(
        path.join(dir, 'exchange-rates.yaml'),
        'exchangeRates:\n  - { currency: USD, source: Bank, rates: { 2022: "1.3013" } }\n  - { currency: USD, source: Other, rates: { 2022: "1.3" } }\n',
      );
      let dup: { path: string; message: string }[] = [];
      try {
        loadSeed(dir);
      } catch (err) {
        assert.ok(err instanceof SeedValidationError);
        dup = err.issues;
      }
      assert.deepEqual(
        dup.map((i) => [i.path, i.message]),
        [['exchangeRates[1].rates.2022', 'Duplicate rate "USD 2022" (first used at exchangeRates[0].rates.2022).']],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
