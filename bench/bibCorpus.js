// @ts-check
/**
 * A seeded generator of a bibliography and of the documents that cite from it, for the bench's
 * citation rows (issue 14): a .bib as reference managers and hand editing leave them (`@string`
 * venue macros, month macros, `#` concatenation, braces and quotes, tab-aligned fields,
 * wrapped author lists, TeX accents, 3–20 authors, abstracts of about 1,000 characters on half
 * the entries), and a LaTeX and a pandoc Markdown document of prose, math, comments and code
 * citing its keys in every common form, a few of them missing or written in another case.
 */
'use strict';

const { rng } = require('./corpus');

/** @typedef {ReturnType<typeof rng>} Rng */

const FAMILIES =
  'Smith Zhang Wang Li Müller García Nguyen Kim Patel Rossi Ivanov Kowalski Johansson Dubois Okafor Tanaka Silva Cohen Novak Schmidt Brown Chen Liu Martin Yilmaz Haddad Sato Park Jensen Moreau Fischer Romano Andersen Kumar Singh Ortiz Weber Costa Lindqvist Nakamura'.split(
    ' ',
  );
const GIVEN =
  'Anna Wei José Yuki Maria Ahmed Sofia Lukas Priya Chloé Olusegun Mei Jakub Elena David Noor Tomás Ingrid Hiroshi Fatima Pierre Leila Marco Aisha Jonas Hana'.split(
    ' ',
  );
// How a .bib spells the names above with non-ASCII letters: the TeX accents users write.
const TEX_SPELLING = /** @type {Record<string, string>} */ ({
  Müller: 'M{\\"u}ller',
  García: "Garc{\\'\\i}a",
  José: "Jos{\\'e}",
  Chloé: "Chlo{\\'e}",
  Tomás: "Tom{\\'a}s",
});
const WORDS =
  'learning model neural sparse attention graph inference robust efficient training data language vision policy reward latent structure scalable adaptive kernel optimization benchmark representation retrieval generation reasoning transfer causal temporal memory alignment evaluation'.split(
    ' ',
  );
const ACRONYMS = ['BERT', 'GPT', 'LSTM', 'GAN', 'ResNet', 'ImageNet', 'SAT', 'MCMC', 'RL', 'CLIP'];
const VENUES = /** @type {const} */ ([
  ['neurips', 'Advances in Neural Information Processing Systems'],
  ['icml', 'Proceedings of the International Conference on Machine Learning'],
  ['iclr', 'International Conference on Learning Representations'],
  ['acl', 'Proceedings of the Annual Meeting of the Association for Computational Linguistics'],
  ['cvpr', 'Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition'],
  ['jmlr', 'Journal of Machine Learning Research'],
  ['tpami', 'IEEE Transactions on Pattern Analysis and Machine Intelligence'],
  ['nature', 'Nature'],
  ['cacm', 'Communications of the ACM'],
  ['tacl', 'Transactions of the Association for Computational Linguistics'],
]);
const MONTHS = 'jan feb mar apr may jun jul aug sep oct nov dec'.split(' ');
/** Entry types with their weights: conference papers and articles first, as in ML bibliographies. */
const TYPES = /** @type {const} */ ([
  ['inproceedings', 35],
  ['article', 30],
  ['misc', 15],
  ['book', 5],
  ['incollection', 5],
  ['techreport', 4],
  ['phdthesis', 3],
  ['online', 3],
]);

/** @param {Rng} r @param {readonly (readonly [string, number])[]} weighted */
function weighted(r, weighted) {
  let n = r.int(weighted.reduce((s, [, w]) => s + w, 0));
  for (const [value, w] of weighted) if ((n -= w) < 0) return value;
  return weighted[0][0];
}

/** @param {Rng} r @param {number} lo @param {number} hi */
const words = (r, lo, hi) => Array.from({ length: r.between(lo, hi) }, () => r.pick(WORDS));
const cap = (/** @type {string} */ w) => w[0].toUpperCase() + w.slice(1);

