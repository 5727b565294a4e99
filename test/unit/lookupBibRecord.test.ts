import { latexToPlain } from '../../src/core/cite/latexPlain';
import * as assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import {
  aclRecordUrl,
  dblpRecordUrl,
  fetchAclRecord,
  fetchDblpRecord,
  workFromBibtex,
} from '../../src/core/lookup/bibRecordWork';
import { LookupFormatError } from '../../src/core/lookup/markup';
import { startLoopbackServer, type LoopbackServer } from './helpers/loopbackServer';

// Entries in the layout DBLP's `/rec/{key}.bib` and the ACL Anthology's `/{id}.bib` use.
const DBLP_CONFERENCE = `@inproceedings{DBLP:conf/iccv/HeGDG17,
  author       = {Kaiming He and
                  Georgia Gkioxari and
                  Piotr Doll{\\'{a}}r and
                  Ross B. Girshick},
  title        = {Mask {R-CNN}},
  booktitle    = {{IEEE} International Conference on Computer Vision, {ICCV} 2017, Venice,
                  Italy, October 22-29, 2017},
  pages        = {2980--2988},
  publisher    = {{IEEE} Computer Society},
  year         = {2017},
  url          = {https://doi.org/10.1109/ICCV.2017.322},
  doi          = {10.1109/ICCV.2017.322},
  biburl       = {https://dblp.org/rec/conf/iccv/HeGDG17.bib},
  bibsource    = {dblp computer science bibliography, https://dblp.org}
}
`;

const DBLP_CORR = `@article{DBLP:journals/corr/VaswaniSPUJGKP17,
  author       = {Ashish Vaswani and
                  Wei Wang 0001 and
                  {\\L}ukasz Kaiser},
  title        = {Attention Is All You Need},
  journal      = {CoRR},
  volume       = {abs/1706.03762},
  year         = {2017},
  url          = {http://arxiv.org/abs/1706.03762},
  eprinttype    = {arXiv},
  eprint       = {1706.03762},
}
`;

const DBLP_JOURNAL = `@article{DBLP:journals/cacm/MildenhallSTBRN22,
  author       = {Ben Mildenhall and
                  J{\\"{u}}rgen M{\\"u}ller and
                  Fran{\\c{c}}ois Gr{\\o}nlund and
                  Zeyuan Allen{-}Zhu},
  title        = {NeRF: Representing Scenes \\& Views with $\\mathcal{O}(n)$ Rays},
  journal      = {Commun. {ACM}},
  volume       = {65},
  number       = {1},
  pages        = {99--106},
  year         = {2022},
  doi          = {10.1145/3503250},
}
`;

const ACL_ENTRY = `@inproceedings{devlin-etal-2019-bert,
    title = "{BERT}: Pre-training of Deep Bidirectional Transformers for Language Understanding",
    author = "Devlin, Jacob  and
      Chang, Ming-Wei  and
      Lee, Kenton  and
      Toutanova, Kristina",
    editor = "Burstein, Jill  and
      Doran, Christy",
    booktitle = "Proceedings of the 2019 Conference of the North {A}merican Chapter of the Association for Computational Linguistics",
    month = jun,
    year = "2019",
    address = "Minneapolis, Minnesota",
    publisher = "Association for Computational Linguistics",
    url = "https://aclanthology.org/N19-1423",
    doi = "10.18653/v1/N19-1423",
    pages = "4171--4186",
    abstract = "We introduce a new language representation model called {BERT}.",
}
`;

describe('lookup: LaTeX in BibTeX records to plain text', () => {
  const cases: [string, string][] = [
    ["Doll{\\'{a}}r", 'Dollár'],
    ['M{\\"u}ller', 'Müller'],
    ['M\\"{u}ller', 'Müller'],
    ['Fran{\\c{c}}ois', 'François'],
    ['{\\v{S}}koda', 'Škoda'],
    ['Erd{\\H{o}}s', 'Erdős'],
    ['Gr{\\o}nlund', 'Grønlund'],
    ['{\\L}ukasz', 'Łukasz'],
    ['Stra{\\ss}e', 'Straße'],
    ['Stra\\ss e', 'Straße'],
    ['Bad \\ss{} End', 'Bad ß End'],
    ['na{\\"\\i}ve', 'naïve'],
    ['Allen{-}Zhu', 'Allen-Zhu'],
    ['Mask {R-CNN}', 'Mask R-CNN'],
    ['Rock \\& Roll 50\\% \\_x', 'Rock & Roll 50% _x'],
    ['{\\em Emphasis} and \\textbf{Bold}', 'Emphasis and Bold'],
    ['pages 1--2 and---dash', 'pages 1–2 and—dash'],
    ['a~b', 'a b'],
    ['$\\mathcal{O}(n)$ {Rays}', '$\\mathcal{O}(n)$ Rays'],
    ['Line\n   break', 'Line break'],
  ];
  for (const [latex, plain] of cases) {
    it(`${JSON.stringify(latex)} → ${JSON.stringify(plain)}`, () => assert.equal(latexToPlain(latex), plain));
  }
});

