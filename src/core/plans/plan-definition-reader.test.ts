import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { previewTree, readPlanFile } from './plan-definition-reader';

const bytes = (text: string) => new TextEncoder().encode(text);
const HEADER = 'code,parent,kind,status,title_en,title_fr,description_en,description_fr';
const DETAILS = { slug: 'p', titleEn: 'P', periodStart: 2026, periodEnd: 2030 };

describe('reading plan definition files', () => {
  it('orders parents before children whatever the rows’ order, keeping siblings in the file’s order', async () => {
    const csv = [HEADER, '1.2,1,area,,B,,,', '1.1,1,area,,A,,,', '1,,pillar,,P,,,', '1.1.1,1.1,action_line,,L,,,'];
    const file = await readPlanFile(bytes(csv.join('\n')), 'csv', DETAILS);
    assert.deepEqual(file.problems, []);
    assert.deepEqual(
      file.nodes.map((n) => [n.code, n.depth, n.position]),
      [
        ['1', 0, 0],
        ['1.2', 1, 0],
        ['1.1', 1, 1],
        ['1.1.1', 2, 0],
      ],
    );
    assert.deepEqual(
      previewTree(file.nodes).map((n) => n.children.map((c) => c.code)),
      [['1.2', '1.1']],
    );
    assert.equal(file.slug, 'p');
    assert.equal(file.input?.status, 'active');
  });

  it('names a loop of parents once, and a framework deeper than 20 levels', async () => {
    const loop = await readPlanFile(
      bytes([HEADER, '1,,pillar,,P,,,', '2,3,area,,A,,,', '3,4,area,,B,,,', '4,2,area,,C,,,'].join('\n')),
      'csv',
      DETAILS,
    );
    assert.deepEqual(
      loop.problems.map((p) => p.name),
      ['row 3, parent'],
    );
    assert.match(loop.problems[0]?.reason ?? '', /2 → 3 → 4 → 2/);
    const chain = Array.from({ length: 22 }, (_, i) => `${i + 1},${i === 0 ? '' : i},area,,N${i},,,`);
    const deep = await readPlanFile(bytes([HEADER, ...chain].join('\n')), 'csv', DETAILS);
    assert.deepEqual(
      deep.problems.map((p) => p.name),
      ['row 22, parent'],
    );
  });

  it('reads a bare YAML plan without a key, and names a missing title by its line', async () => {
    const yaml =
      'slug: bare\nshortTitle: { en: B }\nperiodStart: 2026\nperiodEnd: 2030\nstatus: draft\nframework:\n  - { code: "1", kind: pillar, title: { en: One } }\n';
    const file = await readPlanFile(bytes(yaml), 'yaml', {});
    assert.deepEqual(
      file.problems.map((p) => p.name),
      ['line 1, title'],
    );
    const fixed = await readPlanFile(bytes(`title: { fr: Un }\n${yaml}`), 'yaml', {});
    assert.deepEqual(fixed.problems, []);
    assert.equal(fixed.input?.title.fr, 'Un');
    assert.equal(fixed.input?.status, 'draft');
  });

  it('names an alias to an anchor that is not set, and how to fix it', async () => {
    const file = await readPlanFile(bytes('plans:\n  - *missing\n'), 'yaml', DETAILS);
    assert.equal(file.input, null);
    assert.equal(file.problems[0]?.name, 'file');
    assert.match(file.problems[0]?.reason ?? '', /anchor.*before its aliases/);
  });

  for (const format of ['yaml', 'csv', 'xlsx'] as const) {
    it(`${format}: any bytes give problems or a plan, never an exception`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.uint8Array({ maxLength: 500 }),
            fc.string({ maxLength: 500 }).map(bytes),
            fc.constantFrom(
              bytes('plans: [1, 2]'),
              bytes('- a\n- b'),
              bytes(`${HEADER}\n"unterminated`),
              // An alias to an anchor never set: parses, but cannot be converted.
              bytes('*!'),
            ),
          ),
          async (b) => {
            const file = await readPlanFile(b, format, DETAILS);
            assert.ok(file.problems.length > 0 || file.input !== null);
            for (const p of file.problems) assert.ok(p.name && p.reason, JSON.stringify(p));
          },
        ),
        { numRuns: 60 },
      );
    });
  }
});
