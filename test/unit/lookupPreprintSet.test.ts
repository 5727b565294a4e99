/**
 * Issue 13's measure of "Update Preprints": a .bib citing the whole preprint set in the styles
 * found in the wild (Google Scholar, dblp's CoRR, Zotero, LitFeed's own) goes through
 * `findPreprintEntries` and `findPublished` against the loopback look-up fixture, and each
 * proposal is compared with the truth. At least 90 % of the published ones must be found and
 * no venue may be wrong: a venue or year that differs from the truth, or any venue for a paper
 * that stayed a preprint. The figures are printed for the release note.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseBib, type BibRecord } from '../../src/core/cite/bibDocument';
import { LookupCache } from '../../src/core/lookup/cache';
import { lookupClient } from '../../src/core/lookup/client';
import { entrySpan } from '../../src/core/lookup/entrySpan';
import { findPreprintEntries } from '../../src/core/lookup/preprintEntries';
import { findPublished } from '../../src/core/lookup/published';
import { upgradeEntry } from '../../src/core/lookup/upgradeEntry';
import { Politeness } from '../../src/core/net/politeness';
import type { Publication } from '../../src/core/paper';
import { PREPRINTS, VENUE_WORDS, type PreprintCase } from '../fixtures/lookup/preprintSet';
import { lookupBaseUrls, startLookupFixture, type LookupFixture } from '../fixtures/server/lookupFixture';
import { makeTempDir, type TempDir } from './helpers/tmpdir';

const TEX: Record<string, string> = { '\u0301': "\\'", '\u0300': '\\`', '\u0308': '\\"', '\u030c': '\\v' };
/** Google Scholar writes accents as TeX (`Veli{\v{c}}kovi{\'c}`). */
const texAccents = (s: string) =>
  s
    .normalize('NFD')
    .replace(/([a-zA-Z])([\u0300\u0301\u0308\u030c])/g, (_m, l: string, a: string) => `{${TEX[a]}{${l}}}`);
const family = (name: string) => name.split(' ').slice(-1)[0] ?? name;
const given = (name: string) => name.split(' ').slice(0, -1).join(' ');
const lastFirst = (names: string[]) =>
  names.map((n) => (given(n) ? `${family(n)}, ${given(n)}` : `{${n}}`)).join(' and ');
const keyOf = (c: PreprintCase, i: number) =>
  `${family(c.authors[0] ?? 'x')
    .toLowerCase()
    .replace(/[^a-z]/g, '')}${c.arxivYear}p${i}`;

/** The entry of case `i` in one of four foreign styles, taken in turn. */
function entryFor(c: PreprintCase, i: number): string {
  const key = keyOf(c, i);
  switch (i % 4) {
    case 0:
      return `@article{${key},\n  title={${c.title}},\n  author={${texAccents(lastFirst(c.authors))}},\n  journal={arXiv preprint arXiv:${c.arxivId}},\n  year={${c.arxivYear}}\n}`;
    case 1:
      return [
        `@article{DBLP:${c.corrKey ?? `journals/corr/abs-${c.arxivId.replace(/[./]/g, '-')}`},`,
        `  author    = {${c.authors.join(' and\n               ')}},`,
        `  title     = {${c.title}},`,
        '  journal   = {CoRR},',
        `  volume    = {abs/${c.arxivId}},`,
        `  year      = {${c.arxivYear}},`,
        `  url       = {http://arxiv.org/abs/${c.arxivId}},`,
        '  eprinttype = {arXiv},',
        `  eprint    = {${c.arxivId}}`,
        '}',
      ].join('\n');
    case 2:
      return [
        `@misc{${key},`,
        `\ttitle = {${c.title}},`,
        `\turl = {http://arxiv.org/abs/${c.arxivId}},`,
        `\tdoi = {10.48550/arXiv.${c.arxivId}},`,
        `\tpublisher = {arXiv},`,
        `\tauthor = {${lastFirst(c.authors)}},`,
        `\tyear = {${c.arxivYear}},`,
        `\tnote = {arXiv:${c.arxivId} [${c.primary.split('.')[0]}]},`,
        `\tkeywords = {Computer Science - Machine Learning},`,
        '}',
      ].join('\n');
    default:
      return `@misc{${key},\n  title = {{${c.title}}},\n  author = {${c.authors.join(' and ')}},\n  year = {${c.arxivYear}},\n  eprint = {${c.arxivId}},\n  archivePrefix = {arXiv},\n  primaryClass = {${c.primary}},\n  url = {https://arxiv.org/abs/${c.arxivId}},\n  note = {Read twice}\n}`;
  }
}

const plainVenue = (venue: string) => venue.replace(/[{}]/g, '').toLowerCase();

type Verdict = 'found' | 'missed' | 'wrong' | 'kept';

function judge(c: PreprintCase, publication: Publication | undefined): Verdict {
  const truth = c.published;
  if (truth === undefined) return publication === undefined ? 'kept' : 'wrong';
  if (publication === undefined) return 'missed';
  const words = VENUE_WORDS[truth.short] ?? [];
  const venueOk = words.some((w) => plainVenue(publication.venue).includes(w));
  return venueOk && publication.year === truth.year ? 'found' : 'wrong';
}

