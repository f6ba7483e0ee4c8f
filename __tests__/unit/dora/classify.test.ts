import { describe, expect, test } from '@jest/globals';
import { classify } from '../../../shared/dora/classify.js';
import { computeMetrics } from '../../../shared/dora/metrics.js';
import { doraReport } from '../../../shared/dora/index.js';
import type { DeploymentRecord, DeploymentState } from '../../../shared/ports/ledger.js';
import { FakeCommitTimes, FakeLedger } from './fixture.js';

let next = 1;
function rec(kind: 'rollout' | 'rollback', version: string, state: DeploymentState, createdAt: string, updatedAt: string, commit?: string): DeploymentRecord {
  return {
    id: String(next++),
    environment: 'production',
    release: { version, ...(commit ? { commit } : {}) },
    state,
    kind,
    createdAt: `2026-08-${createdAt}:00Z`,
    updatedAt: `2026-08-${updatedAt}:00Z`
  };
}

describe('classify: the edge cases of docs/dora.md', () => {
  test('a rollback whose failure mark did not land still restores the promoted rollout before it', () => {
    const v = rec('rollout', 'v2', 'inactive', '03T10:00', '03T12:01');
    const b = rec('rollback', 'v1', 'success', '03T12:00', '03T12:01');
    const h = classify({ records: [v, b] });
    expect(h.rollouts.map((r) => [r.outcome, r.restoredBy?.id])).toEqual([['restored', b.id]]);
    expect(h.rollbacks.map((r) => r.role)).toEqual(['restore']);
  });

  test('rollbacks that restore nothing new, fail, run, or follow nothing', () => {
    const a = rec('rollback', 'v0', 'success', '01T09:00', '01T09:01'); // nothing before it
    const e = rec('rollout', 'v2', 'error', '02T10:00', '02T10:05');
    const f = rec('rollback', 'v1', 'success', '02T10:10', '02T10:11'); // after an errored rollout
    const g = rec('rollback', 'v1', 'error', '02T11:00', '02T11:01');
    const i = rec('rollback', 'v1', 'in_progress', '02T12:00', '02T12:00');
    const h = classify({ records: [a, e, f, g, i] });
    expect(h.rollbacks.map((r) => r.role)).toEqual(['unmatched', 'follow-up', 'failed', 'unfinished']);
    const m = computeMetrics({
      environment: 'p',
      since: new Date('2026-08-01T00:00:00Z'),
      now: new Date('2026-08-08T00:00:00Z'),
      history: h,
      commits: new Map()
    });
    expect(m.notes).toEqual([
      '1 rollout ended in error (v2): counted as attempts, not as changes or failures.',
      '1 rollback (to v0) follow no rollout in the loaded history: not counted.',
      '1 rollback failed (to v1).'
    ]);
    expect([m.changeFailureRate.rate, m.timeToRestore.medianMs, m.leadTime.band, m.deploymentFrequency.band]).toEqual([null, null, null, 'low']);
  });

  test('a first deployment (nothing live before it) is measured from its own commit; rollout.previous fills a gap', async () => {
    const first = rec('rollout', 'v1', 'inactive', '03T10:00', '04T10:00', 'c02');
    const second = { ...rec('rollout', 'v2', 'success', '05T10:00', '05T10:30', 'c05'), rollout: undefined };
    const commits = new FakeCommitTimes();
    await doraReport({
      ledger: new FakeLedger([first, second]),
      commits,
      environment: 'production',
      since: new Date('2026-08-01T00:00:00Z'),
      now: new Date('2026-08-08T00:00:00Z')
    });
    expect(commits.calls).toEqual([
      ['c02', undefined],
      ['c05', 'c02']
    ]);
    const withPrevious: DeploymentRecord = {
      ...rec('rollout', 'v3', 'success', '06T10:00', '06T10:30', 'c09'),
      rollout: { plan: {} as never, previous: { version: 'v2', commit: 'c07' }, owner: { host: 'h', pid: 1 }, target: 'local' }
    };
    expect(classify({ records: [withPrevious] }).rollouts[0].previousCommit).toBe('c07');
  });

  test('a range that cannot be read is left out with its sentence; a redeploy of the live commit has no new commits', async () => {
    const a = rec('rollout', 'v1', 'inactive', '03T10:00', '04T10:00', 'c02');
    const b = rec('rollout', 'v1-again', 'inactive', '04T10:00', '05T10:00', 'c02');
    const c = rec('rollout', 'v9', 'success', '05T10:00', '05T10:30', 'ffff');
    const r = await doraReport({
      ledger: new FakeLedger([a, b, c]),
      commits: new FakeCommitTimes(),
      environment: 'production',
      since: new Date('2026-08-01T00:00:00Z'),
      now: new Date('2026-08-08T00:00:00Z')
    });
    expect(r.leadTime).toMatchObject({ deployments: 2, commits: 1, rangesUnread: 1 });
    expect(r.notes).toEqual([`Commits of deployment ${c.id} not counted: The commit ffff is not on the test branch.`]);
    expect(r.deployments.map((d) => d.commits)).toEqual([1, 0, null]);
  });

  test('a commit dated after its rollout (clock skew) counts as 0', () => {
    const v = rec('rollout', 'v1', 'success', '03T10:00', '03T10:30', 'c1');
    const m = computeMetrics({
      environment: 'p',
      since: new Date('2026-08-01T00:00:00Z'),
      now: new Date('2026-08-08T00:00:00Z'),
      history: classify({ records: [v] }),
      commits: new Map([[v.id, [{ sha: 'c1', committedAt: '2026-08-03T11:00:00Z', authoredAt: '2026-08-03T11:00:00Z' }]]])
    });
    expect(m.leadTime.medianMs).toBe(0);
    expect(m.notes).toEqual(['1 commit is dated after the rollout that deployed it (clock skew): counted as 0.']);
  });
});
