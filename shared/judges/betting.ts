/**
 * Betting e-processes for the mean of a paired difference D ∈ {−1, 0, 1}.
 *
 * For a fixed bet λ the wealth Π (1 + λ·(D_i − θ)) is a nonnegative supermartingale whenever
 * E[D_i | past] ≤ θ (and λ ≤ 1/(1+θ) keeps every factor ≥ 0); a mixture of such wealths over a
 * grid of bets is one too, so Ville's inequality bounds P(ever ≥ 1/α) by α under the null —
 * however often anyone looks. Because D takes three values, the wealth of every fixed bet is a
 * function of three counts, so the whole mixture is recomputed from counts at each look: no
 * per-sample state, no tuning per scenario.
 */

/** Counts of D = +1, −1 and 0 over the pairs seen so far. */
export interface PairCounts {
  up: number;
  down: number;
  zero: number;
}

/** Number of bets in the mixture: fine enough that the mixture behaves like a continuous prior. */
const GRID = 48;

/** Per bet: log of the wealth factor when D = +1, −1, 0. Depends only on θ and the direction. */
interface Factors {
  up: Float64Array;
  down: Float64Array;
  zero: Float64Array;
}

const cache = new Map<string, Factors>();

function factors(theta: number, above: boolean): Factors {
  const key = `${above ? 'a' : 'b'}${theta}`;
  let f = cache.get(key);
  if (f) return f;
  // Bets stay strictly inside (0, λmax): at λmax one unlucky pair would zero the wealth.
  const lmax = above ? 1 / (1 + theta) : 1 / (1 - theta);
  const sign = above ? 1 : -1;
  f = { up: new Float64Array(GRID), down: new Float64Array(GRID), zero: new Float64Array(GRID) };
  for (let j = 0; j < GRID; j++) {
    const l = (lmax * (j + 1)) / (GRID + 1);
    f.up[j] = Math.log1p(sign * l * (1 - theta));
    f.down[j] = Math.log1p(-sign * l * (1 + theta));
    f.zero[j] = Math.log1p(-sign * l * theta);
  }
  if (cache.size > 64) cache.clear();
  cache.set(key, f);
  return f;
}

function mixture(c: PairCounts, f: Factors): number {
  let m = -Infinity;
  const logs = new Float64Array(GRID);
  for (let j = 0; j < GRID; j++) {
    const v = c.up * f.up[j] + c.down * f.down[j] + c.zero * f.zero[j];
    logs[j] = v;
    if (v > m) m = v;
  }
  if (m === -Infinity) return m;
  let s = 0;
  for (let j = 0; j < GRID; j++) s += Math.exp(logs[j] - m);
  return m + Math.log(s / GRID);
}

/**
 * log e-value against H0: E[D] ≤ θ ("the canary is not worse than stable by more than θ").
 * Large when D keeps coming out above θ.
 */
export function logEvalueAbove(c: PairCounts, theta: number): number {
  return mixture(c, factors(theta, true));
}

/**
 * log e-value against H0: E[D] ≥ θ ("the canary is worse than stable by θ or more").
 * Large when D keeps coming out below θ.
 */
export function logEvalueBelow(c: PairCounts, theta: number): number {
  if (theta >= 1) return 0; // no distribution of D has a mean above 1: nothing to bet against
  return mixture(c, factors(theta, false));
}
