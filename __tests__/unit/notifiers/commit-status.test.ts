import { expect, test } from '@jest/globals';
import { commitStatusStateFor } from '../../../shared/notifiers/commit-status.js';

test('commit status state per result', () => {
  expect(['promoted', 'rolled-back', 'failed', 'paused'].map((r) => commitStatusStateFor(r as never))).toEqual(['success', 'failure', 'error', 'pending']);
});
