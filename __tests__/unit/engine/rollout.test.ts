import { describe, expect, jest, test } from '@jest/globals';
import { runRollout } from '../../../shared/engine/rollout.js';
import {
  FakeTarget,
  MemoryLedger,
  RecordingNotifier,
  beginRollout,
  engineDeps,
  enginePlan,
  ledgerWithStable,
  otherOwner,
  recordDeployment,
  scriptedJudge,
  ME
} from '../../helpers/engine-fakes.js';

const OTHER = otherOwner(999);

describe('rollout engine', () => {
  test('promotes a canary that passes every step, in order', async () => {
    const { ledger, target } = await ledgerWithStable();
    const report = await runRollout(enginePlan(), { version: 'v2' }, engineDeps(target, ledger, scriptedJudge([['continue', 'pass']])));
    expect(report.result).toBe('promoted');
    expect(target.calls).toEqual(['deploy v2', 'weight 10', 'weight 50', 'weight 100', 'promote']);
    expect(target.stable?.version).toBe('v2');
    expect(report.steps.map((s) => s.weight)).toEqual([10, 50, 100]);
    expect(report.steps[0].looks).toHaveLength(2);
    expect(ledger.records[0]).toMatchObject({ state: 'success', release: { version: 'v2' } });
    expect(report.previous?.version).toBe('v1');
  });

  test('rolls back on a failing verdict, records failure and keeps failing samples', async () => {
    const { ledger, target } = await ledgerWithStable();
    const notifier = new RecordingNotifier();
    const report = await runRollout(enginePlan(), { version: 'v2' }, engineDeps(target, ledger, scriptedJudge([['fail']]), { notifiers: [notifier] }));
    expect(report.result).toBe('rolled-back');
    expect(target.calls).toEqual(['deploy v2', 'weight 10', 'rollback v1']);
    expect(target.stable?.version).toBe('v1');
    expect(target.weight).toBe(0);
    expect(ledger.records[0].state).toBe('failure');
    expect(report.rollbackMs).not.toBeNull();
    expect(report.steps[0].failingSamples?.[0]).toEqual({ status: 500, detail: '<b>boom</b>' });
    expect(report.incidentUrl).toBe('https://example.test/issues/1');
    expect(notifier.events.map((e) => e.type)).toEqual(['started', 'finished']);
  });

  test('a target error after deployCanary restores stable and reports failed', async () => {
    const { ledger, target } = await ledgerWithStable();
    target.failOn = 'weight 50';
    const report = await runRollout(enginePlan(), { version: 'v2' }, engineDeps(target, ledger, scriptedJudge([['pass']])));
    expect(report.result).toBe('failed');
    expect(report.reason).toMatch(/weight 50 command exited with code 3/);
    expect(target.calls.at(-1)).toBe('rollback v1');
    expect(ledger.records[0].state).toBe('error');
  });

  test('cancellation mid-step rolls back and says so', async () => {
    const { ledger, target } = await ledgerWithStable();
    const controller = new AbortController();
    const judge = scriptedJudge([['continue']]);
    const abortingJudge = () => {
      const j = judge();
      return {
        ...j,
        verdict: (final: boolean) => {
          controller.abort();
          return j.verdict(final);
        }
      };
    };
    const report = await runRollout(enginePlan(), { version: 'v2' }, engineDeps(target, ledger, abortingJudge, { signal: controller.signal }));
    expect(report.result).toBe('rolled-back');
    expect(report.reason).toMatch(/cancelled/);
    expect(target.stable?.version).toBe('v1');
    expect(target.canary).toBeNull();
  });

  test('an inconclusive step follows on-inconclusive', async () => {
    for (const [policy, result] of [
      ['rollback', 'rolled-back'],
      ['promote', 'promoted'],
      ['pause', 'paused']
    ] as const) {
      const { ledger, target } = await ledgerWithStable();
      const report = await runRollout(enginePlan({ onInconclusive: policy }), { version: 'v2' }, engineDeps(target, ledger, scriptedJudge([['continue']])));
      expect(report.result).toBe(result);
      expect(report.steps[0].decidedByPolicy).toBe(true);
      expect(report.steps[0].looks).toHaveLength(5);
    }
  });

  test("on-inconclusive: promote with every step inconclusive is 'promoted without a decision', never 'passed every step'", async () => {
    const { ledger, target } = await ledgerWithStable();
    const report = await runRollout(enginePlan({ onInconclusive: 'promote' }), { version: 'v2' }, engineDeps(target, ledger, scriptedJudge([['continue']])));
    expect(report.result).toBe('promoted');
    expect(report.steps.map((s) => s.decidedByPolicy)).toEqual([true, true, true]);
    expect(report.reason).toMatch(/promoted without a decision/);
    expect(report.reason).not.toMatch(/passed every step/);
  });

  test('auto-rollback false moves a failing canary to 0 % and leaves it for inspection', async () => {
    const { ledger, target } = await ledgerWithStable();
    const report = await runRollout(enginePlan({}, { autoRollback: false }), { version: 'v2' }, engineDeps(target, ledger, scriptedJudge([['fail']])));
    expect(report.result).toBe('failed');
    expect(target.weight).toBe(0);
    expect(target.canary?.version).toBe('v2');
  });

  test('refuses a second canary while another live run rolls one out, before touching anything', async () => {
    const { ledger, target } = await ledgerWithStable();
    await beginRollout(ledger, 'v2', { owner: OTHER, weight: 10 });
    ledger.owners.set(OTHER.pid, { state: 'running', detail: 'process 999 is still running' });
    target.canary = { version: 'v2' };
    target.weight = 10;
    await expect(runRollout(enginePlan(), { version: 'v3' }, engineDeps(target, ledger, scriptedJudge([['pass']]), { lockTimeoutMs: 0 }))).rejects.toThrow(
      /is rolling out v2/
    );
    expect(target.calls).toEqual([]);
    expect(ledger.records).toHaveLength(2);
  });

  test('a canary on the target that no unfinished rollout owns is retired before deploying', async () => {
    const { ledger, target } = await ledgerWithStable();
    target.canary = { version: 'v2' };
    target.weight = 10;
    const report = await runRollout(enginePlan(), { version: 'v3' }, engineDeps(target, ledger, scriptedJudge([['pass']])));
    expect(target.calls.slice(0, 2)).toEqual(['rollback v1', 'deploy v3']);
    expect(target.contextOf('rollback v1')?.version).toBe('v2');
    expect(report.settled).toEqual([expect.stringMatching(/canary of v2 at 10 % that no unfinished rollout/)]);
    expect(report.result).toBe('promoted');
  });
});

