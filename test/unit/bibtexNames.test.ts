import * as assert from 'node:assert/strict';
import { nameLatex } from '../../src/core';

/** Words BibTeX sees at brace depth 0 (where it looks for "and" and name parts). */
function topLevelWords(latex: string): string[] {
  let depth = 0;
  let out = '';
  for (const ch of latex) {
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (depth === 0) out += ch;
  }
  return out.split(/[\s,]+/).filter(Boolean);
}

// Names that real bibtex rejected or split in the 1000-entry random batch (test/unit/reliability).
describe('author names BibTeX would split or reject', () => {
  it('braces a given name made only of hyphens, which BibTeX does not count as a name', () => {
    assert.equal(nameLatex('Smith, -'), 'Smith, {-}');
    assert.equal(nameLatex('Smith, --'), 'Smith, {--}');
  });

  for (const name of ['Jane AND Doe', 'Doe, Jane And', 'Research and Development Team', 'van and der Berg, Jo']) {
    it(`never leaves the word "and" where BibTeX would split the list: ${name}`, () => {
      const words = topLevelWords(nameLatex(name));
      assert.ok(!words.some((w) => /^and$/i.test(w)), `${nameLatex(name)} has a bare "and"`);
    });
  }

  it('leaves other words containing "and" alone', () => {
    assert.equal(nameLatex('Alexander Anderson'), 'Alexander Anderson');
  });
});
