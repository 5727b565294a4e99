import * as assert from 'node:assert/strict';
import { findPublished, journalRefPublication, type PreprintRef } from '../../src/core/lookup/published';
import type { Work } from '../../src/core/lookup/work';
import type { Paper } from '../../src/core/paper';
import { arxivPaper } from '../helpers/paper';
import { arxiv, crossref, dblp, fakeLookup, s2 } from './helpers/fakeLookup';

function refOf(p: Paper, fields: Partial<PreprintRef> = {}): PreprintRef {
  return { arxivId: p.arxivId, title: p.title, authors: p.authors, year: p.published?.slice(0, 4), ...fields };
}

const down = (service: string) => new Error(`${service} answered HTTP 503`);

describe('findPublished: (1) arXiv’s own record', () => {
  it('follows arXiv’s DOI to Crossref’s record, without a title check (the published title differs)', async () => {
    const services = fakeLookup({
      arxiv: [arxiv.grasp],
      crossrefWorks: { '10.1186/s12984-017-0305-3': crossref.grasp },
    });
    const result = await findPublished(refOf(arxiv.grasp, { doi: undefined, journalRef: undefined }), services);
    assert.deepEqual(services.calls, ['arxivByIds 1710.08557', 'crossrefWork 10.1186/s12984-017-0305-3']);
    assert.equal(result.publication?.venue, 'Journal of NeuroEngineering and Rehabilitation');
    assert.equal(result.publication?.foundBy, 'arxiv');
    assert.equal(result.publication?.doi, '10.1186/s12984-017-0305-3');
    assert.equal(result.matched, crossref.grasp);
    assert.deepEqual(result.failures, []);
  });

  it('uses the DOI and journal reference the reference already carries without asking arXiv', async () => {
    const services = fakeLookup({ crossrefWorks: { '10.1186/s12984-017-0305-3': crossref.grasp } });
    const result = await findPublished(
      refOf(arxiv.grasp, { doi: arxiv.grasp.doi, journalRef: arxiv.grasp.journalRef }),
      services,
    );
    assert.deepEqual(services.calls, ['crossrefWork 10.1186/s12984-017-0305-3']);
    assert.equal(result.publication?.volume, '14');
  });

  it('falls back to the journal reference (with arXiv’s DOI) when Crossref fails, and says so', async () => {
    const services = fakeLookup({
      arxiv: [arxiv.grasp],
      crossrefWorks: { '10.1186/s12984-017-0305-3': down('Crossref') },
    });
    const result = await findPublished(refOf(arxiv.grasp), services);
    assert.deepEqual(result.publication, {
      kind: 'article',
      venue: 'Journal of NeuroEngineering and Rehabilitation, 2017',
      year: '2017',
      doi: '10.1186/s12984-017-0305-3',
      foundBy: 'arxiv',
    });
    assert.deepEqual(result.failures, [{ service: 'crossref', message: 'Crossref answered HTTP 503' }]);
  });

  it('reads a journal reference alone: 3D Gaussian Splatting in ACM Transactions on Graphics', async () => {
    const services = fakeLookup({ arxiv: [arxiv.gaussians], dblpSearch: [dblp.resnet] });
    const result = await findPublished(refOf(arxiv.gaussians), services);
    assert.deepEqual(services.calls, ['arxivByIds 2308.04079'], 'stops at the first found');
    assert.deepEqual(result.publication, {
      kind: 'article',
      venue: 'ACM Transactions on Graphics, volume 42(4), July 2023',
      year: '2023',
      foundBy: 'arxiv',
    });
    assert.equal(result.matched, undefined);
  });

  it('calls a journal reference naming a conference or workshop a proceedings paper', () => {
    assert.equal(journalRefPublication('Proceedings of ICML 2019, PMLR 97:1-10').kind, 'inproceedings');
    assert.equal(journalRefPublication('NeurIPS 2020 Workshop on Deep Learning').kind, 'inproceedings');
    assert.equal(journalRefPublication('Phys. Rev. D 89, 084044 (2014)').kind, 'article');
    assert.equal(journalRefPublication('Phys. Rev. D 89, 084044 (2014)').year, '2014');
    assert.equal(journalRefPublication('Nature 521').year, undefined);
  });

  it('never takes an arXiv DOI as the published version', async () => {
    const repost = { ...arxiv.paperqa, doi: '10.48550/arXiv.2312.07559' };
    const services = fakeLookup({ arxiv: [repost], s2: { 'arXiv:2312.07559': s2.paperqa } });
    const result = await findPublished(
      refOf(arxiv.paperqa, { arxivId: undefined, doi: '10.48550/arXiv.2312.07559' }),
      services,
    );
    assert.ok(!services.calls.some((c) => c.startsWith('crossrefWork')), services.calls.join('\n'));
    assert.ok(services.calls.includes('arxivByIds 2312.07559'), 'the arXiv DOI names the arXiv id');
    assert.equal(result.publication, undefined);
  });
});