describe('lookup: a BibTeX record as a Work', () => {
  it('reads a DBLP conference paper as an inproceedings publication', async () => {
    const work = await workFromBibtex(DBLP_CONFERENCE, 'dblp');
    assert.deepEqual(work, {
      service: 'dblp',
      title: 'Mask R-CNN',
      authors: ['Kaiming He', 'Georgia Gkioxari', 'Piotr Dollár', 'Ross B. Girshick'],
      year: '2017',
      doi: '10.1109/iccv.2017.322',
      dblpKey: 'conf/iccv/HeGDG17',
      publication: {
        kind: 'inproceedings',
        venue: 'IEEE International Conference on Computer Vision, ICCV 2017, Venice, Italy, October 22-29, 2017',
        foundBy: 'dblp',
        year: '2017',
        pages: '2980-2988',
        publisher: 'IEEE Computer Society',
        doi: '10.1109/iccv.2017.322',
      },
      url: 'https://doi.org/10.1109/ICCV.2017.322',
    });
  });

  it("reads DBLP's CoRR record as a preprint with its arXiv id, homonym numbers dropped", async () => {
    const work = await workFromBibtex(DBLP_CORR, 'dblp');
    assert.ok(work);
    assert.equal(work.publication, undefined);
    assert.equal(work.arxivId, '1706.03762');
    assert.equal(work.dblpKey, 'journals/corr/VaswaniSPUJGKP17');
    assert.deepEqual(work.authors, ['Ashish Vaswani', 'Wei Wang', 'Łukasz Kaiser']);
  });

  it('takes the arXiv id from the volume when there is no eprint field', async () => {
    const work = await workFromBibtex(DBLP_CORR.replace(/ *eprint.*\n/g, '').replace(/ *url.*\n/, ''), 'dblp');
    assert.equal(work?.arxivId, '1706.03762');
    assert.equal(work?.publication, undefined);
  });

  it('keeps an ICLR paper DBLP files under a CoRR key as the conference paper it is', async () => {
    const entry = `@inproceedings{DBLP:journals/corr/KingmaB14,
  author    = {Diederik P. Kingma and Jimmy Ba},
  title     = {Adam: {A} Method for Stochastic Optimization},
  booktitle = {3rd International Conference on Learning Representations, {ICLR} 2015},
  year      = {2015},
  url       = {http://arxiv.org/abs/1412.6980},
}`;
    const work = await workFromBibtex(entry, 'dblp');
    assert.equal(work?.title, 'Adam: A Method for Stochastic Optimization');
    assert.equal(work?.arxivId, '1412.6980');
    assert.equal(work?.publication?.kind, 'inproceedings');
    assert.equal(work?.publication?.venue, '3rd International Conference on Learning Representations, ICLR 2015');
  });

  it('reads a journal article with accents, math kept, volume and number', async () => {
    const work = await workFromBibtex(DBLP_JOURNAL, 'dblp');
    assert.ok(work);
    assert.equal(work.title, 'NeRF: Representing Scenes & Views with $\\mathcal{O}(n)$ Rays');
    assert.deepEqual(work.authors, ['Ben Mildenhall', 'Jürgen Müller', 'François Grønlund', 'Zeyuan Allen-Zhu']);
    assert.deepEqual(work.publication, {
      kind: 'article',
      venue: 'Commun. ACM',
      foundBy: 'dblp',
      year: '2022',
      volume: '65',
      number: '1',
      pages: '99-106',
      doi: '10.1145/3503250',
    });
  });

  it('reads an ACL Anthology entry: "Last, First" names, family names known, no DBLP key', async () => {
    const work = await workFromBibtex(ACL_ENTRY, 'acl');
    assert.ok(work);
    assert.equal(work.service, 'acl');
    assert.equal(work.title, 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding');
    assert.deepEqual(work.authors, ['Jacob Devlin', 'Ming-Wei Chang', 'Kenton Lee', 'Kristina Toutanova']);
    assert.deepEqual(work.families, ['Devlin', 'Chang', 'Lee', 'Toutanova']);
    assert.equal(work.dblpKey, undefined);
    assert.equal(work.abstract, 'We introduce a new language representation model called BERT.');
    assert.equal(work.publication?.kind, 'inproceedings');
    assert.equal(work.publication?.foundBy, 'acl');
    assert.match(work.publication?.venue ?? '', /North American Chapter/);
    assert.equal(work.publication?.pages, '4171-4186');
    assert.equal(work.publication?.doi, '10.18653/v1/n19-1423');
  });

  it('turns "Last, Jr, First" around and drops "others"', async () => {
    const entry = '@article{k, title={T}, journal={J}, author={King, Jr, Martin Luther and others}}';
    assert.deepEqual((await workFromBibtex(entry, 'acl'))?.authors, ['Martin Luther King Jr']);
  });

  it('gives a book no publication but keeps what it knows', async () => {
    const entry = `@book{DBLP:series/sci/2023-1062,
  author       = {George A. Anastassiou},
  title        = {Banach Space Valued Neural Network},
  series       = {Studies in Computational Intelligence},
  publisher    = {Springer},
  year         = {2023},
  doi          = {10.1007/978-3-031-16400-2},
}`;
    const work = await workFromBibtex(entry, 'dblp');
    assert.equal(work?.publication, undefined);
    assert.equal(work?.year, '2023');
    assert.equal(work?.doi, '10.1007/978-3-031-16400-2');
  });

  it('answers undefined for an entry without a title', async () => {
    assert.equal(await workFromBibtex('@misc{x, author={A}}', 'dblp'), undefined);
  });

  it('refuses cut-off BibTeX and a page that holds no entry, naming the service', async () => {
    await assert.rejects(workFromBibtex(DBLP_CONFERENCE.slice(0, 120), 'dblp'), (err: unknown) => {
      assert.ok(err instanceof LookupFormatError);
      assert.match(err.message, /^DBLP answered BibTeX that does not parse/);
      return true;
    });
    await assert.rejects(
      workFromBibtex('<!doctype html><html><body>Sign in</body></html>', 'acl'),
      /the ACL Anthology answered no BibTeX entry/,
    );
  });
});

describe('lookup: record URLs and requests', () => {
  it('builds DBLP and ACL record URLs and refuses what is not a key or id', () => {
    assert.equal(
      dblpRecordUrl('https://dblp.org', 'DBLP:conf/nips/VaswaniSPUJGKP17'),
      'https://dblp.org/rec/conf/nips/VaswaniSPUJGKP17.bib',
    );
    assert.equal(
      dblpRecordUrl('https://dblp.org', 'journals/corr/abs-1706-03762'),
      'https://dblp.org/rec/journals/corr/abs-1706-03762.bib',
    );
    assert.throws(() => dblpRecordUrl('https://dblp.org', '../../etc/passwd'), RangeError);
    assert.throws(() => dblpRecordUrl('https://dblp.org', 'nokey'), RangeError);
    assert.equal(
      aclRecordUrl('https://aclanthology.org', '2020.acl-main.1'),
      'https://aclanthology.org/2020.acl-main.1.bib',
    );
    assert.equal(aclRecordUrl('https://aclanthology.org', 'N19-1423'), 'https://aclanthology.org/N19-1423.bib');
    assert.throws(() => aclRecordUrl('https://aclanthology.org', 'N19-1423/../x'), RangeError);
  });

  let server: LoopbackServer;
  const requests: IncomingMessage[] = [];
  before(async () => {
    server = await startLoopbackServer((req, res) => {
      requests.push(req);
      if (req.url === '/rec/conf/iccv/HeGDG17.bib') {
        res.writeHead(200, { 'content-type': 'application/x-bibtex; charset=utf-8' });
        res.end(DBLP_CONFERENCE);
      } else if (req.url === '/N19-1423.bib') {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(ACL_ENTRY);
      } else {
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<html>not found</html>');
      }
    });
  });
  after(() => server.close());

  it('fetches a DBLP record asking for BibTeX', async () => {
    const work = await fetchDblpRecord({ baseUrl: server.url, key: 'conf/iccv/HeGDG17', http: { retries: 0 } });
    assert.equal(work?.title, 'Mask R-CNN');
    assert.match(String(requests.at(-1)?.headers.accept), /application\/x-bibtex/);
  });

  it('fetches an ACL record', async () => {
    const work = await fetchAclRecord({ baseUrl: server.url, id: 'N19-1423', http: { retries: 0 } });
    assert.equal(work?.publication?.foundBy, 'acl');
  });

  it('answers undefined for a record the service does not have', async () => {
    assert.equal(
      await fetchDblpRecord({ baseUrl: server.url, key: 'conf/x/Nobody99', http: { retries: 0 } }),
      undefined,
    );
    assert.equal(await fetchAclRecord({ baseUrl: server.url, id: 'P99-9999', http: { retries: 0 } }), undefined);
  });
});
