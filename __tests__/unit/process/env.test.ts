// The one rule for a child's environment, per kind of child.
import { expect, test } from '@jest/globals';
import { childEnv } from '../../../shared/process/env.js';

const base = {
  PATH: '/bin',
  HOME: '/h',
  LANG: 'C.UTF-8',
  GITHUB_SHA: 'abc',
  RUNNER_TEMP: '/tmp/r',
  'INPUT_GITHUB-TOKEN': 'ghs_x',
  ACTIONS_RUNTIME_TOKEN: 't',
  ACTIONS_ID_TOKEN_REQUEST_URL: 'u',
  SHIPGATE_DEBUG: '1',
  SHIPGATE_VERSION: 'stale'
};

test('a step sees what a run: step sees, without inputs and runner credentials; extra values win', () => {
  expect(childEnv(base, { kind: 'step', extra: { SHIPGATE_VERSION: '3' } })).toEqual({
    PATH: '/bin',
    HOME: '/h',
    LANG: 'C.UTF-8',
    GITHUB_SHA: 'abc',
    RUNNER_TEMP: '/tmp/r',
    SHIPGATE_DEBUG: '1',
    SHIPGATE_VERSION: '3'
  });
});

test('the daemon and the services get only the allow-list, never a token or an input', () => {
  expect(childEnv(base, { kind: 'daemon' })).toEqual({ PATH: '/bin', HOME: '/h', LANG: 'C.UTF-8', SHIPGATE_DEBUG: '1' });
  expect(childEnv(base, { kind: 'service', extra: { PORT: '4000' } })).toEqual({ PATH: '/bin', HOME: '/h', LANG: 'C.UTF-8', PORT: '4000' });
});

test('PATH gets a default for the kinds that run commands through bash', () => {
  expect(childEnv({ HOME: '/h' }, { kind: 'step' }).PATH).toBe('/usr/local/bin:/usr/bin:/bin');
  expect(childEnv({ HOME: '/h' }, { kind: 'service' }).PATH).toBe('/usr/local/bin:/usr/bin:/bin');
  expect(childEnv({ HOME: '/h' }, { kind: 'daemon' }).PATH).toBeUndefined();
});

test('a tool Shipgate runs itself gets the environment as it is, plus its extra values', () => {
  expect(childEnv(base, { kind: 'tool', extra: { LC_ALL: 'C' } })).toEqual({ ...base, LC_ALL: 'C' });
});
