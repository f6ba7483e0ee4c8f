import type { Sample, Side } from '../../shared/model/sample.js';
import { drawLatency, type LatencyModel } from './latency.js';
import type { Rng } from './prng.js';

/** One version in the time-based simulator: an error probability and a latency distribution. */
export interface SideModel {
  errorRate: number;
  latency: LatencyModel;
}

/** A shared incident: from `fromS` to `toS` (seconds since the run began) both versions fail at `errorRate`. */
export interface Incident {
  fromS: number;
  toS: number;
  errorRate: number;
}

export interface Traffic {
  canary: SideModel;
  stable: SideModel;
  incident?: Incident;
}

/** Requests per second reaching each version at a weight (percent) of `total`: the router's split of live traffic. */
export function ratesAt(total: number, weight: number): { canary: number; stable: number } {
  return { canary: (total * weight) / 100, stable: (total * (100 - weight)) / 100 };
}

/** Epoch of simulated time 0 (Sample.at is epoch ms). */
export const EPOCH_MS = Date.UTC(2026, 0, 1);

/** A sample and its arrival time in seconds since the run began. */
export interface Timed {
  t: number;
  s: Sample;
}

function side(rng: Rng, who: Side, m: SideModel, rate: number, t0: number, t1: number, incident: Incident | undefined, out: Timed[]): void {
  if (rate <= 0) return;
  for (let t = t0 + rng.exponential() / rate; t < t1; t += rng.exponential() / rate) {
    const errorRate = incident && t >= incident.fromS && t < incident.toS ? incident.errorRate : m.errorRate;
    const ok = !rng.bernoulli(errorRate);
    const latencyMs = drawLatency(rng, m.latency);
    out.push({ t, s: { side: who, ok, status: ok ? 200 : 503, latencyMs, at: EPOCH_MS + Math.floor(t * 1000), source: 'sim' } });
  }
}

/**
 * The requests of both versions that finish in [t0, t1) seconds: independent Poisson processes at
 * the given rates, merged in arrival order (what the engine reads at a look).
 */
export function arrivals(rng: Rng, traffic: Traffic, rates: { canary: number; stable: number }, t0: number, t1: number): Timed[] {
  const c: Timed[] = [];
  const s: Timed[] = [];
  side(rng, 'canary', traffic.canary, rates.canary, t0, t1, traffic.incident, c);
  side(rng, 'stable', traffic.stable, rates.stable, t0, t1, traffic.incident, s);
  const out: Timed[] = new Array<Timed>(c.length + s.length);
  let i = 0,
    j = 0,
    k = 0;
  while (i < c.length || j < s.length) out[k++] = j >= s.length || (i < c.length && c[i].t <= s[j].t) ? c[i++] : s[j++];
  return out;
}
