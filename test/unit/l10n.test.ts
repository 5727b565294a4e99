/**
 * The translations: every string of the sources is in the English bundle, every English string
 * and manifest key in each language, with the same placeholders, icons, links and code, and
 * translated unless it is one of the few that stay the same. A failure lists what to fix per
 * language; `npm run l10n` regenerates the English bundle and prints the same gaps.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const repoRoot = path.resolve(__dirname, '../../..');

// The display languages LitFeed is translated into (VS Code's language ids).
const LANGUAGES = ['zh-cn', 'ja', 'ko', 'de', 'fr', 'es', 'pt-br'] as const;

type Entry = string | { message: string; comment: string[] };
type Bundle = Record<string, Entry>;

interface Extractor {
  extract(): { strings: Bundle; errors: string[] };
}
// The script the maintainers run (`npm run l10n`), so the test and the command cannot disagree.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const extractor = require(path.join(repoRoot, 'scripts/l10n-extract.js')) as Extractor;

/** A missing file reads as empty, so that the tests below list everything it should hold. */
function readJson<T>(file: string): T {
  const full = path.join(repoRoot, file);
  return (fs.existsSync(full) ? JSON.parse(fs.readFileSync(full, 'utf8')) : {}) as T;
}

const text = (entry: Entry | undefined): string | undefined => (typeof entry === 'object' ? entry.message : entry);

const englishBundle = readJson<Bundle>('l10n/bundle.l10n.json');
const englishNls = readJson<Record<string, string>>('package.nls.json');
const bundles = Object.fromEntries(LANGUAGES.map((l) => [l, readJson<Bundle>(`l10n/bundle.l10n.${l}.json`)]));
const nlsFiles = Object.fromEntries(
  LANGUAGES.map((l) => [l, readJson<Record<string, string>>(`package.nls.${l}.json`)]),
);

/**
 * Strings that are the same in a translation as in English. Everywhere: names, codes and
 * placeholders. Per language: words that language writes like English.
 */
const SAME_EVERYWHERE = new Set([
  'arXiv',
  'PDF',
  'Hugging Face',
  'Spaces',
  '♥ {0}',
  'LitFeed: {0}',
  'LitFeed: {0}. {1}',
  '$(quote) {0} +{1}',
  'PDF: {0}',
  'container.title',
  // "Daily Papers" is Hugging Face's name for its feed.
  'view.feed',
]);
const SAME_IN: Record<(typeof LANGUAGES)[number], Set<string>> = {
  'zh-cn': new Set(),
  ja: new Set(),
  ko: new Set(),
  // German academic usage: "das Abstract", "das Paper"; "Tags" as Zotero's German interface says.
  de: new Set(['Abstract', 'Code', 'Links', 'Paper', 'Zoom', 'Tags', 'Tags: {0}']),
  fr: new Set(['Actions', 'Code', 'Notes', 'Zoom']),
  es: new Set(),
  'pt-br': new Set(),
};

