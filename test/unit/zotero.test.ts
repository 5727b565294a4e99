/**
 * Zotero and Better BibTeX, against a fixture server speaking their documented shapes: the
 * address rule (loopback only), a paper as a Zotero item, the connector's ping and save, Better
 * BibTeX's JSON-RPC (ready, search, export) with its failures and old versions, auto-export
 * detection, and citing with Better BibTeX's keys and entries.
 */
import * as assert from 'node:assert/strict';
import { planCitation } from '../../src/core/cite/citePlan';
import { checkLoopbackUrl } from '../../src/core/net/baseUrl';
import { hasBbtHeader, isAutoExport, isListed } from '../../src/core/zotero/autoExport';
import {
  bbtReady,
  exportEntries,
  findPaper,
  isSamePaper,
  searchItems,
  type BbtOptions,
} from '../../src/core/zotero/betterBibtex';
import { ping, saveItems, selectedCollection } from '../../src/core/zotero/connector';
import { ZoteroError } from '../../src/core/zotero/zoteroError';
import { zoteroCreator, zoteroItem } from '../../src/core/zotero/zoteroItem';
import { zoteroFixture, type ZoteroFixture } from '../fixtures/server/zoteroFixture';
import { arxivPaper, paper } from '../helpers/paper';
import { startLoopbackServer, type LoopbackServer } from './helpers/loopbackServer';

async function rejectsWith(promise: Promise<unknown>, kind: string): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof ZoteroError, `a ZoteroError, not ${String(err)}`);
    assert.equal(err.kind, kind, err.detail);
    return true;
  });
}

describe('zotero: the address', () => {
  for (const raw of [
    'http://127.0.0.1:23119',
    'http://localhost:23119/',
    'http://[::1]:23119',
    'https://127.0.0.1:9',
  ]) {
    it(`accepts ${raw}`, () => assert.equal(checkLoopbackUrl(raw).ok, true));
  }
  for (const raw of [
    'http://example.org:23119',
    'http://192.168.1.5:23119',
    'http://127.0.0.1.example.org:23119',
    'http://127.0.0.1:23119/connector',
    'http://user:pw@127.0.0.1:23119',
    'file:///tmp/zotero',
    'not a url',
  ]) {
    it(`refuses ${raw}`, () => assert.equal(checkLoopbackUrl(raw).ok, false));
  }
  it('keeps only the origin', () =>
    assert.deepEqual(checkLoopbackUrl(' http://localhost:23119/ '), { ok: true, url: 'http://localhost:23119' }));
});

describe('zotero: a paper as an item', () => {
  const preprint = arxivPaper('2401.00001', {
    title: 'Quokka Lattices',
    authors: ['Jane Smith', 'Ludwig van Beethoven', 'The Quokka Consortium', 'Cher', 'Martin Luther King Jr.'],
    abstract: 'We study quokkas.',
    published: '2024-01-05T10:00:00Z',
  });

  it('a preprint: type, creators, abstract, date, arXiv id in archiveID and Extra, DOI, URL, PDF by URL', () => {
    assert.deepEqual(zoteroItem(preprint, 'k1'), {
      id: 'k1',
      itemType: 'preprint',
      title: 'Quokka Lattices',
      creators: [
        { creatorType: 'author', firstName: 'Jane', lastName: 'Smith' },
        { creatorType: 'author', firstName: 'Ludwig', lastName: 'van Beethoven' },
        { creatorType: 'author', name: 'The Quokka Consortium' },
        { creatorType: 'author', name: 'Cher' },
        { creatorType: 'author', firstName: 'Martin Luther, Jr.', lastName: 'King' },
      ],
      abstractNote: 'We study quokkas.',
      date: '2024-01-05',
      url: 'https://arxiv.org/abs/2401.00001',
      repository: 'arXiv',
      archiveID: 'arXiv:2401.00001',
      DOI: '10.48550/arXiv.2401.00001',
      extra: 'arXiv: 2401.00001',
      attachments: [{ title: 'Full Text PDF', url: 'https://arxiv.org/pdf/2401.00001', mimeType: 'application/pdf' }],
    });
  });

  it('a paper published in proceedings: conferencePaper with the venue, pages, publisher and its DOI', () => {
    const item = zoteroItem(
      arxivPaper('1706.03762', {
        title: 'Attention Is All You Need',
        authors: ['Ashish Vaswani'],
        publication: {
          kind: 'inproceedings',
          venue: 'Advances in Neural Information Processing Systems',
          year: '2017',
          volume: '30',
          pages: '5998-6008',
          publisher: 'Curran Associates',
          doi: '10.5555/3295222.3295349',
          foundBy: 'dblp',
        },
      }),
      'k2',
    );
    assert.equal(item.itemType, 'conferencePaper');
    assert.equal(item.proceedingsTitle, 'Advances in Neural Information Processing Systems');
    assert.equal(item.publisher, 'Curran Associates');
    assert.equal(item.pages, '5998-6008');
    assert.equal(item.volume, '30');
    assert.equal(item.date, '2017');
    assert.equal(item.DOI, '10.5555/3295222.3295349');
    assert.equal(item.archiveID, undefined, 'no archive ID on a published item');
    assert.equal(item.extra, 'arXiv: 1706.03762');
  });

  it('a journal article: publicationTitle and issue; an arXiv DOI is not the journal’s', () => {
    const item = zoteroItem(
      arxivPaper('2001.00001', {
        doi: '10.48550/arXiv.2001.00001',
        publication: { kind: 'article', venue: 'Nature', number: '7', foundBy: 'crossref' },
      }),
      'k3',
    );
    assert.equal(item.itemType, 'journalArticle');
    assert.equal(item.publicationTitle, 'Nature');
    assert.equal(item.issue, '7');
    assert.equal(item.DOI, undefined);
  });

  it('a paper without arXiv id or PDF has no archive fields and no attachment', () => {
    const item = zoteroItem(paper({ id: 'hf-x', title: 'T', authors: ['A B'] }), 'k4');
    assert.equal(item.archiveID, undefined);
    assert.equal(item.extra, undefined);
    assert.deepEqual(item.attachments, []);
  });

  it('a name with "and" is one field', () =>
    assert.deepEqual(zoteroCreator('Smith and Wesson'), { creatorType: 'author', name: 'Smith and Wesson' }));
});

