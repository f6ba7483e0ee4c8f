import { describe, expect, test } from '@jest/globals';
import { deriveVersion, isValidVersion, VERSION_PATTERN } from '../../../shared/release/version.js';
import { Inputs } from '../../../shared/inputs/parse.js';
import { InputError } from '../../../shared/inputs/input-error.js';
import { mapSource } from '../../../shared/inputs/source.js';

const VALID = ['1', '1.2.3', 'v1.0.0-rc.1+build.5', 'sha-abc1234', 'sha-abc1234.42', 'build-20260102T030405Z', 'A_b', '0', 'x'.repeat(64)];
const INVALID = [
  '',
  '-x',
  '.hidden',
  '_x',
  '+x',
  'a b',
  ' 1.0',
  '1.0 ',
  '$(touch pwned)',
  '`id`',
  'a/b',
  '../x',
  'a\\b',
  'x'.repeat(65),
  '1.0;rm',
  'v1\n',
  'é1',
  'a:b',
  'a@b',
  'a*'
];

describe('version', () => {
  test('derives sha-<7> from the commit, with the run number when given', () => {
    expect(deriveVersion({ sha: '0123456789abcdef0123456789abcdef01234567', ref: 'refs/heads/main' })).toBe('sha-0123456');
    expect(deriveVersion({ sha: 'ABCDEF0123', ref: '', runNumber: 42 })).toBe('sha-abcdef0.42');
    expect(deriveVersion({ sha: '', ref: '', runNumber: '7' })).toBe('build-7');
    expect(deriveVersion({ sha: 'not a sha', ref: '' })).toMatch(/^build-\d{8}T\d{6}Z$/);
  });

  test('VERSION_PATTERN accepts safe names of 1 to 64 characters and nothing else', () => {
    for (const v of VALID) expect([v, VERSION_PATTERN.test(v)]).toEqual([v, true]);
    for (const v of INVALID) expect([v, VERSION_PATTERN.test(v)]).toEqual([v, false]);
  });

  test('isValidVersion and the `version` input agree on every case', () => {
    const inputAccepts = (v: string): boolean => {
      try {
        new Inputs(mapSource({ version: v })).get('version');
        return true;
      } catch (err) {
        expect(err).toBeInstanceOf(InputError);
        return false;
      }
    };
    for (const v of VALID) expect([v, isValidVersion(v), inputAccepts(v)]).toEqual([v, true, true]);
    // Input sources trim what they read, and '' means "not given": those cases are the regex's alone.
    for (const v of INVALID.filter((x) => x !== '' && x.trim() === x)) expect([v, isValidVersion(v), inputAccepts(v)]).toEqual([v, false, false]);
    expect(isValidVersion('')).toBe(false);
  });

  test('every derived version passes the `version` input', () => {
    const derived = [
      deriveVersion({ sha: 'f'.repeat(40) }),
      deriveVersion({ sha: 'F'.repeat(64), runNumber: 123456 }),
      deriveVersion({ sha: '', runNumber: 3 }),
      deriveVersion({ sha: '', runNumber: 'run #7; rm -rf' }),
      deriveVersion({ sha: '' })
    ];
    expect(derived[1]).toBe('sha-fffffff.123456');
    expect(derived[3]).toBe('build-7');
    for (const v of derived) expect(new Inputs(mapSource({ version: v })).get('version')).toBe(v);
  });
});
