import * as assert from 'node:assert/strict';
import type { Paper } from '../../src/core/paper';
import { paperViewModel } from '../../src/core/view/paperView';
import { paper as makePaper } from '../helpers/paper';

/** A paper with every field the view shows filled, so a test overrides only what it is about. */
function paper(overrides: Partial<Paper> = {}): Paper {
  return makePaper({
    id: '1706.03762',
    arxivId: '1706.03762',
    title: 'Attention Is All You Need',
    authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar'],
    abstract: 'The dominant sequence transduction models.\n\nWe propose the Transformer.',
    published: '2017-06-12T17:57:34.000Z',
    feedDay: '2017-06-13',
    upvotes: 42,
    numComments: 3,
    aiSummary: 'Transformers replace recurrence with attention.',
    aiKeywords: ['attention', 'transformer'],
    organization: 'Google',
    githubStars: 1200,
    thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/1706.03762.png',
    links: {
      huggingFace: 'https://huggingface.co/papers/1706.03762',
      arxivAbs: 'https://arxiv.org/abs/1706.03762',
      pdf: 'https://arxiv.org/pdf/1706.03762',
      code: 'https://github.com/tensorflow/tensor2tensor',
      project: 'https://tensor2tensor.github.io/',
    },
    ...overrides,
  });
}

