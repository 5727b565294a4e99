import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { bibtexEntry, nameLatex, cleanDoi } from '../../src/core/cite/bibtexEntry';
import { titleLatex } from '../../src/core/cite/titleLatex';
import { escapeLatexText } from '../../src/core/cite/latexText';
import { KeyTemplateError } from '../../src/core/cite/keyTemplate';
import { paper } from '../helpers/paper';
import { BIB_CASES } from './helpers/bibCases';
import { bibtexBalanced, readBack, writtenFields } from './helpers/bibParse';

/** What a title or name becomes once whitespace is folded, which the writer does on purpose. */
function folded(s: string): string {
  return s.replace(/\s+/g, ' ').trim().normalize('NFC');
}

describe('bibtexEntry: hard cases read back by @retorquere/bibtex-parser', () => {
  it('has at least 40 cases', () => {
    assert.ok(BIB_CASES.length >= 40, `only ${BIB_CASES.length} cases`);
  });

  for (const c of BIB_CASES) {
    for (const ascii of [false, true]) {
      it(`${c.name}${ascii ? ' (ascii)' : ''}`, async () => {
        const { key, text } = bibtexEntry(c.paper, { ascii });
        assert.ok(bibtexBalanced(text), `unbalanced braces:\n${text}`);
        for (const [name, value] of Object.entries(writtenFields(text))) {
          assert.ok(bibtexBalanced(value), `field ${name} unbalanced: ${value}`);
        }
        const back = await readBack(text);
        assert.deepEqual(back.errors, [], text);
        assert.equal(back.entries.length, 1, text);
        const e = back.entries[0];
        assert.equal(e.key, key);
        assert.equal(e.type, 'misc');
        const title = (ascii ? c.asciiParsedTitle : undefined) ?? c.parsedTitle ?? folded(c.paper.title);
        assert.equal(e.title, title.normalize('NFC'), text);
        const authors =
          (ascii ? c.asciiParsedAuthors : undefined) ??
          c.parsedAuthors ??
          c.paper.authors.map(folded).filter((a) => a !== '');
        assert.deepEqual(
          e.authors,
          authors.map((a) => a.normalize('NFC')),
        );
        assert.equal(e.fields.year, c.year ?? c.paper.published?.slice(0, 4));
        assert.equal(e.fields.eprint, c.paper.arxivId);
        assert.equal(e.fields.archiveprefix, c.paper.arxivId !== undefined ? 'arXiv' : undefined);
        if (c.paper.doi !== undefined) assert.equal(e.fields.doi, cleanDoi(c.paper.doi));
        const url =
          c.paper.arxivId !== undefined ? `https://arxiv.org/abs/${c.paper.arxivId}` : c.paper.links.huggingFace;
        assert.equal(e.fields.url, url);
        for (const s of (ascii ? c.asciiContains : c.contains) ?? []) {
          assert.ok(text.includes(s), `missing ${JSON.stringify(s)} in\n${text}`);
        }
        for (const s of c.lacks ?? []) assert.ok(!text.includes(s), `unexpected ${JSON.stringify(s)} in\n${text}`);
        if (ascii) {
          // An ASCII entry is ASCII, Greek, CJK and emoji included.
          assert.deepEqual(
            [...text].filter((ch) => ch.charCodeAt(0) >= 0x80),
            [],
          );
        }
      });
    }
  }

  it('gives the documented key for every case that names one', () => {
    let checked = 0;
    for (const c of BIB_CASES) {
      for (const style of ['arxiv', 'google', 'bbt'] as const) {
        const want = c.keys?.[style];
        if (want === undefined) continue;
        assert.equal(bibtexEntry(c.paper, { keyStyle: style }).key, want, `${c.name} (${style})`);
        checked++;
      }
    }
    assert.ok(checked >= 60, `only ${checked} keys checked`);
  });
});

