/**
 * Where raw input strings come from: the runner's INPUT_* variables (glue), then the config file,
 * then the catalogue's defaults (applied by `Inputs`, see catalogue.ts). Kept abstract so parsing
 * is pure and unit-testable.
 */
export interface InputSource {
  /** The raw value, trimmed; '' when not given. */
  get(name: string): string;
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
  return {
    get(name) {
      for (const s of sources) {
        const v = s.get(name);
        if (v !== '') return v;
      }
      return '';
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
