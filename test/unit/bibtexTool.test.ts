/**
 * Runs the real `bibtex` (TeX Live) over every hard case, UTF-8 and ASCII, with several
 * standard styles, and fails on any warning or error it prints (see helpers/realBibtex).
 */
import * as assert from 'node:assert/strict';
import { bibtexEntry } from '../../src/core/cite/bibtexEntry';
import { BIB_CASES } from './helpers/bibCases';
import { BIBTEX_VERSION, requireBibtex, runBibtex } from './helpers/realBibtex';
import { makeTempDir, type TempDir } from './helpers/tmpdir';

function generatedBib(): { keys: string[]; text: string } {
  const taken = new Set<string>();
  const chunks: string[] = [];
  for (const ascii of [false, true]) {
    for (const c of BIB_CASES) {
      const { key, text } = bibtexEntry(c.paper, { ascii, taken });
      taken.add(key);
      chunks.push(text);
    }
  }
  return { keys: [...taken], text: chunks.join('\n') };
}

describe('real bibtex over the generated entries', function () {
  this.timeout(60_000);
  let dir: TempDir | undefined;

  before(function () {
    requireBibtex(this);
  });

  beforeEach(async () => {
    dir = await makeTempDir('litfeed-bibtex-');
  });
  afterEach(async () => {
    await dir?.remove();
  });

  for (const style of ['plain', 'unsrt', 'alpha', 'abbrv']) {
    it(`${style}: every entry accepted without a warning or error`, () => {
      const work = (dir as TempDir).path;
      const { keys, text } = generatedBib();
      assert.ok(keys.length >= 50, `only ${keys.length} entries`);
      const run = runBibtex(work, text, keys, style);
      assert.deepEqual(run.report, [], `${BIBTEX_VERSION}\n${run.stdout}`);
      assert.equal(run.status, 0, run.stdout);
      const items = run.items;
      assert.deepEqual([...items].sort(), [...keys].sort());
    });
  }

  it('is able to fail: a broken entry and a duplicate key are reported', () => {
    const work = (dir as TempDir).path;
    const run = runBibtex(
      work,
      '@misc{a, title={x}, author={A B}}\n@misc{a, title={y}, author={C D}}\n@misc{b, title={z}\n',
      ['a', 'b'],
      'plain',
    );
    assert.ok(run.report.length > 0, run.stdout);
    assert.notEqual(run.status, 0);
  });
});
