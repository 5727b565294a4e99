import * as assert from 'node:assert/strict';
import { asciiEntries, bibliographyEngine, type BibEngine } from '../../src/core/cite/bibDiscovery';

describe('bibliographyEngine', () => {
  const table: [string, string, string | undefined, BibEngine | undefined][] = [
    ['\\bibliography is classic BibTeX', '\\bibliographystyle{plain}\n\\bibliography{refs}', 'latex', 'bibtex'],
    ['\\nobibliography is classic BibTeX', '\\nobibliography{refs}', 'latex', 'bibtex'],
    ['\\addbibresource is biber', '\\usepackage{biblatex}\n\\addbibresource{refs.bib}', 'latex', 'biber'],
    ['\\addbibresource without the package line is biber', '\\addbibresource{refs.bib}', 'latex', 'biber'],
    ['\\addglobalbib is biber', '\\addglobalbib{g.bib}', 'latex', 'biber'],
    [
      '\\bibliography with biblatex loaded is biber',
      '\\usepackage[style=apa]{biblatex}\n\\bibliography{refs}',
      'latex',
      'biber',
    ],
    [
      'biblatex with the bibtex backend is classic BibTeX',
      '\\usepackage[backend=bibtex,style=numeric]{biblatex}\n\\addbibresource{refs.bib}',
      'latex',
      'bibtex',
    ],
    [
      'bibtex8 backend is BibTeX too',
      '\\usepackage[backend = bibtex8]{biblatex}\n\\bibliography{refs}',
      'latex',
      'bibtex',
    ],
    ['a commented-out biblatex does not count', '%\\usepackage{biblatex}\n\\bibliography{refs}', 'latex', 'bibtex'],
    ['a commented-out \\bibliography does not count', '% \\bibliography{refs}\n', 'latex', undefined],
    ['natbib is classic BibTeX', '\\usepackage{natbib}\n\\bibliography{refs}', 'latex', 'bibtex'],
    ['no bibliography', '\\section{Intro}', 'latex', undefined],
    ['pandoc front matter', '---\ntitle: x\nbibliography: refs.bib\n---\n', 'markdown', 'pandoc'],
    ['Quarto front matter', '---\nbibliography: [a.bib]\n---\n', 'quarto', 'pandoc'],
    ['Markdown without front matter', '# Notes\n', 'markdown', undefined],
    ['Markdown ignores LaTeX syntax', '\\bibliography{refs}', 'markdown', undefined],
    ['Typst', '#bibliography("refs.bib")', 'typst', 'typst'],
    ['Typst ignores LaTeX syntax', '\\bibliography{refs}', 'typst', undefined],
    ['unknown language: LaTeX read first', '\\bibliography{refs}', undefined, 'bibtex'],
    ['unknown language: YAML', '---\nbibliography: r.bib\n---\n', undefined, 'pandoc'],
    ['unknown language: Typst', '#bibliography("r.bib")', undefined, 'typst'],
  ];
  for (const [name, text, languageId, want] of table) {
    it(name, () => assert.equal(bibliographyEngine(text, languageId), want));
  }
});

describe('asciiEntries', () => {
  const engines: (BibEngine | undefined)[] = ['bibtex', 'biber', 'pandoc', 'typst', undefined];
  it('auto: ASCII for classic BibTeX only', () => {
    assert.deepEqual(
      engines.map((e) => asciiEntries('auto', e)),
      [true, false, false, false, false],
    );
  });
  it('true and false hold whatever reads the bibliography', () => {
    for (const e of engines) {
      assert.equal(asciiEntries(true, e), true);
      assert.equal(asciiEntries(false, e), false);
    }
  });
});
