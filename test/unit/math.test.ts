import * as assert from 'node:assert/strict';
import {
  segmentsToPlainText,
  splitMath,
  splitParagraphs,
  type Segment,
  type TextStyle,
} from '../../src/core/view/texSegments';

const text = (t: string, style?: TextStyle): Segment =>
  style ? { kind: 'text', text: t, style } : { kind: 'text', text: t };
const inline = (tex: string, source = `$${tex}$`): Segment => ({ kind: 'math', tex, display: false, source });
const display = (tex: string, source: string): Segment => ({ kind: 'math', tex, display: true, source });

describe('splitMath', () => {
  describe('math delimiters', () => {
    it('finds inline $...$ between text', () => {
      assert.deepEqual(splitMath('a $x^2$ b'), [text('a '), inline('x^2'), text(' b')]);
    });

    it('finds display $$...$$', () => {
      assert.deepEqual(splitMath('see $$\\sum_i x_i$$ here'), [
        text('see '),
        display('\\sum_i x_i', '$$\\sum_i x_i$$'),
        text(' here'),
      ]);
    });

    it('finds \\(...\\) inline and \\[...\\] display', () => {
      assert.deepEqual(splitMath('\\(a+b\\) and \\[c\\]'), [
        inline('a+b', '\\(a+b\\)'),
        text(' and '),
        display('c', '\\[c\\]'),
      ]);
    });

    it('reads $\\sim$ before a number as math (rendered by KaTeX as ∼)', () => {
      assert.deepEqual(splitMath('a $\\sim$10x speedup'), [text('a '), inline('\\sim'), text('10x speedup')]);
    });

    it('keeps an escaped dollar as a dollar sign, outside and inside math', () => {
      assert.deepEqual(splitMath('costs \\$3 or $\\$4$'), [text('costs $3 or '), inline('\\$4')]);
    });

    it('leaves an unbalanced $ as text', () => {
      assert.deepEqual(splitMath('we pay $x and more'), [text('we pay $x and more')]);
    });

    it('leaves unbalanced \\( and \\[ as text', () => {
      assert.deepEqual(splitMath('open \\( never closed and \\[ nor this'), [
        text('open \\( never closed and \\[ nor this'),
      ]);
    });

    it('leaves an unclosed $$ as text', () => {
      assert.deepEqual(splitMath('$$x + y'), [text('$$x + y')]);
    });

    it('does not take prices for math', () => {
      assert.deepEqual(splitMath('costs $5 and $10'), [text('costs $5 and $10')]);
      assert.deepEqual(splitMath('from $5--$10'), [text('from $5–$10')]);
    });

    it('does not open inline math on "$ " (space after the dollar)', () => {
      assert.deepEqual(splitMath('a $ b$ c'), [text('a $ b$ c')]);
    });

    it('leaves empty delimiters as text', () => {
      assert.deepEqual(splitMath('$$$$ and \\(\\)'), [text('$$$$ and \\(\\)')]);
    });

    it('does not let inline math span a blank line', () => {
      assert.deepEqual(splitParagraphs('one $a\n\ntwo b$'), [[text('one $a')], [text('two b$')]]);
    });

    it('does not treat letters and $ inside math as text cleanup', () => {
      assert.deepEqual(splitMath('$a--b~c$'), [inline('a--b~c')]);
    });
  });

  describe('non-math LaTeX cleanup', () => {
    it('turns \\emph and \\textit into emphasis and \\textbf into strong text', () => {
      assert.deepEqual(splitMath('\\emph{new} and \\textit{old} and \\textbf{bold}'), [
        text('new', 'em'),
        text(' and '),
        text('old', 'em'),
        text(' and '),
        text('bold', 'strong'),
      ]);
    });

    it('keeps math inside an emphasised run', () => {
      assert.deepEqual(splitMath('\\emph{with $x$ inside}'), [text('with ', 'em'), inline('x'), text(' inside', 'em')]);
    });

    it('keeps an unbalanced \\emph{ as text', () => {
      assert.deepEqual(splitMath('\\emph{never closed'), [text('\\emph{never closed')]);
    });

    it('turns ~ into a space, -- into an en dash, --- into an em dash', () => {
      assert.deepEqual(splitMath('Fig.~3, pages 1--2 --- done'), [text('Fig. 3, pages 1–2 — done')]);
    });

    it('unescapes \\% \\& \\_ \\#', () => {
      assert.deepEqual(splitMath('50\\% \\& a\\_b \\#1'), [text('50% & a_b #1')]);
    });

    it('turns TeX quotes into typographic ones', () => {
      assert.deepEqual(splitMath("``quoted''"), [text('“quoted”')]);
    });

    it('reads bare symbol commands outside math as the symbol', () => {
      assert.deepEqual(splitMath('43\\times faster, \\sim 5, \\alpha-blend'), [text('43× faster, ∼ 5, α-blend')]);
    });

    it('reads 43times (a lost \\times) as 43×', () => {
      assert.deepEqual(splitMath('a 43times speedup, 3 times better'), [text('a 43× speedup, 3 times better')]);
    });

    it('sets LR^2VQ with a superscript 2', () => {
      assert.deepEqual(splitMath('LR^2VQ'), [text('LR'), text('2', 'sup'), text('VQ')]);
    });

    it('sets braced and negative superscripts, but not a stray caret', () => {
      assert.deepEqual(splitMath('O(n^{-1}) at 10^-3, ^ alone'), [
        text('O(n'),
        text('-1', 'sup'),
        text(') at 10'),
        text('-3', 'sup'),
        text(', ^ alone'),
      ]);
    });

    it('leaves unknown commands as written', () => {
      assert.deepEqual(splitMath('see \\cite{x} and \\foo'), [text('see \\cite{x} and \\foo')]);
    });

    it('keeps code verbatim inside \\texttt and \\url', () => {
      assert.deepEqual(splitMath('\\texttt{--flag} at \\url{https://a.org/x--y}'), [
        text('--flag', 'code'),
        text(' at '),
        text('https://a.org/x--y', 'code'),
      ]);
    });

    it('does not recurse without bound into nested commands', () => {
      const deep = '\\emph{'.repeat(50) + 'x' + '}'.repeat(50);
      const out = splitMath(deep);
      assert.ok(segmentsToPlainText(out).includes('x'));
    });
  });

  describe('robustness', () => {
    it('returns an empty list for empty text', () => {
      assert.deepEqual(splitMath(''), []);
    });

    it('loses no characters of plain text', () => {
      const s = 'Plain words, numbers 12.5, and symbols <>&"\' stay.';
      assert.deepEqual(splitMath(s), [text(s)]);
    });

    it('handles many unbalanced dollars quickly', () => {
      const s = '$a '.repeat(20000);
      const started = Date.now();
      const out = splitMath(s);
      assert.ok(Date.now() - started < 2000, 'took too long');
      assert.equal(segmentsToPlainText(out).length > 0, true);
    });
  });
});

describe('splitParagraphs', () => {
  it('splits on blank lines and drops empty paragraphs', () => {
    assert.deepEqual(splitParagraphs('one\n\n\n two \r\n\r\nthree'), [[text('one')], [text('two')], [text('three')]]);
  });
});

describe('segmentsToPlainText', () => {
  it('uses the symbol for a one-command fragment and the TeX otherwise', () => {
    assert.equal(segmentsToPlainText(splitMath('$\\sim$10x with $x^2$')), '∼10x with x^2');
  });

  it('writes digit superscripts as Unicode superscripts', () => {
    assert.equal(segmentsToPlainText(splitMath('LR^2VQ and n^{ab}')), 'LR²VQ and n^ab');
  });
});
