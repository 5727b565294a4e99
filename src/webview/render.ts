/**
 * Builds the abstract view from a PaperViewModel. Paper data only ever reaches the DOM as
 * text (`textContent`, text nodes, attribute values set one by one) or through KaTeX;
 * nothing here parses a string as HTML. Links are buttons that ask the host to open them.
 */
import type { PaperLinkView, PaperViewModel } from '../core/view/paperView';
import type { HfLinksView, LinkedGroupView } from '../core/view/hfLinksView';
import type { SimilarView } from '../core/view/similarView';
import { appendSegments } from './mathRender';
import type { CitedList, PageAction, PageMessage, PageStrings } from './protocol';

export interface RenderOptions {
  strings: PageStrings;
  saved: boolean;
  tags: readonly string[];
  authorsExpanded: boolean;
  cited: CitedList;
  /** What Hugging Face links to the paper, when the host has said. */
  hfLinks?: HfLinksView;
  /** The papers most like it, when the host has said. */
  similar?: SimilarView;
  post(message: PageMessage): void;
  onAuthorsToggled(expanded: boolean): void;
}

export interface RenderedPaper {
  /** Redraws the Save button and the tag chips alone. */
  setSaved(saved: boolean, tags: readonly string[]): void;
  /** Redraws the "Cited in" section alone, so focus and scroll elsewhere stay put. */
  setCited(cited: CitedList): void;
  /** Redraws the "On Hugging Face" section and the stars by the code link alone. */
  setHfLinks(links: HfLinksView | undefined): void;
  /** Redraws the "Similar papers" section alone. */
  setSimilar(similar: SimilarView | undefined): void;
}

export function renderPaper(root: HTMLElement, model: PaperViewModel, options: RenderOptions): RenderedPaper {
  const { strings } = options;
  const article = el('article', 'paper');
  article.setAttribute('aria-labelledby', 'paper-title');

  const header = el('header');
  if (typeof model.thumbnail === 'string' && isHttps(model.thumbnail)) {
    const img = document.createElement('img');
    img.className = 'thumbnail';
    img.alt = strings.thumbnail;
    img.src = model.thumbnail;
    img.referrerPolicy = 'no-referrer';
    header.append(img);
  }
  const h1 = el('h1');
  h1.id = 'paper-title';
  appendSegments(h1, model.titleSegments);
  if (h1.childNodes.length === 0) h1.textContent = String(model.title ?? '');
  header.append(h1);
  if (Array.isArray(model.authors) && model.authors.length > 0) header.append(authorsBlock(model, options));
  const meta = metaLine(model, strings, options.post);
  if (meta) header.append(meta);
  // The reading list's tags, under the facts; out of the page while the paper has none.
  const tagList = el('ul', 'chips tags');
  tagList.setAttribute('aria-label', strings.tags);
  article.append(header);

  const actions = el('div', 'actions');
  actions.setAttribute('role', 'group');
  actions.setAttribute('aria-label', strings.actions);
  actions.append(actionButton(strings.cite, 'cite', options.post, 'primary'));
  actions.append(actionButton(strings.copyBibtex, 'copyBibtex', options.post));
  const save = actionButton('', 'save', options.post);
  actions.append(save);
  actions.append(actionButton(strings.editTags, 'tags', options.post));
  actions.append(actionButton(strings.openNotes, 'openNotes', options.post));
  actions.append(actionButton(strings.saveToZotero, 'saveToZotero', options.post));
  if (hasLink(model, 'pdf')) actions.append(actionButton(strings.openPdf, 'openPdf', options.post));
  if (hasLink(model, 'huggingFace')) {
    actions.append(actionButton(strings.openHuggingFace, 'openHuggingFace', options.post));
  }
  article.append(actions);

  const cited = el('section', 'cited-in');
  cited.setAttribute('aria-labelledby', 'cited-in-heading');

  const abstract = section('abstract', strings.abstract);
  if (Array.isArray(model.abstract) && model.abstract.length > 0) {
    for (const paragraph of model.abstract) {
      const p = el('p');
      appendSegments(p, paragraph);
      abstract.append(p);
    }
  } else {
    abstract.append(el('p', 'empty', strings.noAbstract));
  }
  article.append(abstract);

  if (Array.isArray(model.aiSummary) && model.aiSummary.length > 0) {
    const summary = section('ai-summary', strings.aiSummary);
    for (const paragraph of model.aiSummary) {
      const p = el('p');
      appendSegments(p, paragraph);
      summary.append(p);
    }
    article.append(summary);
  }

  if (Array.isArray(model.aiKeywords) && model.aiKeywords.length > 0) {
    const keywords = section('keywords', strings.keywords);
    const list = el('ul', 'chips');
    for (const keyword of model.aiKeywords) list.append(el('li', undefined, String(keyword)));
    keywords.append(list);
    article.append(keywords);
  }

  const links = Array.isArray(model.links)
    ? model.links.filter((l) => typeof l?.url === 'string' && isHttps(l.url))
    : [];
  let codeItem: HTMLLIElement | undefined;
  if (links.length > 0) {
    const nav = el('nav', 'links');
    nav.setAttribute('aria-label', strings.links);
    nav.append(el('h2', undefined, strings.links));
    const list = el('ul');
    for (const link of links) {
      const item = el('li', undefined, linkButton(link, options.post));
      if (link.kind === 'code') codeItem ??= item;
      list.append(item);
    }
    nav.append(list);
    article.append(nav);
  }
  const codeStars = el('span', 'stars');
  const hf = el('section', 'hf-links');
  hf.setAttribute('aria-labelledby', 'hf-links-heading');
  const similar = el('section', 'similar');
  similar.setAttribute('aria-labelledby', 'similar-heading');

  root.replaceChildren(article);

  const setSaved = (saved: boolean, tags: readonly string[]) => {
    save.textContent = saved ? strings.unsave : strings.save;
    save.setAttribute('aria-pressed', saved ? 'true' : 'false');
    const names = Array.isArray(tags) ? tags.map((t) => String(t)) : [];
    tagList.replaceChildren(...names.map((name) => el('li', 'tag', name)));
    if (names.length > 0) header.append(tagList);
    else tagList.remove();
  };
  setSaved(options.saved, options.tags);
  const setCited = (list: CitedList) => {
    // Out of the page while the paper is cited nowhere; otherwise right under the actions.
    if (fillCited(cited, list, options)) actions.after(cited);
    else cited.remove();
  };
  setCited(options.cited);
  const setHfLinks = (view: HfLinksView | undefined) => {
    const shown = view && view.paperId === model.id ? view : undefined;
    // Before "Similar papers", which stays last whichever section came first.
    if (fillHfLinks(hf, shown, model, options)) article.insertBefore(hf, similar.isConnected ? similar : null);
    else hf.remove();
    // Stars belong to the code: beside its link, in the meta line only when there is none.
    const stars = isCount(shown?.githubStars) ? shown.githubStars : model.githubStars;
    if (codeItem && isCount(stars)) {
      codeStars.textContent = format(strings.githubStars, stars);
      codeItem.append(codeStars);
    } else codeStars.remove();
  };
  setHfLinks(options.hfLinks);
  const setSimilar = (view: SimilarView | undefined) => {
    if (fillSimilar(similar, view && view.paperId === model.id ? view : undefined, options)) article.append(similar);
    else similar.remove();
  };
  setSimilar(options.similar);
  return { setSaved, setCited, setHfLinks, setSimilar };
}

