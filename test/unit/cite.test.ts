import * as assert from 'node:assert/strict';
import { citationFor, citationSyntax, citeText, insertionAt, plainCitation } from '../../src/core/cite/citeText';
import { bibtexEntry } from '../../src/core/cite/bibtexEntry';
import { paper } from '../helpers/paper';

/** Applies an insertion to the text with the cursor marked `|`, and returns the text after it. */
function cite(marked: string, keys: string[], languageId: string, latexCommand?: string): string {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'mark the cursor with |');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const edit = insertionAt(text, offset, keys, languageId, latexCommand !== undefined ? { latexCommand } : undefined);
  return text.slice(0, edit.offset) + edit.insertText + text.slice(edit.offset);
}

describe('citeText', () => {
  const table: [string, string[], string][] = [
    ['latex', ['a'], '\\cite{a}'],
    ['latex', ['a', 'b'], '\\cite{a,b}'],
    ['tex', ['a'], '\\cite{a}'],
    ['rsweave', ['a'], '\\cite{a}'],
    ['markdown', ['a', 'b'], '[@a; @b]'],
    ['quarto', ['a'], '[@a]'],
    ['rmd', ['a'], '[@a]'],
    ['pandoc', ['a'], '[@a]'],
    ['typst', ['a', 'b'], '@a @b'],
    ['restructuredtext', ['a', 'b'], ':cite:`a,b`'],
    ['LaTeX', ['a'], '\\cite{a}'],
    ['plaintext', ['a'], '\\cite{a}'],
  ];
  for (const [lang, keys, want] of table) {
    it(`${lang} ${keys.join(',')}`, () => assert.equal(citeText(keys, lang), want));
  }

  it('uses the configured LaTeX command, with or without backslash', () => {
    assert.equal(citeText(['a'], 'latex', { latexCommand: 'citep' }), '\\citep{a}');
    assert.equal(citeText(['a'], 'latex', { latexCommand: '\\autocite' }), '\\autocite{a}');
    assert.equal(citeText(['a'], 'latex', { latexCommand: 'textcite*' }), '\\textcite*{a}');
  });

  it('falls back to \\cite for a command that is not one', () => {
    assert.equal(citeText(['a'], 'latex', { latexCommand: 'cite}{x' }), '\\cite{a}');
    assert.equal(citeText(['a'], 'latex', { latexCommand: '' }), '\\cite{a}');
  });

  it('writes keys pandoc or Typst cannot read bare in their long forms', () => {
    assert.equal(citeText(['smith:2020.a'], 'markdown'), '[@smith:2020.a]');
    assert.equal(citeText(['end.'], 'markdown'), '[@{end.}]');
    assert.equal(citeText(['has space'], 'quarto'), '[@{has space}]');
    assert.equal(citeText(['smith:2020.a'], 'typst'), '@smith:2020.a');
    assert.equal(citeText(['a/b', 'c+d'], 'typst'), '#cite(label("a/b")) #cite(label("c+d"))');
    assert.equal(citeText(['trailing.'], 'typst'), '#cite(label("trailing."))');
  });
});

describe('citationSyntax', () => {
  it('knows the documented languages and nothing else', () => {
    assert.equal(citationSyntax('latex'), 'latex');
    assert.equal(citationSyntax('quarto'), 'pandoc');
    assert.equal(citationSyntax('typst'), 'typst');
    assert.equal(citationSyntax('restructuredtext'), 'rst');
    assert.equal(citationSyntax('python'), undefined);
    assert.equal(citationSyntax('plaintext'), undefined);
  });
});

