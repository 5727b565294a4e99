/**
 * Real Typst reads the entries LitFeed writes for a Typst document. Typst does not run BibTeX:
 * `#bibliography("refs.bib")` reads the file with its own engine (hayagriva over the `biblatex`
 * crate), so the real-bibtex suites say nothing about it. Entries are written as the Cite
 * command writes them for a document whose bibliography is `#bibliography(…)`
 * (`litfeed.citation.asciiBibtex: auto` picks UTF-8 there, and titles are written for Typst:
 * math and markup as the plain text they show), cited with the text Cite inserts (`@key`),
 * and compiled by the Typst compiler from the dev dependencies.
 *
 * What the pages show is read from the selectable-text layer of Typst's SVG. Names and titles
 * are checked through a CSL style written here, which prints every author as
 * `family|given particle|suffix` and the title unchanged, so the check is Typst's own name
 * parser and formatter, not a model of it.
 *
 * Needs no system package: the compiler and its fonts come with `npm ci`. If it cannot be
 * loaded the suite fails (see helpers/realTypst).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { asciiEntries, bibliographyEngine } from '../../src/core/cite/bibDiscovery';
import { bibtexEntry } from '../../src/core/cite/bibtexEntry';
import { citeText } from '../../src/core/cite/citeText';
import { collapseWhitespace, type Paper } from '../../src/core/paper';
import { paper } from '../helpers/paper';
import { BIB_CASES, HARD_NAMES as SHARED_HARD_NAMES, type NameParts } from './helpers/bibCases';
import { compileTypst, diagnosticLine, typstCompiler, type TypstRun } from './helpers/realTypst';

// The mode `auto` picks for a Typst document, and the titles written for Typst (settings.ts).
const BIBLIOGRAPHY = '#bibliography("refs.bib")';
const ENGINE = bibliographyEngine(BIBLIOGRAPHY, 'typst');
const AUTO_FOR_TYPST = asciiEntries('auto', ENGINE);
const TYPST = ENGINE === 'typst';

// Each author as `family|given particle|suffix` between `<<N:` and `:N>>`, names split by ` ;; `,
// the title between `<<T:` and `:T>>`, nothing else: no initials, no case change, no et al.
// A particle Typst counts as part of the family name stays there (`never` demoted).
const PARTS_CSL = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" demote-non-dropping-particle="never">
  <info>
    <title>LitFeed name parts</title>
    <id>litfeed-name-parts</id>
    <updated>2024-01-01T00:00:00+00:00</updated>
  </info>
  <citation><layout><text variable="citation-number"/></layout></citation>
  <bibliography>
    <layout>
      <names variable="author" prefix="&lt;&lt;N:" suffix=":N&gt;&gt;">
        <name name-as-sort-order="all" sort-separator="|" delimiter=" ;; " initialize="false"/>
      </names>
      <text variable="title" prefix="&lt;&lt;T:" suffix=":T&gt;&gt;"/>
    </layout>
  </bibliography>
</style>
`;

interface Written {
  key: string;
  text: string;
}

function entries(papers: Paper[]): Written[] {
  const taken = new Set<string>();
  return papers.map((p) => {
    const e = bibtexEntry(p, { ascii: AUTO_FOR_TYPST, typst: TYPST, taken });
    taken.add(e.key);
    return e;
  });
}

/** Compiles a document citing every entry, as Cite writes the citation, in `style`. */
async function typeset(written: Written[], style: string): Promise<TypstRun> {
  const cite = citeText(
    written.map((e) => e.key),
    'typst',
  );
  const main = `${cite}\n\n#bibliography("refs.bib", style: "${style}")\n`;
  return compileTypst({
    'main.typ': main,
    'refs.bib': written.map((e) => e.text).join('\n'),
    'parts.csl': PARTS_CSL,
  });
}

function assertClean(run: TypstRun, context: string): void {
  const problems = [...run.errors, ...run.warnings].map(diagnosticLine);
  assert.deepEqual(problems, [], context);
  assert.ok(run.pages > 0, context);
}

interface Item {
  /** `[family, given particle, suffix]` per author. */
  names: string[][];
  title: string;
}