/** Fills the "Similar papers" section; false when there is nothing to show. */
function fillSimilar(section: HTMLElement, view: SimilarView | undefined, options: RenderOptions): boolean {
  const items = view && Array.isArray(view.items) ? view.items : [];
  if (items.length === 0) {
    section.replaceChildren();
    return false;
  }
  const { strings, post } = options;
  const heading = el('h2', undefined, strings.similarPapers);
  heading.id = 'similar-heading';
  const list = el('ul', 'similar-list');
  items.forEach((item, index) => {
    const title = String(item.title);
    const button = el('button', 'link', title);
    button.type = 'button';
    button.dataset.similar = String(index);
    button.addEventListener('click', () => post({ type: 'openSimilar', index, title }));
    const li = el('li', undefined, button);
    const detail = String(item.detail ?? '');
    if (detail) li.append(el('span', 'counts', detail));
    // The percentage on one line: "31 %" broken after the number reads as two facts.
    if (typeof item.similarity === 'number') {
      li.append(el('span', 'counts similarity', format(strings.similarity, Math.round(item.similarity * 100))));
    }
    list.append(li);
  });
  section.replaceChildren(heading, list);
  return true;
}

/** Fills the "On Hugging Face" section; false when there is nothing to show. */
function fillHfLinks(
  section: HTMLElement,
  view: HfLinksView | undefined,
  model: PaperViewModel,
  options: RenderOptions,
): boolean {
  if (!view || typeof view.paperUrl !== 'string' || !isHttps(view.paperUrl)) {
    section.replaceChildren();
    return false;
  }
  const { strings, post } = options;
  const parts: HTMLElement[] = [];
  const heading = el('h2', undefined, strings.onHuggingFace);
  heading.id = 'hf-links-heading';
  parts.push(heading);

  const about: HTMLElement[] = [];
  if (typeof view.submittedBy === 'string' && view.submittedBy.length > 0) {
    about.push(el('li', 'submitter', fill(strings.submittedBy, view.submittedBy)));
  }
  // The meta line already shows (and links) the count the feed gave.
  if (isCount(view.numComments) && !isCount(model.numComments)) {
    about.push(
      el(
        'li',
        'comments',
        commentsButton(counted(strings.comments, strings.oneComment, view.numComments), view.paperUrl, post),
      ),
    );
  }
  if (about.length > 0) {
    const list = el('ul', 'hf-meta');
    list.append(...about);
    parts.push(list);
  }

  const groups = Array.isArray(view.groups) ? view.groups : [];
  for (const group of groups) {
    const block = linkedGroup(group, view.paperUrl, options);
    if (block) parts.push(block);
  }
  if (parts.length === 1) {
    section.replaceChildren();
    return false;
  }
  section.replaceChildren(...parts);
  return true;
}

