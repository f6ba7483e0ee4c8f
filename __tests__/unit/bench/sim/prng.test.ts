import { describe, expect, it } from '@jest/globals';
import { Rng, seedFor } from '../../../../bench/sim/prng.js';

describe('benchmark PRNG', () => {
  it('repeats for a seed and differs across seeds', () => {
    const a = new Rng(42),
      b = new Rng(42),
      c = new Rng(43);
    const xa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xa);
    expect(seedFor(1, 2)).not.toBe(seedFor(2, 1));
  });

  it('is roughly uniform and its normals roughly standard', () => {
    const r = new Rng(1);
    let s = 0,
      s2 = 0,
      below = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
      if (r.next() < 0.25) below++;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.05);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.05);
    expect(Math.abs(below / n - 0.25)).toBeLessThan(0.02);
  });
});
