import { describe, expect, test } from '@jest/globals';
import { runRollout, type EngineDeps } from '../../shared/engine/rollout.js';
import { abortCanary, promoteCanary, restoreVersion } from '../../shared/engine/operations.js';
import type { RolloutPlan } from '../../shared/model/plan.js';
import { silentLogger } from '../../shared/util/log.js';
import { FakeTarget, ListSource, MemoryLedger, RecordingNotifier, fakeClock, scriptedJudge } from '../helpers/engine-fakes.js';

const plan = (over: Partial<RolloutPlan['analysis']> = {}, autoRollback = true): RolloutPlan => ({
  environment: 'production',
  steps: [10, 50, 100],
  stepDurationMs: 5000,
  probeRate: 0,
  lookIntervalMs: 1000,
  autoRollback,
  analysis: { judge: 'sequential', errorTolerance: 0.01, latencyTolerance: 0.2, alpha: 0.01, minSamples: 1, onInconclusive: 'rollback', ...over }
});

function deps(target: FakeTarget, ledger: MemoryLedger, judge: ReturnType<typeof scriptedJudge>, extra: Partial<EngineDeps> = {}): EngineDeps {
  return {
    target,
    ledger,
    createJudge: judge,
    signals: () => [new ListSource([{ side: 'canary', ok: false, status: 500, latencyMs: 3, at: 0, detail: '<b>boom</b>' }])],
    notifiers: [],
    logger: silentLogger,
    clock: fakeClock(),
    ...extra
  };
}

async function withStable() {
  const ledger = new MemoryLedger();
  const r = await ledger.begin({ environment: 'production', release: { version: 'v1' }, kind: 'rollout', description: '' });
  await ledger.record(r.id, 'success', { description: 'ok' });
  return { ledger, target: new FakeTarget({ version: 'v1' }) };
}

