import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  ActivityDetail,
  CarryOverResult,
  CrosswalkEntry,
  FrameworkNodeTree,
  FullPlanCoverage,
  PlanComparison,
  PlanCrosswalk,
  PlanDetail,
  Problem,
} from '../src/shared/api-types';
import { toMinorUnits } from '../src/shared/money';
import { Client, signedIn } from './support/client';
import { DATABASES, type TestDatabase } from './support/databases';
import { startTestServer, type TestServer } from './support/server';

const FROM = 'asean-canada-2016-2020';
const TO = 'asean-canada-2021-2025';
const ENTRIES = `/api/v1/plans/${FROM}/crosswalk/${TO}/entries`;
const CARRY = `/api/v1/plans/${FROM}/crosswalk/${TO}/carry-over`;

const flatten = (nodes: readonly FrameworkNodeTree[]): FrameworkNodeTree[] =>
  nodes.flatMap((n) => [n, ...flatten(n.children)]);

/** Funding of coverage figures in original currencies, as "type currency" → minor units. */
const originalFunding = (c: FullPlanCoverage): Map<string, number> =>
  new Map(c.summary.funding.original.map((a) => [`${a.type} ${a.currency}`, a.amountMinor]));

for (const target of DATABASES) {
  describe(`crosswalks between successive plans on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let admin: Client;
    let editor: Client;
    let viewer: Client;
    let oldNodes: FrameworkNodeTree[];
    let newNodes: FrameworkNodeTree[];
    const oldNode = (code: string) => oldNodes.find((n) => n.code === code)!;
    const newNode = (code: string) => newNodes.find((n) => n.code === code)!;
    const coverage = async (slug: string) =>
      (await server.get<FullPlanCoverage>(`/api/v1/plans/${slug}/coverage?include=ids&partners=all`)).body;

    before(async () => {
      database = await target.create();
      server = await startTestServer(database);
      admin = await signedIn(server, 'admin');
      editor = await signedIn(server, 'editor');
      viewer = await signedIn(server, 'viewer');
      oldNodes = flatten((await server.get<PlanDetail>(`/api/v1/plans/${FROM}`)).body.framework);
      newNodes = flatten((await server.get<PlanDetail>(`/api/v1/plans/${TO}`)).body.framework);
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    it('creates, edits and removes a mapping, versioned and recorded in the history', async () => {
      const created = await admin.request<CrosswalkEntry>('POST', ENTRIES, {
        fromNodeId: oldNode('P1').id,
        toNodeId: newNode('P1').id,
        note: 'Same pillar, renamed.',
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.headers.get('etag'), '"1"');
      assert.deepEqual(
        [created.body.fromNodeId, created.body.toNodeId, created.body.note, created.body.version],
        [oldNode('P1').id, newNode('P1').id, 'Same pillar, renamed.', 1],
      );
      const crosswalk = (await server.get<PlanCrosswalk>(`/api/v1/plans/${FROM}/crosswalk/${TO}`)).body;
      assert.equal(crosswalk.from.slug, FROM);
      assert.equal(crosswalk.to.slug, TO);
      assert.deepEqual(
        crosswalk.entries.map((e) => e.id),
        [created.body.id],
      );

      const path = `/api/v1/crosswalk-entries/${created.body.id}`;
      const edited = await admin.request<CrosswalkEntry>(
        'PUT',
        path,
        { note: 'Taken up whole.' },
        { 'if-match': '"1"' },
      );
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      assert.deepEqual(
        [edited.body.note, edited.body.version, edited.body.toNodeId],
        ['Taken up whole.', 2, newNode('P1').id],
      );

      const stale = await admin.request<Problem>('PUT', path, { note: 'Older edit' }, { 'if-match': '"1"' });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.currentVersion, 2);
      const noVersion = await admin.request<Problem>('PUT', path, { note: 'No version' });
      assert.equal(noVersion.status, 428);

      const staleDelete = await admin.request('DELETE', path, undefined, { 'if-match': '"1"' });
      assert.equal(staleDelete.status, 409);
      const removed = await admin.request('DELETE', path, undefined, { 'if-match': '"2"' });
      assert.equal(removed.status, 204);
      const after = (await server.get<PlanCrosswalk>(`/api/v1/plans/${FROM}/crosswalk/${TO}`)).body;
      assert.deepEqual(after.entries, []);

      const history = await server.db.db
        .selectFrom('record_history')
        .select(['action', 'version'])
        .where('entity_type', '=', 'crosswalk_entry')
        .where('entity_id', '=', created.body.id)
        .orderBy('version')
        .execute();
      assert.deepEqual(
        history.map((h) => `${h.action} ${h.version}`),
        ['create 1', 'update 2', 'delete 3'],
      );
    });

    it('refuses mappings that break the rules, naming the field', async () => {
      const post = (body: unknown, path = ENTRIES) => admin.request<Problem>('POST', path, body);
      const fields = (p: Problem) => (p.errors ?? []).map((e) => e.name);

      const wrongOld = await post({ fromNodeId: newNode('P2').id, toNodeId: newNode('P2').id });
      assert.equal(wrongOld.status, 400);
      assert.deepEqual(fields(wrongOld.body), ['fromNodeId']);

      const wrongNew = await post({ fromNodeId: oldNode('P2').id, toNodeId: oldNode('P3').id });
      assert.equal(wrongNew.status, 400);
      assert.deepEqual(fields(wrongNew.body), ['toNodeId']);

      const samePlan = await post(
        { fromNodeId: oldNode('P2').id, toNodeId: oldNode('P3').id },
        `/api/v1/plans/${FROM}/crosswalk/${FROM}/entries`,
      );
      assert.equal(samePlan.status, 400);
      assert.deepEqual(fields(samePlan.body), ['to']);

      const now = new Date().toISOString();
      await server.db.db
        .insertInto('partnerships')
        .values({
          id: 'other-partnership',
          slug: 'other',
          name_en: 'Other',
          name_fr: null,
          description_en: null,
          description_fr: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      const plan = await server.db.db.selectFrom('plans').selectAll().where('slug', '=', TO).executeTakeFirstOrThrow();
      await server.db.db
        .insertInto('plans')
        .values({ ...plan, id: 'other-plan', slug: 'other-plan', partnership_id: 'other-partnership', version: 1 })
        .execute();
      const otherPartnership = await post(
        { fromNodeId: oldNode('P2').id, toNodeId: null },
        `/api/v1/plans/${FROM}/crosswalk/other-plan/entries`,
      );
      assert.equal(otherPartnership.status, 400);
      assert.deepEqual(fields(otherPartnership.body), ['to']);
      assert.match(otherPartnership.body.errors?.[0]?.reason ?? '', /same partnership/);

      const tooLong = await post({ fromNodeId: oldNode('P2').id, toNodeId: null, note: 'x'.repeat(2001) });
      assert.equal(tooLong.status, 400);
      assert.deepEqual(fields(tooLong.body), ['note']);

      const first = await post({ fromNodeId: oldNode('P2').id, toNodeId: newNode('P2').id });
      assert.equal(first.status, 201);
      const duplicate = await post({ fromNodeId: oldNode('P2').id, toNodeId: newNode('P2').id });
      assert.equal(duplicate.status, 400);
      assert.deepEqual(fields(duplicate.body), ['toNodeId']);
      const droppedToo = await post({ fromNodeId: oldNode('P2').id, toNodeId: null });
      assert.equal(droppedToo.status, 400);
      assert.deepEqual(fields(droppedToo.body), ['toNodeId']);

      const dropped = await post({ fromNodeId: oldNode('P3').id, toNodeId: null, note: 'Not taken up.' });
      assert.equal(dropped.status, 201);
      const mappedToo = await post({ fromNodeId: oldNode('P3').id, toNodeId: newNode('P3').id });
      assert.equal(mappedToo.status, 400);
      assert.deepEqual(fields(mappedToo.body), ['toNodeId']);
      const droppedTwice = await post({ fromNodeId: oldNode('P3').id, toNodeId: null });
      assert.equal(droppedTwice.status, 400);

      // Editing an entry follows the same rules: a second mapping of P2 cannot be moved onto the first one's node.
      const second = await admin.request<CrosswalkEntry>('POST', ENTRIES, {
        fromNodeId: oldNode('P2').id,
        toNodeId: newNode('P4').id,
      });
      assert.equal(second.status, 201);
      const moved = await admin.request<Problem>(
        'PUT',
        `/api/v1/crosswalk-entries/${second.body.id}`,
        { toNodeId: newNode('P2').id },
        { 'if-match': '"1"' },
      );
      assert.equal(moved.status, 400);
      assert.deepEqual(fields(moved.body), ['toNodeId']);
      const wrongPlan = await admin.request<Problem>(
        'PUT',
        `/api/v1/crosswalk-entries/${second.body.id}`,
        { toNodeId: oldNode('P5').id },
        { 'if-match': '"1"' },
      );
      assert.deepEqual([wrongPlan.status, fields(wrongPlan.body)], [400, ['toNodeId']]);
      const entries = (await server.get<PlanCrosswalk>(`/api/v1/plans/${FROM}/crosswalk/${TO}`)).body.entries;
      assert.equal(entries.length, 3);
      for (const e of entries) {
        const res = await admin.request('DELETE', `/api/v1/crosswalk-entries/${e.id}`, undefined, {
          'if-match': `"${e.version}"`,
        });
        assert.equal(res.status, 204);
      }
    });

    it('lets administrators map, and nobody else', async () => {
      const body = { fromNodeId: oldNode('P4').id, toNodeId: null };
      assert.equal((await new Client(server).request('POST', ENTRIES, body)).status, 401);
      assert.equal((await viewer.request('POST', ENTRIES, body)).status, 403);
      assert.equal((await editor.request('POST', ENTRIES, body)).status, 403);
      assert.equal((await new Client(server).request('POST', CARRY, { dryRun: true })).status, 401);
      assert.equal((await viewer.request('POST', CARRY, { dryRun: true })).status, 403);
    });

    it('carries planned and ongoing activities over along the crosswalk, once, keeping old links and totals', async () => {
      // P7 → P7; P8 → P8 and P9; P10 dropped; the rest undecided.
      const mappings: [string, string | null][] = [
        ['P7', 'P7'],
        ['P8', 'P8'],
        ['P8', 'P9'],
        ['P10', null],
      ];
      for (const [from, to] of mappings) {
        const res = await admin.request('POST', ENTRIES, {
          fromNodeId: oldNode(from).id,
          toNodeId: to === null ? null : newNode(to).id,
          note: null,
        });
        assert.equal(res.status, 201, JSON.stringify(res.body));
      }
      const [oldBefore, newBefore] = [await coverage(FROM), await coverage(TO)];
      const oldIds = (code: string) => oldBefore.nodes.find((n) => n.code === code)?.activityIds ?? [];
      const details = new Map<string, ActivityDetail>();
      for (const id of new Set(oldBefore.nodes.flatMap((n) => n.activityIds))) {
        details.set(id, (await admin.get<ActivityDetail>(`/api/v1/activities/${id}`)).body);
      }
      const running = (id: string) => ['planned', 'ongoing'].includes(details.get(id)!.status);
      const mappedIds = new Set([...oldIds('P7'), ...oldIds('P8')]);
      const targetsOf = (id: string) => {
        const links = details.get(id)!.links.map((l) => l.node.id);
        const targets = [
          ...(oldIds('P7').includes(id) ? [newNode('P7').id] : []),
          ...(oldIds('P8').includes(id) ? [newNode('P8').id, newNode('P9').id] : []),
        ];
        return targets.filter((t) => !links.includes(t));
      };
      const expected = [...mappedIds].filter((id) => running(id) && targetsOf(id).length > 0).sort();
      assert.ok(expected.length > 0, 'the seed has ongoing activities under P7 or P8');
      const completed = [...mappedIds].filter((id) => !running(id));
      assert.ok(completed.length > 0, 'the seed has completed activities under P7 or P8');
      const notCarried = [...details.keys()].filter((id) => running(id) && !mappedIds.has(id)).length;

      const preview = await editor.request<CarryOverResult>('POST', CARRY, { dryRun: true });
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      assert.equal(preview.body.dryRun, true);
      assert.deepEqual(preview.body.activities.map((a) => a.id).sort(), expected);
      for (const a of preview.body.activities) {
        assert.deepEqual([...a.addedNodeIds].sort(), targetsOf(a.id).sort());
        assert.ok(['planned', 'ongoing'].includes(a.status));
      }
      for (const id of completed) assert.ok(!preview.body.activities.some((a) => a.id === id), `${id} is completed`);
      assert.equal(
        preview.body.linksAdded,
        expected.reduce((n, id) => n + targetsOf(id).length, 0),
      );
      assert.equal(preview.body.notCarried, notCarried);
      // A preview writes nothing.
      for (const id of expected) {
        const now = (await admin.get<ActivityDetail>(`/api/v1/activities/${id}`)).body;
        assert.equal(now.version, details.get(id)!.version);
        assert.equal(now.links.length, details.get(id)!.links.length);
      }
      assert.equal((await coverage(TO)).summary.activityCount, newBefore.summary.activityCount);

      const run = await editor.request<CarryOverResult>('POST', CARRY, { dryRun: false });
      assert.equal(run.status, 200, JSON.stringify(run.body));
      assert.equal(run.body.dryRun, false);
      assert.deepEqual(run.body.activities, preview.body.activities);
      assert.equal(run.body.linksAdded, preview.body.linksAdded);

      for (const id of expected) {
        const before = details.get(id)!;
        const now = (await admin.get<ActivityDetail>(`/api/v1/activities/${id}`)).body;
        assert.equal(now.version, before.version + 1);
        const linked = now.links.map((l) => l.node.id);
        for (const l of before.links) assert.ok(linked.includes(l.node.id), 'old links are kept');
        for (const t of targetsOf(id)) assert.ok(!before.links.some((l) => l.node.id === t));
        const added = now.links.filter((l) => !before.links.some((b) => b.node.id === l.node.id));
        assert.equal(added.length, run.body.activities.find((a) => a.id === id)!.addedNodeIds.length);
        for (const l of added) assert.match(l.rationale ?? '', /Carried over from P(7|8) .*crosswalk/);
        // The write path stores the activity's lines afresh (new ids), with the same content.
        const content = (lines: ActivityDetail['funding']) => lines.map(({ id: _id, ...rest }) => rest);
        assert.deepEqual(content(now.funding), content(before.funding), 'funding is untouched');
        const history = (
          await admin.get<{ items: { version: number; comment: string | null }[] }>(`/api/v1/activities/${id}/history`)
        ).body.items;
        assert.equal(history[0]?.version, before.version + 1);
        assert.match(history[0]?.comment ?? '', /crosswalk from asean-canada-2016-2020 to asean-canada-2021-2025/);
      }

      const again = await editor.request<CarryOverResult>('POST', CARRY, { dryRun: false });
      assert.equal(again.status, 200);
      assert.deepEqual([again.body.activities, again.body.linksAdded], [[], 0]);

      const [oldAfter, newAfter] = [await coverage(FROM), await coverage(TO)];
      assert.equal(oldAfter.summary.activityCount, oldBefore.summary.activityCount);
      assert.deepEqual(oldAfter.summary.funding, oldBefore.summary.funding);
      const before = new Set(newBefore.nodes.flatMap((n) => n.activityIds));
      const joined = expected.filter((id) => !before.has(id));
      assert.equal(newAfter.summary.activityCount, newBefore.summary.activityCount + joined.length);
      const gain = new Map<string, number>();
      for (const id of joined) {
        for (const f of details.get(id)!.funding) {
          const key = `${f.type} ${f.currency}`;
          gain.set(key, (gain.get(key) ?? 0) + toMinorUnits(f.amount, f.currency));
        }
      }
      const [was, is] = [originalFunding(newBefore), originalFunding(newAfter)];
      for (const key of new Set([...was.keys(), ...is.keys()])) {
        assert.equal((is.get(key) ?? 0) - (was.get(key) ?? 0), gain.get(key) ?? 0, key);
      }
    });

    it('compares the two plans along the crosswalk with the figures of their coverage', async () => {
      const res = await server.get<PlanComparison>(`/api/v1/plans/${FROM}/compare/${TO}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const cmp = res.body;
      const [oldCov, newCov] = [await coverage(FROM), await coverage(TO)];
      assert.equal(cmp.currency, 'CAD');
      assert.deepEqual(
        cmp.rows.filter((r) => r.from).map((r) => r.from!.id),
        oldCov.nodes.map((n) => n.id),
        'old nodes in framework order',
      );
      const mappedNew = new Set([newNode('P7').id, newNode('P8').id, newNode('P9').id]);
      assert.deepEqual(cmp.counts, {
        continued: 2,
        dropped: 1,
        undecided: oldCov.nodes.length - 3,
        new: newCov.nodes.filter((n) => !mappedNew.has(n.id)).length,
      });
      const row = (code: string) => cmp.rows.find((r) => r.from?.code === code)!;
      assert.equal(row('P7').change, 'continued');
      assert.deepEqual(
        row('P8').to.map((n) => n.code),
        ['P8', 'P9'],
      );
      assert.equal(row('P10').change, 'dropped');
      assert.deepEqual(row('P10').to, []);
      assert.equal(row('P1').change, 'undecided');
      for (const r of cmp.rows.filter((r) => r.change === 'new')) {
        assert.equal(r.from, null);
        assert.equal(r.to.length, 1);
        assert.ok(!mappedNew.has(r.to[0]!.id));
      }
      for (const n of [...oldCov.nodes, ...newCov.nodes]) {
        const shown = cmp.rows.flatMap((r) => [r.from, ...r.to]).find((x) => x?.id === n.id);
        assert.ok(shown, n.code);
        assert.equal(shown.activityCount, n.activityCount, n.code);
        assert.equal(shown.partnerCount, n.partners.count, n.code);
        assert.deepEqual(shown.rollup, n.rollup, n.code);
        const commitment = n.funding.converted.find((a) => a.type === 'commitment');
        assert.equal(shown.committed, commitment && commitment.lines > 0 ? commitment.amount : null, n.code);
      }
      assert.equal(cmp.plans.from.activityCount, oldCov.summary.activityCount);
      assert.equal(cmp.plans.to.activityCount, newCov.summary.activityCount);
      assert.equal(cmp.plans.to.partnerCount, newCov.summary.partners.count);
      assert.deepEqual(cmp.plans.from.rollup, oldCov.summary.rollup);
      assert.ok(cmp.plans.from.committed !== null, 'the old plan has converted commitments');

      const unknown = await server.get<Problem>(`/api/v1/plans/${FROM}/compare/no-such-plan`);
      assert.equal(unknown.status, 404);
      const bad = await server.get<Problem>(`/api/v1/plans/${FROM}/compare/${TO}?currency=XYZ`);
      assert.equal(bad.status, 400);
      assert.deepEqual(
        bad.body.errors?.map((e) => e.name),
        ['currency'],
      );
    });
  });
}
