/**
 * Keys for papers whose names or titles are not in Latin script: Cyrillic and Greek are
 * romanised, anything else falls back to the arXiv id, and Latin-script keys stay as they were.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { templateKey } from '../../src/core/cite/keyTemplate';
import { baseKey, cleanKey, type KeyStyle } from '../../src/core/cite/keys';
import { alnum } from '../../src/core/cite/names';
import { transliterate } from '../../src/core/cite/transliterate';
import { arxivPaper, paper } from '../helpers/paper';

// `zotero` asks Zotero and falls back to `bbt`: its offline key is the `bbt` one.
function keys(p: Parameters<typeof baseKey>[0]): Record<Exclude<KeyStyle, 'zotero'>, string> {
  return { arxiv: baseKey(p, 'arxiv'), google: baseKey(p, 'google'), bbt: baseKey(p, 'bbt') };
}

describe('transliterate', () => {
  const cases: [string, string][] = [
    // Cyrillic: BGN/PCGN without diacritics
    ['Андрей Колмогоров', 'Andrey Kolmogorov'],
    ['Чайковский', 'Chaykovskiy'],
    ['Хрущёв', 'Khrushchev'],
    ['Щербаков', 'Shcherbakov'],
    ['Юрий Гагарин', 'Yuriy Gagarin'],
    ['Ольга Ладыженская', 'Olga Ladyzhenskaya'],
    ['ЖУКОВ Жуков', 'ZHUKOV Zhukov'],
    ['Їжак Євген', 'Yizhak Yevgen'],
    ['Ђоковић Љиљана Његош', 'Djokovic Ljiljana Njegosh'],
    // Greek: ELOT 743
    ['Παπαδόπουλος', 'Papadopoulos'],
    ['ΠΑΠΑΔΟΠΟΥΛΟΣ', 'PAPADOPOULOS'],
    ['Ευάγγελος', 'Evangelos'],
    ['Ευκλείδης', 'Efkleidis'],
    ['Αυτός', 'Aftos'],
    ['Αϋπνία', 'Aypnia'],
    ['Μαΐου', 'Maiou'],
    ['Ξενοφών Χατζής Ψυχή Θεόδωρος', 'Xenofon Chatzis Psychi Theodoros'],
    ['Άγκυρα Σφίγξ', 'Agkyra Sfinx'],
    // everything else is left alone
    ['王伟 Müller 123', '王伟 Müller 123'],
  ];
  for (const [from, to] of cases) it(`${from} → ${to}`, () => assert.equal(transliterate(from), to));
});

describe('keys: names in other scripts', () => {
  it('keys a paper with Chinese or Japanese authors by its arXiv id in every style', () => {
    const p = arxivPaper('2401.00001', {
      title: '大语言模型的推理能力',
      authors: ['王伟', '李明'],
      published: '2024-01-02',
    });
    const want = 'arxiv2401.00001';
    assert.deepEqual(keys(p), { arxiv: want, google: want, bbt: want });
    // The id decides even with a Latin title: the key must name the paper, not "anon".
    const english = arxivPaper('2401.00002', { title: 'Deep Nets', authors: ['山田太郎'], published: '2024-01-02' });
    assert.equal(baseKey(english, 'arxiv'), 'arxiv2401.00002');
  });

  it('takes the arXiv id from the paper id and drops the slash of old ids', () => {
    assert.equal(baseKey(paper({ id: '2312.12345', title: 'x', authors: ['김민수'] }), 'google'), 'arxiv2312.12345');
    assert.equal(baseKey(arxivPaper('hep-th/9901001', { title: 'x', authors: ['محمد'] }), 'bbt'), 'arxivhep-th9901001');
  });

  it('keys a paper without authors by its arXiv id', () => {
    assert.equal(baseKey(arxivPaper('1706.03762', { title: 'Untitled', authors: [] }), 'arxiv'), 'arxiv1706.03762');
  });

  it('keeps anon without an arXiv id', () => {
    const p = paper({ id: 'hf:xyz', title: 'Deep Nets', authors: ['王伟'], published: '2020-01-01' });
    assert.equal(baseKey(p, 'arxiv'), 'anon2020deepnets');
  });

  it('romanises Cyrillic names and titles', () => {
    const p = arxivPaper('2401.00003', {
      title: 'Основные понятия теории вероятностей',
      authors: ['Андрей Николаевич Колмогоров'],
      published: '1933-01-01',
    });
    assert.deepEqual(keys(p), {
      arxiv: 'kolmogorov1933osnovnyeponyatiyateoriiveroyatnostey',
      google: 'kolmogorov1933osnovnye',
      bbt: 'kolmogorovOsnovnyePonyatiyaTeorii1933',
    });
  });

  it('romanises Greek names and titles', () => {
    const p = arxivPaper('2401.00004', {
      title: 'Υπολογιστική πολυπλοκότητα ισορροπιών',
      authors: ['Κωνσταντίνος Δασκαλάκης'],
      published: '2008-01-01',
    });
    assert.deepEqual(keys(p), {
      arxiv: 'daskalakis2008ypologistikipolyplokotitaisorropion',
      google: 'daskalakis2008ypologistiki',
      bbt: 'daskalakisYpologistikiPolyplokotitaIsorropion2008',
    });
  });

  it('gives a Latin-script first author the key it had, whatever the others are written in', () => {
    const p = arxivPaper('2401.00005', {
      title: 'Chinese Word Segmentation',
      authors: ['Wei Zhang', '李明', 'Иван Петров'],
      published: '2021-01-01',
    });
    assert.deepEqual(keys(p), {
      arxiv: 'zhang2021chinesewordsegmentation',
      google: 'zhang2021chinese',
      bbt: 'zhangChineseWordSegmentation2021',
    });
    // The first author decides: a CJK first author is not replaced by the Latin second one.
    assert.equal(baseKey({ ...p, authors: ['李明', 'Wei Zhang'] }, 'arxiv'), 'arxiv2401.00005');
  });

  it('leaves Greek letters inside a Latin title dropped, as before', () => {
    const p = paper({ title: 'On α-Divergences and β-VAE', authors: ['Ada Smith'], published: '2020-01-01' });
    assert.deepEqual(keys(p), {
      arxiv: 'smith2020divergencesvae',
      google: 'smith2020divergences',
      bbt: 'smithDivergencesVAE2020',
    });
    assert.equal(
      baseKey(paper({ title: 'On α', authors: ['Ada Smith'], published: '2020-01-01' }), 'arxiv'),
      'smith2020',
    );
  });

  describe('templates', () => {
    const russian = arxivPaper('2401.00006', {
      title: 'Основные понятия теории вероятностей',
      authors: ['Андрей Колмогоров', 'Владимир Арнольд', 'Яков Синай'],
      published: '1933-01-01',
    });
    const chinese = arxivPaper('2401.00007', {
      title: '大语言模型',
      authors: ['王伟', '李明'],
      published: '2024-01-02',
    });
    const cases: [string, typeof russian, string][] = [
      ['[auth][year][shorttitle]', russian, 'Kolmogorov1933OsnovnyePonyatiyaTeorii'],
      ['[auth:lower][title:2:lower]', russian, 'kolmogorovosnovnyeponyatiya'],
      ['[authors]', russian, 'KolmogorovArnoldEtAl'],
      ['[auth]', chinese, 'arxiv2401.00007'],
      ['[authors]', chinese, 'arxiv2401.00007'],
      ['[auth]_[year]', chinese, 'arxiv2401.00007_2024'],
      ['[title]', chinese, 'arxiv2401.00007'],
      ['[auth]', paper({ id: 'x', title: 'x', authors: ['王伟'] }), 'anon'],
    ];
    for (const [template, p, want] of cases) {
      it(`${template} for ${p.authors[0]}`, () => assert.equal(templateKey(p, template), want));
    }
  });
});

describe('keys in other scripts: properties', () => {
  const scripts = [...'王伟李明山田太郎김민수محمدאבגअआ Андрей Колмогоров Παπαδόπουλος ΪΫϋ-,.'];
  const text = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.string({ unit: fc.constantFrom(...scripts), maxLength: 30 }),
  );
  const arxivId = fc
    .tuple(fc.integer({ min: 7, max: 29 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 99999 }))
    .map(([y, m, n]) => `${String(y).padStart(2, '0')}${String(m).padStart(2, '0')}.${String(n).padStart(5, '0')}`);
  const anyPaper = fc.record({ id: arxivId, title: text, authors: fc.array(text, { maxLength: 3 }) });

  it('any author and title with an arXiv id gives a valid key that is not anon', () => {
    fc.assert(
      fc.property(anyPaper, fc.constantFrom<KeyStyle>('arxiv', 'google', 'bbt'), ({ id, ...fields }, style) => {
        const p = arxivPaper(id, { ...fields, published: '2024-01-01' });
        for (const key of [baseKey(p, style), templateKey(p, '[auth][year][title]')]) {
          assert.equal(cleanKey(key), key);
          assert.notEqual(key, '');
          // "anon" only where a name itself spells it (`Anon`, `Анон`).
          if (/^anon/i.test(key)) assert.match(alnum(transliterate(p.authors.join(' '))), /anon/i);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