describe('baseline rule', () => {
  test('no stable on the target but a success in the ledger: every step is compared, previous is the ledger’s version', async () => {
    const ledger = new MemoryLedger();
    await recordDeployment(ledger, 'v1');
    const target = new FakeTarget(null);
    const createJudge = jest.fn(scriptedJudge([['pass']]));
    const report = await runRollout(enginePlan(), { version: 'v2' }, engineDeps(target, ledger, createJudge));
    expect(report.result).toBe('promoted');
    expect(createJudge).toHaveBeenCalledTimes(3);
    expect(target.calls).toEqual(['deploy v2', 'weight 10', 'weight 50', 'weight 100', 'promote']);
    expect(report.previous?.version).toBe('v1');
    expect(report.firstRelease).toBeUndefined();
  });

  test('no stable anywhere but stable-url given: steps are analysed and a failure rolls back to what stable-url serves', async () => {
    const target = new FakeTarget(null);
    const createJudge = jest.fn(scriptedJudge([['fail']]));
    const rollback = jest.spyOn(target, 'rollback');
    const report = await runRollout(enginePlan(), { version: 'v1' }, engineDeps(target, new MemoryLedger(), createJudge, { stableUrlGiven: true }));
    expect(report.result).toBe('rolled-back');
    expect(createJudge).toHaveBeenCalledTimes(1);
    expect(rollback).toHaveBeenCalledWith(null, expect.objectContaining({ version: 'v1' }));
    expect(report.previous).toBeNull();
    // A failing verdict's reason is "Rolled back at 10 %: …"; where traffic went is in the timeline.
    expect(report.timeline.find((e) => e.event === 'rolled-back')?.detail).toMatch(/the version behind stable-url/);
  });

  test('no stable anywhere, stable-url given: a target error names the version behind stable-url in the reason', async () => {
    const target = new FakeTarget(null);
    target.failOn = 'weight 50';
    const report = await runRollout(
      enginePlan(),
      { version: 'v1' },
      engineDeps(target, new MemoryLedger(), scriptedJudge([['pass']]), { stableUrlGiven: true })
    );
    expect(report.result).toBe('failed');
    expect(target.calls.at(-1)).toBe('rollback none');
    expect(report.reason).toMatch(/traffic is back on the version behind stable-url/);
  });

  test('no baseline at all: the first-release judge decides one step at steps[0], then the canary is promoted', async () => {
    const target = new FakeTarget(null);
    const createFirstReleaseJudge = jest.fn(scriptedJudge([['pass']]));
    const createJudge = jest.fn(scriptedJudge([['fail']]));
    const report = await runRollout(enginePlan(), { version: 'v1' }, engineDeps(target, new MemoryLedger(), createJudge, { createFirstReleaseJudge }));
    expect(report.result).toBe('promoted');
    expect(report.reason).toMatch(/first release/);
    expect(report.firstRelease).toBe(true);
    expect(createFirstReleaseJudge).toHaveBeenCalledTimes(1);
    expect(createJudge).not.toHaveBeenCalled();
    expect(report.steps.map((s) => s.weight)).toEqual([10]);
    expect(target.calls).toEqual(['deploy v1', 'weight 10', 'promote']);
    expect(target.stable?.version).toBe('v1');
  });

  test('no baseline at all: a failing first-release verdict rolls back', async () => {
    const target = new FakeTarget(null);
    const ledger = new MemoryLedger();
    const createFirstReleaseJudge = scriptedJudge([['fail']]);
    const report = await runRollout(enginePlan(), { version: 'v1' }, engineDeps(target, ledger, scriptedJudge([['pass']]), { createFirstReleaseJudge }));
    expect(report.result).toBe('rolled-back');
    expect(report.firstRelease).toBe(true);
    expect(target.calls).toEqual(['deploy v1', 'weight 10', 'rollback none']);
    expect(target.canary).toBeNull();
    expect(ledger.records[0].state).toBe('failure');
  });
});

