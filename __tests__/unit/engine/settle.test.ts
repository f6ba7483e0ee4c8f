// The rollout engine settles other runs' rollouts (from the ledger) before its own: paused ones
// refuse a deploy, orphans are retired, live ones are waited for, stale records are closed.
import { describe, expect, test } from '@jest/globals';
import { runRollout } from '../../../shared/engine/rollout.js';
import type { BeginOptions } from '../../../shared/ports/ledger.js';
import {
  MemoryLedger,
  beginRollout,
  engineDeps,
  enginePlan,
  fakeClock,
  ledgerWithStable,
  otherOwner,
  recordDeployment,
  scriptedJudge
} from '../../helpers/engine-fakes.js';

const RUN_URL = 'https://github.com/acme/shop/actions/runs/42';
const OTHER = otherOwner(999, { runUrl: RUN_URL });
const RUNNING = { state: 'running', detail: 'process 999 is still running' } as const;

/** Production on v1, with another run's canary of v2 at 50 % (in the ledger and on the target). */
async function otherRunsCanary(owner: { state: 'running' | 'over'; detail: string }) {
  const { ledger, target } = await ledgerWithStable('v1');
  const other = await beginRollout(ledger, 'v2', { owner: OTHER, weight: 50 });
  ledger.owners.set(OTHER.pid, owner);
  target.canary = { version: 'v2' };
  target.weight = 50;
  return { ledger, target, other };
}

describe('a paused canary', () => {
  test('refuses a new deploy, naming the paused version and how to finish it', async () => {
    const { ledger, target } = await ledgerWithStable('v1');
    await runRollout(enginePlan({}, { pauseBeforeLast: true }), { version: 'v2' }, engineDeps(target, ledger, scriptedJudge([['pass']])));
    const calls = [...target.calls];
    const records = ledger.records.length;
    await expect(runRollout(enginePlan(), { version: 'v3' }, engineDeps(target, ledger, scriptedJudge([['pass']])))).rejects.toThrow(
      /canary of v2 is paused in production at 50 %.*action: promote \| abort/
    );
    expect(target.calls).toEqual(calls);
    expect(ledger.records).toHaveLength(records);
  });
});

describe('an orphaned rollout (its run is over)', () => {
  test('is rolled back to stable and closed as error before the new version goes out', async () => {
    const { ledger, target, other } = await otherRunsCanary({ state: 'over', detail: 'process 999 has ended' });
    const report = await runRollout(enginePlan(), { version: 'v3' }, engineDeps(target, ledger, scriptedJudge([['pass']])));
    expect(target.calls[0]).toBe('rollback v1');
    expect(target.contextOf('rollback v1')).toMatchObject({ version: 'v2', deploymentId: other.id });
    expect(ledger.records.find((r) => r.id === other.id)).toMatchObject({ state: 'error', description: expect.stringMatching(/^Orphaned at 50 %/) });
    expect(report.settled).toEqual([expect.stringMatching(/^Retired deployment .* \(v2 at 50 %\).*back on v1/)]);
    expect(target.calls.slice(1)).toEqual(['deploy v3', 'weight 10', 'weight 50', 'weight 100', 'promote']);
    expect(report.result).toBe('promoted');
    expect(report.previous?.version).toBe('v1');
  });
});

describe('a live owner', () => {
  test('is waited for up to lock-timeout, then the deploy is refused naming its run', async () => {
    const { ledger, target } = await otherRunsCanary(RUNNING);
    const clock = fakeClock();
    const t0 = clock.t;
    const records = ledger.records.length;
    await expect(
      runRollout(enginePlan(), { version: 'v3' }, engineDeps(target, ledger, scriptedJudge([['pass']]), { clock, lockTimeoutMs: 20_000 }))
    ).rejects.toThrow(/^Run https:\/\/github\.com\/acme\/shop\/actions\/runs\/42 is rolling out v2 in production .*lock-timeout/);
    expect(clock.t - t0).toBeGreaterThanOrEqual(20_000);
    expect(target.calls).toEqual([]);
    expect(ledger.records).toHaveLength(records);
  });

  test('that finishes while we wait: the deploy goes on from its version', async () => {
    const { ledger, target, other } = await otherRunsCanary(RUNNING);
    const clock = fakeClock();
    const sleep = clock.sleep;
    let polls = 0;
    clock.sleep = async (ms, signal) => {
      if (++polls === 1) {
        // The other run promotes v2 before our second look at the ledger.
        target.stable = target.canary;
        target.canary = null;
        target.weight = 0;
        await ledger.record(other.id, 'success', { description: 'promoted' });
      }
      return sleep(ms, signal);
    };
    const report = await runRollout(enginePlan(), { version: 'v3' }, engineDeps(target, ledger, scriptedJudge([['pass']]), { clock }));
    expect(report.result).toBe('promoted');
    expect(report.previous?.version).toBe('v2');
    expect(target.calls[0]).toBe('deploy v3');
    expect(target.contextOf('deploy v3')?.previousVersion).toBe('v2');
  });
});

