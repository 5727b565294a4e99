import * as assert from 'node:assert/strict';
import {
  bibliographyFiles,
  isBibtexPath,
  latexBibFiles,
  texRoot,
  typstBibFiles,
  yamlBibFiles,
} from '../../src/core/cite/bibDiscovery';

describe('latexBibFiles', () => {
  const table: [string, string, string[]][] = [
    ['one name, .bib added', '\\bibliography{refs}', ['refs.bib']],
    [
      'several names with spaces',
      '\\bibliography{ refs , other.bib,../shared/lib }',
      ['refs.bib', 'other.bib', '../shared/lib.bib'],
    ],
    ['BibTeX adds .bib to other extensions too', '\\bibliography{refs.old}', ['refs.old.bib']],
    ['upper-case extension kept', '\\bibliography{REFS.BIB}', ['REFS.BIB']],
    ['addbibresource', '\\addbibresource{refs.bib}', ['refs.bib']],
    ['addbibresource with options', '\\addbibresource[label=main]{main refs.bib}', ['main refs.bib']],
    [
      'remote resources skipped',
      '\\addbibresource[location=remote]{https://x.org/r.bib}\n\\addbibresource{local.bib}',
      ['local.bib'],
    ],
    ['global and section resources', '\\addglobalbib{g.bib}\\addsectionbib{s.bib}', ['g.bib', 's.bib']],
    ['nobibliography', '\\nobibliography{refs}', ['refs.bib']],
    ['commented out', '% \\bibliography{old}\n\\bibliography{new} % \\addbibresource{x.bib}', ['new.bib']],
    ['escaped percent is not a comment', '50\\% done \\bibliography{refs}', ['refs.bib']],
    ['\\\\ then % is a comment', 'line\\\\% \\bibliography{no}\n\\bibliography{yes}', ['yes.bib']],
    ['space before brace, CRLF', '\\bibliography {a}\r\n\\addbibresource {b.bib}\r\n', ['a.bib', 'b.bib']],
    ['order of appearance', '\\addbibresource{z.bib}\n\\bibliography{a}', ['z.bib', 'a.bib']],
    ['bibliographystyle is not a file', '\\bibliographystyle{plain}', []],
    ['nothing', 'Hello', []],
  ];
  for (const [name, text, want] of table) it(name, () => assert.deepEqual(latexBibFiles(text), want));
});

describe('yamlBibFiles', () => {
  const fm = (body: string) => `---\n${body}\n---\n\n# Title\n`;
  const table: [string, string, string[]][] = [
    ['plain string', fm('title: x\nbibliography: refs.bib'), ['refs.bib']],
    ['double quoted', fm('bibliography: "my refs.bib"'), ['my refs.bib']],
    ['single quoted with escaped quote', fm("bibliography: 'it''s.bib'"), ["it's.bib"]],
    ['trailing comment', fm('bibliography: refs.bib # main'), ['refs.bib']],
    ['flow list', fm('bibliography: [a.bib, "b, c.bib", \'d.bib\']'), ['a.bib', 'b, c.bib', 'd.bib']],
    [
      'block list',
      fm('bibliography:\n  - a.bib\n  - "b.bib"\n  # note\n  - c.bib\nauthor: me'),
      ['a.bib', 'b.bib', 'c.bib'],
    ],
    ['block list at column 0', fm('bibliography:\n- a.bib\n- b.bib'), ['a.bib', 'b.bib']],
    ['nested key is not it', fm('format:\n  bibliography: no.bib'), []],
    ['ends with ...', '---\nbibliography: r.bib\n...\n', ['r.bib']],
    ['CRLF and BOM', '\uFEFF---\r\nbibliography: r.bib\r\n---\r\n', ['r.bib']],
    ['no front matter', '# Title\nbibliography: r.bib\n', []],
    ['unclosed front matter', '---\nbibliography: r.bib\n', []],
    ['empty value', fm('bibliography:\ntitle: x'), []],
  ];
  for (const [name, text, want] of table) it(name, () => assert.deepEqual(yamlBibFiles(text), want));
});

describe('typstBibFiles', () => {
  const table: [string, string, string[]][] = [
    ['one file', '#bibliography("refs.bib")', ['refs.bib']],
    ['array', '#bibliography(("a.bib", "b.bib"))', ['a.bib', 'b.bib']],
    ['array with trailing comma', '#bibliography(("a.bib",))', ['a.bib']],
    ['named arguments after', '#bibliography("refs.bib", style: "apa", title: none)', ['refs.bib']],
    ['line comment', '// #bibliography("old.bib")\n#bibliography("new.bib")', ['new.bib']],
    ['block comment', '/* #bibliography("old.bib") */ #bibliography("new.bib")', ['new.bib']],
    ['// inside a string is not a comment', '#bibliography("a//b.bib")', ['a//b.bib']],
    ['template argument', '#show: ieee.with(title: [X], bibliography: bibliography("refs.bib"))', ['refs.bib']],
    ['hayagriva file returned too', '#bibliography("refs.yml")', ['refs.yml']],
    ['set rule is not a file', '#set bibliography(style: "apa")', []],
    ['escaped quote', '#bibliography("a\\"b.bib")', ['a"b.bib']],
  ];
  for (const [name, text, want] of table) it(name, () => assert.deepEqual(typstBibFiles(text), want));
});

describe('bibliographyFiles', () => {
  it('reads only the syntax of a known language', () => {
    const mixed = '---\nbibliography: y.bib\n---\n\\bibliography{l}\n#bibliography("t.bib")';
    assert.deepEqual(bibliographyFiles(mixed, 'latex'), ['l.bib']);
    assert.deepEqual(bibliographyFiles(mixed, 'quarto'), ['y.bib']);
    assert.deepEqual(bibliographyFiles(mixed, 'typst'), ['t.bib']);
    assert.deepEqual(bibliographyFiles(mixed), ['l.bib', 'y.bib', 't.bib']);
    assert.deepEqual(bibliographyFiles(mixed, 'plaintext'), ['l.bib', 'y.bib', 't.bib']);
  });
  it('drops duplicates, keeping the first', () => {
    assert.deepEqual(bibliographyFiles('\\bibliography{a,b}\\addbibresource{a.bib}', 'latex'), ['a.bib', 'b.bib']);
  });
  it('tells BibTeX paths from others', () => {
    assert.equal(isBibtexPath('refs.bib'), true);
    assert.equal(isBibtexPath('REFS.BIB'), true);
    assert.equal(isBibtexPath('refs.yml'), false);
  });
});

describe('texRoot', () => {
  const table: [string, string | undefined][] = [
    ['% !TeX root = main.tex\n\\section{A}', 'main.tex'],
    ['%!TEX root=../thesis.tex', '../thesis.tex'],
    ['\\section{A}\n  %  ! TeX root = ch/main file.tex  \n', 'ch/main file.tex'],
    ['% !TeX program = lualatex\n% !TeX root = a.tex', 'a.tex'],
    ['% !TeX program = lualatex', undefined],
    ['\\input{x} % not magic: !TeX root = y.tex', undefined],
    ['', undefined],
  ];
  for (const [text, want] of table) it(JSON.stringify(text), () => assert.equal(texRoot(text), want));
});
