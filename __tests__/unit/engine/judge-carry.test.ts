import { describe, expect, test } from '@jest/globals';
import { runRollout } from '../../../shared/engine/rollout.js';
import type { Sample, Side } from '../../../shared/model/sample.js';
import type { Judge, StepStart } from '../../../shared/ports/judge.js';
import type { SignalSource } from '../../../shared/ports/signal-source.js';
import { engineDeps, enginePlan, ledgerWithStable } from '../../helpers/engine-fakes.js';

/** Judges with beginStep that pass every look once they have seen samples; each records its steps. */
function carryingJudges() {
  const made: { steps: StepStart[]; observed: number }[] = [];
  const factory = (): Judge => {
    const mine = { steps: [] as StepStart[], observed: 0 };
    made.push(mine);
    return {
      name: 'carrying',
      beginStep: (step) => {
        mine.steps.push(step);
      },
      observe: (s) => {
        mine.observed += s.length;
      },
      verdict: () => ({ decision: mine.observed > 0 ? 'pass' : 'continue', reason: 'recorded', checks: [], samples: { canary: 0, stable: 0 } }),
      statistics: () => ({})
    };
  };
  return { factory, made };
}

/** 10 requests per read, split by the weight; at 100 % it sees no stable request when `routerOnly`. */
class Source implements SignalSource {
  readonly name = 'nginx';
  readonly seesProbes = false;
  private weight = 0;
  constructor(private readonly routerOnly: boolean) {}
  covers = (weight: number): readonly Side[] => (this.routerOnly && weight >= 100 ? ['canary'] : ['canary', 'stable']);
  start(step: { weight: number }): Promise<void> {
    this.weight = step.weight;
    return Promise.resolve();
  }
  read(): Promise<Sample[]> {
    const canary = Math.round(this.weight / 10);
    const sides: Side[] = Array.from({ length: 10 }, (_, i) => (i < canary ? 'canary' : 'stable'));
    return Promise.resolve(
      sides
        .filter((side) => side === 'canary' || !this.routerOnly || this.weight < 100)
        .map((side, i) => ({ side, ok: true, status: 200, latencyMs: 20, at: i, source: this.name }))
    );
  }
  async stop(): Promise<void> {}
}

describe('one judge per rollout', () => {
  test('a judge with beginStep is made once and told when each step begins', async () => {
    const { ledger, target } = await ledgerWithStable();
    const judges = carryingJudges();
    const report = await runRollout(enginePlan(), { version: 'v2' }, engineDeps(target, ledger, judges.factory, { signalSources: () => [new Source(false)] }));
    expect(report.result).toBe('promoted');
    expect(judges.made).toHaveLength(1);
    expect(judges.made[0].steps).toEqual([
      { index: 0, weight: 10 },
      { index: 1, weight: 50 },
      { index: 2, weight: 100 }
    ]);
  });

  test('the step compared with recorded stable requests gets a judge of its own', async () => {
    const { ledger, target } = await ledgerWithStable();
    const judges = carryingJudges();
    const report = await runRollout(enginePlan(), { version: 'v2' }, engineDeps(target, ledger, judges.factory, { signalSources: () => [new Source(true)] }));
    expect(report.result).toBe('promoted');
    expect(report.steps[2].baseline).toMatch(/recorded at 10 % and 50 %/);
    expect(judges.made.map((j) => j.steps)).toEqual([
      [
        { index: 0, weight: 10 },
        { index: 1, weight: 50 }
      ],
      [{ index: 2, weight: 100 }]
    ]);
  });
});