describe('insertionAt', () => {
  const table: [string, string, string[], string][] = [
    // LaTeX
    ['latex', 'See |.', ['k'], 'See \\cite{k}.'],
    ['latex', 'See \\cite{a|}.', ['k'], 'See \\cite{a,k}.'],
    ['latex', 'See \\cite{|a}.', ['k'], 'See \\cite{k,a}.'],
    ['latex', 'See \\cite{a,|b}.', ['k'], 'See \\cite{a,k,b}.'],
    ['latex', 'See \\cite{va|swani}.', ['k'], 'See \\cite{vaswani,k}.'],
    ['latex', 'See \\cite{|}.', ['k', 'j'], 'See \\cite{k,j}.'],
    ['latex', 'See \\cite{a, |}.', ['k'], 'See \\cite{a, k}.'],
    ['latex', 'See \\citep[see][p.~3]{a|}.', ['k'], 'See \\citep[see][p.~3]{a,k}.'],
    ['latex', 'See \\textcite*{a|}.', ['k'], 'See \\textcite*{a,k}.'],
    ['latex', 'See \\Cite{a|}.', ['k'], 'See \\Cite{a,k}.'],
    ['latex', 'See \\cite{a|}.', ['a'], 'See \\cite{a}.'],
    ['latex', 'See \\cite{a|}.', ['a', 'k'], 'See \\cite{a,k}.'],
    ['latex', '\\section{Intro|}', ['k'], '\\section{Intro\\cite{k}}'],
    ['latex', '\\cite{a} and |', ['k'], '\\cite{a} and \\cite{k}'],
    // pandoc
    ['markdown', 'See |.', ['k'], 'See [@k].'],
    ['markdown', 'See [@a|].', ['k'], 'See [@a; @k].'],
    ['markdown', 'See [|@a].', ['k'], 'See [@k; @a].'],
    ['markdown', 'See [@a; |@b].', ['k'], 'See [@a; @k; @b].'],
    ['markdown', 'See [see @a, p. 3|].', ['k'], 'See [see @a, p. 3; @k].'],
    ['quarto', 'See [-@a|].', ['k'], 'See [-@a; @k].'],
    ['markdown', 'See [@a|].', ['a'], 'See [@a].'],
    ['markdown', 'A [link|](http://x) here', ['k'], 'A [link[@k]](http://x) here'],
    ['markdown', 'Mail [me@x.org|] now', ['k'], 'Mail [me@x.org[@k]] now'],
    ['markdown', '[@a]\n\nNew |paragraph', ['k'], '[@a]\n\nNew [@k]paragraph'],
    // Typst
    ['typst', 'See |.', ['k'], 'See @k.'],
    ['typst', 'word|', ['k'], 'word @k'],
    // reST
    ['restructuredtext', 'See :cite:`a|`.', ['k'], 'See :cite:`a,k`.'],
    ['restructuredtext', 'See :cite:p:`a|`.', ['k'], 'See :cite:p:`a,k`.'],
    ['restructuredtext', 'See |.', ['k'], 'See :cite:`k`.'],
  ];
  for (const [lang, before, keys, after] of table) {
    it(`${lang}: ${JSON.stringify(before)} + ${keys.join(',')}`, () => assert.equal(cite(before, keys, lang), after));
  }

  it('uses the configured command for a new citation', () => {
    assert.equal(cite('See |.', ['k'], 'latex', 'citep'), 'See \\citep{k}.');
  });

  it('returns an empty insertion when every key is already cited', () => {
    const text = 'See \\cite{a,b}.';
    assert.deepEqual(insertionAt(text, 11, ['b', 'a'], 'latex'), { offset: 11, insertText: '' });
  });
});

describe('plainCitation and citationFor', () => {
  const vaswani = paper({
    arxivId: '1706.03762',
    title: 'Attention Is All You Need',
    authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit'],
    published: '2017-06-12',
  });

  it('names up to three authors, then et al.', () => {
    assert.equal(plainCitation(vaswani), 'Ashish Vaswani et al. (2017). Attention Is All You Need. arXiv:1706.03762');
    assert.equal(
      plainCitation({ ...vaswani, authors: ['A B', 'C D', 'E F'] }),
      'A B, C D and E F (2017). Attention Is All You Need. arXiv:1706.03762',
    );
    assert.equal(
      plainCitation({ ...vaswani, authors: ['A B', 'C D'] }),
      'A B and C D (2017). Attention Is All You Need. arXiv:1706.03762',
    );
    assert.equal(
      plainCitation({ ...vaswani, authors: ['Solo Author'] }),
      'Solo Author (2017). Attention Is All You Need. arXiv:1706.03762',
    );
  });

  it('copes with no authors, no year, a question mark, a DOI or a link instead of an arXiv id', () => {
    const lstm = paper({ id: 'x', title: 'Is it long?', authors: [], doi: '10.1162/neco.1997.9.8.1735' });
    assert.equal(plainCitation(lstm), 'Is it long? (n.d.). doi:10.1162/neco.1997.9.8.1735');
    const hf = paper({
      id: 'x',
      title: 'T',
      authors: ['A'],
      links: { huggingFace: 'https://huggingface.co/papers/x' },
    });
    assert.equal(plainCitation(hf), 'A (n.d.). T. https://huggingface.co/papers/x');
    assert.equal(plainCitation(paper({ id: 'x', title: 'Bare', authors: ['A'] })), 'A (n.d.). Bare.');
  });

  it('gives the citation where there is a syntax, else the entry or the plain reference', () => {
    const entry = bibtexEntry(vaswani);
    const items = [{ paper: vaswani, ...entry }];
    assert.equal(citationFor(items, 'latex'), '\\cite{vaswani2017attentionneed}');
    assert.equal(citationFor(items, 'plaintext'), entry.text);
    assert.equal(citationFor(items, 'python', { fallback: 'plain' }), plainCitation(vaswani));
    const two = [...items, { key: 'b', paper: vaswani, text: '@misc{b,\n}\n' }];
    assert.equal(citationFor(two, 'plaintext', { fallback: 'entry' }), `${entry.text.trimEnd()}\n\n@misc{b,\n}\n`);
  });
});
