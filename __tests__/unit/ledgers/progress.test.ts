import { describe, expect, test } from '@jest/globals';
import { activeRollouts, beganBefore, describeProgress, parseProgress, rolloutFromPayload } from '../../../shared/ledgers/progress.js';
import type { DeploymentRecord } from '../../../shared/ports/ledger.js';

const rec = (
  id: string,
  state: DeploymentRecord['state'],
  kind: DeploymentRecord['kind'] = 'rollout',
  createdAt = `2026-01-01T00:00:0${id}Z`
): DeploymentRecord => ({
  id,
  environment: 'p',
  release: { version: `v${id}` },
  state,
  kind,
  createdAt,
  updatedAt: createdAt
});

describe('rollout progress in a status description', () => {
  test('round-trips through the description', () => {
    const text = describeProgress({ weight: 50, step: 2, steps: 3, paused: true }, 'paused before the last step');
    expect(text).toBe('50 % · step 2/3 · paused — paused before the last step');
    expect(parseProgress(text)).toEqual({ weight: 50, step: 2, steps: 3, paused: true });
    expect(parseProgress(describeProgress({ weight: 10, step: 1, steps: 3, paused: false }, 'x'))).toEqual({ weight: 10, step: 1, steps: 3, paused: false });
  });

  test('anything else has no progress', () => {
    for (const d of [undefined, null, '', 'promoted', '50% · step 2/3 — x', '1000 % · step 1/1 — x']) expect(parseProgress(d)).toBeUndefined();
  });
});

describe('rollout data in a deployment payload', () => {
  const owner = { host: 'h', pid: 1 };
  const plan = { steps: [10, 100] };

  test('kept when well formed; target and statusCommit only when strings', () => {
    expect(rolloutFromPayload({ rollout: { plan, owner, previous: { version: 'v1' }, target: 'local', statusCommit: 'abc' } })).toEqual({
      plan,
      owner,
      previous: { version: 'v1' },
      target: 'local',
      statusCommit: 'abc'
    });
    expect(rolloutFromPayload({ rollout: { plan, owner, previous: 'v1', target: 3 } })).toEqual({ plan, owner, previous: null, target: '' });
  });

  test('dropped when the plan or the owner is missing or malformed', () => {
    for (const p of [
      {},
      { rollout: 'x' },
      { rollout: { owner } },
      { rollout: { plan: { steps: 'x' }, owner } },
      { rollout: { plan } },
      { rollout: { plan, owner: { pid: 1 } } }
    ]) {
      expect(rolloutFromPayload(p as Record<string, unknown>)).toBeUndefined();
    }
  });
});

describe('ordering records', () => {
  test('active rollouts: unfinished rollouts only, oldest first', () => {
    const newestFirst = [rec('5', 'in_progress'), rec('4', 'success'), rec('3', 'pending'), rec('2', 'in_progress', 'rollback'), rec('1', 'in_progress')];
    expect(activeRollouts(newestFirst).map((r) => r.id)).toEqual(['1', '3', '5']);
  });

  test('ids decide which began first; creation time breaks ties and non-numeric ids', () => {
    expect(beganBefore(rec('2', 'success'), rec('10', 'success'))).toBe(true);
    expect(beganBefore(rec('10', 'success'), rec('2', 'success'))).toBe(false);
    expect(beganBefore(rec('7', 'success', 'rollout', '2026-01-01T00:00:01Z'), rec('7', 'success', 'rollout', '2026-01-01T00:00:02Z'))).toBe(true);
    expect(beganBefore(rec('b', 'success', 'rollout', '2026-01-02T00:00:00Z'), rec('a', 'success', 'rollout', '2026-01-01T00:00:00Z'))).toBe(false);
  });
});
