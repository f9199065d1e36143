import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activityListQuerySchema } from './activity-query.schema';

describe('activityListQuerySchema', () => {
  it('applies defaults', () => {
    const q = activityListQuerySchema.parse({});
    assert.deepEqual(q, { sort: '-start', page: 1, pageSize: 20 });
  });
  it('accepts comma-separated and repeated list values, de-duplicated', () => {
    const q = activityListQuerySchema.parse({ country: ['ID,PH', 'ID'], status: 'ongoing', type: 'project,forum' });
    assert.deepEqual(q.country, ['ID', 'PH']);
    assert.deepEqual(q.status, ['ongoing']);
    assert.deepEqual(q.type, ['project', 'forum']);
  });
  it('coerces numbers from query text', () => {
    const q = activityListQuerySchema.parse({ yearFrom: '2010', yearTo: '2015', page: '2', pageSize: '50' });
    assert.equal(q.yearFrom, 2010);
    assert.equal(q.pageSize, 50);
  });
  it('names every bad field with a fix', () => {
    const r = activityListQuerySchema.safeParse({
      country: 'XX',
      status: 'done',
      pageSize: '500',
      yearFrom: 'abc',
      colour: 'red',
    });
    assert.equal(r.success, false);
    const byPath = new Map(r.error.issues.map((i) => [i.path[0] ?? '', i.message]));
    assert.match(byPath.get('country')!, /ASEAN member states/);
    assert.match(byPath.get('status')!, /planned, ongoing/);
    assert.match(byPath.get('pageSize')!, /at most 100/);
    assert.match(byPath.get('yearFrom')!, /year/);
    assert.ok(r.error.issues.some((i) => i.code === 'unrecognized_keys'));
  });
  it('accepts workflow states as a list and a creator id or me', () => {
    const q = activityListQuerySchema.parse({ workflowState: 'draft,returned,draft', createdBy: ' me ' });
    assert.deepEqual(q.workflowState, ['draft', 'returned']);
    assert.equal(q.createdBy, 'me');
    const r = activityListQuerySchema.safeParse({ workflowState: 'archived', createdBy: '' });
    assert.equal(r.success, false);
    const byPath = new Map(r.error.issues.map((i) => [i.path[0] ?? '', i.message]));
    assert.match(byPath.get('workflowState')!, /draft, submitted, returned, published/);
    assert.ok(byPath.has('createdBy'));
  });
  it('rejects a reversed year range', () => {
    const r = activityListQuerySchema.safeParse({ yearFrom: '2015', yearTo: '2010' });
    assert.equal(r.success, false);
    assert.deepEqual(r.error.issues[0]!.path, ['yearTo']);
  });
});
