import { describe, expect, it } from '@jest/globals';
import { CAP_HEAVY_BETS, EVEN_BETS, Gambler, StakedGambler, logEvalueAbove, logEvalueBelow } from '../../../shared/judges/betting.js';

/** mulberry32: a seeded stream for the Monte-Carlo check. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('Gambler', () => {
  it('matches the count-based mixture when D is −1, 0 or +1', () => {
    const counts = { up: 17, down: 5, zero: 300 };
    for (const theta of [0, 0.01, 0.05]) {
      const above = new Gambler(theta, 'above', EVEN_BETS);
      const below = new Gambler(theta, 'below', EVEN_BETS);
      for (const g of [above, below]) {
        g.bet(1, counts.up);
        g.bet(-1, counts.down);
        g.bet(0, counts.zero);
      }
      expect(above.logWealth()).toBeCloseTo(logEvalueAbove(counts, theta), 9);
      expect(below.logWealth()).toBeCloseTo(logEvalueBelow(counts, theta), 9);
    }
  });

  it('has nothing to bet against at θ = 1 on the pass side', () => {
    const g = new Gambler(1, 'below');
    g.bet(-1, 100);
    expect(g.logWealth()).toBeCloseTo(0, 12);
  });

  it('puts a quarter of the error-rate fail stake just under the cap', () => {
    const w = [...CAP_HEAVY_BETS.logWeights].map(Math.exp);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const top = [...CAP_HEAVY_BETS.fractions].filter((_, j) => Math.abs(w[j] - 0.25 / 8) < 1e-12);
    expect(top).toHaveLength(8);
    expect(Math.min(...top)).toBeCloseTo(0.97, 12);
    expect(Math.max(...CAP_HEAVY_BETS.fractions)).toBeLessThan(1);
  });

  it('rarely reaches 1/a under the null, with D against a block mean of 9 stable requests', () => {
    // Canary at 6 %, stable at 5 %: E[D] = θ = 1 pt, on the boundary of "not worse than the tolerance".
    const next = rng(7);
    const runs = 300;
    let crossed = 0;
    for (let r = 0; r < runs; r++) {
      const g = new Gambler(0.01, 'above', CAP_HEAVY_BETS);
      for (let look = 0; look < 100; look++) {
        const into = new Map<number, number>();
        for (let i = 0; i < 20; i++) {
          let bad = 0;
          for (let j = 0; j < 9; j++) if (next() < 0.05) bad++;
          const d = (next() < 0.06 ? 1 : 0) - bad / 9;
          into.set(d, (into.get(d) ?? 0) + 1);
        }
        for (const [d, n] of into) g.bet(d, n);
        if (g.logWealth() >= Math.log(10)) {
          crossed++;
          break;
        }
      }
    }
    // Ville: P(ever ≥ 10) ≤ 10 %.
    expect(crossed / runs).toBeLessThanOrEqual(0.1);
  });
});

describe('StakedGambler', () => {
  it('starts at 1 and stays there when a step begins with nothing bet', () => {
    const g = new StakedGambler(0.01, 'above');
    expect(g.logWealth()).toBeCloseTo(0, 12);
    for (let i = 0; i < 20; i++) g.nextStep();
    expect(g.logWealth()).toBeCloseTo(0, 12);
  });

  it('is 3/4 of the first stake plus 1/4 in cash during the first step', () => {
    const g = new StakedGambler(0.01, 'above');
    const alone = new Gambler(0.01, 'above');
    g.bet(1, 30);
    g.bet(0, 200);
    alone.bet(1, 30);
    alone.bet(0, 200);
    expect(g.logWealth()).toBeCloseTo(Math.log(0.75 * Math.exp(alone.logWealth()) + 0.25), 9);
  });

  it('lets each stake pick its prior from the split of the first block it bets on', () => {
    const chosen: number[] = [];
    const g = new StakedGambler(0.01, 'above', (k) => {
      chosen.push(k);
      return k >= 4 ? CAP_HEAVY_BETS : EVEN_BETS;
    });
    const capHeavy = new Gambler(0.01, 'above', CAP_HEAVY_BETS);
    g.beginBlock(9);
    g.bet(1, 12);
    g.bet(-1 / 9, 30);
    capHeavy.bet(1, 12);
    capHeavy.bet(-1 / 9, 30);
    g.nextStep();
    g.beginBlock(1);
    g.bet(0, 5);
    expect(chosen).toEqual([9, 1]);
    const even = new Gambler(0.01, 'above', EVEN_BETS);
    even.bet(0, 5);
    capHeavy.bet(0, 5);
    const expected = Math.log(0.75 * Math.exp(capHeavy.logWealth()) + 0.125 * Math.exp(even.logWealth()) + 0.125);
    expect(g.logWealth()).toBeCloseTo(expected, 9);
  });

  it('stakes fresh money at a later step, so a canary that turns bad is not held back by what the first stake lost', () => {
    const g = new StakedGambler(0.01, 'above');
    g.bet(0, 3000); // a long healthy step: every stake loses
    const after = g.logWealth();
    g.nextStep();
    const fresh = new Gambler(0.01, 'above');
    g.bet(1, 20);
    g.bet(0, 80);
    fresh.bet(1, 20);
    fresh.bet(0, 80);
    // At least the second stake's 1/8 of a fresh gambler's wealth.
    expect(g.logWealth()).toBeGreaterThanOrEqual(Math.log(1 / 8) + fresh.logWealth());
    expect(g.logWealth()).toBeGreaterThan(after);
  });
});
