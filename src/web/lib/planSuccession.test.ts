import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planNeighbours } from './planSuccession';

const partnership = (id: string) => ({ id, slug: id, name: { en: id, fr: id } });
const plan = (id: string, start: number, end: number, partner = 'asean-canada') => ({
  id,
  slug: id,
  partnership: partnership(partner),
  periodStart: start,
  periodEnd: end,
});

describe(planNeighbours.name, () => {
  const first = plan('a-2010', 2010, 2015);
  const second = plan('a-2016', 2016, 2020);
  const third = plan('a-2021', 2021, 2025);
  const other = plan('b-2018', 2018, 2022, 'asean-japan');
  // Listed out of order, with another partnership's plan in between.
  const plans = [third, other, first, second];

  it('finds the plans just before and after, by period, within the partnership', () => {
    assert.deepEqual(planNeighbours(plans, second), { previous: first, next: third });
  });

  it('has no predecessor for the first plan and no successor for the last', () => {
    assert.deepEqual(planNeighbours(plans, first), { previous: null, next: second });
    assert.deepEqual(planNeighbours(plans, third), { previous: second, next: null });
  });

  it('never pairs plans of different partnerships', () => {
    assert.deepEqual(planNeighbours(plans, other), { previous: null, next: null });
  });

  it('has no neighbours for a plan missing from the list', () => {
    assert.deepEqual(planNeighbours([first, third], second), { previous: null, next: null });
  });
});
