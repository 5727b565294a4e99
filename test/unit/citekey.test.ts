import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkKeyTemplate, KeyTemplateError, templateKey } from '../../src/core/cite/keyTemplate';
import { baseKey, uniqueKey } from '../../src/core/cite/keys';
import { asciiFold, splitName } from '../../src/core/cite/names';
import { paperYear } from '../../src/core/paper';
import { paper } from '../helpers/paper';

describe('asciiFold', () => {
  const cases: [string, string][] = [
    ['Müller', 'Muller'],
    ['Øster', 'Oster'],
    ['Straße', 'Strasse'],
    ['Łukasz Żółć', 'Lukasz Zolc'],
    ['Çağlar Gülçehre', 'Caglar Gulcehre'],
    ['Ærø Œuvre', 'AEro OEuvre'],
    ['Þór Ðoàn Đặng', 'Thor Doan Dang'],
    ['Işıl İnan', 'Isil Inan'],
    ['Nguyễn', 'Nguyen'],
    ['李明 Li', ' Li'],
    ['🤗 α', ' '],
  ];
  for (const [input, want] of cases) it(`${input} → ${want}`, () => assert.equal(asciiFold(input), want));
});

describe('splitName', () => {
  const cases: [string, Partial<ReturnType<typeof splitName>>][] = [
    ['Ashish Vaswani', { given: 'Ashish', particle: '', family: 'Vaswani', suffix: '', literal: false }],
    ['Johannes Diderik van der Waals', { given: 'Johannes Diderik', particle: 'van der', family: 'Waals' }],
    ['Fernando de la Torre', { given: 'Fernando', particle: 'de la', family: 'Torre' }],
    ['Nicolas Le Roux', { given: 'Nicolas', particle: 'Le', family: 'Roux' }],
    ['Pieter Van Der Berg', { given: 'Pieter', particle: 'Van Der', family: 'Berg' }],
    ['Martin Luther King Jr.', { given: 'Martin Luther', family: 'King', suffix: 'Jr.' }],
    ['Robert L. Logan IV', { given: 'Robert L.', family: 'Logan', suffix: 'IV' }],
    ['John Smith, Jr.', { given: 'John', family: 'Smith', suffix: 'Jr.' }],
    ['van der Waals, J. D.', { given: 'J. D.', particle: 'van der', family: 'Waals' }],
    ['King, Jr., Martin', { given: 'Martin', family: 'King', suffix: 'Jr.' }],
    ['Cher', { given: '', family: 'Cher', literal: false }],
    ['Gemini Team', { family: 'Gemini Team', literal: true }],
    ['Research and Development', { family: 'Research and Development', literal: true }],
    ['Bernardino Romera-Paredes', { given: 'Bernardino', family: 'Romera-Paredes' }],
    ['Gabriel García Márquez', { given: 'Gabriel García', family: 'Márquez' }],
    ['Muhammad al-Khwarizmi', { given: 'Muhammad', family: 'al-Khwarizmi' }],
    ['  Extra   Spaces  ', { given: 'Extra', family: 'Spaces' }],
    ['', { given: '', family: '', literal: false }],
  ];
  for (const [input, want] of cases) {
    it(JSON.stringify(input), () => {
      const got = splitName(input);
      for (const [k, v] of Object.entries(want)) assert.equal(got[k as keyof typeof got], v, `${k} of ${input}`);
    });
  }
});

