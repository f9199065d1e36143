import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activityInputSchema } from '../../shared/schemas/activity.schema';
import { diffActivity } from './activity-write.service';

const base = activityInputSchema.parse({
  title: { en: 'Workshop' },
  type: 'training',
  status: 'planned',
  countries: ['VN', 'ID', 'ID'],
  funding: [{ amount: '1250.50', currency: 'cad', type: 'commitment' }],
});

describe('activity input', () => {
  it('normalises what officers type: trimmed text, sorted unique countries, canonical amounts', () => {
    assert.deepEqual(base.countries, ['ID', 'VN']);
    assert.equal(base.funding[0]!.amount, '1250.5');
    assert.equal(base.funding[0]!.currency, 'CAD');
    assert.deepEqual(base.summary, { en: null, fr: null });
  });

  it('reports every problem at once, including cross-field rules', () => {
    const r = activityInputSchema.safeParse({
      title: { en: '' },
      type: 'training',
      status: 'done',
      plannedStart: '2012',
      plannedEnd: '2011-06',
      participants: [
        { organisationId: 'o1', role: 'funder' },
        { organisationId: 'o1', role: 'funder' },
      ],
      funding: [{ amount: '10.5', currency: 'JPY', type: 'budget' }],
    });
    assert.equal(r.success, false);
    const paths = r.error.issues.map((i) => i.path.join('.')).sort();
    assert.deepEqual(paths, ['funding.0.amount', 'participants.1.organisationId', 'plannedEnd', 'status', 'title.en']);
  });
});

describe('diffActivity', () => {
  it('lists each changed field with its before and after, and nothing else', () => {
    const after = { ...base, title: { en: 'Workshop on migration', fr: 'Atelier' }, countries: ['ID' as const] };
    const changes = diffActivity(base, after);
    assert.deepEqual(
      changes.map((c) => c.field),
      ['title', 'countries'],
    );
    assert.deepEqual(changes[0], {
      field: 'title',
      before: { en: 'Workshop', fr: null },
      after: { en: 'Workshop on migration', fr: 'Atelier' },
    });
  });

  it('treats a creation as every field changing from nothing', () => {
    const changes = diffActivity(null, base);
    assert.ok(changes.some((c) => c.field === 'title' && c.before === null));
    assert.equal(
      changes.length,
      Object.keys(base).filter((k) => JSON.stringify(base[k as keyof typeof base]) !== 'null').length,
    );
  });
});
