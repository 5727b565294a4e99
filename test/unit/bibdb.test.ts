import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { appendEntry, findExisting, keysIn, parseBib } from '../../src/core/cite/bibDocument';
import type { BibParseResult, BibRecord } from '../../src/core/cite/bibDocument';
import { bibtexEntry } from '../../src/core/cite/bibtexEntry';
import { fixturePath } from './helpers/paths';
import { paper } from '../helpers/paper';

async function entriesOf(text: string): Promise<BibRecord[]> {
  const r = await parseBib(text);
  assert.ok(r.ok, `expected the .bib to parse: ${JSON.stringify(r)}`);
  return r.entries;
}

function failed(r: BibParseResult): { line: number; message: string }[] {
  assert.ok(!r.ok, 'expected the .bib not to parse');
  return r.errors;
}

const vaswani = paper({
  arxivId: '1706.03762',
  title: 'Attention Is All You Need',
  authors: ['Ashish Vaswani'],
  published: '2017-06-12',
  categories: ['cs.CL'],
});

describe('parseBib', () => {
  it('reads entries with keys, types, raw fields and the line each starts on (CRLF, BOM, @string, @comment)', async () => {
    const text = readFileSync(fixturePath('bib', 'crlf-bom.bib'), 'utf8');
    assert.ok(
      text.startsWith('\uFEFF') && text.includes('\r\n'),
      'fixture must keep its BOM and CRLF (see .gitattributes)',
    );
    const entries = await entriesOf(text);
    assert.deepEqual(
      entries.map((e) => [e.key, e.type, e.line]),
      [
        ['vaswani2017attention', 'article', 4],
        ['he2016deep', 'inproceedings', 11],
        ['devlin2019bert', 'misc', 21],
      ],
    );
    assert.equal(entries[0].fields.journal, 'arXiv preprint arXiv:1706.03762');
    assert.equal(entries[0].fields.author, 'Vaswani, Ashish and Shazeer, Noam');
    assert.equal(entries[1].fields.booktitle, 'Advances in Neural Information Processing Systems');
    assert.equal(entries[1].fields.year, '2016');
    assert.equal(entries[2].fields.url, 'https://arxiv.org/abs/1810.04805v2');
  });

  it('reports an unclosed brace with the line where the broken entry starts', async () => {
    const errors = failed(await parseBib(readFileSync(fixturePath('bib', 'unclosed-brace.bib'), 'utf8')));
    assert.equal(errors.length, 1);
    assert.equal(errors[0].line, 6);
    assert.match(errors[0].message, /Token mismatch/);
  });

  const broken: [string, string, number, RegExp][] = [
    [
      'an entry cut off at the end',
      '@misc{a, title={x}}\n\n@misc{b,\n  title={never closed\n',
      3,
      /Unterminated brace-value/,
    ],
    ['an unterminated quoted value', '@misc{a,\n  title = "x,\n}\n', 1, /Unterminated quote-value/],
    ['a field without =', '@misc{a,\n  title {x}\n}\n', 1, /equals sign missing|Token mismatch/],
    ['a missing comma between fields', '\n\n@misc{a, title={x} year={2000}}\n', 3, /Token mismatch/],
    ['open math in a field', '@misc{a, title={costs $5}}\n', 1, /Unclosed math/],
    ['no brace after the type', '@misc a, title={x}\n', 1, /expected '\{' or '\('/],
    [
      'a broken entry after CRLF lines and a BOM',
      '\uFEFF@misc{a, title={x}}\r\n\r\n@misc{b, title={y}\r\n',
      3,
      /Token mismatch/,
    ],
  ];
  for (const [name, text, line, message] of broken) {
    it(`does not parse: ${name} (line ${line})`, async () => {
      const errors = failed(await parseBib(text));
      assert.equal(errors[0].line, line, JSON.stringify(errors));
      assert.match(errors[0].message, message);
    });
  }

  it('reports every broken entry, each with its own line', async () => {
    const text = '@misc{a, title={x}\n\n@misc{ok, title={fine}}\n\n@misc{c, title="y}\n';
    const errors = failed(await parseBib(text));
    assert.deepEqual(
      errors.map((e) => e.line),
      [1, 5],
    );
  });

  it('tolerates what BibTeX tolerates, with warnings for duplicate keys and undefined strings', async () => {
    const text =
      'Free text before entries.\n@misc{a, title={x}}}\n% a comment @misc{zz, title={ignored}}\n@misc{A, title=undefinedstring}\n';
    const r = await parseBib(text);
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(
      r.entries.map((e) => e.key),
      ['a', 'A'],
    );
    assert.equal(r.warnings.length, 2, JSON.stringify(r.warnings));
    assert.match(r.warnings.join('\n'), /duplicate key "A" \(lines 2 and 4\)/);
    assert.match(r.warnings.join('\n'), /Unresolved @string reference/);
  });

  it('parses an empty file and a file of comments as no entries', async () => {
    assert.deepEqual(await entriesOf(''), []);
    assert.deepEqual(await entriesOf('\uFEFF% nothing here\n@comment{x}\n'), []);
  });

  it('gives the same result for the same text without parsing again', async () => {
    const text = '@misc{same, title={x}}\n';
    const a = parseBib(text);
    const b = parseBib(text);
    assert.equal(a, b);
    assert.deepEqual((await a).ok, true);
  });
});

