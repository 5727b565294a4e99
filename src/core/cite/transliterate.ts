/**
 * Romanisation of Cyrillic and Greek for citation keys, used only where ASCII folding leaves
 * nothing (a surname or title written entirely in these scripts), so keys of Latin-script
 * papers never change.
 *
 * Cyrillic: BGN/PCGN without its diacritics and context rules (`ж` zh, `х` kh, `ц` ts,
 * `щ` shch, `й` y, `ю` yu, `я` ya, `ъ`/`ь` dropped), the spelling most Russian authors
 * use in Latin script (`Чайковский` → `Chaykovskiy`), plus the Ukrainian, Belarusian,
 * Serbian and Macedonian letters. ISO 9 was not taken: its one-letter-per-letter form needs
 * diacritics (`ž`, `č`) that folding would then reduce to `z`, `c`.
 * Greek: ELOT 743 (= ISO 843 transcription), as Greek passports and most Greek authors
 * write names: `ου` ou, `αυ`/`ευ`/`ηυ` av/ev/iv (af/ef/if before a voiceless consonant or at
 * the end of a word), `γγ` ng, `γκ` gk, `γξ` nx, `γχ` nch, `η` i, `υ` y, `χ` ch, `θ` th.
 * Accents are ignored; a diaeresis keeps two vowels apart (`αϋ` is a-y, not av).
 *
 * Chinese, Japanese, Korean and the other scripts are left as they are: pinyin needs a
 * dictionary of hundreds of kilobytes and reads Japanese names wrongly, and a key that
 * depends on a reading would not be stable; keys fall back to the arXiv id instead.
 */

const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  // Ukrainian and Belarusian
  є: 'ye',
  і: 'i',
  ї: 'yi',
  ґ: 'g',
  ў: 'u',
  // Serbian and Macedonian
  ђ: 'dj',
  ј: 'j',
  љ: 'lj',
  њ: 'nj',
  ћ: 'c',
  џ: 'dz',
  ѓ: 'gj',
  ќ: 'kj',
  ѕ: 'dz',
};

const GREEK: Record<string, string> = {
  α: 'a',
  β: 'v',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: 'th',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'x',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'y',
  φ: 'f',
  χ: 'ch',
  ψ: 'ps',
  ω: 'o',
};

/** Two-letter Greek spellings that are not the sum of their letters. */
const GREEK_PAIRS: Record<string, string> = { ου: 'ou', γγ: 'ng', γκ: 'gk', γξ: 'nx', γχ: 'nch' };
/** After these, `υ` is a consonant: `v`, or `f` before a voiceless consonant or at the end. */
const UPSILON_AFTER: Record<string, string> = { α: 'a', ε: 'e', η: 'i' };
const VOICELESS = new Set('θκξπστφχψ');
const DIAERESIS = '\u0308';

/** A Greek letter without accents (`ά` → `α`), lower case; `diaeresis` when it had one. */
function greekBase(ch: string): { base: string; diaeresis: boolean } {
  const d = ch.normalize('NFD');
  return { base: d.charAt(0).toLowerCase(), diaeresis: d.includes(DIAERESIS) };
}

/** Upper-cases `out` the way the source letter was: `Ж` → `Zh`, but `ЖУ` → `ZHU`. */
function withCase(out: string, source: string, index: number): string {
  const ch = source[index];
  if (ch === ch.toLowerCase()) return out;
  const near = (source[index + 1] ?? '') + (index > 0 ? source[index - 1] : '');
  const shouting = /\p{Lu}/u.test(near) && !/\p{Ll}/u.test(near);
  return shouting ? out.toUpperCase() : out.charAt(0).toUpperCase() + out.slice(1);
}

/** `s` with Cyrillic and Greek letters romanised; every other character unchanged. */
export function transliterate(s: string): string {
  const src = s.normalize('NFC');
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    const lower = ch.toLowerCase();
    const cyr = CYRILLIC[lower];
    if (cyr !== undefined) {
      out += withCase(cyr, src, i);
      continue;
    }
    const { base } = greekBase(ch);
    if (GREEK[base] === undefined) {
      out += ch;
      continue;
    }
    const next = i + 1 < src.length ? greekBase(src[i + 1]) : undefined;
    if (next !== undefined && !next.diaeresis && GREEK_PAIRS[base + next.base] !== undefined) {
      out += withCase(GREEK_PAIRS[base + next.base], src, i);
      i++;
      continue;
    }
    if (next !== undefined && !next.diaeresis && next.base === 'υ' && UPSILON_AFTER[base] !== undefined) {
      const after = i + 2 < src.length ? greekBase(src[i + 2]).base : '';
      const endOfWord = GREEK[after] === undefined;
      const v = endOfWord || VOICELESS.has(after) ? 'f' : 'v';
      out += withCase(UPSILON_AFTER[base] + v, src, i);
      i++;
      continue;
    }
    out += withCase(GREEK[base], src, i);
  }
  return out;
}