describe('paperYear', () => {
  it('takes the publication date first', () =>
    assert.equal(paperYear(paper({ title: 't', arxivId: '1706.03762', published: '2018-01-01' })), '2018'));
  it('falls back to a new-style arXiv id', () =>
    assert.equal(paperYear(paper({ title: 't', arxivId: '1706.03762' })), '2017'));
  it('reads the id from `id` when arxivId is absent', () =>
    assert.equal(paperYear(paper({ title: 't', id: '2401.00001v2' })), '2024'));
  it('falls back to an old-style id, 1991–2007', () => {
    assert.equal(paperYear(paper({ title: 't', arxivId: 'hep-th/9108001' })), '1991');
    assert.equal(paperYear(paper({ title: 't', arxivId: 'math/0701001' })), '2007');
  });
  it('is undefined without date or arXiv id', () =>
    assert.equal(paperYear(paper({ title: 't', id: 'hf-x' })), undefined));
  it('ignores a date that does not start with a year', () =>
    assert.equal(paperYear(paper({ title: 't', id: 'x', published: 'yesterday' })), undefined));
});

describe('baseKey', () => {
  const vaswani = paper({
    arxivId: '1706.03762',
    title: 'Attention Is All You Need',
    authors: ['Ashish Vaswani'],
    published: '2017-06-12',
  });

  it('follows the three documented styles', () => {
    assert.equal(baseKey(vaswani, 'arxiv'), 'vaswani2017attentionneed');
    assert.equal(baseKey(vaswani, 'google'), 'vaswani2017attention');
    assert.equal(baseKey(vaswani, 'bbt'), 'vaswaniAttentionAllYou2017');
    assert.equal(baseKey(vaswani), 'vaswani2017attentionneed');
  });

  it('takes at most four title words for arxiv, skipping stop words', () => {
    const p = paper({
      title: 'Deep Residual Learning for Image Recognition',
      authors: ['Kaiming He'],
      published: '2015-12-10',
    });
    assert.equal(baseKey(p, 'arxiv'), 'he2015deepresiduallearningimage');
  });

  it('is stable: the same paper from another source, other abstract and upvotes, gives the same key', () => {
    const again = {
      ...vaswani,
      abstract: 'different',
      upvotes: 99,
      source: 'hf-daily' as const,
      feedDay: '2024-01-01',
    };
    for (const style of ['arxiv', 'google', 'bbt'] as const) {
      assert.equal(baseKey(again, style), baseKey(vaswani, style));
    }
  });

  it('uses anon for no authors and for a surname with no ASCII letters', () => {
    assert.equal(
      baseKey(paper({ title: 'Untitled Work', authors: [], published: '2020-01-01' }), 'google'),
      'anon2020untitled',
    );
    assert.equal(
      baseKey(paper({ title: 'Untitled Work', authors: ['  ', '王伟'], published: '2020-01-01' }), 'google'),
      'anon2020untitled',
    );
  });

  it('skips blank author names', () => {
    assert.equal(
      baseKey(paper({ title: 'Work', authors: ['', 'Ada Lovelace'], published: '1843-01-01' }), 'google'),
      'lovelace1843work',
    );
  });

  it('leaves the year out when unknown', () => {
    assert.equal(
      baseKey(paper({ id: 'x', title: 'Timeless Work', authors: ['Ada Lovelace'] }), 'google'),
      'lovelacetimeless',
    );
  });

  it('is anon when nothing usable is left', () => {
    assert.equal(baseKey(paper({ id: 'x', title: '中文标题', authors: [] }), 'arxiv'), 'anon');
  });
});

describe('uniqueKey', () => {
  it('returns the base when free', () => assert.equal(uniqueKey('k', new Set(['other'])), 'k'));
  it('adds a, b, … and compares without case', () => {
    assert.equal(uniqueKey('k', new Set(['K'])), 'ka');
    assert.equal(uniqueKey('k', new Set(['k', 'KA'])), 'kb');
  });
  it('goes on from z to aa, ab', () => {
    const taken = new Set(['k', ...'abcdefghijklmnopqrstuvwxyz'.split('').map((c) => `k${c}`)]);
    assert.equal(uniqueKey('k', taken), 'kaa');
    taken.add('kaa');
    assert.equal(uniqueKey('k', taken), 'kab');
  });
});