/** @param {Rng} r */
function title(r) {
  const ws = words(r, 5, 13).map((w, i) => (i === 0 || r.chance(0.3) ? cap(w) : w));
  if (r.chance(0.4)) ws.splice(r.int(ws.length), 0, `{${r.pick(ACRONYMS)}}`);
  if (r.chance(0.15)) ws.push('with $O(n \\log n)$ cost');
  return ws.join(' ');
}

/** About `chars` characters of sentences, with some inline math and emphasis. */
function prose(/** @type {Rng} */ r, /** @type {number} */ chars) {
  let out = '';
  while (out.length < chars) {
    const s = words(r, 8, 22);
    if (r.chance(0.2)) s.splice(r.int(s.length), 0, `$\\mathcal{O}(n^${r.between(2, 3)})$`);
    if (r.chance(0.2)) s.splice(r.int(s.length), 0, `\\emph{${r.pick(WORDS)}}`);
    out += `${cap(s.join(' '))}. `;
  }
  return out.trim();
}

/** @param {Rng} r @returns {{ family: string, given: string }[]} */
function authors(r) {
  return Array.from({ length: r.between(3, 20) }, () => ({ family: r.pick(FAMILIES), given: r.pick(GIVEN) }));
}

/** @param {Rng} r @param {{ family: string, given: string }[]} people */
function authorField(r, people) {
  const tex = (/** @type {string} */ s) => TEX_SPELLING[s] ?? s;
  const inverted = r.chance(0.7);
  const names = people.map(({ family, given }) =>
    inverted ? `${tex(family)}, ${tex(given)}${r.chance(0.3) ? ' J.' : ''}` : `${tex(given)} ${tex(family)}`,
  );
  if (people.length > 12 && r.chance(0.3)) names.splice(10, names.length, 'others');
  // Long lists wrapped over lines, as BibTeX tools write them.
  return names.map((n, i) => (i > 0 && i % 4 === 0 ? `\n\t\t  ${n}` : n)).join(' and ');
}

/** The key styles of real files: Google Scholar, d2l's dotted, ACM's colons, underscores. */
function makeKey(/** @type {Rng} */ r, /** @type {{ family: string }[]} */ people, /** @type {number} */ year) {
  const ascii = (/** @type {string} */ s) => s.normalize('NFD').replace(/[^A-Za-z]/g, '');
  const first = ascii(people[0].family);
  switch (r.int(4)) {
    case 0:
      return `${first.toLowerCase()}${year}${r.pick(WORDS)}`;
    case 1:
      return `${people
        .slice(0, 3)
        .map((p) => ascii(p.family))
        .join('.')}.ea.${year}`;
    case 2:
      return `${first}:${year}:${cap(r.pick(WORDS)).slice(0, 3)}`;
    default:
      return `${first}_${year}_${r.pick(WORDS)}`;
  }
}

/**
 * A .bib of `entries` entries. Returns its text and keys (in file order).
 * @param {{ entries: number, seed?: number }} options
 */
