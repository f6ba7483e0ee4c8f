import type { Sample, SideStats } from '../model/sample.js';

/** Nearest-rank quantile of an ascending array. */
export function quantileSorted(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[idx];
}

export function sideStats(samples: readonly Sample[]): SideStats {
  const lat = samples.flatMap((s) => (s.latencyMs === null ? [] : [s.latencyMs])).sort((a, b) => a - b);
  const errors = samples.filter((s) => !s.ok).length;
  return {
    requests: samples.length,
    errors,
    errorRate: samples.length ? errors / samples.length : 0,
    p50Ms: quantileSorted(lat, 0.5),
    p95Ms: quantileSorted(lat, 0.95),
    p99Ms: quantileSorted(lat, 0.99)
  };
}
