import type { SignalSource } from '../ports/signal-source.js';
import type { Sample, Side } from '../model/sample.js';
import type { Logger } from '../util/log.js';
import { escapeLogText } from '../util/escape.js';
import { DEFAULT_ERRORS_QUERY, DEFAULT_LATENCY_BUCKETS_QUERY, DEFAULT_REQUESTS_QUERY } from './prometheus-queries.js';

export { DEFAULT_ERRORS_QUERY, DEFAULT_LATENCY_BUCKETS_QUERY, DEFAULT_REQUESTS_QUERY };

export interface PrometheusOptions {
  /** Base URL of the Prometheus server (its HTTP API is under /api/v1). */
  url: string;
  canaryVersion: string;
  /** Empty when there is no previous version: then only the canary is read. */
  stableVersion: string;
  /**
   * The Service in front of each version (target: kubernetes), for `{{service}}` in the queries:
   * proxies such as ingress-nginx label their metrics by Service, not by version.
   */
  services?: { canary: string; stable: string };
  requestsQuery?: string;
  errorsQuery?: string;
  latencyBucketsQuery?: string;
  logger?: Logger;
  timeoutMs?: number;
  /** Most synthetic samples one read yields per side; larger increases are thinned proportionally. */
  maxSamplesPerRead?: number;
}

/** What a metric said at one read: cumulative counts, or null when it has no series yet. */
interface Snapshot {
  requests: number | null;
  errors: number;
  /** Cumulative count per bucket upper bound in seconds (Infinity for +Inf). */
  buckets: Map<number, number>;
}

/** A value inside a PromQL double-quoted string literal. */
export function escapePromQLString(value: string): string {
  return value
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');
}

export function renderQuery(template: string, version: string, service = ''): string {
  return template.split('{{version}}').join(escapePromQLString(version)).split('{{service}}').join(escapePromQLString(service));
}

/**
 * Evidence from Prometheus counters: each read turns the increase of the request, error and
 * latency-bucket counters since the previous read into synthetic samples, so the same judge works
 * on it. A request's latency is interpolated inside its bucket (the +Inf bucket reaches twice the
 * largest finite bound) — coarse, but canary and stable are read through the same buckets.
 */
export class PrometheusSource implements SignalSource {
  readonly name = 'prometheus';
  private readonly last = new Map<Side, Snapshot | null>();
  private readonly queries: { requests: string; errors: string; buckets: string };
  private readonly sides: { side: Side; version: string; service: string }[];
  private warnedNoLatency = false;
  private warnedUnreachable = false;
  private shuffleState = 0x2545f491;

  constructor(private readonly options: PrometheusOptions) {
    this.queries = {
      requests: options.requestsQuery || DEFAULT_REQUESTS_QUERY,
      errors: options.errorsQuery || DEFAULT_ERRORS_QUERY,
      buckets: options.latencyBucketsQuery || DEFAULT_LATENCY_BUCKETS_QUERY
    };
    this.sides = [
      { side: 'canary' as Side, version: options.canaryVersion, service: options.services?.canary ?? '' },
      { side: 'stable' as Side, version: options.stableVersion, service: options.services?.stable ?? '' }
    ].filter((s) => s.version !== '');
  }

  async start(): Promise<void> {
    for (const { side, version, service } of this.sides) {
      try {
        this.last.set(side, await this.snapshot(version, service));
      } catch (err) {
        this.unreachable(err);
        this.last.set(side, null);
      }
    }
  }

  async read(): Promise<Sample[]> {
    const out: Sample[] = [];
    for (const { side, version, service } of this.sides) {
      let now: Snapshot;
      try {
        now = await this.snapshot(version, service);
      } catch (err) {
        // Prometheus away for a moment is "no data", not a verdict; the next read catches up.
        this.unreachable(err);
        continue;
      }
      const before = this.last.get(side) ?? null;
      if (now.requests === null) continue; // no series (or no scrape) yet: nothing to count from
      this.last.set(side, now);
      // No baseline (the series appeared after start) or a counter reset: this read is the new baseline.
      if (before === null || before.requests === null || now.requests < before.requests || now.errors < before.errors) continue;
      out.push(...this.synthesise(side, before, now));
    }
    return out;
  }

  async stop(): Promise<void> {
    // Nothing is held open between reads.
  }

  private synthesise(side: Side, before: Snapshot, now: Snapshot): Sample[] {
    let requests = Math.round((now.requests as number) - (before.requests as number));
    let errors = Math.min(requests, Math.max(0, Math.round(now.errors - before.errors)));
    if (requests <= 0) return [];
    const cap = this.options.maxSamplesPerRead ?? 5000;
    if (requests > cap) {
      errors = Math.round((errors * cap) / requests);
      requests = cap;
    }
    const latencies = this.latencies(before, now, requests);
    // Errors spread evenly, then a fixed shuffle: the judge pairs samples in order, and sorted
    // latencies or clustered errors would pair one side's slowest with the other's slowest.
    const at = Date.now();
    const samples: Sample[] = [];
    for (let i = 0; i < requests; i++) {
      const bad = errors > 0 && Math.floor(((i + 1) * errors) / requests) > Math.floor((i * errors) / requests);
      samples.push({ side, ok: !bad, status: bad ? 500 : 200, latencyMs: latencies[i], at, source: 'prometheus' });
    }
    this.shuffle(samples);
    return samples;
  }

