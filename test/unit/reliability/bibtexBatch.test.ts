/**
 * 1000 random papers (fast-check: full unicode, every BibTeX special character, unbalanced
 * braces, dollars, names with particles and suffixes) written by bibtexEntry, UTF-8 and ASCII
 * alternating, into one .bib, then through the real `bibtex` with the plain style: no error,
 * no warning, one \bibitem per key. The hand-made hard cases live in bibtexTool.test.ts.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { bibtexEntry } from '../../../src/core/cite/bibtexEntry';
import type { Paper } from '../../../src/core/paper';
import { requireBibtex, runBibtex } from '../helpers/realBibtex';
import { makeTempDir, type TempDir } from '../helpers/tmpdir';
import { arxivPaper, paper as makePaper } from '../../helpers/paper';

const COUNT = 1000;
const SPECIALS = [
  '{',
  '}',
  '{',
  '}',
  '%',
  '&',
  '$',
  '#',
  '_',
  '~',
  '^',
  '\\',
  '<',
  '>',
  '|',
  '"',
  "'",
  '`',
  '@',
  ',',
  '=',
  '-',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '\\\\',
  '\\par',
  '\\end{document}',
  '@misc{',
  '}}}',
  '{{{',
];
const WORDS = ['BERT', 'and', 'AND', 'the', 'van', 'von', 'de la', 'Jr.', 'others', 'LLaMA', 'GPT-4', 'x', 'A', 'Deep'];

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIALS, ...WORDS) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
);
const text = fc.array(piece, { minLength: 1, maxLength: 20 }).map((p) => p.join(''));

const papers = fc.record({
  title: text.filter((t) => /[\p{L}\p{N}]/u.test(t)),
  authors: fc.array(text, { minLength: 1, maxLength: 5 }),
  year: fc.integer({ min: 1990, max: 2030 }),
  arxiv: fc.boolean(),
  doi: fc.option(text, { nil: undefined }),
  journal: fc.option(text, { nil: undefined }),
});

describe('reliability: 1000 random entries through the real bibtex', function () {
  this.timeout(60_000);
  let dir: TempDir | undefined;
  before(function () {
    requireBibtex(this);
  });
  beforeEach(async () => (dir = await makeTempDir('litfeed-bib1000-')));
  afterEach(async () => dir?.remove());

  // Cross-references are never wanted; a high minimum keeps bibtex from adding entries.
  const bibtex = (bib: string, keys: string[]) =>
    runBibtex((dir as TempDir).path, bib, keys, 'plain', ['-min-crossrefs=100']);

  it(`${COUNT} fast-check entries: no error, no warning, every key typeset once`, () => {
    const seed = Number(process.env.LITFEED_BIB_SEED ?? Date.now() % 2 ** 31);
    const samples = fc.sample(papers, { numRuns: COUNT, seed });
    const taken = new Set<string>();
    const chunks: string[] = [];
    samples.forEach((s, i) => {
      const id = s.arxiv
        ? `${String(s.year % 100).padStart(2, '0')}${String((i % 12) + 1).padStart(2, '0')}.${String(10000 + i)}`
        : `random-${i}`;
      const fields: Partial<Paper> = {
        title: s.title,
        authors: s.authors,
        published: `${s.year}-06-15`,
        ...(s.doi !== undefined ? { doi: `10.1000/${s.doi}` } : {}),
        ...(s.journal !== undefined ? { journalRef: s.journal } : {}),
      };
      const paper = s.arxiv ? arxivPaper(id, fields) : makePaper({ id, ...fields });
      const { key, text: entry } = bibtexEntry(paper, { ascii: i % 2 === 1, taken });
      assert.ok(!taken.has(key), `key ${key} given twice`);
      taken.add(key);
      chunks.push(entry);
    });
    const keys = [...taken];
    const started = Date.now();
    const run = bibtex(chunks.join('\n'), keys);
    const took = Date.now() - started;
    assert.deepEqual(
      run.report,
      [],
      `seed ${seed} (rerun with LITFEED_BIB_SEED=${seed})\n${run.stdout.slice(0, 3000)}`,
    );
    assert.equal(run.status, 0, `seed ${seed}`);
    assert.equal(run.items.length, COUNT);
    assert.deepEqual([...run.items].sort(), [...keys].sort());
    console.log(
      `      ${COUNT} entries, ${Buffer.byteLength(chunks.join('\n'))} bytes, bibtex ${took} ms, seed ${seed}`,
    );
  });

  it('is able to fail: one unbalanced entry among good ones is reported', () => {
    const good = bibtexEntry(makePaper({ id: 'g', title: 'Good', authors: ['Ann Author'], published: '2024-01-01' }));
    const run = bibtex(`${good.text}\n@misc{broken2024, title={Un{balanced}, author={B B}, year={2024}}\n`, [
      good.key,
      'broken2024',
    ]);
    assert.ok(run.report.length > 0, run.stdout);
  });
});
