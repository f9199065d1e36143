import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  CoverageNode,
  PlanCoverage,
  Problem,
  SnapshotComparison,
  SnapshotDetail,
  SnapshotSummary,
} from '../src/shared/api-types';
import type { Actor } from '../src/core/policy';
import { signedIn, type Client } from './support/client';
import { DATABASES, type TestDatabase } from './support/databases';
import { startTestServer, type TestServer } from './support/server';

const PLAN = 'asean-canada-2010-2015';

/** A node's state where it is part of the framework in force, else null. */
const stateMap = (c: PlanCoverage) =>
  new Map(c.nodes.map((n: CoverageNode) => [n.id, n.inForce ? n.state : null] as const));

for (const target of DATABASES) {
  describe(`coverage snapshots on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let reviewer: Client;
    let admin: Client;
    let early: SnapshotDetail;
    let late: SnapshotDetail;

    const create = (client: Client, body: unknown) =>
      client.request<SnapshotDetail & Problem>('POST', `/api/v1/plans/${PLAN}/snapshots`, body);

    before(async () => {
      database = await target.create();
      server = await startTestServer(database);
      reviewer = await signedIn(server, 'reviewer', 'asean');
      admin = await signedIn(server, 'admin', 'canada');
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    it('freezes the coverage judged on a date, equal to the live coverage on that date', async () => {
      const res = await create(reviewer, { label: 'Review of 2012', note: 'For the JCC', asOf: '2012-12-31' });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.headers.get('etag'), '"1"');
      assert.match(res.headers.get('location') ?? '', new RegExp(`/snapshots/${res.body.id}$`));
      early = res.body;
      const live = await server.get<PlanCoverage>(
        `/api/v1/plans/${PLAN}/coverage?to=2012-12-31&include=ids&partners=all`,
      );
      assert.deepEqual(early.coverage, live.body);
      assert.equal(early.asOf, '2012-12-31');
      assert.equal(early.createdBy, 'reviewer asean');
      assert.deepEqual(early.rollup, live.body.summary.rollup);
      assert.equal(early.gapCount, live.body.gaps.length);

      const second = await create(reviewer, { label: 'End of the plan', asOf: '2015-12-31' });
      assert.equal(second.status, 201);
      late = second.body;
      assert.ok(late.rollup.addressed > early.rollup.addressed, 'more was addressed by the end of the plan');
    });

    it('lists snapshots for everyone, by reference date, and reads one whole', async () => {
      const list = await server.get<{ items: SnapshotSummary[] }>(`/api/v1/plans/${PLAN}/snapshots`);
      assert.equal(list.status, 200);
      assert.deepEqual(
        list.body.items.map((s) => [s.label, s.asOf]),
        [
          ['Review of 2012', '2012-12-31'],
          ['End of the plan', '2015-12-31'],
        ],
      );
      assert.ok(!('coverage' in list.body.items[0]!), 'lists carry the headline figures only');
      const one = await server.get<SnapshotDetail>(`/api/v1/plans/${PLAN}/snapshots/${early.id}`);
      assert.deepEqual(one.body, early);
    });

    it('stays as it was when activities change afterwards', async () => {
      // A newly published activity on a gap of 2012, running in 2011–2012.
      const gap = early.coverage.gaps[0]!;
      const users = server.core.auth;
      const mk = async (role: 'editor' | 'reviewer', side: 'asean' | 'canada') =>
        ({
          ...(await users.createUser(null, {
            email: `${role}.${side}.snap@example.org`,
            displayName: `${role} ${side}`,
            role,
            side,
          })),
          organisationId: null,
        }) as Actor;
      const editor = await mk('editor', 'canada');
      const w = server.core.activityWrites;
      let a = await w.create(editor, {
        iatiIdentifier: null,
        title: { en: 'Filling a 2012 gap', fr: null },
        summary: { en: null, fr: null },
        description: { en: null, fr: null },
        type: 'training',
        status: 'completed',
        plannedStart: '2011',
        plannedEnd: '2012-06',
        actualStart: null,
        actualEnd: null,
        countries: ['TH'],
        regional: false,
        otherRecipients: [],
        reportingOrganisationId: null,
        sectors: [],
        results: [],
        otherLanguageTexts: [],
        participants: [],
        funding: [],
        links: [{ nodeId: gap.nodeId, rationale: null, confidence: null }],
        sources: [],
      });
      a = await w.submit(editor, a.id, a.version);
      a = await w.approve(await mk('reviewer', 'asean'), a.id, a.version, null);
      a = await w.approve(await mk('reviewer', 'canada'), a.id, a.version, null);
      assert.equal(a.workflowState, 'published');

      const live = await server.get<PlanCoverage>(`/api/v1/plans/${PLAN}/coverage?to=2012-12-31`);
      assert.equal(stateMap(live.body).get(gap.nodeId), 'addressed', 'today the gap of 2012 shows as addressed');
      const frozen = await server.get<SnapshotDetail>(`/api/v1/plans/${PLAN}/snapshots/${early.id}`);
      assert.deepEqual(frozen.body, early, 'the snapshot has not moved');
      assert.equal(stateMap(frozen.body.coverage).get(gap.nodeId), 'not_started');
    });

    it('compares two snapshots: every node that moved, and the leaves per transition', async () => {
      const res = await server.get<SnapshotComparison>(
        `/api/v1/plans/${PLAN}/snapshots/compare?from=${early.id}&to=${late.id}`,
      );
      assert.equal(res.status, 200);
      const c = res.body;
      assert.deepEqual([c.from.id, c.to.id], [early.id, late.id]);
      assert.deepEqual(c.from.rollup, early.rollup);
      assert.deepEqual(c.to.rollup, late.rollup);
      const before = stateMap(early.coverage);
      const afterStates = stateMap(late.coverage);
      const changed = late.coverage.nodes.filter((n) => before.get(n.id) !== afterStates.get(n.id)).map((n) => n.id);
      assert.ok(changed.length > 0);
      assert.deepEqual(
        c.moves.map((m) => m.nodeId),
        changed,
      );
      for (const m of c.moves) {
        assert.equal(m.from, before.get(m.nodeId));
        assert.equal(m.to, afterStates.get(m.nodeId));
      }
      const leafMoves = c.moves.filter((m) => m.leaf).length;
      assert.equal(
        c.leafTransitions.reduce((n, t) => n + t.count, 0),
        leafMoves,
      );
      // Leaves addressed at the end = addressed before, plus those that moved in, minus those that moved out.
      const into = c.leafTransitions.filter((t) => t.to === 'addressed').reduce((n, t) => n + t.count, 0);
      const out = c.leafTransitions.filter((t) => t.from === 'addressed').reduce((n, t) => n + t.count, 0);
      assert.equal(early.rollup.addressed + into - out, late.rollup.addressed);
    });

    it('compares a snapshot with the coverage today', async () => {
      const res = await server.get<SnapshotComparison>(`/api/v1/plans/${PLAN}/snapshots/compare?from=${early.id}`);
      assert.equal(res.status, 200);
      assert.equal(res.body.to.id, 'current');
      assert.equal(res.body.to.label, null);
      assert.equal(res.body.to.asOf, new Date().toISOString().slice(0, 10));
    });

    it('refuses bad input, naming the field and the fix', async () => {
      const future = new Date(Date.now() + 3 * 86400_000).toISOString().slice(0, 10);
      const bad = await create(reviewer, { label: '', asOf: future, currency: 'EUR' });
      assert.equal(bad.status, 400);
      assert.match(bad.headers.get('content-type') ?? '', /application\/problem\+json/);
      const reasons = new Map(bad.body.errors!.map((e) => [e.name, e.reason]));
      assert.deepEqual([...reasons.keys()].sort(), ['asOf', 'currency', 'label']);
      assert.match(reasons.get('asOf') ?? '', /up to today/);
      const same = await server.get<Problem>(`/api/v1/plans/${PLAN}/snapshots/compare?from=${early.id}&to=${early.id}`);
      assert.equal(same.status, 400);
      assert.equal(same.body.errors?.[0]?.name, 'to');
      const unknown = await server.get<Problem>(`/api/v1/plans/${PLAN}/snapshots/compare?from=nope`);
      assert.equal(unknown.status, 404);
    });

    it('lets an administrator withdraw a snapshot, with the version read', async () => {
      const path = `/api/v1/plans/${PLAN}/snapshots/${late.id}`;
      assert.equal((await admin.request('DELETE', path)).status, 428);
      assert.equal((await admin.request('DELETE', path, undefined, { 'if-match': '"7"' })).status, 409);
      assert.equal((await admin.request('DELETE', path, undefined, { 'if-match': '"1"' })).status, 204);
      assert.equal((await server.get(path)).status, 404);
      const list = await server.get<{ items: SnapshotSummary[] }>(`/api/v1/plans/${PLAN}/snapshots`);
      assert.deepEqual(
        list.body.items.map((s) => s.id),
        [early.id],
      );
    });
  });
}