describe('findExisting and keysIn', () => {
  const bib = [
    '@article{gs, title={Attention is all you need}, journal={arXiv preprint arXiv:1706.03762}, year={2017}}',
    '@misc{arx, eprint={ARXIV:1810.04805V3}, archivePrefix={arXiv}}',
    '@misc{urlpdf, url={https://arxiv.org/pdf/2401.00001v2.pdf}}',
    '@misc{doiOnly, doi={https://doi.org/10.1109/CVPR.2016.90}}',
    '@misc{arxivDoi, doi={10.48550/arXiv.2303.08774}}',
    '@misc{old, eprint={hep-th/9711200v3}}',
    '@misc{notArxiv, eprint={12345}, archivePrefix={SSRN}}',
    '@misc{longer, note={see arXiv:1412.69801}}',
    '@misc{doiUrl, url={https://doi.org/10.1038/Nature14236}}',
  ].join('\n');

  const cases: [string, Parameters<typeof paper>[0], string | undefined][] = [
    ['arXiv id in a Google Scholar journal field', { arxivId: '1706.03762', title: 't' }, 'gs'],
    ['eprint with prefix, version and other case', { arxivId: '1810.04805', title: 't' }, 'arx'],
    ['PDF URL with version', { arxivId: '2401.00001', title: 't' }, 'urlpdf'],
    ['DOI, resolver prefix and case ignored', { id: 'x', title: 't', doi: '10.1109/cvpr.2016.90' }, 'doiOnly'],
    ['arXiv DOI', { arxivId: '2303.08774', title: 't' }, 'arxivDoi'],
    ['old-style id', { arxivId: 'hep-th/9711200', title: 't' }, 'old'],
    ['DOI in a URL', { id: 'x', title: 't', doi: 'https://doi.org/10.1038/nature14236' }, 'doiUrl'],
    ['id from `id` when arxivId is absent', { id: '1706.03762v4', title: 't' }, 'gs'],
    ['an id that is a prefix of a longer one is not the same', { arxivId: '1412.6980', title: 't' }, undefined],
    ['no match', { arxivId: '1706.03763', title: 't', doi: '10.1/none' }, undefined],
    ['a non-arXiv eprint is not an arXiv id', { id: '12345', title: 't' }, undefined],
  ];
  for (const [name, fields, want] of cases) {
    it(name, async () => {
      const found = findExisting(await entriesOf(bib), paper(fields));
      assert.equal(found?.key, want);
    });
  }

  it('lists the keys in use', async () => {
    assert.deepEqual(
      [...keysIn(await entriesOf(bib))].sort(),
      ['arx', 'arxivDoi', 'doiOnly', 'doiUrl', 'gs', 'longer', 'notArxiv', 'old', 'urlpdf'].sort(),
    );
  });

  it('reuses the key of the same paper, and suffixes a clash with a different one', async () => {
    const existing = '@misc{vaswani2017attentionneed, title={Something else}, eprint={9999.99999}}\n';
    const entries = await entriesOf(existing);
    assert.equal(findExisting(entries, vaswani), undefined);
    const { key, text } = bibtexEntry(vaswani, { taken: keysIn(entries) });
    assert.equal(key, 'vaswani2017attentionneeda');
    const after = await entriesOf(appendEntry(existing, text));
    assert.equal(findExisting(after, vaswani)?.key, 'vaswani2017attentionneeda');
  });
});

