/**
 * What a citation key says about its paper, so that a key no bibliography defines can be looked
 * up in the local library ("Find and add '<key>'"). Keys are read as the usual tools write them:
 *
 * - LitFeed's id keys `arxiv2401.00001` and `arxivhep-th9901001` (old ids lost their slash,
 *   which comes back), and keys that are a DOI (`10.1145/3292500`, `doi:10.…`): the id alone.
 * - DBLP `DBLP:conf/nips/VaswaniSPUJGKP17`: the first author's name, then the co-authors'
 *   initials (dropped) and a two-digit year. `DBLP:journals/corr/abs-1706-03762` is an arXiv id.
 * - Surname, year and title words in any order and case, with or without `_ - : .` between them:
 *   `vaswani2017attention` (Google Scholar), `vaswaniAttentionAllYou2017` (Better BibTeX),
 *   `Vaswani:2017`, `vaswani_etal_2017`, `vaswani-2017-attention`, `portelance_emergence_2021`
 *   (Zotero), `Hidasi.Karatzoglou.Baltrunas.ea.2015`, `Hollis:1999:VBD:519964` (ACM).
 *
 * Rules:
 * - The author is the key's first word, in lower case. Words start at a capital or after a
 *   separator or digit (`vaswaniAttention…` → `vaswani`, `JoyalMoerdijk1995` → `joyal`); a
 *   camel-case surname prefix joins the next word (`LeCun`, `McCracken`, `VanGundy`). In a DBLP
 *   key the co-authors' initials (and DBLP's `0` for a numbered homonym) after it are dropped.
 * - The year is the first four-digit 19xx or 20xx number standing alone (not inside a longer
 *   number). Two digits are a year only in DBLP keys and at the end of a key that is otherwise
 *   letters alone, directly or after a colon (`Vaswani17`, `Gusfield:97`, `BauerTaylor09`),
 *   optionally with a clash letter: up to next year's two digits they are this century, above
 *   that the 1900s. After a dash they are not: `Zhou-06` and `Natarajan-01` number the papers
 *   of an author in real bibliographies, and `karnin-icml13` names a venue.
 * - Words are the remaining runs of letters, lower case, split at separators and at camel-case
 *   capitals. A run of lower-case letters is not split further: `attentionneed` (arXiv's
 *   concatenated title words) stays one word, because splitting it needs a dictionary.
 *   Dropped: numbers, "et al" forms (`etal`, `ea`, `et`, `al`, `and`), Zotero's `nodate`,
 *   single letters (the clash suffix of `smith2020a`; one glued to a lower-case word stays:
 *   `smith2020scalinga`), and initials: ACM's all-capital part before its number
 *   (`:VBD:519964`) and capitals glued to the end of a word (co-authors in `SaeediMEJ10`,
 *   title words in Semantic Scholar's `Irie2019LanguageMW`).
 */

export interface KeyParts {
  author?: string;
  year?: number;
  words: string[];
  arxivId?: string;
  doi?: string;
}

// "et al" as keys write it, and Zotero's stand-in for a missing year.
const SKIPPED = new Set(['etal', 'ea', 'et', 'al', 'and', 'nodate']);

// Surname prefixes written in camel case with the rest of the name.
const CAMEL_PREFIXES = new Set('Mc Mac Van Von De Di Du Da Del Le La Dos Das Ten Ter'.split(' '));

export function keyParts(key: string): KeyParts {
  const k = key.trim();
  const byId = idParts(k);
  if (byId) return byId;
  const dblp = /^DBLP:(?:[^/]*\/)*([^/]+)$/i.exec(k);
  if (dblp) return dblpParts(dblp[1]);
  return nameYearWords(k);
}

/** A search string for the library: the arXiv id or DOI alone, else author, title words and year. */
export function keySearchText(parts: KeyParts): string {
  if (parts.arxivId !== undefined) return parts.arxivId;
  if (parts.doi !== undefined) return parts.doi;
  return [parts.author, ...parts.words, parts.year].filter((p) => p !== undefined && p !== '').join(' ');
}

function idParts(k: string): KeyParts | undefined {
  const doi = /^(?:doi:)?(10\.\d{4,9}\/\S+)$/i.exec(k);
  if (doi) return { words: [], doi: doi[1] };
  const arxiv = /^arxiv[:_-]?(.+)$/i.exec(k);
  const id = arxiv ? arxivIdOf(arxiv[1]) : undefined;
  return id !== undefined ? { words: [], arxivId: id } : undefined;
}