describe('bibtexEntry: keys that are taken', () => {
  const p = BIB_CASES[0].paper;

  it('adds a, b, c … for each clash, ignoring case', () => {
    const taken = new Set<string>();
    const keys: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { key } = bibtexEntry(p, { taken });
      keys.push(key);
      taken.add(key.toUpperCase());
    }
    assert.deepEqual(keys, [
      'vaswani2017attentionneed',
      'vaswani2017attentionneeda',
      'vaswani2017attentionneedb',
      'vaswani2017attentionneedc',
    ]);
  });

  it('writes the suffixed key into the entry', () => {
    const { key, text } = bibtexEntry(p, { taken: new Set(['vaswani2017attentionneed']) });
    assert.equal(key, 'vaswani2017attentionneeda');
    assert.ok(text.startsWith('@misc{vaswani2017attentionneeda,\n'));
  });

  it('two different papers with the same base key get distinct keys', () => {
    const other = paper({
      arxivId: '1706.99999',
      title: 'Attention is all you need, again',
      authors: ['A. Vaswani'],
      published: '2017-07-01',
    });
    const first = bibtexEntry(p);
    const second = bibtexEntry(other, { taken: new Set([first.key]) });
    assert.equal(first.key, 'vaswani2017attentionneed');
    assert.equal(second.key, 'vaswani2017attentionneeda');
  });

  it('uses a key template, and rejects an invalid one', () => {
    assert.equal(
      bibtexEntry(p, { keyTemplate: '[auth:lower]_[year]_[title:2:lower]' }).key,
      'vaswani_2017_attentionall',
    );
    assert.throws(() => bibtexEntry(p, { keyTemplate: '[nope]' }), KeyTemplateError);
  });
});

describe('titleLatex', () => {
  const cases: [string, string][] = [
    ['Attention Is All You Need', 'Attention Is All You Need'],
    ['Deep residual learning for image recognition', 'Deep residual learning for image recognition'],
    [
      'Scaling laws for Bayesian neural networks in PyTorch',
      'Scaling laws for {Bayesian} neural networks in {PyTorch}',
    ],
    [
      '3D Gaussian Splatting for Real-Time Radiance Field Rendering',
      '{3D} Gaussian Splatting for Real-Time Radiance Field Rendering',
    ],
    ['GPT-4o and iPhone: A Study', '{GPT-4o} and {iPhone:} A Study'],
    ['Why should I care?', 'Why should {I} care?'],
    ['Learning with $k$-means', 'Learning with {$k$}-means'],
    ['A $\\frac{a}{b}$ bound', 'A {$\\frac{a}{b}$} bound'],
    ['Math $a\\{b\\}$ with escaped braces', 'Math {$a\\{b\\}$} with escaped braces'],
    ['Odd $a\\{b$ brace', 'Odd \\$a\\textbackslash{}\\textbraceleft{}b\\$ brace'],
    ['Two $x$ and $y$ spans', 'Two {$x$} and {$y$} spans'],
    ['Money $ 5 $ spaced', 'Money \\$ 5 \\$ spaced'],
    ['Hash $#1$ in math', 'Hash {$\\#1$} in math'],
    ['Escaped \\$ dollar', 'Escaped \\textbackslash{}\\$ dollar'],
    ['Sentence case: After the colon stays', 'Sentence case: After the colon stays'],
    ['   Lots   of\n\nspace  ', 'Lots of space'],
    ['', ''],
  ];
  for (const [input, want] of cases) {
    it(JSON.stringify(input), () => assert.equal(titleLatex(input), want));
  }

  it('double-braces a protected word that starts with a command, so it is not a BibTeX special character', () => {
    assert.equal(titleLatex('Über Alles', true), '{\\"U}ber Alles');
    assert.equal(titleLatex('the ÜBER model', true), 'the {{\\"U}BER} model');
    assert.equal(titleLatex('the #ML Model', false), 'the {{\\#ML}} Model');
  });
});

describe('nameLatex', () => {
  const cases: [string, string][] = [
    ['Ashish Vaswani', 'Ashish Vaswani'],
    ['Ludwig van Beethoven', 'Ludwig van Beethoven'],
    ['Vincent Van Gogh', 'Van Gogh, Vincent'],
    ['Martin Luther King Jr.', 'King, Jr., Martin Luther'],
    ['Cher', 'Cher'],
    ['Gemini Team', '{Gemini Team}'],
    ['Smith & Wesson', '{Smith \\& Wesson}'],
    ['Vaswani, Ashish', 'Vaswani, Ashish'],
    ['a, b, c, d', '{a, b, c, d}'],
    ['Ann {Brace', 'Ann \\textbraceleft{}Brace'],
    ['bell hooks', 'bell hooks'],
  ];
  for (const [input, want] of cases) {
    it(JSON.stringify(input), () => assert.equal(nameLatex(input), want));
  }
  it('writes accents in ASCII mode', () => assert.equal(nameLatex('Ørjan Åström', true), '{\\O}rjan {\\AA}str{\\"o}m'));
});

