import * as assert from 'node:assert/strict';
import { arxivIdOfCorrKey, recogniseInput, type LookupInput } from '../../src/core/lookup/identifiers';
import { normaliseArxivId } from '../../src/core/paper';
import { prng } from './helpers/prng';

type Rng = () => number;
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, 0, items.length - 1)];
const chance = (rng: Rng, p = 0.5): boolean => rng() < p;
const digits = (rng: Rng, n: number): string => Array.from({ length: n }, () => String(int(rng, 0, 9))).join('');
const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const randomCase = (rng: Rng, s: string): string =>
  [...s].map((c) => (chance(rng) ? c.toUpperCase() : c.toLowerCase())).join('');

const CASES = 400;

function table(rows: [string, LookupInput][]): void {
  for (const [input, expected] of rows) {
    assert.deepEqual(recogniseInput(input), expected, `input: ${JSON.stringify(input)}`);
  }
}

const arxiv = (id: string, version?: number): LookupInput =>
  version === undefined ? { kind: 'arxiv', id } : { kind: 'arxiv', id, version };

function assertQuery(input: string): void {
  const text = input.replace(/\s+/g, ' ').trim();
  assert.deepEqual(recogniseInput(input), { kind: 'query', text }, `input: ${JSON.stringify(input)}`);
}

