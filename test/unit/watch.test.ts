import * as assert from 'node:assert/strict';
import { compileWatchList, type WatchList } from '../../src/core/tracking/watchList';
import { paper } from '../helpers/paper';

/** The keywords of `list` that match a paper with `title`. */
function keywordsIn(keywords: string[], title: string): string[] {
  return compileWatchList({ keywords, authors: [] }).matchPaper(paper({ title }))?.keywords ?? [];
}

function authorsIn(authors: string[], names: string[]): string[] {
  return compileWatchList({ keywords: [], authors }).matchPaper(paper({ authors: names }))?.authors ?? [];
}

describe('watch list: keywords', () => {
  it('matches whole words only', () => {
    assert.deepEqual(keywordsIn(['RL'], 'RL from human feedback'), ['RL']);
    assert.deepEqual(keywordsIn(['RL'], 'Parsing every URL'), []);
    assert.deepEqual(keywordsIn(['RL'], 'RLHF at scale'), []);
    assert.deepEqual(keywordsIn(['RL'], 'Offline-RL benchmarks'), ['RL']);
    assert.deepEqual(keywordsIn(['transformer'], 'Transformers everywhere'), []);
  });

  it('ignores case and treats hyphens and punctuation as word breaks', () => {
    assert.deepEqual(keywordsIn(['diffusion'], 'Diffusion-based video models'), ['diffusion']);
    assert.deepEqual(keywordsIn(['diffusion'], 'Latent (DIFFUSION), revisited'), ['diffusion']);
    assert.deepEqual(keywordsIn(['diffusion'], 'Nondiffusion models'), []);
  });

  it('matches phrases across spaces, line breaks and hyphens, and keeps their word order', () => {
    assert.deepEqual(keywordsIn(['mixture of experts'], 'Sparse Mixture-of-Experts layers'), ['mixture of experts']);
    assert.deepEqual(keywordsIn(['mixture-of-experts'], 'A mixture of\n experts'), ['mixture-of-experts']);
    assert.deepEqual(keywordsIn(['large language model'], 'Large   Language Models'), []);
    assert.deepEqual(keywordsIn(['large language model'], 'A large language model'), ['large language model']);
    assert.deepEqual(keywordsIn(['language large'], 'A large language model'), []);
  });

  it('is unicode aware: accents folded, letters of any script are word characters', () => {
    assert.deepEqual(keywordsIn(['naive bayes'], 'Naïve Bayes, again'), ['naive bayes']);
    assert.deepEqual(keywordsIn(['Schrödinger'], 'Schrodinger bridges'), ['Schrödinger']);
    assert.deepEqual(keywordsIn(['трансформер'], 'Большой Трансформер'), ['трансформер']);
    assert.deepEqual(keywordsIn(['трансформер'], 'Трансформеры'), []);
    // Written without spaces: no word boundaries to respect.
    assert.deepEqual(keywordsIn(['注意力'], '基于注意力的模型'), ['注意力']);
    assert.deepEqual(keywordsIn(['RL注意力'], 'URL注意力'), []);
  });

  it('takes regular-expression characters literally', () => {
    assert.deepEqual(keywordsIn(['C++'], 'Fast C++ kernels'), ['C++']);
    assert.deepEqual(keywordsIn(['C++'], 'Fast CCC kernels'), []);
    assert.deepEqual(keywordsIn(['(RAG)'], 'Retrieval (RAG) for code'), ['(RAG)']);
    assert.deepEqual(keywordsIn(['(RAG)'], 'Retrieval RAG for code'), []);
    assert.deepEqual(keywordsIn(['a.b'], 'axb'), []);
    assert.deepEqual(keywordsIn(['a.b'], 'the a.b test'), ['a.b']);
    assert.deepEqual(keywordsIn(['.*'], 'anything at all'), []);
    assert.deepEqual(keywordsIn(['[x]|y', '\\d+', 'x{2}'], 'y 12 xx'), []);
    assert.deepEqual(keywordsIn(['$\\alpha$'], 'Scaling $\\alpha$ gently'), ['$\\alpha$']);
  });

  it('looks in the title, the abstract and the AI keywords, never across two of them', () => {
    const list = compileWatchList({ keywords: ['state space', 'selective scan', 'learning state'], authors: [] });
    const p = paper({
      title: 'Efficient Sequence Learning',
      abstract: 'We build on state space models.',
      aiKeywords: ['selective scan'],
    });
    assert.deepEqual(list.matchPaper(p), { keywords: ['state space', 'selective scan'], authors: [] });
    assert.equal(list.matchPaper(paper({ title: 'Nothing here', authors: ['State Space'] })), undefined);
  });

  it('drops blank and repeated entries and reports entries as written', () => {
    const list = compileWatchList({ keywords: ['  Diffusion  ', 'diffusion', '', '   ', 'DIFFÚSION'], authors: [] });
    assert.deepEqual(list.matchPaper(paper({ title: 'diffusion' }))?.keywords, ['Diffusion']);
    assert.equal(compileWatchList({ keywords: [' '], authors: [''] }).isEmpty, true);
    assert.equal(list.isEmpty, false);
  });
});

