/**
 * The logging surface the core writes to. The extension passes its LogOutputChannel
 * (which has these methods); tests pass `silentLogger` or a recording one.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