describe('the ledger records every weight change', () => {
  test('begin carries the rollout data and weight 0; each step records in_progress progress', async () => {
    const { ledger, target } = await ledgerWithStable();
    const begin = jest.spyOn(ledger, 'begin');
    const record = jest.spyOn(ledger, 'record');
    const plan = enginePlan();
    await runRollout(plan, { version: 'v2' }, engineDeps(target, ledger, scriptedJudge([['pass']]), { statusCommit: 'abc123' }));
    expect(begin).toHaveBeenCalledTimes(1);
    expect(begin.mock.calls[0][0]).toMatchObject({
      release: { version: 'v2' },
      kind: 'rollout',
      rollout: { plan, previous: { version: 'v1' }, owner: ME, target: 'fake', statusCommit: 'abc123' },
      progress: { weight: 0, step: 0, steps: 3, paused: false }
    });
    const progress = record.mock.calls.filter(([, state]) => state === 'in_progress').map(([, , d]) => d.progress);
    expect(progress).toEqual([
      { weight: 10, step: 1, steps: 3, paused: false },
      { weight: 50, step: 2, steps: 3, paused: false },
      { weight: 100, step: 3, steps: 3, paused: false }
    ]);
    expect(record.mock.calls.at(-1)?.[1]).toBe('success');
  });
});

describe('pause', () => {
  async function pausedBeforeLast() {
    const { ledger, target } = await ledgerWithStable();
    const report = await runRollout(enginePlan({}, { pauseBeforeLast: true }), { version: 'v2' }, engineDeps(target, ledger, scriptedJudge([['pass']])));
    return { ledger, target, report };
  }

  test('a plan that pauses before its last step ends paused at the step before, and the ledger says so', async () => {
    const { ledger, target, report } = await pausedBeforeLast();
    expect(report.result).toBe('paused');
    expect(report.weight).toBe(50);
    expect(report.reason).toMatch(/action: promote/);
    expect(target.calls).toEqual(['deploy v2', 'weight 10', 'weight 50']);
    expect(target.stable?.version).toBe('v1');
    expect(ledger.records[0]).toMatchObject({ release: { version: 'v2' }, state: 'in_progress', progress: { weight: 50, paused: true } });
  });

  test('on-inconclusive: pause ends paused at the inconclusive step', async () => {
    const { ledger, target } = await ledgerWithStable();
    const report = await runRollout(enginePlan({ onInconclusive: 'pause' }), { version: 'v2' }, engineDeps(target, ledger, scriptedJudge([['continue']])));
    expect(report.result).toBe('paused');
    expect(report.weight).toBe(10);
    expect(target.calls).not.toContain('promote');
    expect(ledger.records[0]).toMatchObject({ state: 'in_progress', progress: { weight: 10, step: 1, paused: true } });
  });
});
