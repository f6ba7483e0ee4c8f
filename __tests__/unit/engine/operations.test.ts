import { describe, expect, test } from '@jest/globals';
import { runRollout } from '../../../shared/engine/rollout.js';
import { abortCanary, finishAbandoned, promoteCanary, restoreVersion } from '../../../shared/engine/operations.js';
import {
  FakeTarget,
  MemoryLedger,
  RecordingNotifier,
  beginRollout,
  engineDeps,
  enginePlan,
  ledgerWithStable,
  operationDeps,
  otherOwner,
  recordDeployment,
  scriptedJudge,
  ME
} from '../../helpers/engine-fakes.js';

const OTHER = otherOwner(999);

describe('promoteCanary and abortCanary', () => {
  test('promote and abort act on the canary in progress', async () => {
    const { ledger, target } = await ledgerWithStable();
    await runRollout(enginePlan({ onInconclusive: 'pause' }), { version: 'v2' }, engineDeps(target, ledger, scriptedJudge([['continue']])));
    const op = operationDeps(target, ledger);
    const promoted = await promoteCanary(op);
    expect(promoted.result).toBe('promoted');
    expect(target.stable?.version).toBe('v2');
    expect(ledger.records[0].state).toBe('success');
    await expect(abortCanary(op)).rejects.toThrow(/no canary in progress/);
  });

  async function pausedBeforeLast() {
    const { ledger, target } = await ledgerWithStable();
    const report = await runRollout(enginePlan({}, { pauseBeforeLast: true }), { version: 'v2' }, engineDeps(target, ledger, scriptedJudge([['pass']])));
    return { ledger, target, report };
  }

  test('another run promotes the paused canary from the ledger', async () => {
    const { ledger, target, report } = await pausedBeforeLast();
    const report2 = await promoteCanary(operationDeps(target, ledger, { owner: otherOwner(2) }));
    expect(report2.result).toBe('promoted');
    expect(report2.deploymentId).toBe(report.deploymentId);
    expect(target.calls.at(-1)).toBe('promote');
    expect(target.contextOf('promote')).toMatchObject({ version: 'v2', previousVersion: 'v1', weight: 100 });
    expect(target.stable?.version).toBe('v2');
    expect(ledger.records[0]).toMatchObject({ release: { version: 'v2' }, state: 'success' });
  });

  test('another run aborts the paused canary back to the last good version', async () => {
    const { ledger, target } = await pausedBeforeLast();
    const report = await abortCanary(operationDeps(target, ledger, { owner: otherOwner(2) }));
    expect(report.result).toBe('rolled-back');
    expect(target.calls.at(-1)).toBe('rollback v1');
    expect(target.contextOf('rollback v1')).toMatchObject({ version: 'v2', previousVersion: 'v1' });
    expect(target.stable?.version).toBe('v1');
    expect(target.canary).toBeNull();
    expect(ledger.records[0]).toMatchObject({ release: { version: 'v2' }, state: 'failure' });
  });
});

describe('restoreVersion', () => {
  test('restoreVersion never restores the failing version and refuses when nothing is known good', async () => {
    const { ledger, target } = await ledgerWithStable();
    const bad = await recordDeployment(ledger, 'v2');
    target.stable = { version: 'v2' };
    const op = operationDeps(target, ledger);
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
    const { ledger, target } = await ledgerWithStable();
    await recordDeployment(ledger, 'v2');
    target.stable = { version: 'v2' };
    target.failOn = 'rollback';
    const notifier = new RecordingNotifier();
    const op = operationDeps(target, ledger, { notifiers: [notifier] });
    await expect(restoreVersion(op, { reason: 'smoke test failed' })).rejects.toThrow(
      'Rollback of production to v1 failed: the rollback command exited with code 3; check the target by hand.'
    );
    expect(ledger.records[0]).toMatchObject({ kind: 'rollback', state: 'error' });
    expect(notifier.events).toHaveLength(1);
    expect(notifier.events[0]).toMatchObject({ type: 'finished', report: { result: 'failed' } });
  });
});

describe('finishAbandoned (the post step)', () => {
  const handover = (id: string) => ({ id, version: 'v2', previous: { version: 'v1' } });

  test('a rollout still in progress: stable is restored and the record says failure', async () => {
    const { ledger, target } = await ledgerWithStable();
    const r = await beginRollout(ledger, 'v2', { owner: ME, weight: 50 });
    target.canary = { version: 'v2' };
    target.weight = 50;
    const report = await finishAbandoned(operationDeps(target, ledger), handover(r.id));
    expect(report?.result).toBe('rolled-back');
    expect(target.calls).toEqual(['rollback v1']);
    expect(target.contextOf('rollback v1')?.version).toBe('v2');
    expect(ledger.records[0]).toMatchObject({ id: r.id, state: 'failure' });
  });

  test('a rollout that already finished: nothing to do', async () => {
    const { ledger, target } = await ledgerWithStable();
    const r = await beginRollout(ledger, 'v2', { owner: ME, weight: 100 });
    await ledger.record(r.id, 'success', { description: 'promoted' });
    target.stable = { version: 'v2' };
    expect(await finishAbandoned(operationDeps(target, ledger), handover(r.id))).toBeNull();
    expect(target.calls).toEqual([]);
    expect(ledger.records[0]).toMatchObject({ id: r.id, state: 'success', description: 'promoted' });
  });

  test('a paused rollout: left for a person', async () => {
    const { ledger, target } = await ledgerWithStable();
    const r = await beginRollout(ledger, 'v2', { owner: ME, weight: 50, paused: true });
    target.canary = { version: 'v2' };
    target.weight = 50;
    expect(await finishAbandoned(operationDeps(target, ledger), handover(r.id))).toBeNull();
    expect(target.calls).toEqual([]);
    expect(ledger.records[0]).toMatchObject({ id: r.id, state: 'in_progress', progress: { paused: true } });
  });
});

describe('restoreVersion beside another run', () => {
  async function canaryOfOtherRun(state: 'running' | 'over') {
    const { ledger, target } = await ledgerWithStable();
    const r = await beginRollout(ledger, 'v2', { owner: OTHER, weight: 50 });
    ledger.owners.set(OTHER.pid, { state, detail: state === 'running' ? 'process 999 is still running' : 'process 999 has ended' });
    target.canary = { version: 'v2' };
    target.weight = 50;
    return { ledger, target, r };
  }

  test("refuses while a live run's canary is in progress", async () => {
    const { ledger, target } = await canaryOfOtherRun('running');
    await expect(restoreVersion(operationDeps(target, ledger), { reason: 'alert' })).rejects.toThrow(
      /v2 in production is still being rolled out by process 999 on runner-2/
    );
    expect(target.calls).toEqual([]);
    expect(ledger.records).toHaveLength(2);
  });

  test("with that run over, restores the last good version and marks the canary's record failure", async () => {
    const { ledger, target, r } = await canaryOfOtherRun('over');
    const { restored, report } = await restoreVersion(operationDeps(target, ledger), { reason: 'alert' });
    expect(restored.version).toBe('v1');
    expect(report.result).toBe('rolled-back');
    expect(target.calls).toEqual(['rollback v1']);
    expect(target.canary).toBeNull();
    expect(ledger.records.find((x) => x.id === r.id)?.state).toBe('failure');
    expect(ledger.records[0]).toMatchObject({ kind: 'rollback', state: 'success', release: { version: 'v1' } });
  });
});
