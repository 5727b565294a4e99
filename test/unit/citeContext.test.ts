import * as assert from 'node:assert/strict';
import { mayCite } from '../../src/ui/cite/citeContext';

describe('which text may cite (decided in the start-up bundle, before loading anything)', () => {
  it('says yes for each syntax’s citations and no for prose and other languages', () => {
    const yes: [string, string][] = [
      ['See \\citep[p.~3]{a}.', 'latex'],
      ['\\autocite{a}', 'tex'],
      ['As [@a] shows.', 'markdown'],
      ['@a says', 'quarto'],
      ['#cite(<a>)', 'typst'],
      ['see @a', 'typst'],
      [':cite:p:`a`', 'restructuredtext'],
      [':footcite:`a`', 'restructuredtext'],
    ];
    for (const [text, language] of yes) assert.equal(mayCite(text, language), true, `${language}: ${text}`);
    const no: [string, string][] = [
      ['Plain prose with no citation.', 'latex'],
      ['\\section{Intro}', 'latex'],
      ['Plain prose.', 'markdown'],
      ['= Heading', 'typst'],
      ['A paragraph.', 'restructuredtext'],
      ['\\cite{a} [@a]', 'python'],
      ['\\cite{a}', 'plaintext'],
    ];
    for (const [text, language] of no) assert.equal(mayCite(text, language), false, `${language}: ${text}`);
  });
});
