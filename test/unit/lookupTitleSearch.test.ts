import * as assert from 'node:assert/strict';
import { mergeWorks, rankWorks, searchWorks, titleScore } from '../../src/core/lookup/titleSearch';
import { paperToWork } from '../../src/core/lookup/workPaper';
import { arxiv, crossref, dblp, fakeLookup, s2 } from './helpers/fakeLookup';

describe('title search: mergeWorks', () => {
  it('makes one record of arXiv’s preprint, DBLP’s CoRR copy (same arXiv id) and DBLP’s NeurIPS paper (title and author)', () => {
    const merged = mergeWorks([[paperToWork(arxiv.attention)], [dblp.attentionCorr, dblp.attentionNips]]);
    assert.equal(merged.length, 1);
    const [work] = merged;
    assert.deepEqual(work.services, ['arxiv', 'dblp']);
    assert.equal(work.arxivId, '1706.03762');
    assert.equal(work.publication?.venue, 'NIPS');
    assert.equal(work.dblpKey, 'conf/nips/VaswaniSPUJGKP17', 'the proceedings key over the CoRR one');
    assert.equal(work.title, 'Attention Is All You Need');
  });

  it('merges by DOI whatever the titles say', () => {
    const merged = mergeWorks([[crossref.grasp], [{ ...paperToWork(arxiv.grasp) }]]);
    assert.equal(merged.length, 1);
    assert.deepEqual(merged[0].services, ['crossref', 'arxiv']);
    assert.equal(merged[0].arxivId, '1710.08557');
    assert.equal(merged[0].doi, '10.1186/s12984-017-0305-3');
  });

  it('merges ResNet’s arXiv, Crossref and DBLP records and keeps the richest publication and the earliest year', () => {
    const merged = mergeWorks([[paperToWork(arxiv.resnet)], [crossref.resnet], [dblp.resnetCorr, dblp.resnet]]);
    assert.equal(merged.length, 1);
    const [work] = merged;
    assert.deepEqual(work.services, ['arxiv', 'crossref', 'dblp']);
    assert.equal(work.publication?.publisher, 'IEEE');
    assert.equal(work.year, '2015');
    assert.equal(work.doi, '10.1109/cvpr.2016.90');
    assert.deepEqual(work.families, ['He', 'Zhang', 'Ren', 'Sun']);
  });

  it('keeps same-title records apart when the first author or the years differ', () => {
    const workshop = { ...dblp.attentionNips, authors: ['Jakob Uszkoreit'], dblpKey: 'conf/x/U17' };
    const merged = mergeWorks([[paperToWork(arxiv.attention)], [crossref.attentionRepost, crossref.shaw, workshop]]);
    assert.equal(merged.length, 4);
    assert.equal(merged[0].doi, undefined, 'the 2025 re-deposit’s DOI is not given to the 2017 paper');
  });

  it('keeps two publications of one paper apart (ECCV 2020 and the 2022 CACM reprint of NeRF)', () => {
    const base = {
      service: 'dblp' as const,
      title: 'NeRF: Representing Scenes as Neural Radiance Fields for View Synthesis.',
      authors: arxiv.nerf.authors,
    };
    const eccv = {
      ...base,
      year: '2020',
      dblpKey: 'conf/eccv/MildenhallSTBRN20',
      publication: { kind: 'inproceedings' as const, venue: 'ECCV (1)', foundBy: 'dblp' },
    };
    const cacm = {
      ...base,
      year: '2022',
      dblpKey: 'journals/cacm/MildenhallSTBRN22',
      publication: { kind: 'article' as const, venue: 'Commun. ACM', foundBy: 'dblp' },
    };
    const merged = mergeWorks([[paperToWork(arxiv.nerf)], [eccv, cacm]]);
    assert.deepEqual(
      merged.map((w) => w.publication?.venue),
      ['ECCV (1)', 'Commun. ACM'],
    );
    assert.deepEqual(merged[0].services, ['arxiv', 'dblp']);
    assert.equal(
      mergeWorks([
        [
          { ...crossref.resnet, doi: '10.1/a' },
          { ...crossref.resnet, doi: '10.1/b' },
        ],
      ]).length,
      2,
    );
  });

  it('does not merge two different arXiv DOIs or an arXiv DOI with a published one', () => {
    const merged = mergeWorks([[dblp.butYouDont, dblp.attentionCorr]]);
    assert.equal(merged.length, 2);
    assert.equal(merged[0].arxivId, '2407.15516', 'the arXiv id is read from the arXiv DOI');
  });

  it('unites the preprint relations of merged records', () => {
    const a = { ...crossref.chemcrow, preprintOf: undefined, hasPreprint: ['10.48550/arxiv.2304.05376'] };
    const b = { ...s2.chemcrow, hasPreprint: ['10.26434/chemrxiv-2023-xyz'] };
    const [merged] = mergeWorks([[a], [b]]);
    assert.deepEqual(merged.hasPreprint, ['10.48550/arxiv.2304.05376', '10.26434/chemrxiv-2023-xyz']);
    assert.equal(merged.arxivId, '2304.05376');
  });
});

