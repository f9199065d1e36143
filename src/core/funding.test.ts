import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fundingTotals } from './funding';

describe('fundingTotals', () => {
  it('adds per currency and type, never across currencies, exactly in minor units', () => {
    const totals = fundingTotals([
      { currency: 'CAD', type: 'commitment', amount_minor: 300000000 },
      { currency: 'CAD', type: 'commitment', amount_minor: 10 },
      { currency: 'USD', type: 'commitment', amount_minor: 500 },
      { currency: 'CAD', type: 'disbursement', amount_minor: 100 },
      { currency: 'JPY', type: 'budget', amount_minor: 1500 },
    ]);
    assert.deepEqual(totals, [
      { currency: 'JPY', type: 'budget', amount: '1500' },
      { currency: 'CAD', type: 'commitment', amount: '3000000.10' },
      { currency: 'USD', type: 'commitment', amount: '5.00' },
      { currency: 'CAD', type: 'disbursement', amount: '1.00' },
    ]);
  });
  it('returns nothing for no lines', () => {
    assert.deepEqual(fundingTotals([]), []);
  });
});
