import type { Sample, Side } from '../model/sample.js';
import type { SignalSource } from '../ports/signal-source.js';
import type { Logger } from '../util/log.js';
import { silentLogger } from '../util/log.js';

export interface PrometheusOptions {
  url: string;
  canaryVersion: string;
  stableVersion: string;
  /** PromQL with {{version}}: a version's request counter (a single series). */
  requestsQuery: string;
  /** PromQL with {{version}}: a version's error counter (a single series; no series = 0 errors). */
  errorsQuery: string;
  /** PromQL with {{version}}: a version's latency histogram buckets, one series per `le`. */
  latencyBucketsQuery?: string;
  logger?: Logger;
  timeoutMs?: number;
}

interface Counters {
  requests: number;
  errors: number;
  /** Cumulative bucket counts by upper bound in seconds (Infinity for +Inf). */
  buckets: Map<number, number>;
}

/** A PromQL string literal: the version goes inside double quotes. */
export function promqlString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export function renderQuery(template: string, version: string): string {
  return template.replace(/\{\{\s*version\s*\}\}/g, promqlString(version));
}

/**
 * Evidence from Prometheus counters. Each read turns the counters' increase since the previous
 * read into synthetic samples (one per request), so the same judge works on metrics: errors from
 * the error counter, latencies from histogram bucket increases at each bucket's upper bound
 * (+Inf counts as twice the largest finite bound). No series yet means no samples, never "healthy".
 */
export class PrometheusSource implements SignalSource {
  readonly name = 'prometheus';
  private last = new Map<Side, Counters | null>();
  private readonly logger: Logger;

  constructor(private readonly options: PrometheusOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  async start(): Promise<void> {
    for (const side of ['canary', 'stable'] as const) this.last.set(side, await this.counters(side));
  }

  async read(): Promise<Sample[]> {
    const out: Sample[] = [];
    for (const side of ['canary', 'stable'] as const) {
      const now = await this.counters(side);
      if (!now) continue;
      const before = this.last.get(side);
      this.last.set(side, now);
      if (!before || now.requests < before.requests) continue; // first sight or a counter reset: new baseline
      out.push(...synthesize(side, before, now));
    }
    return out;
  }

  async stop(): Promise<void> {}

  private version(side: Side): string {
    return side === 'canary' ? this.options.canaryVersion : this.options.stableVersion;
  }

  private async counters(side: Side): Promise<Counters | null> {
    const v = this.version(side);
    if (!v) return null;
    try {
      const [req, err, buckets] = await Promise.all([
        this.query(renderQuery(this.options.requestsQuery, v)),
        this.query(renderQuery(this.options.errorsQuery, v)),
        this.options.latencyBucketsQuery ? this.query(renderQuery(this.options.latencyBucketsQuery, v)) : Promise.resolve([])
      ]);
      if (req.length === 0) return null;
      const map = new Map<number, number>();
      for (const s of buckets) {
        const le = s.metric.le === '+Inf' ? Infinity : Number(s.metric.le);
        if (!Number.isNaN(le)) map.set(le, Number(s.value[1]));
      }
      return { requests: Number(req[0].value[1]), errors: err.length ? Number(err[0].value[1]) : 0, buckets: map };
    } catch (err) {
      this.logger.warning(`Prometheus query for ${side} failed: ${(err as Error).message}`);
      return null;
    }
  }

  private async query(promql: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
    const url = `${this.options.url.replace(/\/+$/, '')}/api/v1/query?query=${encodeURIComponent(promql)}`;
    const res = await fetch(url, { signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000) });
    const body = (await res.json()) as { status: string; error?: string; data?: { resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] } };
    if (body.status !== 'success' || !body.data) throw new Error(`Prometheus answered ${res.status}: ${String(body.error ?? 'no data').slice(0, 200)}`);
    return body.data.result;
  }
}

function synthesize(side: Side, before: Counters, now: Counters): Sample[] {
  const n = Math.round(now.requests - before.requests);
  const e = Math.min(n, Math.max(0, Math.round(now.errors - before.errors)));
  if (n <= 0) return [];
  // Latencies: increases per bucket, spread over the requests (largest first, so errors get no bias).
  const bounds = [...now.buckets.keys()].sort((a, b) => a - b);
  const finite = bounds.filter(Number.isFinite);
  const maxFinite = finite.length ? finite[finite.length - 1] : 1;
  const latencies: number[] = [];
  let prev = 0;
  for (const le of bounds) {
    const cum = (now.buckets.get(le) ?? 0) - (before.buckets.get(le) ?? 0);
    const inBucket = Math.max(0, Math.round(cum - prev));
    prev = Math.max(prev, cum);
    const ms = (Number.isFinite(le) ? le : maxFinite * 2) * 1000;
    for (let i = 0; i < inBucket && latencies.length < n; i++) latencies.push(ms);
  }
  while (latencies.length < n) latencies.push(NaN);
  const at = Date.now();
  const out: Sample[] = [];
  // Interleave errors evenly so a pairing judge sees them spread over the interval.
  for (let i = 0; i < n; i++) {
    const bad = Math.floor(((i + 1) * e) / n) > Math.floor((i * e) / n);
    const lat = latencies[(i * 7919) % n];
    out.push({ side, ok: !bad, status: bad ? 500 : 200, latencyMs: Number.isNaN(lat) ? 0 : lat, at, source: 'prometheus' });
  }
  return out;
}
