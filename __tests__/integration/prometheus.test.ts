// The judge fed only by a real Prometheus scraping real demo services: the metrics path end to end.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import type { AnalysisPolicy } from '../../shared/model/plan.js';
import type { Sample } from '../../shared/model/sample.js';
import type { Verdict } from '../../shared/model/verdict.js';
import { createJudge } from '../../shared/judges/index.js';
import { PrometheusSource, renderQuery } from '../../shared/signals/prometheus.js';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../shared/util/log.js';
import { ProbeTraffic } from '../../shared/signals/probes.js';
import { SERVICE, waitUntil } from '../helpers/local-service.js';
import { freePort, startPrometheus, stopProcess, type RunningPrometheus } from '../helpers/prometheus.js';

jest.setTimeout(90_000);

interface Service {
  version: string;
  url: string;
  target: string;
  child: ChildProcess;
}

async function startService(version: string, errorRate = 0): Promise<Service> {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVICE], {
    env: { ...process.env, PORT: String(port), SERVICE_VERSION: version, FAULT_ERROR_RATE: String(errorRate) },
    stdio: 'ignore'
  });
  const url = `http://127.0.0.1:${port}`;
  const up = await waitUntil(
    async () => {
      try {
        return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) })).ok;
      } catch {
        return false;
      }
    },
    10_000,
    100
  );
  if (!up) {
    await stopProcess(child);
    throw new Error(`demo service ${version} did not answer /healthz on ${url}`);
  }
  return { version, url, target: `127.0.0.1:${port}`, child };
}

// errorTolerance 0.05 as the brief asks: a healthy pair (both 0 %) shows "within 5 points" after a
// few hundred pairs, i.e. a handful of 1 s scrapes at 50 req/s, far inside the 40 s budget.
const policy: AnalysisPolicy = {
  judge: 'sequential',
  errorTolerance: 0.05,
  latencyTolerance: 0.5,
  alpha: 0.01,
  beta: 0.05,
  minSamples: 50,
  onInconclusive: 'rollback'
};
const LOOK_MS = 1000;
const BUDGET_MS = 40_000;

interface Run {
  verdict: Verdict;
  samples: Sample[];
  looks: number;
}

/** The engine's loop in small: probes make traffic, Prometheus alone counts it, the judge looks every second. */
async function analyse(prom: RunningPrometheus, canary: Service, stable: Service): Promise<Run> {
  const source = new PrometheusSource({
    url: prom.url,
    canaryVersion: canary.version,
    stableVersion: stable.version,
    requestsQuery: 'sum(http_requests_total{version="{{version}}"})',
    errorsQuery: 'sum(http_requests_total{version="{{version}}",code=~"5.."})',
    latencyBucketsQuery: 'sum by (le) (http_request_duration_seconds_bucket{version="{{version}}"})'
  });
  const probes = new ProbeTraffic({ canaryUrl: `${canary.url}/`, stableUrl: `${stable.url}/`, rate: 50, timeoutMs: 2000, counts: false });
  const judge = createJudge(policy);
  const samples: Sample[] = [];
  await source.start();
  await probes.start();
  try {
    const deadline = Date.now() + BUDGET_MS;
    let looks = 0;
    for (;;) {
      await new Promise((r) => setTimeout(r, LOOK_MS));
      const batch = [...(await source.read()), ...(await probes.read())];
      samples.push(...batch);
      judge.observe(batch);
      looks++;
      const final = Date.now() >= deadline;
      const verdict = judge.verdict(final);
      if (verdict.decision !== 'continue' || final) return { verdict, samples, looks };
    }
  } finally {
    await probes.stop();
    await source.stop();
  }
}

