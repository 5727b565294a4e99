/**
 * fast-xml-parser, loaded the first time an arXiv feed is parsed rather than when the
 * extension starts: with its dependencies it is about 65 KB, a third of the start-up bundle,
 * for a view most users open rarely. Bundled, it is `xml-parser.js` beside the extension
 * bundle (an esbuild entry of its own); in plain Node (tests, scripts) it comes from
 * node_modules. Its CommonJS build loads synchronously, so parsing stays synchronous.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type * as FastXmlParser from 'fast-xml-parser';

/** The parser's bundle, built next to the extension bundle. */
export const XML_PARSER_BUNDLE = 'xml-parser.js';

// Held in a variable so that esbuild leaves the require to run time instead of pulling the
// package into the extension bundle.
const XML_PARSER_PACKAGE = 'fast-xml-parser';

type XmlParserModule = Pick<typeof FastXmlParser, 'XMLParser'>;

let loaded: XmlParserModule | undefined;

export function loadXmlParser(): XmlParserModule {
  if (loaded === undefined) {
    const load = createRequire(__filename);
    const bundled = path.join(__dirname, XML_PARSER_BUNDLE);
    loaded = (existsSync(bundled) ? load(bundled) : load(XML_PARSER_PACKAGE)) as XmlParserModule;
  }
  return loaded;
}
