import type { Sample } from '../model/sample.js';

/** One look's samples of both sides, each in arrival order. */
export interface Block {
  canary: Sample[];
  stable: Sample[];
}

/** Samples of a lone side wait at most this long (by their `at`) for the other side. */
export const MAX_WAIT_MS = 2000;
/**
 * A look that brings only one side closes the block only once it spans this long: when the engine
 * looks after every request, blocks still hold about a second of traffic, not a run of one
 * side against a single request of the other.
 */
export const MIN_BLOCK_MS = 1000;
/** And at most this many per side (the oldest go first), so memory stays bounded at any rate. */
export const MAX_WAITING = 10_000;

/**
 * Turns the samples of each look into a block that is compared at once. Nothing queues from block
 * to block: every block takes all the samples that arrived since the previous one. A look that
 * brings both sides closes a block. When a look brings samples of only one side, they wait and join
 * the next block, which closes once both sides are there and it spans MIN_BLOCK_MS (by the samples'
 * `at`); a sample waits at most MAX_WAIT_MS, and at most MAX_WAITING wait per side; older ones are
 * dropped. So a canary request is only ever compared with stable requests from around its time,
 * also when the engine looks after every request, and the state is bounded by the traffic of
 * MAX_WAIT_MS.
 */
export class LookBlocks {
  private waiting: Block = { canary: [], stable: [] };
  private newest = -Infinity;
  private droppedCount = 0;

  /** The block to compare now, or null while one side has no samples. */
  take(samples: readonly Sample[]): Block | null {
    const canary = this.waiting.canary;
    const stable = this.waiting.stable;
    let freshCanary = false;
    let freshStable = false;
    for (const s of samples) {
      if (s.side === 'canary') {
        canary.push(s);
        freshCanary = true;
      } else {
        stable.push(s);
        freshStable = true;
      }
      if (s.at > this.newest) this.newest = s.at;
    }
    const both = canary.length > 0 && stable.length > 0;
    if (both && ((freshCanary && freshStable) || this.newest - oldest(canary, stable) >= MIN_BLOCK_MS)) {
      this.waiting = { canary: [], stable: [] };
      return { canary: byArrival(canary), stable: byArrival(stable) };
    }
    this.waiting = { canary: this.recent(canary), stable: this.recent(stable) };
    return null;
  }

  /** A step boundary: waiting samples belong to the previous weight and are dropped. */
  drop(): void {
    this.droppedCount += this.waiting.canary.length + this.waiting.stable.length;
    this.waiting = { canary: [], stable: [] };
  }

  /** Samples waiting for the other side, per side. */
  waitingCount(): { canary: number; stable: number } {
    return { canary: this.waiting.canary.length, stable: this.waiting.stable.length };
  }

  /** Samples never compared: they waited too long (or too many) for the other side, or a step ended. */
  dropped(): number {
    return this.droppedCount;
  }

  private recent(samples: Sample[]): Sample[] {
    const since = this.newest - MAX_WAIT_MS;
    let kept = samples.length > 0 && samples.some((s) => s.at < since) ? samples.filter((s) => s.at >= since) : samples;
    if (kept.length > MAX_WAITING) kept = byArrival(kept).slice(kept.length - MAX_WAITING);
    this.droppedCount += samples.length - kept.length;
    return kept;
  }
}

function oldest(a: readonly Sample[], b: readonly Sample[]): number {
  let t = Infinity;
  for (const s of a) if (s.at < t) t = s.at;
  for (const s of b) if (s.at < t) t = s.at;
  return t;
}

function byArrival(samples: Sample[]): Sample[] {
  for (let i = 1; i < samples.length; i++) if (samples[i].at < samples[i - 1].at) return samples.sort((a, b) => a.at - b.at);
  return samples;
}

/**
 * Time-aligned units of one block. With m canary and n stable samples (each side in arrival
 * order), the block is cut into g = min(m, n) units: unit j holds the canary samples with ranks
 * [⌊jm/g⌋, ⌊(j+1)m/g⌋) and the stable samples with ranks [⌊jn/g⌋, ⌊(j+1)n/g⌋). At k stable
 * requests per canary request each unit is one canary request and the ≈ k stable requests that
 * arrived around it; at a weight above 50 % the roles swap. Units share no sample, so given the
 * arrivals their outcomes are independent.
 *
 * For 0/1 flags (bad or not) per sample, adds D = (share of the unit's canary samples flagged) −
 * (share of its stable samples flagged) ∈ [−1, 1] to `into` (value → count). Returns g.
 */
export function unitDifferences(canary: Uint8Array, stable: Uint8Array, into: Map<number, number>): number {
  const m = canary.length;
  const n = stable.length;
  const g = m < n ? m : n;
  if (g === 0) return 0;
  let ci = 0;
  let si = 0;
  for (let j = 0; j < g; j++) {
    const cEnd = (((j + 1) * m) / g) | 0;
    const sEnd = (((j + 1) * n) / g) | 0;
    const cSize = cEnd - ci;
    const sSize = sEnd - si;
    let cBad = 0;
    let sBad = 0;
    for (; ci < cEnd; ci++) cBad += canary[ci];
    for (; si < sEnd; si++) sBad += stable[si];
    const d = cBad / cSize - sBad / sSize;
    into.set(d, (into.get(d) ?? 0) + 1);
  }
  return g;
}
