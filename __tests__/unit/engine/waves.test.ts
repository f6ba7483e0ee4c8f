import { describe, expect, test } from '@jest/globals';
import { runRollout } from '../../../shared/engine/rollout.js';
import { FleetTarget } from '../../../shared/targets/fleet.js';
import { describeProgress, parseProgress } from '../../../shared/ledgers/progress.js';
import { renderRolloutSummary } from '../../../shared/summary/rollout-summary.js';
import type { Release } from '../../../shared/model/release.js';
import type { DeployContext } from '../../../shared/ports/deploy-target.js';
import type { DeploymentState, RecordDetails } from '../../../shared/ports/ledger.js';
import type { Judge } from '../../../shared/ports/judge.js';
import { silentLogger } from '../../../shared/util/log.js';
import { FakeTarget, MemoryLedger, beginRollout, engineDeps, enginePlan, otherOwner, recordDeployment, scriptedJudge } from '../../helpers/engine-fakes.js';

/** A FakeTarget that also writes "<host> <call>" into one journal shared by the fleet. */
class Host extends FakeTarget {
  constructor(
    readonly host: string,
    private readonly journal: string[],
    stable: Release | null
  ) {
    super(stable);
  }
  override deployCanary(release: Release, ctx: DeployContext) {
    this.journal.push(`${this.host} deploy ${release.version}`);
    return super.deployCanary(release, ctx);
  }
  override setWeight(p: number, ctx: DeployContext) {
    this.journal.push(`${this.host} weight ${p}`);
    return super.setWeight(p, ctx);
  }
  override promote(ctx: DeployContext) {
    this.journal.push(`${this.host} promote`);
    return super.promote(ctx);
  }
  override rollback(to: Release | null, ctx: DeployContext) {
    this.journal.push(`${this.host} rollback ${to?.version ?? 'none'}`);
    return super.rollback(to, ctx);
  }
}

/** A MemoryLedger that keeps every record call, as a GitHub ledger would write each status. */
class JournalLedger extends MemoryLedger {
  writes: { id: string; state: DeploymentState; details: RecordDetails }[] = [];
  override record(id: string, state: DeploymentState, d: RecordDetails): Promise<void> {
    this.writes.push({ id, state, details: d });
    return super.record(id, state, d);
  }
  /** The descriptions of the in-progress statuses, as the GitHub ledger writes them. */
  progressDescriptions(): string[] {
    return this.writes.filter((w) => w.state === 'in_progress' && w.details.progress).map((w) => describeProgress(w.details.progress!, w.details.description));
  }
}

async function setup(stable: Release | null = { version: 'v1' }) {
  const ledger = new JournalLedger();
  if (stable) await recordDeployment(ledger, stable.version);
  const journal: string[] = [];
  const hosts = new Map<string, Host>();
  const host = (name: string) => {
    const h = new Host(name, journal, stable);
    hosts.set(name, h);
    return { name, target: h };
  };
  const fleet = new FleetTarget(
    [
      { name: 'canary-region', maxParallel: 1, members: [host('eu-1')] },
      { name: 'rest', maxParallel: 2, members: [host('us-1'), host('us-2')] }
    ],
    silentLogger
  );
  return { ledger, journal, fleet, h: (n: string) => hosts.get(n) as Host };
}

const STEPS = ['weight 10', 'weight 50', 'weight 100'];

