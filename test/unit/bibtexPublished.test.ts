import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { bibtexEntry } from '../../src/core/cite/bibtexEntry';
import { bibtexPages, publishedFields } from '../../src/core/cite/publishedFields';
import type { Paper, Publication } from '../../src/core/paper';
import { arxivPaper, paper } from '../helpers/paper';
import { BIB_CASES } from './helpers/bibCases';
import { readBack } from './helpers/bibParse';
import { runBibtex } from './helpers/realBibtex';
import { requireTool } from './helpers/realPandoc';
import { makeTempDir, type TempDir } from './helpers/tmpdir';

const NEURIPS: Publication = {
  kind: 'inproceedings',
  venue: 'Advances in Neural Information Processing Systems 30',
  year: '2017',
  pages: '5998-6008',
  publisher: 'Curran Associates, Inc.',
  foundBy: 'dblp',
};

const NATURE: Publication = {
  kind: 'article',
  venue: 'Nature',
  year: '2015',
  volume: '518',
  number: '7540',
  pages: '529\u2013533',
  publisher: 'Nature Publishing Group',
  doi: '10.1038/nature14236',
  foundBy: 'crossref',
};

function attention(publication?: Publication): Paper {
  return arxivPaper('1706.03762', {
    title: 'Attention Is All You Need',
    authors: ['Ashish Vaswani', 'Noam Shazeer'],
    published: '2017-06-12T17:57:34Z',
    categories: ['cs.CL', 'cs.LG'],
    ...(publication !== undefined ? { publication } : {}),
  });
}

