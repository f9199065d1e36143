import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { FrameworkNodeTree, PlanDetail, PlanLoadPreview, Problem } from '../src/shared/api-types';
import { MAX_PLAN_FILE_BYTES } from '../src/shared/schemas/plan-definition.schema';
import { cli, envFor } from './support/cli';
import { Client, signedIn } from './support/client';
import { DATABASES, type TestDatabase } from './support/databases';
import { startTestServer, type TestServer } from './support/server';

const SOURCE = 'asean-canada-2010-2015';

/** Every node of a framework as a line: code, parent, kind, status, texts; in the framework's order. */
const flat = (nodes: readonly FrameworkNodeTree[], parent = ''): string[] =>
  nodes.flatMap((n) => [
    JSON.stringify([n.code, parent, n.kind, n.status, n.title, n.description, n.position]),
    ...flat(n.children, n.code),
  ]);

type LoadProblem = Problem & { preview?: PlanLoadPreview };

const SMALL_CSV = [
  'code,parent,kind,status,title_en,title_fr,description_en,description_fr',
  '1,,pillar,,Trade,Commerce,,',
  '1.1,1,area,,Customs,Douanes,,',
  '1.1.1,1.1,action_line,,Single window,Guichet unique,A shared window,',
  '2,,pillar,retired,Health,Santé,,',
].join('\r\n');

