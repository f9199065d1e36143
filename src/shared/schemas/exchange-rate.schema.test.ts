import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exchangeRateBodySchema, exchangeRateInputSchema, exchangeRateKeySchema } from './exchange-rate.schema';

const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

describe('exchange-rate schema', () => {
  it('reads the path: the currency as given, the year as a number', () => {
    assert.deepEqual(exchangeRateKeySchema.parse({ currency: 'PHP', year: '2021' }), { currency: 'PHP', year: 2021 });
    const bad = messages(exchangeRateKeySchema.safeParse({ currency: 'php', year: '21' }));
    assert.match(bad.currency ?? '', /three capital letters/);
    assert.match(bad.year ?? '', /from 1990 to 2100/);
    assert.match(messages(exchangeRateKeySchema.safeParse({ currency: 'CAD', year: '2021' })).currency ?? '', /base/);
  });

  it('takes a positive decimal string with up to 8 decimals and a source', () => {
    assert.deepEqual(exchangeRateBodySchema.parse({ cadPerUnit: ' 0.00008638 ', source: 'BoC' }), {
      cadPerUnit: '0.00008638',
      source: 'BoC',
      note: null,
    });
    for (const cadPerUnit of ['1,37', '-1.2', '1.', '.5', '1.123456789', '1e3']) {
      assert.ok(messages(exchangeRateBodySchema.safeParse({ cadPerUnit, source: 'x' })).cadPerUnit, cadPerUnit);
    }
    assert.equal(
      messages(exchangeRateBodySchema.safeParse({ cadPerUnit: '0.00', source: 'x' })).cadPerUnit,
      'The rate must be greater than zero.',
    );
    assert.match(
      messages(exchangeRateBodySchema.safeParse({ cadPerUnit: 1.37, source: 'x' })).cadPerUnit ?? '',
      /in quotes/,
    );
    assert.match(
      messages(exchangeRateBodySchema.safeParse({ cadPerUnit: '1', source: '  ' })).source ?? '',
      /comes from/,
    );
  });

  it('checks a whole rate, as the seed file and the UI write it', () => {
    const r = exchangeRateInputSchema.safeParse({
      currency: 'USD',
      year: 2024,
      cadPerUnit: '1.3698',
      source: 'BoC',
      note: '',
    });
    assert.ok(r.success);
    assert.equal(r.data.note, null);
    assert.deepEqual(
      Object.keys(messages(exchangeRateInputSchema.safeParse({ currency: 'USD', year: 1989.5 }))).sort(),
      ['cadPerUnit', 'source', 'year'],
    );
  });
});
