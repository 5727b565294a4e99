/**
 * An in-memory `LookupServices` for the orchestrator tests, and small works in the shape the
 * real clients produce for a handful of well-known papers (what Crossref, DBLP, Semantic
 * Scholar and arXiv answer for them, traps included). Every call is logged so that tests can
 * check the order of look-ups and that a step was or was not taken.
 */
import type { Paper } from '../../../src/core/paper';
import type { LookupServices, TitleQuery } from '../../../src/core/lookup/services';
import type { Work } from '../../../src/core/lookup/work';
import { arxivPaper } from '../../helpers/paper';

type Answer<T> = T | Error | ((signal?: AbortSignal) => Promise<T>);

export interface FakeLookupData {
  arxiv?: Paper[];
  arxivSearch?: Answer<Paper[]>;
  crossrefWorks?: Record<string, Answer<Work | undefined>>;
  crossrefSearch?: Answer<Work[]>;
  dblpSearch?: Answer<Work[]>;
  dblpRecords?: Record<string, Answer<Work | undefined>>;
  s2?: Record<string, Answer<Work | undefined>>;
  /** Makes `arxivByIds` reject. */
  arxivError?: Error;
}

export interface FakeLookup extends LookupServices {
  calls: string[];
}

async function answer<T>(value: Answer<T> | undefined, fallback: T, signal?: AbortSignal): Promise<T> {
  if (value instanceof Error) throw value;
  if (typeof value === 'function') return (value as (signal?: AbortSignal) => Promise<T>)(signal);
  return value === undefined ? fallback : value;
}

export function fakeLookup(data: FakeLookupData = {}): FakeLookup {
  const calls: string[] = [];
  const q = (query: TitleQuery) => (query.author !== undefined ? `${query.title} / ${query.author}` : query.title);
  return {
    calls,
    async arxivByIds(ids) {
      calls.push(`arxivByIds ${ids.join(',')}`);
      if (data.arxivError) throw data.arxivError;
      return (data.arxiv ?? []).filter((p) => ids.includes(p.arxivId ?? p.id));
    },
    async arxivSearch(query, signal) {
      calls.push(`arxivSearch ${q(query)}`);
      return answer(data.arxivSearch, [], signal);
    },
    async huggingFacePaper(id) {
      calls.push(`huggingFacePaper ${id}`);
      return undefined;
    },
    async crossrefWork(doi, signal) {
      calls.push(`crossrefWork ${doi}`);
      return answer(data.crossrefWorks?.[doi], undefined, signal);
    },
    async crossrefSearch(query, signal) {
      calls.push(`crossrefSearch ${q(query)}`);
      return answer(data.crossrefSearch, [], signal);
    },
    async dblpSearch(query, signal) {
      calls.push(`dblpSearch ${q(query)}`);
      return answer(data.dblpSearch, [], signal);
    },
    async dblpRecord(key, signal) {
      calls.push(`dblpRecord ${key}`);
      return answer(data.dblpRecords?.[key], undefined, signal);
    },
    async aclRecord(id) {
      calls.push(`aclRecord ${id}`);
      return undefined;
    },
    async semanticScholarPaper(id, signal) {
      calls.push(`semanticScholarPaper ${id}`);
      return answer(data.s2?.[id], undefined, signal);
    },
  };
}

const VASWANI =
  'Ashish Vaswani|Noam Shazeer|Niki Parmar|Jakob Uszkoreit|Llion Jones|Aidan N. Gomez|Lukasz Kaiser|Illia Polosukhin'.split(
    '|',
  );
const BRAN = [
  'Andres M. Bran',
  'Sam Cox',
  'Oliver Schilter',
  'Carlo Baldassari',
  'Andrew D. White',
  'Philippe Schwaller',
];

