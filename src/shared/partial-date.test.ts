import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { datePrecision, isPartialDate, partialDateSchema, yearOf } from './partial-date';

describe('partial dates', () => {
  it('accepts year, month and day precision', () => {
    for (const d of ['2010', '2011-05', '2011-05-03', '2012-02-29']) assert.equal(isPartialDate(d), true, d);
    assert.equal(datePrecision('2010'), 'year');
    assert.equal(datePrecision('2011-05'), 'month');
    assert.equal(datePrecision('2011-05-03'), 'day');
    assert.equal(yearOf('2011-05-03'), 2011);
  });
  it('rejects impossible or malformed dates', () => {
    for (const d of ['2011-13', '2011-02-30', '2013-02-29', '11-05', '2011/05', '2011-5', '', '0999']) {
      assert.equal(isPartialDate(d), false, d);
    }
  });
  it('explains the accepted forms in its error', () => {
    const r = partialDateSchema.safeParse('May 2011');
    assert.equal(r.success, false);
    assert.match(r.error.issues[0]!.message, /YYYY, YYYY-MM or YYYY-MM-DD/);
  });
  it('orders lexicographically like the calendar at mixed precision', () => {
    const sorted = ['2011-05-03', '2010', '2011', '2011-04'].sort();
    assert.deepEqual(sorted, ['2010', '2011', '2011-04', '2011-05-03']);
  });
});
