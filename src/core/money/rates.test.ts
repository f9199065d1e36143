import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nearest, parsePositiveDecimal, RateTable, type AnnualRate } from './rates';

const src = 'https://www.bankofcanada.ca/rates/exchange/annual-average-exchange-rates/';
const rate = (currency: string, year: number, cadPerUnit: string): AnnualRate => ({
  currency,
  year,
  cadPerUnit,
  source: src,
  note: null,
});

const table = new RateTable([
  rate('USD', 2023, '1.3497'),
  rate('USD', 2024, '1.3698'),
  rate('USD', 2020, '1.3415'),
  rate('PHP', 2023, '0.02433'),
  rate('PHP', 2021, '0.02610'),
  rate('JPY', 2023, '0.009620'),
  rate('KWD', 2023, '4.3923'),
  rate('EUR', 2024, '1.4820'),
]);

describe(RateTable.name, () => {
  it('converts CAD → USD → CAD with the year’s rate', () => {
    const usd = table.convert(1_000_000, 'CAD', 2024, 'USD');
    // 10 000.00 CAD ÷ 1.3698 = 7300.335815… USD
    assert.deepEqual(usd, { amountMinor: 730_034, currency: 'USD', rate: '0.7300335815', rateYear: 2024, exact: true });
    const back = table.convert(730_034, 'USD', 2024, 'CAD');
    // 7300.34 × 1.3698 = 10 000.005732 → 10 000.01
    assert.deepEqual(back, { amountMinor: 1_000_001, currency: 'CAD', rate: '1.3698', rateYear: 2024, exact: true });
  });

  it('is the identity for CAD → CAD and any currency to itself', () => {
    assert.deepEqual(table.convert(12_345, 'CAD', 1999, 'CAD'), {
      amountMinor: 12_345,
      currency: 'CAD',
      rate: '1',
      rateYear: 1999,
      exact: true,
    });
    assert.equal(table.convert(500, 'XOF', 2024, 'XOF')?.amountMinor, 500);
  });

  it('falls back to the nearest year and says so', () => {
    // 2022 is missing: 2023 and 2021 are equally far for PHP; the earlier wins.
    const php = table.convert(100_000, 'PHP', 2022, 'CAD');
    assert.deepEqual(php, { amountMinor: 2_610, currency: 'CAD', rate: '0.0261', rateYear: 2021, exact: false });
    // 2022 for USD: 2023 is nearer than 2020.
    assert.equal(table.convert(100, 'USD', 2022, 'CAD')?.rateYear, 2023);
    // Past the last year: the last year's rate.
    assert.deepEqual(table.convert(100_00, 'USD', 2030, 'CAD'), {
      amountMinor: 136_98,
      currency: 'CAD',
      rate: '1.3698',
      rateYear: 2024,
      exact: false,
    });
    assert.equal(table.lookup('USD', 2019)?.rate.year, 2020);
    assert.equal(table.lookup('USD', 2019)?.exact, false);
    assert.equal(table.lookup('CAD', 2019), null);
  });

  it('prefers a common year for cross rates', () => {
    // USD→PHP in 2024: PHP has no 2024, the nearest year both have is 2023.
    const r = table.convert(100_00, 'USD', 2024, 'PHP');
    assert.equal(r?.rateYear, 2023);
    assert.equal(r?.exact, false);
    // 100 × 1.3497 ÷ 0.02433 = 5547.472256…
    assert.equal(r?.amountMinor, 5_547_47);
    // EUR and PHP share no year: each uses its own nearest, rateYear is the farther one.
    const e = table.convert(100_00, 'EUR', 2024, 'PHP');
    assert.equal(e?.rateYear, 2023);
    assert.equal(e?.exact, false);
  });

  it('returns null when either currency has no rate', () => {
    assert.equal(table.convert(100, 'CAD', 2024, 'GBP'), null);
    assert.equal(table.convert(100, 'GBP', 2024, 'USD'), null);
    assert.equal(table.convert(100, 'usd', 2024, 'cad')?.currency, 'CAD');
  });

  it('respects each currency’s minor-unit exponent', () => {
    // 1 000 000 JPY (exponent 0) × 0.009620 = 9620.00 CAD
    assert.equal(table.convert(1_000_000, 'JPY', 2023, 'CAD')?.amountMinor, 962_000);
    // 9620.00 CAD → JPY: whole yen
    assert.equal(table.convert(962_000, 'CAD', 2023, 'JPY')?.amountMinor, 1_000_000);
    // 1.000 KWD (exponent 3) × 4.3923 = 4.39 CAD (4.3923 rounds down)
    assert.equal(table.convert(1_000, 'KWD', 2023, 'CAD')?.amountMinor, 439);
    // 1.00 USD → KWD: 1.3497 ÷ 4.3923 = 0.307287… → 0.307 KWD
    assert.equal(table.convert(100, 'USD', 2023, 'KWD')?.amountMinor, 307);
  });

  it('rounds half to even, symmetrically for negative amounts', () => {
    const t = new RateTable([rate('USD', 2024, '1.5'), rate('AUD', 2024, '0.25')]);
    // 0.01 USD × 1.5 = 0.015 CAD → 0.02 (2 is even); 0.03 × 1.5 = 0.045 → 0.04
    assert.equal(t.convert(1, 'USD', 2024, 'CAD')?.amountMinor, 2);
    assert.equal(t.convert(3, 'USD', 2024, 'CAD')?.amountMinor, 4);
    assert.equal(t.convert(5, 'USD', 2024, 'CAD')?.amountMinor, 8); // 0.075 → 0.08
    assert.equal(t.convert(-3, 'USD', 2024, 'CAD')?.amountMinor, -4);
    // 0.02 AUD × 0.25 = 0.005 → 0.00; 0.06 × 0.25 = 0.015 → 0.02
    assert.equal(t.convert(2, 'AUD', 2024, 'CAD')?.amountMinor, 0);
    assert.equal(t.convert(6, 'AUD', 2024, 'CAD')?.amountMinor, 2);
    // Above half rounds up; below half rounds down.
    assert.equal(t.convert(7, 'AUD', 2024, 'CAD')?.amountMinor, 2); // 0.0175
    assert.equal(t.convert(5, 'AUD', 2024, 'CAD')?.amountMinor, 1); // 0.0125
  });

  it('rounds the same whether the exact product fits in a double or needs BigInt', () => {
    const t = new RateTable([rate('USD', 2024, '1.5'), rate('AUD', 2024, '0.25')]);
    // Odd amounts × 1.5 are ties: below 2^52 / 1500 the plain-number path, above it the BigInt one.
    assert.equal(t.convert(3_000_000_000_001, 'USD', 2024, 'CAD')?.amountMinor, 4_500_000_000_002);
    assert.equal(t.convert(3_002_399_751_581, 'USD', 2024, 'CAD')?.amountMinor, 4_503_599_627_372);
    assert.equal(t.convert(-3_002_399_751_583, 'USD', 2024, 'CAD')?.amountMinor, -4_503_599_627_374);
    // A negative amount that rounds to nothing is 0, not -0.
    assert.ok(Object.is(t.convert(-1, 'AUD', 2024, 'CAD')?.amountMinor, 0));
  });

  it('has no float drift on large amounts', () => {
    // 123 456 789 012.34 USD × 1.3698 = 169 111 109 589.103332 CAD
    assert.equal(table.convert(12_345_678_901_234, 'USD', 2024, 'CAD')?.amountMinor, 16_911_110_958_910);
    assert.throws(() => table.convert(Number.MAX_SAFE_INTEGER, 'USD', 2024, 'CAD'), /too large/);
    assert.throws(() => table.convert(1.5, 'USD', 2024, 'CAD'), /safe integer/);
  });

  it('lists its currencies and refuses bad rows', () => {
    assert.deepEqual(table.currencies(), ['CAD', 'EUR', 'JPY', 'KWD', 'PHP', 'USD']);
    assert.deepEqual(table.years('USD'), [2020, 2023, 2024]);
    assert.throws(() => new RateTable([rate('CAD', 2024, '1')]), /base currency/);
    assert.throws(() => new RateTable([rate('USD', 2024, '1.3'), rate('USD', 2024, '1.4')]), /Duplicate/);
    assert.throws(() => new RateTable([rate('USD', 2024, '0')]), /greater than zero/);
    assert.throws(() => new RateTable([rate('USD', 2024, '1,37')]), /Not a decimal/);
  });
});

describe('rates helpers', () => {
  it('reads decimals exactly and finds the nearest year', () => {
    assert.deepEqual(parsePositiveDecimal('1.3698'), { num: 13698n, scale: 4 });
    assert.equal(nearest([2008, 2012], 2010), 2008);
    assert.equal(nearest([2008, 2012], 2011), 2012);
    assert.equal(nearest([], 2011), null);
  });
});
