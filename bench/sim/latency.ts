import type { Rng } from './prng.js';
import { normalCdf } from './traffic.js';

/**
 * Latency distributions of the time-based simulator: log-normal (moderate tails) and Pareto
 * (heavy tails: with shape α = 1.1 the mean barely exists and the variance does not). `scale`
 * multiplies every percentile, so "1.5× slower" is the same distribution with scale 1.5.
 */
export type LatencyModel =
  { kind: 'lognormal'; medianMs: number; sigma: number; scale?: number } | { kind: 'pareto'; minMs: number; shape: number; scale?: number };

export function drawLatency(rng: Rng, m: LatencyModel): number {
  const s = m.scale ?? 1;
  if (m.kind === 'lognormal') return s * m.medianMs * Math.exp(m.sigma * rng.normal());
  // Inverse CDF: P(X > x) = (min / x)^shape.
  return (s * m.minMs) / Math.pow(1 - rng.next(), 1 / m.shape);
}

/** P(latency > ms). */
export function latencySurvival(m: LatencyModel, ms: number): number {
  const s = m.scale ?? 1;
  if (m.kind === 'lognormal') return ms <= 0 ? 1 : 1 - normalCdf(Math.log(ms / (s * m.medianMs)) / m.sigma);
  const lo = s * m.minMs;
  return ms <= lo ? 1 : Math.pow(lo / ms, m.shape);
}

/** The q-quantile in ms. */
export function latencyQuantile(m: LatencyModel, q: number): number {
  const s = m.scale ?? 1;
  if (m.kind === 'pareto') return (s * m.minMs) / Math.pow(1 - q, 1 / m.shape);
  // Bisection on the survival function (normalCdf has no inverse here); 60 halvings is plenty.
  let lo = 0;
  let hi = s * m.medianMs * Math.exp(10 * m.sigma);
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (1 - latencySurvival(m, mid) < q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export function slower(m: LatencyModel, factor: number): LatencyModel {
  return { ...m, scale: (m.scale ?? 1) * factor };
}

export function latencyText(m: LatencyModel): string {
  const f = m.scale && m.scale !== 1 ? `, ${m.scale}× slower` : '';
  return m.kind === 'lognormal' ? `log-normal (median ${m.medianMs} ms, σ ${m.sigma}${f})` : `Pareto (min ${m.minMs} ms, α ${m.shape}${f})`;
}
