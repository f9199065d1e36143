import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import YAML from 'yaml';
import type { FrameworkNodeTree, PlanDetail, Problem } from '../src/shared/api-types';
import { seedPlanSchema, type SeedNode } from '../src/core/seed/seed-file.schema';
import { FRAMEWORK_COLUMNS } from '../src/core/plans/plan-definition';
import { DATABASES, type TestDatabase } from './support/databases';
import { startTestServer, type TestServer } from './support/server';

const PLAN = 'asean-canada-2010-2015';

const flatTree = (nodes: readonly FrameworkNodeTree[], parent = ''): [string, string, string | null][] =>
  nodes.flatMap((n) => [
    [n.code, parent, n.title.fr] as [string, string, string | null],
    ...flatTree(n.children, n.code),
  ]);
const flatSeed = (nodes: readonly SeedNode[], parent = ''): [string, string, string | null][] =>
  nodes.flatMap((n) => [
    [n.code, parent, n.title.fr ?? null] as [string, string, string | null],
    ...flatSeed(n.children ?? [], n.code),
  ]);

for (const target of DATABASES) {
  describe(`plan definitions as files on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let plan: PlanDetail;

    before(async () => {
      database = await target.create();
      server = await startTestServer(database);
      plan = (await server.get<PlanDetail>(`/api/v1/plans/${PLAN}`)).body;
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    const download = async (query: string) => {
      const res = await fetch(`${server.baseUrl}/api/v1/plans/${PLAN}/definition${query}`);
      return { res, bytes: Buffer.from(await res.arrayBuffer()) };
    };

    it('writes the plan and its whole framework as YAML that reads back as a plan definition', async () => {
      const { res, bytes } = await download('');
      assert.equal(res.status, 200);
      assert.match(String(res.headers.get('content-type')), /^application\/yaml/);
      assert.match(
        String(res.headers.get('content-disposition')),
        /attachment; filename="asean-canada-2010-2015-plan\.yaml"/,
      );
      const file = YAML.parse(bytes.toString('utf8')) as { plans: unknown[] };
      const parsed = seedPlanSchema.safeParse(file.plans[0]);
      assert.ok(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3)));
      const def = parsed.data;
      assert.equal(def.slug, PLAN);
      assert.deepEqual([def.periodStart, def.periodEnd], [2010, 2015]);
      assert.deepEqual(def.signoffSides, ['asean', 'canada']);
      assert.deepEqual(
        flatSeed(def.framework),
        flatTree(plan.framework),
        'every node, its parent and its French title',
      );
      assert.equal(def.framework[0]?.title.en, plan.framework[0]?.title.en);
    });

    it('writes the framework as CSV, one row per node with its parent', async () => {
      const { res, bytes } = await download('?format=csv');
      assert.equal(res.status, 200);
      assert.match(String(res.headers.get('content-type')), /^text\/csv/);
      const rows: string[][] = parseCsv(bytes.toString('utf8'), {});
      assert.deepEqual(rows[0], [...FRAMEWORK_COLUMNS]);
      assert.deepEqual(
        rows.slice(1).map((r) => [r[0], r[1], r[5] || null]),
        flatTree(plan.framework),
      );
      const area = rows.find((r) => r[0] === '1.1')!;
      assert.deepEqual(area.slice(1, 4), ['1', 'area', 'active']);
    });

    it('writes the plan and its framework as XLSX, a sheet each', async () => {
      const { res, bytes } = await download('?format=xlsx');
      assert.equal(res.status, 200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(bytes as unknown as ArrayBuffer);
      assert.deepEqual(
        book.worksheets.map((w) => w.name),
        ['Plan', 'Framework'],
      );
      const details = new Map<string, string>();
      book.getWorksheet('Plan')!.eachRow((row, n) => {
        if (n > 1) details.set(row.getCell(1).text, row.getCell(2).text);
      });
      assert.equal(details.get('slug'), PLAN);
      assert.equal(details.get('period_end'), '2015');
      const framework = book.getWorksheet('Framework')!;
      assert.equal(framework.rowCount, flatTree(plan.framework).length + 1);
      assert.equal(framework.getRow(1).getCell(1).value, 'code');
    });

    it('names a wrong format and an unknown plan', async () => {
      const bad = await fetch(`${server.baseUrl}/api/v1/plans/${PLAN}/definition?format=pdf`);
      assert.equal(bad.status, 400);
      const body = (await bad.json()) as Problem;
      assert.deepEqual(
        body.errors?.map((e) => e.name),
        ['format'],
      );
      assert.match(body.errors?.[0]?.reason ?? '', /yaml, csv, xlsx/);
      assert.equal((await fetch(`${server.baseUrl}/api/v1/plans/no-such-plan/definition`)).status, 404);
    });
  });
}