describe('paperViewModel', () => {
  it('gives the page every field of a complete paper', () => {
    const m = paperViewModel(paper());
    assert.equal(m.id, '1706.03762');
    assert.equal(m.arxivId, '1706.03762');
    assert.equal(m.title, 'Attention Is All You Need');
    assert.deepEqual(m.titleSegments, [{ kind: 'text', text: 'Attention Is All You Need' }]);
    assert.deepEqual(m.authors, ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar']);
    assert.equal(m.authorsCollapsedCount, 3);
    assert.deepEqual(m.published, { iso: '2017-06-12T17:57:34.000Z', label: 'Jun 12, 2017' });
    assert.deepEqual(m.feedDay, { iso: '2017-06-13', label: 'Jun 13, 2017' });
    assert.equal(m.upvotes, 42);
    assert.equal(m.numComments, 3);
    assert.equal(m.githubStars, 1200);
    assert.equal(m.organization, 'Google');
    assert.deepEqual(m.abstract, [
      [{ kind: 'text', text: 'The dominant sequence transduction models.' }],
      [{ kind: 'text', text: 'We propose the Transformer.' }],
    ]);
    assert.deepEqual(m.aiSummary, [[{ kind: 'text', text: 'Transformers replace recurrence with attention.' }]]);
    assert.deepEqual(m.aiKeywords, ['attention', 'transformer']);
    assert.equal(m.thumbnail, 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/1706.03762.png');
    assert.deepEqual(m.links, [
      { kind: 'huggingFace', label: 'Hugging Face', url: 'https://huggingface.co/papers/1706.03762' },
      { kind: 'arxiv', label: 'arXiv', url: 'https://arxiv.org/abs/1706.03762' },
      { kind: 'pdf', label: 'PDF', url: 'https://arxiv.org/pdf/1706.03762' },
      { kind: 'code', label: 'Code', url: 'https://github.com/tensorflow/tensor2tensor' },
      { kind: 'project', label: 'Project page', url: 'https://tensor2tensor.github.io/' },
    ]);
  });

  it('shows a year alone (a paper looked up by DOI may know no more) as the year', () => {
    const m = paperViewModel(paper({ published: '1984' }));
    assert.deepEqual(m.published, { iso: '1984', label: '1984' });
    assert.equal('published' in paperViewModel(paper({ published: '19845' })), false);
  });

  it('leaves out what the paper does not have', () => {
    const bare: Paper = {
      id: 'x1',
      title: 'Only a title',
      authors: [],
      abstract: '',
      aiKeywords: [],
      links: {},
      source: 'hf-search',
    };
    const m = paperViewModel(bare);
    assert.deepEqual(Object.keys(m).sort(), [
      'abstract',
      'aiKeywords',
      'authors',
      'authorsCollapsedCount',
      'id',
      'links',
      'title',
      'titleSegments',
    ]);
    assert.deepEqual(m.abstract, []);
    assert.deepEqual(m.links, []);
    assert.equal(m.authorsCollapsedCount, 0);
  });

  it('survives records with missing or wrongly typed fields (old cache, saved state)', () => {
    const broken = {
      id: 'b1',
      title: undefined,
      authors: 'not a list',
      abstract: 42,
      aiKeywords: [1, ' kw ', null, ''],
      upvotes: -3,
      numComments: 1.5,
      githubStars: Number.NaN,
      organization: '   ',
      published: 'yesterday',
      feedDay: '2024-13-45',
      thumbnail: 7,
      links: null,
      source: 'hf-daily',
    } as unknown as Paper;
    const m = paperViewModel(broken);
    assert.equal(m.title, 'b1');
    assert.deepEqual(m.authors, []);
    assert.deepEqual(m.abstract, []);
    assert.deepEqual(m.aiKeywords, ['kw']);
    assert.deepEqual(m.links, []);
    for (const key of [
      'upvotes',
      'numComments',
      'githubStars',
      'organization',
      'published',
      'feedDay',
      'thumbnail',
      'aiSummary',
    ] as const) {
      assert.equal(key in m, false, key);
    }
  });

  it('derives Hugging Face and arXiv links from the arXiv id when the source gave none', () => {
    const m = paperViewModel(paper({ links: {} }));
    assert.deepEqual(
      m.links.map((l) => l.url),
      [
        'https://huggingface.co/papers/1706.03762',
        'https://arxiv.org/abs/1706.03762',
        'https://arxiv.org/pdf/1706.03762',
      ],
    );
  });

  it('lists a URL once, under its first kind', () => {
    const repo = 'https://github.com/tensorflow/tensor2tensor';
    const m = paperViewModel(paper({ links: { code: repo, project: repo } }));
    assert.deepEqual(
      m.links.filter((l) => l.url === repo),
      [{ kind: 'code', label: 'Code', url: repo }],
    );
  });

  it('drops links the host would refuse', () => {
    const m = paperViewModel(
      paper({
        arxivId: undefined,
        links: {
          huggingFace: 'javascript:alert(1)',
          arxivAbs: 'http://arxiv.org/abs/1706.03762',
          pdf: 'https://huggingface.co@evil.com/x.pdf',
          code: 'https://evil.com/repo',
          project: 'https://github.com/tensorflow/tensor2tensor',
        },
      }),
    );
    assert.deepEqual(m.links, [
      { kind: 'project', label: 'Project page', url: 'https://github.com/tensorflow/tensor2tensor' },
    ]);
  });

  it('drops a thumbnail from a host other than Hugging Face', () => {
    assert.equal('thumbnail' in paperViewModel(paper({ thumbnail: 'https://tracker.example.com/pixel.png' })), false);
    assert.equal('thumbnail' in paperViewModel(paper({ thumbnail: 'javascript:alert(1)' })), false);
  });

  it('collapses long author lists, by default past 12 showing 8', () => {
    const authors = Array.from({ length: 30 }, (_, i) => `Author ${i + 1}`);
    assert.equal(paperViewModel(paper({ authors })).authorsCollapsedCount, 8);
    assert.equal(paperViewModel(paper({ authors: authors.slice(0, 12) })).authorsCollapsedCount, 12);
    assert.equal(paperViewModel(paper({ authors: authors.slice(0, 13) })).authorsCollapsedCount, 8);
    const custom = paperViewModel(paper({ authors }), { authorCollapseThreshold: 5, authorsWhenCollapsed: 3 });
    assert.equal(custom.authorsCollapsedCount, 3);
    assert.equal(custom.authors.length, 30);
  });

  it('formats dates in the given locale, in UTC', () => {
    const m = paperViewModel(paper({ published: '2024-01-01T23:30:00-05:00', feedDay: '2024-01-01' }), {
      locale: 'de',
    });
    assert.equal(m.published?.label, '2. Jan. 2024');
    assert.equal(m.feedDay?.label, '1. Jan. 2024');
  });

  it('falls back to English for a locale tag Intl rejects', () => {
    assert.equal(paperViewModel(paper(), { locale: '%%bad%%' }).feedDay?.label, 'Jun 13, 2017');
  });

  it('uses the localised link labels it is given', () => {
    const m = paperViewModel(paper(), { linkLabels: { pdf: 'PDF-Datei' } });
    assert.equal(m.links.find((l) => l.kind === 'pdf')?.label, 'PDF-Datei');
    assert.equal(m.links.find((l) => l.kind === 'code')?.label, 'Code');
  });

  it('splits math in the title and abstract, and gives a plain-text title', () => {
    const m = paperViewModel(paper({ title: 'LR^2VQ: $\\sim$2x  Faster', abstract: 'We get $O(n^2)$ cost.' }));
    assert.equal(m.title, 'LR²VQ: ∼2x Faster');
    assert.deepEqual(m.abstract, [
      [
        { kind: 'text', text: 'We get ' },
        { kind: 'math', tex: 'O(n^2)', display: false, source: '$O(n^2)$' },
        { kind: 'text', text: ' cost.' },
      ],
    ]);
  });

  it('collapses whitespace in names, organization and keywords, dropping empty ones', () => {
    const m = paperViewModel(paper({ authors: ['  Ada\n Lovelace ', '', '   '], organization: ' Big\tLab ' }));
    assert.deepEqual(m.authors, ['Ada Lovelace']);
    assert.equal(m.organization, 'Big Lab');
  });
});
