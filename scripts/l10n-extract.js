#!/usr/bin/env node
/**
 * Writes l10n/bundle.l10n.json, the English bundle, from the `vscode.l10n.t(…)` calls in src/,
 * and prints what each translation lacks (`--check`: writes nothing, exits 1 when the English
 * bundle is out of date). See l10n/README.md.
 *
 * A call's first argument must be a string literal, or an object literal whose `message` is
 * one (with an optional `comment`, a string or an array of strings); anything else is an error,
 * since no bundle could translate it.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const root = path.resolve(__dirname, '..');
const l10nDir = path.join(root, 'l10n');
const englishFile = path.join(l10nDir, 'bundle.l10n.json');
/** The display languages LitFeed is translated into (VS Code's ids); test/unit/l10n.test.ts has the same list. */
const LANGUAGES = ['zh-cn', 'ja', 'ko', 'de', 'fr', 'es', 'pt-br'];

function sourceFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(file));
    else if (/\.m?ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(file);
  }
  return out.sort();
}

function literal(node) {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text : undefined;
}

/** `l10n.t(…)` or `vscode.l10n.t(…)`. */
function isL10nCall(node) {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return false;
  const callee = node.expression;
  if (callee.name.text !== 't') return false;
  const owner = callee.expression;
  return (
    (ts.isIdentifier(owner) && owner.text === 'l10n') ||
    (ts.isPropertyAccessExpression(owner) && owner.name.text === 'l10n')
  );
}

/** The bundle's key and value for one call (the key of a commented message is `message/comment`). */
function entryOf(arg) {
  const text = literal(arg);
  if (text !== undefined) return { key: text, value: text };
  if (!ts.isObjectLiteralExpression(arg)) return undefined;
  let message;
  let comment = [];
  for (const prop of arg.properties) {
    if (!ts.isPropertyAssignment(prop) || !ts.isIdentifier(prop.name)) continue;
    if (prop.name.text === 'message') message = literal(prop.initializer);
    if (prop.name.text === 'comment') {
      const init = prop.initializer;
      if (ts.isArrayLiteralExpression(init)) comment = init.elements.map(literal);
      else comment = [literal(init)];
      if (comment.some((c) => c === undefined)) return undefined;
    }
  }
  if (message === undefined) return undefined;
  if (comment.length === 0) return { key: message, value: message };
  return { key: `${message}/${comment.join('')}`, value: { message, comment } };
}

/** Every string of the sources, sorted by key, and the calls that cannot be extracted. */
function extract() {
  const strings = new Map();
  const errors = [];
  for (const file of sourceFiles(path.join(root, 'src'))) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (isL10nCall(node)) {
        const entry = node.arguments.length > 0 ? entryOf(node.arguments[0]) : undefined;
        if (entry) strings.set(entry.key, entry.value);
        else {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart());
          errors.push(`${path.relative(root, file)}:${line + 1}: l10n.t needs a literal message`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  const sorted = {};
  for (const key of [...strings.keys()].sort()) sorted[key] = strings.get(key);
  return { strings: sorted, errors };
}

/** Translations present next to the English files: `{ language: { bundle, nls } }`. */
function translations() {
  const out = Object.fromEntries(LANGUAGES.map((lang) => [lang, {}]));
  for (const name of fs.readdirSync(l10nDir)) {
    const m = /^bundle\.l10n\.(.+)\.json$/.exec(name);
    if (m) (out[m[1]] ??= {}).bundle = JSON.parse(fs.readFileSync(path.join(l10nDir, name), 'utf8'));
  }
  for (const name of fs.readdirSync(root)) {
    const m = /^package\.nls\.(.+)\.json$/.exec(name);
    if (m) (out[m[1]] ??= {}).nls = JSON.parse(fs.readFileSync(path.join(root, name), 'utf8'));
  }
  return out;
}

/** Per language, the English keys it has no translation for: `{ language: { bundle: [], nls: [] } }`. */
function missing(english, nls, languages) {
  const out = {};
  for (const [lang, files] of Object.entries(languages)) {
    out[lang] = {
      bundle: Object.keys(english).filter((k) => !(files.bundle && k in files.bundle)),
      nls: Object.keys(nls).filter((k) => !(files.nls && k in files.nls)),
    };
  }
  return out;
}

function main() {
  const check = process.argv.includes('--check');
  const { strings, errors } = extract();
  for (const e of errors) console.error(e);
  const text = `${JSON.stringify(strings, null, 2)}\n`;
  const current = fs.existsSync(englishFile) ? fs.readFileSync(englishFile, 'utf8') : '';
  if (check) {
    if (current !== text) console.error('l10n/bundle.l10n.json is out of date: run `npm run l10n`.');
  } else if (current !== text) {
    fs.writeFileSync(englishFile, text);
  }
  const count = Object.keys(strings).length;
  console.log(`${count} strings in l10n/bundle.l10n.json${!check && current !== text ? ' (updated)' : ''}`);

  const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
  let gaps = 0;
  for (const [lang, m] of Object.entries(missing(strings, nls, translations())).sort()) {
    if (m.bundle.length + m.nls.length === 0) continue;
    gaps += m.bundle.length + m.nls.length;
    console.log(
      `\n${lang}: ${m.bundle.length} of l10n/bundle.l10n.json and ${m.nls.length} of package.nls.json missing`,
    );
    for (const k of m.bundle) console.log(`  bundle.l10n.${lang}.json  ${JSON.stringify(k)}`);
    for (const k of m.nls) console.log(`  package.nls.${lang}.json  ${JSON.stringify(k)}`);
  }
  if (gaps === 0) console.log('Every translation is complete.');
  if (errors.length > 0 || (check && current !== text)) process.exitCode = 1;
}

module.exports = { LANGUAGES, extract, translations, missing };
if (require.main === module) main();
