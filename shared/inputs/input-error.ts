/** How much of a value a sentence quotes: a value from the workflow, and one read from the config file. */
const QUOTE_MAX = 80;
/** A config file may hold anything (it is read from disk): quote no more than a short prefix of it. */
export const FILE_QUOTE_MAX = 40;

export interface InputErrorOptions {
  /** Where the value came from when not from the workflow, e.g. "the config file .github/shipgate.yml". */
  origin?: string;
}

/** A bad input: one sentence naming the input, the value and what is allowed. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    readonly value: string,
    allowed: string,
    options: InputErrorOptions = {}
  ) {
    const from = options.origin ? ` (from ${options.origin})` : '';
    super(`Input "${input}" has value ${quote(value, options.origin ? FILE_QUOTE_MAX : QUOTE_MAX)}${from}: ${allowed}.`);
    this.name = 'InputError';
  }
}

export class MissingInputError extends Error {
  constructor(
    readonly input: string,
    why = 'it is required'
  ) {
    super(`Input "${input}" is missing: ${why}.`);
    this.name = 'InputError';
  }
}

/** A config file that cannot be used as a whole (not YAML, or not what the schema allows). */
export class ConfigFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigFileError';
  }
}

/**
 * A value as a sentence shows it: at most `max` characters (the last one an ellipsis when clipped,
 * never half a character), in double quotes, escaped so that it cannot break the line: JSON
 * escapes, plus the line separators JSON leaves as they are.
 */
export function quote(value: string, max = QUOTE_MAX): string {
  const chars = Array.from(value);
  const shown = chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : value;
  return JSON.stringify(shown).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
