// The core's public surface: what the extension, the tests and the benchmark use.
export * from './paper';
export * from './log';