/** arXiv's records (export API): only 3D Gaussian Splatting carries a journal reference. */
export const arxiv = {
  attention: arxivPaper('1706.03762', {
    title: 'Attention Is All You Need',
    authors: VASWANI,
    published: '2017-06-12T17:57:34Z',
    source: 'arxiv',
  }),
  resnet: arxivPaper('1512.03385', {
    title: 'Deep Residual Learning for Image Recognition',
    authors: ['Kaiming He', 'Xiangyu Zhang', 'Shaoqing Ren', 'Jian Sun'],
    published: '2015-12-10T19:51:55Z',
    source: 'arxiv',
  }),
  nerf: arxivPaper('2003.08934', {
    title: 'NeRF: Representing Scenes as Neural Radiance Fields for View Synthesis',
    authors: ['Ben Mildenhall', 'Pratul P. Srinivasan', 'Matthew Tancik', 'Jonathan T. Barron'],
    published: '2020-03-19T17:57:23Z',
    source: 'arxiv',
  }),
  // The title Semantic Scholar lists for this arXiv id (the journal's).
  chemcrow: arxivPaper('2304.05376', {
    title: 'Augmenting large language models with chemistry tools',
    authors: BRAN,
    published: '2023-04-11T17:41:13Z',
    source: 'arxiv',
  }),
  paperqa: arxivPaper('2312.07559', {
    title: 'PaperQA: Retrieval-Augmented Generative Agent for Scientific Research',
    authors: ['Jakub Lála', "Odhran O'Donoghue", 'Aleksandar Shtedritski', 'Sam Cox'],
    published: '2023-12-08T18:50:20Z',
    source: 'arxiv',
  }),
  gaussians: arxivPaper('2308.04079', {
    title: '3D Gaussian Splatting for Real-Time Radiance Field Rendering',
    authors: ['Bernhard Kerbl', 'Georgios Kopanas', 'Thomas Leimkühler', 'George Drettakis'],
    published: '2023-08-08T06:37:06Z',
    journalRef: 'ACM Transactions on Graphics, volume 42(4), July 2023',
    source: 'arxiv',
  }),
  grasp: arxivPaper('1710.08557', {
    title: 'On Neuromechanical Approaches for the Study of Biological Grasp and Manipulation',
    authors: ['Francisco J Valero-Cuevas', 'Marco Santello'],
    published: '2017-10-24T00:21:32Z',
    doi: '10.1186/s12984-017-0305-3',
    journalRef: 'Journal of NeuroEngineering and Rehabilitation, 2017',
    source: 'arxiv',
  }),
};

