import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  addDays,
  daysBetween,
  daysOfIsoWeek,
  daysOfMonth,
  isIsoDay,
  isIsoWeek,
  isoWeekOf,
  todayIso,
} from '../../src/core/dates';

/** Calendar days from 1900 to 2199, built without the helpers under test. */
const anyDay = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

function assertConsecutive(days: string[]): void {
  for (let i = 1; i < days.length; i++) {
    const gap = Date.parse(`${days[i]}T00:00:00Z`) - Date.parse(`${days[i - 1]}T00:00:00Z`);
    assert.equal(gap, 86_400_000, `${days[i - 1]} -> ${days[i]}`);
  }
}

describe('dates', () => {
  describe('isIsoDay', () => {
    it('accepts real calendar days only', () => {
      for (const ok of ['2024-02-29', '2000-02-29', '2023-12-31', '0099-12-31', '1970-01-01']) {
        assert.equal(isIsoDay(ok), true, ok);
      }
      for (const bad of [
        '2023-02-29',
        '1900-02-29',
        '2024-13-01',
        '2024-00-10',
        '2024-04-31',
        '2024-1-01',
        '2024-01-01T00:00:00Z',
        ' 2024-01-01',
        '',
        '20240101',
      ]) {
        assert.equal(isIsoDay(bad), false, JSON.stringify(bad));
      }
      assert.equal(isIsoDay(20240101), false);
      assert.equal(isIsoDay(undefined), false);
    });
  });

  describe('addDays and daysBetween', () => {
    it('cross month, year and leap-day boundaries', () => {
      assert.equal(addDays('2024-02-28', 1), '2024-02-29');
      assert.equal(addDays('2024-02-28', 2), '2024-03-01');
      assert.equal(addDays('2023-02-28', 1), '2023-03-01');
      assert.equal(addDays('2023-12-31', 1), '2024-01-01');
      assert.equal(addDays('2024-03-01', -1), '2024-02-29');
      assert.equal(addDays('2024-01-01', 366), '2025-01-01');
      assert.equal(addDays('2024-05-10', 0), '2024-05-10');
      assert.equal(addDays('0099-12-31', 1), '0100-01-01', 'two-digit years stay literal');
      assert.equal(daysBetween('2024-02-28', '2024-03-01'), 2);
      assert.equal(daysBetween('2024-03-01', '2024-02-28'), -2);
      assert.equal(daysBetween('2023-01-01', '2024-01-01'), 365);
      assert.equal(daysBetween('2024-01-01', '2025-01-01'), 366);
    });

    it('reject what is not a day or a whole offset', () => {
      assert.throws(() => addDays('2023-02-29', 1), RangeError);
      assert.throws(() => addDays('2024-01-01', 0.5), RangeError);
      assert.throws(() => addDays('2024-01-01', Number.NaN), RangeError);
      assert.throws(() => daysBetween('2024-01-01', 'tomorrow'), RangeError);
    });

    it('are inverse to each other (property)', () => {
      fc.assert(
        fc.property(anyDay, fc.integer({ min: -40_000, max: 40_000 }), (day, n) => {
          const moved = addDays(day, n);
          assert.equal(isIsoDay(moved), true);
          assert.equal(addDays(moved, -n), day);
          assert.equal(daysBetween(day, moved), n);
          assert.equal(Math.sign(moved.localeCompare(day)), Math.sign(n), 'days sort as strings');
        }),
      );
    });
  });

  describe('todayIso', () => {
    it('is the UTC day, whatever the offset the time was written with', () => {
      assert.equal(todayIso(new Date('2024-05-01T23:59:59.999Z')), '2024-05-01');
      assert.equal(todayIso(new Date('2024-05-01T23:30:00-02:00')), '2024-05-02');
      assert.equal(todayIso(new Date('2024-05-02T00:30:00+02:00')), '2024-05-01');
      assert.throws(() => todayIso(new Date('not a date')), RangeError);
    });

    it('defaults to now', () => {
      const before = new Date().toISOString().slice(0, 10);
      const today = todayIso();
      const after = new Date().toISOString().slice(0, 10);
      assert.ok(today === before || today === after, today);
    });
  });

  describe('ISO weeks', () => {
    it('follow ISO 8601 at year boundaries', () => {
      const cases: Array<[string, string]> = [
        ['2021-01-03', '2020-W53'],
        ['2021-01-04', '2021-W01'],
        ['2024-12-30', '2025-W01'],
        ['2008-12-29', '2009-W01'],
        ['2010-01-03', '2009-W53'],
        ['2026-12-31', '2026-W53'],
        ['2027-01-03', '2026-W53'],
        ['2024-05-01', '2024-W18'],
        ['2024-01-01', '2024-W01'],
      ];
      for (const [day, week] of cases) assert.equal(isoWeekOf(day), week, day);
    });

    it('list their seven days Monday first', () => {
      assert.deepEqual(daysOfIsoWeek('2020-W53'), [
        '2020-12-28',
        '2020-12-29',
        '2020-12-30',
        '2020-12-31',
        '2021-01-01',
        '2021-01-02',
        '2021-01-03',
      ]);
      assert.deepEqual(daysOfIsoWeek('2025-W01'), [
        '2024-12-30',
        '2024-12-31',
        '2025-01-01',
        '2025-01-02',
        '2025-01-03',
        '2025-01-04',
        '2025-01-05',
      ]);
      assert.equal(daysOfIsoWeek('2024-W18')[0], '2024-04-29');
    });

    it('reject weeks that do not exist', () => {
      for (const bad of ['2021-W53', '2024-W00', '2024-W54', '2024-W1', '2024W01', '2024-w01', '2024-05-01']) {
        assert.throws(() => daysOfIsoWeek(bad), RangeError, bad);
        assert.equal(isIsoWeek(bad), false, bad);
      }
      assert.equal(isIsoWeek('2020-W53'), true);
      assert.equal(isIsoWeek(202053), false);
      assert.throws(() => isoWeekOf('2024-02-30'), RangeError);
    });

    it('contain every day they are computed from (property)', () => {
      fc.assert(
        fc.property(anyDay, (day) => {
          const week = isoWeekOf(day);
          const days = daysOfIsoWeek(week);
          assert.equal(days.length, 7);
          assert.ok(days.includes(day), `${day} in ${week}`);
          assert.equal(new Date(`${days[0]}T00:00:00Z`).getUTCDay(), 1, 'starts on a Monday');
          assertConsecutive(days);
          // The week's year is its Thursday's year.
          assert.equal(week.slice(0, 4), days[3].slice(0, 4));
        }),
      );
    });
  });

  describe('daysOfMonth', () => {
    it('knows month lengths and leap years', () => {
      const lengths: Array<[string, number]> = [
        ['2024-02', 29],
        ['2023-02', 28],
        ['2000-02', 29],
        ['1900-02', 28],
        ['2024-04', 30],
        ['2024-12', 31],
        ['2024-01', 31],
      ];
      for (const [month, n] of lengths) {
        const days = daysOfMonth(month);
        assert.equal(days.length, n, month);
        assert.equal(days[0], `${month}-01`);
        assert.equal(days[n - 1], `${month}-${n}`);
        assertConsecutive(days);
      }
    });

    it('rejects what is not a month', () => {
      for (const bad of ['2024-13', '2024-00', '2024-2', '2024-02-01', '2024']) {
        assert.throws(() => daysOfMonth(bad), RangeError, bad);
      }
    });

    it('covers each day exactly once (property)', () => {
      fc.assert(
        fc.property(anyDay, (day) => {
          const days = daysOfMonth(day.slice(0, 7));
          assert.ok(days.includes(day));
          assert.ok(days.every(isIsoDay));
          assert.equal(addDays(days[0], -1).slice(0, 7) === day.slice(0, 7), false, 'starts on the first');
          assert.equal(addDays(days[days.length - 1], 1).slice(8), '01', 'ends on the last');
        }),
      );
    });
  });
});
