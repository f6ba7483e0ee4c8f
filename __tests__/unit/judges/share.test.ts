import { describe, expect, test } from '@jest/globals';
import { shareShortfall } from '../../../shared/judges/share.js';

/** Draws a binomial(n, p) count with a seeded generator, so the test is the same on every run. */
function binomial(n: number, p: number, seed: number): number {
  let s = seed >>> 0;
  const next = () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let k = 0;
  for (let i = 0; i < n; i++) if (next() < p) k++;
  return k;
}

describe('shareShortfall', () => {
  test('a router that sends the canary nothing for many requests fails, with one sentence naming counts, router and weight', () => {
    expect(shareShortfall(0, 1000, 10, 'nginx')).toBe(
      'the canary got 0 of 1,000 requests through nginx at 10 % (about 100 expected): the router is not sending it its share'
    );
  });

  test('the expected count is rounded and large counts are grouped', () => {
    const s = shareShortfall(3, 12345, 5, 'haproxy');
    expect(s).toContain('the canary got 3 of 12,345 requests through haproxy at 5 % (about 617 expected)');
  });

  test('no check outside 0 < weight < 100 or without requests', () => {
    expect(shareShortfall(0, 100_000, 0, 'nginx')).toBeNull();
    expect(shareShortfall(0, 100_000, 100, 'nginx')).toBeNull();
    expect(shareShortfall(0, 100_000, -5, 'nginx')).toBeNull();
    expect(shareShortfall(0, 100_000, 150, 'nginx')).toBeNull();
    expect(shareShortfall(0, 0, 50, 'nginx')).toBeNull();
  });

  test('a few requests never fail the step: the shortfall must be unlikely, not just below the share', () => {
    // 20 requests at 10 %: 0 canary requests happen 12 % of the time.
    expect(shareShortfall(0, 20, 10, 'nginx')).toBeNull();
    // 100 requests at 1 %: 0 canary requests happen 37 % of the time.
    expect(shareShortfall(0, 100, 1, 'nginx')).toBeNull();
    expect(shareShortfall(0, 2000, 1, 'nginx')).not.toBeNull();
  });

  test('the bound is exp(-n·KL) below 1e-6: with no canary request at 10 % that is between 131 and 132 requests', () => {
    // 0.9^131 ≈ 1.01e-6 (kept), 0.9^132 ≈ 9.1e-7 (fails).
    expect(shareShortfall(0, 131, 10, 'nginx')).toBeNull();
    expect(shareShortfall(0, 132, 10, 'nginx')).not.toBeNull();
  });

  test('at least half the expected share never fails, however many requests', () => {
    expect(shareShortfall(250, 1000, 50, 'nginx')).toBeNull();
    expect(shareShortfall(249, 1000, 50, 'nginx')).not.toBeNull();
    expect(shareShortfall(50_000, 1_000_000, 10, 'nginx')).toBeNull();
    // Below the share but above half of it: a skewed router is not a gross shortfall.
    expect(shareShortfall(800, 10_000, 10, 'nginx')).toBeNull();
  });

  test('a router that does send its share passes at every weight (seeded binomial draws)', () => {
    let seed = 1;
    for (const weight of [1, 5, 10, 25, 50, 75, 99]) {
      for (const n of [10, 100, 1000, 20_000]) {
        const canary = binomial(n, weight / 100, seed++);
        expect({ weight, n, canary, result: shareShortfall(canary, n, weight, 'nginx') }).toEqual({ weight, n, canary, result: null });
      }
    }
  });

  test('more canary requests than expected is never a shortfall', () => {
    expect(shareShortfall(1000, 1000, 10, 'haproxy')).toBeNull();
    expect(shareShortfall(900, 1000, 10, 'haproxy')).toBeNull();
  });
});
