import * as assert from 'assert';
import { recogniseInput } from '../../src/core/lookup/identifiers';
import { completeWork, resolveInput, type Resolution } from '../../src/core/lookup/resolve';
import type { Work } from '../../src/core/lookup/work';
import type { Paper } from '../../src/core/paper';
import { arxivPaper } from '../helpers/paper';
import { fakeLookup } from './helpers/fakeLookup';

const LATTICE = arxivPaper('2503.01234', {
  title: 'Sparse Lattices for Long Context Reading',
  authors: ['Ada Lovelace', 'Brook Sample'],
  published: '2025-03-04T10:00:00Z',
  source: 'arxiv',
});

const LATTICE_AT_VENUE: Work = {
  service: 'dblp',
  title: 'Sparse Lattices for Long Context Reading',
  authors: ['Ada Lovelace', 'Brook Sample'],
  year: '2025',
  dblpKey: 'conf/fixture/LovelaceS25',
  publication: { kind: 'inproceedings', venue: 'Proceedings of the Fixture Conference', year: '2025', foundBy: 'dblp' },
};

const KNUTH: Work = {
  service: 'crossref',
  title: 'Literate Programming',
  authors: ['Donald E. Knuth'],
  families: ['Knuth'],
  year: '1984',
  doi: '10.1093/comjnl/27.2.97',
  publication: {
    kind: 'article',
    venue: 'The Computer Journal',
    year: '1984',
    volume: '27',
    pages: '97-111',
    doi: '10.1093/comjnl/27.2.97',
    foundBy: 'crossref',
  },
};

function paperOf(resolution: Resolution): Paper {
  assert.strictEqual(resolution.kind, 'paper', JSON.stringify(resolution));
  return (resolution as Extract<Resolution, { kind: 'paper' }>).paper;
}

