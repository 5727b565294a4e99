import * as assert from 'node:assert/strict';
import { keyParts, keySearchText, type KeyParts } from '../../src/core/refs/keyParts';
import { baseKey, arxivIdKey } from '../../src/core/cite/keys';
import { templateKey } from '../../src/core/cite/keyTemplate';
import { arxivPaper } from '../helpers/paper';

describe('keyParts', () => {
  const table: [string, string, KeyParts][] = [
    // LitFeed's own styles
    [
      'arXiv style: the concatenated title words stay one word',
      'vaswani2017attentionneed',
      {
        author: 'vaswani',
        year: 2017,
        words: ['attentionneed'],
      },
    ],
    ['Google Scholar', 'vaswani2017attention', { author: 'vaswani', year: 2017, words: ['attention'] }],
    [
      'Better BibTeX camel case',
      'vaswaniAttentionAllYou2017',
      {
        author: 'vaswani',
        year: 2017,
        words: ['attention', 'all', 'you'],
      },
    ],
    // Hand-written and other tools' forms
    ['surname:year', 'Vaswani:2017', { author: 'vaswani', year: 2017, words: [] }],
    ['Surname and year', 'Vaswani2017', { author: 'vaswani', year: 2017, words: [] }],
    ['et al dropped', 'vaswani_etal_2017', { author: 'vaswani', year: 2017, words: [] }],
    ['dashes', 'vaswani-2017-attention', { author: 'vaswani', year: 2017, words: ['attention'] }],
    ['clash letter dropped', 'smith2020a', { author: 'smith', year: 2020, words: [] }],
    [
      'clash letter after title words kept apart from them',
      'smith2020scalinga',
      {
        author: 'smith',
        year: 2020,
        words: ['scalinga'],
      },
    ],
    ['Zotero', 'portelance_emergence_2021', { author: 'portelance', year: 2021, words: ['emergence'] }],
    [
      'd2l: co-authors as words, "ea" dropped',
      'Hidasi.Karatzoglou.Baltrunas.ea.2015',
      {
        author: 'hidasi',
        year: 2015,
        words: ['karatzoglou', 'baltrunas'],
      },
    ],
    ['ACM: title initials and number dropped', 'Hollis:1999:VBD:519964', { author: 'hollis', year: 1999, words: [] }],
    ['Semantic Scholar: initials dropped', 'Irie2019LanguageMW', { author: 'irie', year: 2019, words: ['language'] }],
    ['an acronym after the year is a word', 'devlin2019BERT', { author: 'devlin', year: 2019, words: ['bert'] }],
    ['camel-case surname prefix joins the name', 'VanGundy2007', { author: 'vangundy', year: 2007, words: [] }],
    ['other capitals start words', 'JoyalMoerdijk1995', { author: 'joyal', year: 1995, words: ['moerdijk'] }],
    ['numbers other than the year dropped', 'touvron2023llama2', { author: 'touvron', year: 2023, words: ['llama'] }],
    ['only 19xx and 20xx are years', 'smith1850', { author: 'smith', words: [] }],
    ['a year inside a longer number is none', 'smith202001', { author: 'smith', words: [] }],
    ['no year', 'gonthier', { author: 'gonthier', words: [] }],
    ['et al alone is no author', 'etal2020', { year: 2020, words: [] }],
    // Two-digit years
    ['two digits after the surname', 'Vaswani17', { author: 'vaswani', year: 2017, words: [] }],
    ['two digits of the last century', 'Spector90', { author: 'spector', year: 1990, words: [] }],
    ['two digits after a colon, clash letter', 'Gusfield:97b', { author: 'gusfield', year: 1997, words: [] }],
    ['two digits after a dash are a number', 'Zhou-06', { author: 'zhou', words: [] }],
    ['two surnames and two digits', 'BauerTaylor09', { author: 'bauer', year: 2009, words: ['taylor'] }],
    ['a camel-case surname prefix', 'McCracken:1990:SSC:575315', { author: 'mccracken', year: 1990, words: [] }],
    ['two digits after a venue are no year', 'karnin-icml13', { author: 'karnin', words: ['icml'] }],
    // DBLP
    ['DBLP conference key', 'DBLP:conf/nips/VaswaniSPUJGKP17', { author: 'vaswani', year: 2017, words: [] }],
    ['DBLP name with capitals inside', 'DBLP:journals/nature/LeCunBH15', { author: 'lecun', year: 2015, words: [] }],
    ['DBLP homonym number: no name', 'DBLP:conf/acl/0001LZ20a', { year: 2020, words: [] }],
    [
      'DBLP co-author with a homonym number',
      'DBLP:conf/iclr/DosovitskiyB0WZ21',
      {
        author: 'dosovitskiy',
        year: 2021,
        words: [],
      },
    ],
    ['DBLP CoRR key is an arXiv id', 'DBLP:journals/corr/abs-1706-03762', { words: [], arxivId: '1706.03762' }],
    // Ids
    ['LitFeed arXiv id key', 'arxiv2401.00001', { words: [], arxivId: '2401.00001' }],
    ['old arXiv id key gets its slash back', 'arxivhep-th9901001', { words: [], arxivId: 'hep-th/9901001' }],
    ['old id with a subject class', 'arxivmath.AG0101001', { words: [], arxivId: 'math.AG/0101001' }],
    ['arXiv: prefix, version dropped', 'arXiv:1706.03762v5', { words: [], arxivId: '1706.03762' }],
    ['DOI key', '10.1145/3292500.3330701', { words: [], doi: '10.1145/3292500.3330701' }],
    ['doi: prefix', 'doi:10.1038/nature14539', { words: [], doi: '10.1038/nature14539' }],
    ['APA test keys are no DOI', '10.14:100b', { words: [] }],
  ];
  for (const [name, key, want] of table) it(`${name}: ${key}`, () => assert.deepEqual(keyParts(key), want));

  it('reads the keys LitFeed makes for a paper in every style and template', () => {
    const p = arxivPaper('1706.03762', {
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani', 'Noam Shazeer'],
      published: '2017-06-12',
    });
    for (const key of [
      baseKey(p, 'arxiv'),
      baseKey(p, 'google'),
      baseKey(p, 'bbt'),
      templateKey(p, '[auth:lower]_[year]_[title]'),
    ]) {
      const parts = keyParts(key);
      assert.equal(parts.author, 'vaswani', key);
      assert.equal(parts.year, 2017, key);
    }
    const noName = arxivPaper('2401.00001', { authors: ['张伟'] });
    assert.equal(keyParts(arxivIdKey(noName) ?? '').arxivId, '2401.00001');
  });
});

describe('keySearchText', () => {
  it('joins author, words and year', () => {
    assert.equal(keySearchText(keyParts('vaswaniAttentionAllYou2017')), 'vaswani attention all you 2017');
    assert.equal(keySearchText(keyParts('gonthier')), 'gonthier');
  });

  it('is the id alone when the key carries one', () => {
    assert.equal(keySearchText(keyParts('arxivhep-th9901001')), 'hep-th/9901001');
    assert.equal(keySearchText(keyParts('10.1145/3292500')), '10.1145/3292500');
  });

  it('is empty when the key says nothing', () => {
    assert.equal(keySearchText(keyParts('10.14:100b')), '');
  });
});