describe('bibtexEntry with preferPublished', () => {
  it('writes a proceedings paper as @inproceedings, keeping the arXiv fields', () => {
    const { key, text } = bibtexEntry(attention(NEURIPS), { preferPublished: true });
    assert.equal(key, 'vaswani2017attentionneed');
    assert.equal(
      text,
      [
        '@inproceedings{vaswani2017attentionneed,',
        '      title={Attention Is All You Need},',
        '      author={Ashish Vaswani and Noam Shazeer},',
        '      year={2017},',
        '      booktitle={Advances in Neural Information Processing Systems 30},',
        '      pages={5998--6008},',
        '      publisher={Curran Associates, Inc.},',
        '      eprint={1706.03762},',
        '      archivePrefix={arXiv},',
        '      primaryClass={cs.CL},',
        '      url={https://arxiv.org/abs/1706.03762},',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('writes a journal paper as @article with volume, number, pages and the published DOI, no publisher', () => {
    const p = arxivPaper('1312.5602', {
      title: 'Human-level control through deep reinforcement learning',
      authors: ['Volodymyr Mnih'],
      published: '2013-12-19',
      doi: '10.48550/arXiv.1312.5602',
      journalRef: 'Nature 518, 529-533 (2015)',
      publication: NATURE,
    });
    const { text } = bibtexEntry(p, { preferPublished: true });
    assert.match(text, /^@article\{/);
    assert.ok(
      text.includes('      journal={Nature},\n      volume={518},\n      number={7540},\n      pages={529--533},\n'),
      text,
    );
    assert.ok(!text.includes('publisher'), 'biblatex has no publisher for @article');
    assert.ok(text.includes('      year={2015},'), text);
    assert.ok(text.includes('      doi={10.1038/nature14236},'), text);
    assert.ok(!text.includes('10.48550'), 'the arXiv DOI is not the published one');
    assert.ok(!text.includes('booktitle'), 'the journal reference gives way to the publication');
    assert.ok(text.includes('      eprint={1312.5602},\n      archivePrefix={arXiv},'), text);
  });

  it("takes the paper's year when the publication has none, and arXiv's DOI field when it is not arXiv's own", () => {
    const noYear: Publication = { ...NEURIPS };
    delete noYear.year;
    const p = { ...attention(noYear), doi: 'https://doi.org/10.5555/3295222.3295349' };
    const { text } = bibtexEntry(p, { preferPublished: true });
    assert.ok(text.includes('      year={2017},'), text);
    assert.ok(text.includes('      doi={10.5555/3295222.3295349},'), text);
  });

  it('escapes the venue like any other text, and ASCII mode stays pure ASCII', () => {
    const pub: Publication = {
      kind: 'inproceedings',
      venue: 'Actes de la Conférence TALN & RÉCITAL — ﬁnal_version',
      publisher: 'ATALA',
      pages: '12–20',
      foundBy: 'crossref',
    };
    const utf8 = bibtexEntry(attention(pub), { preferPublished: true }).text;
    assert.ok(utf8.includes('booktitle={Actes de la Conférence TALN \\& RÉCITAL — ﬁnal\\_version}'), utf8);
    const ascii = bibtexEntry(attention(pub), { preferPublished: true, ascii: true }).text;
    assert.deepEqual(
      [...ascii].filter((c) => c.charCodeAt(0) >= 0x80),
      [],
    );
    assert.ok(ascii.includes("Conf{\\'e}rence TALN \\& R{\\'E}CITAL"), ascii);
    assert.ok(ascii.includes('pages={12--20}'), ascii);
  });

  it('reads back with the types, fields and key the writer meant', async () => {
    const { key, text } = bibtexEntry(attention(NEURIPS), { preferPublished: true });
    const back = await readBack(text);
    assert.deepEqual(back.errors, []);
    assert.equal(back.entries[0].key, key);
    assert.equal(back.entries[0].type, 'inproceedings');
    assert.equal(back.entries[0].fields.booktitle, NEURIPS.venue);
    assert.equal(back.entries[0].fields.eprint, '1706.03762');
  });

  it('is today\u2019s entry without the option or without a publication', () => {
    for (const c of BIB_CASES) {
      for (const ascii of [false, true]) {
        const today = bibtexEntry(c.paper, { ascii });
        assert.deepEqual(bibtexEntry(c.paper, { ascii, preferPublished: false }), today, c.name);
        assert.deepEqual(bibtexEntry(c.paper, { ascii, preferPublished: true }), today, c.name);
        assert.deepEqual(bibtexEntry({ ...c.paper, publication: NATURE }, { ascii }), today, c.name);
      }
    }
  });

  it('has balanced braces and ASCII output for any venue text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 12 }), (venue, pages) => {
        const pub: Publication = { kind: 'article', venue: venue.trim() || 'X', pages, foundBy: 'arxiv' };
        const { text } = bibtexEntry(paper({ id: 'p', title: 'T', authors: ['A B'], publication: pub }), {
          preferPublished: true,
          ascii: true,
        });
        assert.deepEqual(
          [...text].filter((c) => c.charCodeAt(0) >= 0x80),
          [],
        );
        let depth = 0;
        for (const ch of text.replace(/\\[{}]/g, '')) {
          depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
          assert.ok(depth >= 0, text);
        }
        assert.equal(depth, 0, text);
      }),
    );
  });
});

describe('publishedFields', () => {
  it('writes page ranges with -- and leaves article numbers alone', () => {
    assert.equal(bibtexPages('770-778'), '770--778');
    assert.equal(bibtexPages('770 \u2013 778'), '770--778');
    assert.equal(bibtexPages('e1002345'), 'e1002345');
    assert.equal(bibtexPages('S12-S20'), 'S12--S20');
    assert.equal(bibtexPages('12'), '12');
  });

  it('leaves out empty fields and never writes an arXiv DOI as the published one', () => {
    const fields = publishedFields(
      { kind: 'article', venue: 'J', volume: '', doi: '10.48550/arXiv.1234.5678', foundBy: 'arxiv' },
      false,
      '2020',
    );
    assert.deepEqual(fields, [
      ['journal', 'J'],
      ['year', '2020'],
    ]);
  });
});

describe('bibtexEntry with preferPublished, judged by real bibtex', function () {
  this.timeout(60000);
  let dir: TempDir;
  before(function () {
    requireTool('bibtex');
  });
  beforeEach(async () => {
    dir = await makeTempDir('litfeed-published-');
  });
  afterEach(async () => {
    await dir.remove();
  });

  it('accepts the entries with plain.bst without a warning and prints the venues', () => {
    const a = bibtexEntry(attention(NEURIPS), { preferPublished: true, keyStyle: 'google' });
    const mnih = arxivPaper('1312.5602', {
      title: 'Human-level control through deep reinforcement learning',
      authors: ['Volodymyr Mnih', 'Koray Kavukcuoglu'],
      published: '2013-12-19',
      publication: NATURE,
    });
    const b = bibtexEntry(mnih, { preferPublished: true, ascii: true, keyStyle: 'google' });
    const run = runBibtex(dir.path, a.text + '\n' + b.text, [a.key, b.key], 'plain');
    assert.deepEqual(run.report, [], run.stdout);
    assert.equal(run.status, 0);
    assert.ok(run.bbl.includes('Advances in Neural Information Processing Systems'), run.bbl);
    assert.ok(run.bbl.includes('5998--6008'), run.bbl);
    assert.ok(run.bbl.includes('{\\em Nature}, 518(7540):529--533'), run.bbl);
  });
});