describe('appendEntry', () => {
  const entry = bibtexEntry(vaswani).text;

  it('keeps a CRLF file with BOM byte for byte, and writes the entry with CRLF', async () => {
    const original = readFileSync(fixturePath('bib', 'crlf-bom.bib'), 'utf8');
    const out = appendEntry(original, entry);
    assert.ok(out.startsWith(original));
    assert.ok(out.startsWith('\uFEFF'));
    const added = out.slice(original.length);
    assert.equal(added, `\r\n\r\n${entry.trimEnd().replace(/\n/g, '\r\n')}\r\n`);
    assert.doesNotMatch(added.replace(/\r\n/g, ''), /[\r\n]/, 'only CRLF line endings');
    const before = await entriesOf(original);
    const after = await entriesOf(out);
    assert.equal(after.length, before.length + 1);
    assert.deepEqual(after.slice(0, before.length), before);
    assert.equal(after[before.length].key, 'vaswani2017attentionneed');
  });

  const separations: [string, string, string][] = [
    ['empty file', '', ''],
    ['BOM only', '\uFEFF', '\uFEFF'],
    ['no final newline', '@misc{a}', '@misc{a}\n\n'],
    ['one final newline', '@misc{a}\n', '@misc{a}\n\n'],
    ['already a blank line', '@misc{a}\n\n', '@misc{a}\n\n'],
    ['several blank lines', '@misc{a}\n\n\n', '@misc{a}\n\n\n'],
    ['blank line with spaces', '@misc{a}\n  \n', '@misc{a}\n  \n'],
    ['CRLF without final newline', '@misc{a}\r\n@misc{b}', '@misc{a}\r\n@misc{b}\r\n\r\n'],
    ['CRLF with one final newline', '@misc{a}\r\n', '@misc{a}\r\n\r\n'],
    ['comment last, no newline', '@misc{a}\n% done', '@misc{a}\n% done\n\n'],
    ['whitespace only', '\n\n', '\n\n'],
  ];
  for (const [name, before, prefix] of separations) {
    it(`separates correctly: ${name}`, () => {
      const eol = before.includes('\r\n') ? '\r\n' : '\n';
      const out = appendEntry(before, '@misc{k,\n  title={t},\n}\n\n\n');
      assert.equal(out, `${prefix}@misc{k,${eol}  title={t},${eol}}${eol}`);
      assert.ok(out.startsWith(before));
    });
  }

  it('appends several entries in a row, each separated by one blank line', async () => {
    let text = '@misc{first, title={x}}';
    const taken = new Set(['first']);
    for (let i = 0; i < 3; i++) {
      const e = bibtexEntry(vaswani, { taken });
      taken.add(e.key);
      text = appendEntry(text, e.text);
    }
    assert.deepEqual(
      (await entriesOf(text)).map((e) => e.key),
      ['first', 'vaswani2017attentionneed', 'vaswani2017attentionneeda', 'vaswani2017attentionneedb'],
    );
    assert.doesNotMatch(text, /\n\n\n/);
    assert.ok(text.endsWith('}\n'));
  });
});

describe('bibDocument bundling', () => {
  it('keeps the parser out of the bundle that imports bibDocument (it loads lazily)', async () => {
    const esbuild = await import('esbuild');
    const result = await esbuild.build({
      entryPoints: [path.resolve(__dirname, '../../../src/core/cite/bibDocument.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      minify: true,
      write: false,
      logLevel: 'silent',
    });
    const size = result.outputFiles[0].contents.length;
    assert.ok(size < 10_000, `bibDocument bundles to ${size} bytes`);
    assert.doesNotMatch(result.outputFiles[0].text, /unified-latex|LatexPegParser/);
  });
});