describe('findPublished: (2) DBLP', () => {
  it('skips the trap hits and the CoRR copy, then takes the full record of the NeurIPS paper', async () => {
    const services = fakeLookup({
      arxiv: [arxiv.attention],
      dblpSearch: [dblp.attentionalTransfer, dblp.butYouDont, dblp.attentionCorr, dblp.attentionNips],
      dblpRecords: { 'conf/nips/VaswaniSPUJGKP17': dblp.attentionNipsRecord },
      crossrefSearch: [crossref.shaw],
    });
    const result = await findPublished(refOf(arxiv.attention), services);
    assert.deepEqual(services.calls, [
      'arxivByIds 1706.03762',
      'dblpSearch Attention Is All You Need / Vaswani',
      'dblpRecord conf/nips/VaswaniSPUJGKP17',
    ]);
    assert.equal(result.publication?.foundBy, 'dblp');
    assert.match(result.publication?.venue ?? '', /^Advances in Neural Information Processing Systems 30/);
    assert.equal(result.publication?.pages, '5998-6008');
    assert.equal(result.matched, dblp.attentionNipsRecord);
  });

  it('keeps the search hit’s publication when the record fails or is missing', async () => {
    for (const record of [down('DBLP'), undefined]) {
      const services = fakeLookup({
        arxiv: [arxiv.attention],
        dblpSearch: [dblp.attentionNips],
        dblpRecords: { 'conf/nips/VaswaniSPUJGKP17': record },
      });
      const result = await findPublished(refOf(arxiv.attention), services);
      assert.equal(result.publication?.venue, 'NIPS');
      assert.equal(result.failures.length, record === undefined ? 0 : 1);
    }
  });

  it('never takes a CoRR or arXiv venue, even one a client gave a publication', async () => {
    const corr = { ...dblp.attentionCorr, publication: { kind: 'article' as const, venue: 'CoRR', foundBy: 'dblp' } };
    const arxivVenue = { ...corr, publication: { ...corr.publication, venue: 'arXiv.org' } };
    const services = fakeLookup({ arxiv: [arxiv.attention], dblpSearch: [corr, arxivVenue] });
    const result = await findPublished(refOf(arxiv.attention), services);
    assert.equal(result.publication, undefined);
    assert.ok(!services.calls.some((c) => c.startsWith('dblpRecord')), services.calls.join('\n'));
  });

  it('takes an ICLR proceedings record although DBLP keys it under journals/corr', async () => {
    const adam = arxivPaper('1412.6980', {
      title: 'Adam: A Method for Stochastic Optimization',
      authors: ['Diederik P. Kingma', 'Jimmy Ba'],
      published: '2014-12-22',
    });
    const iclr: Work = {
      service: 'dblp',
      title: 'Adam: A Method for Stochastic Optimization.',
      authors: ['Diederik P. Kingma', 'Jimmy Ba'],
      year: '2015',
      dblpKey: 'journals/corr/KingmaB14',
      publication: { kind: 'inproceedings', venue: 'ICLR (Poster)', year: '2015', foundBy: 'dblp' },
    };
    const result = await findPublished(refOf(adam), fakeLookup({ arxiv: [adam], dblpSearch: [iclr] }));
    assert.equal(result.publication?.venue, 'ICLR (Poster)');
  });

  it('prefers the version closest in time: ECCV 2020 over the 2022 Communications of the ACM reprint', async () => {
    const cacm: Work = {
      service: 'dblp',
      title: 'NeRF: representing scenes as neural radiance fields for view synthesis.',
      authors: arxiv.nerf.authors,
      year: '2022',
      dblpKey: 'journals/cacm/MildenhallSTBRN22',
      publication: { kind: 'article', venue: 'Commun. ACM', year: '2022', volume: '65', foundBy: 'dblp' },
    };
    const eccv: Work = {
      ...cacm,
      year: '2020',
      dblpKey: 'conf/eccv/MildenhallSTBRN20',
      publication: { kind: 'inproceedings', venue: 'ECCV (1)', year: '2020', foundBy: 'dblp' },
    };
    const services = fakeLookup({ arxiv: [arxiv.nerf], dblpSearch: [cacm, eccv] });
    const result = await findPublished(refOf(arxiv.nerf), services);
    assert.equal(result.publication?.venue, 'ECCV (1)');
    assert.ok(services.calls.includes('dblpRecord conf/eccv/MildenhallSTBRN20'), services.calls.join('\n'));
  });

  it('refuses a DBLP record that no longer matches', async () => {
    const services = fakeLookup({
      arxiv: [arxiv.attention],
      dblpSearch: [dblp.attentionNips],
      dblpRecords: { 'conf/nips/VaswaniSPUJGKP17': { ...dblp.attentionNipsRecord, year: '2025' } },
    });
    const result = await findPublished(refOf(arxiv.attention), services);
    assert.equal(result.publication?.venue, 'NIPS');
  });

  it('takes nothing from hits that are all traps, asking Crossref and Semantic Scholar in turn', async () => {
    const services = fakeLookup({
      arxiv: [arxiv.attention],
      dblpSearch: [dblp.attentionalTransfer, dblp.butYouDont, dblp.attentionCorr],
      crossrefSearch: [
        crossref.shaw,
        crossref.attentionRepost,
        { ...crossref.attentionRepost, publication: crossref.shaw.publication },
      ],
      s2: { 'arXiv:1706.03762': s2.attention },
    });
    const result = await findPublished(refOf(arxiv.attention), services);
    assert.deepEqual(services.calls, [
      'arxivByIds 1706.03762',
      'dblpSearch Attention Is All You Need / Vaswani',
      'crossrefSearch Attention Is All You Need / Vaswani',
      'semanticScholarPaper arXiv:1706.03762',
    ]);
    assert.equal(
      result.publication,
      undefined,
      'Semantic Scholar’s year 2017 is the preprint’s own, with no DOI to check it',
    );
  });
});