describe('key templates', () => {
  const p = paper({
    arxivId: '1706.03762',
    title: 'Attention Is All You Need',
    authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar'],
    published: '2017-06-12',
  });
  const waals = paper({
    arxivId: 'hep-th/9901001',
    title: 'On Gases',
    authors: ['Johannes van der Waals'],
    published: '1999-01-01',
  });
  const cases: [string, string][] = [
    ['[auth][year][shorttitle]', 'Vaswani2017AttentionAllYou'],
    ['[auth:lower][year][title:lower]', 'vaswani2017attention'],
    ['[auth:upper]-[shortyear]', 'VASWANI-17'],
    ['[authors]', 'VaswaniShazeerEtAl'],
    ['[authors:3]', 'VaswaniShazeerParmar'],
    ['[authors:1]', 'VaswaniEtAl'],
    ['[auth:3:lower][year]', 'vas2017'],
    ['[title:3]', 'AttentionAllYou'],
    ['[veryshorttitle:lower]', 'attention'],
    ['arxiv:[eprint]', 'arxiv:1706.03762'],
    ['[id]', '1706.03762'],
    ['[title:capitalize]', 'Attention'],
    ['My Key! [year]', 'MyKey2017'],
    ['..[year]..', '2017'],
  ];
  for (const [template, want] of cases) it(template, () => assert.equal(templateKey(p, template), want));

  it('keeps particles in auth and drops the slash of old ids', () => {
    assert.equal(templateKey(waals, '[auth]'), 'vanderWaals');
    assert.equal(templateKey(waals, '[eprint]'), 'hep-th9901001');
  });

  it('gives anon when the result is empty', () => {
    assert.equal(templateKey(paper({ id: 'x', title: 'a', authors: [] }), '[year]'), 'anon');
  });

  it('reports what is wrong and where', () => {
    assert.equal(checkKeyTemplate('[auth][year]'), undefined);
    assert.equal(
      checkKeyTemplate('[auth][yr]'),
      'unknown field "yr" (known: auth, authors, year, shortyear, title, shorttitle, veryshorttitle, eprint, id) at character 8',
    );
    assert.equal(
      checkKeyTemplate('[auth:loud]'),
      'unknown modifier "loud" (known: lower, upper, capitalize, a number) at character 2',
    );
    assert.equal(checkKeyTemplate('[auth'), 'unclosed "[" at character 1');
    assert.equal(checkKeyTemplate('auth]'), 'unmatched "]" at character 5');
    assert.equal(checkKeyTemplate('  '), 'the template is empty');
    assert.throws(
      () => templateKey(p, '[x]'),
      (e: unknown) => e instanceof KeyTemplateError && e.offset === 1,
    );
  });
});

describe('keys: properties', () => {
  const text = fc.string({ unit: 'grapheme', maxLength: 40 });
  const anyPaper = fc.record({
    title: text,
    authors: fc.array(text, { maxLength: 4 }),
    published: fc.option(fc.constantFrom('2017-06-12', '1999-12-31T10:00:00Z', 'junk'), { nil: undefined }),
  });

  it('every style gives a non-empty ASCII key of safe characters, the same every time', () => {
    fc.assert(
      fc.property(anyPaper, fc.constantFrom('arxiv' as const, 'google' as const, 'bbt' as const), (fields, style) => {
        const p = paper({ id: 'x', ...fields });
        const key = baseKey(p, style);
        assert.match(key, /^[A-Za-z0-9_:.-]+$/);
        assert.doesNotMatch(key, /^[.:-]|[.:-]$/);
        assert.equal(baseKey({ ...p }, style), key);
      }),
      { numRuns: 500 },
    );
  });

  it('uniqueKey never returns a taken key', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('k', 'ka', 'KB', 'kc', 'kz', 'kaa', 'x'), { maxLength: 8 }), (taken) => {
        const key = uniqueKey('k', new Set(taken));
        assert.ok(!taken.map((t) => t.toLowerCase()).includes(key.toLowerCase()));
        assert.ok(key.startsWith('k'));
      }),
    );
  });
});
