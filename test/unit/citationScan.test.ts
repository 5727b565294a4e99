import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CitationSyntax } from '../../src/core/cite/citeText';
import { keyAt, scanCitations, type CitedKey } from '../../src/core/refs/citationScan';
import { prng } from './helpers/prng';

/** The keys found, after checking that each range holds exactly its key. */
function keys(text: string, syntax: CitationSyntax): string[] {
  const found = scanCitations(text, syntax);
  for (const k of found) assert.equal(text.slice(k.start, k.end), k.key, `range of ${JSON.stringify(k)}`);
  return found.map((k) => k.key);
}

type Case = [name: string, text: string, want: string[]];

function table(syntax: CitationSyntax, cases: Case[]): void {
  for (const [name, text, want] of cases) {
    it(name, () => assert.deepEqual(keys(text, syntax), want, JSON.stringify(text)));
  }
}

describe('scanCitations: LaTeX', () => {
  table('latex', [
    ['\\cite', 'See \\cite{smith2020}.', ['smith2020']],
    ['several keys, spaces trimmed', '\\citep{a, b ,c}', ['a', 'b', 'c']],
    [
      'natbib and biblatex names',
      '\\citet{a}\\citealp{b}\\citeauthor{c}\\Citep{d}\\autocite{e}\\parencite{f}',
      ['a', 'b', 'c', 'd', 'e', 'f'],
    ],
    [
      'more names',
      '\\textcite{a} \\footcite{b} \\footcitetext{c} \\smartcite{d} \\supercite{e} \\fullcite{f} \\citeyear{g}',
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
    ],
    ['starred', '\\citet*{a} \\citeauthor*{b}', ['a', 'b']],
    ['optional arguments', '\\citep[see][p.~3]{a}', ['a']],
    ['one optional argument', '\\cite[ch.~2]{a}', ['a']],
    ['braces and ] inside an optional argument', '\\cite[{see ]} {x}][p.~{3]}]{a}', ['a']],
    ['space and a line break before arguments', '\\cite [p. 3]\n  {a}', ['a']],
    ['a comment between command and key', '\\cite% why\n{a}', ['a']],
    ['a blank line ends it', '\\cite\n\n{a}', []],
    ['no brace: not a citation', '\\cite and \\citep text', []],
    ['\\nocite{*} is no key', '\\nocite{*} \\nocite{a}', ['a']],
    ['empty keys skipped', '\\cite{a,,b,}', ['a', 'b']],
    ['a key list over lines with comments', '\\cite{a, % b,\n  c,\n  d}', ['a', 'c', 'd']],
    [
      'keys with punctuation',
      '\\cite{DBLP:conf/iclr/Chen0CPPSGGMB0P23,He.Zhang.2016*1,altenkirch+07ott}',
      ['DBLP:conf/iclr/Chen0CPPSGGMB0P23', 'He.Zhang.2016*1', 'altenkirch+07ott'],
    ],
    ['non-ASCII key', '\\cite{Müller2020}', ['Müller2020']],
    ['% comments out the rest of the line', 'a % \\cite{no}\n\\cite{yes}', ['yes']],
    ['\\% is a percent sign', '50\\% \\cite{yes} % \\cite{no}', ['yes']],
    ['\\\\% is a line break then a comment', 'a\\\\% \\cite{no}\nb', []],
    ['verbatim', '\\begin{verbatim}\\cite{no}\\end{verbatim}\\cite{yes}', ['yes']],
    [
      'verbatim*, Verbatim, lstlisting, minted, comment',
      '\\begin{verbatim*}\\cite{a}\\end{verbatim*}\\begin{Verbatim}\\cite{b}\\end{Verbatim}\\begin{lstlisting}[language=TeX]\\cite{c}\\end{lstlisting}\\begin{minted}{latex}\\cite{d}\\end{minted}\\begin{comment}\n\\cite{e}\n\\end{comment}\\cite{yes}',
      ['yes'],
    ],
    ['other environments are text', '\\begin{figure}\\caption{\\cite{a}}\\end{figure}', ['a']],
    ['unclosed verbatim runs to the end', '\\begin{verbatim}\\cite{no}', []],
    ['\\verb with any delimiter', '\\verb|\\cite{a}| \\verb+\\cite{b}+ \\verb*!\\cite{c}! \\cite{yes}', ['yes']],
    [
      '\\lstinline and \\mintinline',
      '\\lstinline{\\cite{a}} \\lstinline[language=TeX]!\\cite{b}! \\mintinline{latex}|\\cite{c}| \\cite{yes}',
      ['yes'],
    ],
    ['a % in a URL is no comment', '\\url{http://x.org/a%20b} \\cite{yes}', ['yes']],
    ['\\iffalse … \\fi', '\\iffalse \\cite{no} \\ifx a b \\cite{no2} \\fi \\fi \\cite{yes}', ['yes']],
    ['\\iffalse … \\else', '\\iffalse \\cite{no} \\else \\cite{yes} \\fi', ['yes']],
    ['unclosed \\iffalse is not followed', '\\iffalse \\cite{a}', ['a']],
    ['multicite', '\\textcites(pre)(post)[see][3]{a,b}[4]{c}{d} rest {e}', ['a', 'b', 'c', 'd']],
    [
      'multicite without notes',
      '\\parencites{a}{b} \\autocites[x]{c}[y]{d} \\footcites{e}{f} \\cites{g}',
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
    ],
    [
      'volcite: the volume is not a key',
      '\\volcite[see]{2}[12]{a} \\pvolcite{3}{b} \\volcites(x)(y){4}[5]{c}{6}{d}',
      ['a', 'b', 'c', 'd'],
    ],
    // A macro named like a citation command is read as one, its parameter (`#1`) is not a key.
    ['macro parameters are not keys', '\\newcommand{\\mycite}[1]{\\cite{#1}} \\mycite{x}', ['x']],
    [
      'commands configuring citations',
      '\\setcitestyle{authoryear} \\citestyle{nature} \\DeclareCiteCommand{\\cite}',
      [],
    ],
    ['an escaped backslash then cite', '\\\\\\cite{a}', ['a']],
    ['CRLF', '\\cite{a}\r\n% \\cite{no}\r\n\\cite{b,\r\n c}\r\n', ['a', 'b', 'c']],
  ]);
});

