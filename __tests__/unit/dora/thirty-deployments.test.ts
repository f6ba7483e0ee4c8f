// The method (docs/dora.md) applied by hand to the 30 records of fixture.ts. Every expected number
// below was worked out on paper from the fixture; the arithmetic is in the comments.
import { describe, expect, test } from '@jest/globals';
import { doraReport, type DoraReport } from '../../../shared/dora/index.js';
import { FakeCommitTimes, FakeLedger, NOW, RECORDS, SINCE } from './fixture.js';

const H = 3_600_000;
const MIN = 60_000;

async function report(): Promise<{ r: DoraReport; commits: FakeCommitTimes; ledger: FakeLedger }> {
  const commits = new FakeCommitTimes();
  const ledger = new FakeLedger();
  const r = await doraReport({ ledger, commits, environment: 'production', since: '2026-06-22', now: NOW });
  return { r, commits, ledger };
}

describe('DORA metrics of the 30-deployment history', () => {
  test('the fixture is what the comments say', () => {
    expect(RECORDS.filter((r) => Date.parse(r.createdAt) >= SINCE.getTime())).toHaveLength(30);
  });

  test('window and records: 70 days (22 June to 31 August), 27 rollouts and 3 rollbacks', async () => {
    const { r } = await report();
    expect(r.window).toEqual({ since: '2026-06-22T00:00:00.000Z', until: '2026-08-31T00:00:00.000Z', days: 70, historyReachesSince: true });
    // 100 is before the window: read for context, not counted.
    expect(r.records).toEqual({ rollouts: 27, rollbacks: 3 });
  });

  test('outcomes', async () => {
    const { r } = await report();
    // rolled back by analysis: 103, 115, 116; restored after promotion: 108 (by 109), 121 (by 122);
    // errored: 111; unfinished: 130 (paused); promoted: the other 27 − 7 = 20.
    expect(r.outcomes).toEqual({ promoted: 20, restored: 2, rolledBack: 3, errored: 1, unfinished: 1, paused: 1 });
    expect(r.deployments.filter((d) => d.outcome === 'rolled-back').map((d) => d.id)).toEqual(['103', '115', '116']);
    expect(r.deployments.filter((d) => d.outcome === 'restored').map((d) => [d.id, d.restoredBy])).toEqual([
      ['108', '109'],
      ['121', '122']
    ]);
  });

  test('deployment frequency: 22 deployments in 70 days', async () => {
    const { r } = await report();
    // deployments = promoted 20 + restored 2 = 22; attempts = 27 rollouts.
    // 22 / 70 = 0.3142… per day → 0.314; × 7 = 2.2 per week: at least weekly, under daily → high.
    expect(r.deploymentFrequency).toEqual({ deployments: 22, attempts: 27, perDay: 0.314, perWeek: 2.2, band: 'high' });
  });

  test('lead time for changes: 39 commits, median 26 h, p90 74 h', async () => {
    const { r, commits } = await report();
    // Lead times in hours (rollout start 10:00 − commit 08:00 of an earlier day):
    //   2 h: the deployed commit of each of the 19 promoted rollouts that name one (113 names none) → 19
    //  26 h: c01, c03, c08, c15, c24, c31, c34, c37 → 8
    //  50 h: c12 (→110), c14 (→112), c18 (→114), c22 (→117), c29 (→123) → 5
    //  74 h: c06 (→105), c11 (→110), c17 (→114), c28 (→123) → 4
    //  98 h: c05 (→105), c21 (→117) → 2
    // 122 h: c20 (→117, 19 July 08:00 to 24 July 10:00) → 1
    // 39 in all. Nearest rank: median = value #ceil(0.5 × 39) = #20 → the first 26 h;
    // p90 = #ceil(0.9 × 39) = #36 → the last 74 h (#33-#36). 26 h is a day or more, under a week → high.
    expect(r.leadTime).toEqual({
      deployments: 19,
      commits: 39,
      medianMs: 26 * H,
      p90Ms: 74 * H,
      band: 'high',
      deploymentsWithoutCommit: 1,
      rangesUnread: 0
    });
    // The ranges asked for: from the commit live before each promoted rollout.
    expect(commits.calls).toEqual([
      ['c02', 'c00'], // 101 after 100 (before the window)
      ['c04', 'c02'],
      ['c07', 'c04'], // 105: after the canary 103 failed and 104 restored c04
      ['c09', 'c07'],
      ['c10', 'c09'],
      ['c13', 'c10'], // 110: 108 (c12) was restored away by 109 (c10)
      ['c16', 'c13'],
      ['c19', 'c16'], // 114: 113 named no commit; its commits count here
      ['c23', 'c19'],
      ['c25', 'c23'],
      ['c26', 'c25'],
      ['c27', 'c26'],
      ['c30', 'c27'], // 123: 121 (c29) restored away by 122 (c27)
      ['c32', 'c30'],
      ['c33', 'c32'],
      ['c35', 'c33'],
      ['c36', 'c35'],
      ['c38', 'c36'],
      ['c39', 'c38']
    ]);
    // Per deployment, as listed: 105 brought c05, c06, c07; 117 brought c20-c23.
    const byId = Object.fromEntries(r.deployments.map((d) => [d.id, d.commits]));
    expect([byId['105'], byId['117'], byId['113'], byId['108'], byId['130']]).toEqual([3, 4, null, null, null]);
  });

  test('change failure rate: 5 of 25 changes', async () => {
    const { r } = await report();
    // changes = promoted 20 + restored 2 + rolled back 3 = 25; failures = 3 + 2 = 5;
    // 5 / 25 = 0.2 → over 15 % → low.
    expect(r.changeFailureRate).toEqual({ rate: 0.2, failures: 5, changes: 25, rolledBackByAnalysis: 3, restoredAfterPromotion: 2, band: 'low' });
  });

  test('time to restore: median 2 h, p90 23 h 4 min', async () => {
    const { r } = await report();
    // Canaries (start → failure recorded): 103 10:00→10:20 = 20 min; 115 10:00→10:45 = 45 min;
    //   116 10:00→12:00 = 2 h. Median of 3 = #2 = 45 min.
    // After promotion (rollout start → rollback finished): 108 6 July 10:00 → 7 July 09:04 = 23 h 4 min;
    //   121 3 August 10:00 → 16:05 = 6 h 5 min. Median of 2 = #1 = 6 h 5 min.
    // All five sorted: 20 min, 45 min, 2 h, 6 h 5 min, 23 h 4 min. Median #ceil(2.5) = #3 = 2 h;
    // p90 #ceil(4.5) = #5 = 23 h 4 min. 2 h is under a day → high.
    expect(r.timeToRestore).toEqual({
      restores: 5,
      medianMs: 2 * H,
      p90Ms: 23 * H + 4 * MIN,
      band: 'high',
      canary: { restores: 3, medianMs: 45 * MIN },
      afterPromotion: { restores: 2, medianMs: 6 * H + 5 * MIN }
    });
    const restoreOf = Object.fromEntries(r.deployments.map((d) => [d.id, d.restoreMs]));
    expect([restoreOf['103'], restoreOf['108'], restoreOf['121'], restoreOf['101']]).toEqual([20 * MIN, 23 * H + 4 * MIN, 6 * H + 5 * MIN, null]);
  });

  test('per ISO week: deployments, changes in production, failures', async () => {
    const { r } = await report();
    // W26: 101 P, 102 P, 103 RB          → 2 deployments, 3 changes, 1 failure
    // W27: 105, 106, 107 P               → 3, 3, 0
    // W28: 108 restored, 110 P, 111 err  → 2, 2, 1
    // W29: 112, 113, 114 P               → 3, 3, 0
    // W30: 115 RB, 116 RB, 117 P         → 1, 3, 2
    // W31: 118, 119, 120 P               → 3, 3, 0
    // W32: 121 restored, 123 P           → 2, 2, 1
    // W33: 124, 125 P                    → 2, 2, 0
    // W34: 126, 127, 128 P               → 3, 3, 0
    // W35: 129 P, 130 unfinished         → 1, 1, 0
    expect(r.weeks).toEqual([
      { week: '2026-W26', start: '2026-06-22', deployments: 2, changes: 3, failures: 1 },
      { week: '2026-W27', start: '2026-06-29', deployments: 3, changes: 3, failures: 0 },
      { week: '2026-W28', start: '2026-07-06', deployments: 2, changes: 2, failures: 1 },
      { week: '2026-W29', start: '2026-07-13', deployments: 3, changes: 3, failures: 0 },
      { week: '2026-W30', start: '2026-07-20', deployments: 1, changes: 3, failures: 2 },
      { week: '2026-W31', start: '2026-07-27', deployments: 3, changes: 3, failures: 0 },
      { week: '2026-W32', start: '2026-08-03', deployments: 2, changes: 2, failures: 1 },
      { week: '2026-W33', start: '2026-08-10', deployments: 2, changes: 2, failures: 0 },
      { week: '2026-W34', start: '2026-08-17', deployments: 3, changes: 3, failures: 0 },
      { week: '2026-W35', start: '2026-08-24', deployments: 1, changes: 1, failures: 0 }
    ]);
  });

  test('the notes name what is left out', async () => {
    const { r } = await report();
    expect(r.notes).toEqual([
      '1 promoted rollout names no commit (v1.6.0): counted as deployments; their commits are counted with the next promoted rollout that names one.',
      '1 rollout is not finished (v1.13.0, paused): counted as attempts only, until they end.',
      '1 rollout ended in error (v1.5.0): counted as attempts, not as changes or failures.'
    ]);
  });

  test('one read of the ledger covers the window (31 records < 50 asked)', async () => {
    const { ledger } = await report();
    expect(ledger.limits).toEqual([50]);
  });
});
