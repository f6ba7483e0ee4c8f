/**
 * How `expect-body` is read: text of the form `/pattern/flags` (flags from `imsu`) is a regular
 * expression; anything else is a plain substring that the body must contain. To look for a
 * literal text that starts and ends with `/`, write it as a regex with the slashes escaped.
 */
export interface BodyExpectation {
  describe: string;
  test(body: string): boolean;
}

export function parseBodyExpectation(text: string): BodyExpectation {
  const m = /^\/(.+)\/([imsu]*)$/s.exec(text);
  if (m) {
    let re: RegExp;
    try {
      re = new RegExp(m[1], m[2]);
    } catch (err) {
      throw new Error(`expect-body ${JSON.stringify(text)} is not a valid regular expression (${(err as Error).message}).`);
    }
    return { describe: `to match ${text}`, test: (body) => re.test(body) };
  }
  return { describe: `to contain ${JSON.stringify(text)}`, test: (body) => body.includes(text) };
}