describe('sequential judge over a real Prometheus', () => {
  const services: Service[] = [];
  let prom: RunningPrometheus | undefined;
  let stable1: Service, faulty: Service, stable2: Service, healthy: Service;

  beforeAll(async () => {
    // Distinct versions per scenario: the queries sum by version, so the scenarios cannot mix.
    const started = await Promise.allSettled([startService('v1'), startService('v2', 0.3), startService('v1-s2'), startService('v2b')]);
    for (const s of started) if (s.status === 'fulfilled') services.push(s.value);
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    [stable1, faulty, stable2, healthy] = services;
    prom = await startPrometheus(services.map((s) => s.target));
  }, 60_000);

  afterAll(async () => {
    await prom?.close();
    await Promise.all(services.map((s) => stopProcess(s.child)));
  });

  test('a canary answering 30 % errors fails on the error-rate check, from Prometheus evidence alone', async () => {
    const { verdict, samples } = await analyse(prom!, faulty, stable1);
    expect(samples.length).toBeGreaterThan(0);
    expect(samples.every((s) => s.source === 'prometheus')).toBe(true);
    expect(verdict.decision).toBe('fail');
    const errors = verdict.checks.find((c) => c.signal === 'error-rate');
    expect(errors?.decision).toBe('fail');
    expect(errors!.canary).toBeGreaterThan(0.15);
    expect(errors!.stable).toBeLessThan(0.05);
  });

  test('a healthy canary passes, from Prometheus evidence alone', async () => {
    const { verdict, samples } = await analyse(prom!, healthy, stable2);
    expect(samples.length).toBeGreaterThan(0);
    expect(samples.every((s) => s.source === 'prometheus')).toBe(true);
    expect(verdict.reason).toMatch(/within tolerance/);
    expect(verdict.decision).toBe('pass');
    expect(verdict.samples.canary).toBeGreaterThanOrEqual(policy.minSamples);
  });
});

/**
 * A loopback server answering /api/v1/query the way Prometheus does, from a table the test edits:
 * the counter arithmetic (baselines, resets, buckets, missing series) checked value by value.
 */
interface Series {
  requests: number | null;
  errors?: number;
  /** Cumulative bucket counts by `le` as Prometheus prints it. */
  buckets?: Record<string, number>;
}

async function startFakeApi(table: Map<string, Series>): Promise<{ url: string; queries: string[]; reject: { on: boolean }; close(): Promise<void> }> {
  const queries: string[] = [];
  const reject = { on: false };
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const q = u.searchParams.get('query') ?? '';
    queries.push(q);
    if (u.pathname !== '/api/v1/query' || reject.on) {
      res
        .writeHead(400, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error ::warning::x' }));
      return;
    }
    const version = /version="((?:[^"\\]|\\.)*)"/.exec(q)?.[1].replace(/\\(.)/g, '$1') ?? '';
    const s = table.get(version);
    const vec = (metric: Record<string, string>, v: number) => ({ metric, value: [Date.now() / 1000, String(v)] });
    let result: unknown[] = [];
    if (s && s.requests !== null) {
      if (q.includes('_bucket')) result = Object.entries(s.buckets ?? {}).map(([le, v]) => vec({ le }, v));
      else if (q.includes('code=~')) result = s.errors === undefined ? [] : [vec({}, s.errors)];
      else result = [vec({}, s.requests)];
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    queries,
    reject,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      })
  };
}