/** Crossref `/works/{doi}` and `/works?query…` answers as the client turns them into works. */
export const crossref = {
  chemcrow: {
    service: 'crossref',
    title: 'Augmenting large language models with chemistry tools',
    authors: BRAN,
    families: ['M. Bran', 'Cox', 'Schilter', 'Baldassari', 'White', 'Schwaller'],
    year: '2024',
    doi: '10.1038/s42256-024-00832-8',
    publication: {
      kind: 'article',
      venue: 'Nature Machine Intelligence',
      year: '2024',
      volume: '6',
      number: '5',
      pages: '525-535',
      publisher: 'Springer Science and Business Media LLC',
      doi: '10.1038/s42256-024-00832-8',
      foundBy: 'crossref',
    },
  },
  resnet: {
    service: 'crossref',
    title: 'Deep Residual Learning for Image Recognition',
    authors: ['Kaiming He', 'Xiangyu Zhang', 'Shaoqing Ren', 'Jian Sun'],
    families: ['He', 'Zhang', 'Ren', 'Sun'],
    year: '2016',
    doi: '10.1109/cvpr.2016.90',
    publication: {
      kind: 'inproceedings',
      venue: '2016 IEEE Conference on Computer Vision and Pattern Recognition (CVPR)',
      year: '2016',
      pages: '770-778',
      publisher: 'IEEE',
      doi: '10.1109/cvpr.2016.90',
      foundBy: 'crossref',
    },
  },
  /** TRAP: the Communications of the ACM research highlight, titled "NeRF" (subtitle apart). */
  nerfCacm: {
    service: 'crossref',
    title: 'NeRF',
    authors: ['Ben Mildenhall', 'Pratul P. Srinivasan', 'Matthew Tancik', 'Jonathan T. Barron'],
    families: ['Mildenhall', 'Srinivasan', 'Tancik', 'Barron'],
    year: '2021',
    doi: '10.1145/3503250',
    publication: {
      kind: 'article',
      venue: 'Communications of the ACM',
      year: '2022',
      pages: '99-106',
      doi: '10.1145/3503250',
      foundBy: 'crossref',
    },
  },
  /** TRAP: Crossref's title + author search for "Attention is All you Need" gives Shaw et al. */
  shaw: {
    service: 'crossref',
    title: 'Self-Attention with Relative Position Representations',
    authors: ['Peter Shaw', 'Jakob Uszkoreit', 'Ashish Vaswani'],
    families: ['Shaw', 'Uszkoreit', 'Vaswani'],
    year: '2018',
    doi: '10.18653/v1/n18-2074',
    publication: {
      kind: 'inproceedings',
      venue:
        'Proceedings of the 2018 Conference of the North American Chapter of the Association for Computational Linguistics: Human Language Technologies, Volume 2 (Short Papers)',
      year: '2018',
      doi: '10.18653/v1/n18-2074',
      foundBy: 'crossref',
    },
  },
  /** TRAP: a 2025 posted-content re-deposit of "Attention Is All You Need" (no venue). */
  attentionRepost: {
    service: 'crossref',
    title: 'Attention Is All You Need',
    authors: VASWANI,
    families: ['Vaswani', 'Shazeer', 'Parmar', 'Uszkoreit', 'Jones', 'N.Gomez', 'Kaiser', 'Polosukhin'],
    year: '2025',
    doi: '10.65215/nxvz2v36',
  },
  /** TRAP: the top row of Crossref's title search for PaperQA is another paper. */
  paperqaOther: {
    service: 'crossref',
    title: 'Retrieval augmented scientific claim verification',
    authors: ['Hao Liu', 'Ali Soroush', 'Jordan G Nestor', 'Elizabeth Park'],
    families: ['Liu', 'Soroush', 'Nestor', 'Park'],
    year: '2024',
    doi: '10.1093/jamiaopen/ooae021',
    publication: {
      kind: 'article',
      venue: 'JAMIA Open',
      year: '2024',
      doi: '10.1093/jamiaopen/ooae021',
      foundBy: 'crossref',
    },
  },
  grasp: {
    service: 'crossref',
    title: 'On neuromechanical approaches for the study of biological and robotic grasp and manipulation',
    authors: ['Francisco J. Valero-Cuevas', 'Marco Santello'],
    families: ['Valero-Cuevas', 'Santello'],
    year: '2017',
    doi: '10.1186/s12984-017-0305-3',
    publication: {
      kind: 'article',
      venue: 'Journal of NeuroEngineering and Rehabilitation',
      year: '2017',
      volume: '14',
      number: '1',
      doi: '10.1186/s12984-017-0305-3',
      foundBy: 'crossref',
    },
  },
} satisfies Record<string, Work>;

