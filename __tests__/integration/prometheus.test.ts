// The judge fed only by a real Prometheus scraping real demo services: the metrics path end to end.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import type { AnalysisPolicy } from '../../shared/model/plan.js';
import type { Sample } from '../../shared/model/sample.js';
import type { Verdict } from '../../shared/model/verdict.js';
import { createJudge } from '../../shared/judges/index.js';
import { PrometheusSource } from '../../shared/signals/prometheus.js';
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
  const up = await waitUntil(async () => {
    try {
      return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) })).ok;
    } catch {
      return false;
    }
  }, 10_000, 100);
  if (!up) {
    await stopProcess(child);
    throw new Error(`demo service ${version} did not answer /healthz on ${url}`);
  }
  return { version, url, target: `127.0.0.1:${port}`, child };
}

// errorTolerance 0.05 as the brief asks: a healthy pair (both 0 %) shows "within 5 points" after a
// few hundred pairs, i.e. a handful of 1 s scrapes at 50 req/s, far inside the 40 s budget.
const policy: AnalysisPolicy = { judge: 'sequential', errorTolerance: 0.05, latencyTolerance: 0.5, alpha: 0.01, minSamples: 50, onInconclusive: 'rollback' };
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
    if (failed) throw (failed as PromiseRejectedResult).reason;
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