function generateBib({ entries, seed = 14 }) {
  const r = rng(seed);
  const out = ['% Generated for the LitFeed bench.', ''];
  for (const [macro, name] of VENUES) out.push(`@string{${macro} = "${name}"}`);
  out.push('@preamble{"\\newcommand{\\noopsort}[1]{}"}', '');
  /** @type {string[]} */
  const keys = [];
  const used = new Set();
  for (let i = 0; i < entries; i++) {
    const type = weighted(r, TYPES);
    const people = authors(r);
    const year = r.between(1995, 2025);
    let key = makeKey(r, people, year);
    for (let n = 0; used.has(key.toLowerCase()); n++) key = `${key.replace(/[a-z]$/, '')}${'abcdefghij'[n % 10]}`;
    used.add(key.toLowerCase());
    keys.push(key);
    /** @type {[string, string][]} */
    const fields = [
      ['title', `{${title(r)}}`],
      [type === 'book' && r.chance(0.3) ? 'editor' : 'author', `{${authorField(r, people)}}`],
      ['year', r.chance(0.8) ? `{${year}}` : String(year)],
    ];
    const [macro] = r.pick(VENUES);
    if (type === 'article') fields.push(['journal', r.chance(0.6) ? macro : `{${r.pick(VENUES)[1]}}`]);
    if (type === 'inproceedings' || type === 'incollection')
      fields.push(['booktitle', r.chance(0.5) ? `${macro} # " ${year}"` : `{${r.pick(VENUES)[1]}}`]);
    if (type === 'misc' || type === 'online') {
      const id = `${String(year % 100).padStart(2, '0')}${String(r.between(1, 12)).padStart(2, '0')}.${r.between(10000, 99999)}`;
      fields.push(['eprint', `{${id}}`], ['archiveprefix', '{arXiv}'], ['primaryclass', '{cs.LG}']);
      if (type === 'online') fields.push(['url', `{https://arxiv.org/abs/${id}}`], ['urldate', '{2024-05-01}']);
    }
    if (type === 'book' || type === 'incollection') fields.push(['publisher', '{Springer}'], ['address', '{Cham}']);
    if (type === 'phdthesis') fields.push(['school', `{University of ${r.pick(FAMILIES)}}`]);
    if (type === 'techreport') fields.push(['institution', '{Google Research}'], ['number', `{TR-${r.int(999)}}`]);
    if (type === 'article') fields.push(['volume', `{${r.between(1, 60)}}`], ['number', `{${r.between(1, 12)}}`]);
    if (type !== 'misc' && type !== 'online') {
      const p = r.between(1, 900);
      fields.push(['pages', `{${p}--${p + r.between(5, 30)}}`]);
    }
    if (r.chance(0.5)) fields.push(['month', r.pick(MONTHS)]);
    if (r.chance(0.5)) fields.push(['doi', `{10.${r.between(1000, 9999)}/${r.pick(WORDS)}.${year}.${r.int(99999)}}`]);
    if (r.chance(0.3)) fields.push(['keywords', `{${words(r, 2, 5).join(', ')}}`]);
    if (r.chance(0.5)) fields.push(['abstract', `{${prose(r, r.between(800, 1200))}}`]);
    if (r.chance(0.1)) fields.push(['note', `"${cap(r.pick(WORDS))} {track}"`]);
    const tabbed = r.chance(0.3);
    const body = fields.map(([name, value]) => (tabbed ? `  ${name}\t\t= ${value}` : `  ${name} = ${value}`));
    const head = type === 'inproceedings' && r.chance(0.5) ? 'InProceedings' : type;
    out.push(`@${head}{${key},`, body.join(',\n'), '}', '');
  }
  return { text: out.join('\n'), keys };
}

/** The share of citations whose key the .bib lacks, and the share written in another case. */
const MISSING = 0.03;
const CASE_DIFFERS = 0.03;

/**
 * A document of about `bytes` characters with `citations` citations (LaTeX commands or pandoc
 * citations, one to three keys each) of `keys`. `editAt`: offsets in running prose where a
 * bench edit can type without touching a citation.
 * @param {{ syntax: 'latex' | 'pandoc', keys: readonly string[], citations: number, bytes: number, seed?: number }} options
 */