/** Begins another run's rollout of v2 right before the deploy under test records its own: both "at once". */
class RacingLedger extends MemoryLedger {
  private raced = false;
  override async begin(o: BeginOptions) {
    if (!this.raced && o.release.version === 'v3') {
      this.raced = true;
      await beginRollout(this, 'v2', { owner: OTHER, weight: 0 });
    }
    return super.begin(o);
  }
}

describe('two rollouts begun at once', () => {
  test('the later one waits for the earlier, and on lock-timeout closes its own deployment without deploying', async () => {
    const ledger = new RacingLedger();
    await recordDeployment(ledger, 'v1');
    ledger.owners.set(OTHER.pid, RUNNING);
    const { target } = await ledgerWithStable('v1');
    const clock = fakeClock();
    const t0 = clock.t;
    const report = await runRollout(enginePlan(), { version: 'v3' }, engineDeps(target, ledger, scriptedJudge([['pass']]), { clock, lockTimeoutMs: 20_000 }));
    expect(report.result).toBe('failed');
    expect(report.reason).toMatch(/lock-timeout.*v3 was not deployed\.$/);
    expect(clock.t - t0).toBeGreaterThanOrEqual(20_000);
    expect(target.calls).toEqual([]);
    const mine = ledger.records.find((r) => r.id === report.deploymentId);
    expect(mine).toMatchObject({ release: { version: 'v3' }, state: 'error', description: report.reason });
    expect(ledger.records.find((r) => r.release.version === 'v2')?.state).toBe('in_progress');
  });
});

describe('a stale record', () => {
  test('an in_progress record older than a later success is closed as error without touching the target', async () => {
    const ledger = new MemoryLedger();
    await recordDeployment(ledger, 'v1');
    const stale = await beginRollout(ledger, 'v2', { owner: OTHER, weight: 10 });
    await recordDeployment(ledger, 'v2b');
    const { target } = await ledgerWithStable('v2b');
    const report = await runRollout(enginePlan(), { version: 'v3' }, engineDeps(target, ledger, scriptedJudge([['pass']])));
    expect(ledger.records.find((r) => r.id === stale.id)).toMatchObject({
      state: 'error',
      description: expect.stringMatching(/^Never finished; superseded by v2b/)
    });
    expect(report.settled).toEqual([expect.stringMatching(/^Closed deployment .* \(v2\)/)]);
    expect(target.calls[0]).toBe('deploy v3');
    expect(target.calls).not.toContain('rollback v1');
    expect(report.previous?.version).toBe('v2b');
    expect(report.result).toBe('promoted');
  });
});

describe('cancellation while waiting', () => {
  test('before its own deployment begins: the run ends without deploying or recording anything', async () => {
    const { ledger, target } = await otherRunsCanary(RUNNING);
    const controller = new AbortController();
    const clock = fakeClock();
    const sleep = clock.sleep;
    clock.sleep = async (ms, signal) => {
      controller.abort();
      return sleep(ms, signal);
    };
    const records = ledger.records.length;
    await expect(
      runRollout(enginePlan(), { version: 'v3' }, engineDeps(target, ledger, scriptedJudge([['pass']]), { clock, signal: controller.signal }))
    ).rejects.toThrow(/cancelled/);
    expect(target.calls).toEqual([]);
    expect(ledger.records).toHaveLength(records);
  });

  test('after its own deployment began: it is closed as error and nothing is deployed', async () => {
    const ledger = new RacingLedger();
    await recordDeployment(ledger, 'v1');
    ledger.owners.set(OTHER.pid, RUNNING);
    const { target } = await ledgerWithStable('v1');
    const controller = new AbortController();
    const clock = fakeClock();
    const sleep = clock.sleep;
    clock.sleep = async (ms, signal) => {
      controller.abort();
      return sleep(ms, signal);
    };
    const report = await runRollout(
      enginePlan(),
      { version: 'v3' },
      engineDeps(target, ledger, scriptedJudge([['pass']]), { clock, signal: controller.signal })
    );
    expect(report.result).toBe('failed');
    expect(report.reason).toMatch(/^Cancelled while waiting for another run's rollout of production; nothing was deployed\.$/);
    expect(target.calls).toEqual([]);
    expect(ledger.records.find((r) => r.id === report.deploymentId)?.state).toBe('error');
  });
});
