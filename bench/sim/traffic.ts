import type { Sample, Side } from '../../shared/model/sample.js';
import type { Rng } from './prng.js';

/** One version's simulated behaviour: error probability and a log-normal latency. */
export interface VersionModel {
  errorRate: number;
  /** Median latency in ms. */
  medianMs: number;
  /** Log-normal shape (σ of log latency). */
  sigma: number;
}

export const HEALTHY: VersionModel = { errorRate: 0.01, medianMs: 50, sigma: 0.35 };

export function sample(rng: Rng, side: Side, m: VersionModel, at: number): Sample {
  const ok = !rng.bernoulli(m.errorRate);
  const latencyMs = m.medianMs * Math.exp(m.sigma * rng.normal());
  return { side, ok, status: ok ? 200 : 503, latencyMs, at, source: 'sim' };
}

/** One look's worth of traffic: n samples per side, interleaved as they would arrive. */
export function batch(rng: Rng, canary: VersionModel, stable: VersionModel, n: number, at: number): Sample[] {
  const out: Sample[] = [];
  for (let i = 0; i < n; i++) {
    out.push(sample(rng, 'canary', canary, at));
    out.push(sample(rng, 'stable', stable, at));
  }
  return out;
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 on erf; |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

/** Share of a version's requests slower than `ms`. */
export function slowShare(m: VersionModel, ms: number): number {
  return 1 - normalCdf(Math.log(ms / m.medianMs) / m.sigma);
}

/** The model's true p95 in ms. */
export function p95(m: VersionModel): number {
  return m.medianMs * Math.exp(m.sigma * 1.6448536);
}
