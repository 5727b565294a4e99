import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Structural checks on the bundled offline sample feed. The file is hand-curated (see
 * resources/README.md), so these tests guard against slips when it is edited: a broken
 * shape would make the offline first run show nothing. They read the raw JSON on purpose
 * and do not go through the Hugging Face parser.
 */

// Tests run from out/test/unit; the resources folder sits at the repo root.
const SAMPLE_FILE = path.resolve(__dirname, '../../../resources/sample-feed.json');

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTidy = (s: unknown): s is string => typeof s === 'string' && s.length > 0 && s === s.trim() && !/\s{2}/.test(s);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

interface Item {
  raw: Json;
  paper: Json;
  id: string;
  summary: string;
  authors: Json[];
  feedDay: string;
}

function loadItems(): Item[] {
  const text = readFileSync(SAMPLE_FILE, 'utf8');
  assert.notEqual(text.charCodeAt(0), 0xfeff, 'the file must not start with a byte-order mark');
  const json: unknown = JSON.parse(text);
  assert.ok(Array.isArray(json), 'the sample feed must be a JSON array, like GET /api/daily_papers');
  return json.map((raw, i) => {
    assert.ok(isObject(raw), `item ${i} is not an object`);
    assert.ok(isObject(raw.paper), `item ${i} has no paper object`);
    const paper = raw.paper;
    assert.equal(typeof paper.id, 'string', `item ${i} has no paper.id`);
    assert.equal(typeof paper.summary, 'string', `item ${i} has no paper.summary`);
    assert.ok(Array.isArray(paper.authors), `item ${i} has no paper.authors list`);
    assert.equal(typeof paper.submittedOnDailyAt, 'string', `item ${i} has no paper.submittedOnDailyAt`);
    return {
      raw,
      paper,
      id: paper.id as string,
      summary: paper.summary as string,
      authors: paper.authors as Json[],
      feedDay: (paper.submittedOnDailyAt as string).slice(0, 10),
    };
  });
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

describe('bundled sample feed (resources/sample-feed.json)', () => {
  let items: Item[] = [];

  // Loading asserts the outer shape (a JSON array of items with a paper object each), so a
  // broken file fails here, once, with the reason.
  before(() => {
    items = loadItems();
  });

  it('holds between 15 and 25 papers', () => {
    assert.ok(items.length >= 15 && items.length <= 25, `found ${items.length} items`);
  });

  it('gives every paper a versionless new-style arXiv id, and no id twice', () => {
    const seen = new Set<string>();
    for (const { id } of items) {
      assert.match(id, /^\d{4}\.\d{4,5}$/, `"${id}" is not a versionless arXiv id`);
      assert.ok(!seen.has(id), `arXiv id ${id} appears twice`);
      seen.add(id);
    }
  });

  it('gives every paper a tidy title and a non-empty abstract, mirrored at the top level as the API does', () => {
    for (const { raw, paper, id, summary } of items) {
      assert.ok(isTidy(paper.title), `${id}: title is empty or has stray whitespace`);
      assert.ok(summary.trim().length > 100, `${id}: abstract is missing or implausibly short`);
      assert.equal(summary, summary.trim(), `${id}: abstract has leading or trailing whitespace`);
      assert.equal(raw.title, paper.title, `${id}: top-level title differs from paper.title`);
      assert.equal(raw.summary, paper.summary, `${id}: top-level summary differs from paper.summary`);
    }
  });

  it('keeps arXiv page artefacts out of the abstracts', () => {
    for (const { id, summary } of items) {
      assert.ok(!/this https URL/i.test(summary), `${id}: abstract was copied from a rendered page, not the metadata`);
      assert.ok(!/^Abstract:/i.test(summary), `${id}: abstract keeps the page's "Abstract:" label`);
    }
  });

  it('lists authors in the API shape: opaque 24-hex _id, tidy name, boolean hidden', () => {
    for (const { id, authors } of items) {
      assert.ok(authors.length > 0, `${id}: no authors`);
      const ids = new Set<string>();
      for (const author of authors) {
        assert.ok(isObject(author), `${id}: an author is not an object`);
        assert.match(
          String(author._id),
          /^[0-9a-f]{24}$/,
          `${id}: author _id "${String(author._id)}" is not 24 hex digits`,
        );
        assert.ok(!ids.has(author._id as string), `${id}: two authors share an _id`);
        ids.add(author._id as string);
        assert.ok(isTidy(author.name), `${id}: author name "${String(author.name)}" is empty or has stray whitespace`);
        assert.equal(typeof author.hidden, 'boolean', `${id}: author ${String(author.name)} has no boolean hidden`);
      }
    }
  });

  it('spreads the papers over three consecutive feed days, 5 to 8 per day', () => {
    const perDay = new Map<string, number>();
    for (const { feedDay } of items) perDay.set(feedDay, (perDay.get(feedDay) ?? 0) + 1);
    const days = [...perDay.keys()].sort();
    assert.equal(days.length, 3, `expected 3 feed days, found ${days.join(', ')}`);
    assert.equal(days[1], addDays(days[0], 1), 'feed days are not consecutive');
    assert.equal(days[2], addDays(days[0], 2), 'feed days are not consecutive');
    for (const [day, n] of perDay) assert.ok(n >= 5 && n <= 8, `${day} has ${n} papers`);
  });

  it('dates each paper consistently: arXiv date matches the id, precedes the feed day, and the item time is the feed time', () => {
    for (const { raw, paper, id } of items) {
      const published = String(paper.publishedAt);
      const feedAt = String(paper.submittedOnDailyAt);
      assert.ok(!Number.isNaN(Date.parse(published)), `${id}: paper.publishedAt "${published}" is not a date`);
      assert.ok(!Number.isNaN(Date.parse(feedAt)), `${id}: submittedOnDailyAt "${feedAt}" is not a date`);
      assert.ok(Date.parse(published) < Date.parse(feedAt), `${id}: published after it was featured`);
      assert.equal(raw.publishedAt, feedAt, `${id}: top-level publishedAt should be the feed time`);
      // An arXiv id starts with the year and month it was assigned; a late-month
      // submission can carry the next month's number, never an earlier one.
      const idMonth = `20${id.slice(0, 2)}-${id.slice(2, 4)}`;
      const pubMonth = published.slice(0, 7);
      const nextMonth = addDays(`${pubMonth}-28`, 7).slice(0, 7);
      assert.ok(
        idMonth === pubMonth || idMonth === nextMonth,
        `${id}: published ${published} does not fit the id's month ${idMonth}`,
      );
    }
  });

  it('carries integer upvotes and comment counts and a boolean author flag', () => {
    for (const { raw, paper, id } of items) {
      assert.ok(isCount(paper.upvotes), `${id}: paper.upvotes is not a non-negative integer`);
      assert.ok(isCount(raw.numComments), `${id}: numComments is not a non-negative integer`);
      assert.equal(typeof raw.isAuthorParticipating, 'boolean', `${id}: isAuthorParticipating is not a boolean`);
    }
  });

  it('links code only as full GitHub repository URLs', () => {
    for (const { paper, id } of items) {
      if (paper.githubRepo === undefined) continue;
      assert.match(
        String(paper.githubRepo),
        /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/,
        `${id}: githubRepo is not a repository URL`,
      );
    }
  });

  it('exercises inline math: at least three abstracts with $…$', () => {
    const withMath = items.filter(({ summary }) => /\$[^$\s][^$]*\$/.test(summary)).map(({ id }) => id);
    assert.ok(withMath.length >= 3, `only ${withMath.length} abstracts have inline math: ${withMath.join(', ')}`);
  });

  it('exercises non-ASCII author names', () => {
    const names = items.flatMap(({ authors }) => authors.map((a) => String(a.name)));
    const nonAscii = names.filter((n) => /[^\x00-\x7f]/.test(n));
    assert.ok(nonAscii.length >= 1, 'no author name outside ASCII');
  });
});
