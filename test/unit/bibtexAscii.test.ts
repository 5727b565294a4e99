/**
 * The three rules of issue "entries right in every engine" that bibtexEntry.ts states in its
 * header: ASCII mode is ASCII, math before a digit stays math when it is plainly TeX, and a
 * small set of title markup stays markup. Exact outputs, properties over random Unicode, and
 * the real `bibtex` over both (skipped like bibtexTool.test.ts where TeX is missing, outside CI).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { bibtexEntry, nameLatex } from '../../src/core/cite/bibtexEntry';
import { titleLatex } from '../../src/core/cite/titleLatex';
import { escapeLatexText } from '../../src/core/cite/latexText';
import { paper } from '../helpers/paper';
import { bibtexBalanced, writtenFields } from './helpers/bibParse';
import { requireBibtex, runBibtex } from './helpers/realBibtex';
import { makeTempDir, type TempDir } from './helpers/tmpdir';

// Any string at all: lone surrogates, controls, combining marks, astral characters.
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc
    .array(
      fc.constantFrom('ﬁ', 'Ａ', '⁴', 'ά', 'ḁ', '中', '🤗', '👩‍🔬', '\u0301', '＄', '｛', 'α', '\\', '{', '}', 'x'),
      {
        maxLength: 12,
      },
    )
    .map((p) => p.join('')),
);
const unicodePapers = fc.record({
  // A title needs something to say: one of nothing but controls is empty, and BibTeX then warns.
  title: anyText.filter((t) => /[\p{L}\p{N}]/u.test(t)),
  authors: fc.array(anyText, { minLength: 1, maxLength: 4 }),
  journal: fc.option(anyText, { nil: undefined }),
});

function randomPaper(i: number, s: { title: string; authors: string[]; journal?: string }) {
  return paper({
    arxivId: `2401.${String(10000 + i)}`,
    title: s.title,
    authors: s.authors,
    published: '2024-01-20',
    ...(s.journal !== undefined ? { journalRef: s.journal } : {}),
  });
}

describe('ASCII mode is ASCII', () => {
  const cases: [string, string][] = [
    ['ﬁne ﬂow', 'fine flow'],
    ['ＧＰＵ', 'GPU'],
    ['x⁴', 'x4'],
    ['x²', 'x{\\texttwosuperior}'],
    ['α-Divergence', '{$\\alpha$}-Divergence'],
    ['Ωmega', '{$\\Omega$}mega'],
    ['ΑΒΓ', 'AB{$\\Gamma$}'],
    ['ά', '{$\\alpha$}'],
    ['ḁ', 'a'],
    ['x → y ≤ z', 'x {$\\rightarrow$} y {$\\leq$} z'],
    ['中文', '[U+4E2D][U+6587]'],
    ['🤗', '[U+1F917]'],
    ['＄5 ｛x｝', '\\$5 \\textbraceleft{}x\\textbraceright{}'],
    ['Müller', 'M{\\"u}ller'],
    ['🄃', '2{,}'],
  ];
  for (const [input, want] of cases) {
    it(`${input} → ${want}`, () => assert.equal(escapeLatexText(input, true), want));
  }

  it('leaves UTF-8 mode alone', () => assert.equal(escapeLatexText('ﬁne α 中 🤗', false), 'ﬁne α 中 🤗'));

  it('names with no ASCII form keep their code points', () => {
    assert.equal(nameLatex('李明', true), '[U+674E][U+660E]');
    assert.equal(nameLatex('Ｊａｎｅ Doe', true), 'Jane Doe');
    // 🄃 decomposes to "2,": a bare comma would make BibTeX read "Ann 2" as "Last, First".
    assert.equal(nameLatex('Ann 🄃 Lee', true), 'Ann 2{,} Lee');
  });

  it('property: every character of an ASCII entry made from random Unicode is ASCII, braces balance', () => {
    fc.assert(
      fc.property(unicodePapers, (s) => {
        const { text } = bibtexEntry(randomPaper(0, s), { ascii: true });
        const wide = [...text].filter((ch) => ch.charCodeAt(0) >= 0x80);
        assert.deepEqual(wide, [], text);
        assert.ok(bibtexBalanced(text), text);
        for (const [name, value] of Object.entries(writtenFields(text))) {
          assert.ok(bibtexBalanced(value), `${name}: ${value}`);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('math followed by a digit', () => {
  const cases: [string, string][] = [
    ['$\\sim$10x Fewer Parameters', '{$\\sim$}10x Fewer Parameters'],
    ['Models $<$1B', 'Models {$<$}{1B}'],
    ['Top $k$5 Sampling', 'Top {$k$}5 Sampling'],
    ['$x^2$3 and $a_i$4', '{$x^2$}3 and {$a_i$}4'],
    // Money, and spans that are not plainly TeX, stay text before a digit (pandoc's rule).
    ['Training for $5 and Inference for $10', 'Training for \\$5 and Inference for \\$10'],
    ['From $5$10', 'From \\$5\\$10'],
    ['Costs $a+b$3', 'Costs \\$a+b\\$3'],
    // Without a digit after, nothing changed.
    ['$a+b$ Works', '{$a+b$} Works'],
  ];
  for (const [input, want] of cases) {
    it(`${input} → ${want}`, () => assert.equal(titleLatex(input), want));
  }
});

describe('title markup', () => {
  const cases: [string, string][] = [
    ['\\emph{Deep} Nets', '\\emph{Deep} Nets'],
    ['\\textit{Deep} Nets', '\\textit{Deep} Nets'],
    ['\\textbf{Deep} Nets', '\\textbf{Deep} Nets'],
    ['\\texttt{Deep} Nets', '\\texttt{Deep} Nets'],
    ['{\\em Deep} Nets', '{\\em Deep} Nets'],
    ['{\\it Deep} Nets', '{\\it Deep} Nets'],
    ['{\\bf Deep} Nets', '{\\bf Deep} Nets'],
    // Contents are text: specials escaped, words protected as anywhere else.
    ['\\emph{50% of BERT & Co} Nets', '\\emph{50\\% of {BERT} \\& Co} Nets'],
    // Math is found first: markup around `$…$` is cut by it and stays text.
    ['\\emph{$k$-Means}', '\\textbackslash{}emph\\textbraceleft{}{$k$}-Means\\textbraceright{}'],
    ['\\textbf{\\emph{Nested {\\it Three}} Deep}', '\\textbf{\\emph{Nested {\\it Three}} Deep}'],
    ['\\emph{a {b} c} D', '\\emph{a \\textbraceleft{}b\\textbraceright{} c} {D}'],
    ['\\textbf{Bold}face Type', '\\textbf{Bold}face Type'],
    // Not on the list, not closed, or not a command: text as before.
    ['\\textsc{Small} Caps', '{{\\textbackslash{}textsc\\textbraceleft{}Small\\textbraceright{}}} Caps'],
    ['\\emph{Never Closed', '{{\\textbackslash{}emph\\textbraceleft{}Never}} Closed'],
    ['{\\emphasis x}', '\\textbraceleft{}\\textbackslash{}emphasis x\\textbraceright{}'],
    ['\\\\emph{x}', '\\textbackslash{}\\textbackslash{}emph\\textbraceleft{}x\\textbraceright{}'],
    ['\\emph{x}} {\\bf', '\\emph{x}\\textbraceright{} \\textbraceleft{}\\textbackslash{}bf'],
  ];
  for (const [input, want] of cases) {
    it(`${input} → ${want}`, () => assert.equal(titleLatex(input), want));
  }

  it('ASCII mode escapes the contents too', () => {
    assert.equal(titleLatex('\\emph{ﬁne α} Work', true), '\\emph{fine {$\\alpha$}} Work');
  });

  it('property: random markup, braces and backslashes always give balanced titles', () => {
    const bits = fc.constantFrom(
      '\\emph{',
      '\\textbf{',
      '{\\em ',
      '{\\bf',
      '{\\it ',
      '{',
      '}',
      '\\',
      ' ',
      'Word',
      '$x$',
      '$',
    );
    fc.assert(
      fc.property(fc.array(bits, { maxLength: 20 }), fc.boolean(), (parts, ascii) => {
        const latex = titleLatex(parts.join(''), ascii);
        assert.ok(bibtexBalanced(latex), latex);
      }),
      { numRuns: 2000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The real bibtex

const MARKUP_TITLES = [
  '{\\em Emphasis} and {\\it Italic} and {\\bf Bold}',
  '\\emph{\\textbf{Nested} \\textit{Words}} with \\texttt{code_1}',
  '\\textbf{Open {\\bf never closed \\emph{ok} }{ \\textit{',
  '\\emph{x}} {\\bf }{ \\textbf{{{',
  '$\\sim$10x Fewer Parameters and $<$1B Models',
];

describe('real bibtex: ASCII entries from random Unicode, markup titles', function () {
  this.timeout(60_000);
  let dir: TempDir | undefined;
  before(function () {
    requireBibtex(this);
  });
  beforeEach(async () => (dir = await makeTempDir('litfeed-bibascii-')));
  afterEach(async () => dir?.remove());

  function run(entries: { key: string; text: string }[], style: string) {
    const bib = entries.map((e) => e.text).join('\n');
    return runBibtex(
      (dir as TempDir).path,
      bib,
      entries.map((e) => e.key),
      style,
    );
  }

  it('500 ASCII entries from random Unicode: no warning, no error', () => {
    const seed = Number(process.env.LITFEED_BIB_SEED ?? Date.now() % 2 ** 31);
    const taken = new Set<string>();
    const entries = fc.sample(unicodePapers, { numRuns: 500, seed }).map((s, i) => {
      const e = bibtexEntry(randomPaper(i, s), { ascii: true, taken });
      taken.add(e.key);
      return e;
    });
    const r = run(entries, 'plain');
    assert.deepEqual(r.report, [], `seed ${seed} (rerun with LITFEED_BIB_SEED=${seed})\n${r.stdout.slice(0, 3000)}`);
    assert.equal(r.status, 0);
  });

  for (const style of ['plain', 'alpha']) {
    it(`${style}: markup and math-before-digit titles, UTF-8 and ASCII, no warning`, () => {
      const taken = new Set<string>();
      const entries = MARKUP_TITLES.flatMap((title, i) =>
        [false, true].map((ascii) => {
          const e = bibtexEntry(paper({ id: `m${i}`, title, authors: ['Mark Up'], published: '2024-01-01' }), {
            ascii,
            taken,
          });
          taken.add(e.key);
          return e;
        }),
      );
      const r = run(entries, style);
      assert.deepEqual(r.report, [], r.stdout);
      assert.equal(r.status, 0);
    });
  }
});
