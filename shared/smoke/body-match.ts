import { RE2JS } from 're2js';

/**
 * How `expect-body` is read: text of the form `/pattern/flags` (flags from `ims`) is a regular
 * expression in RE2 syntax, matched in time linear in the body (no backtracking, so a pattern
 * such as `/(a+)+$/` cannot stall a step on a hostile body); anything else is a plain substring
 * that the body must contain. To look for a literal text that starts and ends with `/`, write it
 * as a regex with the slashes escaped.
 */
export interface BodyExpectation {
  describe: string;
  test(body: string): boolean;
}

const FLAGS: Record<string, number> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL };

/**
 * Why `expect-body` cannot be used (a regular expression RE2 does not compile), in a few words
 * that never quote the pattern; null when it can. For checking inputs before anything runs.
 */
export function bodyExpectationProblem(text: string): string | null {
  try {
    parseBodyExpectation(text);
    return null;
  } catch (err) {
    const cause = (err as { cause?: unknown }).cause;
    const message = cause instanceof Error ? cause.message : '';
    // RE2JS: "error parsing regexp: <what>: `<part of the pattern>`"
    return /^error parsing regexp: ([^:`]{1,80})/.exec(message)?.[1]?.trim() ?? 'it does not compile';
  }
}

export function parseBodyExpectation(text: string): BodyExpectation {
  const m = /^\/(.+)\/([ims]*)$/s.exec(text);
  if (m) {
    let re: RE2JS;
    try {
      const flags = [...m[2]].reduce((f, c) => f | FLAGS[c], 0);
      re = RE2JS.compile(m[1], flags);
    } catch (err) {
      throw new Error(
        `expect-body ${JSON.stringify(text)} is not a valid RE2 regular expression (${(err as Error).message}; backreferences and lookarounds are not supported).`,
        { cause: err }
      );
    }
    return { describe: `to match ${text}`, test: (body) => re.matcher(body).find() };
  }
  return { describe: `to contain ${JSON.stringify(text)}`, test: (body) => body.includes(text) };
}
