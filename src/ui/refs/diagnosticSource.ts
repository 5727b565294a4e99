/** The `source` of LitFeed's diagnostics: the start-up bundle checks it before loading the quick fixes. */
export const DIAGNOSTIC_SOURCE = 'LitFeed';
