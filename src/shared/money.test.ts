import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { currencyExponent, fromMinorUnits, toMinorUnits } from './money';

describe('money', () => {
  it('knows each currency’s decimals from ISO 4217', () => {
    assert.equal(currencyExponent('CAD'), 2);
    assert.equal(currencyExponent('JPY'), 0);
    assert.equal(currencyExponent('KWD'), 3);
  });
  it('converts decimal text to minor units exactly', () => {
    assert.equal(toMinorUnits('3000000', 'CAD'), 300000000);
    assert.equal(toMinorUnits('11854888.5', 'CAD'), 1185488850);
    assert.equal(toMinorUnits('0.10', 'USD'), 10);
    assert.equal(toMinorUnits('1500', 'JPY'), 1500);
    assert.equal(toMinorUnits('-2.05', 'CAD'), -205);
  });
  it('rejects malformed amounts and extra decimals', () => {
    assert.throws(() => toMinorUnits('3,000,000', 'CAD'), RangeError);
    assert.throws(() => toMinorUnits('1.234', 'CAD'), /2 decimals/);
    assert.throws(() => toMinorUnits('1.5', 'JPY'), /0 decimals/);
    assert.throws(() => toMinorUnits('99999999999999999999', 'CAD'), /too large/);
  });
  it('formats minor units back as decimal text', () => {
    assert.equal(fromMinorUnits(300000000, 'CAD'), '3000000.00');
    assert.equal(fromMinorUnits(-205, 'CAD'), '-2.05');
    assert.equal(fromMinorUnits(1500, 'JPY'), '1500');
    assert.equal(fromMinorUnits(toMinorUnits('12.345', 'KWD'), 'KWD'), '12.345');
  });
});
