/**
 * Draws text/math segments into the page. Text goes in through `textContent` and text
 * nodes only; math goes through `katex.render`, which builds DOM nodes itself (so KaTeX's
 * own spans and MathML are the only markup the page ever gets from paper data). A fragment
 * KaTeX cannot typeset is shown as the text it was written as, never dropped.
 */
import katex from 'katex';
import type { Segment, TextStyle } from '../core/view/texSegments';

/**
 * The colour KaTeX paints what it could not typeset with. Distinctive, so a fragment that
 * used an unknown or untrusted command (`\foo`, `\href`) can be found and shown as text.
 */
const ERROR_MARK = '#cc0001';

const KATEX_OPTIONS = {
  throwOnError: false,
  trust: false,
  strict: 'ignore',
  maxExpand: 1000,
  output: 'htmlAndMathml',
  errorColor: ERROR_MARK,
} as const;

const STYLE_TAGS: Record<TextStyle, 'em' | 'strong' | 'code' | 'sup'> = {
  em: 'em',
  strong: 'strong',
  code: 'code',
  sup: 'sup',
};

export function appendSegments(parent: HTMLElement, segments: readonly Segment[]): void {
  if (!Array.isArray(segments)) return;
  for (const seg of segments as readonly Segment[]) {
    if (seg?.kind === 'text' && typeof seg.text === 'string') {
      // Own-property lookup: a style name from a tampered state must not reach the prototype.
      const tag = seg.style !== undefined && Object.hasOwn(STYLE_TAGS, seg.style) ? STYLE_TAGS[seg.style] : undefined;
      if (tag) {
        const el = document.createElement(tag);
        el.textContent = seg.text;
        parent.append(el);
      } else {
        parent.append(document.createTextNode(seg.text));
      }
    } else if (seg?.kind === 'math' && typeof seg.tex === 'string') {
      parent.append(mathElement(seg.tex, seg.display === true, typeof seg.source === 'string' ? seg.source : seg.tex));
    }
  }
}

function mathElement(tex: string, display: boolean, source: string): HTMLElement {
  const holder = document.createElement('span');
  holder.className = display ? 'math math-display' : 'math';
  try {
    katex.render(tex, holder, { ...KATEX_OPTIONS, displayMode: display });
    if (!typesetCleanly(holder)) showAsText(holder, source);
  } catch {
    showAsText(holder, source);
  }
  return holder;
}

function typesetCleanly(holder: HTMLElement): boolean {
  if (holder.querySelector('.katex-error')) return false;
  return !holder.querySelector(`[mathcolor="${ERROR_MARK}"]`);
}

function showAsText(holder: HTMLElement, source: string): void {
  holder.className = 'math-fallback';
  holder.textContent = source;
}
