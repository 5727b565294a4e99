/**
 * Papers on made-up topics for the recommendation tests: each topic has its own words, and
 * every paper mixes its topic's words with words common to all, so that a model can only
 * tell topics apart by the words that belong to them. Seeded: the same call gives the same papers.
 */
import type { Paper } from '../../src/core/paper';
import { paper } from './paper';
import { seededRandom } from '../../src/core/seededRandom';

export const TOPIC_WORDS: Record<string, string[]> = {
  diffusion: ['diffusion', 'denoising', 'score', 'sampler', 'noise', 'schedule', 'latent', 'image', 'guidance', 'unet'],
  proteins: [
    'protein',
    'folding',
    'residue',
    'structure',
    'binding',
    'enzyme',
    'sequence',
    'molecule',
    'docking',
    'amino',
  ],
  robotics: [
    'robot',
    'manipulation',
    'grasp',
    'policy',
    'gripper',
    'sim2real',
    'locomotion',
    'control',
    'arm',
    'tactile',
  ],
  retrieval: ['retrieval', 'index', 'query', 'ranking', 'dense', 'passage', 'reranker', 'document', 'search', 'recall'],
};
const COMMON = [
  'model',
  'method',
  'results',
  'propose',
  'performance',
  'training',
  'data',
  'approach',
  'show',
  'evaluate',
];

/** `count` papers of `topic`, ids `<topic>-<n>` from `from` on. */
export function topicPapers(topic: string, count: number, from = 0, seed = 1): Paper[] {
  const r = seededRandom(seed * 7919 + topic.length * 104729 + from);
  const own = TOPIC_WORDS[topic];
  const pick = (list: string[]) => list[Math.floor(r() * list.length)];
  return Array.from({ length: count }, (_, i) => {
    const words = Array.from({ length: 40 }, () => (r() < 0.45 ? pick(own) : pick(COMMON)));
    return paper({
      id: `${topic}-${from + i}`,
      title: `${pick(own)} ${pick(COMMON)} ${pick(own)} ${from + i}`,
      abstract: `${words.join(' ')}.`,
      upvotes: Math.floor(r() * 50),
    });
  });
}