  /** `n` latencies in ms drawn from the bucket increases, in bucket order. */
  private latencies(before: Snapshot, now: Snapshot, n: number): number[] {
    const bounds = [...now.buckets.keys()].sort((a, b) => a - b);
    const finite = bounds.filter((b) => Number.isFinite(b));
    const top = finite.length ? finite[finite.length - 1] * 2 : 0;
    const values: { lo: number; ms: number; count: number }[] = [];
    let prev = 0;
    let lower = 0;
    for (const b of bounds) {
      const inc = Math.max(0, (now.buckets.get(b) ?? 0) - (before.buckets.get(b) ?? 0));
      const own = Math.max(0, inc - prev);
      prev = Math.max(prev, inc);
      const upper = Number.isFinite(b) ? b : top;
      if (own > 0) values.push({ lo: lower * 1000, ms: upper * 1000, count: own });
      lower = upper;
    }
    const total = values.reduce((s, v) => s + v.count, 0);
    if (total === 0) {
      if (!this.warnedNoLatency) {
        this.options.logger?.warning(
          'Prometheus returned no latency histogram increase: latency is not judged from Prometheus (check prometheus-latency-query).'
        );
        this.warnedNoLatency = true;
      }
      return new Array<number>(n).fill(0);
    }
    // Map request i to quantile (i + 0.5)/n of the histogram, interpolated linearly inside its
    // bucket as histogram_quantile does: at the bucket's upper bound every request of a bucket
    // would tie, and a latency check comparing canary and stable around a percentile could then
    // never tell two equal services apart.
    const out: number[] = [];
    let k = 0,
      acc = values[0].count;
    for (let i = 0; i < n; i++) {
      const target = ((i + 0.5) / n) * total;
      while (target > acc && k < values.length - 1) acc += values[++k].count;
      const v = values[k];
      const within = Math.min(1, Math.max(0, (target - (acc - v.count)) / v.count));
      out.push(v.lo + (v.ms - v.lo) * within);
    }
    return out;
  }

  private shuffle<T>(xs: T[]): void {
    for (let i = xs.length - 1; i > 0; i--) {
      this.shuffleState = (Math.imul(this.shuffleState, 1664525) + 1013904223) >>> 0;
      const j = this.shuffleState % (i + 1);
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
  }

  private async snapshot(version: string, service: string): Promise<Snapshot> {
    // One evaluation time for the three queries, so they describe the same scrape.
    const time = Date.now() / 1000;
    const [req, err, buckets] = await Promise.all([
      this.query(renderQuery(this.queries.requests, version, service), time),
      this.query(renderQuery(this.queries.errors, version, service), time),
      this.query(renderQuery(this.queries.buckets, version, service), time)
    ]);
    const requests = req.length ? sumValues(req) : null;
    const map = new Map<number, number>();
    for (const r of buckets) {
      const le = r.metric.le;
      if (le === undefined) continue;
      const bound = le === '+Inf' ? Infinity : Number(le);
      if (!Number.isNaN(bound)) map.set(bound, (map.get(bound) ?? 0) + Number(r.value[1]));
    }
    // A missing error series means no 5xx so far (the series appears with the first one).
    return { requests, errors: err.length ? sumValues(err) : 0, buckets: map };
  }

  private async query(promql: string, time: number): Promise<VectorItem[]> {
    const base = this.options.url.replace(/\/+$/, '');
    const url = `${base}/api/v1/query?query=${encodeURIComponent(promql)}&time=${time.toFixed(3)}`;
    const res = await fetch(url, { signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000) });
    const text = await res.text();
    let body: PromResponse;
    try {
      body = JSON.parse(text) as PromResponse;
    } catch {
      throw new Error(`Prometheus answered ${res.status} with a body that is not JSON: ${text.slice(0, 200)}`);
    }
    if (body.status !== 'success') throw new Error(`Prometheus rejected the query ${promql}: ${body.errorType ?? res.status}: ${body.error ?? ''}`);
    const data = body.data;
    if (!data) return [];
    if (data.resultType === 'scalar') return [{ metric: {}, value: data.result as [number, string] }];
    if (data.resultType !== 'vector') throw new Error(`the query ${promql} returned a ${data.resultType}, not an instant vector`);
    return data.result as VectorItem[];
  }

  private unreachable(err: unknown): void {
    const msg = err instanceof Error ? err.message : String(err);
    if (!this.warnedUnreachable) this.options.logger?.warning(`Prometheus read failed (no data this look): ${escapeLogText(msg)}`);
    else this.options.logger?.debug(`Prometheus read failed: ${escapeLogText(msg)}`);
    this.warnedUnreachable = true;
  }
}

interface VectorItem {
  metric: Record<string, string>;
  value: [number, string];
}

interface PromResponse {
  status: string;
  errorType?: string;
  error?: string;
  data?: { resultType: string; result: unknown };
}

function sumValues(items: VectorItem[]): number {
  let s = 0;
  for (const it of items) {
    const v = Number(it.value[1]);
    if (Number.isFinite(v)) s += v;
  }
  return s;
}
