import * as assert from 'node:assert/strict';
import { dateFormat } from '../../src/core/dateFormat';

describe('kept date formatters', () => {
  it('gives the same formatter for the same locale and options, another for others', () => {
    const a = dateFormat('de', { day: 'numeric', month: 'short', timeZone: 'UTC' });
    assert.equal(dateFormat('de', { day: 'numeric', month: 'short', timeZone: 'UTC' }), a);
    assert.notEqual(dateFormat('fr', { day: 'numeric', month: 'short', timeZone: 'UTC' }), a);
    assert.notEqual(dateFormat('de', { day: 'numeric', month: 'long', timeZone: 'UTC' }), a);
    assert.equal(
      a.format(new Date('2026-11-27T00:00:00Z')),
      new Intl.DateTimeFormat('de', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
        new Date('2026-11-27T00:00:00Z'),
      ),
    );
  });

  it('throws for a locale tag Intl refuses, every time', () => {
    assert.throws(() => dateFormat('not a locale!', { year: 'numeric' }), RangeError);
    assert.throws(() => dateFormat('not a locale!', { year: 'numeric' }), RangeError);
  });
});
