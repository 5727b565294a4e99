import * as assert from 'node:assert/strict';
import { parseBib, type BibRecord } from '../../src/core/cite/bibDocument';
import { bibtexEntry } from '../../src/core/cite/bibtexEntry';
import { keysWhenAddedAlone, newEntries, planCitation } from '../../src/core/cite/citePlan';
import { bibliographyText } from '../../src/core/cite/exportBib';
import { arxivPaper, paper } from '../helpers/paper';

const attention = arxivPaper('1706.03762', {
  title: 'Attention Is All You Need',
  authors: ['Ashish Vaswani', 'Noam Shazeer'],
  published: '2017-06-12',
});
/** Same first author, year and first title word as `attention`: the same base key. */
const attentionAgain = arxivPaper('1706.99999', {
  title: 'Attention Is Not All You Need',
  authors: ['Ashish Vaswani'],
  published: '2017-06-30',
});
const bert = arxivPaper('1810.04805', {
  title: 'BERT: Pre-training of Deep Bidirectional Transformers',
  authors: ['Jacob Devlin'],
  published: '2018-10-11',
});

function record(key: string, fields: Record<string, string> = {}): BibRecord {
  return { key, type: 'misc', fields, line: 1 };
}

describe('planCitation', () => {
  const google = { keyStyle: 'google' } as const;

  it('plans every paper as a new entry in an empty .bib, keys as bibtexEntry makes them', () => {
    const plan = planCitation([attention, bert], [], google);
    assert.deepEqual(plan.added, ['vaswani2017attention', 'devlin2018bert']);
    assert.deepEqual(plan.reused, []);
    assert.deepEqual(
      plan.cited.map((c) => [c.paper.id, c.key]),
      [
        ['1706.03762', 'vaswani2017attention'],
        ['1810.04805', 'devlin2018bert'],
      ],
    );
    assert.equal(plan.cited[0].newEntry, bibtexEntry(attention, google).text);
    assert.equal(plan.newText, `${bibtexEntry(attention, google).text}\n${bibtexEntry(bert, google).text}`);
  });

  it('cites a paper given twice once', () => {
    const plan = planCitation([attention, bert, attention], [], google);
    assert.deepEqual(
      plan.cited.map((c) => c.key),
      ['vaswani2017attention', 'devlin2018bert'],
    );
    assert.deepEqual(plan.added, ['vaswani2017attention', 'devlin2018bert']);
    assert.equal(plan.newText.match(/@misc\{/g)?.length, 2);
  });

  it('reuses the key of an entry with the same arXiv id and adds nothing', async () => {
    const bib = '@article{Vaswani_NIPS,\n  title={Attention},\n  eprint={1706.03762v5},\n}\n';
    const parsed = await parseBib(bib);
    assert.ok(parsed.ok);
    if (!parsed.ok) return;
    const plan = planCitation([attention], parsed.entries, google, bib);
    assert.deepEqual(plan.cited, [{ paper: attention, key: 'Vaswani_NIPS' }]);
    assert.deepEqual(plan.reused, ['Vaswani_NIPS']);
    assert.deepEqual(plan.added, []);
    assert.equal(plan.newText, '');
  });

  it('reuses the key of an entry with the same DOI', () => {
    const withDoi = paper({ id: 'hf-1', title: 'A Paper', authors: ['Ada Lovelace'], doi: '10.1000/XYZ.1' });
    const existing = [record('other'), record('lovelace_doi', { doi: 'https://doi.org/10.1000/xyz.1' })];
    const plan = planCitation([withDoi, bert], existing, google);
    assert.deepEqual(
      plan.cited.map((c) => [c.key, c.newEntry === undefined]),
      [
        ['lovelace_doi', true],
        ['devlin2018bert', false],
      ],
    );
    assert.deepEqual(plan.reused, ['lovelace_doi']);
    assert.deepEqual(plan.added, ['devlin2018bert']);
  });

  it('gives a new entry whose key a different entry holds an a suffix', () => {
    const plan = planCitation([attention], [record('vaswani2017attention', { eprint: '2001.00001' })], google);
    assert.deepEqual(plan.added, ['vaswani2017attentiona']);
    assert.match(plan.newText, /^@misc\{vaswani2017attentiona,/);
  });

  it('compares keys ignoring case', () => {
    const plan = planCitation([attention], [record('Vaswani2017Attention'), record('VASWANI2017ATTENTIONA')], google);
    assert.deepEqual(plan.added, ['vaswani2017attentionb']);
  });

  it('gives two new papers with the same base key distinct keys, after the keys in the file', () => {
    const plan = planCitation([attention, attentionAgain], [record('vaswani2017attention')], google);
    assert.deepEqual(plan.added, ['vaswani2017attentiona', 'vaswani2017attentionb']);
    assert.deepEqual(planCitation([attention, attentionAgain], [], google).added, [
      'vaswani2017attention',
      'vaswani2017attentiona',
    ]);
  });

  it('keeps reused and new papers in the order given', () => {
    const existing = [record('bert_existing', { eprint: '1810.04805' })];
    const plan = planCitation([attention, bert, attentionAgain], existing, google);
    assert.deepEqual(
      plan.cited.map((c) => c.key),
      ['vaswani2017attention', 'bert_existing', 'vaswani2017attentiona'],
    );
  });

  it('appends after the .bib text with its line endings, leaving the text itself alone', () => {
    const bib = '@misc{x,\r\n  title={X},\r\n}';
    const plan = planCitation([bert], [record('x')], google, bib);
    assert.ok(plan.newText.startsWith('\r\n\r\n@misc{devlin2018bert,\r\n'), JSON.stringify(plan.newText));
    assert.ok(plan.newText.endsWith('}\r\n'));
    assert.ok(!/[^\r]\n/.test(plan.newText), 'no bare line feed');
  });

  it('uses the entry options it is given', () => {
    assert.deepEqual(planCitation([attention], [], { keyStyle: 'arxiv' }).added, ['vaswani2017attentionneed']);
    assert.deepEqual(planCitation([attention], [], { keyTemplate: '[auth][year]' }).added, ['Vaswani2017']);
  });
});

describe('newEntries', () => {
  it('avoids the taken keys and the keys it made itself', () => {
    const entries = newEntries([attention, attentionAgain], { keyStyle: 'google' }, ['Vaswani2017attention']);
    assert.deepEqual(
      entries.map((e) => e.key),
      ['vaswani2017attentiona', 'vaswani2017attentionb'],
    );
    assert.equal(entries[1].paper, attentionAgain);
    assert.match(entries[1].text, /^@misc\{vaswani2017attentionb,/);
  });
});

describe('keysWhenAddedAlone', () => {
  it('gives each paper the key it would get added on its own, or the existing one', () => {
    const existing = [record('bert_existing', { eprint: '1810.04805' }), record('vaswani2017attention')];
    const keys = keysWhenAddedAlone([attention, attentionAgain, bert], existing, { keyStyle: 'google' });
    assert.deepEqual(
      [...keys],
      [
        ['1706.03762', 'vaswani2017attentiona'],
        ['1706.99999', 'vaswani2017attentiona'],
        ['1810.04805', 'bert_existing'],
      ],
    );
  });
});

describe('bibliographyText and the cite plan', () => {
  it('gives the reading list export the keys a cite into an empty .bib gives', () => {
    const papers = [attention, bert, attentionAgain];
    for (const options of [{ keyStyle: 'google' as const }, { keyStyle: 'bbt' as const }, {}]) {
      const exported = bibliographyText(papers, options);
      const plan = planCitation(papers, [], options);
      assert.deepEqual(exported.keys, plan.added);
      assert.equal(exported.text, plan.newText);
    }
  });

  it('avoids the keys of the file the text goes into', () => {
    const { keys } = bibliographyText([attention], { keyStyle: 'google' }, ['vaswani2017attention']);
    assert.deepEqual(keys, ['vaswani2017attentiona']);
  });
});
