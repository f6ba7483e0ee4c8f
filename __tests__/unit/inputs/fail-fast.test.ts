// Issue 9: bad input that used to be caught late (or not at all) is refused while the inputs are
// parsed, with one sentence, before anything is started or recorded.
import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ACTION_NAMES, INPUTS, inputsOf, type ActionName, type InputName } from '../../../shared/inputs/catalogue.js';
import { Inputs } from '../../../shared/inputs/parse.js';
import { mapSource } from '../../../shared/inputs/source.js';
import { tempDir } from '../../helpers/run-bundle.js';
import { PARSERS, SAMPLE_DIR, samplesFor } from '../../property/samples.js';

const workspace = tempDir('shipgate-fail-fast-');
mkdirSync(path.join(workspace, SAMPLE_DIR));
writeFileSync(path.join(workspace, 'a-file'), 'x');
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

/** The error the action's parsing throws for these inputs (undefined when it accepts them). */
function refusal(action: ActionName, over: Record<string, string>): Error | undefined {
  try {
    PARSERS[action](new Inputs(mapSource(samplesFor(action, over)), { workspace }));
    return undefined;
  } catch (err) {
    return err as Error;
  }
}

/** One sentence: an InputError, one line, ending in a full stop. */
function expectOneSentence(err: Error | undefined, pattern: RegExp): void {
  expect(err?.name).toBe('InputError');
  expect(err?.message).toMatch(pattern);
  expect(err?.message.split(/\r\n|[\n\r\u2028\u2029\u0085]/)).toHaveLength(1);
  expect(err?.message).toMatch(/\.$/);
}

/** Every URL input that is shown anywhere (the webhook is a secret and never shown). */
const URL_INPUTS = (Object.keys(INPUTS) as InputName[]).filter(
  (n) => ['url', 'urls'].includes(INPUTS[n].type.kind) && !('secret' in INPUTS[n] && INPUTS[n].secret)
);

describe('credentials in URLs', () => {
  test('the URL inputs are the ones issue 9 names', () => {
    expect(URL_INPUTS.sort()).toEqual(['canary-url', 'environment-url', 'prometheus-url', 'stable-url', 'url']);
  });

  const cases = URL_INPUTS.flatMap((name) => ACTION_NAMES.filter((a) => inputsOf(a).some((i) => i.name === name)).map((a) => [name, a] as const));
  test.each(cases)('%s (%s): a URL with a user name and password is refused without showing the password', (name, action) => {
    for (const value of ['http://admin:hunter2pw@127.0.0.1:9/x', 'https://admin:hunter2pw@example.test/', 'http://ad%6Din:hunter2pw@127.0.0.1:9/']) {
      const err = refusal(action, { [name]: value });
      expectOneSentence(err, new RegExp(`^Input "${name}" has value "https?://\\*\\*\\*@[^"]+": .*headers`));
      expect(err?.message).not.toContain('hunter2pw');
      expect(err?.message).not.toContain('admin');
    }
    // A user name alone is credentials too (a token is often sent as the user name).
    expectOneSentence(
      refusal(action, { [name]: 'http://ghp_tokentokentoken@127.0.0.1:9/' }),
      new RegExp(`^Input "${name}" has value "http://\\*\\*\\*@127.0.0.1:9/"`)
    );
  });

  test('a URL that does not parse never shows the credentials in it either', () => {
    for (const value of ['http://admin:hunter2pw@', 'http://admin:hunter2pw@:99999/', 'ftp://admin:hunter2pw@127.0.0.1/']) {
      const err = refusal('smoke-test', { url: value });
      expectOneSentence(err, /^Input "url" has value "[^"]*\*\*\*@[^"]*": /);
      expect(err?.message).not.toContain('hunter2pw');
    }
  });

  test('one bad URL among several is shown alone, and still without its password', () => {
    const err = refusal('smoke-test', { url: 'http://127.0.0.1:9/ok\nhttp://u:hunter2pw@127.0.0.1:9/' });
    expectOneSentence(err, /^Input "url" has value "http:\/\/\*\*\*@127\.0\.0\.1:9\/": /);
    expect(err?.message).not.toContain('hunter2pw');
  });
});

