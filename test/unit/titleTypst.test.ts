import * as assert from 'node:assert/strict';
import { bibtexEntry } from '../../src/core/cite/bibtexEntry';
import { titleLatex } from '../../src/core/cite/titleLatex';
import { mathText } from '../../src/core/cite/titleTypst';
import { paper } from '../helpers/paper';

describe('mathText: TeX math as the plain text it shows', () => {
  const cases: [string, string][] = [
    ['\\sim', '∼'],
    ['\\infty', '∞'],
    ['\\alpha', 'α'],
    ['Q^\\star', 'Q⋆'],
    ['f^\\prime', 'f′'],
    ["f'", 'f′'],
    ['E=mc^2', 'E=mc²'],
    ['O(n^2)', 'O(n²)'],
    ['10^{-3}', '10⁻³'],
    ['\\ell_1', 'ℓ₁'],
    ['x_{ij}', 'xᵢⱼ'],
    ['\\mathcal{O}(1)', 'O(1)'],
    ['\\mathbb{R}^n', 'ℝⁿ'],
    ['\\mathbb{E}', '𝔼'],
    // Composed: the accent over a letter that has a precomposed form is that form.
    ['\\tilde{O}(\\sqrt{n})', '\u00d5(√n)'],
    ['\\vec{v}', 'v\u20d7'],
    ['\\sqrt{n+1}', '√(n+1)'],
    ['\\frac{1}{2}', '1/2'],
    ['\\frac{a+b}{c}', '(a+b)/c'],
    ['O(n \\log n)', 'O(n log n)'],
    ['\\log(n)', 'log(n)'],
    ['\\leq 3', '≤ 3'],
    ['\\$0.01', '$0.01'],
    ['50\\%', '50%'],
    ['50%', '50%'],
    ['<', '<'],
    ['ά', 'ά'],
    ['\\left( x \\right)', '(x)'],
    ['a\\,b', 'a b'],
    ['\\text{Acc}@1', 'Acc@1'],
    ['k', 'k'],
  ];
  for (const [tex, text] of cases) it(`${tex} → ${text}`, () => assert.equal(mathText(tex), text));

  const unconverted = [
    'x^{abc}',
    'x^d',
    '\\mathfrak',
    '\\phantom{x}',
    '\\\\',
    'a_',
    '\\frac{1}',
    '{x',
    'x}',
    '\\constructor',
  ];
  for (const tex of unconverted) it(`${tex} has no plain form`, () => assert.equal(mathText(tex), undefined));
});

describe('titleLatex for Typst', () => {
  const cases: [string, string][] = [
    ['$\\sim$10x Fewer Parameters', '{∼}10x Fewer Parameters'],
    ['$\\infty$-former: Infinite Memory Transformer', '{∞}-former: Infinite Memory Transformer'],
    ['$E=mc^2$', '{E=mc²}'],
    ['$<$0.5MB Models', '{{\\textless{}}}{0.5MB} Models'],
    ['Pretraining at $\\$0.01$ per Token', 'Pretraining at {{\\$0.01}} per Token'],
    ['$ά$ Test', '{ά} Test'],
    // No plain form: the TeX as text, never as math.
    ['$x^{abc}$ Bounds', '{x\\textasciicircum{}\\textbraceleft{}abc\\textbraceright{}} Bounds'],
    // Markup is its contents, protected by the usual rules.
    ['{\\em Emphasis}, \\textbf{Bold} and \\emph{\\texttt{Nested} Code}', 'Emphasis, Bold and Nested Code'],
    ['Learning with \\emph{BERT} embeddings', 'Learning with {BERT} embeddings'],
    // Markup that never closes stays text, as for BibTeX.
    ['\\textbf{Open', '{{\\textbackslash{}textbf\\textbraceleft{}Open}}'],
  ];
  for (const [title, latex] of cases) {
    it(`${title} → ${latex}`, () => assert.equal(titleLatex(title, false, true), latex));
  }

  it('no span is left as math, whatever the title', () => {
    for (const [title] of cases) assert.doesNotMatch(titleLatex(title, false, true), /(^|[^\\])\$/, title);
  });

  it('other engines keep math and markup as TeX', () => {
    assert.equal(titleLatex('$\\sim$10x Fewer', false, false), '{$\\sim$}10x Fewer');
    assert.equal(titleLatex('\\emph{Bold} Claims'), '\\emph{Bold} Claims');
  });

  it('bibtexEntry writes Typst titles with the typst option, and only then', () => {
    const p = paper({ id: 't', title: '$\\alpha$-Divergence', authors: ['Ada Lovelace'], published: '2024-01-01' });
    assert.match(bibtexEntry(p, { typst: true }).text, /title=\{\{α\}-Divergence\},/);
    assert.match(bibtexEntry(p).text, /title=\{\{\$\\alpha\$\}-Divergence\},/);
    assert.equal(bibtexEntry(p, { typst: false }).text, bibtexEntry(p).text);
  });
});
