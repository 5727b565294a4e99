import * as assert from 'assert';
import { checkContactEmail } from '../../src/core/lookup/contactEmail';

describe('the contact e-mail sent with look-ups', () => {
  it('keeps a plain address, trimmed', () => {
    assert.strictEqual(checkContactEmail('  ada@example.org '), 'ada@example.org');
    assert.strictEqual(checkContactEmail('first.last+tag@uni.example.ac.uk'), 'first.last+tag@uni.example.ac.uk');
  });

  it('drops anything that could change the header or the query it goes into', () => {
    for (const raw of [
      '',
      'ada',
      'ada@example',
      'ada@@example.org',
      'Ada <ada@example.org>',
      'ada@example.org\r\nX-Evil: 1',
      'ada@example.org; other@example.org',
      'ada@example.org)',
      '"ada"@example.org',
      42,
      undefined,
    ]) {
      assert.strictEqual(checkContactEmail(raw), undefined, JSON.stringify(raw));
    }
  });
});
