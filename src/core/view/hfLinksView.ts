/**
 * The abstract view's "On Hugging Face" section as plain data, built by the host from what
 * Hugging Face answered (and what the feed already said of the paper) and posted to the
 * page. Every URL points at huggingface.co and has passed the link allow-list, so a click
 * the page sends back opens exactly this.
 */
import type { HfLinks } from '../hfLinks/hfLinks';
import { LINKED_KINDS, type LinkedKind } from '../hfLinks/linkedRepos';
import type { Paper } from '../paper';
import { checkLink } from './linkPolicy';

export interface LinkedItemView {
  /** `owner/name`, shown as the link text. */
  label: string;
  url: string;
  likes?: number;
  downloads?: number;
}

export interface LinkedGroupView {
  kind: LinkedKind;
  items: LinkedItemView[];
  /** How many more Hugging Face lists than shown (they are on the paper page). */
  more: number;
}

export interface HfLinksView {
  /** The paper these belong to: the page ignores a section for another one. */
  paperId: string;
  /** Only kinds with something linked, in the order models, datasets, Spaces. */
  groups: LinkedGroupView[];
  /** The paper page on Hugging Face, where everything listed (and the discussion) is. */
  paperUrl: string;
  submittedBy?: string;
  numComments?: number;
  githubStars?: number;
}

const WEB = 'https://huggingface.co';
const PREFIX: Record<LinkedKind, string> = { models: '', datasets: 'datasets/', spaces: 'spaces/' };

/** Where a linked repository is on the web: models at the root, the others under their kind. */
export function repoWebUrl(kind: LinkedKind, id: string): string {
  return `${WEB}/${PREFIX[kind]}${id.split('/').map(encodeURIComponent).join('/')}`;
}

export function paperPageUrl(arxivId: string): string {
  return `${WEB}/papers/${arxivId.split('/').map(encodeURIComponent).join('/')}`;
}

function allowed(url: string): string | undefined {
  const check = checkLink(url);
  return check.ok ? check.url : undefined;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/**
 * The section for `paper` from Hugging Face's answer; what the answer lacks (submitter,
 * comments, stars) is taken from the paper as the feed gave it. Undefined when there is
 * nothing to show, so a paper Hugging Face knows nothing about gets no empty section.
 */
export function hfLinksView(
  paper: Pick<Paper, 'id' | 'submittedBy' | 'numComments' | 'githubStars'>,
  links: HfLinks | undefined,
): HfLinksView | undefined {
  const paperUrl = allowed(paperPageUrl(links?.arxivId ?? paper.id));
  if (!paperUrl) return undefined;
  const groups: LinkedGroupView[] = [];
  for (const kind of LINKED_KINDS) {
    const list = links?.[kind];
    if (!list) continue;
    const items: LinkedItemView[] = [];
    for (const repo of list.items) {
      const url = allowed(repoWebUrl(kind, repo.id));
      if (!url) continue;
      items.push({
        label: repo.id,
        url,
        ...(count(repo.likes) !== undefined ? { likes: repo.likes } : {}),
        ...(count(repo.downloads) !== undefined ? { downloads: repo.downloads } : {}),
      });
    }
    const more = Math.max(0, list.total - items.length);
    if (items.length > 0 || more > 0) groups.push({ kind, items, more });
  }
  const view: HfLinksView = { paperId: paper.id, groups, paperUrl };
  const submittedBy = links?.submittedBy ?? paper.submittedBy;
  if (typeof submittedBy === 'string' && submittedBy.trim()) view.submittedBy = submittedBy.trim();
  const comments = count(links?.numComments) ?? count(paper.numComments);
  if (comments !== undefined) view.numComments = comments;
  const stars = count(links?.githubStars) ?? count(paper.githubStars);
  if (stars !== undefined) view.githubStars = stars;
  const empty = groups.length === 0 && view.submittedBy === undefined && !view.numComments;
  return empty ? undefined : view;
}