/** The bibliography items the parts style printed, in order. */
function items(run: TypstRun): Item[] {
  const text = run.runs.join('');
  return [...text.matchAll(/(?:<<N:(.*?):N>>)?<<T:(.*?):T>>/gs)].map((m) => ({
    names: m[1] === undefined ? [] : m[1].split(' ;; ').map((n) => n.split('|')),
    title: m[2],
  }));
}

/** A name in reading order from its printed parts. */
function readingOrder([family, given = '', suffix = '']: string[]): string {
  return [given, family, suffix].filter((p) => p !== '').join(' ');
}

type Parts = NameParts;

// Typst takes a capitalised `Le` or `Van Der` for a particle that stays with the family name:
// here, as meant; a style that demotes particles (chicago-author-date) prints `Roux, Nicolas Le`
// whatever the entry says, braces included.
const HARD_NAMES: [string, Parts][] = [
  ...SHARED_HARD_NAMES,
  ['Nguyễn Văn Minh', ['Nguyễn Văn', '', 'Minh', '']],
  ['Çağlar Gülçehre', ['Çağlar', '', 'Gülçehre', '']],
  ['Bart van Merriënboer', ['Bart', 'van', 'Merriënboer', '']],
  ['Romera-Paredes, Bernardino', ['Bernardino', '', 'Romera-Paredes', '']],
  ['李明', ['', '', '李明', '']],
];

/** The title as meant, as plain text: what a reader of the entry should see. */
function meantTitle(c: (typeof BIB_CASES)[number]): string {
  return (c.parsedTitle ?? collapseWhitespace(c.paper.title)).replace(/<\/?[a-z]+>/g, '');
}

/**
 * Math as arXiv titles write it, and what Typst shows for it: the text the TeX stands for,
 * or, when part of it has no plain form (`x^{abc}`), the TeX as written.
 */
const MATH_TITLES: [string, string][] = [
  ['$O(n^2)$ Sorting', 'O(n²) Sorting'],
  ['$k$-Means Clustering', 'k-Means Clustering'],
  ['$\\alpha$-Divergence Bounds', 'α-Divergence Bounds'],
  ['$\\mathcal{O}(1)$ Memory Attention', 'O(1) Memory Attention'],
  ['$\\ell_1$ Regularisation', 'ℓ₁ Regularisation'],
  ['$\\tilde{O}(\\sqrt{T})$ Regret in $\\mathbb{R}^n$', 'Õ(√T) Regret in ℝⁿ'],
  ['Sorting in $O(n \\log n)$ with $\\leq 3$ Passes', 'Sorting in O(n log n) with ≤ 3 Passes'],
  ['$\\frac{1}{2}$-Approximation for $x_{ij} \\geq 0$', '1/2-Approximation for xᵢⱼ ≥ 0'],
  ['$50\\%$ Sparsity at $<$1% Cost', '50% Sparsity at <1% Cost'],
  ['$x^{abc}$ and $\\mathfrak{g}$ Algebras', 'x^{abc} and g Algebras'],
  ['$\\widehat{\\phantom{x}}$ Unknown Command', '\\widehat{\\phantom{x}} Unknown Command'],
];