function generateDocument({ syntax, keys, citations, bytes, seed = 15 }) {
  const r = rng(seed + (syntax === 'latex' ? 0 : 1));
  const cited = () => {
    const n = r.chance(0.6) ? 1 : r.between(2, 3);
    return Array.from({ length: n }, () => r.pick(keys));
  };
  const odd = new Map();
  const share = (/** @type {number} */ p) => Math.max(1, Math.round(p * citations));
  for (let i = 0; i < share(MISSING); i++) odd.set(r.int(citations), [`missing${2000 + i}${r.pick(WORDS)}`]);
  for (let i = 0; i < share(CASE_DIFFERS); i++) {
    const k = r.pick(keys);
    odd.set(r.int(citations), [k === k.toUpperCase() ? k.toLowerCase() : k.toUpperCase()]);
  }
  const latex = syntax === 'latex';
  const cite = (/** @type {string[]} */ ks) => {
    if (!latex) {
      const at = ks.map((k) => `@${k}`);
      const forms = [
        () => `[${at.join('; ')}]`,
        () => `[see ${at[0]}, p. ${r.between(1, 300)}${at.length > 1 ? `; ${at.slice(1).join('; ')}` : ''}]`,
        () => `${at[0]} [p. ${r.between(1, 30)}]`,
        () => `[-${at.join('; ')}]`,
        () => `[${at.join(', pp. 33--35; ')}]`,
      ];
      return r.pick(forms)();
    }
    const list = ks.join(',');
    const forms = [
      () => `\\cite{${list}}`,
      () => `\\citep[p.~${r.between(1, 300)}]{${list}}`,
      () => `\\citet{${ks[0]}}`,
      () => `\\citep[see][ch.~${r.between(1, 9)}]{${list}}`,
      () => `\\parencite{${list}}`,
      () => `\\textcite[${r.between(1, 99)}]{${ks[0]}}`,
      () => `\\autocite{${list}}`,
      () => (ks.length > 1 ? `\\cites[12]{${ks[0]}}{${ks.slice(1).join(',')}}` : `\\cite*{${list}}`),
    ];
    return r.pick(forms)();
  };
  /** @type {string[]} */
  const parts = latex
    ? ['\\documentclass{article}', '\\usepackage[numbers]{natbib}', '\\begin{document}', '\\title{A Survey}', '']
    : ['---', 'title: A Survey', 'bibliography: refs.bib', '---', ''];
  /** @type {number[]} */
  const editAt = [];
  let length = parts.join('\n').length;
  // Sentences come in paragraphs; a citation closes about one sentence in four.
  const perCitation = Math.max(1, Math.floor(bytes / citations));
  let next = 0;
  let section = 0;
  while (length < bytes || next < citations) {
    /** @type {string[]} */
    const block = [];
    if (r.chance(0.1)) block.push(latex ? `\\section{${cap(r.pick(WORDS))} ${++section}}` : `## ${cap(r.pick(WORDS))}`);
    if (r.chance(0.08)) {
      block.push(
        latex
          ? `% TODO compare with \\cite{${r.pick(keys)}} and email a@b.org`
          : `<!-- compare with [@${r.pick(keys)}] -->`,
      );
    }
    if (r.chance(0.05)) {
      block.push(
        latex
          ? `\\begin{verbatim}\n\\cite{${r.pick(keys)}} % shown, not cited\n\\end{verbatim}`
          : `\`\`\`python\n@decorator\ndef f(): return "@${r.pick(keys)}"\n\`\`\``,
      );
    }
    if (r.chance(0.07))
      block.push(latex ? '\\begin{equation}\n  E = mc^2 \\label{eq:e}\n\\end{equation}' : '$$E = mc^2$$');
    let paragraph = '';
    const before = length + 1 + block.reduce((n, b) => n + b.length + 1, 0);
    for (let s = r.between(3, 7); s > 0; s--) {
      editAt.push(before + paragraph.length);
      paragraph += prose(r, r.between(60, 160)).replace(/\.$/, '');
      const due = next < citations && (before + paragraph.length >= (next + 1) * perCitation || length >= bytes);
      if (due) paragraph += ` ${cite(odd.get(next++) ?? cited())}`;
      paragraph += latex ? '. ' : r.chance(0.05) ? ', write to me@example.org. ' : '. ';
    }
    block.push(paragraph.trim(), '');
    parts.push(...block);
    length += block.join('\n').length + 1;
  }
  if (latex) parts.push('\\bibliographystyle{plainnat}', '\\bibliography{refs}', '\\end{document}');
  return { text: `${parts.join('\n')}\n`, editAt, citations: Math.min(next, citations) };
}

module.exports = { generateBib, generateDocument };
