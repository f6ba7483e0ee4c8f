import { describe, expect, test } from '@jest/globals';
import { parseBodyExpectation } from '../../../shared/smoke/body-match.js';

describe('expect-body', () => {
  test('plain text is a substring', () => {
    const e = parseBodyExpectation('"ok":true');
    expect(e.test('{"ok":true}')).toBe(true);
    expect(e.test('{"ok":false}')).toBe(false);
  });

  test('/pattern/flags is an RE2 expression with i, m and s', () => {
    expect(parseBodyExpectation('/^ok$/m').test('x\nok\ny')).toBe(true);
    expect(parseBodyExpectation('/OK/i').test('ok')).toBe(true);
    expect(parseBodyExpectation('/a.b/s').test('a\nb')).toBe(true);
    expect(parseBodyExpectation('/a.b/').test('a\nb')).toBe(false);
  });

  test('a catastrophic-backtracking pattern is decided in linear time', () => {
    // With a backtracking engine this takes longer than a minute for 40 characters.
    const e = parseBodyExpectation('/(a+)+$/');
    const body = `${'a'.repeat(40)}!`;
    const t0 = Date.now();
    expect(e.test(body)).toBe(false);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  test('backreferences are refused with one sentence naming the input', () => {
    expect(() => parseBodyExpectation('/(a)\\1/')).toThrow(/^expect-body "\/\(a\)\\\\1\/" is not a valid RE2 regular expression \(.*\)\.$/);
  });
});
