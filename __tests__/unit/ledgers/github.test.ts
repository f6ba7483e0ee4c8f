import { expect, test } from '@jest/globals';
import { pickLastGood, clip140 } from '../../../shared/ledgers/github.js';
import type { DeploymentRecord } from '../../../shared/ports/ledger.js';

const rec = (id: string, version: string, state: DeploymentRecord['state']): DeploymentRecord => ({
  id,
  environment: 'p',
  release: { version },
  state,
  kind: 'rollout',
  createdAt: id,
  updatedAt: id
});

test('clip140 keeps the 140-character limit of a status description', () => {
  expect(clip140('é'.repeat(200))).toHaveLength(140);
});

test('pickLastGood', () => {
  expect(pickLastGood([rec('3', 'v3', 'failure'), rec('2', 'v2', 'success'), rec('1', 'v1', 'inactive')])?.id).toBe('2');
  expect(pickLastGood([rec('3', 'v3', 'failure'), rec('2', 'v2', 'success'), rec('1', 'v1', 'inactive')], 'v2')?.id).toBe('1');
  expect(pickLastGood([rec('2', 'v2', 'in_progress'), rec('1', 'v1', 'inactive')])).toBeNull();
});
