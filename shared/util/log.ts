import { escapeLogText } from './escape.js';

/** Logging port so the library never touches runner globals; glue passes an @actions/core logger. */
export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
}

export const consoleLogger: Logger = {
  info: (m) => console.log(m),
  warning: (m) => console.warn(`warning: ${m}`),
  debug: (m) => {
    if (process.env.SHIPGATE_DEBUG) console.log(`debug: ${m}`);
  }
};

export const silentLogger: Logger = { info() {}, warning() {}, debug() {} };

/** Longest log message kept whole; longer ones are clipped (a log line is not a report). */
const LOG_MAX = 8000;

/**
 * Every message passes through escapeLogText on its way out: a value from an input, a probed
 * service or a command can never start a workflow command (`::error::`, `::set-output::`,
 * `::stop-commands::`), span lines, or carry control characters. Escaping is idempotent, so
 * callers that already escaped lose nothing.
 */
export function escapingLogger(base: Logger): Logger {
  return {
    info: (m) => base.info(escapeLogText(m, LOG_MAX)),
    warning: (m) => base.warning(escapeLogText(m, LOG_MAX)),
    debug: (m) => base.debug(escapeLogText(m, LOG_MAX))
  };
}
