import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CSV_BOM, csvFileName, parseCsv, toCsv } from './csv';
import { coverageParams, dashboardParams, parseDashboardQuery, yearSlice } from './dashboardQuery';
import { binIndex, binsFor, colourFor, SEQUENTIAL, ZERO_FILL } from './scales';

describe('toCsv', () => {
  it('writes a BOM, a header row, CRLF line ends and unformatted numbers', () => {
    const text = toCsv(
      ['Country', 'Activities'],
      [
        ['Indonesia', 12],
        ['Viet Nam', 1234567.5],
      ],
    );
    assert.ok(text.startsWith(CSV_BOM));
    assert.equal(text, `${CSV_BOM}Country,Activities\r\nIndonesia,12\r\nViet Nam,1234567.5\r\n`);
  });

  it('quotes separators, quotes and line breaks, and writes null as empty', () => {
    const text = toCsv(
      ['a', 'b', 'c'],
      [
        ['x, y', 'say "hi"', null],
        ['line\nbreak', true, 0],
      ],
    );
    assert.equal(text, `${CSV_BOM}a,b,c\r\n"x, y","say ""hi""",\r\n"line\nbreak",true,0\r\n`);
  });

  it('defuses text a spreadsheet would run as a formula, but not negative numbers', () => {
    assert.equal(toCsv(['v'], [['=SUM(A1)'], [-5]]), `${CSV_BOM}v\r\n'=SUM(A1)\r\n-5\r\n`);
  });

  it('round-trips through parseCsv, French text included', () => {
    const rows = [
      ['Pays', 'Montant'],
      ['Thaïlande', '3000000.00'],
      ['« ASEAN », région', ''],
    ];
    const [header = [], ...body] = rows;
    assert.deepEqual(parseCsv(toCsv(header, body)), rows);
  });
});

describe('csvFileName', () => {
  it('keeps plan, chart and filters in a safe ASCII name', () => {
    assert.equal(
      csvFileName(['asean-canada-2010-2015', 'heatmap-years', 'from-2011', 'country-ID-TH', 'currency-USD']),
      'asean-canada-2010-2015_heatmap-years_from-2011_country-id-th_currency-usd.csv',
    );
    assert.equal(csvFileName(['Énergie / Pays', '']), 'energie-pays.csv');
    assert.equal(csvFileName([]), 'data.csv');
  });
});

describe('dashboard query', () => {
  it('reads the URL with the coverage schema and keeps the map measure apart', () => {
    const parsed = parseDashboardQuery(new URLSearchParams('from=2011&country=ID,TH&currency=USD&map=commitment'));
    assert.ok(parsed.ok);
    assert.equal(parsed.query.coverage.from, '2011');
    assert.deepEqual(parsed.query.coverage.country, ['ID', 'TH']);
    assert.equal(parsed.query.coverage.currency, 'USD');
    assert.equal(parsed.query.map, 'commitment');
    assert.deepEqual(dashboardParams(parsed.query), {
      from: '2011',
      to: undefined,
      pillar: undefined,
      organisation: undefined,
      country: ['ID', 'TH'],
      status: undefined,
      type: undefined,
      currency: 'USD',
      addressedShare: undefined,
      includeUnpublished: undefined,
      map: 'commitment',
    });
  });

  it('leaves defaults out of the URL and ignores empty fields', () => {
    const parsed = parseDashboardQuery(new URLSearchParams('currency=CAD&pillar=&map=activities'));
    assert.ok(parsed.ok);
    assert.deepEqual(
      Object.entries(dashboardParams(parsed.query)).filter(([, v]) => v !== undefined),
      [],
    );
    assert.equal(coverageParams({ currency: 'CAD', addressedShare: 0.5 }).currency, undefined);
  });

  it('names every bad parameter, the map measure included', () => {
    const parsed = parseDashboardQuery(new URLSearchParams('country=XX&currency=EUR&map=money&from=2014&to=2011'));
    assert.ok(!parsed.ok);
    assert.deepEqual(parsed.issues.map((i) => i.name).sort(), ['country', 'currency', 'map']);
    const order = parseDashboardQuery(new URLSearchParams('from=2014&to=2011'));
    assert.ok(!order.ok);
    assert.deepEqual(
      order.issues.map((i) => i.name),
      ['to'],
    );
  });

  it('cuts one year out of the period, keeping a bound that falls inside it', () => {
    assert.deepEqual(yearSlice({}, 2012), { from: '2012', to: '2012' });
    assert.deepEqual(yearSlice({ from: '2011-05', to: '2013-06-30' }, 2011), { from: '2011-05', to: '2011' });
    assert.deepEqual(yearSlice({ from: '2011-05', to: '2013-06-30' }, 2013), { from: '2013', to: '2013-06-30' });
  });
});

describe('sequential classes', () => {
  it('gives one class per value for small counts', () => {
    assert.deepEqual(binsFor(3), [
      { min: 1, max: 1 },
      { min: 2, max: 2 },
      { min: 3, max: 3 },
    ]);
    assert.deepEqual(binsFor(0), []);
  });

  it('splits larger counts into at most five whole-number classes covering 1..max', () => {
    for (const max of [6, 7, 12, 23, 48, 100, 1234]) {
      const bins = binsFor(max);
      assert.ok(bins.length >= 2 && bins.length <= 5, `${max}: ${JSON.stringify(bins)}`);
      assert.equal(bins[0]?.min, 1);
      assert.ok((bins[bins.length - 1]?.max ?? 0) >= max);
      for (let i = 1; i < bins.length; i++) assert.equal(bins[i]?.min, (bins[i - 1]?.max ?? 0) + 1);
      for (let v = 1; v <= max; v++) {
        const b = bins[binIndex(v, bins)];
        assert.ok(b && v >= b.min && v <= b.max, `${v} in ${JSON.stringify(b)}`);
      }
    }
  });

  it('classes amounts on round bounds', () => {
    const bins = binsFor(4_700_000, 5, false);
    assert.deepEqual(
      bins.map((b) => b.max),
      [1_000_000, 2_000_000, 3_000_000, 4_000_000, 5_000_000],
    );
    assert.equal(binIndex(1_000_000, bins), 0);
    assert.equal(binIndex(1_000_001, bins), 1);
    assert.equal(binIndex(0, bins), -1);
  });

  it('uses the whole palette, darkest for the top class, and a distinct fill for zero', () => {
    assert.equal(colourFor(-1, 5).fill, ZERO_FILL);
    assert.equal(colourFor(0, 3).fill, SEQUENTIAL[0].fill);
    assert.equal(colourFor(2, 3).fill, SEQUENTIAL[4].fill);
    assert.equal(colourFor(0, 1).fill, SEQUENTIAL[4].fill);
  });
});