/** A new-style id (`2401.00001`, version dropped) or an old one with or without its slash. */
function arxivIdOf(s: string): string | undefined {
  const modern = /^(\d{4}\.\d{4,5})(?:v\d+)?$/.exec(s);
  if (modern) return modern[1];
  const old = /^([a-z-]+(?:\.[A-Z]{2})?)\/?(\d{7})(?:v\d+)?$/.exec(s);
  return old ? `${old[1]}/${old[2]}` : undefined;
}

function dblpParts(last: string): KeyParts {
  const corr = /^abs-(\d{4})-(\d{4,5})$/.exec(last);
  if (corr) return { words: [], arxivId: `${corr[1]}.${corr[2]}` };
  const m = /^([A-Za-z0-9]*?)(\d{2})[a-z]?$/.exec(last);
  if (!m) return nameYearWords(last);
  // A first author with a homonym number is keyed by the number (`0001LZ20`): no name then.
  const author = /^\d/.test(m[1]) ? undefined : dblpAuthor(m[1]);
  return { ...(author ? { author } : {}), year: twoDigitYear(m[2]), words: [] };
}

function nameYearWords(k: string): KeyParts {
  const short = /^([A-Za-z]+):?(\d{2})[a-z]?$/.exec(k);
  let year = short ? twoDigitYear(short[2]) : undefined;
  const segments = (short ? short[1] : k)
    .split(/[^A-Za-z0-9]+/)
    .filter((segment) => segment !== '')
    .map((segment) => segment.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []);
  const { author, used } = leadingAuthor(segments[0] ?? []);
  const words: string[] = [];
  segments.forEach((tokens, si) => {
    tokens.forEach((token, ti) => {
      if (si === 0 && ti < used) return;
      if (/^\d+$/.test(token)) {
        if (year === undefined && /^(19|20)\d\d$/.test(token)) year = Number(token);
        return;
      }
      // A lone letter is the clash suffix (`smith2020a`) or an initial: nothing to search for.
      if (token.length === 1) return;
      if (/^[A-Z]+$/.test(token)) {
        // ACM `Hollis:1999:VBD:519964`: the title's initials, then the ACM number.
        if (tokens.length === 1 && si > 0 && /^\d+$/.test(segments[si + 1]?.[0] ?? '')) return;
        // Initials glued to a name or word: DBLP's and Semantic Scholar's (`Irie2019LanguageMW`).
        const glued = ti > 0 && /[a-z]$/.test(tokens[ti - 1]);
        if (glued && !/^[A-Za-z]/.test(tokens[ti + 1] ?? '')) return;
      }
      const word = token.toLowerCase();
      if (!SKIPPED.has(word)) words.push(word);
    });
  });
  return { ...(author ? { author } : {}), ...(year !== undefined ? { year } : {}), words };
}

/**
 * The author from the first tokens of a key, and how many tokens it took: the first word,
 * joined to the next when it is a prefix that surnames are written with in camel case
 * (`LeCun`, `McCracken`, `VanGundy`).
 */
function leadingAuthor(tokens: string[]): { author?: string; used: number } {
  const first = tokens[0];
  if (first === undefined || !/^[A-Za-z]/.test(first)) return { used: 0 };
  const next = tokens[1];
  if (CAMEL_PREFIXES.has(first) && next !== undefined && /^[A-Z][a-z]/.test(next)) {
    return { author: (first + next).toLowerCase(), used: 2 };
  }
  const author = first.toLowerCase();
  return SKIPPED.has(author) ? { used: 1 } : { author, used: 1 };
}

/** The author of a DBLP key's last part, less the co-authors' initials (`LeCunBH` → `lecun`). */
function dblpAuthor(run: string): string | undefined {
  const name = run.replace(/(?<=[a-z])[A-Z0-9]+$/, '');
  return leadingAuthor(name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+/g) ?? []).author;
}

function twoDigitYear(yy: string): number {
  const n = Number(yy);
  const next = (new Date().getUTCFullYear() + 1) % 100;
  return n <= next ? 2000 + n : 1900 + n;
}
