/**
 * A paper's notes file: its name from the citation key (odd characters, Windows' reserved
 * names, empty keys) and the header it starts with (values quoted so that any title reads back).
 */
import * as assert from 'node:assert/strict';
import { noteFileName, noteSearchPaper, noteTemplate } from '../../src/core/notes/noteFile';
import { PaperLibrary } from '../../src/core/search/library';
import { FeedStore } from '../../src/core/feed/store';
import { silentLogger } from '../../src/core/log';
import { makeTempDir } from './helpers/tmpdir';
import { arxivPaper, paper } from '../helpers/paper';

describe('notes: file names', () => {
  for (const [key, name] of [
    ['vaswani2017attention', 'vaswani2017attention.md'],
    ['arxiv2401.00001', 'arxiv2401.00001.md'],
    ['Smith:2020:Deep', 'Smith-2020-Deep.md'],
    ['müller2021', 'müller2021.md'],
    ['a/b\\c*d?e"f<g>h|i', 'a-b-c-d-e-f-g-h-i.md'],
    ['..hidden', 'hidden.md'],
    ['', 'paper.md'],
    [':::', 'paper.md'],
    ['CON', 'CON-notes.md'],
    ['lpt1', 'lpt1-notes.md'],
  ] as const) {
    it(`${JSON.stringify(key)} → ${name}`, () => assert.equal(noteFileName(key), name));
  }

  it('keeps long keys to a file name every system takes', () => {
    const name = noteFileName('x'.repeat(500));
    assert.ok(name.length <= 124, `${name.length} characters`);
    assert.match(name, /^x+\.md$/);
  });
});

describe('notes: the header of a new file', () => {
  /** The front matter's scalar values, read back as YAML reads double-quoted strings (JSON). */
  function frontMatter(text: string): Record<string, unknown> {
    const [, block] = /^---\n([\s\S]*?)\n---\n/.exec(text) ?? [];
    assert.ok(block, 'a front-matter block first');
    const out: Record<string, unknown> = {};
    let list: string | undefined;
    for (const line of block.split('\n')) {
      const item = /^ {2}- (.*)$/.exec(line);
      const nested = /^ {2}(\w+): (.*)$/.exec(line);
      const top = /^(\w+):(?: (.*))?$/.exec(line);
      if (item && list) (out[list] as unknown[]).push(JSON.parse(item[1]));
      else if (nested && list) (out[list] as Record<string, unknown>)[nested[1]] = JSON.parse(nested[2]);
      else if (top && top[2] === undefined) {
        list = top[1];
        out[list] = list === 'authors' ? [] : {};
      } else if (top) out[top[1]] = JSON.parse(top[2] as string);
      else assert.fail(`unexpected line ${JSON.stringify(line)}`);
    }
    return out;
  }

  it('names the paper, its authors, arXiv id, key and links, and puts the cursor below', () => {
    const p = arxivPaper('1706.03762', {
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani', 'Noam Shazeer'],
      links: { code: 'https://github.com/tensorflow/tensor2tensor' },
    });
    const { text, cursorLine } = noteTemplate(p, 'vaswani2017attention');
    assert.deepEqual(frontMatter(text), {
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani', 'Noam Shazeer'],
      arxiv: '1706.03762',
      key: 'vaswani2017attention',
      id: '1706.03762',
      links: {
        arxivAbs: 'https://arxiv.org/abs/1706.03762',
        pdf: 'https://arxiv.org/pdf/1706.03762',
        code: 'https://github.com/tensorflow/tensor2tensor',
      },
    });
    const lines = text.split('\n');
    assert.equal(lines[cursorLine - 1], '# Attention Is All You Need');
    assert.equal(lines[cursorLine], '');
  });

  it('quotes titles and names that YAML would otherwise misread', () => {
    const title = 'Yes: "No" # not a comment\n  — $\\alpha$-nets & {braces} [1] @at *star* %pct';
    const p = paper({ id: 'x', title, authors: ['O\'Brien, "Pat"', '- dash', 'Zoë Ångström'] });
    const fm = frontMatter(noteTemplate(p, 'obrien2024').text);
    assert.equal(fm.title, 'Yes: "No" # not a comment — $\\alpha$-nets & {braces} [1] @at *star* %pct');
    assert.deepEqual(fm.authors, ['O\'Brien, "Pat"', '- dash', 'Zoë Ångström']);
    assert.equal(fm.arxiv, undefined, 'no arXiv id, no line');
    assert.equal(fm.links, undefined, 'no links, no block');
  });
});

describe('notes: what search reads of them', () => {
  const p = arxivPaper('1706.03762', { title: 'Attention Is All You Need', authors: ['Ashish Vaswani'] });
  const written = `${noteTemplate(p, 'vaswani2017attention').text}Mycorrhizal networks remind me of multi-head attention.\n`;

  it('reads the id, title and authors from the header and the text after it', () => {
    const read = noteSearchPaper(written);
    assert.equal(read?.id, '1706.03762');
    assert.equal(read?.title, 'Attention Is All You Need');
    assert.deepEqual(read?.authors, ['Ashish Vaswani']);
    assert.match(read?.abstract ?? '', /Mycorrhizal networks remind me/);
    assert.ok(!(read?.abstract ?? '').includes('arxiv:'), 'the header is not the text');
  });

  it("leaves alone a note without LitFeed's header, or with a broken one", () => {
    assert.equal(noteSearchPaper('Just my thoughts.\n'), undefined);
    assert.equal(noteSearchPaper('---\ntitle: "x"\n---\ntext'), undefined, 'no id');
    assert.equal(noteSearchPaper('---\nid: not json\n---\ntext'), undefined);
    assert.equal(noteSearchPaper(written.replace('\r', '').replace(/\n/g, '\r\n'))?.id, '1706.03762', 'CRLF');
  });

  it('the library finds a paper by a word of its notes, listed as the library knows it', async () => {
    const tmp = await makeTempDir();
    const library = new PaperLibrary(new FeedStore(tmp.path), ['hf-daily'], silentLogger);
    try {
      library.add([{ ...p, upvotes: 77 }]);
      library.setNotes([noteSearchPaper(written) as NonNullable<ReturnType<typeof noteSearchPaper>>]);
      const [hit] = await library.search('mycorrhizal', 5);
      assert.equal(hit?.paper.id, '1706.03762');
      assert.equal(hit?.paper.upvotes, 77, 'the paper as the library holds it, not the note');
      library.setNotes([]);
      assert.deepEqual(await library.search('mycorrhizal', 5), []);
      // Every word of a note counts, not only the first ones (abstracts count their first 60).
      const long = `${written}\n${'filler words about nothing in particular '.repeat(100)}axolotl at the very end\n`;
      library.setNotes([noteSearchPaper(long) as NonNullable<ReturnType<typeof noteSearchPaper>>]);
      const [late] = await library.search('axolotl', 5);
      assert.equal(late?.paper.id, '1706.03762', 'a word 600 words into the note');
    } finally {
      library.dispose();
      await tmp.remove();
    }
  });
});
