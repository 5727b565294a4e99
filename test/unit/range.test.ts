import * as assert from 'node:assert/strict';
import { pastRangeDays, rangeDays, rangeKey, rangeQuery, rangeReachesToday, shiftRange } from '../../src/core';

describe('feed ranges', () => {
  it('a day range is that day', () => {
    assert.deepEqual(rangeDays({ kind: 'day', anchor: '2026-11-29' }), ['2026-11-29']);
  });

  it('a week range is the ISO week, Monday to Sunday', () => {
    const days = rangeDays({ kind: 'week', anchor: '2026-11-27' });
    assert.equal(days.length, 7);
    assert.equal(days[0], '2026-11-23');
    assert.equal(days[6], '2026-11-29');
  });

  it('the ISO week of 1 January can belong to the previous year', () => {
    assert.deepEqual(rangeQuery({ kind: 'week', anchor: '2027-01-01' }), ['week', '2026-W53']);
  });

  it('a month range has every day of the month, leap years included', () => {
    assert.equal(rangeDays({ kind: 'month', anchor: '2028-02-10' }).length, 29);
    assert.equal(rangeDays({ kind: 'month', anchor: '2026-02-10' }).length, 28);
  });

  it('only days up to today can have been listed', () => {
    assert.deepEqual(pastRangeDays({ kind: 'week', anchor: '2026-11-25' }, '2026-11-25'), [
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
    ]);
  });

  it('shifts by a day, a week, and a month across year ends', () => {
    assert.equal(shiftRange({ kind: 'day', anchor: '2026-03-01' }, -1).anchor, '2026-02-28');
    assert.equal(shiftRange({ kind: 'week', anchor: '2026-12-30' }, 1).anchor, '2027-01-06');
    assert.equal(shiftRange({ kind: 'month', anchor: '2026-12-15' }, 1).anchor, '2027-01-01');
    assert.equal(shiftRange({ kind: 'month', anchor: '2026-01-31' }, -1).anchor, '2025-12-01');
  });

  it('keys ranges by what the API is asked, so two anchors in one week share a key', () => {
    assert.equal(rangeKey({ kind: 'week', anchor: '2026-11-23' }), rangeKey({ kind: 'week', anchor: '2026-11-29' }));
    assert.notEqual(rangeKey({ kind: 'day', anchor: '2026-11-23' }), rangeKey({ kind: 'day', anchor: '2026-11-24' }));
  });

  it('knows whether a range reaches today', () => {
    assert.equal(rangeReachesToday({ kind: 'week', anchor: '2026-11-23' }, '2026-11-29'), true);
    assert.equal(rangeReachesToday({ kind: 'week', anchor: '2026-11-16' }, '2026-11-29'), false);
  });
});