for (const target of DATABASES) {
  describe(`loading plans from files on ${target.name}`, () => {
    let source: TestDatabase;
    let fresh: TestDatabase;
    let origin: TestServer;
    let server: TestServer;
    let admin: Client;
    let reviewer: Client;
    let original: PlanDetail;
    const files = new Map<string, Buffer>();

    before(async () => {
      source = await target.create();
      fresh = await target.create();
      origin = await startTestServer(source);
      original = (await origin.get<PlanDetail>(`/api/v1/plans/${SOURCE}`)).body;
      for (const format of ['yaml', 'csv', 'xlsx']) {
        const res = await fetch(`${origin.baseUrl}/api/v1/plans/${SOURCE}/definition?format=${format}`);
        assert.equal(res.status, 200);
        files.set(format, Buffer.from(await res.arrayBuffer()));
      }
      await origin.close();
      // A fresh database holding a partnership and nothing else.
      server = await startTestServer(fresh, { seed: false });
      const now = new Date().toISOString();
      await server.db.db
        .insertInto('partnerships')
        .values({
          id: 'p-load',
          slug: 'asean-canada',
          name_en: 'ASEAN–Canada',
          name_fr: 'ANASE-Canada',
          description_en: null,
          description_fr: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      admin = await signedIn(server, 'admin');
      reviewer = await signedIn(server, 'reviewer');
    });
    after(async () => {
      await server?.close();
      await fresh?.drop();
      await source?.drop();
    });

    const load = <T = PlanLoadPreview>(client: Client, query: string, bytes: Uint8Array | string) =>
      client.upload<T>(`/api/v1/plan-definitions?partnership=asean-canada&${query}`, bytes, 'application/octet-stream');
    const planCount = async () => (await server.db.db.selectFrom('plans').select('id').execute()).length;
    const nodeCount = async () => (await server.db.db.selectFrom('framework_nodes').select('id').execute()).length;

    for (const format of ['yaml', 'csv', 'xlsx'] as const) {
      it(`${format}: an exported definition loads into a fresh database as the same framework`, async () => {
        const slug = `round-trip-${format}`;
        // CSV holds the framework only: the plan's details come with the request.
        const details = format === 'csv' ? '&titleEn=Round%20trip&periodStart=2010&periodEnd=2015' : '';
        const bytes = files.get(format)!;
        const preview = await load(admin, `format=${format}&dryRun=true&slug=${slug}${details}`, bytes);
        assert.equal(preview.status, 200, JSON.stringify(preview.body));
        assert.equal(preview.body.created, null);
        assert.equal(preview.body.counts.nodes, flat(original.framework).length);
        assert.deepEqual(
          preview.body.counts.byKind.map((k) => `${k.kind}:${k.count}`),
          ['pillar:3', 'area:17'],
        );
        assert.deepEqual(
          preview.body.counts.byDepth.map((d) => d.count),
          [3, 17],
        );
        assert.equal(
          await server.db.db.selectFrom('plans').where('slug', '=', slug).select('id').executeTakeFirst(),
          undefined,
        );

        const res = await load(admin, `format=${format}&slug=${slug}${details}`, bytes);
        assert.equal(res.status, 201, JSON.stringify(res.body));
        assert.equal(res.headers.get('location'), `/api/v1/plans/${slug}`);
        assert.equal(res.body.created?.slug, slug);
        const loaded = (await server.get<PlanDetail>(`/api/v1/plans/${slug}`)).body;
        assert.deepEqual(flat(loaded.framework), flat(original.framework));
        assert.equal(loaded.partnership.slug, 'asean-canada');
        assert.deepEqual([loaded.periodStart, loaded.periodEnd], [2010, 2015]);
        if (format !== 'csv') {
          assert.deepEqual(loaded.title, original.title);
          assert.deepEqual(loaded.signoffSides, original.signoffSides);
        } else assert.equal(loaded.title.en, 'Round trip');
      });
    }

    it('records the history of the plan and every node, and indexes the nodes for search', async () => {
      const res = await load(
        admin,
        'format=csv&slug=small-csv&titleEn=Small&periodStart=2026&periodEnd=2030',
        SMALL_CSV,
      );
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const plan = (await server.get<PlanDetail>('/api/v1/plans/small-csv')).body;
      assert.equal(plan.framework[1]?.status, 'retired');
      assert.equal(plan.framework[0]?.children[0]?.children[0]?.description.en, 'A shared window');
      const history = await admin.get<{ items: { action: string; actor: unknown }[] }>(
        `/api/v1/plans/small-csv/history`,
      );
      assert.equal(history.status, 200);
      assert.deepEqual(
        history.body.items.map((h) => h.action),
        ['create'],
      );
      const nodeId = plan.framework[0].children[0].id;
      const nodeHistory = await admin.get<{ items: { action: string }[] }>(`/api/v1/framework-nodes/${nodeId}/history`);
      assert.deepEqual(
        nodeHistory.body.items.map((h) => h.action),
        ['create'],
      );
      const search = await server.get<{ items: { id: string }[] }>('/api/v1/search?q=Guichet%20unique');
      assert.equal(search.status, 200);
      assert.ok(
        search.body.items.some((i) => i.id === plan.framework[0]!.children[0]!.children[0]!.id),
        JSON.stringify(search.body),
      );
    });

    it('a preview writes nothing, and shows the tree', async () => {
      const [plans, nodes] = [await planCount(), await nodeCount()];
      const res = await load(
        admin,
        'format=csv&dryRun=true&slug=preview-only&titleEn=P&periodStart=2026&periodEnd=2030',
        SMALL_CSV,
      );
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(
        res.body.tree.map((n) => [n.code, n.children.map((c) => c.code)]),
        [
          ['1', ['1.1']],
          ['2', []],
        ],
      );
      assert.equal(res.body.plan?.slug, 'preview-only');
      assert.deepEqual([await planCount(), await nodeCount()], [plans, nodes]);
    });

    const refused = async (query: string, bytes: Uint8Array | string, status = 400) => {
      const [plans, nodes] = [await planCount(), await nodeCount()];
      const res = await load<LoadProblem>(admin, query, bytes);
      assert.equal(res.status, status, JSON.stringify(res.body));
      assert.match(String(res.headers.get('content-type')), /application\/problem\+json/);
      assert.deepEqual([await planCount(), await nodeCount()], [plans, nodes], 'nothing written');
      return res.body;
    };
    const CSV_QUERY = 'format=csv&slug=bad-csv&titleEn=Bad&periodStart=2026&periodEnd=2030';
    const names = (p: LoadProblem) => (p.errors ?? []).map((e) => e.name);

    it('names a YAML syntax error by its line and column', async () => {
      const body = await refused('format=yaml', 'plans:\n  - slug: x\n    title: { en: "A\n  framework: [');
      assert.match(names(body)[0] ?? '', /^line \d+, column \d+$/);
      assert.match(body.errors?.[0]?.reason ?? '', /YAML syntax/);
    });

    it('names a YAML field that is wrong by its line and path', async () => {
      const yaml = [
        'plans:',
        '  - slug: wrong-kind',
        '    title: { en: Wrong }',
        '    shortTitle: { en: Wrong }',
        '    periodStart: 2026',
        '    periodEnd: 2030',
        '    status: active',
        '    colour: blue',
        '    framework:',
        '      - code: "1"',
        '        kind: Pillar',
        '        title: { en: One }',
      ].join('\n');
      const body = await refused('format=yaml', yaml);
      assert.deepEqual(names(body).sort(), ['line 11, framework.0.kind', 'line 8, colour']);
      assert.match(body.errors?.find((e) => e.name.endsWith('colour'))?.reason ?? '', /Unknown field "colour"/);
    });

    it('names a duplicate code by its row, and the row it repeats', async () => {
      const body = await refused(CSV_QUERY, `${SMALL_CSV}\r\n1.1,1,area,,Again,,,`);
      assert.deepEqual(body.errors, [
        { name: 'row 6, code', reason: 'The code "1.1" is also used at row 3; give each node its own code.' },
      ]);
      assert.equal(body.preview?.counts.nodes, 0);
    });

    it('names a parent that no node has', async () => {
      const body = await refused(CSV_QUERY, `${SMALL_CSV}\r\n2.1,2.9,area,,Orphan,,,`);
      assert.deepEqual(names(body), ['row 6, parent']);
      assert.match(body.errors?.[0]?.reason ?? '', /No node has the code "2\.9"; use the code of a node above it/);
    });

    it('names parents that go round in a loop', async () => {
      const body = await refused(CSV_QUERY, `${SMALL_CSV}\r\n3.1,3.2,area,,A,,,\r\n3.2,3.1,area,,B,,,`);
      assert.deepEqual(names(body), ['row 6, parent']);
      assert.match(body.errors?.[0]?.reason ?? '', /loop \(3\.1 → 3\.2 → 3\.1\)/);
    });

    it('refuses an unknown column by name', async () => {
      const body = await refused(CSV_QUERY, SMALL_CSV.replace('description_fr', 'colour'));
      assert.deepEqual(names(body), ['row 1, colour']);
      assert.match(body.errors?.[0]?.reason ?? '', /Unknown column "colour"; use only these columns: code, parent/);
    });

    it('names a wrong kind, a wrong status and a missing title, each by row and column', async () => {
      const body = await refused(
        CSV_QUERY,
        `${SMALL_CSV}\r\n3,,Big Pillar,,Three,,,\r\n4,,pillar,gone,Four,,,\r\n5,,pillar,,,,,`,
      );
      assert.deepEqual(names(body), ['row 6, kind', 'row 7, status', 'row 8, title_en']);
      assert.match(body.errors?.[1]?.reason ?? '', /active, retired/);
      assert.match(body.errors?.[2]?.reason ?? '', /title_en.*title_fr/);
    });

    it('asks a CSV load for the plan details the file cannot hold', async () => {
      const body = await refused('format=csv&titleEn=X', SMALL_CSV);
      assert.deepEqual(names(body).sort(), ['periodEnd', 'periodStart', 'slug']);
    });

    it('names a wrong XLSX plan field by its sheet and row', async () => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(files.get('xlsx')! as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('Plan')!;
      sheet.addRow(['colour', 'blue']);
      sheet.getRow(7).getCell(2).value = 'soon';
      const body = await refused('format=xlsx&slug=bad-xlsx', Buffer.from(await book.xlsx.writeBuffer()));
      assert.deepEqual(names(body).sort(), [
        `Plan sheet, row ${sheet.rowCount}, field`,
        'Plan sheet, row 7, period_start',
      ]);
    });

    it('answers 409 for a slug in use, naming the slug', async () => {
      const body = await refused('format=yaml&slug=round-trip-yaml', files.get('yaml')!, 409);
      assert.deepEqual(names(body), ['slug']);
      assert.match(body.detail, /exists already/);
    });

    it('loads one of three files sent at once under one new slug, and answers the others 409', async () => {
      const before = await planCount();
      const answers = await Promise.all(
        [1, 2, 3].map(() => load<Problem>(admin, 'format=yaml&slug=raced-slug', files.get('yaml')!)),
      );
      assert.deepEqual(
        answers.map((a) => a.status).sort(),
        [201, 409, 409],
        JSON.stringify(answers.map((a) => a.body)),
      );
      assert.equal(await planCount(), before + 1);
    });

    it('refuses an empty file and one over the limit', async () => {
      const empty = await refused('format=yaml', '');
      assert.deepEqual(names(empty), ['file']);
      assert.match(empty.errors?.[0]?.reason ?? '', /empty/);
      const big = await refused('format=csv&slug=big', Buffer.alloc(MAX_PLAN_FILE_BYTES + 1, 0x61), 413);
      assert.deepEqual(names(big), ['file']);
      assert.match(big.detail, /larger than 5 MB/);
    });

    it('names an unknown partnership and a wrong format', async () => {
      const res = await admin.upload<Problem>(
        '/api/v1/plan-definitions?partnership=nowhere&format=yaml',
        files.get('yaml')!,
        'application/octet-stream',
      );
      assert.equal(res.status, 400);
      assert.deepEqual(
        res.body.errors?.map((e) => e.name),
        ['partnership'],
      );
      assert.match(res.body.errors?.[0]?.reason ?? '', /asean-canada/);
      const format = await load<Problem>(admin, 'format=pdf', 'x');
      assert.equal(format.status, 400);
      assert.deepEqual(
        format.body.errors?.map((e) => e.name),
        ['format'],
      );
    });

    it('is refused to the public (401) and to roles below administrator (403)', async () => {
      const anonymous = await load<Problem>(new Client(server), 'format=csv', SMALL_CSV);
      assert.equal(anonymous.status, 401);
      const below = await load<Problem>(reviewer, 'format=csv&dryRun=true', SMALL_CSV);
      assert.equal(below.status, 403);
      assert.match(below.body.detail, /admin/);
    });

    it('loads from the command line: a preview, a plan, and a bad file that exits non-zero with its problems', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-load-'));
      const file = path.join(dir, 'small.csv');
      fs.writeFileSync(file, SMALL_CSV);
      const env = envFor(fresh);
      const base = ['plan', 'load', file, '--partnership', 'asean-canada', '--as', 'admin.asean@example.org'];
      const details = [
        '--slug',
        'from-cli',
        '--title-en',
        'From the CLI',
        '--period-start',
        '2026',
        '--period-end',
        '2030',
      ];
      const preview = cli([...base, ...details, '--dry-run'], env);
      assert.equal(preview.status, 0, preview.stderr);
      assert.match(preview.stdout, /from-cli/);
      assert.match(preview.stdout, /4 nodes/);
      assert.match(preview.stdout, /Nothing was written/);
      const created = cli([...base, ...details], env);
      assert.equal(created.status, 0, created.stderr);
      assert.match(created.stdout, /Created the plan from-cli/);
      const again = cli([...base, ...details], env);
      assert.equal(again.status, 1, again.stdout);
      assert.match(again.stderr, /slug: A plan with the slug "from-cli" exists already/);
      fs.writeFileSync(file, `${SMALL_CSV}\r\n2.1,2.9,area,,Orphan,,,`);
      const bad = cli(
        [...base, '--slug', 'from-cli-2', '--title-en', 'X', '--period-start', '2026', '--period-end', '2030'],
        env,
      );
      assert.equal(bad.status, 2, bad.stdout);
      assert.match(bad.stderr, /row 6, parent: No node has the code "2\.9"/);
      fs.rmSync(dir, { recursive: true, force: true });
    });
  });
}
