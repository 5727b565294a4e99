import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseBib, type BibRecord } from '../../src/core/cite/bibDocument';
import { escapeLatexText } from '../../src/core/cite/latexText';
import type { Publication } from '../../src/core/paper';
import { entrySpan } from '../../src/core/lookup/entrySpan';
import { entryArxivId, findPreprintEntries } from '../../src/core/lookup/preprintEntries';
import { EntrySyntaxError, upgradeEntry } from '../../src/core/lookup/upgradeEntry';
import { fixturePath } from './helpers/paths';
import { runBibtex } from './helpers/realBibtex';
import { requireTool, runBiberTool, runPandocCiteproc } from './helpers/realPandoc';
import { makeTempDir, type TempDir } from './helpers/tmpdir';

const FIXTURE = readFileSync(fixturePath('bib', 'foreign-preprints.bib'), 'utf8');

const ICLR = (n: string, year: string): Publication => ({
  kind: 'inproceedings',
  venue: `${n} International Conference on Learning Representations, ICLR ${year}`,
  year,
  foundBy: 'dblp',
});

/** The published versions of the fixture's preprints, as the look-ups report them. */
const PUBLISHED: Record<string, Publication> = {
  vaswani2017attention: {
    kind: 'inproceedings',
    venue: 'Advances in Neural Information Processing Systems 30',
    year: '2017',
    pages: '5998-6008',
    publisher: 'Curran Associates, Inc.',
    foundBy: 'dblp',
  },
  he2015deep: {
    kind: 'inproceedings',
    venue: '2016 IEEE Conference on Computer Vision and Pattern Recognition (CVPR)',
    year: '2016',
    pages: '770-778',
    publisher: 'IEEE',
    doi: '10.1109/CVPR.2016.90',
    foundBy: 'crossref',
  },
  'DBLP:journals/corr/abs-1810-04805': {
    kind: 'inproceedings',
    venue:
      'Proceedings of the 2019 Conference of the North American Chapter of the Association for Computational Linguistics: Human Language Technologies, NAACL-HLT 2019',
    year: '2019',
    pages: '4171-4186',
    publisher: 'Association for Computational Linguistics',
    doi: '10.18653/v1/N19-1423',
    foundBy: 'dblp',
  },
  kingma_adam_2017: ICLR('3rd', '2015'),
  lewis_deal_2017: {
    kind: 'inproceedings',
    venue: 'Proceedings of the 2017 Conference on Empirical Methods in Natural Language Processing',
    year: '2017',
    pages: '2443-2453',
    publisher: 'Association for Computational Linguistics',
    doi: '10.18653/v1/D17-1259',
    foundBy: 'crossref',
  },
  bahdanau2014neural: ICLR('3rd', '2015'),
  Kipf2016: ICLR('5th', '2017'),
  kingma2013auto: ICLR('2nd', '2014'),
  goodfellow2014generative: {
    kind: 'article',
    venue: 'Communications of the ACM',
    year: '2020',
    volume: '63',
    number: '11',
    pages: '139-144',
    publisher: 'ACM',
    doi: '10.1145/3422622',
    foundBy: 'crossref',
  },
  ioffe2015batch: {
    kind: 'inproceedings',
    venue: 'Proceedings of the 32nd International Conference on Machine Learning, ICML 2015',
    year: '2015',
    volume: '37',
    pages: '448-456',
    publisher: 'PMLR',
    foundBy: 'dblp',
  },
  sutskever2014sequence: {
    kind: 'inproceedings',
    venue: 'Advances in Neural Information Processing Systems 27',
    year: '2014',
    pages: '3104-3112',
    foundBy: 'dblp',
  },
};

/** Fields the upgrade may write or remove; every other field must come through unchanged. */
const CHANGED = new Set([
  'journal',
  'journaltitle',
  'booktitle',
  'year',
  'date',
  'volume',
  'number',
  'pages',
  'publisher',
  'doi',
  'howpublished',
  'institution',
  'eid',
  'eprint',
  'archiveprefix',
]);

async function entriesOf(text: string): Promise<BibRecord[]> {
  const parsed = await parseBib(text);
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return parsed.entries;
}

