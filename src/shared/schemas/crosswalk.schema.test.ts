import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  carryOverInputSchema,
  crosswalkEntryInputSchema,
  crosswalkEntryUpdateSchema,
  planComparisonQuerySchema,
} from './crosswalk.schema';

const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (r.error?.issues ?? []).map((i) => i.path.join('.'));

describe('crosswalk schemas', () => {
  it('takes a mapping to a new node or to none (dropped), an empty note being none', () => {
    assert.deepEqual(crosswalkEntryInputSchema.parse({ fromNodeId: 'a', toNodeId: 'b', note: ' Kept. ' }), {
      fromNodeId: 'a',
      toNodeId: 'b',
      note: 'Kept.',
    });
    assert.deepEqual(crosswalkEntryInputSchema.parse({ fromNodeId: 'a', toNodeId: null, note: '' }), {
      fromNodeId: 'a',
      toNodeId: null,
      note: null,
    });
  });

  it('refuses a mapping without its new node, an empty old node, a long note and unknown fields', () => {
    assert.deepEqual(paths(crosswalkEntryInputSchema.safeParse({ fromNodeId: 'a' })), ['toNodeId']);
    assert.deepEqual(paths(crosswalkEntryInputSchema.safeParse({ fromNodeId: ' ', toNodeId: null })), ['fromNodeId']);
    assert.deepEqual(
      paths(crosswalkEntryInputSchema.safeParse({ fromNodeId: 'a', toNodeId: null, note: 'x'.repeat(2001) })),
      ['note'],
    );
    assert.deepEqual(paths(crosswalkEntryInputSchema.safeParse({ fromNodeId: 'a', toNodeId: null, extra: 1 })), ['']);
  });

  it('leaves out of an edit what it does not change', () => {
    assert.deepEqual(crosswalkEntryUpdateSchema.parse({ note: 'New note' }), { note: 'New note' });
    assert.deepEqual(crosswalkEntryUpdateSchema.parse({ toNodeId: null }), { toNodeId: null });
  });

  it('carries planned and ongoing activities by default, and nothing else', () => {
    assert.deepEqual(carryOverInputSchema.parse({ dryRun: true }), { dryRun: true, statuses: ['planned', 'ongoing'] });
    assert.deepEqual(paths(carryOverInputSchema.safeParse({ dryRun: true, statuses: ['completed'] })), ['statuses.0']);
    assert.deepEqual(paths(carryOverInputSchema.safeParse({ dryRun: true, statuses: [] })), ['statuses']);
    assert.deepEqual(paths(carryOverInputSchema.safeParse({ dryRun: 'yes' })), ['dryRun']);
  });

  it('compares in Canadian dollars unless asked otherwise', () => {
    assert.deepEqual(planComparisonQuerySchema.parse({}), { currency: 'CAD' });
    assert.deepEqual(paths(planComparisonQuerySchema.safeParse({ currency: 'EUR' })), ['currency']);
  });
});