describe('scanCitations: pandoc Markdown', () => {
  table('pandoc', [
    ['bracketed', 'As shown [@smith2020].', ['smith2020']],
    ['with prefix, locator and several', '[see @a, p. 3; also @b, ch. 2]', ['a', 'b']],
    ['suppressed author', 'Smith says [-@smith2020].', ['smith2020']],
    ['in running text', '@smith2020 says so, and @jones too.', ['smith2020', 'jones']],
    ['braced key', '[@{weird key}; @{https://x.org/a?b=c}]', ['weird key', 'https://x.org/a?b=c']],
    ['trailing punctuation is not the key', '@smith04. @a:b.c, @x-y; @_under.', ['smith04', 'a:b.c', 'x-y', '_under']],
    [
      'internal punctuation',
      '@a:b @a.b @a#b @a$b @a%b @a&b @a-b @a+b @a?b @a<b @a>b @a~b @a/b',
      ['a:b', 'a.b', 'a#b', 'a$b', 'a%b', 'a&b', 'a-b', 'a+b', 'a?b', 'a<b', 'a>b', 'a~b', 'a/b'],
    ],
    ['doubled punctuation ends the key', '@a--b @c..d', ['a', 'c']],
    ['`://` stays in a key (as pandoc reads it)', '@a://b.c', ['a://b.c']],
    ['digits and non-ASCII letters', '@1999x @Müller2020 @東京', ['1999x', 'Müller2020', '東京']],
    ['e-mail addresses', 'Write to a@b.com or x.y@z.org.', []],
    ['after a word-final dot', 'x.@no, a.b.@no', []],
    ['after an ellipsis and after a citation', 'x...@a @b@c', ['a', 'b', 'c']],
    ['escaped @', 'Not \\@this one, but \\\\@that.', ['that']],
    ['front matter', '---\ntitle: "@no"\nauthor: a\n---\n\n@yes', ['yes']],
    ['--- later is a rule, not front matter', 'text\n\n---\n\n@yes\n\n---\n', ['yes']],
    ['fenced code', '```\n@no\n```\n~~~~ {.md}\n@no\n~~~\n@no\n~~~~\n````r\n@no\n````\n@yes', ['yes']],
    ['a fence in a list item or a quote', '- item\n\n  ```\n  @no\n  ```\n\n> ```\n> @no\n> ```\n\n@yes', ['yes']],
    ['an unclosed fence is text', '```\n@yes', ['yes']],
    ['inline code of any length', '`@no` ``@no ` @no`` ```a``` `unclosed @yes', ['yes']],
    ['HTML comments', '<!-- @no\n\n@no -->@yes <!-- unclosed @yes2', ['yes', 'yes2']],
    ['HTML tags and autolinks', '<span title="@no">@yes</span> <https://x.org/@no> <a href=\'/@no\'>', ['yes']],
    ['link destinations', '[text](https://medium.com/@author/post) and [@yes](#x)', ['yes']],
    ['link reference definitions', '[blog]: https://x.org/@no\n\n@yes', ['yes']],
    ['math', '$x @no$ and $$@no$$ cost $5 and @yes $10', ['yes']],
    ['indented code', 'para\n\n    @no code\n\n@yes', ['yes']],
    [
      'indented paragraphs of lists and footnotes are text',
      '1. item\n\n    more @a\n\n[^1]: note\n\n    more @b\n\nTerm\n:   def\n\n    more @c',
      ['a', 'b', 'c'],
    ],
    ['code in a list item', '- a\n- b\n\n        @no\n\nafter @yes', ['yes']],
    [
      'Quarto cross-references',
      '@fig-plot @Fig-plot @tbl-a @sec-intro @eq-1 @lst-x @thm-a @lem-a @cor-a @prp-a @cnj-a @def-a @exm-a @exr-a @sol-a @rem-a @alg-a @apx-a @figure',
      ['figure'],
    ],
    ['CRLF', '---\r\ntitle: x\r\n---\r\n[@a]\r\n```\r\n@no\r\n```\r\n@b\r\n', ['a', 'b']],
  ]);

  it('gives the unescaped key of @{…} with escapes, over the source range', () => {
    const text = '@{a\\}b}';
    assert.deepEqual(scanCitations(text, 'pandoc'), [{ key: 'a}b', start: 2, end: 6 }]);
  });
});

