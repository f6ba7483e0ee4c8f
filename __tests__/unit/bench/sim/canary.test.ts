import { describe, expect, it } from '@jest/globals';
import type { Sample } from '../../../../shared/model/sample.js';
import type { Decision, Verdict } from '../../../../shared/model/verdict.js';
import { hasBeginStep, runPlan, runStep, type StepInfo, type StepJudge } from '../../../../bench/sim/canary.js';
import { EPOCH_MS, type Traffic } from '../../../../bench/sim/stream.js';

const model = { errorRate: 0.01, latency: { kind: 'lognormal', medianMs: 50, sigma: 0.35 } } as const;
const TRAFFIC: Traffic = { canary: model, stable: model };

/** Records what the runner hands it; decides `decide(batches seen)` at each verdict. */
class Recorder implements StepJudge {
  readonly name = 'recorder';
  readonly batches: Sample[][] = [];
  readonly finals: boolean[] = [];
  constructor(private readonly decide: (r: Recorder) => Decision = () => 'continue') {}
  observe(samples: readonly Sample[]): void {
    this.batches.push([...samples]);
  }
  verdict(final: boolean): Verdict {
    this.finals.push(final);
    return { decision: this.decide(this), reason: '', checks: [], samples: { canary: 0, stable: 0 } };
  }
  statistics(): Record<string, number> {
    return {};
  }
}

class StepRecorder extends Recorder {
  readonly steps: StepInfo[] = [];
  beginStep(step: StepInfo): void {
    this.steps.push(step);
  }
}

describe('canary analysis in simulated time', () => {
  it('looks once a second with the requests of that second, and makes the look at the horizon final', () => {
    const j = new Recorder();
    const [o] = runStep(1, { traffic: TRAFFIC, total: 200, weight: 10, horizonS: 5 }, [j]);
    expect(j.batches).toHaveLength(5);
    expect(j.finals).toEqual([false, false, false, false, true]);
    j.batches.forEach((b, i) => {
      for (const s of b) expect(Math.floor((s.at - EPOCH_MS) / 1000)).toBe(i);
    });
    const all = j.batches.flat();
    expect(o).toEqual({
      decision: 'continue',
      canary: all.filter((s) => s.side === 'canary').length,
      stable: all.filter((s) => s.side === 'stable').length,
      seconds: 5
    });
    // k = 9: stable gets about nine times the canary's requests.
    expect(o.stable / o.canary).toBeGreaterThan(6);
  });

  it('looking after every sample hands over one request per look', () => {
    const j = new Recorder();
    runStep(2, { traffic: TRAFFIC, total: 50, weight: 50, horizonS: 3, everySample: true }, [j]);
    const last = j.batches.pop();
    expect(last).toEqual([]); // the final look at the horizon
    expect(j.batches.every((b) => b.length === 1)).toBe(true);
    expect(j.finals.filter((f) => f)).toHaveLength(1);
  });

  it('stops feeding a judge once it decides, and reports the seconds and requests at that look', () => {
    const quick = new Recorder((r) => (r.batches.length >= 3 ? 'fail' : 'continue'));
    const slow = new Recorder();
    const [a, b] = runStep(3, { traffic: TRAFFIC, total: 100, weight: 50, horizonS: 10 }, [quick, slow]);
    expect(quick.batches).toHaveLength(3);
    expect(slow.batches).toHaveLength(10);
    expect(a.decision).toBe('fail');
    expect(a.seconds).toBe(3);
    expect(a.canary).toBe(quick.batches.flat().filter((s) => s.side === 'canary').length);
    expect(b.seconds).toBe(10);
  });

  it('tells a judge that has beginStep where the step starts', () => {
    const j = new StepRecorder();
    expect(hasBeginStep(j)).toBe(true);
    expect(hasBeginStep(new Recorder())).toBe(false);
    runStep(4, { traffic: TRAFFIC, total: 100, weight: 10, horizonS: 1 }, [j]);
    expect(j.steps).toEqual([{ index: 0, weight: 10 }]);
  });

  it('carries one judge across the plan when it has beginStep', () => {
    const made: StepRecorder[] = [];
    const o = runPlan(5, { traffic: TRAFFIC, total: 100, steps: [10, 50, 100], stepS: 60, carry: true }, () => {
      const r = new StepRecorder((x) => (x.batches.length % 2 === 0 ? 'pass' : 'continue'));
      made.push(r);
      return r;
    });
    expect(made).toHaveLength(1);
    expect(made[0].steps).toEqual([
      { index: 0, weight: 10 },
      { index: 1, weight: 50 },
      { index: 2, weight: 100 }
    ]);
    expect(o.result).toBe('promoted');
    expect(o.seconds).toBe(6);
  });

  it('gives each step a new judge when it has no beginStep (or carry is off), and replays earlier stable requests at 100 %', () => {
    const made: Recorder[] = [];
    const o = runPlan(6, { traffic: TRAFFIC, total: 100, steps: [10, 100], stepS: 60, carry: true }, () => {
      const r = new Recorder((x) => (x.batches.length === 2 ? 'pass' : 'continue'));
      made.push(r);
      return r;
    });
    expect(made).toHaveLength(2);
    expect(o).toMatchObject({ result: 'promoted', step: 1, seconds: 4 });
    const earlier = made[0].batches.flat().filter((s) => s.side === 'stable');
    const at100 = made[1].batches.flat();
    const replayed = at100.filter((s) => s.side === 'stable');
    // One recorded stable request per canary request, in order, while the pool lasts.
    expect(replayed.length).toBe(Math.min(earlier.length, at100.filter((s) => s.side === 'canary').length));
    expect(replayed.map((s) => s.latencyMs)).toEqual(earlier.slice(0, replayed.length).map((s) => s.latencyMs));
  });

  it('ends the plan at a failing step or a step that runs out of time', () => {
    const failing = runPlan(7, { traffic: TRAFFIC, total: 100, steps: [10, 50, 100], stepS: 60, carry: false }, () => new Recorder(() => 'fail'));
    expect(failing).toMatchObject({ result: 'fail', step: 0, seconds: 1 });
    const slow = runPlan(7, { traffic: TRAFFIC, total: 100, steps: [10, 50, 100], stepS: 5, carry: false }, () => new Recorder());
    expect(slow).toMatchObject({ result: 'inconclusive', step: 0, seconds: 5 });
  });
});