describe('lookup identifier recognition', () => {
  describe('examples', () => {
    it('reads arXiv ids written bare or prefixed', () => {
      table([
        ['2401.00001', arxiv('2401.00001')],
        ['2401.00001v3', arxiv('2401.00001', 3)],
        ['0704.0001', arxiv('0704.0001')],
        ['1412.9999v12', arxiv('1412.9999', 12)],
        ['1501.00001', arxiv('1501.00001')],
        ['arXiv:2401.00001', arxiv('2401.00001')],
        ['arxiv:2401.00001v2', arxiv('2401.00001', 2)],
        ['ARXIV: 2401.00001', arxiv('2401.00001')],
        ['arXiv 1706.03762', arxiv('1706.03762')],
        ['  2401.00001\n', arxiv('2401.00001')],
        ['<2401.00001>', arxiv('2401.00001')],
        ['(arXiv:2401.00001).', arxiv('2401.00001')],
        ['hep-th/9901001', arxiv('hep-th/9901001')],
        ['math.GT/0309136', arxiv('math.GT/0309136')],
        ['cond-mat/0001001v2', arxiv('cond-mat/0001001', 2)],
        ['arXiv:astro-ph/9812133', arxiv('astro-ph/9812133')],
        ['cs/0703001', arxiv('cs/0703001')],
      ]);
    });

    it('reads arXiv abs, pdf and html URLs on every host arXiv serves them from', () => {
      table([
        ['https://arxiv.org/abs/2401.00001', arxiv('2401.00001')],
        ['https://arxiv.org/abs/2401.00001v2', arxiv('2401.00001', 2)],
        ['http://arxiv.org/abs/2401.00001/', arxiv('2401.00001')],
        ['https://arxiv.org/pdf/2401.00001', arxiv('2401.00001')],
        ['https://arxiv.org/pdf/2401.00001v1.pdf', arxiv('2401.00001', 1)],
        ['https://arxiv.org/pdf/2401.00001.pdf', arxiv('2401.00001')],
        ['https://arxiv.org/html/2401.00001v2', arxiv('2401.00001', 2)],
        ['https://arxiv.org/html/2401.00001v2/#S3', arxiv('2401.00001', 2)],
        ['https://browse.arxiv.org/html/2401.00001v1', arxiv('2401.00001', 1)],
        ['https://export.arxiv.org/abs/2401.00001', arxiv('2401.00001')],
        ['https://www.arxiv.org/abs/2401.00001?context=cs', arxiv('2401.00001')],
        ['HTTPS://ARXIV.ORG/abs/2401.00001', arxiv('2401.00001')],
        ['arxiv.org/abs/2401.00001', arxiv('2401.00001')],
        ['https://arxiv.org/abs/hep-th/9901001', arxiv('hep-th/9901001')],
        ['https://arxiv.org/pdf/math.GT/0309136v2.pdf', arxiv('math.GT/0309136', 2)],
        ['https://arxiv.org/abs/2401.00001.', arxiv('2401.00001')],
      ]);
    });

    it("takes arXiv's own DOIs as arXiv ids", () => {
      table([
        ['10.48550/arXiv.2401.00001', arxiv('2401.00001')],
        ['10.48550/ARXIV.2401.00001', arxiv('2401.00001')],
        ['doi:10.48550/arxiv.1706.03762', arxiv('1706.03762')],
        ['https://doi.org/10.48550/arXiv.2312.07559', arxiv('2312.07559')],
        ['10.48550%2FarXiv.2401.00001', arxiv('2401.00001')],
        ['10.48550/arXiv.hep-th/9901001', arxiv('hep-th/9901001')],
      ]);
    });

    it('reads Hugging Face paper URLs', () => {
      const hf = (arxivId: string): LookupInput => ({ kind: 'huggingFace', arxivId });
      table([
        ['https://huggingface.co/papers/2401.00001', hf('2401.00001')],
        ['https://huggingface.co/papers/2401.00001#community', hf('2401.00001')],
        ['huggingface.co/papers/2401.00001/', hf('2401.00001')],
        ['https://hf.co/papers/2401.00001?utm_source=x', hf('2401.00001')],
      ]);
    });

    it('reads DOIs bare, prefixed, as doi.org URLs and URL-encoded', () => {
      const doi = (d: string): LookupInput => ({ kind: 'doi', doi: d });
      table([
        ['10.1038/s42256-024-00832-8', doi('10.1038/s42256-024-00832-8')],
        ['doi:10.1038/s42256-024-00832-8', doi('10.1038/s42256-024-00832-8')],
        ['DOI: 10.1109/CVPR.2016.90', doi('10.1109/CVPR.2016.90')],
        ['https://doi.org/10.1109/CVPR.2016.90', doi('10.1109/CVPR.2016.90')],
        ['http://dx.doi.org/10.1086/307221', doi('10.1086/307221')],
        ['doi.org/10.1145/3503250', doi('10.1145/3503250')],
        ['10.1038%2Fs42256-024-00832-8', doi('10.1038/s42256-024-00832-8')],
        ['https://doi.org/10.1038%2Fs42256-024-00832-8', doi('10.1038/s42256-024-00832-8')],
        ['10.1126/science.169.3946.635.', doi('10.1126/science.169.3946.635')],
        ['(doi:10.1186/s12984-017-0305-3),', doi('10.1186/s12984-017-0305-3')],
        ['10.18653/v1/N19-1423', doi('10.18653/v1/N19-1423')],
        [
          '10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O',
          doi('10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O'),
        ],
        ['10.1016/0370-2693(86)90031-6)', doi('10.1016/0370-2693(86)90031-6')],
        ['10.1000.10/abc', doi('10.1000.10/abc')],
        ['https://doi.org/10.1007/978-3-030-58558-7\\_29', doi('10.1007/978-3-030-58558-7_29')],
        ['10.1007/978-3-030-58558-7\\_29', doi('10.1007/978-3-030-58558-7_29')],
        ['http://doi.acm.org/10.1145/351827.384253', doi('10.1145/351827.384253')],
      ]);
    });

    it('reads dblp record URLs and BibTeX keys', () => {
      const dblp = (key: string): LookupInput => ({ kind: 'dblp', key });
      table([
        ['https://dblp.org/rec/conf/nips/VaswaniSPUJGKP17', dblp('conf/nips/VaswaniSPUJGKP17')],
        ['https://dblp.org/rec/conf/nips/VaswaniSPUJGKP17.html', dblp('conf/nips/VaswaniSPUJGKP17')],
        ['https://dblp.org/rec/conf/nips/VaswaniSPUJGKP17.bib', dblp('conf/nips/VaswaniSPUJGKP17')],
        ['https://dblp.org/rec/conf/nips/VaswaniSPUJGKP17.xml', dblp('conf/nips/VaswaniSPUJGKP17')],
        ['https://dblp.uni-trier.de/rec/journals/cacm/Dijkstra68a.html', dblp('journals/cacm/Dijkstra68a')],
        ['https://dblp.uni-trier.de/rec/bibtex/conf/cvpr/HeZRS16', dblp('conf/cvpr/HeZRS16')],
        ['https://dblp.org/rec/books/mc/22/Dijkstra22e', dblp('books/mc/22/Dijkstra22e')],
        ['DBLP:conf/iclr/DosovitskiyB0WZ21', dblp('conf/iclr/DosovitskiyB0WZ21')],
        ['DBLP:journals/corr/abs-1706-03762', dblp('journals/corr/abs-1706-03762')],
        ['dblp:series/sci/2023-1062', dblp('series/sci/2023-1062')],
        ['conf/nips/VaswaniSPUJGKP17', dblp('conf/nips/VaswaniSPUJGKP17')],
      ]);
    });

    it('turns a CoRR key into its arXiv id only when dblp named it after one', () => {
      assert.equal(arxivIdOfCorrKey('journals/corr/abs-1706-03762'), '1706.03762');
      assert.equal(arxivIdOfCorrKey('DBLP:journals/corr/abs-2303-18223'), '2303.18223');
      assert.equal(arxivIdOfCorrKey('journals/corr/abs-1412-6980'), '1412.6980');
      assert.equal(arxivIdOfCorrKey('journals/corr/KingmaB14'), undefined);
      assert.equal(arxivIdOfCorrKey('journals/corr/abs-1713-03762'), undefined);
      assert.equal(arxivIdOfCorrKey('conf/nips/VaswaniSPUJGKP17'), undefined);
    });

    it('reads ACL Anthology URLs and ids', () => {
      const acl = (id: string): LookupInput => ({ kind: 'acl', id });
      table([
        ['https://aclanthology.org/2020.acl-main.1/', acl('2020.acl-main.1')],
        ['https://aclanthology.org/2020.acl-main.1', acl('2020.acl-main.1')],
        ['https://aclanthology.org/2020.acl-main.1.pdf', acl('2020.acl-main.1')],
        ['https://aclanthology.org/2020.acl-main.1.bib', acl('2020.acl-main.1')],
        ['https://aclanthology.org/P19-1001.pdf', acl('P19-1001')],
        ['https://www.aclweb.org/anthology/P19-1001', acl('P19-1001')],
        ['https://www.aclweb.org/anthology/2020.findings-emnlp.397.pdf', acl('2020.findings-emnlp.397')],
        ['https://www.aclweb.org/anthology/papers/N/N19/N19-1423/', acl('N19-1423')],
        ['2020.acl-main.1', acl('2020.acl-main.1')],
        ['2023.findings-emnlp.12', acl('2023.findings-emnlp.12')],
        ['2020.repl4nlp-1.5', acl('2020.repl4nlp-1.5')],
        ['P19-1001', acl('P19-1001')],
        ['N19-1423', acl('N19-1423')],
        ['w18-5446', acl('W18-5446')],
      ]);
    });

    it('leaves titles, sentences and look-alikes as a query', () => {
      const rows = [
        // Titles and sentences with numbers, or with a whole id among other words.
        'GPT-4 Technical Report|Llama 2: Open Foundation and Fine-Tuned Chat Models|The Era of 1.58-bit LLMs',
        '1.58-bit|2401 papers|GPT-4|see 2401.00001 for details|Vaswani 2017 attention|  Attention   Is All\tYou Need  ',
        'arXiv: attention is all you need|arXiv:|doi:',
        // Shapes arXiv never issued: wrong digit counts for the era, months 00 and 13, before 0704.
        '1234.5678.9|2401.0001|1412.00001|2413.00001|2400.00001|0703.0001|2401.00000|2401.00001v0|2401.00001V2',
        'hep-th/0801001|foo-th/9901001|hep-th/9913001',
        // Registrants have four digits or more; a DOI needs a suffix.
        '10.1/x|10.123/abc|10.1038|https://doi.org/',
        // Other hosts, look-alike hosts, and arXiv pages that are not papers.
        'https://example.com/abs/2401.00001|https://arxiv.org.evil.com/abs/2401.00001',
        'https://evilarxiv.org/abs/2401.00001|https://arxiv.org@evil.com/abs/2401.00001',
        'https://arxiv.org:8443/abs/2401.00001|ftp://arxiv.org/abs/2401.00001|https://arxiv.org/list/cs.CL/recent',
        'https://example.org/10.1038/s42256-024-00832-8',
        // Pages on the known hosts that are not one paper: persons, volumes, models, old-style on Hugging Face.
        'https://dblp.org/pid/v/AshishVaswani|https://dblp.org/rec/homepages/v/AshishVaswani',
        'https://aclanthology.org/volumes/2020.acl-main/|https://www.aclweb.org/P19-1001',
        'https://huggingface.co/papers/hep-th/9901001|https://huggingface.co/models/2401.00001',
      ];
      for (const input of ['', ...rows.flatMap((row) => row.split('|'))]) {
        assertQuery(input);
      }
    });
  });

  describe('properties (seeded)', () => {
    function newStyleId(rng: Rng): string {
      for (;;) {
        const yy = int(rng, 7, 30);
        const mm = int(rng, 1, 12);
        const yymm = yy * 100 + mm;
        if (yymm < 704) continue;
        const width = yymm < 1501 ? 4 : 5;
        const num = int(rng, 1, 10 ** width - 1);
        return `${pad(yy, 2)}${pad(mm, 2)}.${pad(num, width)}`;
      }
    }

    const OLD = ['hep-th', 'hep-ph', 'astro-ph', 'cond-mat', 'gr-qc', 'quant-ph', 'math', 'cs', 'nlin', 'physics'];
    function oldStyleId(rng: Rng): string {
      for (;;) {
        const archive = pick(rng, OLD);
        const year = int(rng, 1991, 2007);
        const mm = int(rng, 1, 12);
        if (year * 100 + mm < 199108 || year * 100 + mm > 200703) continue;
        const subject =
          (archive === 'math' || archive === 'cs') && chance(rng)
            ? `.${pick(rng, ['GT', 'AG', 'AI', 'LG', 'CL'])}`
            : '';
        return `${archive}${subject}/${pad(year % 100, 2)}${pad(mm, 2)}${pad(int(rng, 1, 999), 3)}`;
      }
    }

    function wrapArxiv(rng: Rng, id: string, version: number | undefined): string {
      const v = version === undefined ? '' : `v${version}`;
      const form = int(rng, 0, 3);
      if (form === 0) return id + v;
      if (form === 1) return `${pick(rng, ['arXiv:', 'arxiv:', 'ARXIV:', 'arXiv: ', 'arXiv '])}${id}${v}`;
      if (form === 2 && version === undefined) {
        const doi = `10.48550/${randomCase(rng, 'arxiv')}.${id}`;
        return pick(rng, ['', 'doi:', 'https://doi.org/', 'http://dx.doi.org/']) + doi;
      }
      const scheme = pick(rng, ['https://', 'http://', '']);
      const host = pick(rng, ['arxiv.org', 'www.arxiv.org', 'export.arxiv.org']);
      const kind = pick(rng, ['abs', 'pdf', 'html']);
      const ext = kind === 'pdf' && chance(rng) ? '.pdf' : '';
      const slash = ext === '' && chance(rng, 0.3) ? '/' : '';
      const query = chance(rng, 0.2) ? '?context=cs' : '';
      const fragment = chance(rng, 0.2) ? '#S2' : '';
      return `${scheme}${host}/${kind}/${id}${v}${ext}${slash}${query}${fragment}`;
    }

    const pad2 = (rng: Rng, s: string): string => pick(rng, ['', ' ', '\t', '\n']) + s + pick(rng, ['', ' ', '\n']);

    it('an arXiv id in any accepted form comes back as the same id and version', () => {
      const rng = prng(20240101);
      for (let i = 0; i < CASES; i++) {
        const id = chance(rng, 0.7) ? newStyleId(rng) : oldStyleId(rng);
        const version = chance(rng) ? int(rng, 1, 20) : undefined;
        const input = pad2(rng, wrapArxiv(rng, id, version));
        const got = recogniseInput(input);
        const wanted = version !== undefined && input.includes('10.48550') ? arxiv(id) : arxiv(id, version);
        assert.deepEqual(got, wanted, `input: ${JSON.stringify(input)}`);
        // The rest of LitFeed keys papers by normaliseArxivId; both must agree.
        assert.equal(normaliseArxivId(id), id);
      }
    });

    it('a Hugging Face paper URL gives the same arXiv id', () => {
      const rng = prng(7);
      for (let i = 0; i < CASES; i++) {
        const id = newStyleId(rng);
        const input = `${pick(rng, ['https://', 'http://', ''])}${pick(rng, ['huggingface.co', 'www.huggingface.co', 'hf.co'])}/papers/${id}${pick(rng, ['', '/', '#community', '?q=1'])}`;
        assert.deepEqual(recogniseInput(input), { kind: 'huggingFace', arxivId: id }, input);
      }
    });

    const SUFFIX_CHARS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._/'];
    /** A suffix in real DOIs' shape: starts with a letter or digit, no trailing punctuation, balanced brackets. */
    function doiSuffix(rng: Rng): string {
      const part = (): string =>
        pick(rng, SUFFIX_CHARS.slice(0, 62)) +
        Array.from({ length: int(rng, 0, 10) }, () => pick(rng, SUFFIX_CHARS)).join('') +
        pick(rng, SUFFIX_CHARS.slice(0, 62));
      return chance(rng, 0.2) ? `${part()}(${part()})${part()}` : part();
    }

    it('a DOI in any accepted form comes back as the same DOI', () => {
      const rng = prng(1038);
      for (let i = 0; i < CASES; i++) {
        let registrant = `10.${int(rng, 1000, 99999)}`;
        if (registrant === '10.48550') registrant = '10.1038';
        const doi = `${registrant}/${doiSuffix(rng)}`;
        const encoded = chance(rng, 0.2) ? doi.replace('/', '%2F') : doi;
        const prefix = pick(rng, ['', 'doi:', 'DOI: ', 'doi ', 'https://doi.org/', 'http://dx.doi.org/', 'doi.org/']);
        const tail = pick(rng, ['', '.', ',', ';']);
        const input = pad2(rng, prefix + encoded + tail);
        assert.deepEqual(recogniseInput(input), { kind: 'doi', doi }, `input: ${JSON.stringify(input)}`);
      }
    });

    it('dblp keys and ACL ids come back unchanged from their URLs', () => {
      const rng = prng(17);
      for (let i = 0; i < CASES; i++) {
        const key = `${pick(rng, ['conf', 'journals'])}/${pick(rng, ['nips', 'icml', 'corr', 'cacm'])}/${pick(rng, ['Vaswani', 'He', 'Ab'])}${digits(rng, 2)}${pick(rng, ['', 'a', 'b'])}`;
        const dblpInput = pick(rng, [
          `DBLP:${key}`,
          `https://dblp.org/rec/${key}${pick(rng, ['', '.html', '.bib', '.xml'])}`,
          `https://dblp.uni-trier.de/rec/${key}.html`,
        ]);
        assert.deepEqual(recogniseInput(dblpInput), { kind: 'dblp', key }, dblpInput);
        const id = chance(rng)
          ? `${int(rng, 2000, 2025)}.${pick(rng, ['acl', 'emnlp', 'findings', 'naacl'])}-${pick(rng, ['main', 'long', 'emnlp', '1'])}.${int(rng, 1, 999)}`
          : `${pick(rng, [...'PNDEWCJ'])}${digits(rng, 2)}-${digits(rng, 4)}`;
        const aclInput = pick(rng, [
          id,
          `https://aclanthology.org/${id}${pick(rng, ['', '/', '.pdf', '.bib'])}`,
          `https://www.aclweb.org/anthology/${id}${pick(rng, ['', '.pdf'])}`,
        ]);
        assert.deepEqual(recogniseInput(aclInput), { kind: 'acl', id }, aclInput);
      }
    });

    /** Digit shapes that look like new-style ids but break one of arXiv's rules. */
    function badNumber(rng: Rng): string {
      const yy = int(rng, 7, 30);
      switch (int(rng, 0, 7)) {
        case 0: // the four-digit era ended with 1412
          return `${pad(int(rng, 15, 30), 2)}${pad(int(rng, 1, 12), 2)}.${digits(rng, 4)}`;
        case 1: // the five-digit era began with 1501
          return `${pad(int(rng, 7, 14), 2)}${pad(int(rng, 1, 12), 2)}.${digits(rng, 5)}`;
        case 2: // no month 00 or 13+
          return `${pad(yy, 2)}${pick(rng, ['00', '13', '19', '42', '99'])}.${digits(rng, 5)}`;
        case 3:
          return `${digits(rng, 4)}.${digits(rng, int(rng, 1, 3))}`;
        case 4:
          return `${digits(rng, 4)}.${digits(rng, int(rng, 6, 9))}`;
        case 5:
          return `${digits(rng, 4)}.${digits(rng, 4)}.${digits(rng, int(rng, 1, 3))}`;
        case 6:
          return `${digits(rng, int(rng, 1, 3))}.${digits(rng, int(rng, 4, 5))}`;
        default: // before new-style ids existed
          return `${pad(int(rng, 0, 7), 2)}0${int(rng, 1, 3)}.${digits(rng, 4)}`;
      }
    }

    const WORDS =
      'Attention Is All You Need Llama GPT Scaling Laws for the of bit LLMs Report papers see details version'.split(
        ' ',
      );
    const NUMBERS = '2 4 1.58-bit 2401 GPT-4 3.5 7B 2017 10.5 2401.00001 v2 10.1038/x P19-1001'.split(' ');
    function title(rng: Rng): string {
      const parts = Array.from({ length: int(rng, 2, 7) }, () =>
        chance(rng, 0.35) ? pick(rng, NUMBERS) : pick(rng, WORDS),
      );
      if (!parts.some((p) => /\d/.test(p))) parts.splice(int(rng, 0, parts.length), 0, pick(rng, NUMBERS));
      return parts.join(pick(rng, [' ', '  ', ': ', ' - ', '\t']));
    }

    function otherHostUrl(rng: Rng): string {
      const id = newStyleId(rng);
      const host = pick(
        rng,
        'example.com arxiv.org.evil.com evilarxiv.org arxiv.org@evil.com arxiv.com scholar.google.com doi.org.example.net huggingface.co.evil.io'.split(
          ' ',
        ),
      );
      return `https://${host}/${pick(rng, ['abs', 'pdf', 'papers'])}/${id}`;
    }

    it('random near-misses stay queries', () => {
      const rng = prng(424242);
      for (let i = 0; i < CASES; i++) {
        switch (int(rng, 0, 4)) {
          case 0:
            assertQuery(badNumber(rng));
            break;
          case 1:
            assertQuery(title(rng));
            break;
          case 2:
            assertQuery(otherHostUrl(rng));
            break;
          case 3: // registrants need four digits or more
            assertQuery(
              `${pick(rng, ['', 'doi:', 'https://doi.org/'])}10.${digits(rng, int(rng, 1, 3))}/${doiSuffix(rng)}`,
            );
            break;
          default: // a valid id inside a sentence
            assertQuery(`${pick(rng, WORDS)} ${wrapArxiv(rng, newStyleId(rng), undefined)} ${pick(rng, WORDS)}`);
        }
      }
    });
  });
});