describe('escapeLatexText in ASCII mode: Latin-1 and Latin Extended-A', () => {
  // Characters with no LaTeX command (documented in bibtexEntry.ts): their compatibility form
  // where Unicode has one, else the code point.
  const FALLBACK: Record<string, string> = {
    Ħ: '[U+0126]',
    ħ: '[U+0127]',
    ĸ: '[U+0138]',
    Ŀ: 'L{$\\cdotp$}',
    ŀ: 'l{$\\cdotp$}',
    ŉ: '[U+02BC]n',
    ſ: 's',
    Ŧ: '[U+0166]',
    ŧ: '[U+0167]',
  };
  const chars: string[] = [];
  for (let cp = 0xa0; cp <= 0x17f; cp++) chars.push(String.fromCodePoint(cp));

  it('turns every character into LaTeX the parser reads back as that character, or the documented fallback', async () => {
    const wrong: string[] = [];
    for (const ch of chars) {
      const latex = escapeLatexText(`x${ch}x`, true);
      if (FALLBACK[ch] !== undefined) {
        if (latex !== `x${FALLBACK[ch]}x`) wrong.push(`${ch} should be ${FALLBACK[ch]}, got ${latex}`);
        continue;
      }
      if (/[^\x20-\x7e]/.test(latex)) {
        wrong.push(`${ch} (U+${ch.codePointAt(0)?.toString(16)}) not escaped: ${latex}`);
        continue;
      }
      const back = await readBack(`@misc{k, title={${latex}}}`);
      const title = back.entries[0]?.title;
      // The parser reads `~` as a no-break space, which is what U+00A0 is, and the lone
      // cedilla `{\c{}}` as a space with a combining cedilla, which is what ¸ decomposes to.
      const want = ch === '¸' ? 'x \u0327x' : `x${ch}x`.normalize('NFC');
      if (back.errors.length > 0 || title !== want) {
        wrong.push(`${ch} → ${latex} → ${JSON.stringify(title)} ${back.errors.join(';')}`);
      }
    }
    assert.deepEqual(wrong, []);
  });
});