/** DBLP search hits and records. */
export const dblp = {
  attentionNips: {
    service: 'dblp',
    title: 'Attention is All you Need.',
    authors: VASWANI,
    year: '2017',
    dblpKey: 'conf/nips/VaswaniSPUJGKP17',
    publication: { kind: 'inproceedings', venue: 'NIPS', year: '2017', pages: '5998-6008', foundBy: 'dblp' },
  },
  attentionNipsRecord: {
    service: 'dblp',
    title: 'Attention is All you Need',
    authors: VASWANI,
    families: ['Vaswani', 'Shazeer', 'Parmar', 'Uszkoreit', 'Jones', 'Gomez', 'Kaiser', 'Polosukhin'],
    year: '2017',
    dblpKey: 'conf/nips/VaswaniSPUJGKP17',
    publication: {
      kind: 'inproceedings',
      venue:
        'Advances in Neural Information Processing Systems 30: Annual Conference on Neural Information Processing Systems 2017, December 4-9, 2017, Long Beach, CA, USA',
      year: '2017',
      pages: '5998-6008',
      foundBy: 'dblp',
    },
  },
  attentionCorr: {
    service: 'dblp',
    title: 'Attention Is All You Need.',
    authors: VASWANI,
    year: '2017',
    dblpKey: 'journals/corr/VaswaniSPUJGKP17',
    arxivId: '1706.03762',
    doi: '10.48550/arxiv.1706.03762',
  },
  /** TRAPS: what DBLP's search answers first for "attention is all you need". */
  attentionalTransfer: {
    service: 'dblp',
    title: 'Attentional Transfer is All You Need: Technology-aware Layout Pattern Generation.',
    authors: ['Xiaopeng Zhang 0009', 'Haoyu Yang', 'Evangeline F. Y. Young'],
    year: '2021',
    dblpKey: 'conf/dac/ZhangYY21',
    doi: '10.1109/dac18074.2021.9586227',
    publication: {
      kind: 'inproceedings',
      venue: 'DAC',
      year: '2021',
      pages: '169-174',
      doi: '10.1109/dac18074.2021.9586227',
      foundBy: 'dblp',
    },
  },
  butYouDont: {
    service: 'dblp',
    title: "Attention Is All You Need But You Don't Need All Of It For Inference of Large Language Models.",
    authors: ['Georgy Tyukin', 'Gbètondji J.-S. Dovonon', 'Jean Kaddour', 'Pasquale Minervini'],
    year: '2024',
    dblpKey: 'journals/corr/abs-2407-15516',
    arxivId: '2407.15516',
    doi: '10.48550/arxiv.2407.15516',
  },
  resnet: {
    service: 'dblp',
    title: 'Deep Residual Learning for Image Recognition.',
    authors: ['Kaiming He', 'Xiangyu Zhang', 'Shaoqing Ren', 'Jian Sun'],
    year: '2016',
    dblpKey: 'conf/cvpr/HeZRS16',
    doi: '10.1109/cvpr.2016.90',
    publication: {
      kind: 'inproceedings',
      venue: 'CVPR',
      year: '2016',
      pages: '770-778',
      doi: '10.1109/cvpr.2016.90',
      foundBy: 'dblp',
    },
  },
  resnetCorr: {
    service: 'dblp',
    title: 'Deep Residual Learning for Image Recognition.',
    authors: ['Kaiming He', 'Xiangyu Zhang', 'Shaoqing Ren', 'Jian Sun'],
    year: '2015',
    dblpKey: 'journals/corr/HeZRS15',
    arxivId: '1512.03385',
    doi: '10.48550/arxiv.1512.03385',
  },
} satisfies Record<string, Work>;

/** Semantic Scholar graph `/paper/{id}` answers. */
export const s2 = {
  /** Its year is the arXiv year (2023) while the journal's is 2024. */
  chemcrow: {
    service: 'semanticScholar',
    title: 'Augmenting large language models with chemistry tools',
    authors: ['Andrés M Bran', 'Sam Cox', 'Oliver Schilter', 'Carlo Baldassari', 'Andrew D. White', 'P. Schwaller'],
    year: '2023',
    arxivId: '2304.05376',
    doi: '10.1038/s42256-024-00832-8',
    dblpKey: 'journals/natmi/BranCSBWS24',
    publication: {
      kind: 'article',
      venue: 'Nature Machine Intelligence',
      volume: '6',
      pages: '525-535',
      doi: '10.1038/s42256-024-00832-8',
      foundBy: 'semanticScholar',
    },
  },
  /** A preprint only: venue arXiv.org, so no publication. */
  paperqa: {
    service: 'semanticScholar',
    title: 'PaperQA: Retrieval-Augmented Generative Agent for Scientific Research',
    authors: ["Jakub L'ala", "Odhran O'Donoghue", 'Aleksandar Shtedritski', 'Sam Cox'],
    year: '2023',
    arxivId: '2312.07559',
    doi: '10.48550/arxiv.2312.07559',
    dblpKey: 'journals/corr/abs-2312-07559',
  },
  attention: {
    service: 'semanticScholar',
    title: 'Attention is All you Need',
    authors: ['Ashish Vaswani', 'Noam M. Shazeer', 'Niki Parmar', 'Jakob Uszkoreit'],
    year: '2017',
    arxivId: '1706.03762',
    dblpKey: 'journals/corr/VaswaniSPUJGKP17',
    publication: {
      kind: 'inproceedings',
      venue: 'Neural Information Processing Systems',
      year: '2017',
      pages: '5998-6008',
      foundBy: 'semanticScholar',
    },
  },
} satisfies Record<string, Work>;