describe('real Typst reads the entries LitFeed writes for a Typst document', function () {
  this.timeout(120_000);

  before(async () => {
    await typstCompiler();
  });

  it('auto writes UTF-8 for a #bibliography document', () => assert.equal(AUTO_FOR_TYPST, false));

  const hard = entries(BIB_CASES.map((c) => c.paper));

  for (const style of ['ieee', 'apa', 'chicago-author-date', 'parts.csl']) {
    it(`hard corpus (${BIB_CASES.length} entries), ${style}: compiles with no error and no warning`, async () => {
      const run = await typeset(hard, style);
      assertClean(run, style);
    });
  }

  it('hard corpus: every author comes back whole, in order, as written', async () => {
    const run = await typeset(hard, 'parts.csl');
    assertClean(run, 'parts.csl');
    const got = items(run);
    assert.equal(got.length, BIB_CASES.length);
    // Typst sorts nothing in this style: items follow the order of citation.
    BIB_CASES.forEach((c, i) => {
      const want = (c.parsedAuthors ?? c.paper.authors).map(collapseWhitespace);
      assert.deepEqual(got[i]?.names.map(readingOrder), want, `${c.name}\n${hard[i]?.text}`);
    });
  });

  it('hard names: family, given with particle, and suffix as meant', async () => {
    const written = entries([paper({ id: 'names', title: 'Names', authors: HARD_NAMES.map(([n]) => n) })]);
    const run = await typeset(written, 'parts.csl');
    assertClean(run, written[0]?.text ?? '');
    const got = items(run)[0]?.names;
    const want = HARD_NAMES.map(([, [first, von, last, jr]]) => {
      const given = [first, von].filter((p) => p !== '').join(' ');
      return [last, ...(given !== '' ? [given] : []), ...(jr !== '' ? [jr] : [])];
    });
    assert.deepEqual(got, want, written[0]?.text);
  });

  it('hard corpus: every title as meant, math and markup included', async () => {
    const run = await typeset(hard, 'parts.csl');
    const got = items(run);
    const differ: Record<string, string> = {};
    BIB_CASES.forEach((c, i) => {
      const shown = got[i]?.title ?? '';
      if (shown !== meantTitle(c)) differ[c.name] = `${shown}\n${hard[i]?.text}`;
    });
    assert.deepEqual(differ, {});
    // The cases that once read wrong, spelled out.
    const byName = (name: string) => got[BIB_CASES.findIndex((c) => c.name === name)]?.title;
    assert.equal(byName('math command followed by a number'), '∼10x Fewer Parameters');
    assert.equal(byName('math at the start of the title'), '∞-former: Infinite Memory Transformer');
    assert.equal(
      byName('math with braces and a superscript'),
      'Q⋆ Approximation Schemes for Batch Reinforcement Learning: A Theoretical Comparison',
    );
    assert.equal(byName('title markup kept as TeX'), 'Emphasis, Bold and Nested Code');
    assert.equal(byName('only math'), 'E=mc²');
  });

  it('math in titles: shown as the text the TeX stands for', async () => {
    const written = entries(
      MATH_TITLES.map(([title], i) =>
        paper({ id: `math-${i}`, title, authors: ['Math Author'], published: '2024-01-01' }),
      ),
    );
    const run = await typeset(written, 'parts.csl');
    assertClean(run, written.map((e) => e.text).join('\n'));
    assert.deepEqual(
      items(run).map((i) => i.title),
      MATH_TITLES.map(([, shown]) => shown),
    );
  });

  it('a letter the math font has no single glyph for, inside $…$, reads as that letter', async () => {
    // In Typst math `ά`, `ṡ`, `ǘ` stop the whole document (Typst's own bug: its message asks for
    // a report). Written as text they are fine.
    const titles = ['$ά$ Test', '$\\dot{s}$ and $ṡ$ Rates', '$ǘ$ Tones'];
    const written = entries(
      titles.map((title, i) => paper({ id: `glyph-${i}`, title, authors: ['Math Author'], published: '2024-01-01' })),
    );
    const run = await typeset(written, 'parts.csl');
    assertClean(run, written.map((e) => e.text).join('\n'));
    assert.deepEqual(
      items(run).map((i) => i.title),
      ['ά Test', 'ṡ and ṡ Rates', 'ǘ Tones'],
    );
  });

  it('an escaped dollar inside math reads as a dollar, and the .bib stays readable', async () => {
    // In math, Typst's BibLaTeX parser ends the span at `\$`, finds the file unbalanced and
    // rejects every entry in it. As text it is an ordinary dollar.
    const written = entries([
      paper({
        id: 'price',
        title: 'Pretraining at $\\$0.01$ per Token',
        authors: ['Cheap Model'],
        published: '2024-01-01',
      }),
    ]);
    assert.ok(!written[0]?.text.includes('{$'), written[0]?.text);
    const run = await typeset(written, 'parts.csl');
    assertClean(run, written[0]?.text ?? '');
    assert.deepEqual(
      items(run).map((i) => i.title),
      ['Pretraining at $0.01 per Token'],
    );
  });

  it('hard corpus, ieee: every family name and every title is on the page', async () => {
    const run = await typeset(hard, 'ieee');
    assertClean(run, 'ieee');
    // Line breaks split the text into runs; spaces at a break may go, so spaces do not count.
    const squeeze = (s: string) => s.replace(/\s+/g, '');
    const page = squeeze(run.runs.join(''));
    const missing: string[] = [];
    const names = items(await typeset(hard, 'parts.csl'));
    BIB_CASES.forEach((c, i) => {
      // ieee lists up to six authors, then "et al."
      const authors = names[i]?.names ?? [];
      const shown = authors.length > 6 ? authors.slice(0, 1) : authors;
      for (const [family] of shown) if (!page.includes(squeeze(family ?? ''))) missing.push(`${c.name}: ${family}`);
      const title = meantTitle(c);
      if (!page.includes(squeeze(title))) missing.push(`${c.name}: ${title}`);
    });
    assert.deepEqual(missing, []);
  });

  it('200 entries from random Unicode, ieee and parts: no error, no warning, every item printed', async () => {
    const seed = Number(process.env.LITFEED_BIB_SEED ?? Date.now() % 2 ** 31);
    const again = `seed ${seed} (rerun with LITFEED_BIB_SEED=${seed})`;
    const papers = fc.sample(randomPapers, { numRuns: 200, seed }).map((s, i) => randomPaper(i, s));
    const written = entries(papers);
    for (const style of ['ieee', 'parts.csl']) {
      const run = await typeset(written, style);
      if (run.errors.length + run.warnings.length > 0) {
        assert.fail(`${again}, ${style}\n${await culprits(written, style)}`);
      }
    }
    const run = await typeset(written, 'parts.csl');
    assert.equal(items(run).length, written.length, again);
  });
});