describe('rollout engine', () => {
  test('promotes a canary that passes every step, in order', async () => {
    const { ledger, target } = await withStable();
    const report = await runRollout(plan(), { version: 'v2' }, deps(target, ledger, scriptedJudge([['continue', 'pass']])));
    expect(report.result).toBe('promoted');
    expect(target.calls).toEqual(['deploy v2', 'weight 10', 'weight 50', 'weight 100', 'promote']);
    expect(target.stable?.version).toBe('v2');
    expect(report.steps.map((s) => s.weight)).toEqual([10, 50, 100]);
    expect(report.steps[0].looks).toHaveLength(2);
    expect(ledger.records[0]).toMatchObject({ state: 'success', release: { version: 'v2' } });
    expect(report.previous?.version).toBe('v1');
  });

  test('rolls back on a failing verdict, records failure and keeps failing samples', async () => {
    const { ledger, target } = await withStable();
    const notifier = new RecordingNotifier();
    const report = await runRollout(plan(), { version: 'v2' }, deps(target, ledger, scriptedJudge([['fail']]), { notifiers: [notifier] }));
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
    const { ledger, target } = await withStable();
    target.failOn = 'weight 50';
    const report = await runRollout(plan(), { version: 'v2' }, deps(target, ledger, scriptedJudge([['pass']])));
    expect(report.result).toBe('failed');
    expect(report.reason).toMatch(/weight 50 command exited with code 3/);
    expect(target.calls.at(-1)).toBe('rollback v1');
    expect(ledger.records[0].state).toBe('error');
  });

  test('cancellation mid-step rolls back and says so', async () => {
    const { ledger, target } = await withStable();
    const controller = new AbortController();
    const judge = scriptedJudge([['continue']]);
    const d = deps(target, ledger, () => {
      const j = judge();
      return { ...j, verdict: (f: boolean) => { controller.abort(); return j.verdict(f); } };
    }, { signal: controller.signal });
    const report = await runRollout(plan(), { version: 'v2' }, d);
    expect(report.result).toBe('rolled-back');
    expect(report.reason).toMatch(/cancelled/);
    expect(target.stable?.version).toBe('v1');
    expect(target.canary).toBeNull();
  });

  test('an inconclusive step follows on-inconclusive', async () => {
    for (const [policy, result] of [['rollback', 'rolled-back'], ['promote', 'promoted'], ['pause', 'paused']] as const) {
      const { ledger, target } = await withStable();
      const report = await runRollout(plan({ onInconclusive: policy }), { version: 'v2' }, deps(target, ledger, scriptedJudge([['continue']])));
      expect(report.result).toBe(result);
      expect(report.steps[0].decidedByPolicy).toBe(true);
      expect(report.steps[0].looks).toHaveLength(5);
    }
  });

  test('auto-rollback false moves a failing canary to 0 % and leaves it for inspection', async () => {
    const { ledger, target } = await withStable();
    const report = await runRollout(plan({}, false), { version: 'v2' }, deps(target, ledger, scriptedJudge([['fail']])));
    expect(report.result).toBe('failed');
    expect(target.weight).toBe(0);
    expect(target.canary?.version).toBe('v2');
  });

  test('the first release of an environment is promoted without analysis', async () => {
    const ledger = new MemoryLedger();
    const target = new FakeTarget(null);
    const report = await runRollout(plan(), { version: 'v1' }, deps(target, ledger, scriptedJudge([['fail']])));
    expect(report.result).toBe('promoted');
    expect(report.reason).toMatch(/first release/);
    expect(target.calls).toEqual(['deploy v1', 'weight 100', 'promote']);
  });

  test('refuses a second canary while one is running, before touching anything', async () => {
    const { ledger, target } = await withStable();
    target.canary = { version: 'v2' };
    target.weight = 10;
    await expect(runRollout(plan(), { version: 'v3' }, deps(target, ledger, scriptedJudge([['pass']])))).rejects.toThrow(/already running/);
    expect(target.calls).toEqual([]);
    expect(ledger.records).toHaveLength(1);
  });

  test('promote and abort act on the canary in progress', async () => {
    const { ledger, target } = await withStable();
    await runRollout(plan({ onInconclusive: 'pause' }), { version: 'v2' }, deps(target, ledger, scriptedJudge([['continue']])));
    const op = { target, ledger, notifiers: [], logger: silentLogger, plan: plan() };
    const promoted = await promoteCanary(op);
    expect(promoted.result).toBe('promoted');
    expect(target.stable?.version).toBe('v2');
    expect(ledger.records[0].state).toBe('success');
    await expect(abortCanary(op)).rejects.toThrow(/no canary in progress/);
  });

  test('restoreVersion never restores the failing version and refuses when nothing is known good', async () => {
    const { ledger, target } = await withStable();
    const bad = await ledger.begin({ environment: 'production', release: { version: 'v2' }, kind: 'rollout', description: '' });
    await ledger.record(bad.id, 'success', { description: 'ok' });
    target.stable = { version: 'v2' };
    const op = { target, ledger, notifiers: [], logger: silentLogger, plan: plan() };
    const { restored } = await restoreVersion(op, { reason: 'smoke test failed' });
    expect(restored.version).toBe('v1');
    expect(target.stable?.version).toBe('v1');
    expect(ledger.records.find((r) => r.id === bad.id)?.state).toBe('failure');

    const empty = new MemoryLedger();
    const t2 = new FakeTarget({ version: 'v9' });
    await expect(restoreVersion({ ...op, ledger: empty, target: t2 }, { reason: 'x' })).rejects.toThrow(/No known good version/);
    expect(t2.calls).toEqual([]);
    expect(empty.records).toHaveLength(0);
  });

  test('a restore whose target fails still tells the notifiers, records error, and fails with one sentence', async () => {
    const { ledger, target } = await withStable();
    const bad = await ledger.begin({ environment: 'production', release: { version: 'v2' }, kind: 'rollout', description: '' });
    await ledger.record(bad.id, 'success', { description: 'ok' });
    target.stable = { version: 'v2' };
    target.failOn = 'rollback';
    const notifier = new RecordingNotifier();
    const op = { target, ledger, notifiers: [notifier], logger: silentLogger, plan: plan() };
    await expect(restoreVersion(op, { reason: 'smoke test failed' })).rejects.toThrow('Rollback of production to v1 failed: the rollback command exited with code 3; check the target by hand.');
    expect(ledger.records[0]).toMatchObject({ kind: 'rollback', state: 'error' });
    expect(notifier.events).toHaveLength(1);
    expect(notifier.events[0]).toMatchObject({ type: 'finished', report: { result: 'failed' } });
  });
});
