import * as assert from 'node:assert/strict';
import { isLatexRoot, latexIncludes } from '../../src/core/refs/project';
import { yamlBibFiles, yamlFileBibFiles } from '../../src/core/cite/bibDiscovery';

const thesis = String.raw`% !TEX program = lualatex
\documentclass[12pt,a4paper]{report}
\usepackage{import}
\usepackage[backend=biber]{biblatex}
\addbibresource{references.bib}
% \includeonly{chapters/method}
\includeonly{chapters/intro,chapters/results}

\begin{document}
\input{frontmatter/title}
\include{chapters/intro}
%\include{chapters/old-draft}
\import{sections/}{method}
\subimport*{appendix}{proofs.tex}
\input{figures/pipeline.tikz}   % a TikZ picture, kept with its extension
\includegraphics{figures/plot.pdf}
Growth was 50\% \input{tables/growth} % half of it \input{tables/dropped}
\InputIfFileExists{chapters/acknowledgements}{}{}
\input frontmatter/abstract
\subfile{chapters/results}
\include{chapters/intro}
\printbibliography
\end{document}
`;

describe('latexIncludes', () => {
  it('lists the files of a thesis in order, once each', () => {
    assert.deepEqual(latexIncludes(thesis), [
      'frontmatter/title.tex',
      'chapters/intro.tex',
      'sections/method.tex',
      'appendix/proofs.tex',
      'figures/pipeline.tikz',
      'tables/growth.tex',
      'chapters/acknowledgements.tex',
      'frontmatter/abstract.tex',
      'chapters/results.tex',
    ]);
  });

  const table: [string, string, string[]][] = [
    ['nothing included', 'Just text with \\cite{a}.', []],
    ['a commented-out line', '% \\input{a}\n  %\\include{b}', []],
    ['an escaped percent is no comment', '100\\% \\input{a}', ['a.tex']],
    ['a backslash pair then % is a comment', 'x\\\\% \\input{a}', []],
    ['import directory without a slash', '\\import{parts}{one}', ['parts/one.tex']],
    ['import from the current directory', '\\import{./}{one}', ['one.tex']],
    ['spaces around arguments', '\\include {chapters/a} \\import {d/} {b}', ['chapters/a.tex', 'd/b.tex']],
    ['a dot in a folder name is no extension', '\\input{v1.2/intro}', ['v1.2/intro.tex']],
    ['look-alike commands', '\\inputencoding{utf8}\\includeonly{a}\\includegraphics{b}\\includepdf{c}', []],
    ['CRLF line ends', '\\input{a}\r\n% \\input{b}\r\n\\input{c}', ['a.tex', 'c.tex']],
  ];
  for (const [name, text, want] of table) it(name, () => assert.deepEqual(latexIncludes(text), want));
});

describe('isLatexRoot', () => {
  it('is true for a document with a class', () => assert.equal(isLatexRoot(thesis), true));
  it('is false for a chapter', () => {
    assert.equal(isLatexRoot('\\chapter{Introduction}\nAs \\cite{vaswani2017} showed…'), false);
  });
  it('ignores a commented-out class', () => {
    assert.equal(isLatexRoot('% \\documentclass{article}\n\\section{A}'), false);
  });
  it('does not take a longer command for it', () => {
    assert.equal(isLatexRoot('\\documentclassx{article}'), false);
    assert.equal(isLatexRoot('  \\documentclass [a4paper] {article}'), true);
  });
});

describe('yamlFileBibFiles', () => {
  it('reads a _quarto.yml with a block list among other keys', () => {
    const quarto = [
      'project:',
      '  type: book',
      '  output-dir: _book',
      '',
      'book:',
      '  title: "A Thesis"',
      '  chapters:',
      '    - index.qmd',
      '    - intro.qmd',
      '',
      '# shared by every chapter',
      'bibliography:',
      '  - references.bib',
      '  - "extra refs.bib"',
      'csl: apa.csl',
      '',
      'format:',
      '  html:',
      '    theme: cosmo',
      '    bibliography: html-only.bib',
    ].join('\n');
    assert.deepEqual(yamlFileBibFiles(quarto), ['references.bib', 'extra refs.bib']);
  });

  it('reads a single path and a flow list', () => {
    assert.deepEqual(yamlFileBibFiles('project:\n  type: website\nbibliography: refs.bib # main\n'), ['refs.bib']);
    assert.deepEqual(yamlFileBibFiles("bibliography: [a.bib, 'b, c.bib']\nformat: pdf\n"), ['a.bib', 'b, c.bib']);
  });

  it('reads only the top level', () => {
    assert.deepEqual(yamlFileBibFiles('format:\n  html:\n    bibliography: x.bib\n'), []);
    assert.deepEqual(yamlFileBibFiles('project:\n  type: book\n'), []);
  });

  it('needs no front-matter fences, and takes CRLF and a BOM', () => {
    assert.deepEqual(yamlFileBibFiles('\uFEFFbibliography:\r\n  - a.bib\r\n  - b.bib\r\ntoc: true\r\n'), [
      'a.bib',
      'b.bib',
    ]);
    // The same text is no front matter: a document's bibliography needs the fences.
    assert.deepEqual(yamlBibFiles('bibliography: a.bib\n'), []);
  });
});