function linkedGroup(group: LinkedGroupView, paperUrl: string, options: RenderOptions): HTMLElement | undefined {
  const { strings, post } = options;
  const title =
    group.kind === 'models'
      ? strings.models
      : group.kind === 'datasets'
        ? strings.datasets
        : group.kind === 'spaces'
          ? strings.spaces
          : undefined;
  if (title === undefined) return undefined;
  const items = Array.isArray(group.items)
    ? group.items.filter((i) => typeof i?.url === 'string' && isHttps(i.url))
    : [];
  const more = isCount(group.more) ? group.more : 0;
  if (items.length === 0 && more === 0) return undefined;
  const block = el('div', 'linked');
  block.dataset.kind = group.kind;
  block.append(el('h3', undefined, title));
  const list = el('ul', 'linked-list');
  for (const item of items) {
    const li = el('li', undefined, openButton(String(item.label ?? item.url), item.url, post));
    const counts: string[] = [];
    if (isCount(item.likes)) counts.push(format(strings.likes, item.likes));
    if (isCount(item.downloads)) counts.push(format(strings.downloads, item.downloads));
    if (counts.length > 0) li.append(el('span', 'counts', counts.join(' · ')));
    list.append(li);
  }
  if (items.length > 0) block.append(list);
  if (more > 0) {
    const button = openButton(format(strings.moreOnHuggingFace, more), paperUrl, post);
    button.dataset.kind = 'more';
    block.append(el('p', 'more-linked', button));
  }
  return block;
}

function commentsButton(label: string, url: string, post: (m: PageMessage) => void): HTMLButtonElement {
  const button = openButton(label, url, post);
  button.dataset.kind = 'comments';
  return button;
}

/** A button that looks like a link and asks the host to open `url` (the host checks it again). */
function openButton(label: string, url: string, post: (m: PageMessage) => void): HTMLButtonElement {
  const button = el('button', 'link', label);
  button.type = 'button';
  button.title = url;
  button.addEventListener('click', () => post({ type: 'openLink', url }));
  return button;
}

function authorsBlock(model: PaperViewModel, options: RenderOptions): HTMLElement {
  const { strings } = options;
  const block = el('section', 'authors');
  block.setAttribute('aria-label', strings.authors);
  const list = el('ul', 'author-list');
  list.id = 'author-list';
  block.append(list);
  const all = model.authors.map((a) => String(a));
  const collapsedCount = Number.isSafeInteger(model.authorsCollapsedCount) ? model.authorsCollapsedCount : all.length;
  const hidden = all.length - Math.max(0, Math.min(collapsedCount, all.length));

  let expanded = options.authorsExpanded;
  const fill = () => {
    const shown = expanded || hidden <= 0 ? all : all.slice(0, all.length - hidden);
    list.replaceChildren(...shown.map((name) => el('li', undefined, name)));
  };
  fill();
  if (hidden > 0) {
    const toggle = el('button', 'authors-toggle');
    toggle.type = 'button';
    toggle.setAttribute('aria-controls', 'author-list');
    const label = () => {
      toggle.textContent = expanded ? strings.fewerAuthors : format(strings.moreAuthors, hidden);
      toggle.setAttribute('aria-expanded', expanded ? 'true' : 'false');
    };
    label();
    toggle.addEventListener('click', () => {
      expanded = !expanded;
      fill();
      label();
      options.onAuthorsToggled(expanded);
    });
    block.append(toggle);
  }
  return block;
}

/** Fills the "Cited in" section, each place a button that asks the host to open it; false when empty. */
function fillCited(section: HTMLElement, cited: CitedList, options: RenderOptions): boolean {
  const { strings } = options;
  const labels = Array.isArray(cited.labels) ? cited.labels.map((l) => String(l)) : [];
  if (labels.length === 0) {
    section.replaceChildren();
    return false;
  }
  const heading = el('h2', undefined, strings.citedIn);
  heading.id = 'cited-in-heading';
  const list = el('ul', 'places');
  labels.forEach((label, index) => {
    const button = el('button', 'place', label);
    button.type = 'button';
    button.title = fill(strings.openPlace, label);
    button.addEventListener('click', () => options.post({ type: 'openPlace', index, label }));
    list.append(el('li', undefined, button));
  });
  const parts: HTMLElement[] = [heading, list];
  if (isCount(cited.more) && cited.more > 0) parts.push(el('p', 'more-places', format(strings.morePlaces, cited.more)));
  section.replaceChildren(...parts);
  return true;
}