describe('zotero: talking to the fixture server', function () {
  this.timeout(20_000);
  let server: LoopbackServer;
  let fixture: ZoteroFixture;
  let options: BbtOptions;

  before(async () => {
    fixture = zoteroFixture();
    server = await startLoopbackServer((req, res) => {
      if (!fixture.handle(req, res)) res.writeHead(404).end();
    });
    options = { baseUrl: server.url, http: { timeoutMs: 3000 } };
  });
  beforeEach(() => {
    fixture.mode = 'ok';
    fixture.saved.length = 0;
    fixture.requests.length = 0;
  });
  after(() => server.close());

  it('ping answers what Zotero announces', async () => {
    assert.deepEqual(await ping(options), { supportsAttachmentUpload: true });
  });

  it('a closed port is "not running"', async () => {
    const closed = await startLoopbackServer(() => undefined);
    const url = closed.url;
    await closed.close();
    await rejectsWith(ping({ baseUrl: url, http: { timeoutMs: 2000 } }), 'not-running');
  });

  it('a slow Zotero is a time-out, quickly', async () => {
    fixture.mode = 'slow';
    await rejectsWith(ping({ ...options, http: { timeoutMs: 300 } }), 'timeout');
  });

  it('the selected collection, and a read-only library', async () => {
    assert.deepEqual(await selectedCollection(options), {
      libraryName: 'My Library',
      name: 'Reading group',
      editable: true,
    });
    fixture.mode = 'read-only';
    assert.equal((await selectedCollection(options)).editable, false);
  });

  it('saveItems sends the items of one session with the connector API version', async () => {
    const items = [zoteroItem(arxivPaper('2401.00001', { title: 'Q' }), 'litfeed-1')];
    await saveItems(options, 's1', items);
    assert.equal(fixture.saved.length, 1);
    assert.equal(fixture.saved[0].sessionID, 's1');
    assert.deepEqual(fixture.saved[0].items, JSON.parse(JSON.stringify(items)));
  });

  it('a refused save and a session sent twice are "refused", never retried', async () => {
    const items = [zoteroItem(arxivPaper('2401.00001'), 'litfeed-1')];
    fixture.mode = 'refuse-save';
    await rejectsWith(saveItems(options, 's2', items), 'refused');
    fixture.mode = 'ok';
    await saveItems(options, 's3', items);
    await rejectsWith(saveItems(options, 's3', items), 'refused');
    assert.equal(fixture.requests.filter((r) => r === 'POST /connector/saveItems').length, 3);
  });

  it('Better BibTeX: ready, too old, missing', async () => {
    assert.equal(await bbtReady(options), '7.0.5');
    fixture.mode = 'old-bbt';
    await rejectsWith(bbtReady(options), 'bbt-old');
    fixture.mode = 'no-bbt';
    await rejectsWith(bbtReady(options), 'no-bbt');
  });

  it('item.search as LitFeed reads it', async () => {
    const [item] = await searchItems(options, 'quokka');
    assert.deepEqual(item, {
      citekey: 'smithQuokkaLattices2024',
      title: 'Quokka Lattices',
      authors: ['Smith', 'The Quokka Consortium'],
      library: 'My Library',
      year: '2024',
      number: 'arXiv:2401.00001',
      url: 'http://arxiv.org/abs/2401.00001',
    });
  });

  it('finds a paper by arXiv id or DOI, and not one with another id and title', async () => {
    assert.equal(
      (await findPaper(options, arxivPaper('2401.00001', { title: 'Quokka lattices' })))?.citekey,
      'smithQuokkaLattices2024',
    );
    assert.equal(
      (await findPaper(options, paper({ title: 'Attention', doi: '10.5555/3295222.3295349' })))?.citekey,
      'vaswaniAttentionAllYou2017',
    );
    assert.equal(await findPaper(options, arxivPaper('2501.99999', { title: 'Quokka' })), undefined);
  });

  it('item.export gives the entry; an old Better BibTeX’s answer shape is refused as too old', async () => {
    const text = await exportEntries(options, ['vaswaniAttentionAllYou2017'], 'Better BibTeX', 'My Library');
    assert.match(text, /^@inproceedings\{vaswaniAttentionAllYou2017,/);
    await rejectsWith(exportEntries(options, ['nope'], 'Better BibTeX'), 'failed');
    fixture.mode = 'old-bbt';
    await rejectsWith(exportEntries(options, ['vaswaniAttentionAllYou2017'], 'Better BibTeX'), 'bbt-old');
  });
});

describe('zotero: same paper', () => {
  const item = { citekey: 'k', title: 'Quokka Lattices', authors: [], number: 'arXiv:2401.00001' };
  it('by arXiv id with a version', () =>
    assert.ok(isSamePaper({ ...item, title: 'x', number: 'arXiv:2401.00001v2' }, arxivPaper('2401.00001'))));
  it('not by a longer id', () => assert.ok(!isSamePaper({ ...item, title: 'x' }, arxivPaper('2401.0000'))));
  it('by title, ignoring case and punctuation', () =>
    assert.ok(isSamePaper({ ...item, number: undefined }, paper({ title: 'quokka  lattices.' }))));
});

describe('zotero: auto-export .bib files', () => {
  it('a header comment naming Better BibTeX before the first entry', () => {
    assert.ok(hasBbtHeader('% Exported by Better BibLaTeX for Zotero\n\n@article{a, title={T}}\n'));
    assert.ok(!hasBbtHeader('@article{a, note={made with Better BibTeX}}\n'));
    assert.ok(!hasBbtHeader('% my references\n@article{a}\n'));
  });
  it('listed files match whole paths or their last segments', () => {
    assert.ok(isListed('paper/refs.bib', ['refs.bib']));
    assert.ok(isListed('paper/refs.bib', ['./paper/refs.bib']));
    assert.ok(!isListed('paper/myrefs.bib', ['refs.bib']));
    assert.ok(isAutoExport('a.bib', '@misc{x}', ['a.bib']));
    assert.ok(!isAutoExport('a.bib', '@misc{x}', []));
  });
});

describe('zotero: citing with Better BibTeX entries', () => {
  const q = arxivPaper('2401.00001', { title: 'Quokka Lattices', authors: ['Jane Smith'], published: '2024-01-05' });
  const other = arxivPaper('2401.00002', { title: 'Wombat Burrows', authors: ['Jane Smith'], published: '2024-01-05' });
  const foreign = new Map([
    [
      q.id,
      { key: 'smithQuokkaLattices2024', text: '@misc{smithQuokkaLattices2024,\n  title = {Quokka Lattices}\n}\n' },
    ],
  ]);

  it('uses Zotero’s key and entry, and makes the others’ keys (bbt style) around it', () => {
    const plan = planCitation([q, other], [], { keyStyle: 'zotero' }, '', foreign);
    assert.deepEqual(
      plan.cited.map((c) => c.key),
      ['smithQuokkaLattices2024', 'smithWombatBurrows2024'],
    );
    assert.deepEqual(plan.added, ['smithQuokkaLattices2024', 'smithWombatBurrows2024']);
    assert.match(plan.newText, /^@misc\{smithQuokkaLattices2024,/);
  });

  it('adds nothing when the .bib already has Zotero’s key', () => {
    const existing = [{ key: 'smithQuokkaLattices2024', type: 'misc', fields: {} }] as unknown as Parameters<
      typeof planCitation
    >[1];
    const plan = planCitation([q], existing, { keyStyle: 'zotero' }, '@misc{smithQuokkaLattices2024}\n', foreign);
    assert.deepEqual(plan.reused, ['smithQuokkaLattices2024']);
    assert.equal(plan.newText, '');
  });
});