describe('scanCitations: Typst', () => {
  table('typst', [
    ['references', 'As @smith2020 shows, and @jones[p. 3].', ['smith2020', 'jones']],
    ['key characters', '@a-b @a:b @a.b @a_b @a:b. @a.', ['a-b', 'a:b', 'a.b', 'a_b', 'a:b', 'a']],
    ['not after a word character', 'a@b.com x_@y 1@z', []],
    ['#cite with a label', '#cite(<a>) #cite(<b>, supplement: [p. 7]) #cite(<c>, form: "prose")', ['a', 'b', 'c']],
    ['#cite with label("…")', '#cite(label("weird key")) #cite(label("a/b"))', ['weird key', 'a/b']],
    ['#ref and cite in code', '#ref(<a>) #{ cite(<b>) } #footnote(cite(<c>))', ['a', 'b', 'c']],
    [
      'labels the document defines are not citations',
      '= Intro <intro>\nSee @intro and @smith.\n#figure([x], caption: [c]) <fig1> @fig1 #ref(<fig1>) #cite(<fig1>)',
      ['smith', 'fig1'],
    ],
    ['comments', '// @no\n/* @no /* nested @no */ @no */ @yes', ['yes']],
    ['a URL is not a comment', 'https://x.org/@no @yes', ['yes']],
    ['raw text', '`@no` ```typ @no ``` ```` ``` @no ```` @yes', ['yes']],
    ['strings in code', '#set document(title: "@no")\n#let s = "a \\" @no"\n@yes', ['yes']],
    [
      'content blocks in code are markup',
      '#let x = [see @a]\n#show heading: it => [#it @b]\n#if true [@c] else [@d]',
      ['a', 'b', 'c', 'd'],
    ],
    ['escaped @', '\\@no @yes', ['yes']],
    ['statements end at the line end', '#let x = 1\n@a #set text(lang: "en")\n@b', ['a', 'b']],
    ['CRLF', '@a\r\n// @no\r\n#cite(<b>)\r\n', ['a', 'b']],
  ]);

  it('gives the unescaped key of a string with escapes, over the source range', () => {
    const text = '#cite(label("a\\"b"))';
    assert.deepEqual(scanCitations(text, 'typst'), [{ key: 'a"b', start: 13, end: 17 }]);
  });
});

