import type { Paper } from '../paper';
import { normaliseArxivId, paperYear } from '../paper';
import { arxivIdKey, cleanKey } from './keys';
import { keyAlnum, splitName } from './names';
import { FUNCTION_WORDS, capitalise, significantWords } from './titleWords';

/**
 * A key template is literal text with fields in square brackets, each optionally followed by
 * `:modifier`s: `[auth:lower][year][shorttitle]`.
 *
 * Fields:
 * - `auth`      first author's surname with particles (`vanderWaals`); Cyrillic and Greek names
 *               romanised (`Kolmogorov`); without authors, or for a name in another script, the
 *               arXiv id as in keys.ts (`arxiv2401.00001`), else `anon`
 * - `authors`   surnames of the first two authors (`VaswaniShazeer`), plus `EtAl` when there are more;
 *               `[authors:N]` takes N; names no script rule spells are left out, and when none
 *               is left it falls back like `auth`
 * - `year`      four-digit year (empty when unknown); `shortyear` its last two digits
 * - `title`     the first title word that is not a function word; `[title:N]` takes N words;
 *               a Cyrillic or Greek title is romanised, one in another script gives nothing
 * - `shorttitle` the first three such words, each capitalised; `veryshorttitle` just the first
 * - `eprint`    the arXiv id (`1706.03762`; old ids lose the slash: `hep-th9901001`)
 * - `id`        the paper's id
 *
 * Modifiers: `lower`, `upper`, `capitalize` (first letter upper case), and a number N (words
 * for `title`, names for `authors`, characters for the other fields).
 *
 * Text outside brackets is copied. The result keeps only ASCII letters, digits and `_ : . -`
 * (not at either end); an empty result becomes the arXiv id key (`arxiv2401.00001`), or
 * `anon` for a paper without an arXiv id.
 */
export class KeyTemplateError extends Error {
  constructor(
    message: string,
    /** Zero-based character offset in the template. */
    readonly offset: number,
  ) {
    super(message);
    this.name = 'KeyTemplateError';
  }
}

const TEMPLATE_FIELDS = [
  'auth',
  'authors',
  'year',
  'shortyear',
  'title',
  'shorttitle',
  'veryshorttitle',
  'eprint',
  'id',
] as const;
type TemplateField = (typeof TEMPLATE_FIELDS)[number];
type Modifier = 'lower' | 'upper' | 'capitalize' | number;

interface TemplatePart {
  literal?: string;
  field?: TemplateField;
  modifiers: Modifier[];
}

function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('[', i);
    const close = template.indexOf(']', i);
    if (close >= 0 && (open < 0 || close < open)) throw new KeyTemplateError(`unmatched "]"`, close);
    if (open < 0) {
      parts.push({ literal: template.slice(i), modifiers: [] });
      break;
    }
    if (open > i) parts.push({ literal: template.slice(i, open), modifiers: [] });
    const end = template.indexOf(']', open);
    if (end < 0) throw new KeyTemplateError(`unclosed "["`, open);
    const [name, ...mods] = template.slice(open + 1, end).split(':');
    if (!(TEMPLATE_FIELDS as readonly string[]).includes(name)) {
      throw new KeyTemplateError(`unknown field "${name}" (known: ${TEMPLATE_FIELDS.join(', ')})`, open + 1);
    }
    const modifiers = mods.map((m): Modifier => {
      if (m === 'lower' || m === 'upper' || m === 'capitalize') return m;
      if (/^[1-9]\d*$/.test(m)) return Number(m);
      throw new KeyTemplateError(`unknown modifier "${m}" (known: lower, upper, capitalize, a number)`, open + 1);
    });
    parts.push({ field: name as TemplateField, modifiers });
    i = end + 1;
  }
  return parts;
}

/** `undefined` when `template` is valid, else a message saying what is wrong and where. */
export function checkKeyTemplate(template: string): string | undefined {
  try {
    parseTemplate(template);
    if (template.trim() === '') return 'the template is empty';
    return undefined;
  } catch (e) {
    if (e instanceof KeyTemplateError) return `${e.message} at character ${e.offset + 1}`;
    throw e;
  }
}

/** What stands for authors no rule can spell: the arXiv id key, so that the key still names the paper. */
function unnamed(paper: Paper): string {
  return arxivIdKey(paper) ?? 'anon';
}

function fieldValue(paper: Paper, field: TemplateField, count: number | undefined): string {
  switch (field) {
    case 'auth': {
      const first = paper.authors.find((a) => a.trim() !== '');
      const parts = first !== undefined ? splitName(first) : undefined;
      // Particles keep their own case (`vanderWaals`), as they would in the name itself.
      return (parts ? keyAlnum(`${parts.particle}${parts.family}`) : '') || unnamed(paper);
    }
    case 'authors': {
      const n = count ?? 2;
      const names = paper.authors.filter((a) => a.trim() !== '');
      const words = names.slice(0, n).map((a) => {
        const p = splitName(a);
        return capitalise(keyAlnum(`${p.particle}${p.family}`));
      });
      return (words.join('') || unnamed(paper)) + (names.length > n ? 'EtAl' : '');
    }
    case 'year':
      return paperYear(paper) ?? '';
    case 'shortyear':
      return (paperYear(paper) ?? '').slice(2);
    case 'title':
      return significantWords(paper.title, FUNCTION_WORDS)
        .slice(0, count ?? 1)
        .join('');
    case 'shorttitle':
      return significantWords(paper.title, FUNCTION_WORDS).slice(0, 3).map(capitalise).join('');
    case 'veryshorttitle':
      return significantWords(paper.title, FUNCTION_WORDS).slice(0, 1).map(capitalise).join('');
    case 'eprint':
      return paper.arxivId ?? normaliseArxivId(paper.id) ?? '';
    case 'id':
      return paper.id;
  }
}

/** The key `template` gives for `paper`; throws `KeyTemplateError` on an invalid template. */
export function templateKey(paper: Paper, template: string): string {
  let out = '';
  for (const part of parseTemplate(template)) {
    if (part.literal !== undefined) {
      out += part.literal;
      continue;
    }
    const field = part.field as TemplateField;
    const count = part.modifiers.find((m): m is number => typeof m === 'number');
    let value = fieldValue(paper, field, field === 'title' || field === 'authors' ? count : undefined);
    if (count !== undefined && field !== 'title' && field !== 'authors') value = value.slice(0, count);
    for (const m of part.modifiers) {
      if (m === 'lower') value = value.toLowerCase();
      else if (m === 'upper') value = value.toUpperCase();
      else if (m === 'capitalize') value = capitalise(value);
    }
    out += value;
  }
  return cleanKey(out) || unnamed(paper);
}