// Any string at all: lone surrogates, controls, combining marks, astral characters, TeX.
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc
    .array(
      fc.constantFrom(
        'ﬁ',
        'Ａ',
        'ά',
        '中',
        '🤗',
        '\u0301',
        'α',
        '\\',
        '{',
        '}',
        '$',
        '%',
        '#',
        '@',
        '&',
        '~',
        '^',
        '_',
        '"',
        ',',
        ' and ',
        ' van ',
        ' Jr.',
        '\\emph{',
        '$x^2$',
        '$\\sim$',
        '$\\$1$',
        '$ά$',
        '\\$',
        '\\alpha',
        '{\\em ',
        'x',
        'Word',
      ),
      { maxLength: 12 },
    )
    .map((p) => p.join('')),
);

const randomPapers = fc.record({
  title: anyText.filter((t) => /[\p{L}\p{N}]/u.test(t)),
  authors: fc.array(anyText, { maxLength: 4 }),
  journal: fc.option(anyText, { nil: undefined }),
  doi: fc.option(
    fc.stringMatching(/^10\.\d{4,6}\/[!-~]{1,20}$/).map((s) => s.replace(/[{}\\$"]/g, 'x')),
    { nil: undefined },
  ),
  arxiv: fc.boolean(),
});

function randomPaper(
  i: number,
  s: { title: string; authors: string[]; journal?: string; doi?: string; arxiv: boolean },
): Paper {
  return paper({
    id: `random-${i}`,
    ...(s.arxiv ? { arxivId: `2401.${String(10000 + i)}` } : {}),
    title: s.title,
    authors: s.authors,
    published: '2024-01-20',
    ...(s.journal !== undefined ? { journalRef: s.journal } : {}),
    ...(s.doi !== undefined ? { doi: s.doi } : {}),
  });
}

/** Each entry of a failed document compiled alone: the ones Typst rejects, with its message. */
async function culprits(written: Written[], style: string): Promise<string> {
  const out: string[] = [];
  for (const e of written) {
    const run = await typeset([e], style);
    const problems = [...run.errors, ...run.warnings].map(diagnosticLine);
    if (problems.length > 0) out.push(`${problems.join('\n')}\n${e.text}`);
  }
  return out.length > 0 ? out.join('\n') : 'no entry fails alone';
}
