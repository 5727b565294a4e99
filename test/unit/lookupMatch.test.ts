import * as assert from 'node:assert/strict';
import { familyKey, normaliseTitle, sameWork, type MatchSubject } from '../../src/core/lookup/match';
import { arxiv, crossref, dblp, s2 } from './helpers/fakeLookup';
import type { Paper } from '../../src/core/paper';
import type { Work } from '../../src/core/lookup/work';

function fromPaper(p: Paper): MatchSubject {
  return { title: p.title, authors: p.authors, year: p.published?.slice(0, 4) };
}

function fromWork(w: Work): MatchSubject {
  return { title: w.title, authors: w.authors, families: w.families, year: w.year };
}

describe('lookup matching: normaliseTitle', () => {
  const equal: [string, string][] = [
    ['Attention Is All You Need.', 'Attention is all you need'],
    ['Attention is All you Need', 'attention   is all YOU need'],
    ['Real-Time Radiance Field Rendering', 'Real Time Radiance-Field Rendering'],
    [
      '{BERT}: Pre-training of Deep Bidirectional Transformers',
      'BERT: Pre-training of deep bidirectional transformers',
    ],
    ['{\\em Emphasis} and \\textbf{Bold}', 'Emphasis and Bold'],
    ['<i>In vivo</i> imaging of <sub>2</sub>', 'In vivo imaging of 2'],
    ['$\\alpha$-Divergence Variational Inference', 'α-Divergence Variational Inference'],
    ['$\\sim$10x Fewer Parameters', '∼10x fewer parameters'],
    ['Schr\\"{o}dinger Bridges', 'Schrödinger bridges'],
    ['Schrödinger Bridges', 'Schrodinger Bridges'],
    ['Don&apos;t Stop Pretraining', 'Don’t Stop Pretraining'],
    ['Sequence to Sequence &amp; More', 'Sequence to Sequence & more'],
    ['ﬁne ﬂow', 'fine flow'],
    ['Straße', 'Strasse'],
  ];
  for (const [a, b] of equal) {
    it(`"${a}" equals "${b}"`, () => assert.equal(normaliseTitle(a), normaliseTitle(b)));
  }

  it('gives single spaces, lower case, no punctuation', () => {
    assert.equal(
      normaliseTitle('  NeRF: Representing Scenes as Neural Radiance Fields… '),
      'nerf representing scenes as neural radiance fields',
    );
  });

  const different: [string, string][] = [
    ['Attention Is All You Need', 'Attentional Transfer is All You Need'],
    ['NeRF', 'NeRF: Representing Scenes as Neural Radiance Fields for View Synthesis'],
    ['Pre-training', 'Pretraining'],
    ['$\\beta$-VAE', 'α-VAE'],
    ['注意力就是你所需要的', '深度残差学习'],
  ];
  for (const [a, b] of different) {
    it(`"${a}" differs from "${b}"`, () => assert.notEqual(normaliseTitle(a), normaliseTitle(b)));
  }

  it('keeps letters of other scripts rather than dropping them', () => {
    assert.equal(normaliseTitle('深度学习 Deep Learning'), '深度学习 deep learning');
  });
});

describe('lookup matching: familyKey', () => {
  const cases: [string, string][] = [
    ['Vaswani', 'vaswani'],
    ['Ashish Vaswani', 'vaswani'],
    ['Vaswani, Ashish', 'vaswani'],
    ['M. Bran', 'bran'],
    ['Andres M. Bran', 'bran'],
    ['N.Gomez', 'gomez'],
    ['Aidan N. Gomez', 'gomez'],
    ['van der Maaten', 'maaten'],
    ['Laurens van der Maaten', 'maaten'],
    ['L. J. P. van der Maaten', 'maaten'],
    ['Álvarez-Pérez', 'alvarezperez'],
    ['José María Álvarez-Pérez', 'alvarezperez'],
    ['Xiaopeng Zhang 0009', 'zhang'],
    ['Martin Luther King Jr.', 'king'],
    ['King, Jr., Martin Luther', 'king'],
    ['Ørjan Ødegård', 'odegard'],
    ['Jakub Lála', 'lala'],
    ["Jakub L'ala", 'lala'],
    ['Quoc V. Le', 'le'],
    ['Andrew Ng', 'ng'],
    ['The ATLAS Collaboration', 'atlascollaboration'],
    ['ATLAS Collaboration', 'atlascollaboration'],
    ['Schr\\"{o}der', 'schroder'],
  ];
  for (const [name, key] of cases) {
    it(`${name} -> ${key}`, () => assert.equal(familyKey(name), key));
  }
  it('is empty for an empty name', () => assert.equal(familyKey('  '), ''));
});

