// The core's public surface: what the extension, the tests and the benchmark use.
export * from './paper';
export * from './log';
export * from './dates';
export * from './range';
export * from './feedGroups';
export * from './http';
export * from './store';
export * from './feedService';
export { apiUrl, checkBaseUrl, type BaseUrlCheck } from './sources/baseUrl';
export {
  FeedFormatError,
  dailyPapersUrl,
  fetchDailyPapers,
  parseDailyItem,
  parseDailyPapers,
  type DailyFetchOptions,
  type DailyFetchResult,
} from './sources/huggingface';
export * from './citekey';
export * from './bibtex';
export * from './cite';
export * from './bibfiles';
export * from './bibdb';
export * from './links';
export * from './math';
export * from './paperView';
export * from './search';
export { foldText } from './textMatch';
export * from './merge';
export * from './watch';
export * from './readingList';
export * from './politeness';
export * from './sources/hfSearch';
export * from './sources/arxiv';
export * from './library';
export * from './arxivFeed';
export * from './exportBib';
export * from './feedFilter';