describe('working-directory', () => {
  const actions = ACTION_NAMES.filter((a) => inputsOf(a).some((i) => i.name === 'working-directory'));

  test.each(actions.map((a) => [a]))('%s: a folder that does not exist is refused while parsing', (action) => {
    expectOneSentence(
      refusal(action, { 'working-directory': 'no/such/dir' }),
      /^Input "working-directory" has value "no\/such\/dir": no such folder in the workspace/
    );
    expectOneSentence(refusal(action, { 'working-directory': 'a-file' }), /^Input "working-directory" has value "a-file": .*not a folder/);
    expect(refusal(action, { 'working-directory': SAMPLE_DIR })).toBeUndefined();
    expect(refusal(action, { 'working-directory': '.' })).toBeUndefined();
  });
});

describe('headers', () => {
  test('a value with characters outside Latin-1 is refused while parsing, without showing the value', () => {
    for (const value of ['Tökén-Ā-s3kr1t', 'Bearer ключ-s3kr1t', 'x\u2028s3kr1t', 'emoji-😀-s3kr1t']) {
      const err = refusal('smoke-test', { headers: `X-Token: ${value}` });
      expectOneSentence(err, /^Input "headers" has value "line 1: \*\*\*": .*Latin-1/);
      expect(err?.message).not.toContain('s3kr1t');
    }
  });

  test('a value with control characters is refused too; Latin-1 letters and tabs are fine', () => {
    expectOneSentence(refusal('smoke-test', { headers: 'X-Token: a\u0000s3kr1t' }), /^Input "headers" has value "line 1: \*\*\*"/);
    expect(refusal('smoke-test', { headers: 'X-Name: Zoë\tMüller' })).toBeUndefined();
  });

  test('a sentence about a bad line names its number and none of its text (a malformed line may be all secret)', () => {
    const err = refusal('smoke-test', { headers: '# comment\nX-A: 1\n\nsk-live-s3kr1t-t0ken other' });
    expectOneSentence(err, /^Input "headers" has value "line 4: \*\*\*": write one "Name: value" header per line/);
    expect(err?.message).not.toMatch(/s3kr1t|sk-live/);
    expectOneSentence(refusal('smoke-test', { headers: 'X-A: 1\nS3kr1t-Name-Like: Ā' }), /^Input "headers" has value "line 2: \*\*\*": .*Latin-1/);
  });
});

describe('numbers', () => {
  const numeric = (Object.keys(INPUTS) as InputName[]).filter((n) => ['integer', 'number', 'fraction', 'percent', 'duration'].includes(INPUTS[n].type.kind));
  const parsed = (name: string, value: string) => () => new Inputs(mapSource({ [name]: value })).get(name as InputName);

  test.each(numeric.map((n) => [n]))('%s: signed and non-canonical numbers are refused', (name) => {
    for (const value of ['-0', '+0', '-1', '+1', '- 1', '−1', '0x10', '1e3', 'Infinity', 'NaN', '.5', '1.']) {
      let err: Error | undefined;
      try {
        parsed(name, value)();
      } catch (e) {
        err = e as Error;
      }
      expectOneSentence(err, /: use /);
      expect([value, err?.message.startsWith(`Input "${name}" has value ${JSON.stringify(value)}: `)]).toEqual([value, true]);
    }
  });

  test('probe-rate: -0 is refused (it read as 0 and turned probes off)', () => {
    expect(parsed('probe-rate', '-0')).toThrow('Input "probe-rate" has value "-0": use a number from 0 to 1000 requests per second.');
    expect(parsed('retries', '-0')).toThrow('Input "retries" has value "-0": use a whole number from 0 to 20.');
    expect(parsed('probe-rate', '0')()).toBe(0);
    expect(Object.is(parsed('probe-rate', '0')(), -0)).toBe(false);
  });
});

describe('expect-body', () => {
  test('a regular expression RE2 cannot compile is refused while parsing, not when the first response arrives', () => {
    expectOneSentence(refusal('smoke-test', { 'expect-body': '/(unclosed/' }), /^Input "expect-body" has value "\/\(unclosed\/": .*RE2/);
    expectOneSentence(refusal('smoke-test', { 'expect-body': '/(a)\\1/' }), /^Input "expect-body" has value .*backreferences/);
    expect(refusal('smoke-test', { 'expect-body': '/^ok$/m' })).toBeUndefined();
  });
});
