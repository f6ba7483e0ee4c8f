import type { Judge } from '../../shared/ports/judge.js';
import type { Decision } from '../../shared/model/verdict.js';
import { Rng } from './prng.js';
import { batch, type VersionModel } from './traffic.js';

export interface RunResult {
  decision: Decision;
  /** Canary samples seen when the judge decided (the horizon when it never did). */
  samples: number;
}

/**
 * Feeds one seeded traffic stream to several judges at once, looking every `lookEvery` samples
 * per side like the engine does, until each has decided or the horizon is reached; at the
 * horizon the look is final.
 */
export function simulate(seed: number, canary: VersionModel, stable: VersionModel, judges: Judge[], o: { lookEvery: number; horizon: number }): RunResult[] {
  const rng = new Rng(seed);
  const results: (RunResult | null)[] = judges.map(() => null);
  let n = 0;
  while (results.some((r) => r === null)) {
    const b = batch(rng, canary, stable, o.lookEvery, n);
    n += o.lookEvery;
    const final = n >= o.horizon;
    judges.forEach((j, i) => {
      if (results[i]) return;
      j.observe(b);
      const v = j.verdict(final);
      if (v.decision !== 'continue' || final) results[i] = { decision: v.decision, samples: n };
    });
  }
  return results as RunResult[];
}
