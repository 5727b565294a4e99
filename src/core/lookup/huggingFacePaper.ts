/**
 * Hugging Face's paper API, `GET {hf}/api/papers/{arxivId}`: the same paper object a daily
 * papers item carries under `paper` (id, title, summary, authors, publishedAt, upvotes,
 * ai_summary, ai_keywords, githubRepo, projectPage, …), read by the daily feed's parser.
 */
import { apiUrl } from '../net/baseUrl';
import { getJson, type HttpOptions } from '../net/http';
import { HttpError } from '../net/httpError';
import { isRecord } from '../guards';
import { normaliseArxivId, type Paper } from '../paper';
import { parseDailyItem } from '../sources/huggingfaceParse';

export const HUGGING_FACE_BASE_URL = 'https://huggingface.co';

export function huggingFacePaperUrl(baseUrl: string, arxivId: string): string {
  const id = normaliseArxivId(arxivId);
  if (id === undefined) throw new RangeError(`"${arxivId}" is not an arXiv identifier`);
  // Old-style ids keep their slash: the API routes `hep-th/9901001` as one path.
  return apiUrl(baseUrl, `/api/papers/${id.split('/').map(encodeURIComponent).join('/')}`).toString();
}

/** A paper object (or an item wrapping one) to a Paper; an error object or anything else throws. */
export function parseHuggingFacePaper(json: unknown): Paper {
  const paper = isRecord(json) ? parseDailyItem(json, 'lookup') : undefined;
  if (paper === undefined) {
    const detail = isRecord(json) && typeof json.error === 'string' ? ` (error: ${json.error.slice(0, 200)})` : '';
    throw new Error(`Hugging Face answered something that is not a paper${detail}`);
  }
  return paper;
}

/** The paper, or undefined when Hugging Face has no page for it (404). */
export async function fetchHuggingFacePaper(options: {
  baseUrl: string;
  arxivId: string;
  http?: HttpOptions;
}): Promise<Paper | undefined> {
  const url = huggingFacePaperUrl(options.baseUrl, options.arxivId);
  let json: unknown;
  try {
    json = await getJson(url, options.http);
  } catch (err) {
    if (err instanceof HttpError && err.status === 404) return undefined;
    throw err;
  }
  return parseHuggingFacePaper(json);
}