function replaceSpan(text: string, span: { start: number; end: number }, by: string): string {
  return text.slice(0, span.start) + by + text.slice(span.end);
}

/** The fixture with every preprint upgraded, last first so earlier spans stay valid. */
async function upgradedFile(text: string, ascii = false): Promise<string> {
  const found = findPreprintEntries(await entriesOf(text));
  let out = text;
  for (const e of [...found].reverse()) {
    const span = entrySpan(out, e.record.line);
    assert.ok(span !== undefined, e.record.key);
    out = replaceSpan(out, span, upgradeEntry(out.slice(span.start, span.end), PUBLISHED[e.record.key], { ascii }));
  }
  return out;
}

describe('entrySpan', () => {
  it('spans an entry from its @ to its closing brace, braces and quotes included', () => {
    const text = '% c\n@misc{a, title={x {y} }, note="a {b} c"}\n\n@article{b,\n  title = {z}\n}\ntrailing';
    const a = entrySpan(text, 2);
    assert.deepEqual(a && text.slice(a.start, a.end), '@misc{a, title={x {y} }, note="a {b} c"}');
    const b = entrySpan(text, 4);
    assert.deepEqual(b && text.slice(b.start, b.end), '@article{b,\n  title = {z}\n}');
  });

  it('handles parenthesised entries, a ) inside a value, CRLF and leading spaces', () => {
    const text = 'x\r\n  @misc(a,\r\n  title = "Sets (and more)",\r\n  note = {a ) b}\r\n)\r\n@misc{b, t={u}}';
    const a = entrySpan(text, 2);
    assert.deepEqual(
      a && text.slice(a.start, a.end),
      '@misc(a,\r\n  title = "Sets (and more)",\r\n  note = {a ) b}\r\n)',
    );
    const b = entrySpan(text, 6);
    assert.deepEqual(b && text.slice(b.start, b.end), '@misc{b, t={u}}');
  });

  it('is undefined for a line without an entry, a line past the end and an entry that never closes', () => {
    const text = '@misc{a, t={x}}\nplain text with an e-mail a@b.c\n@misc{b, t={unclosed}\n';
    assert.equal(entrySpan(text, 2), undefined);
    assert.equal(entrySpan(text, 3), undefined);
    assert.equal(entrySpan(text, 9), undefined);
    assert.equal(entrySpan(text, 0), undefined);
  });

  it('finds every entry of the fixture at the line parseBib reports', async () => {
    for (const e of await entriesOf(FIXTURE)) {
      const span = entrySpan(FIXTURE, e.line);
      assert.ok(span !== undefined, e.key);
      const alone = await entriesOf(FIXTURE.slice(span.start, span.end));
      assert.equal(alone.length, 1, e.key);
      // The one entry that uses an @string reads differently alone.
      if (e.key !== 'krizhevsky2012imagenet') assert.deepEqual({ ...alone[0], line: e.line }, e);
      else assert.equal(alone[0].key, e.key);
    }
  });
});