describe('cleanDoi', () => {
  it('strips resolvers and rejects what is not a DOI', () => {
    assert.equal(cleanDoi('https://doi.org/10.1038/nature14236'), '10.1038/nature14236');
    assert.equal(cleanDoi('doi: 10.1000/xyz'), '10.1000/xyz');
    assert.equal(cleanDoi('http://dx.doi.org/10.1000/a{b}'), '10.1000/a%7Bb%7D');
    assert.equal(cleanDoi('not a doi'), undefined);
    assert.equal(cleanDoi(undefined), undefined);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

// prettier-ignore
const SPECIALS = [
  '{', '}', '%', '&', '$', '#', '_', '~', '^', '\\', '<', '>', '|', '"', "'", '`', '@', ',', '-',
  ' ', ' ', '\t', '\n',
];
// prettier-ignore
const UNICODE = [
  'ü', 'é', 'ç', 'ø', 'ß', 'Ł', 'ı', 'İ', 'ğ', 'ễ', 'Å', 'æ', 'ŀ', '¸', '–', '—', '“', '”', '’',
  '…', '°', 'µ', '·', '×', 'α', 'Ω', '中', '文', '🤗', '\u00a0', '\u00ad',
];
const WORDS = [
  'BERT',
  'and',
  'the',
  'of',
  'I',
  'Jr.',
  'van',
  'De',
  'LLaMA',
  'x',
  'A',
  'Deep',
  'learning',
  'GPT-4',
  'i',
];

function pieces(extra: string[]): fc.Arbitrary<string> {
  return fc
    .array(
      fc.oneof(
        fc.constantFrom(...SPECIALS, ...UNICODE, ...extra, ...WORDS),
        fc.string({ unit: 'grapheme', maxLength: 6 }),
      ),
      {
        minLength: 1,
        maxLength: 25,
      },
    )
    .map((parts) => noLigatures(parts.join('')));
}

const noDollar = (s: string) => s.replace(/\$/g, 'S');
// TeX ligatures (`--` is an en dash) are meant as such; keep the generated text free of them.
const noLigatures = (s: string) =>
  s
    .replace(/-(?=-)/g, '-x')
    .replace(/`(?=`)/g, '`x')
    .replace(/'(?=')/g, "'x");
const noComma = (s: string) => s.replace(/,/g, ';');
const titles = pieces([])
  .map(noDollar)
  .filter((t) => folded(t) !== '');
const titlesWithMath = pieces(['$x$', '$\\alpha_1$', '$O(n^{2})$', '$', '$ ', '{', '}']).filter(
  (t) => folded(t) !== '',
);
const names = pieces([]).map((s) => noComma(noDollar(s)));

/**
 * Text whose ASCII form reads back as the same text up to compatibility forms (`ﬁ` as fi):
 * no code-point fallback (`[U+4E2D]`), no Greek (read back as math, or as a Latin look-alike),
 * no accent LaTeX has no command for (dropped).
 */
function sameInAscii(s: string): boolean {
  const marks = s.normalize('NFKD').match(/\p{M}/gu) ?? [];
  return (
    !escapeLatexText(s, true).includes('[U+') &&
    !/\p{Script=Greek}/u.test(s.normalize('NFKC')) &&
    marks.every((m) => /[\u0300-\u0304\u0306-\u0308\u030A-\u030C\u0323\u0327\u0328]/u.test(m))
  );
}

/** Compatibility form, to compare what ASCII mode reads back with what went in (`¸` is ` ̧`). */
const compat = (s: string) => folded(s.normalize('NFKC')).normalize('NFKC');

function randomPaper(title: string, authors: string[]) {
  return paper({ arxivId: '2401.12345', title, authors, published: '2024-01-20' });
}

describe('bibtexEntry: properties', () => {
  it('random titles and names (no math) read back exactly, braces balanced, UTF-8 and ASCII', async () => {
    await fc.assert(
      fc.asyncProperty(titles, fc.array(names, { maxLength: 4 }), fc.boolean(), async (title, authors, ascii) => {
        const { key, text } = bibtexEntry(randomPaper(title, authors), { ascii });
        assert.ok(bibtexBalanced(text), text);
        const back = await readBack(text);
        assert.deepEqual(back.errors, [], text);
        assert.equal(back.entries.length, 1);
        const e = back.entries[0];
        assert.equal(e.key, key);
        // ASCII mode says some characters another way (`ﬁ` as fi, 中 as [U+4E2D]): those titles
        // are checked by bibtexAscii.test.ts instead.
        if (!ascii) assert.equal(e.title, folded(title), text);
        else if (sameInAscii(title)) assert.equal(compat(e.title ?? ''), compat(folded(title)), text);
        const wantAuthors = authors.map(folded).filter((a) => a !== '');
        if (!ascii) assert.deepEqual(e.authors, wantAuthors, text);
        else if (authors.every(sameInAscii)) assert.deepEqual(e.authors.map(compat), wantAuthors.map(compat), text);
        assert.equal(e.fields.year, '2024');
        assert.equal(e.fields.eprint, '2401.12345');
      }),
      { numRuns: 400 },
    );
  });

  it('random titles with dollars and braces give balanced entries that parse without structural errors', async () => {
    await fc.assert(
      fc.asyncProperty(titlesWithMath, fc.boolean(), async (title, ascii) => {
        const { key, text } = bibtexEntry(randomPaper(title, ['Ann Author']), { ascii });
        assert.ok(bibtexBalanced(text), text);
        const back = await readBack(text);
        // Unknown macros inside kept math are reported by the parser without a position; that is fine.
        assert.deepEqual(
          back.errors.filter((e) => / at line /.test(e)),
          [],
          text,
        );
        assert.equal(back.entries.length, 1);
        assert.equal(back.entries[0].key, key);
        assert.deepEqual(back.entries[0].authors, ['Ann Author']);
        // Titles whose dollars never pair into math read back exactly.
        if (!/\$\S/.test(title)) {
          if (!ascii) assert.equal(back.entries[0].title, folded(title), text);
          else if (sameInAscii(title)) assert.equal(compat(back.entries[0].title ?? ''), compat(folded(title)), text);
        }
      }),
      { numRuns: 300 },
    );
  });
});