describe('findPublished: (3) Crossref', () => {
  it('takes ResNet at CVPR from Crossref’s title search when DBLP is down', async () => {
    const services = fakeLookup({
      arxiv: [arxiv.resnet],
      dblpSearch: down('DBLP'),
      crossrefSearch: [crossref.resnet],
      s2: { 'arXiv:1512.03385': down('Semantic Scholar') },
    });
    const result = await findPublished(refOf(arxiv.resnet), services);
    assert.equal(result.publication?.venue, '2016 IEEE Conference on Computer Vision and Pattern Recognition (CVPR)');
    assert.equal(result.publication?.foundBy, 'crossref');
    assert.deepEqual(result.failures, [{ service: 'dblp', message: 'DBLP answered HTTP 503' }]);
    assert.ok(!services.calls.some((c) => c.startsWith('semanticScholar')), 'stops at the first found');
  });

  it('follows a preprint DOI’s is-preprint-of relation', async () => {
    const preprint = {
      service: 'crossref' as const,
      title: 'A bioRxiv preprint',
      authors: ['Ann Author'],
      year: '2023',
      doi: '10.1101/2023.01.01.000001',
      preprintOf: ['10.1038/s42256-024-00832-8'],
    };
    const services = fakeLookup({
      crossrefWorks: { '10.1101/2023.01.01.000001': preprint, '10.1038/s42256-024-00832-8': crossref.chemcrow },
    });
    const result = await findPublished(
      { title: 'A bioRxiv preprint', authors: ['Ann Author'], year: '2023', doi: preprint.doi },
      services,
    );
    assert.equal(result.publication?.venue, 'Nature Machine Intelligence');
    assert.equal(result.publication?.foundBy, 'crossref');
    assert.deepEqual(services.calls.slice(0, 3), [
      'crossrefWork 10.1101/2023.01.01.000001',
      'dblpSearch A bioRxiv preprint / Author',
      'crossrefWork 10.1038/s42256-024-00832-8',
    ]);
  });

  it('refuses the other paper Crossref answers for PaperQA, and Semantic Scholar’s arXiv-only record', async () => {
    const services = fakeLookup({
      arxiv: [arxiv.paperqa],
      crossrefSearch: [crossref.paperqaOther],
      s2: { 'arXiv:2312.07559': s2.paperqa },
    });
    const result = await findPublished(refOf(arxiv.paperqa), services);
    assert.deepEqual(result, { failures: [] });
  });

  it('refuses the NeRF research highlight', async () => {
    const services = fakeLookup({ arxiv: [arxiv.nerf], crossrefSearch: [crossref.nerfCacm] });
    const result = await findPublished(refOf(arxiv.nerf), services);
    assert.equal(result.publication, undefined);
  });
});

