/** Logging port so the library never touches runner globals; glue passes an @actions/core logger. */
export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
}

export const consoleLogger: Logger = {
  info: (m) => console.log(m),
  warning: (m) => console.warn(`warning: ${m}`),
  debug: (m) => { if (process.env.SHIPGATE_DEBUG) console.log(`debug: ${m}`); }
};

export const silentLogger: Logger = { info() {}, warning() {}, debug() {} };