describe('scanCitations: reStructuredText', () => {
  table('rst', [
    [':cite:', 'See :cite:`a,b` and :cite:`c , d`.', ['a', 'b', 'c', 'd']],
    [
      'styles',
      ':cite:p:`a` :cite:t:`b` :cite:ps:`c` :cite:ts:`d` :cite:ct:`e` :cite:cp:`f` :cite:author:`g` :cite:year:`h` :cite:empty:`i`',
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'],
    ],
    ['footcite', ':footcite:`a` :footcite:t:`b` :footcite:p:`c`', ['a', 'b', 'c']],
    ['pre- and post-text', ':cite:p:`{see}a{p. 3}, b{ch. 2}, {also}c`', ['a', 'b', 'c']],
    [
      'keys with punctuation',
      'Nelson :cite:t:`1987:nelson` and :cite:`DBLP:conf/x/Y19`',
      ['1987:nelson', 'DBLP:conf/x/Y19'],
    ],
    ['not inside a word', 'x:cite:`no` é:cite:`no` (:cite:`a`) -:cite:`b`', ['a', 'b']],
    ['escaped', '\\:cite:`no` :cite:`yes`', ['yes']],
    ['the closing backtick ends a word', ':cite:`a`b` more` and :cite:`c`.', ['a`b', 'c']],
    [
      'comments with their indented text',
      '.. a comment :cite:`no`\n   :cite:`no`\n\n   :cite:`no`\n\n:cite:`yes`',
      ['yes'],
    ],
    ['an empty comment does not take the block after a blank line', '..\n\n   :cite:`quoted`', ['quoted']],
    [
      'directives are text, code directives are not',
      '.. note:: :cite:`a`\n\n   :cite:`b`\n\n.. code-block:: rst\n\n   :cite:`no`\n\n.. math::\n\n   :cite:`no`\n\n:cite:`c`',
      ['a', 'b', 'c'],
    ],
    [
      'footnotes and substitutions are text; targets are not',
      '.. [#] :cite:`a`\n.. |s| replace:: :cite:`b`\n.. _t: http://x/:cite:`no`\n',
      ['a', 'b'],
    ],
    ['literal blocks', 'Example::\n\n   :cite:`no`\n\n:cite:`yes`\n\n::\n\n    :cite:`no`\n', ['yes']],
    ['doctest blocks', '>>> :cite:`no`\n... :cite:`no`\n\n:cite:`yes`', ['yes']],
    ['inline literals', '``:cite:`no``` and ``x`` :cite:`yes`', ['yes']],
    ['an inline literal left open is text', 'a ``:cite:`yes` ``\n\nb', ['yes']],
    ['CRLF', ':cite:`a`\r\n\r\n.. :cite:`no`\r\n\r\n:cite:`b`\r\n', ['a', 'b']],
  ]);
});

