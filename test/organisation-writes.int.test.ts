import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ActivityDetail, OrganisationDetail, Page, ActivitySummary, Problem } from '../src/shared/api-types';
import { BASELINE } from '../src/core/history';
import { stableId } from '../src/core/ids';
import { Client, signedIn } from './support/client';
import { DATABASES, type TestDatabase } from './support/databases';
import { startTestServer, type TestServer } from './support/server';

/** What an organisation holds, without what every write renews: its version and when it was stored. */
const content = ({ version: _version, updatedAt: _updatedAt, ...rest }: OrganisationDetail) => rest;

interface HistoryItem {
  version: number;
  action: string;
  user: { displayName: string } | null;
  comment: string | null;
  changes: { field: string; before: unknown; after: unknown }[];
}

for (const target of DATABASES) {
  describe(`editing organisations on ${target.name}`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let editor: Client;
    let other: Client;

    before(async () => {
      database = await target.create();
      server = await startTestServer(database);
      editor = await signedIn(server, 'editor', 'asean');
      other = await signedIn(server, 'editor', 'canada');
    });
    after(async () => {
      await server?.close();
      await database?.drop();
    });

    it('creates and edits an organisation, refusing a stale edit', async () => {
      const created = await editor.request<OrganisationDetail>('POST', '/api/v1/organisations', {
        name: { en: 'Mekong Institute', fr: 'Institut du Mékong' },
        acronym: 'MI',
        type: 'research',
        country: 'th',
      });
      assert.equal(created.status, 201);
      assert.equal(created.body.country, 'TH');
      const bad = await editor.request<Problem>('POST', '/api/v1/organisations', {
        name: { en: '' },
        type: 'club',
        website: 'ftp://x',
      });
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.errors!.map((e) => e.name).sort(), ['name.en', 'type', 'website']);

      const id = created.body.id;
      const body = { name: { en: 'Mekong Institute (MI)' }, type: 'research' };
      assert.equal(
        (await editor.request('PUT', `/api/v1/organisations/${id}`, body, { 'if-match': '"1"' })).status,
        200,
      );
      const stale = await other.request<Problem>(
        'PUT',
        `/api/v1/organisations/${id}`,
        { name: { en: 'Other' }, type: 'research' },
        { 'if-match': '"1"' },
      );
      assert.equal(stale.status, 409);
      assert.equal(stale.body.currentVersion, 2);
      const history = await editor.get<{ items: { action: string }[] }>(`/api/v1/organisations/${id}/history`);
      assert.deepEqual(
        history.body.items.map((h) => h.action),
        ['update', 'create'],
      );
    });

    it('restores an earlier version and brings an organisation back from the trash', async () => {
      const admin = await signedIn(server, 'admin', 'canada');
      const created = await editor.request<OrganisationDetail>('POST', '/api/v1/organisations', {
        name: { en: 'Temporary Forum' },
        type: 'civil_society',
      });
      const id = created.body.id;
      await editor.request(
        'PUT',
        `/api/v1/organisations/${id}`,
        { name: { en: 'Renamed Forum' }, type: 'civil_society' },
        { 'if-match': '"1"' },
      );
      const restored = await editor.request<OrganisationDetail>(
        'POST',
        `/api/v1/organisations/${id}/history/1/restore`,
        undefined,
        { 'if-match': '"2"' },
      );
      assert.equal(restored.status, 200);
      assert.equal(restored.body.name.en, 'Temporary Forum');
      assert.equal(restored.body.version, 3);

      assert.equal(
        (await editor.request('DELETE', `/api/v1/organisations/${id}`, undefined, { 'if-match': '"3"' })).status,
        204,
      );
      const trash = await admin.get<{ organisations: { id: string }[] }>('/api/v1/trash');
      assert.ok(trash.body.organisations.some((o) => o.id === id));
      const back = await admin.request<OrganisationDetail>('POST', `/api/v1/trash/organisations/${id}/restore`);
      assert.equal(back.status, 200);
      assert.equal((await new Client(server).get(`/api/v1/organisations/${id}`)).status, 200);
      const actions = (
        await editor.get<{ items: { action: string }[] }>(`/api/v1/organisations/${id}/history`)
      ).body.items.map((h) => h.action);
      assert.deepEqual(actions, ['undelete', 'delete', 'restore', 'update', 'create']);
    });

    it('merges a duplicate without losing a single link, keeping its name as a former name', async () => {
      const orgs = await editor.get<Page<{ id: string; name: { en: string } }>>('/api/v1/organisations?q=IDRC');
      const idrc = orgs.body.items[0]!;
      const before = await editor.get<Page<ActivitySummary>>(`/api/v1/activities?organisation=${idrc.id}&pageSize=100`);
      assert.ok(before.body.total > 0);

      const dup = await editor.request<OrganisationDetail>('POST', '/api/v1/organisations', {
        name: { en: 'International Development Research Center (IDRC Canada)' },
        type: 'research',
        country: 'CA',
      });
      const activity = await editor.request<ActivityDetail>('POST', '/api/v1/activities', {
        title: { en: 'Research grant recorded under a duplicate' },
        type: 'research',
        status: 'ongoing',
        participants: [{ organisationId: dup.body.id, role: 'funder' }],
        funding: [{ amount: '500000', currency: 'CAD', type: 'commitment', providerId: dup.body.id }],
      });
      assert.equal(activity.status, 201);
      assert.equal(
        (
          await editor.request<Problem>('DELETE', `/api/v1/organisations/${dup.body.id}`, undefined, {
            'if-match': '"1"',
          })
        ).status,
        409,
        'in use: merge, not delete',
      );

      const merged = await editor.request<OrganisationDetail>(
        'POST',
        `/api/v1/organisations/${dup.body.id}/merge`,
        { into: idrc.id },
        { 'if-match': '"1"' },
      );
      assert.equal(merged.status, 200, JSON.stringify(merged.body));
      assert.ok(
        merged.body.formerNames.some((f) => f.name === 'International Development Research Center (IDRC Canada)'),
      );
      assert.equal((await editor.get(`/api/v1/organisations/${dup.body.id}`)).status, 404);

      const moved = await editor.get<ActivityDetail>(`/api/v1/activities/${activity.body.id}`);
      assert.equal(moved.body.participants[0]!.organisation.id, idrc.id);
      assert.equal(moved.body.funding[0]!.provider?.id, idrc.id);
      const after = await editor.get<Page<ActivitySummary>>(`/api/v1/activities?organisation=${idrc.id}&pageSize=100`);
      assert.equal(after.body.total, before.body.total + 1);
    });

    it('answers the history of a seeded organisation, empty until its first change, and 404 for none', async () => {
      const seeded = stableId('organisation:global-affairs-canada');
      const untouched = await editor.get<{ items: HistoryItem[] }>(`/api/v1/organisations/${seeded}/history`);
      assert.equal(untouched.status, 200);
      assert.deepEqual(untouched.body.items, []);
      const unknown = await editor.get<Problem>(
        `/api/v1/organisations/${stableId('organisation:no-such-organisation')}/history`,
      );
      assert.equal(unknown.status, 404);
    });

    it('records the seeded state as a baseline at the first edit, and restores it exactly', async () => {
      const id = stableId('organisation:global-affairs-canada');
      const seeded = (await editor.get<OrganisationDetail>(`/api/v1/organisations/${id}`)).body;
      assert.ok(seeded.formerNames.length > 1 && seeded.website && seeded.description.fr);
      const edited = await editor.request<OrganisationDetail>(
        'PUT',
        `/api/v1/organisations/${id}`,
        { name: { en: 'Renamed department' }, type: 'government', formerNames: [{ name: 'Only this one' }] },
        { 'if-match': `"${seeded.version}"` },
      );
      assert.equal(edited.status, 200, JSON.stringify(edited.body));

      const history = (await editor.get<{ items: HistoryItem[] }>(`/api/v1/organisations/${id}/history`)).body.items;
      assert.deepEqual(
        history.map((h) => [h.version, h.action]),
        [
          [seeded.version + 1, 'update'],
          [seeded.version, 'baseline'],
        ],
      );
      const baseline = history[1]!;
      assert.equal(baseline.user, null);
      assert.equal(baseline.comment, BASELINE.comment);
      assert.deepEqual(baseline.changes, []);
      assert.deepEqual(history[0]!.changes.find((c) => c.field === 'name')?.before, seeded.name);

      const restored = await editor.request<OrganisationDetail>(
        'POST',
        `/api/v1/organisations/${id}/history/${seeded.version}/restore`,
        undefined,
        { 'if-match': `"${seeded.version + 1}"` },
      );
      assert.equal(restored.status, 200, JSON.stringify(restored.body));
      assert.equal(restored.body.version, seeded.version + 2);
      assert.deepEqual(
        content((await editor.get<OrganisationDetail>(`/api/v1/organisations/${id}`)).body),
        content(seeded),
      );
      const after = (await editor.get<{ items: HistoryItem[] }>(`/api/v1/organisations/${id}/history`)).body.items;
      assert.deepEqual(
        after.map((h) => h.action),
        ['restore', 'update', 'baseline'],
        'the baseline is recorded once',
      );
    });
  });
}