describe('resolveInput: from the input box to a paper', () => {
  it('an arXiv id gives arXiv’s record, kept as a look-up, with no published version unless asked', async () => {
    const services = fakeLookup({ arxiv: [LATTICE], dblpSearch: [LATTICE_AT_VENUE] });
    const paper = paperOf(await resolveInput(recogniseInput('arXiv:2503.01234v2'), services, { published: false }));
    assert.strictEqual(paper.id, '2503.01234');
    assert.strictEqual(paper.source, 'lookup');
    assert.strictEqual(paper.publication, undefined);
    assert.ok(!services.calls.some((c) => c.startsWith('dblp')), services.calls.join('\n'));
  });

  it('with `published`, the preprint gets the venue the finder agrees on', async () => {
    const services = fakeLookup({
      arxiv: [LATTICE],
      dblpSearch: [LATTICE_AT_VENUE],
      dblpRecords: { 'conf/fixture/LovelaceS25': LATTICE_AT_VENUE },
    });
    const url = 'https://arxiv.org/abs/2503.01234';
    const paper = paperOf(await resolveInput(recogniseInput(url), services, { published: true }));
    assert.strictEqual(paper.publication?.venue, 'Proceedings of the Fixture Conference');
    assert.strictEqual(paper.publication?.kind, 'inproceedings');
  });

  it('an arXiv id arXiv does not know is "missing", naming the id', async () => {
    const r = await resolveInput(recogniseInput('2503.99999'), fakeLookup(), { published: true });
    assert.deepStrictEqual(r, { kind: 'missing', message: 'arXiv has no paper 2503.99999' });
  });

  it('Hugging Face failing costs only its extras, with a warning', async () => {
    const warnings: string[] = [];
    const services = {
      ...fakeLookup({ arxiv: [LATTICE] }),
      huggingFacePaper: async () => {
        throw new Error('huggingface.co answered 503 Service Unavailable');
      },
    };
    const paper = paperOf(
      await resolveInput(recogniseInput('https://huggingface.co/papers/2503.01234'), services, {
        published: false,
        warn: (m) => warnings.push(m),
      }),
    );
    assert.strictEqual(paper.title, LATTICE.title);
    assert.deepStrictEqual(warnings, ['Hugging Face: huggingface.co answered 503 Service Unavailable']);
  });

  it('a DOI is Crossref’s work; an unknown one falls back to Semantic Scholar, then is "missing"', async () => {
    const known = fakeLookup({ crossrefWorks: { '10.1093/comjnl/27.2.97': KNUTH } });
    const paper = paperOf(await resolveInput(recogniseInput('doi:10.1093/comjnl/27.2.97'), known, { published: true }));
    assert.strictEqual(paper.title, 'Literate Programming');
    assert.strictEqual(paper.publication?.venue, 'The Computer Journal');
    assert.strictEqual(paper.source, 'lookup');

    const s2Work: Work = { ...KNUTH, service: 'semanticScholar' };
    const viaS2 = fakeLookup({ s2: { 'DOI:10.1093/comjnl/27.2.97': s2Work } });
    const fromS2 = paperOf(await resolveInput(recogniseInput('10.1093/comjnl/27.2.97'), viaS2, { published: false }));
    assert.strictEqual(fromS2.title, 'Literate Programming');
    assert.deepStrictEqual(viaS2.calls, [
      'crossrefWork 10.1093/comjnl/27.2.97',
      'semanticScholarPaper DOI:10.1093/comjnl/27.2.97',
    ]);

    const r = await resolveInput(recogniseInput('10.1234/nobody-knows'), fakeLookup(), { published: false });
    assert.strictEqual(r.kind, 'missing');
    assert.match((r as { message: string }).message, /Crossref.*Semantic Scholar.*10\.1234\/nobody-knows/);
  });

  it('a DBLP record of a preprint (CoRR) is cited from arXiv’s record', async () => {
    const corr: Work = {
      service: 'dblp',
      title: 'Sparse Lattices for Long Context Reading',
      authors: ['Ada Lovelace', 'Brook Sample'],
      year: '2025',
      arxivId: '2503.01234',
      dblpKey: 'journals/corr/abs-2503-01234',
    };
    const services = fakeLookup({ arxiv: [LATTICE], dblpRecords: { 'journals/corr/abs-2503-01234': corr } });
    const paper = paperOf(
      await resolveInput(recogniseInput('https://dblp.org/rec/journals/corr/abs-2503-01234.html'), services, {
        published: false,
      }),
    );
    assert.strictEqual(paper.id, '2503.01234');
    assert.strictEqual(paper.abstract, LATTICE.abstract, 'the abstract comes from arXiv');
  });

  it('an unknown DBLP key or ACL id is "missing"', async () => {
    const dblp = await resolveInput({ kind: 'dblp', key: 'conf/none/Nobody99' }, fakeLookup(), { published: false });
    assert.deepStrictEqual(dblp, { kind: 'missing', message: 'DBLP has no record conf/none/Nobody99' });
    const acl = await resolveInput({ kind: 'acl', id: 'P99-9999' }, fakeLookup(), { published: false });
    assert.deepStrictEqual(acl, { kind: 'missing', message: 'the ACL Anthology has no paper P99-9999' });
  });

  it('a title gives merged choices; every search failing is an error; nothing found is "missing"', async () => {
    const found = await resolveInput(
      recogniseInput('literate programming knuth'),
      fakeLookup({ crossrefSearch: [KNUTH], dblpSearch: [{ ...KNUTH, service: 'dblp' }] }),
      { published: false },
    );
    assert.strictEqual(found.kind, 'choices');
    const works = (found as Extract<Resolution, { kind: 'choices' }>).works;
    assert.strictEqual(works.length, 1, 'the same DOI from two services is one choice');
    assert.deepStrictEqual([...works[0].services].sort(), ['crossref', 'dblp']);

    const down = new Error('service down');
    await assert.rejects(
      resolveInput(
        recogniseInput('literate programming'),
        fakeLookup({ crossrefSearch: down, dblpSearch: down, arxivSearch: down }),
        { published: false },
      ),
      /service down/,
    );

    const none = await resolveInput(recogniseInput('no such paper at all'), fakeLookup(), { published: false });
    assert.strictEqual(none.kind, 'missing');
  });

  it('completeWork keeps a chosen work’s venue on arXiv’s richer record', async () => {
    const services = fakeLookup({ arxiv: [LATTICE] });
    const paper = await completeWork({ ...LATTICE_AT_VENUE, arxivId: '2503.01234' }, services, { published: true });
    assert.strictEqual(paper.abstract, LATTICE.abstract);
    assert.strictEqual(paper.publication?.venue, 'Proceedings of the Fixture Conference');
    assert.ok(!services.calls.some((c) => c.startsWith('dblpSearch')), 'a known venue is not looked for again');
  });

  it('completeWork takes a DBLP search hit’s full record: the booktitle, not the short venue', async () => {
    const short: Work = {
      ...LATTICE_AT_VENUE,
      publication: { kind: 'inproceedings', venue: 'FixtureConf', year: '2025', foundBy: 'dblp' },
    };
    const services = fakeLookup({ dblpRecords: { 'conf/fixture/LovelaceS25': LATTICE_AT_VENUE } });
    const paper = await completeWork(short, services, { published: false });
    assert.strictEqual(paper.publication?.venue, 'Proceedings of the Fixture Conference');

    const warnings: string[] = [];
    const down = fakeLookup({ dblpRecords: { 'conf/fixture/LovelaceS25': new Error('dblp.org answered 500') } });
    const kept = await completeWork(short, down, { published: false, warn: (m) => warnings.push(m) });
    assert.strictEqual(kept.publication?.venue, 'FixtureConf', 'the short venue is better than none');
    assert.deepStrictEqual(warnings, ['DBLP: dblp.org answered 500']);
  });
});
