import * as assert from 'node:assert/strict';
import type { Work } from '../../src/core/lookup/work';
import { paperToWork, workToPaper } from '../../src/core/lookup/workPaper';
import { paperYear } from '../../src/core/paper';
import { arxivPaper } from '../helpers/paper';
import { arxiv, crossref, dblp, s2 } from './helpers/fakeLookup';

describe('workToPaper', () => {
  it('makes a Crossref journal article a paper identified by its DOI, dated by its year', () => {
    const paper = workToPaper({
      ...crossref.chemcrow,
      arxivId: undefined,
      url: 'https://doi.org/10.1038/s42256-024-00832-8',
    });
    assert.equal(paper.id, 'doi:10.1038/s42256-024-00832-8');
    assert.equal(paper.source, 'lookup');
    assert.equal(paper.published, '2024');
    assert.equal(paperYear(paper), '2024');
    assert.equal(paper.doi, '10.1038/s42256-024-00832-8');
    assert.equal(paper.publication?.venue, 'Nature Machine Intelligence');
    assert.equal(paper.abstract, '');
    assert.deepEqual(paper.aiKeywords, []);
    assert.deepEqual(paper.links, { project: 'https://doi.org/10.1038/s42256-024-00832-8' });
    assert.equal(paper.arxivId, undefined);
  });

  it('prefers the arXiv id as identity and gives arXiv links, dropping the arXiv DOI', () => {
    const paper = workToPaper(dblp.attentionCorr);
    assert.equal(paper.id, '1706.03762');
    assert.equal(paper.arxivId, '1706.03762');
    assert.equal(paper.doi, undefined);
    assert.deepEqual(paper.links, {
      arxivAbs: 'https://arxiv.org/abs/1706.03762',
      pdf: 'https://arxiv.org/pdf/1706.03762',
    });
  });

  it('falls back to the DBLP key, then the ACL Anthology id, then a stable hash', () => {
    assert.equal(workToPaper(dblp.attentionNips).id, 'dblp:conf/nips/VaswaniSPUJGKP17');
    const acl: Work = {
      service: 'acl',
      title: 'BERT',
      authors: ['Jacob Devlin'],
      year: '2019',
      url: 'https://aclanthology.org/N19-1423/',
    };
    assert.equal(workToPaper(acl).id, 'acl:N19-1423');
    const bare: Work = { service: 'crossref', title: 'A Title', authors: ['Ann Author'], year: '2020' };
    const id = workToPaper(bare).id;
    assert.match(id, /^lookup:[0-9a-f]{8}$/);
    assert.equal(workToPaper({ ...bare, title: 'A title.' }).id, id, 'the same work, spelled differently');
    assert.notEqual(workToPaper({ ...bare, year: '2021' }).id, id);
  });

  it('puts the published record’s own DOI on its publication', () => {
    const work: Work = { ...dblp.resnet, publication: { ...dblp.resnet.publication, doi: undefined } };
    assert.equal(workToPaper(work).publication?.doi, '10.1109/cvpr.2016.90');
  });

  it('takes categories, the full date and Hugging Face extras from the arXiv paper', () => {
    const extras = arxivPaper('2304.05376', {
      categories: ['physics.chem-ph', 'cs.LG'],
      published: '2023-04-11T17:41:13Z',
      upvotes: 12,
      aiKeywords: ['tools'],
      links: { code: 'https://github.com/ur-whitelab/chemcrow-public' },
      abstract: 'Large language models...',
      feedDay: '2023-04-12',
      source: 'hf-daily',
    });
    const paper = workToPaper(s2.chemcrow, extras);
    assert.equal(paper.id, '2304.05376');
    assert.equal(paper.source, 'lookup');
    assert.deepEqual(paper.categories, ['physics.chem-ph', 'cs.LG']);
    assert.equal(paper.published, '2023-04-11T17:41:13Z');
    assert.equal(paper.upvotes, 12);
    assert.equal(paper.abstract, 'Large language models...');
    assert.equal(paper.feedDay, undefined, 'not a feed listing');
    assert.equal(paper.links.code, 'https://github.com/ur-whitelab/chemcrow-public');
    assert.equal(paper.links.arxivAbs, 'https://arxiv.org/abs/2304.05376');
    assert.equal(paper.title, 'Augmenting large language models with chemistry tools');
    assert.equal(paper.publication?.foundBy, 'semanticScholar');
  });

  it('round-trips an arXiv paper', () => {
    const work = paperToWork(arxiv.grasp);
    assert.deepEqual(work, {
      service: 'arxiv',
      title: arxiv.grasp.title,
      authors: arxiv.grasp.authors,
      arxivId: '1710.08557',
      year: '2017',
      doi: '10.1186/s12984-017-0305-3',
      url: 'https://arxiv.org/abs/1710.08557',
    });
    const paper = workToPaper(work, arxiv.grasp);
    assert.equal(paper.id, '1710.08557');
    assert.equal(paper.doi, '10.1186/s12984-017-0305-3');
    assert.equal(paper.journalRef, arxiv.grasp.journalRef);
    assert.equal(paper.published, arxiv.grasp.published);
  });

  it('reads the year of an old-style arXiv id when arXiv gives no date', () => {
    const work = paperToWork(
      arxivPaper('astro-ph/9812133', { title: 'Measurements of Omega and Lambda', authors: ['S. Perlmutter'] }),
    );
    assert.equal(work.year, '1998');
    assert.equal(work.arxivId, 'astro-ph/9812133');
  });
});
