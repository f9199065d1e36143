import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  datePrecision,
  dayNumber,
  firstDayOf,
  isPartialDate,
  lastDayOf,
  partialDateSchema,
  yearOf,
} from './partial-date';

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
  it('expands a partial date to its first and last possible day', () => {
    assert.equal(firstDayOf('2013'), '2013-01-01');
    assert.equal(firstDayOf('2013-05'), '2013-05-01');
    assert.equal(firstDayOf('2013-05-07'), '2013-05-07');
    assert.equal(lastDayOf('2013'), '2013-12-31');
    assert.equal(lastDayOf('2012-02'), '2012-02-29');
    assert.equal(lastDayOf('2013-02'), '2013-02-28');
    assert.equal(lastDayOf('2013-05-07'), '2013-05-07');
  });
  it('counts whole days between full dates', () => {
    assert.equal(dayNumber('1970-01-01'), 0);
    assert.equal(dayNumber('2013-12-31') - dayNumber('2013-01-01'), 364);
    assert.equal(dayNumber('2012-03-01') - dayNumber('2012-02-28'), 2);
  });
});
