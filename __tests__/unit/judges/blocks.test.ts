import { describe, expect, it } from '@jest/globals';
import { LookBlocks, MAX_WAIT_MS, MAX_WAITING, MIN_BLOCK_MS, unitDifferences } from '../../../shared/judges/blocks.js';
import type { Sample, Side } from '../../../shared/model/sample.js';

const s = (side: Side, at: number, ok = true): Sample => ({ side, ok, status: ok ? 200 : 503, latencyMs: 10, at });
const flags = (...xs: number[]) => Uint8Array.from(xs);
const diffs = (c: Uint8Array, st: Uint8Array) => {
  const into = new Map<number, number>();
  const units = unitDifferences(c, st, into);
  return { units, into: Object.fromEntries([...into].map(([d, n]) => [d.toFixed(4), n])) };
};

describe('unitDifferences', () => {
  it('compares each canary request with the stable requests that arrived around it (k stable per canary)', () => {
    // 2 canary, 6 stable: unit 0 = canary 0 vs stable 0..2, unit 1 = canary 1 vs stable 3..5.
    const r = diffs(flags(1, 0), flags(1, 0, 0, 0, 1, 1));
    expect(r.units).toBe(2);
    expect(r.into).toEqual({ [(1 - 1 / 3).toFixed(4)]: 1, [(0 - 2 / 3).toFixed(4)]: 1 });
  });

  it('swaps roles when the canary has more requests than stable (weights above 50 %)', () => {
    const r = diffs(flags(1, 1, 0, 0, 0, 1), flags(0, 1));
    expect(r.units).toBe(2);
    expect(r.into).toEqual({ [(2 / 3).toFixed(4)]: 1, [(1 / 3 - 1).toFixed(4)]: 1 });
  });

  it('spreads an uneven split so every sample is in exactly one unit', () => {
    const into = new Map<number, number>();
    // 3 canary, 10 stable, all bad: groups of 3, 3 and 4 stable; every D is 0.
    expect(unitDifferences(flags(1, 1, 1), new Uint8Array(10).fill(1), into)).toBe(3);
    expect([...into]).toEqual([[0, 3]]);
  });

  it('has no unit when a side is empty', () => {
    const into = new Map<number, number>();
    expect(unitDifferences(flags(), flags(1, 0), into)).toBe(0);
    expect(into.size).toBe(0);
  });
});

describe('LookBlocks', () => {
  it('returns both sides of a look in arrival order', () => {
    const blocks = new LookBlocks();
    const b = blocks.take([s('stable', 3), s('canary', 2), s('stable', 1), s('canary', 1)]);
    expect(b?.canary.map((x) => x.at)).toEqual([1, 2]);
    expect(b?.stable.map((x) => x.at)).toEqual([1, 3]);
    expect(blocks.waitingCount()).toEqual({ canary: 0, stable: 0 });
  });

  it(`lets a lone side wait for the other, so looking after every request still forms blocks of ${MIN_BLOCK_MS} ms`, () => {
    const blocks = new LookBlocks();
    for (let i = 0; i < 9; i++) expect(blocks.take([s('stable', 120 * i)])).toBeNull();
    expect(blocks.waitingCount()).toEqual({ canary: 0, stable: 9 });
    // Both sides are there, but the block spans less than MIN_BLOCK_MS: it waits.
    expect(blocks.take([s('canary', 990)])).toBeNull();
    const b = blocks.take([s('stable', MIN_BLOCK_MS)]);
    expect(b?.canary.map((x) => x.at)).toEqual([990]);
    expect(b?.stable).toHaveLength(10);
    expect(blocks.dropped()).toBe(0);
  });

  it(`drops samples that waited more than ${MAX_WAIT_MS} ms, and waiting samples at a step boundary`, () => {
    const blocks = new LookBlocks();
    blocks.take([s('canary', 0), s('canary', 500)]);
    expect(blocks.take([s('canary', MAX_WAIT_MS + 100)])).toBeNull();
    expect(blocks.dropped()).toBe(1);
    expect(blocks.waitingCount()).toEqual({ canary: 2, stable: 0 });
    const b = blocks.take([s('stable', MAX_WAIT_MS + 200)]);
    expect(b?.canary.map((x) => x.at)).toEqual([500, MAX_WAIT_MS + 100]);
    blocks.take([s('stable', 5000)]);
    blocks.drop();
    expect(blocks.dropped()).toBe(2);
    expect(blocks.waitingCount()).toEqual({ canary: 0, stable: 0 });
  });

  it(`keeps at most ${MAX_WAITING} waiting samples per side, the newest`, () => {
    const blocks = new LookBlocks();
    blocks.take(Array.from({ length: MAX_WAITING + 5 }, () => s('stable', 7)));
    expect(blocks.waitingCount()).toEqual({ canary: 0, stable: MAX_WAITING });
    expect(blocks.dropped()).toBe(5);
  });
});
