import { latexToPlain } from '../../src/core/cite/latexPlain';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseBib, type BibRecord } from '../../src/core/cite/bibDocument';
import {
  arxivIdIn,
  findPreprintEntries,
  namesArxiv,
  plainAuthors,
  type PreprintStyle,
} from '../../src/core/lookup/preprintEntries';
import { fixturePath } from './helpers/paths';

async function entriesOf(text: string): Promise<BibRecord[]> {
  const parsed = await parseBib(text);
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return parsed.entries;
}

function record(type: string, fields: Record<string, string>): BibRecord {
  return { key: 'k', type, fields, line: 1 };
}

describe('findPreprintEntries on a file of every style', () => {
  const text = readFileSync(fixturePath('bib', 'foreign-preprints.bib'), 'utf8');

  it('finds each arXiv-only entry with its style and id, and nothing else', async () => {
    const found = findPreprintEntries(await entriesOf(text));
    const expected: Array<[string, PreprintStyle, string]> = [
      ['vaswani2017attention', 'arxiv-export', '1706.03762'],
      ['he2015deep', 'google-scholar', '1512.03385'],
      ['DBLP:journals/corr/abs-1810-04805', 'dblp-corr', '1810.04805'],
      ['kingma_adam_2017', 'zotero', '1412.6980'],
      ['lewis_deal_2017', 'zotero', '1706.05125'],
      ['bahdanau2014neural', 'zotero', '1409.0473'],
      ['Kipf2016', 'zotero', '1609.02907'],
      ['kingma2013auto', 'arxiv-doi', '1312.6114'],
      ['goodfellow2014generative', 'zotero', '1406.2661'],
      ['ioffe2015batch', 'eprint', '1502.03167'],
      ['sutskever2014sequence', 'arxiv-export', '1409.3215'],
    ];
    assert.deepEqual(
      found.map((e) => [e.record.key, e.style, e.arxivId]),
      expected,
    );
  });

  it('gives plain titles, authors in reading order, the year and the arXiv DOI', async () => {
    const byKey = new Map(findPreprintEntries(await entriesOf(text)).map((e) => [e.record.key, e]));
    const bert = byKey.get('DBLP:journals/corr/abs-1810-04805');
    assert.equal(bert?.title, 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding');
    assert.deepEqual(bert?.authors, ['Jacob Devlin', 'Ming-Wei Chang', 'Kenton Lee', 'Kristina Toutanova']);
    assert.equal(bert?.year, '2018');
    assert.deepEqual(byKey.get('vaswani2017attention')?.authors.slice(6, 7), ['Łukasz Kaiser']);
    assert.deepEqual(byKey.get('kingma_adam_2017')?.authors, ['Diederik P. Kingma', 'Jimmy Ba']);
    assert.equal(byKey.get('kingma_adam_2017')?.title, 'Adam: A Method for Stochastic Optimization');
    assert.equal(byKey.get('kingma_adam_2017')?.doi, '10.48550/arxiv.1412.6980');
    assert.equal(byKey.get('Kipf2016')?.year, '2016', 'biblatex date');
    assert.deepEqual(byKey.get('goodfellow2014generative')?.authors.slice(0, 2), [
      'Ian J. Goodfellow',
      'Jean Pouget-Abadie',
    ]);
    assert.equal(byKey.get('goodfellow2014generative')?.title, 'Generative Adversarial Networks');
    assert.equal(byKey.get('sutskever2014sequence')?.year, '2014');
  });
});

describe('findPreprintEntries: what is not arXiv-only', () => {
  const cases: Array<[string, BibRecord]> = [
    ['a booktitle', record('misc', { title: 't', eprint: '1706.03762', archiveprefix: 'arXiv', booktitle: 'NeurIPS' })],
    [
      'a real journal with an eprint',
      record('article', { journal: 'Nature', eprint: '1312.5602', archiveprefix: 'arXiv' }),
    ],
    ['a crossref', record('misc', { eprint: '1706.03762', archiveprefix: 'arXiv', crossref: 'neurips17' })],
    ['a non-arXiv DOI', record('article', { url: 'https://arxiv.org/abs/1706.03762', doi: '10.1038/nature14236' })],
    ['a non-arXiv publisher', record('misc', { eprint: '1706.03762', archiveprefix: 'arXiv', publisher: 'Springer' })],
    [
      'a workshop howpublished',
      record('misc', { url: 'https://arxiv.org/abs/1706.03762', howpublished: 'NeurIPS Workshop' }),
    ],
    ['an @inproceedings', record('inproceedings', { eprint: '1706.03762', archiveprefix: 'arXiv' })],
    ['a @book', record('book', { url: 'https://arxiv.org/abs/1706.03762' })],
    ['a @phdthesis', record('phdthesis', { note: 'arXiv:1706.03762' })],
    ['another e-print archive', record('misc', { eprint: 'hal-01234567', archiveprefix: 'HAL' })],
    [
      'a journal named after arXiv',
      record('article', { journal: 'arXiv Studies Quarterly', url: 'https://arxiv.org/abs/1706.03762' }),
    ],
    ['no arXiv sign at all', record('misc', { title: 'Blog post', url: 'https://openai.com/blog' })],
  ];
  for (const [name, r] of cases) {
    it(`skips an entry with ${name}`, () => {
      assert.deepEqual(findPreprintEntries([r]), []);
    });
  }

  it('still finds entries whose only arXiv sign is the venue (no id)', () => {
    const found = findPreprintEntries([record('article', { title: 'Rat big', journal: 'ArXiv', year: '2020' })]);
    assert.equal(found.length, 1);
    assert.equal(found[0].style, 'zotero');
    assert.equal(found[0].arxivId, undefined);
  });

  it('reads Zotero technical reports (institution arXiv, number arXiv:…)', () => {
    const r = record('techreport', {
      institution: 'arXiv',
      number: 'arXiv:2002.01335',
      doi: '10.48550/arXiv.2002.01335',
    });
    const [found] = findPreprintEntries([r]);
    assert.equal(found.style, 'zotero');
    assert.equal(found.arxivId, '2002.01335');
  });

  it("reads ADS's and acmart's @Eprint entries", () => {
    const r = record('eprint', { eid: 'arXiv:1905.12410', archiveprefix: 'arXiv', eprint: '1905.12410' });
    assert.deepEqual(
      findPreprintEntries([r]).map((e) => [e.style, e.arxivId]),
      [['arxiv-export', '1905.12410']],
    );
  });

  it('reads old-style ids and versions', () => {
    const [a] = findPreprintEntries([record('misc', { eprint: 'hep-th/9901001v2', archiveprefix: 'arXiv' })]);
    assert.equal(a.arxivId, 'hep-th/9901001');
    const [b] = findPreprintEntries([record('article', { journal: 'arXiv preprint arXiv:2401.00001v3' })]);
    assert.equal(b.arxivId, '2401.00001');
  });
});

describe('namesArxiv', () => {
  const yes = [
    'arXiv',
    'ArXiv',
    'CoRR',
    'arXiv preprint arXiv:2306.13394',
    'arXiv preprint',
    'arXiv:1706.05125 [cs]',
    'arXiv:1611.00712 [cs, stat]',
    'Ar{X}iv:1905.01392 [cs.LG]',
    'arXiv e-prints',
    'ArXiv abs/2503.03321',
    'arxiv.org/abs/2205.11916',
    '\\url{https://arxiv.org/abs/1409.0473}',
    'Computing Research Repository',
    'CoRR abs/1706.03762',
  ];
  const no = [
    'Nature',
    'Transactions on Machine Learning Research',
    'arXiv Studies Quarterly',
    'NeurIPS',
    'Corrosion Science',
    '',
  ];
  for (const v of yes) it(`"${v}" names arXiv`, () => assert.ok(namesArxiv(v)));
  for (const v of no) it(`"${v}" does not`, () => assert.ok(!namesArxiv(v)));
});

describe('latexToPlain and plainAuthors', () => {
  it('decodes accents, letters and escapes, and drops braces and markup', () => {
    assert.equal(latexToPlain('M{\\"u}ller and G\\"odel'), 'Müller and Gödel');
    assert.equal(latexToPlain("\\'{e}cole {\\'E}t\\'e"), 'école Été');
    assert.equal(latexToPlain('Fran\\c{c}ois Fran\\c cois'), 'François François');
    assert.equal(latexToPlain('{\\L}ukasz {\\o}re Stra{\\ss}e'), 'Łukasz øre Straße');
    assert.equal(latexToPlain('Na\\"{\\i}ve'), 'Naïve');
    assert.equal(latexToPlain('Deep {L}earning \\& {\\em Friends}: 50\\% off'), 'Deep Learning & Friends: 50% off');
    assert.equal(latexToPlain('{BERT:} Pre-training of\n   Deep'), 'BERT: Pre-training of Deep');
    assert.equal(latexToPlain('A--B~C'), 'A–B C');
    assert.equal(latexToPlain('\\url{https://arxiv.org/abs/1}'), 'https://arxiv.org/abs/1');
  });

  it('splits at "and" outside braces and puts "Last, First" in reading order', () => {
    assert.deepEqual(plainAuthors('He, Kaiming and Zhang, Xiangyu'), ['Kaiming He', 'Xiangyu Zhang']);
    assert.deepEqual(plainAuthors('{Barnes and Noble} and Jane Doe'), ['Barnes and Noble', 'Jane Doe']);
    assert.deepEqual(plainAuthors('King, Jr., Martin Luther and others'), ['Martin Luther King Jr.']);
    assert.deepEqual(plainAuthors('Jacob Devlin and\n                  Ming{-}Wei Chang'), [
      'Jacob Devlin',
      'Ming-Wei Chang',
    ]);
    assert.deepEqual(plainAuthors('S{\\l}owik, Agnieszka AND Gupta, Abhinav'), ['Agnieszka Słowik', 'Abhinav Gupta']);
    assert.deepEqual(plainAuthors(''), []);
  });

  it('finds ids in the forms fields carry them', () => {
    assert.equal(arxivIdIn('https://doi.org/10.48550/arXiv.2203.05796'), '2203.05796');
    assert.equal(arxivIdIn('abs/1810.04805'), '1810.04805');
    assert.equal(arxivIdIn('http://arxiv.org/abs/1910.00741v1'), '1910.00741');
    assert.equal(arxivIdIn('arXiv: 1706.05125'), '1706.05125');
    assert.equal(arxivIdIn('arXiv:1706.037621'), undefined);
    assert.equal(arxivIdIn('https://example.org/1706.03762'), undefined);
  });
});