/** What must survive translation unchanged: placeholders, icons, command links and `code`. */
function invariants(s: string): string[] {
  const found = [
    ...(s.match(/\{\d+\}/g) ?? []),
    ...(s.match(/\$\([a-z-]+\)/g) ?? []),
    ...(s.match(/\]\((?:command:|https?:)[^)]*\)/g) ?? []),
    ...(s.match(/`[^`]+`/g) ?? []),
  ];
  return [...new Set(found)].sort();
}

function report(problems: Record<string, string[]>): string {
  return Object.entries(problems)
    .filter(([, list]) => list.length > 0)
    .map(([lang, list]) => `${lang} (${list.length}):\n${list.map((p) => `  ${p}`).join('\n')}`)
    .join('\n');
}

function perLanguage(check: (lang: (typeof LANGUAGES)[number]) => string[]): void {
  const problems = Object.fromEntries(LANGUAGES.map((l) => [l, check(l)]));
  const text = report(problems);
  assert.ok(text === '', `\n${text}\n`);
}

describe('translations', () => {
  it('the English bundle is what the sources ask for (run `npm run l10n` when this fails)', () => {
    const { strings, errors } = extractor.extract();
    assert.deepStrictEqual(errors, [], 'every l10n.t call needs a literal message');
    const added = Object.keys(strings).filter((k) => !(k in englishBundle));
    const gone = Object.keys(englishBundle).filter((k) => !(k in strings));
    assert.deepStrictEqual(
      { 'in the sources, not in l10n/bundle.l10n.json': added, 'in l10n/bundle.l10n.json, not in the sources': gone },
      { 'in the sources, not in l10n/bundle.l10n.json': [], 'in l10n/bundle.l10n.json, not in the sources': [] },
    );
    assert.deepStrictEqual(englishBundle, strings);
  });

  it('every manifest string has a %key% in package.nls.json, and every key is used', () => {
    const manifest = fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8');
    const used = new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
    assert.deepStrictEqual(
      [...used].filter((k) => !(k in englishNls)),
      [],
      'keys the manifest uses that package.nls.json lacks',
    );
    assert.deepStrictEqual(
      Object.keys(englishNls).filter((k) => !used.has(k)),
      [],
      'keys of package.nls.json the manifest does not use',
    );
  });

  it('every string of l10n/bundle.l10n.json is in each bundle.l10n.<language>.json', () => {
    perLanguage((lang) =>
      Object.keys(englishBundle)
        .filter((k) => typeof text(bundles[lang][k]) !== 'string' || text(bundles[lang][k]) === '')
        .map((k) => `missing in l10n/bundle.l10n.${lang}.json: ${JSON.stringify(k)}`),
    );
  });

  it('every key of package.nls.json is in each package.nls.<language>.json', () => {
    perLanguage((lang) =>
      Object.keys(englishNls)
        .filter((k) => typeof nlsFiles[lang][k] !== 'string' || nlsFiles[lang][k] === '')
        .map((k) => `missing in package.nls.${lang}.json: ${JSON.stringify(k)}`),
    );
  });

  it('no translation is left of a string that is gone', () => {
    perLanguage((lang) => [
      ...Object.keys(bundles[lang])
        .filter((k) => !(k in englishBundle))
        .map((k) => `not in l10n/bundle.l10n.json any more: ${JSON.stringify(k)}`),
      ...Object.keys(nlsFiles[lang])
        .filter((k) => !(k in englishNls))
        .map((k) => `not in package.nls.json any more: ${JSON.stringify(k)}`),
    ]);
  });

  it('keeps placeholders, icons, command links and code exactly', () => {
    perLanguage((lang) => {
      const problems: string[] = [];
      const compare = (where: string, key: string, english: string, translated: string | undefined) => {
        if (translated === undefined) return;
        const want = invariants(english).join(' ');
        const got = invariants(translated).join(' ');
        if (want !== got) problems.push(`${where} ${JSON.stringify(key)}: English has [${want}], translation [${got}]`);
      };
      for (const [k, v] of Object.entries(englishBundle)) compare('bundle', k, text(v) ?? '', text(bundles[lang][k]));
      for (const [k, v] of Object.entries(englishNls)) compare('package.nls', k, v, nlsFiles[lang][k]);
      return problems;
    });
  });

  it('translates every string but the few that stay the same', () => {
    perLanguage((lang) => {
      const same = (key: string) => SAME_EVERYWHERE.has(key) || SAME_IN[lang].has(key);
      return [
        ...Object.entries(englishBundle)
          .filter(([k, v]) => text(bundles[lang][k]) === text(v) && !same(k))
          .map(([k]) => `bundle, still English: ${JSON.stringify(k)}`),
        ...Object.entries(englishNls)
          .filter(([k, v]) => nlsFiles[lang][k] === v && !same(k))
          .map(([k]) => `package.nls, still English: ${JSON.stringify(k)}`),
      ];
    });
  });

  it('the allow-list of untranslated strings names only strings that exist', () => {
    const all = new Set([...Object.keys(englishBundle), ...Object.keys(englishNls)]);
    const names = [...SAME_EVERYWHERE, ...Object.values(SAME_IN).flatMap((s) => [...s])];
    assert.deepStrictEqual(
      names.filter((k) => !all.has(k)),
      [],
    );
  });
});