describe('lookup matching: sameWork', () => {
  const attention: MatchSubject = fromPaper(arxiv.attention);

  it('takes the NeurIPS record of Attention Is All You Need (DBLP search hit and record)', () => {
    assert.deepEqual(sameWork(attention, fromWork(dblp.attentionNips)), { same: true });
    assert.deepEqual(sameWork(attention, fromWork(dblp.attentionNipsRecord)), { same: true });
  });

  it('takes ResNet at CVPR 2016 for the 2015 preprint', () => {
    assert.deepEqual(sameWork(fromPaper(arxiv.resnet), fromWork(crossref.resnet)), { same: true });
    assert.deepEqual(sameWork(fromPaper(arxiv.resnet), fromWork(dblp.resnet)), { same: true });
  });

  it('takes ChemCrow in Nature Machine Intelligence: Crossref family "M. Bran", Semantic Scholar "Andrés M Bran"', () => {
    assert.deepEqual(sameWork(fromPaper(arxiv.chemcrow), fromWork(crossref.chemcrow)), { same: true });
    assert.deepEqual(sameWork(fromPaper(arxiv.chemcrow), fromWork(s2.chemcrow)), { same: true });
  });

  it('refuses the 2025 re-deposit of "Attention Is All You Need" on the year alone', () => {
    // Title and first author agree; even were it given a venue, eight years apart is another work.
    assert.deepEqual(sameWork(attention, fromWork(crossref.attentionRepost)), { same: false, reason: 'year' });
  });

  it('refuses Shaw et al., which Crossref answers for "Attention is All you Need"', () => {
    assert.deepEqual(sameWork(attention, fromWork(crossref.shaw)), { same: false, reason: 'title' });
  });

  it('refuses the DBLP hits that only share words with the title', () => {
    assert.deepEqual(sameWork(attention, fromWork(dblp.attentionalTransfer)), { same: false, reason: 'title' });
    assert.deepEqual(sameWork(attention, fromWork(dblp.butYouDont)), { same: false, reason: 'title' });
  });

  it('refuses the NeRF research highlight titled "NeRF" and another paper for PaperQA', () => {
    assert.deepEqual(sameWork(fromPaper(arxiv.nerf), fromWork(crossref.nerfCacm)), { same: false, reason: 'title' });
    assert.deepEqual(sameWork(fromPaper(arxiv.paperqa), fromWork(crossref.paperqaOther)), {
      same: false,
      reason: 'title',
    });
  });

  it('refuses a same-title paper by another first author (a workshop paper with the same title)', () => {
    const workshop: MatchSubject = {
      title: 'Attention Is All You Need',
      authors: ['Jakob Uszkoreit', 'Ashish Vaswani'],
      year: '2017',
    };
    assert.deepEqual(sameWork(attention, workshop), { same: false, reason: 'author' });
  });

  it('refuses a retitled publication: the rule never guesses', () => {
    const renamed = {
      ...fromPaper(arxiv.chemcrow),
      title: 'ChemCrow: Augmenting large-language models with chemistry tools',
    };
    assert.deepEqual(sameWork(renamed, fromWork(crossref.chemcrow)), { same: false, reason: 'title' });
  });

  it('needs both years, at most two apart', () => {
    const base = { title: 'A Paper', authors: ['Ann Author'] };
    assert.deepEqual(sameWork({ ...base, year: '2020' }, { ...base, year: '2022' }), { same: true });
    assert.deepEqual(sameWork({ ...base, year: '2020' }, { ...base, year: '2018' }), { same: true });
    assert.deepEqual(sameWork({ ...base, year: '2020' }, { ...base, year: '2023' }), { same: false, reason: 'year' });
    assert.deepEqual(sameWork({ ...base, year: '2020' }, base), { same: false, reason: 'year' });
    assert.deepEqual(sameWork(base, { ...base, year: '2020' }), { same: false, reason: 'year' });
    assert.deepEqual(sameWork(base, base), { same: false, reason: 'year' });
  });

  it('needs a first author and a title on both sides', () => {
    const a = { title: 'A Paper', authors: ['Ann Author'], year: '2020' };
    assert.deepEqual(sameWork(a, { ...a, authors: [] }), { same: false, reason: 'author' });
    assert.deepEqual(sameWork({ ...a, authors: [] }, a), { same: false, reason: 'author' });
    assert.deepEqual(sameWork({ ...a, title: '' }, { ...a, title: '' }), { same: false, reason: 'title' });
    assert.deepEqual(sameWork({ ...a, title: '...' }, { ...a, title: '!!!' }), { same: false, reason: 'title' });
  });

  it('compares the first author only, not any author', () => {
    const a = { title: 'A Paper', authors: ['Ann Author', 'Bob Builder'], year: '2020' };
    assert.deepEqual(sameWork(a, { ...a, authors: ['Bob Builder', 'Ann Author'] }), { same: false, reason: 'author' });
  });

  describe('names', () => {
    const title = 'Visualizing Data using t-SNE';
    const laurens = { title, authors: ['Laurens van der Maaten'], year: '2008' };

    it('particles: a family given as "van der Maaten", or inverted as "Maaten, Laurens van der"', () => {
      assert.equal(
        sameWork(laurens, { title, authors: ['L. van der Maaten'], families: ['van der Maaten'], year: '2008' }).same,
        true,
      );
      assert.equal(sameWork(laurens, { title, authors: ['Maaten, Laurens van der'], year: '2008' }).same, true);
      assert.equal(sameWork(laurens, { title, authors: ['Laurens van der Berg'], year: '2008' }).same, false);
    });

    it('diacritics fold: Álvarez-Pérez is Alvarez-Perez, Müller is Muller and Mueller', () => {
      const alvarez = { title, authors: ['José María Álvarez-Pérez'], year: '2020' };
      assert.equal(sameWork(alvarez, { title, authors: ['J. M. Alvarez-Perez'], year: '2020' }).same, true);
      assert.equal(sameWork(alvarez, { title, authors: ['J. M. Alvarez'], year: '2020' }).same, false);
      const muller = { title, authors: ['Klaus-Robert Müller'], year: '2020' };
      assert.equal(sameWork(muller, { title, authors: ['K.-R. Muller'], year: '2020' }).same, true);
      assert.equal(sameWork(muller, { title, authors: ['Klaus-Robert Mueller'], year: '2020' }).same, true);
      assert.equal(sameWork(muller, { title, authors: ['Klaus-Robert Miller'], year: '2020' }).same, false);
    });

    it('Crossref families with initials and no space: "N.Gomez", "M. Bran"', () => {
      const gomez = { title, authors: ['Aidan N. Gomez'], year: '2017' };
      assert.equal(
        sameWork(gomez, { title, authors: ['Aidan N.Gomez'], families: ['N.Gomez'], year: '2017' }).same,
        true,
      );
      const bran = { title, authors: ['Andres M. Bran'], year: '2024' };
      assert.equal(
        sameWork(bran, { title, authors: ['Andres M. Bran'], families: ['M. Bran'], year: '2024' }).same,
        true,
      );
    });

    it('a family written in two words or one: Le Cun and LeCun, García Márquez and García-Márquez', () => {
      const lecun = { title, authors: ['Yann LeCun'], year: '1998' };
      assert.equal(sameWork(lecun, { title, authors: ['Y. Le Cun'], families: ['Le Cun'], year: '1998' }).same, true);
      // A display name cannot tell a double surname from a middle name; a family field can.
      const garcia = { title, authors: ['Gabriel García Márquez'], families: ['García Márquez'], year: '1998' };
      assert.equal(sameWork(garcia, { title, authors: ['G. García-Márquez'], year: '1998' }).same, true);
      assert.equal(sameWork(garcia, { title, authors: ['G. García'], families: ['García'], year: '1998' }).same, false);
    });

    it('DBLP disambiguation numbers do not count', () => {
      const zhang = { title, authors: ['Xiaopeng Zhang'], year: '2021' };
      assert.equal(sameWork(zhang, { title, authors: ['Xiaopeng Zhang 0009'], year: '2021' }).same, true);
    });

    it('corporate authors compare whole', () => {
      const atlas = { title, authors: ['ATLAS Collaboration'], year: '2012' };
      assert.equal(sameWork(atlas, { title, authors: ['The ATLAS Collaboration'], year: '2012' }).same, true);
      assert.equal(sameWork(atlas, { title, authors: ['CMS Collaboration'], year: '2012' }).same, false);
    });
  });
});