describe('upgradeEntry: the entry of each style', () => {
  async function upgradeOf(key: string, text = FIXTURE, ascii = false): Promise<string> {
    const e = (await entriesOf(text)).find((r) => r.key === key);
    assert.ok(e !== undefined, key);
    const span = entrySpan(text, e.line);
    assert.ok(span !== undefined);
    return upgradeEntry(text.slice(span.start, span.end), PUBLISHED[key], { ascii });
  }

  it("arXiv's export: the venue after the year, eprint, class and URL kept", async () => {
    assert.equal(
      await upgradeOf('vaswani2017attention'),
      [
        '@inproceedings{vaswani2017attention,',
        '      title={Attention Is All You Need}, ',
        '      author={Ashish Vaswani and Noam Shazeer and Niki Parmar and Jakob Uszkoreit and Llion Jones and Aidan N. Gomez and {\\L}ukasz Kaiser and Illia Polosukhin},',
        '      year={2017},',
        '      booktitle={Advances in Neural Information Processing Systems 30},',
        '      pages={5998--6008},',
        '      publisher={Curran Associates, Inc.},',
        '      eprint={1706.03762},',
        '      archivePrefix={arXiv},',
        '      primaryClass={cs.CL},',
        '      url={https://arxiv.org/abs/1706.03762}, ',
        '}',
      ].join('\n'),
    );
  });

  it('Google Scholar: the journal replaced in place, eprint added, no trailing comma', async () => {
    assert.equal(
      await upgradeOf('he2015deep'),
      [
        '@inproceedings{he2015deep,',
        '  title={Deep residual learning for image recognition},',
        '  author={He, Kaiming and Zhang, Xiangyu and Ren, Shaoqing and Sun, Jian},',
        '  booktitle={2016 IEEE Conference on Computer Vision and Pattern Recognition (CVPR)},',
        '  pages={770--778},',
        '  publisher={IEEE},',
        '  doi={10.1109/CVPR.2016.90},',
        '  eprint={1512.03385},',
        '  archivePrefix={arXiv},',
        '  year={2016}',
        '}',
      ].join('\n'),
    );
  });

  it("DBLP's CoRR: the abs/ volume removed, the = column kept", async () => {
    const up = await upgradeOf('DBLP:journals/corr/abs-1810-04805');
    assert.ok(
      up.includes(
        [
          '  booktitle    = {Proceedings of the 2019 Conference of the North American Chapter of the Association for Computational Linguistics: Human Language Technologies, NAACL-HLT 2019},',
          '  pages        = {4171--4186},',
          '  publisher    = {Association for Computational Linguistics},',
          '  doi          = {10.18653/v1/N19-1423},',
          '  year         = {2019},',
          '  url          = {http://arxiv.org/abs/1810.04805},',
          '  eprinttype    = {arXiv},',
          '  eprint       = {1810.04805},',
        ].join('\n'),
      ),
      up,
    );
    assert.ok(!/CoRR|volume|\{abs\//.test(up), up);
  });

  it('Zotero: tabs kept, the arXiv DOI replaced in place, publisher arXiv replaced, note and file kept', async () => {
    const up = await upgradeOf('kingma_adam_2017');
    assert.ok(up.startsWith('@inproceedings{kingma_adam_2017,\n\ttitle = {Adam: {A} {Method}'), up);
    assert.ok(up.includes('\turl = {http://arxiv.org/abs/1412.6980},\n\tabstract = {We introduce Adam'), up);
    assert.ok(up.includes('\turldate = {2023-05-02},\n\tbooktitle = {3rd International Conference'), up);
    assert.ok(up.includes('\tyear = {2015},\n\tnote = {arXiv:1412.6980 [cs]},'), up);
    assert.ok(!up.includes('10.48550') && !/publisher/.test(up), up);
  });

  it('arXiv DOI only: the DOI goes, eprint and archivePrefix come so the arXiv copy stays findable', async () => {
    assert.equal(
      await upgradeOf('kingma2013auto'),
      [
        '@inproceedings{kingma2013auto,',
        '  title = {Auto-Encoding Variational {B}ayes},',
        '  author = {Kingma, Diederik P and Welling, Max},',
        '  year = {2014},',
        '  booktitle = {2nd International Conference on Learning Representations, ICLR 2014},',
        '  eprint = {1312.6114},',
        '  archivePrefix = {arXiv}',
        '}',
      ].join('\n'),
    );
  });

  it('upper-case ADS entries stay upper case; pages and eid that were arXiv ids are replaced or go', async () => {
    const up = await upgradeOf('goodfellow2014generative');
    assert.ok(up.startsWith('@ARTICLE{goodfellow2014generative,'), up);
    assert.ok(up.includes('  JOURNAL = "Communications of the ACM",\n  VOLUME = {63},\n  NUMBER = {11},'), up);
    assert.ok(up.includes('  YEAR = 2020,\n  MONTH = jun,\n  PAGES = {139--144},\n  EPRINT = {1406.2661},'), up);
    assert.ok(!up.includes('EID') && !up.includes('e-prints'), up);
  });

  it('capitalised biblatex entries: @Article becomes @InProceedings, Date holds the year', async () => {
    const up = await upgradeOf('Kipf2016');
    assert.ok(up.startsWith('@InProceedings{Kipf2016,'), up);
    assert.ok(
      up.includes(
        '  Booktitle                = {5th International Conference on Learning Representations, ICLR 2017},',
      ),
      up,
    );
    assert.ok(up.includes('  Date                     = {2017},'), up);
  });

  it('parenthesised, quoted entries keep their quotes', async () => {
    const up = await upgradeOf('sutskever2014sequence');
    assert.ok(up.startsWith('@inproceedings(sutskever2014sequence,'), up);
    assert.ok(up.includes('  booktitle = "Advances in Neural Information Processing Systems 27",'), up);
    assert.ok(up.endsWith('  note = "Cited in (chapter 2)"\n)'), up);
  });

  it('escapes venues, and writes them in ASCII when asked', () => {
    const entry = '@article{a,\n  title = {T},\n  journal = {arXiv preprint arXiv:2401.00001},\n  year = {2024}\n}';
    const pub: Publication = { kind: 'article', venue: 'Revue d’Économie & Société_2', foundBy: 'crossref' };
    const utf8 = upgradeEntry(entry, pub);
    assert.ok(utf8.includes(`  journal = {${escapeLatexText(pub.venue)}},`), utf8);
    const ascii = upgradeEntry(entry, pub, { ascii: true });
    assert.deepEqual(
      [...ascii].filter((c) => c.charCodeAt(0) >= 0x80),
      [],
    );
    assert.ok(ascii.includes("{\\'E}conomie \\& Soci{\\'e}t{\\'e}\\_2"), ascii);
  });

  it('refuses text that is not one entry', () => {
    assert.throws(() => upgradeEntry('@misc{a}', PUBLISHED.he2015deep), EntrySyntaxError);
    assert.throws(() => upgradeEntry('title = {x}', PUBLISHED.he2015deep), EntrySyntaxError);
    assert.throws(() => upgradeEntry('@misc{a, title = {x}, year 2019}', PUBLISHED.he2015deep), EntrySyntaxError);
    assert.throws(() => upgradeEntry('@misc{a, title = {x}', PUBLISHED.he2015deep), EntrySyntaxError);
  });
});

describe('upgradeEntry: properties over every preprint of the fixture, LF and CRLF', () => {
  for (const eol of ['\n', '\r\n']) {
    const text = FIXTURE.replace(/\n/g, eol);
    const label = eol === '\n' ? 'LF' : 'CRLF';

    it(`${label}: keys, user fields and the rest of the file are untouched; apply then revert is the original`, async () => {
      const before = await entriesOf(text);
      const found = findPreprintEntries(before);
      assert.equal(found.length, Object.keys(PUBLISHED).length);
      for (const e of found) {
        const pub = PUBLISHED[e.record.key];
        const span = entrySpan(text, e.record.line);
        assert.ok(span !== undefined);
        const original = text.slice(span.start, span.end);
        const upgraded = upgradeEntry(original, pub);
        if (eol === '\r\n') assert.ok(!/[^\r]\n/.test(upgraded), `a bare LF in\n${upgraded}`);
        else assert.ok(!upgraded.includes('\r'));
        assert.equal(upgradeEntry(upgraded, pub), upgraded, 'upgrading twice changes nothing');

        const file = replaceSpan(text, span, upgraded);
        const after = await entriesOf(file);
        assert.deepEqual(
          after.map((r) => r.key),
          before.map((r) => r.key),
        );
        for (const [i, r] of after.entries()) {
          if (r.key !== e.record.key) assert.deepEqual(r.fields, before[i].fields, r.key);
        }
        const mine = after.find((r) => r.key === e.record.key) as BibRecord;
        assert.equal(mine.type, pub.kind);
        const kept = (r: BibRecord) => Object.keys(r.fields).filter((f) => !CHANGED.has(f));
        assert.deepEqual(kept(mine), kept(e.record), 'kept fields, in their order');
        for (const f of kept(e.record)) assert.equal(mine.fields[f], e.record.fields[f], f);
        const venue = pub.kind === 'inproceedings' ? 'booktitle' : (mine.fields.journaltitle ?? mine.fields.journal);
        assert.ok(
          [mine.fields.booktitle, mine.fields.journal, mine.fields.journaltitle].includes(escapeLatexText(pub.venue)),
          `${venue}`,
        );
        assert.equal(mine.fields.year ?? mine.fields.date, pub.year);
        assert.equal(entryArxivId(mine), e.arxivId, 'the arXiv id is still in the entry');
        assert.deepEqual(findPreprintEntries([mine]), [], 'no field still names arXiv as the venue');

        const reverted = entrySpan(file, e.record.line);
        assert.ok(reverted !== undefined);
        assert.equal(replaceSpan(file, reverted, original), text);
      }
    });
  }
});

describe('upgraded files judged by real bibtex, biber and pandoc', function () {
  this.timeout(120000);
  let dir: TempDir;
  let upgraded: string;
  let keys: string[];
  before(async function () {
    requireTool('bibtex');
    requireTool('biber');
    requireTool('pandoc');
    upgraded = await upgradedFile(FIXTURE);
    keys = (await entriesOf(upgraded)).map((e) => e.key);
  });
  beforeEach(async () => {
    dir = await makeTempDir('litfeed-upgrade-');
  });
  afterEach(async () => {
    await dir.remove();
  });

  it('bibtex with plain.bst reads every entry without a warning and prints the venues', () => {
    // Kipf2016 is written for biblatex (`Date`, no `Year`): classic BibTeX warns about it before and after.
    const cited = keys.filter((k) => k !== 'Kipf2016');
    const run = runBibtex(dir.path, upgraded, cited, 'plain');
    assert.deepEqual(run.report, [], run.stdout);
    assert.equal(run.status, 0);
    assert.deepEqual([...run.items].sort(), [...cited].sort());
    const bbl = run.bbl.replace(/\s+/g, ' ');
    assert.ok(
      bbl.includes(
        'In {\\em 2016 IEEE Conference on Computer Vision and Pattern Recognition (CVPR)}, pages 770--778. IEEE, 2016.',
      ),
      bbl,
    );
    assert.ok(bbl.includes('{\\em Communications of the ACM}, 63(11):139--144, June 2020.'), bbl);
    assert.ok(bbl.includes('Advances in Neural Information Processing Systems 30}, pages 5998--6008'), bbl);
    assert.ok(!/arXiv preprint|CoRR|e-prints/.test(bbl), bbl);
  });

  it('bibtex reads the ASCII upgrade of the file too', async () => {
    const ascii = await upgradedFile(FIXTURE, true);
    const run = runBibtex(dir.path, ascii, ['he2015deep', 'goodfellow2014generative'], 'plain');
    assert.deepEqual(run.report, [], run.stdout);
  });

  it("biber finds nothing in the upgraded file it did not find in the original (unknown tools' fields)", () => {
    const problemsOf = (bib: string) => runBiberTool(dir.path, bib).problems.map((l) => l.replace(/\(refs\.bib\)/, ''));
    const beforeProblems = problemsOf(FIXTURE);
    const afterProblems = problemsOf(upgraded);
    for (const p of afterProblems) assert.ok(/invalid in data model/.test(p) && beforeProblems.includes(p), p);
    assert.ok(
      beforeProblems.some((p) => /Invalid field 'publisher' for entrytype 'misc'/.test(p)),
      'biber judged',
    );
  });

  it('pandoc --citeproc renders the venues of the upgraded entries', () => {
    // pandoc cannot read @entry( … ) at all, before or after the upgrade: that entry is left out.
    const paren = upgraded.indexOf('@inproceedings(');
    const span = entrySpan(upgraded, upgraded.slice(0, paren).split('\n').length);
    assert.ok(span !== undefined);
    const run = runPandocCiteproc(dir.path, replaceSpan(upgraded, span, ''), [
      'he2015deep',
      'goodfellow2014generative',
      'Kipf2016',
      'vaswani2017attention',
    ]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr.trim(), '');
    for (const venue of [
      '2016 IEEE Conference on Computer Vision and Pattern Recognition (CVPR)',
      'Communications of the ACM',
      '5th International Conference on Learning Representations, ICLR 2017',
      'Advances in Neural Information Processing Systems 30',
    ]) {
      assert.ok(run.output.includes(venue), `${venue} missing from\n${run.output}`);
    }
    assert.ok(!/arXiv preprint|e-prints/.test(run.output), run.output);
  });
});
