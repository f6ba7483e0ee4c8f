import { Rng } from './prng.js';
import { ratesAt, type Incident } from './stream.js';

/**
 * Flagger's canary analysis at its defaults (fluxcd/flagger, pkg/apis/flagger/v1beta1/canary.go:
 * analysis interval 60 s, threshold 1; the built-in request-success-rate metric over a 1 m window
 * with `thresholdRange.min: 99`, as in its docs). Every interval it checks the canary alone: the
 * share of non-5xx requests over the last minute must be ≥ 99 %. A failed check adds one to
 * `failedChecks` and keeps the weight; a passed one moves to the next weight (or promotes after
 * the last); the canary is rolled back once `failedChecks` has reached `threshold`. Passed checks do
 * not reset `failedChecks`. The rollback comes one interval after the check that reached the
 * threshold: each run of the scheduler (pkg/controller/scheduler.go, advanceCanary) first rolls back
 * when `failedChecks ≥ threshold`, and only then runs the analysis, whose failure just adds one and
 * returns. Requests arrive as a Poisson process, so a window's successes and errors are independent
 * Poisson counts.
 */
export interface FlaggerOptions {
  errorRate: number;
  incident?: Incident;
  /** Requests per second over both versions; the canary gets its weight's share. */
  total: number;
  /** The weights walked, e.g. [10] for one step or [10, 20, 30, 40, 50] (stepWeight 10, maxWeight 50 as in its docs). */
  weights: number[];
  threshold: number;
  intervalS?: number;
  /** Least success rate in percent. */
  minSuccess?: number;
}

export interface FlaggerOutcome {
  result: 'promoted' | 'fail';
  seconds: number;
  /** Whether the first check (at the first weight) failed. */
  firstCheckFailed: boolean;
}

/** A check passes when the share of non-5xx requests is at least minSuccess %; no request at all fails it (no metric value). */
export function checkPasses(ok: number, n: number, minSuccess = 99): boolean {
  return n > 0 && 100 * ok >= minSuccess * n;
}

/** Expected errors per request over [t0, t1) given a shared incident: the time-average error rate. */
function meanErrorRate(errorRate: number, incident: Incident | undefined, t0: number, t1: number): number {
  if (!incident) return errorRate;
  const overlap = Math.max(0, Math.min(t1, incident.toS) - Math.max(t0, incident.fromS));
  return (errorRate * (t1 - t0 - overlap) + incident.errorRate * overlap) / (t1 - t0);
}

export function runFlagger(seed: number, o: FlaggerOptions): FlaggerOutcome {
  const rng = new Rng(seed);
  const interval = o.intervalS ?? 60;
  let failed = 0;
  let at = 0;
  let firstCheckFailed: boolean | null = null;
  for (let w = 0; w < o.weights.length;) {
    const lambda = ratesAt(o.total, o.weights[w]).canary * interval;
    const p = meanErrorRate(o.errorRate, o.incident, at, at + interval);
    const errors = rng.poisson(lambda * p);
    const ok = rng.poisson(lambda * (1 - p));
    at += interval;
    const pass = checkPasses(ok, ok + errors, o.minSuccess);
    firstCheckFailed ??= !pass;
    if (pass) w++;
    // The next run of the scheduler sees failedChecks ≥ threshold and rolls back.
    else if (++failed >= o.threshold) return { result: 'fail', seconds: at + interval, firstCheckFailed };
  }
  return { result: 'promoted', seconds: at, firstCheckFailed: firstCheckFailed ?? false };
}

/**
 * Exact probability that one check fails for a version at `errorRate` receiving `rate` requests
 * per second over a `windowS` window: errors E ~ Poisson(λp) and successes O ~ Poisson(λ(1 − p))
 * are independent, and the check fails when O + E = 0 or 100·O < minSuccess·(O + E).
 */
export function checkFailProbability(rate: number, errorRate: number, windowS = 60, minSuccess = 99): number {
  const lambda = rate * windowS;
  const pmf = (mean: number, max: number): Float64Array => {
    const p = new Float64Array(max + 1);
    if (mean === 0) {
      p[0] = 1;
      return p;
    }
    let lf = 0; // log k!
    for (let k = 0; k <= max; k++) {
      if (k > 1) lf += Math.log(k);
      p[k] = Math.exp(-mean + k * Math.log(mean) - lf);
    }
    return p;
  };
  const le = lambda * errorRate;
  const lo = lambda * (1 - errorRate);
  const eMax = Math.ceil(le + 12 * Math.sqrt(le + 1) + 10);
  const oMax = Math.ceil(lo + 12 * Math.sqrt(lo + 1) + 10);
  const pe = pmf(le, eMax);
  const po = pmf(lo, oMax);
  const below = new Float64Array(oMax + 2); // below[k] = P(O < k)
  for (let k = 0; k <= oMax; k++) below[k + 1] = below[k] + po[k];
  let fail = pe[0] * po[0]; // nothing arrived
  for (let e = 1; e <= eMax; e++) {
    // 100·O < minSuccess·(O + e)  ⇔  O < minSuccess·e / (100 − minSuccess)
    const k = minSuccess >= 100 ? oMax + 1 : Math.min(oMax + 1, Math.ceil((minSuccess * e) / (100 - minSuccess)));
    fail += pe[e] * below[k];
  }
  return fail;
}

/** The same for a window of exactly `n` requests (Binomial errors): fails when errors > n·(100 − minSuccess)/100. */
export function checkFailProbabilityFixed(n: number, errorRate: number, minSuccess = 99): number {
  let below = 0; // P(errors ≤ allowed)
  const allowed = Math.floor((n * (100 - minSuccess)) / 100 + 1e-9);
  for (let e = 0; e <= allowed; e++) below += Math.exp(logChoose(n, e) + e * Math.log(errorRate) + (n - e) * Math.log1p(-errorRate));
  return 1 - below;
}

function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log((n - k + i) / i);
  return s;
}