describe('keyAt', () => {
  const text = '\\cite{alpha,beta} and \\cite{gamma}';
  const found = scanCitations(text, 'latex');

  it('finds the key under the cursor, its end included', () => {
    assert.equal(keyAt(found, text.indexOf('alpha'))?.key, 'alpha');
    assert.equal(keyAt(found, text.indexOf('alpha') + 2)?.key, 'alpha');
    assert.equal(keyAt(found, text.indexOf('alpha') + 5)?.key, 'alpha');
    assert.equal(keyAt(found, text.indexOf('gamma') + 5)?.key, 'gamma');
  });

  it('finds nothing between, before or after keys', () => {
    assert.equal(keyAt(found, 0), undefined);
    assert.equal(keyAt(found, text.indexOf(' and ') + 2), undefined);
    assert.equal(keyAt(found, text.length), undefined);
    assert.equal(keyAt([], 3), undefined);
  });

  it('agrees with a linear search (seeded)', () => {
    const rng = prng(7);
    const doc = buildDocument('pandoc', rng, 300, '\n');
    const all = scanCitations(doc.text, 'pandoc');
    for (let t = 0; t < 2000; t++) {
      const offset = Math.floor(rng() * (doc.text.length + 1));
      const linear = all.find((k) => k.start <= offset && offset <= k.end);
      assert.equal(keyAt(all, offset), linear, `offset ${offset}`);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Properties: random keys in random prose

type Rng = () => number;

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

function int(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

const WORD_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_éüß';

function run(rng: Rng, chars: string, min: number, max: number): string {
  let s = '';
  for (let n = int(rng, min, max); n > 0; n--) s += pick(rng, Array.from(chars));
  return s;
}

/** Word runs joined by single punctuation characters: valid for pandoc and Typst alike. */
function joinedKey(rng: Rng, punctuation: string): string {
  let key = run(rng, WORD_CHARS, 1, 6);
  for (let n = int(rng, 0, 3); n > 0; n--) key += pick(rng, Array.from(punctuation)) + run(rng, WORD_CHARS, 1, 6);
  return key;
}

const QUARTO_PREFIX = /^(?:fig|tbl|sec|eq|lst|thm|lem|cor|prp|cnj|def|exm|exr|sol|rem|alg|apx)-/i;

const KEY_MAKERS: Record<CitationSyntax, (rng: Rng) => string> = {
  latex: (rng) => run(rng, WORD_CHARS + ':-./+*', 1, 14).replace(/^\*$/, 'x'),
  pandoc: (rng) => {
    for (;;) {
      const key = joinedKey(rng, ':.#$%&-+?<>~/');
      if (!QUARTO_PREFIX.test(key)) return key;
    }
  },
  typst: (rng) => joinedKey(rng, ':.-'),
  rst: (rng) => run(rng, WORD_CHARS + ':-./+', 1, 14),
};

/** A citation's text, built piece by piece so each key's offset in it is known. */
class Snippet {
  text = '';
  readonly keys: { key: string; at: number }[] = [];
  add(s: string): this {
    this.text += s;
    return this;
  }
  key(k: string): this {
    this.keys.push({ key: k, at: this.text.length });
    this.text += k;
    return this;
  }
}

const CITE_FORMS: Record<CitationSyntax, ((rng: Rng, key: () => string) => Snippet)[]> = {
  latex: [
    (_r, k) => new Snippet().add('\\cite{').key(k()).add('}'),
    (_r, k) => new Snippet().add('\\citep[p.~3]{').key(k()).add(', ').key(k()).add('}'),
    (_r, k) => new Snippet().add('\\textcite[see][{12]}]{ ').key(k()).add(' ,').key(k()).add('}'),
    (_r, k) => new Snippet().add('\\autocites(a)(b)[x]{').key(k()).add('}[y]{').key(k()).add('}'),
    (_r, k) => new Snippet().add('\\citet* {').key(k()).add('}'),
    (_r, k) => new Snippet().add('\\nocite{').key(k()).add(',\n  ').key(k()).add('}'),
  ],
  pandoc: [
    (_r, k) => new Snippet().add('[@').key(k()).add(']'),
    (_r, k) => new Snippet().add('[see @').key(k()).add(', p. 3; @').key(k()).add(']'),
    (_r, k) => new Snippet().add('[-@').key(k()).add(']'),
    (_r, k) => new Snippet().add('@').key(k()),
    (_r, k) => new Snippet().add('@{').key(`${k()} ${k()}`).add('}'),
  ],
  typst: [
    (_r, k) => new Snippet().add('@').key(k()),
    (_r, k) => new Snippet().add('@').key(k()).add('[p. 3]'),
    (_r, k) => new Snippet().add('#cite(<').key(k()).add('>)'),
    (_r, k) => new Snippet().add('#cite(<').key(k()).add('>, supplement: [p. 7])'),
    (_r, k) => new Snippet().add('#cite(label("').key(`${k()} ${k()}`).add('"))'),
  ],
  rst: [
    (_r, k) => new Snippet().add(':cite:`').key(k()).add('`'),
    (_r, k) => new Snippet().add(':cite:p:`').key(k()).add(', ').key(k()).add('`'),
    (_r, k) => new Snippet().add(':footcite:t:`').key(k()).add('`'),
    (_r, k) => new Snippet().add(':cite:`{see}').key(k()).add('{p. 3},').key(k()).add('`'),
  ],
};

/** Ways to put a citation where the tool does not read it; `nl` is the line ending. */
const HIDERS: Record<CitationSyntax, ((s: string, nl: string) => string | undefined)[]> = {
  latex: [
    (s, nl) => `% ${s.replace(/\n/g, ' ')}${nl}`,
    (s) => `\\begin{verbatim}${s}\\end{verbatim}`,
    (s, nl) => `\\begin{comment}${nl}${s}${nl}\\end{comment}`,
    (s) => `\\verb|${s.replace(/\n/g, ' ')}|`,
    (s) => `\\iffalse ${s} \\fi`,
    (s) => `\\lstinline!${s.replace(/\n/g, ' ')}!`,
  ],
  pandoc: [
    (s) => `\`${s}\``,
    (s, nl) => `${nl}${nl}\`\`\`${nl}${s}${nl}\`\`\`${nl}${nl}`,
    (s, nl) => `${nl}${nl}~~~~ {.md}${nl}${s}${nl}~~~~${nl}${nl}`,
    (s) => `<!-- ${s} -->`,
    (s, nl) => `${nl}${nl}    ${s}${nl}${nl}`,
  ],
  typst: [
    (s, nl) => `// ${s}${nl}`,
    (s) => `/* ${s} */`,
    (s) => `\`${s}\``,
    (s, nl) => `${nl}\`\`\`${nl}${s}${nl}\`\`\`${nl}`,
    (s, nl) => (s.includes('"') ? undefined : `${nl}#set document(title: "${s}")${nl}`),
  ],
  rst: [
    (s, nl) => `${nl}${nl}.. ${s}${nl}   ${s}${nl}${nl}`,
    (s) => `\`\`${s}\`\``,
    (s, nl) => `${nl}${nl}Example::${nl}${nl}    ${s}${nl}${nl}`,
    (s, nl) => `${nl}${nl}.. code-block:: rst${nl}${nl}   ${s}${nl}${nl}`,
  ],
};

/** Prose with no citation syntax in any of the four languages. */
const PROSE_WORDS = ['the', 'model', 'Results', 'were', 'shown', 'in', 'prior', 'work', 'and', 'also', 'é', 'über'];
const PROSE_PUNCTUATION = ['.', ',', ';', '!', '?', '(', ')', "'", '"'];

function prose(rng: Rng, nl: string): string {
  const parts: string[] = [];
  for (let n = int(rng, 1, 12); n > 0; n--) {
    parts.push(pick(rng, PROSE_WORDS));
    const r = rng();
    if (r < 0.15) parts.push(pick(rng, PROSE_PUNCTUATION));
    if (r > 0.9) parts.push(nl);
    else if (r > 0.87) parts.push(nl + nl);
    else parts.push(' ');
  }
  return parts.join('');
}

function hideIn(rng: Rng, syntax: CitationSyntax, body: string, nl: string): string {
  for (;;) {
    const hidden = pick(rng, HIDERS[syntax])(body, nl);
    if (hidden !== undefined) return hidden;
  }
}

interface Built {
  text: string;
  expected: CitedKey[];
}

/** `count` citations in random prose, each hidden (comment, code, verbatim) with `hidden` probability. */
function buildDocument(syntax: CitationSyntax, rng: Rng, count: number, nl: string, hidden = 0): Built {
  let text = prose(rng, nl);
  const expected: CitedKey[] = [];
  for (let c = 0; c < count; c++) {
    const snippet = pick(rng, CITE_FORMS[syntax])(rng, () => KEY_MAKERS[syntax](rng));
    const body = snippet.text.replace(/\n/g, nl);
    const hide = rng() < hidden ? hideIn(rng, syntax, body, nl) : undefined;
    // A space opening a line would indent it, into the code block just left (reST, pandoc).
    const space = () => (text.endsWith('\n') ? '' : ' ');
    text += space();
    if (hide !== undefined) {
      text += hide;
    } else {
      for (const k of snippet.keys) {
        const at = text.length + snippet.text.slice(0, k.at).replace(/\n/g, nl).length;
        expected.push({ key: k.key, start: at, end: at + k.key.length });
      }
      text += body;
    }
    text += space() + prose(rng, nl);
  }
  return { text, expected };
}

describe('scanCitations: properties (seeded)', () => {
  const syntaxes: CitationSyntax[] = ['latex', 'pandoc', 'typst', 'rst'];
  for (const syntax of syntaxes) {
    describe(syntax, () => {
      it('finds exactly the inserted citations, in order, at their offsets', () => {
        const rng = prng(syntax.length * 1000 + 1);
        for (let t = 0; t < 150; t++) {
          const doc = buildDocument(syntax, rng, int(rng, 0, 8), '\n');
          assert.deepEqual(scanCitations(doc.text, syntax), doc.expected, JSON.stringify(doc.text));
        }
      });

      it('finds none of them inside comments, verbatim or code', () => {
        const rng = prng(syntax.length * 1000 + 2);
        for (let t = 0; t < 150; t++) {
          const doc = buildDocument(syntax, rng, int(rng, 1, 8), '\n', 1);
          assert.deepEqual(doc.expected, []);
          assert.deepEqual(scanCitations(doc.text, syntax), [], JSON.stringify(doc.text));
        }
      });

      it('tells hidden and visible citations apart in one document', () => {
        const rng = prng(syntax.length * 1000 + 3);
        for (let t = 0; t < 150; t++) {
          const doc = buildDocument(syntax, rng, int(rng, 1, 10), '\n', 0.5);
          assert.deepEqual(scanCitations(doc.text, syntax), doc.expected, JSON.stringify(doc.text));
        }
      });

      it('reads CRLF documents the same', () => {
        const rng = prng(syntax.length * 1000 + 4);
        for (let t = 0; t < 100; t++) {
          const doc = buildDocument(syntax, rng, int(rng, 1, 10), '\r\n', 0.5);
          assert.deepEqual(scanCitations(doc.text, syntax), doc.expected, JSON.stringify(doc.text));
        }
      });

      it('scans a 200-citation document', () => {
        const doc = buildDocument(syntax, prng(syntax.length * 1000 + 5), 200, '\n');
        const found = scanCitations(doc.text, syntax);
        assert.ok(doc.expected.length >= 200, `${doc.expected.length} keys expected`);
        assert.deepEqual(found, doc.expected);
      });
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Linear by construction

describe('scanCitations: hostile input', () => {
  // No timing: these would hang the suite (not merely slow it) if a look-ahead were unbounded
  // per position, and each checks the answer.
  const N = 20000;
  const cases: [CitationSyntax, string, string[]][] = [
    ['latex', '\\cite['.repeat(N) + '\\cite{a}', ['a']],
    ['latex', '\\cite{'.repeat(N) + '\\cite{a}', ['a']],
    ['latex', '\\cite['.repeat(N) + ']{a}', ['a']],
    ['latex', '\\textcites'.repeat(N) + '[x]{a}', ['a']],
    ['latex', '\\iffalse'.repeat(N) + '\\cite{a}', ['a']],
    ['latex', '%'.repeat(N) + '\n\\cite{a}', ['a']],
    ['pandoc', Array.from({ length: 300 }, (_, k) => '`'.repeat(k + 1)).join('x') + ' @a', ['a']],
    ['pandoc', '$x '.repeat(N) + '@a', ['a']],
    ['pandoc', '<span title="'.repeat(N) + '@a', ['a']],
    ['pandoc', '```\n'.repeat(N) + '@a', ['a']],
    ['pandoc', '@'.repeat(N) + 'a', ['a']],
    ['pandoc', '@{'.repeat(N) + ' @a', ['a']],
    ['pandoc', '@{x '.repeat(N) + '} @a', ['a']],
    ['typst', '#cite('.repeat(N), []],
    ['typst', '/*'.repeat(N), []],
    ['typst', '<'.repeat(N) + ' @a', ['a']],
    ['rst', ':cite:`x '.repeat(N), []],
    ['rst', '``x '.repeat(N) + ':cite:`a`', ['a']],
  ];
  for (const [syntax, text, want] of cases) {
    it(`${syntax}: ${JSON.stringify(text.slice(0, 24))}…`, () => assert.deepEqual(keys(text, syntax), want));
  }

  it('the scanners hold no regex with a quantified group (the shape that backtracks)', () => {
    const dir = path.resolve(__dirname, '../../../src/core/refs/scan');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    assert.ok(files.length >= 4, 'scanner sources found');
    for (const file of files) {
      for (const [n, line] of readFileSync(path.join(dir, file), 'utf8').split('\n').entries()) {
        if (/^\s*(\/\/|\*|\/\*)/.test(line)) continue;
        for (const m of line.matchAll(/(?:[=(,]\s*)\/((?:\\.|[^/\\\n])+)\/[gimsuy]*/g)) {
          assert.doesNotMatch(m[1], /\)[*+?{]/, `${file}:${n + 1}: ${m[0]}`);
        }
      }
    }
  });
});
