import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { comparisonParams, parseComparisonQuery } from './planComparisonQuery';

const parse = (search: string) => parseComparisonQuery(new URLSearchParams(search));

describe(parseComparisonQuery.name, () => {
  it('reads no filter and the default currency from an empty address', () => {
    assert.deepEqual(parse(''), { ok: true, query: { api: { currency: 'CAD' }, show: null } });
    assert.deepEqual(parse('show=&currency='), { ok: true, query: { api: { currency: 'CAD' }, show: null } });
  });

  it('reads one kind of change and a reporting currency', () => {
    assert.deepEqual(parse('show=dropped&currency=USD'), {
      ok: true,
      query: { api: { currency: 'USD' }, show: 'dropped' },
    });
  });

  it('names each wrong or unknown parameter', () => {
    const parsed = parse('show=maybe&currency=EUR&page=2');
    assert.equal(parsed.ok, false);
    if (parsed.ok) return;
    assert.deepEqual(parsed.issues.map((i) => i.name).sort(), ['currency', 'page', 'show']);
    assert.ok(parsed.issues.find((i) => i.name === 'page')?.unknown);
  });
});

describe(comparisonParams.name, () => {
  it('leaves the defaults out of the address', () => {
    assert.deepEqual(comparisonParams({ api: { currency: 'CAD' }, show: null }), {
      currency: undefined,
      show: undefined,
    });
    assert.deepEqual(comparisonParams({ api: { currency: 'USD' }, show: 'new' }), { currency: 'USD', show: 'new' });
  });
});
