import { describe, expect, it } from '@jest/globals';
import { Rng } from '../../../../bench/sim/prng.js';
import { arrivals, EPOCH_MS, ratesAt, type Traffic } from '../../../../bench/sim/stream.js';

const model = { errorRate: 0.01, latency: { kind: 'lognormal', medianMs: 50, sigma: 0.35 } } as const;
const TRAFFIC: Traffic = { canary: model, stable: model };

describe('benchmark traffic in time', () => {
  it('splits a total rate by the weight: k = 9 at 10 %, k = 1 at 50 %', () => {
    expect(ratesAt(200, 10)).toEqual({ canary: 20, stable: 180 });
    expect(ratesAt(200, 50)).toEqual({ canary: 100, stable: 100 });
    expect(ratesAt(200, 100)).toEqual({ canary: 200, stable: 0 });
  });

  it('delivers Poisson arrivals at each side’s rate, in time order, inside the window', () => {
    const rng = new Rng(11);
    let c = 0,
      s = 0;
    const seconds = 200;
    const misplaced: number[] = [];
    for (let t = 0; t < seconds; t++) {
      const batch = arrivals(rng, TRAFFIC, { canary: 20, stable: 180 }, t, t + 1);
      batch.forEach((x, i) => {
        const inOrder = i === 0 || x.t >= batch[i - 1].t;
        if (x.t < t || x.t >= t + 1 || !inOrder || x.s.at !== EPOCH_MS + Math.floor(x.t * 1000)) misplaced.push(x.t);
      });
      for (const x of batch) if (x.s.side === 'canary') c++;
      s += batch.filter((x) => x.s.side === 'stable').length;
    }
    expect(misplaced).toEqual([]);
    expect(Math.abs(c / seconds - 20)).toBeLessThan(1.5);
    expect(Math.abs(s / seconds - 180)).toBeLessThan(4);
  });

  it('a shared incident raises both sides’ error rate only while it lasts', () => {
    const rng = new Rng(12);
    const traffic: Traffic = { ...TRAFFIC, incident: { fromS: 10, toS: 20, errorRate: 0.5 } };
    const during = arrivals(rng, traffic, { canary: 500, stable: 500 }, 10, 20);
    const after = arrivals(rng, traffic, { canary: 500, stable: 500 }, 20, 30);
    const rate = (xs: typeof during, side: string) => xs.filter((x) => x.s.side === side && !x.s.ok).length / xs.filter((x) => x.s.side === side).length;
    expect(rate(during, 'canary')).toBeGreaterThan(0.45);
    expect(rate(during, 'stable')).toBeGreaterThan(0.45);
    expect(rate(after, 'canary')).toBeLessThan(0.03);
    expect(during.every((x) => x.s.status === (x.s.ok ? 200 : 503))).toBe(true);
  });

  it('sends nothing to a side at rate 0', () => {
    expect(arrivals(new Rng(1), TRAFFIC, { canary: 0, stable: 0 }, 0, 10)).toEqual([]);
  });
});
