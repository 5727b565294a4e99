/**
 * Title words as the key styles pick them: arXiv's stop-word list, Google Scholar's observed
 * skips, and the function words Better BibTeX (and the key template) leave out.
 */
import { alnum, asciiFold } from './names';
import { transliterate } from './transliterate';

// arXiv's own list (the classic Glasgow English stop-word list), used for `arxiv` keys.
const ARXIV_STOPWORDS = new Set(
  (
    'a about above across after afterwards again against all almost alone along already also although always am ' +
    'among amongst amoungst amount an and another any anyhow anyone anything anyway anywhere are around as at ' +
    'back be became because become becomes becoming been before beforehand behind being below beside besides ' +
    'between beyond bill both bottom but by call can cannot cant co con could couldnt cry de describe detail do ' +
    'done down due during each eg eight either eleven else elsewhere empty enough etc even ever every everyone ' +
    'everything everywhere except few fifteen fify fill find fire first five for former formerly forty found ' +
    'four from front full further get give go had has hasnt have he hence her here hereafter hereby herein ' +
    'hereupon hers herself him himself his how however hundred ie if in inc indeed interest into is it its ' +
    'itself keep last latter latterly least less ltd made many may me meanwhile might mill mine more moreover ' +
    'most mostly move much must my myself name namely neither never nevertheless next nine no nobody none ' +
    'noone nor not nothing now nowhere of off often on once one only onto or other others otherwise our ours ' +
    'ourselves out over own part per perhaps please put rather re same see seem seemed seeming seems serious ' +
    'several she should show side since sincere six sixty so some somehow someone something sometime sometimes ' +
    'somewhere still such system take ten than that the their them themselves then thence there thereafter ' +
    'thereby therefore therein thereupon these they thickv thin third this those though three through ' +
    'throughout thru thus to together too top toward towards twelve twenty two un under until up upon us very ' +
    'via was we well were what whatever when whence whenever where whereafter whereas whereby wherein ' +
    'whereupon wherever whether which while whither who whoever whole whom whose why will with within without ' +
    'would yet you your yours yourself yourselves'
  ).split(' '),
);

// Words Google Scholar skips before picking its one title word (observed, not documented).
export const GOOGLE_STOPWORDS = new Set(
  'a an the on of in for and to at by with from is are was were be do how what why when where which who whose'.split(
    ' ',
  ),
);

// Function words skipped by `bbt` keys and by the template's title fields.
export const FUNCTION_WORDS = new Set(
  (
    'a ab aboard about above across after against al along amid among an and anti around as at before behind ' +
    'below beneath beside besides between beyond but by d da das de del dell della dei degli dem den der des ' +
    'despite die do down du during ein eine einem einen einer eines el en et except for from i il in inside ' +
    'into is l la las le les like lo los near nor of off on onto or over past per plus round since so some ' +
    'sur than the through to toward towards un una une uno under underneath unlike until up upon versus via ' +
    'von while with within without yet zu zum'
  ).split(' '),
);

/**
 * Title words (split at anything that is not a letter or digit), folded to ASCII, in order.
 * A title with no word left by folding is romanised from Cyrillic or Greek first; a title
 * that folding does spell keeps its words as they were (a stray `α` is still dropped).
 */
function asciiWords(title: string): string[] {
  const words = (t: string): string[] =>
    asciiFold(t)
      .split(/[^A-Za-z0-9]+/)
      .filter((w) => w !== '');
  const folded = words(title);
  return folded.length > 0 ? folded : words(transliterate(title));
}

export function significantWords(title: string, skip: ReadonlySet<string>): string[] {
  return asciiWords(title).filter((w) => !skip.has(w.toLowerCase()));
}

export function arxivTitleWords(title: string): string {
  const pick = (t: string): string => {
    const tokens = t.split(/\s+/).filter((w) => w !== '' && !ARXIV_STOPWORDS.has(w.toLowerCase()));
    // Four tokens are taken before punctuation is stripped, as arXiv does: a lone "–" uses a slot.
    return tokens
      .slice(0, 4)
      .map((w) => alnum(w))
      .join('')
      .toLowerCase();
  };
  // Romanised only when folding spells nothing at all, as for the other styles (see asciiWords):
  // `On α` keeps its empty title part.
  return pick(alnum(title) !== '' ? title : transliterate(title));
}

export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
