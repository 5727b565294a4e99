import * as assert from 'node:assert/strict';
import { entryFor, indexBib, sliceStarts } from '../../src/core/refs/bibIndex';
import { authorYear, entrySummary, titleText } from '../../src/core/refs/entrySummary';

const FOREIGN = `% exported by hand
@String{jmlr = "Journal of Machine Learning Research"}
@String(neurips = {Advances in Neural Information Processing Systems})

@Article{Smith2020,
  Author = {Smith, John and M{\\"u}ller, Karl and Doe, Jane},
  Title = {A {GPU} study of $\\sim$10x speed-ups},
  Journal = jmlr # " (JMLR)",
  Year = 2020,
  abstract = {We show that \\emph{sparse} attention with $O(n \\log n)$ cost works.},
}

@inproceedings{vaswani2017attention,
  title={Attention is all you need},
  author={Vaswani, Ashish and Shazeer, Noam},
  booktitle=neurips,
  year={2017},
  eprint={1706.03762}, archivePrefix={arXiv}
}
`;

describe('bibliography index (the live features’ reading of a .bib)', () => {
  it('finds every entry with its key exactly where it is written and @string macros expanded', async () => {
    const index = await indexBib(FOREIGN);
    assert.deepEqual(
      index.entries.map((e) => e.key),
      ['Smith2020', 'vaswani2017attention'],
    );
    for (const e of index.entries) {
      assert.equal(FOREIGN.slice(e.keyStart, e.keyEnd), e.key);
      assert.equal(FOREIGN[e.start], '@');
      assert.equal(FOREIGN.slice(0, e.start).split('\n').length, e.line);
    }
    assert.equal(index.byKey.get('Smith2020')?.fields.journal, 'Journal of Machine Learning Research (JMLR)');
    assert.equal(
      index.byKey.get('vaswani2017attention')?.fields.booktitle,
      'Advances in Neural Information Processing Systems',
    );
    assert.deepEqual(index.issues, []);
  });

  it('matches keys exactly first, then ignoring case (BibTeX does; biber does not)', async () => {
    const index = await indexBib(FOREIGN);
    assert.equal(entryFor(index, 'smith2020')?.key, 'Smith2020');
    assert.equal(entryFor(index, 'Smith2020')?.key, 'Smith2020');
    assert.equal(entryFor(index, 'smith2021'), undefined);
  });

  it('keeps the entries around a broken one and reports the broken one at the line it starts', async () => {
    const text = `@misc{before, title={Before}}\n\n@article{broken,\n  title = {never closes,\n\n@misc{after, title={After}}\n`;
    const index = await indexBib(text);
    const broken = index.issues.filter((i) => i.kind === 'broken');
    assert.equal(broken.length, 1);
    assert.equal(broken[0].line, 3);
    assert.equal(text.slice(broken[0].start, broken[0].start + 15), '@article{broken');
    assert.ok(index.byKey.has('before'));
    assert.ok(index.byKey.get('broken')?.broken, 'the broken entry is known as broken, not missing');
  });

  it('reports a duplicate key at the second one and two entries for one paper (same arXiv id or DOI)', async () => {
    const text = [
      '@misc{a, title={A}, eprint={2401.00001}, archivePrefix={arXiv}}',
      '@misc{b, title={B}, url={https://arxiv.org/abs/2401.00001v2}}',
      '@article{c, title={C}, doi={10.1000/XYZ}}',
      '@article{d, title={D}, doi={https://doi.org/10.1000/xyz}}',
      '@misc{A, title={again}}',
    ].join('\n');
    const index = await indexBib(text);
    const issues = index.issues.map((i) => [i.kind, text.slice(i.start, i.end), i.other]);
    assert.deepEqual(issues, [
      ['same-paper', 'b', 'a'],
      ['same-paper', 'd', 'c'],
      ['duplicate-key', 'A', 'a'],
    ]);
  });

  it('reads a file in slices the same as in one piece, pausing between slices', async () => {
    const parts: string[] = [];
    for (let i = 0; i < 60; i++) {
      parts.push(`@misc{k${i},\n  title = {Paper {${i}} with braces {inside}},\n  note = {@not an entry}\n}`);
    }
    const text = `@string{x = "y"}\n${parts.join('\n')}\n`;
    let pauses = 0;
    const sliced = await indexBib(text, { sliceChars: 300, pause: async () => void pauses++ });
    const whole = await indexBib(text, { sliceChars: 1e9 });
    assert.ok(pauses > 5, `paused ${pauses} times`);
    assert.deepEqual(
      sliced.entries.map((e) => [e.key, e.start, e.keyStart, e.fields.title, e.broken]),
      whole.entries.map((e) => [e.key, e.start, e.keyStart, e.fields.title, e.broken]),
    );
    assert.equal(sliced.entries.length, 60);
  });

  it('cuts only at a line-initial @ outside braces', () => {
    const text = '@misc{a, note = {\n@misc{inside}}}\n@misc{b}\n';
    const cuts = sliceStarts(text, 1);
    assert.deepEqual(
      cuts.map((c) => text.slice(c, c + 8)),
      ['@misc{a,', '@misc{b}'],
    );
  });

  it('never throws on hostile text', async () => {
    for (const text of ['', '@', '@@@{', '}}}}', '@misc{', '@string{', '\u0000@misc{x}', '@misc(x, title="a"']) {
      const index = await indexBib(text);
      assert.ok(Array.isArray(index.entries));
    }
  });
});

describe('entry summary (what a hover shows of any entry)', () => {
  it('reads authors, title, venue and abstract back as text, keeping math as TeX', async () => {
    const index = await indexBib(FOREIGN);
    const smith = entrySummary(index.byKey.get('Smith2020')!);
    assert.deepEqual(smith.authors, ['John Smith', 'Karl Müller', 'Jane Doe']);
    assert.equal(smith.title, 'A GPU study of $\\sim$10x speed-ups');
    assert.equal(smith.venue, 'Journal of Machine Learning Research (JMLR)');
    assert.equal(smith.abstract, 'We show that sparse attention with $O(n \\log n)$ cost works.');
    assert.equal(authorYear(smith), 'Smith et al. (2020)');
    const vaswani = entrySummary(index.byKey.get('vaswani2017attention')!);
    assert.equal(vaswani.arxivId, '1706.03762');
    assert.equal(authorYear(vaswani), 'Vaswani and Shazeer (2017)');
  });

  it('gives titles for one line of text with their math as text, money left alone', () => {
    assert.equal(titleText('A GPU study of $\\sim$10x speed-ups'), 'A GPU study of ∼10x speed-ups');
    assert.equal(titleText('$O(n^2)$ attention'), 'O(n^2) attention');
    assert.equal(titleText('From $5 to $10'), 'From $5 to $10');
  });
});