describe('title search: ranking', () => {
  it('scores an equal title highest, then word overlap', () => {
    assert.equal(titleScore('attention is all you need', 'Attention Is All You Need.'), 2);
    const partial = titleScore('attention is all you need', 'Attentional Transfer is All You Need');
    assert.ok(partial > 0 && partial < 1, String(partial));
    assert.equal(titleScore('attention', 'Deep Residual Learning'), 0);
  });

  it('puts the exact title first, then the record more services found', () => {
    const ranked = rankWorks(
      mergeWorks([[dblp.attentionalTransfer, dblp.butYouDont], [paperToWork(arxiv.attention)], [dblp.attentionNips]]),
      'Attention is all you need',
    );
    assert.equal(ranked[0].title, 'Attention Is All You Need');
    assert.deepEqual(ranked[0].services, ['arxiv', 'dblp']);
    const alone = { ...dblp.attentionNips, dblpKey: 'conf/x/Other', authors: ['Someone Else'] };
    const tie = rankWorks(
      mergeWorks([[alone], [paperToWork(arxiv.attention), dblp.attentionNips]]),
      'Attention is all you need',
    );
    assert.deepEqual(tie[0].services.length, 2, 'two services outrank one at the same score');
  });
});

describe('title search: searchWorks', () => {
  it('asks arXiv, Crossref and DBLP and merges their answers', async () => {
    const services = fakeLookup({
      arxivSearch: [arxiv.resnet],
      crossrefSearch: [crossref.resnet],
      dblpSearch: [dblp.resnet, dblp.resnetCorr],
    });
    const { works, failures } = await searchWorks('  Deep Residual Learning  for Image Recognition', services);
    assert.deepEqual(services.calls.sort(), [
      'arxivSearch Deep Residual Learning for Image Recognition',
      'crossrefSearch Deep Residual Learning for Image Recognition',
      'dblpSearch Deep Residual Learning for Image Recognition',
    ]);
    assert.equal(works.length, 1);
    assert.deepEqual([...works[0].services].sort(), ['arxiv', 'crossref', 'dblp']);
    assert.deepEqual(failures, []);
  });

  it('shows what the others found when a service fails, and names the one that failed', async () => {
    const services = fakeLookup({
      arxivSearch: [arxiv.attention],
      crossrefSearch: new Error('Crossref answered HTTP 429 (rate limited)'),
      dblpSearch: [dblp.attentionalTransfer],
    });
    const { works, failures } = await searchWorks('Attention Is All You Need', services);
    assert.deepEqual(
      works.map((w) => w.title),
      [
        'Attention Is All You Need',
        'Attentional Transfer is All You Need: Technology-aware Layout Pattern Generation.',
      ],
    );
    assert.deepEqual(failures, [{ service: 'crossref', message: 'Crossref answered HTTP 429 (rate limited)' }]);
  });

  it('rethrows when cancelled', async () => {
    const controller = new AbortController();
    const cancelled = new Error('request to dblp.org was cancelled');
    const services = fakeLookup({
      dblpSearch: async () => {
        controller.abort();
        throw cancelled;
      },
    });
    await assert.rejects(searchWorks('anything', services, controller.signal), cancelled);
  });
});
