/** Latencies below this land in the first bin (0 ms included). */
const MIN_MS = 0.01;
/** Bin edges grow by 1 %: a quantile is read to within 1 %. */
const RATIO = 1.01;
const LOG_RATIO = Math.log(RATIO);
/** 0.01 ms · 1.01^2083 ≈ 10⁷ ms (2.8 h): anything slower lands in the last bin. */
const BINS = 2083;

/**
 * Quantiles of the most recent latencies in fixed memory: counts in log-spaced bins (1 % wide),
 * kept in two generations of `generation` values each; a full generation replaces the older one,
 * so a quantile reflects the last `generation` to 2 × `generation` values and follows drift.
 */
export class RecentLatencies {
  private older = new Float64Array(BINS);
  private newer = new Float64Array(BINS);
  private olderCount = 0;
  private newerCount = 0;

  constructor(private readonly generation = 2000) {}

  add(ms: number): void {
    this.newer[binOf(ms)]++;
    if (++this.newerCount < this.generation) return;
    const spare = this.older;
    spare.fill(0);
    this.older = this.newer;
    this.olderCount = this.newerCount;
    this.newer = spare;
    this.newerCount = 0;
  }

  /** Values the quantile is read from. */
  get count(): number {
    return this.olderCount + this.newerCount;
  }

  /** Nearest-rank q-quantile (the upper edge of its bin), or null with no values. */
  quantile(q: number): number | null {
    const total = this.count;
    if (total === 0) return null;
    const rank = Math.min(total, Math.max(1, Math.ceil(q * total)));
    let seen = 0;
    for (let i = 0; i < BINS; i++) {
      seen += this.older[i] + this.newer[i];
      if (seen >= rank) return MIN_MS * Math.pow(RATIO, i + 1);
    }
    return MIN_MS * Math.pow(RATIO, BINS);
  }
}

// Local bindings: a global lookup of Math per call is slow inside jest's module sandbox.
const { floor, log } = Math;

function binOf(ms: number): number {
  if (!(ms > MIN_MS)) return 0;
  const i = floor(log(ms / MIN_MS) / LOG_RATIO);
  return i < BINS ? i : BINS - 1;
}