describe('findPublished: (4) Semantic Scholar, failures and cancellation', () => {
  it('takes ChemCrow from Semantic Scholar with the year of its DOI’s Crossref record (S2 gives the arXiv year)', async () => {
    const services = fakeLookup({
      arxivError: down('arXiv'),
      dblpSearch: down('DBLP'),
      crossrefSearch: down('Crossref'),
      crossrefWorks: { '10.1038/s42256-024-00832-8': crossref.chemcrow },
      s2: { 'arXiv:2304.05376': s2.chemcrow },
    });
    const result = await findPublished(refOf(arxiv.chemcrow), services);
    assert.equal(result.publication?.venue, 'Nature Machine Intelligence');
    assert.equal(result.publication?.year, '2024');
    assert.equal(result.publication?.foundBy, 'semanticScholar');
    assert.equal(services.calls.at(-1), 'crossrefWork 10.1038/s42256-024-00832-8');
    assert.deepEqual(
      result.failures.map((f) => f.service),
      ['arxiv', 'dblp', 'crossref'],
    );
  });

  it('refuses a Semantic Scholar venue whose only year is the preprint’s (Whisper: arXiv 2022, ICML 2023)', async () => {
    const whisper = arxivPaper('2212.04356', {
      title: 'Robust Speech Recognition via Large-Scale Weak Supervision',
      authors: ['Alec Radford', 'Jong Wook Kim'],
      published: '2022-12-06',
    });
    const s2Whisper: Work = {
      service: 'semanticScholar',
      title: whisper.title,
      authors: whisper.authors,
      year: '2022',
      arxivId: '2212.04356',
      publication: {
        kind: 'inproceedings',
        venue: 'International Conference on Machine Learning',
        year: '2022',
        foundBy: 'semanticScholar',
      },
    };
    const refused = await findPublished(
      refOf(whisper),
      fakeLookup({ arxiv: [whisper], s2: { 'arXiv:2212.04356': s2Whisper } }),
    );
    assert.equal(refused.publication, undefined);
    const later: Work = {
      ...s2Whisper,
      year: '2023',
      publication: { kind: 'inproceedings', venue: 'ICML', year: '2023', foundBy: 'semanticScholar' },
    };
    const taken = await findPublished(
      refOf(whisper),
      fakeLookup({ arxiv: [whisper], s2: { 'arXiv:2212.04356': later } }),
    );
    assert.equal(taken.publication?.year, '2023');
  });

  it('narrows the title searches by the first author’s family name, particles kept, suffix left out', async () => {
    const services = fakeLookup();
    await findPublished({ title: 'T', authors: ['Martin Luther King Jr.'], year: '2020' }, services);
    await findPublished({ title: 'T', authors: ['Laurens van der Maaten'], year: '2020' }, services);
    await findPublished({ title: 'T', authors: [], year: '2020' }, services);
    assert.deepEqual(
      services.calls.filter((c) => c.startsWith('dblpSearch')),
      ['dblpSearch T / King', 'dblpSearch T / van der Maaten', 'dblpSearch T'],
    );
  });

  it('asks Semantic Scholar by DOI when there is no arXiv id', async () => {
    const services = fakeLookup({ s2: { 'DOI:10.5555/unknown': undefined } });
    await findPublished({ title: 'T', authors: ['A B'], year: '2020', doi: '10.5555/unknown' }, services);
    assert.ok(services.calls.includes('semanticScholarPaper DOI:10.5555/unknown'), services.calls.join('\n'));
  });

  it('reports every failure and finds nothing when all services are down', async () => {
    const services = fakeLookup({
      arxivError: down('arXiv'),
      dblpSearch: down('DBLP'),
      crossrefSearch: down('Crossref'),
      s2: { 'arXiv:1706.03762': down('Semantic Scholar') },
    });
    const result = await findPublished(refOf(arxiv.attention), services);
    assert.equal(result.publication, undefined);
    assert.deepEqual(
      result.failures.map((f) => f.message),
      [
        'arXiv answered HTTP 503',
        'DBLP answered HTTP 503',
        'Crossref answered HTTP 503',
        'Semantic Scholar answered HTTP 503',
      ],
    );
  });

  it('stops at cancellation instead of trying the next service', async () => {
    const controller = new AbortController();
    const cancelled = new Error('request to dblp.org was cancelled');
    const services = fakeLookup({
      arxiv: [arxiv.attention],
      dblpSearch: async () => {
        controller.abort();
        throw cancelled;
      },
      crossrefSearch: [crossref.shaw],
    });
    await assert.rejects(findPublished(refOf(arxiv.attention), services, controller.signal), cancelled);
    assert.ok(!services.calls.some((c) => c.startsWith('crossref')), services.calls.join('\n'));
  });

  it('does not start when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const services = fakeLookup({ arxiv: [arxiv.attention] });
    await assert.rejects(findPublished(refOf(arxiv.attention), services, controller.signal));
    assert.deepEqual(services.calls, []);
  });
});