function metaLine(
  model: PaperViewModel,
  strings: PageStrings,
  post: (m: PageMessage) => void,
): HTMLElement | undefined {
  const items: HTMLElement[] = [];
  if (model.published) items.push(dateItem(strings.published, model.published.iso, model.published.label));
  if (model.feedDay) items.push(dateItem(strings.listed, model.feedDay.iso, model.feedDay.label));
  if (isCount(model.upvotes)) {
    items.push(el('li', 'upvotes', counted(strings.upvotes, strings.oneUpvote, model.upvotes)));
  }
  if (isCount(model.numComments)) {
    // The count opens the discussion, which is on the paper's Hugging Face page.
    const page = Array.isArray(model.links) ? model.links.find((l) => l?.kind === 'huggingFace') : undefined;
    const text = counted(strings.comments, strings.oneComment, model.numComments);
    items.push(el('li', 'comments', page && isHttps(page.url) ? commentsButton(text, page.url, post) : text));
  }
  if (isCount(model.githubStars) && !hasLink(model, 'code')) {
    items.push(el('li', 'stars', format(strings.githubStars, model.githubStars)));
  }
  if (typeof model.organization === 'string' && model.organization.length > 0) {
    const org = el('li', 'organization', model.organization);
    org.title = strings.organization;
    items.push(org);
  }
  if (items.length === 0) return undefined;
  const list = el('ul', 'meta');
  list.append(...items);
  return list;
}

/** `Published {0}` with a `<time>` in place of `{0}`, text on either side kept as text. */
function dateItem(template: string, iso: string, label: string): HTMLElement {
  const li = el('li', 'date');
  const [before, after] = splitTemplate(template);
  const time = el('time', undefined, String(label));
  time.setAttribute('datetime', String(iso));
  li.append(document.createTextNode(before), time, document.createTextNode(after));
  return li;
}

function actionButton(
  label: string,
  action: PageAction,
  post: (m: PageMessage) => void,
  variant?: string,
): HTMLButtonElement {
  const button = el('button', variant ? `action ${variant}` : 'action', label);
  button.type = 'button';
  button.dataset.action = action;
  button.addEventListener('click', () => post({ type: 'action', action }));
  return button;
}

function linkButton(link: PaperLinkView, post: (m: PageMessage) => void): HTMLButtonElement {
  const button = el('button', 'link', String(link.label ?? link.url));
  button.type = 'button';
  button.title = link.url;
  button.dataset.kind = String(link.kind);
  button.addEventListener('click', () => post({ type: 'openLink', url: link.url }));
  return button;
}

function section(className: string, heading: string): HTMLElement {
  const s = el('section', className);
  s.append(el('h2', undefined, heading));
  return s;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  content?: string | Node,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (typeof content === 'string') node.textContent = content;
  else if (content) node.append(content);
  return node;
}

function hasLink(model: PaperViewModel, kind: PaperLinkView['kind']): boolean {
  return (
    Array.isArray(model.links) &&
    model.links.some((l) => l?.kind === kind && typeof l.url === 'string' && isHttps(l.url))
  );
}

/** The host re-checks every link against its allow-list; this only keeps odd ones off the page. */
function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

/** `n` things: the singular text for one, the template for every other number. */
function counted(template: string, one: string, n: number): string {
  return n === 1 ? one : format(template, n);
}

function format(template: string, n: number): string {
  const [before, after] = splitTemplate(template);
  return `${before}${localNumber(n)}${after}`;
}

/**
 * `n` written in the page's language, the `lang` the host gave the document (VS Code's display
 * language); the browser's own language may differ from it.
 */
function localNumber(n: number): string {
  const lang = typeof document === 'undefined' ? '' : document.documentElement.lang;
  try {
    return n.toLocaleString(lang || undefined);
  } catch {
    return n.toLocaleString();
  }
}

/** `template` with `{0}` replaced by `text`, as text. */
function fill(template: string, text: string): string {
  const at = template.indexOf('{0}');
  return at < 0 ? `${template} ${text}` : `${template.slice(0, at)}${text}${template.slice(at + 3)}`;
}

function splitTemplate(template: string): [string, string] {
  const at = template.indexOf('{0}');
  return at < 0 ? [template + ' ', ''] : [template.slice(0, at), template.slice(at + 3)];
}
