import { expect, test } from '@jest/globals';
import os from 'node:os';
import path from 'node:path';
import { defaultStateDir } from '../../../shared/util/state-dir.js';

test('XDG_STATE_HOME when absolute, else ~/.local/state, under shipgate/', () => {
  expect(defaultStateDir({ XDG_STATE_HOME: '/var/state', HOME: '/home/u' })).toBe('/var/state/shipgate');
  expect(defaultStateDir({ XDG_STATE_HOME: 'relative/state', HOME: '/home/u' })).toBe('/home/u/.local/state/shipgate');
  expect(defaultStateDir({ HOME: '/home/u' })).toBe('/home/u/.local/state/shipgate');
  expect(defaultStateDir({})).toBe(path.join(os.homedir(), '.local', 'state', 'shipgate'));
});