describe('Update Preprints on the well-known preprint set (issue 13)', function () {
  this.timeout(120_000);
  let fixture: LookupFixture;
  let tmp: TempDir;

  before(async () => {
    fixture = await startLookupFixture();
    tmp = await makeTempDir();
  });
  after(async () => {
    await fixture.close();
    await tmp.remove();
  });

  it('is read by the look-up client on every route', async () => {
    const gate = () => new Politeness({ intervalMs: 0, sleep: async () => undefined });
    const services = lookupClient({
      baseUrls: lookupBaseUrls(fixture.url),
      http: (signal) => ({ retries: 0, userAgent: 'LitFeed/test', ...(signal ? { signal } : {}) }),
      gates: { arxiv: gate(), dblp: gate(), semanticScholar: gate(), crossref: gate() },
    });
    const query = { title: 'Attention Is All You Need', author: 'Vaswani' };
    assert.deepEqual(
      (await services.arxivSearch(query)).map((p) => p.id),
      ['1706.03762'],
    );
    const [byId] = await services.arxivByIds(['astro-ph/9812133']);
    assert.equal(byId?.doi, '10.1086/307221');
    assert.equal(
      (await services.huggingFacePaper('2106.09685'))?.title,
      'LoRA: Low-Rank Adaptation of Large Language Models',
    );
    assert.match((await services.crossrefWork('10.1109/CVPR.2016.90'))?.publication?.pages ?? '', /^770-+778$/);
    assert.equal((await services.crossrefSearch(query))[0]?.doi, '10.18653/v1/n18-2074');
    const dblp = await services.dblpSearch(query);
    assert.ok(dblp.some((w) => w.dblpKey === 'conf/nips/VaswaniSPUJGKP17' && w.publication !== undefined));
    assert.ok(dblp.some((w) => w.dblpKey === 'journals/corr/VaswaniSPUJGKP17' && w.publication === undefined));
    assert.equal((await services.dblpRecord('conf/iclr/VelickovicCCRLB18'))?.authors[0], 'Petar Veličković');
    assert.equal((await services.aclRecord('N19-1423'))?.publication?.doi, '10.18653/v1/n19-1423');
    assert.equal((await services.semanticScholarPaper('arXiv:2304.05376'))?.doi, '10.1038/s42256-024-00832-8');
    assert.equal(await services.semanticScholarPaper('arXiv:1512.03385'), undefined);
  });

  it('finds at least 90 % of the published versions and never a wrong venue', async () => {
    const bibText = `% A writer's mixed bibliography\n\n${PREPRINTS.map(entryFor).join('\n\n')}\n`;
    const parsed = await parseBib(bibText);
    assert.ok(parsed.ok, 'the generated .bib parses');
    const entries = findPreprintEntries(parsed.entries);
    assert.equal(entries.length, PREPRINTS.length, 'every entry is recognised as arXiv-only');

    const gate = () => new Politeness({ intervalMs: 0, sleep: async () => undefined });
    const services = lookupClient({
      baseUrls: lookupBaseUrls(fixture.url),
      http: (signal) => ({ retries: 0, userAgent: 'LitFeed/test', ...(signal ? { signal } : {}) }),
      gates: { arxiv: gate(), dblp: gate(), semanticScholar: gate(), crossref: gate() },
      cache: new LookupCache(path.join(tmp.path, 'cache')),
    });

    const tally: Record<Verdict, string[]> = { found: [], missed: [], wrong: [], kept: [] };
    const upgraded: string[] = [];
    const foundBy = new Map<string, number>();
    for (const entry of entries) {
      const c = PREPRINTS.find((p) => p.arxivId === entry.arxivId);
      assert.ok(c, `entry ${entry.record.key} names a case (${entry.arxivId})`);
      const ref = {
        arxivId: entry.arxivId,
        doi: entry.doi,
        title: entry.title,
        authors: entry.authors,
        year: entry.year,
      };
      const result = await findPublished(ref, services);
      const verdict = judge(c, result.publication);
      const said = result.publication ? `${result.publication.venue} ${result.publication.year ?? '?'}` : 'none';
      tally[verdict].push(`${c.arxivId} ${c.title.slice(0, 40)} -> ${said}`);
      if (verdict === 'found' && result.publication) {
        upgraded.push(upgradeOne(bibText, entry.record, result.publication));
        foundBy.set(result.publication.foundBy, (foundBy.get(result.publication.foundBy) ?? 0) + 1);
      }
    }

    const published = PREPRINTS.filter((c) => c.published !== undefined).length;
    const found = tally.found.length;
    const percent = Math.round((100 * found) / published);
    console.log(
      `      found ${found}/${published} (${percent} %), wrong ${tally.wrong.length}; unpublished kept ${tally.kept.length}/${PREPRINTS.length - published}`,
    );
    console.log(`      found by: ${[...foundBy].map(([by, n]) => `${by} ${n}`).join(', ')}`);
    for (const line of tally.missed) console.log(`      missed: ${line}`);
    for (const line of tally.wrong) console.log(`      WRONG: ${line}`);

    for (const text of upgraded) {
      const again = await parseBib(text);
      assert.ok(again.ok && again.entries.length === 1, `an upgraded entry parses:\n${text}`);
      assert.ok(['inproceedings', 'article'].includes(again.entries[0]?.type ?? ''), text);
    }
    assert.deepEqual(tally.wrong, [], 'no wrong venue');
    assert.ok(found >= 0.9 * published, `found ${found}/${published}`);
  });
});

function upgradeOne(bibText: string, record: BibRecord, publication: Publication): string {
  const span = entrySpan(bibText, record.line);
  assert.ok(span, `the span of ${record.key}`);
  return upgradeEntry(bibText.slice(span.start, span.end), publication);
}
