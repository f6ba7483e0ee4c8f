/**
 * Where raw input strings come from: the runner's INPUT_* variables (glue), then the config file,
 * then the catalogue's defaults (applied by `Inputs`, see catalogue.ts). Kept abstract so parsing
 * is pure and unit-testable.
 */
export interface InputSource {
  /** The raw value, trimmed; '' when not given. */
  get(name: string): string;
  /**
   * Where a given value came from when it is not the workflow (e.g. "the config file
   * .github/shipgate.yml"); sentences about such a value say so and quote less of it.
   */
  origin?(name: string): string | undefined;
}

/** Reads inputs the way @actions/core does (INPUT_<NAME>, spaces to '_', upper-cased). */
export function envInputSource(env: NodeJS.ProcessEnv): InputSource {
  return {
    get(name) {
      return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
    }
  };
}

/** First non-empty value wins. */
export function layered(...sources: InputSource[]): InputSource {
  const giver = (name: string) => sources.find((s) => s.get(name) !== '');
  return {
    get(name) {
      return giver(name)?.get(name) ?? '';
    },
    origin(name) {
      return giver(name)?.origin?.(name);
    }
  };
}

export function mapSource(values: Record<string, string | number | boolean | undefined>): InputSource {
  return {
    get(name) {
      const v = values[name];
      return v === undefined ? '' : String(v).trim();
    }
  };
}