describe('PrometheusSource counter arithmetic (loopback API)', () => {
  const table = new Map<string, Series>();
  let api: Awaited<ReturnType<typeof startFakeApi>>;
  const odd = 'v2"\\x';
  const queries = {
    requestsQuery: 'sum(http_requests_total{version="{{version}}"})',
    errorsQuery: 'sum(http_requests_total{version="{{version}}",code=~"5.."})',
    latencyBucketsQuery: 'sum by (le) (http_request_duration_seconds_bucket{version="{{version}}"})'
  };

  beforeAll(async () => {
    api = await startFakeApi(table);
  });
  afterAll(async () => {
    await api.close();
  });

  test('{{version}} becomes an escaped PromQL string literal', () => {
    expect(renderQuery('x{version="{{version}}"}', 'a"b\\c\nd')).toBe('x{version="a\\"b\\\\c\\nd"}');
    expect(renderQuery('{{version}}-{{version}}', 'v1')).toBe('v1-v1');
  });

  test('increases since the last read become samples; no series is no data; a reset is a new baseline', async () => {
    table.clear();
    table.set('v1', { requests: 100, errors: 2, buckets: { '0.1': 90, '0.5': 99, '+Inf': 100 } });
    table.set(odd, { requests: null });
    const src = new PrometheusSource({ url: api.url, canaryVersion: odd, stableVersion: 'v1', ...queries });
    await src.start();
    // The odd version reached the server intact inside the literal.
    expect(api.queries.some((q) => q.includes('version="v2\\"\\\\x"'))).toBe(true);

    // Nothing moved, and the canary has no series: no samples at all (never "healthy").
    expect(await src.read()).toEqual([]);

    // The canary's series appears: that read is its baseline; stable moved by 60 with 6 errors.
    table.set(odd, { requests: 40, errors: 4, buckets: { '0.1': 40, '0.5': 40, '+Inf': 40 } });
    table.set('v1', { requests: 160, errors: 8, buckets: { '0.1': 120, '0.5': 149, '+Inf': 160 } });
    let got = await src.read();
    expect(got.every((s) => s.side === 'stable' && s.source === 'prometheus')).toBe(true);
    expect(got.length).toBe(60);
    expect(got.filter((s) => !s.ok).length).toBe(6);
    expect(got.filter((s) => !s.ok).every((s) => s.status === 500)).toBe(true);
    // Buckets: 30 at ≤ 100 ms, 20 at ≤ 500 ms, 10 in +Inf = twice the largest finite bound.
    // Each request lies inside its bucket (interpolated, as histogram_quantile does); +Inf reaches twice the top bound.
    const bucketOf = (ms: number) => (ms <= 100 ? 100 : ms <= 500 ? 500 : ms <= 1000 ? 1000 : Infinity);
    const byBucket = (xs: Sample[]) =>
      xs.reduce<Record<number, number>>((m, s) => ({ ...m, [bucketOf(s.latencyMs ?? NaN)]: (m[bucketOf(s.latencyMs ?? NaN)] ?? 0) + 1 }), {});
    expect(byBucket(got)).toEqual({ 100: 30, 500: 20, 1000: 10 });
    expect(new Set(got.map((s) => s.latencyMs)).size).toBeGreaterThan(50);

    // The canary restarts (counter reset): no samples for it this read, the new value is the baseline.
    table.set(odd, { requests: 5, errors: 0, buckets: { '0.1': 5, '0.5': 5, '+Inf': 5 } });
    got = await src.read();
    expect(got.filter((s) => s.side === 'canary')).toEqual([]);
    table.set(odd, { requests: 25, errors: 10, buckets: { '0.1': 5, '0.5': 25, '+Inf': 25 } });
    got = await src.read();
    const canary = got.filter((s) => s.side === 'canary');
    expect(canary.length).toBe(20);
    expect(canary.filter((s) => !s.ok).length).toBe(10);
    expect(byBucket(canary)).toEqual({ 500: 20 });
    expect(got.filter((s) => s.side === 'stable')).toEqual([]);
  });

  test('a missing error series means no errors; a rejected query is no data and a (escaped) warning', async () => {
    table.clear();
    table.set('a', { requests: 10, buckets: { '0.25': 10, '+Inf': 10 } });
    table.set('b', { requests: 10, buckets: { '0.25': 10, '+Inf': 10 } });
    const warnings: string[] = [];
    const logger: Logger = { info() {}, debug() {}, warning: (m) => warnings.push(m) };
    const src = new PrometheusSource({ url: api.url, canaryVersion: 'a', stableVersion: 'b', ...queries, logger });
    await src.start();
    table.set('a', { requests: 30, buckets: { '0.25': 30, '+Inf': 30 } });
    const got = await src.read();
    expect(got.length).toBe(20);
    expect(got.every((s) => s.side === 'canary' && s.ok && s.latencyMs !== null && s.latencyMs > 0 && s.latencyMs <= 250)).toBe(true);

    api.reject.on = true;
    table.set('a', { requests: 50, buckets: { '0.25': 50, '+Inf': 50 } });
    expect(await src.read()).toEqual([]);
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.join('\n')).not.toContain('::warning::');
    api.reject.on = false;
    // Back again: the increase over the gap is counted once.
    expect((await src.read()).length).toBe(20);
  });
});