describe('watch list: authors', () => {
  it('matches a family name ignoring case and accents, either way round', () => {
    assert.deepEqual(authorsIn(['Muller'], ['Thomas Müller']), ['Muller']);
    assert.deepEqual(authorsIn(['Müller'], ['Thomas Muller']), ['Müller']);
    assert.deepEqual(authorsIn(['muller'], ['Anna Müller-Schmidt']), ['muller']);
    assert.deepEqual(authorsIn(['Schmid'], ['Anna Schmidt']), []);
    assert.deepEqual(authorsIn(['Søren'], ['Kierkegaard Soren']), ['Søren']);
  });

  it('takes a single word as a family name, not a first name', () => {
    assert.deepEqual(authorsIn(['He'], ['Kaiming He']), ['He']);
    assert.deepEqual(authorsIn(['He'], ['He Zhang']), []);
    assert.deepEqual(authorsIn(['Hinton'], ['Hinton']), ['Hinton']);
  });

  it('matches full names in order, with initials standing for first names', () => {
    assert.deepEqual(authorsIn(['Yann LeCun'], ['Yann LeCun']), ['Yann LeCun']);
    assert.deepEqual(authorsIn(['Y. LeCun'], ['Yann Le Cun', 'Yann LeCun']), ['Y. LeCun']);
    assert.deepEqual(authorsIn(['Yann LeCun'], ['Y. LeCun']), ['Yann LeCun']);
    assert.deepEqual(authorsIn(['Yann LeCun'], ['Jan LeCun']), []);
    assert.deepEqual(authorsIn(['LeCun Yann'], ['Yann LeCun']), []);
    assert.deepEqual(authorsIn(['Yann L.'], ['Yann LeCun']), []);
    assert.deepEqual(authorsIn(['Diederik Kingma'], ['Diederik P. Kingma']), []);
    assert.deepEqual(authorsIn(['P. Kingma'], ['Diederik P. Kingma']), ['P. Kingma']);
  });

  it('reports every watched author a paper has', () => {
    const list: WatchList = { keywords: ['attention'], authors: ['Vaswani', 'Shazeer', 'Hinton'] };
    const match = compileWatchList(list).matchPaper(
      paper({ title: 'Attention Is All You Need', authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar'] }),
    );
    assert.deepEqual(match, { keywords: ['attention'], authors: ['Vaswani', 'Shazeer'] });
  });

  it('matches nothing with an empty list', () => {
    const list = compileWatchList({ keywords: [], authors: [] });
    assert.equal(list.isEmpty, true);
    assert.equal(list.matchPaper(paper({ title: 'Anything', authors: ['Anyone'] })), undefined);
    assert.equal(compileWatchList({}).matchPaper(paper({ title: 'x' })), undefined);
  });
});