describe('rollout of a fleet in waves', () => {
  test('healthy: each wave deploys, walks every step and is promoted before the next begins', async () => {
    const { ledger, journal, fleet, h } = await setup();
    const report = await runRollout(enginePlan(), { version: 'v2' }, engineDeps(new FakeTarget(null), ledger, scriptedJudge([['pass']]), { target: fleet }));
    expect(report.result).toBe('promoted');
    expect(report.reason).toBe('v2 was promoted in all 2 waves (canary-region → rest): v2 passed every step (10 → 50 → 100 %) and was promoted.');
    expect(h('eu-1').calls).toEqual(['deploy v2', ...STEPS, 'promote']);
    expect(h('us-1').calls).toEqual(['deploy v2', ...STEPS, 'promote']);
    expect(h('us-2').calls).toEqual(['deploy v2', ...STEPS, 'promote']);
    // Wave 2 starts only once wave 1 is promoted.
    expect(journal.indexOf('eu-1 promote')).toBeLessThan(journal.indexOf('us-1 deploy v2'));
    expect(journal.indexOf('eu-1 promote')).toBeLessThan(journal.indexOf('us-2 deploy v2'));
    for (const n of ['eu-1', 'us-1', 'us-2']) expect(h(n).stable).toEqual({ version: 'v2' });
    expect(report.waves).toEqual([
      { name: 'canary-region', targets: ['eu-1'], result: 'promoted', steps: [0, 1, 2] },
      { name: 'rest', targets: ['us-1', 'us-2'], result: 'promoted', steps: [3, 4, 5] }
    ]);
    expect(report.steps.map((s) => [s.wave, s.weight])).toEqual([
      [0, 10],
      [0, 50],
      [0, 100],
      [1, 10],
      [1, 50],
      [1, 100]
    ]);
    expect(report.timeline.filter((e) => e.event.startsWith('wave')).map((e) => `${e.event}: ${e.detail}`)).toEqual([
      'wave: wave 1/2 (canary-region): eu-1',
      'wave-promoted: wave 1/2 (canary-region) runs v2',
      'wave: wave 2/2 (rest): us-1, us-2',
      'wave-promoted: wave 2/2 (rest) runs v2'
    ]);
    expect(ledger.records[0]).toMatchObject({ state: 'success', release: { version: 'v2' } });
  });

  test('the ledger progress says which wave of how many is in progress, and reads back', async () => {
    const { ledger, fleet } = await setup();
    await runRollout(enginePlan(), { version: 'v2' }, engineDeps(new FakeTarget(null), ledger, scriptedJudge([['pass']]), { target: fleet }));
    const descriptions = ledger.progressDescriptions();
    expect(descriptions).toEqual([
      '10 % · step 1/3 · wave 1/2 — Canary v2 at 10 %',
      '50 % · step 2/3 · wave 1/2 — Canary v2 at 50 %',
      '100 % · step 3/3 · wave 1/2 — Canary v2 at 100 %',
      '100 % · step 3/3 · wave 1/2 — Wave canary-region promoted to v2; next: rest',
      '10 % · step 1/3 · wave 2/2 — Canary v2 at 10 %',
      '50 % · step 2/3 · wave 2/2 — Canary v2 at 50 %',
      '100 % · step 3/3 · wave 2/2 — Canary v2 at 100 %'
    ]);
    expect(descriptions.map((d) => parseProgress(d))).toEqual(
      ledger.writes.filter((w) => w.state === 'in_progress' && w.details.progress).map((w) => w.details.progress)
    );
    expect(parseProgress(descriptions[4])).toEqual({ weight: 10, step: 1, steps: 3, paused: false, wave: 2, waves: 2 });
  });

  test('wave 2 failing its analysis rolls back wave 2, then wave 1, and the reason, report and summary say so', async () => {
    const { ledger, journal, fleet, h } = await setup();
    const judge = scriptedJudge([['pass'], ['pass'], ['pass'], ['continue', 'fail']]);
    const report = await runRollout(enginePlan(), { version: 'v2' }, engineDeps(new FakeTarget(null), ledger, judge, { target: fleet }));
    expect(report.result).toBe('rolled-back');
    expect(report.reason).toBe('Wave 2/2 (rest): Rolled back at 10 %: scripted fail in waves rest and canary-region (newest first).');
    // Wave 2's hosts are restored before wave 1's.
    const rollbacks = journal.filter((l) => l.includes('rollback'));
    expect(rollbacks.slice(0, 2).sort()).toEqual(['us-1 rollback v1', 'us-2 rollback v1']);
    expect(rollbacks.slice(2)).toEqual(['eu-1 rollback v1']);
    for (const n of ['eu-1', 'us-1', 'us-2']) {
      expect(h(n).stable).toEqual({ version: 'v1' });
      expect(h(n).canary).toBeNull();
      expect(h(n).weight).toBe(0);
    }
    expect(h('eu-1').calls).toEqual(['deploy v2', ...STEPS, 'promote', 'rollback v1']);
    expect(h('us-1').calls).toEqual(['deploy v2', 'weight 10', 'rollback v1']);
    expect(report.waves).toEqual([
      { name: 'canary-region', targets: ['eu-1'], result: 'rolled-back', steps: [0, 1, 2] },
      { name: 'rest', targets: ['us-1', 'us-2'], result: 'rolled-back', steps: [3] }
    ]);
    expect(ledger.records[0]).toMatchObject({ state: 'failure', description: report.reason });
    expect(report.rollbackMs).not.toBeNull();

    const summary = renderRolloutSummary(report);
    expect(summary).toContain('### Waves');
    expect(summary).toContain('| 1. canary-region | eu-1 | rolled back | 10 %, 50 %, 100 % |');
    expect(summary).toContain('| 2. rest | us-1, us-2 | rolled back | 10 % |');
    expect(summary).toContain('**Why:** Wave 2/2 \\(rest\\): Rolled back at 10 %: scripted fail in waves rest and canary-region \\(newest first\\).');
  });

  test('wave 1 failing restores wave 1 only; wave 2 is not started', async () => {
    const { ledger, fleet, h } = await setup();
    const report = await runRollout(
      enginePlan(),
      { version: 'v2' },
      engineDeps(new FakeTarget(null), ledger, scriptedJudge([['pass'], ['fail']]), { target: fleet })
    );
    expect(report.result).toBe('rolled-back');
    expect(report.reason).toBe('Wave 1/2 (canary-region): Rolled back at 50 %: scripted fail in wave canary-region.');
    expect(h('us-1').calls).toEqual([]);
    expect(report.waves?.map((w) => w.result)).toEqual(['rolled-back', 'not-started']);
    expect(renderRolloutSummary(report)).toContain('| 2. rest | us-1, us-2 | not started | — |');
  });

  test('a target error in wave 2 fails the run, restores both waves and names the host', async () => {
    const { ledger, fleet, h } = await setup();
    h('us-2').failOn = 'weight 50';
    const report = await runRollout(enginePlan(), { version: 'v2' }, engineDeps(new FakeTarget(null), ledger, scriptedJudge([['pass']]), { target: fleet }));
    expect(report.result).toBe('failed');
    expect(report.reason).toBe(
      'Wave 2/2 (rest): Failed at 10 %: Wave rest could not move to 50 % target us-2: the weight 50 command exited with code 3; traffic is back on v1 in waves rest and canary-region (newest first).'
    );
    for (const n of ['eu-1', 'us-1', 'us-2']) expect(h(n).stable).toEqual({ version: 'v1' });
    expect(report.waves?.map((w) => w.result)).toEqual(['rolled-back', 'rolled-back']);
    expect(ledger.records[0].state).toBe('error');
  });

  /** Wave 2 fails its analysis and restoring wave 1 (eu-1) fails too. */
  async function restoreFailsOnWave1() {
    const { ledger, fleet, h } = await setup();
    h('eu-1').failOn = 'rollback';
    const judge = scriptedJudge([['pass'], ['pass'], ['pass'], ['fail']]);
    const report = await runRollout(enginePlan(), { version: 'v2' }, engineDeps(new FakeTarget(null), ledger, judge, { target: fleet }));
    return { report, h };
  }

  test('a restore that fails on an earlier wave fails the run and names the host', async () => {
    const { report, h } = await restoreFailsOnWave1();
    expect(report.result).toBe('failed');
    expect(report.reason).toMatch(
      /^Wave 2\/2 \(rest\): Canary failed at 10 %: scripted fail; restoring v1 also failed \(Wave canary-region could not restore target eu-1: the rollback command exited with code 3\) — check the target by hand/
    );
    // Wave 2 was restored; wave 1 still runs v2 after a failed restore: it needs a person.
    expect(h('us-1').stable).toEqual({ version: 'v1' });
    expect(h('eu-1').stable).toEqual({ version: 'v2' });
  });

  test('a restore that fails on an earlier wave: the reason does not send the reader to the wave that was restored', async () => {
    const { report } = await restoreFailsOnWave1();
    // "— check the target by hand in wave rest." reads as if rest needed checking; canary-region does.
    expect(report.reason).not.toMatch(/check the target by hand in wave rest\.$/);
  });

  test('a restore that fails on an earlier wave: that wave is reported failed, not promoted', async () => {
    const { report } = await restoreFailsOnWave1();
    expect(report.waves?.map((w) => [w.name, w.result])).toEqual([
      ['canary-region', 'failed'],
      ['rest', 'rolled-back']
    ]);
  });

  test('an orphan restored before the run does not make the promoted waves read as rolled back', async () => {
    const { ledger, fleet, h } = await setup();
    // A dead run left v2 unfinished: settling restores every wave (a fresh fleet), then v3 goes out.
    await beginRollout(ledger, 'v2', { owner: otherOwner(4242), weight: 10 });
    const report = await runRollout(enginePlan(), { version: 'v3' }, engineDeps(new FakeTarget(null), ledger, scriptedJudge([['pass']]), { target: fleet }));
    expect(report.settled).toEqual([expect.stringMatching(/^Retired deployment 2 \(v2 at 10 %\)/)]);
    expect(h('eu-1').calls[0]).toBe('rollback v1');
    expect(report.result).toBe('promoted');
    for (const n of ['eu-1', 'us-1', 'us-2']) expect(h(n).stable).toEqual({ version: 'v3' });
    expect(report.waves?.map((w) => w.result)).toEqual(['promoted', 'promoted']);
  });

  test('cancellation during wave 2 restores both waves and says so', async () => {
    const { ledger, fleet, h } = await setup();
    const controller = new AbortController();
    const inner = scriptedJudge([['pass']]);
    let judges = 0;
    const judge = (): Judge => {
      const j = inner();
      // The 4th judge is wave 2's first step: cancel while it looks.
      if (++judges !== 4) return j;
      return {
        ...j,
        verdict: (final: boolean) => {
          controller.abort();
          return j.verdict(final);
        }
      };
    };
    const report = await runRollout(
      enginePlan(),
      { version: 'v2' },
      engineDeps(new FakeTarget(null), ledger, judge, { target: fleet, signal: controller.signal })
    );
    expect(report.result).toBe('rolled-back');
    expect(report.reason).toBe(
      'Wave 2/2 (rest): Cancelled at 10 %: the job was cancelled; traffic is back on v1 in waves rest and canary-region (newest first).'
    );
    for (const n of ['eu-1', 'us-1', 'us-2']) expect(h(n).stable).toEqual({ version: 'v1' });
    expect(report.waves?.map((w) => w.result)).toEqual(['rolled-back', 'rolled-back']);
  });

  test('a first release in waves holds each wave to absolute bounds and promotes both', async () => {
    const { ledger, fleet, h } = await setup(null);
    const absolute = scriptedJudge([['pass']]);
    const report = await runRollout(
      enginePlan(),
      { version: 'v1' },
      engineDeps(new FakeTarget(null), ledger, scriptedJudge([['fail']]), { target: fleet, createFirstReleaseJudge: absolute })
    );
    expect(report.result).toBe('promoted');
    expect(report.firstRelease).toBe(true);
    expect(h('eu-1').calls).toEqual(['deploy v1', 'weight 10', 'promote']);
    expect(h('us-2').calls).toEqual(['deploy v1', 'weight 10', 'promote']);
    expect(report.waves?.map((w) => [w.result, w.steps])).toEqual([
      ['promoted', [0]],
      ['promoted', [1]]
    ]);
  });

  test('a single target has no waves in its report or progress', async () => {
    const ledger = new JournalLedger();
    await recordDeployment(ledger, 'v1');
    const target = new FakeTarget({ version: 'v1' });
    const report = await runRollout(enginePlan(), { version: 'v2' }, engineDeps(target, ledger, scriptedJudge([['pass']])));
    expect(report.result).toBe('promoted');
    expect(report.waves).toBeUndefined();
    expect(report.steps.every((s) => s.wave === undefined)).toBe(true);
    expect(ledger.progressDescriptions()[0]).toBe('10 % · step 1/3 — Canary v2 at 10 %');
    expect(renderRolloutSummary(report)).not.toContain('### Waves');
  });
});
