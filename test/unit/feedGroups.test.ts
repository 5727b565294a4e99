import * as assert from 'node:assert/strict';
import { ageLabel, countLabel, dayLabel, groupByDay, sortPapers } from '../../src/core';
import { usEnglishDay } from '../../src/core/feed/dayGroups';
import { paper } from '../helpers/paper';

describe('grouping and sorting the feed', () => {
  const papers = [
    paper({ id: 'a', feedDay: '2026-11-27', upvotes: 3, published: '2026-11-20', title: 'beta' }),
    paper({ id: 'b', feedDay: '2026-11-28', upvotes: 10, published: '2026-11-25', title: 'Alpha' }),
    paper({ id: 'c', feedDay: '2026-11-27', upvotes: 30, published: '2026-11-26', title: 'gamma' }),
    paper({ id: 'd', feedDay: '2026-11-27', title: 'delta' }),
    paper({ id: 'e', title: 'no day' }),
  ];

  it('groups by feed day, newest day first, undated last', () => {
    assert.deepEqual(
      groupByDay(papers, 'upvotes').map((g) => g.day),
      ['2026-11-28', '2026-11-27', 'undated'],
    );
  });

  it('sorts by upvotes, missing upvotes last', () => {
    assert.deepEqual(
      groupByDay(papers, 'upvotes')[1].papers.map((p) => p.id),
      ['c', 'a', 'd'],
    );
  });

  it('sorts by arXiv date, newest first, undated last', () => {
    assert.deepEqual(
      sortPapers(papers, 'date').map((p) => p.id),
      ['c', 'b', 'a', 'd', 'e'],
    );
  });

  it('sorts by title ignoring case', () => {
    assert.deepEqual(
      sortPapers(papers, 'title').map((p) => p.title),
      ['Alpha', 'beta', 'delta', 'gamma', 'no day'],
    );
  });

  it('breaks ties in upvotes and dates by title, ignoring case, without a collator', () => {
    const tied = [
      paper({ id: 'x', upvotes: 5, published: '2026-11-20', title: 'delta' }),
      paper({ id: 'y', upvotes: 5, published: '2026-11-20', title: 'Charlie' }),
      paper({ id: 'z', upvotes: 5, published: '2026-11-20', title: 'bravo' }),
      paper({ id: 'w', upvotes: 9, published: '2026-11-21', title: 'zulu' }),
    ];
    assert.deepEqual(
      sortPapers(tied, 'upvotes').map((p) => p.id),
      ['w', 'z', 'y', 'x'],
    );
    assert.deepEqual(
      sortPapers(tied, 'date').map((p) => p.id),
      ['w', 'z', 'y', 'x'],
    );
  });

  it('orders days newest first by their ISO date', () => {
    const days = ['2026-02-01', '2025-12-31', '2026-11-09', '2026-11-10'].map((feedDay, i) =>
      paper({ id: `p${i}`, feedDay }),
    );
    assert.deepEqual(
      groupByDay(days, 'upvotes').map((g) => g.day),
      ['2026-11-10', '2026-11-09', '2026-02-01', '2025-12-31'],
    );
  });

  it('does not reorder its input', () => {
    const before = papers.map((p) => p.id);
    sortPapers(papers, 'title');
    assert.deepEqual(
      papers.map((p) => p.id),
      before,
    );
  });

  it('labels today, yesterday and other days', () => {
    assert.equal(dayLabel('2026-11-29', '2026-11-29'), 'Today');
    assert.equal(dayLabel('2026-11-28', '2026-11-29'), 'Yesterday');
    assert.equal(dayLabel('2026-11-25', '2026-11-29'), 'Wed, 25 Nov 2026');
  });

  it('writes US English day labels itself, exactly as Intl would', () => {
    const intl = new Intl.DateTimeFormat('en-US', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
    const start = Date.UTC(2024, 0, 1);
    for (let i = 0; i < 4 * 366; i++) {
      const date = new Date(start + i * 86_400_000);
      assert.equal(usEnglishDay(date), intl.format(date), date.toISOString());
    }
    assert.equal(dayLabel('2026-11-27', '2026-11-29', 'en'), 'Fri, Nov 27, 2026');
    assert.equal(dayLabel('2026-09-05', '2026-11-29', 'EN-us'), 'Sat, Sep 5, 2026');
    assert.equal(
      dayLabel('2026-11-27', '2026-11-29', 'de'),
      new Intl.DateTimeFormat('de', {
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(new Date('2026-11-27T00:00:00Z')),
    );
  });

  it('writes ages compactly', () => {
    const now = new Date('2026-11-29T12:00:00Z');
    assert.equal(ageLabel('2026-11-29T11:59:40Z', now), 'just now');
    assert.equal(ageLabel('2026-11-29T11:15:00Z', now), '45 min ago');
    assert.equal(ageLabel('2026-11-29T09:00:00Z', now), '3 h ago');
    assert.equal(ageLabel('2026-11-20T12:00:00Z', now), '9 days ago');
    assert.equal(ageLabel('garbage', now), 'at an unknown time');
  });
});

describe('days, ages and counts in the display language', () => {
  const now = new Date('2026-11-29T12:00:00Z');
  const words = { today: 'Heute', yesterday: 'Gestern', undated: 'Ohne Datum' };

  it('writes German day labels, ages and counts', () => {
    assert.equal(dayLabel('2026-11-29', '2026-11-29', 'de', words), 'Heute');
    assert.equal(dayLabel('2026-11-28', '2026-11-29', 'de', words), 'Gestern');
    assert.equal(dayLabel('undated', '2026-11-29', 'de', words), 'Ohne Datum');
    assert.equal(dayLabel('2026-11-27', '2026-11-29', 'de', words), 'Fr., 27. Nov. 2026');
    assert.equal(ageLabel('2026-11-29T09:00:00Z', now, 'de'), 'vor 3 Std.');
    assert.equal(ageLabel('2026-11-29T11:59:40Z', now, 'de'), 'jetzt');
    assert.equal(ageLabel('garbage', now, 'de', 'zu unbekannter Zeit'), 'zu unbekannter Zeit');
    assert.equal(countLabel(12345, 'de'), '12.345');
    assert.equal(countLabel(96, 'de'), '96');
  });

  it('writes Japanese day labels, ages and counts', () => {
    assert.equal(dayLabel('2026-11-27', '2026-11-29', 'ja'), '2026年11月27日(金)');
    assert.equal(ageLabel('2026-11-20T12:00:00Z', now, 'ja'), '9 日前');
    assert.equal(countLabel(12345, 'ja'), '12,345');
  });

  it('keeps English for a locale Intl does not know', () => {
    assert.equal(dayLabel('2026-11-27', '2026-11-29', 'not a locale!'), 'Fri, Nov 27, 2026');
    assert.equal(ageLabel('2026-11-29T09:00:00Z', now, 'not a locale!'), '3 h ago');
    assert.equal(countLabel(1234, 'not a locale!'), '1,234');
  });
});
