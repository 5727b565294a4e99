// The core's public surface: what the extension, the tests and the benchmark use.
export * from './paper';
export * from './log';
export * from './dates';
export * from './range';
export * from './feed/dayGroups';
export * from './net/http';
export * from './net/httpError';
export * from './feed/store';
export * from './feed/feedService';
export { apiUrl, checkBaseUrl, type BaseUrlCheck } from './net/baseUrl';
export {
  FeedFormatError,
  dailyPapersUrl,
  fetchDailyPapers,
  parseDailyItem,
  parseDailyPapers,
  type DailyFetchOptions,
  type DailyFetchResult,
} from './sources/huggingface';
export * from './cite/names';
export * from './cite/keys';
export * from './cite/keyTemplate';
export * from './cite/latexText';
export * from './cite/titleLatex';
export * from './cite/bibtexEntry';
export * from './cite/citeText';
export * from './cite/bibDiscovery';
export * from './cite/bibDocument';
export * from './cite/citePlan';
export * from './view/linkPolicy';
export * from './view/texSegments';
export * from './view/paperView';
export * from './search/paperIndex';
export { foldText } from './search/textMatch';
export * from './feed/merge';
export * from './tracking/watchList';
export * from './tracking/readingList';
export * from './tracking/tags';
export * from './net/politeness';
export * from './sources/hfSearch';
export * from './sources/arxiv';
export * from './search/library';
export * from './feed/arxivFeed';
export * from './cite/exportBib';
export * from './feed/filter';
