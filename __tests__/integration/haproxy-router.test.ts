// The HAProxy router and stats source against a real HAProxy 2.6 in front of two demo services
// on loopback: the share customers see per step, a reset, weights across a reload, and the stats
// source attributing a faulty canary's errors.
import { afterAll, afterEach, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import type { Sample } from '../../shared/model/sample.js';
import type { DeployContext } from '../../shared/ports/deploy-target.js';
import { HaproxyRouter } from '../../shared/routers/haproxy/index.js';
import { HaproxyStatsSource } from '../../shared/signals/haproxy-stats.js';
import type { Logger } from '../../shared/util/log.js';
import { startHaproxy, type RunningHaproxy } from '../helpers/haproxy.js';
import { shareOf, startLoad, withinBinomial, type LoadTally } from '../helpers/load.js';
import { SERVICE, waitUntil } from '../helpers/local-service.js';
import { freePort, stopProcess } from '../helpers/prometheus.js';

jest.setTimeout(60_000);

interface Service {
  version: string;
  target: string;
  child: ChildProcess;
}

async function startService(version: string, errorRate: number): Promise<Service> {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVICE], {
    env: { PATH: process.env.PATH ?? '', PORT: String(port), SERVICE_VERSION: version, FAULT_ERROR_RATE: String(errorRate) },
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
    50
  );
  if (!up) {
    await stopProcess(child);
    throw new Error(`demo service ${version} did not answer /healthz on ${url}`);
  }
  return { version, target: `127.0.0.1:${port}`, child };
}

const ctx: DeployContext = { environment: 'test', deploymentId: '1', version: 'v2', previousVersion: 'v1', weight: 0 };
const RATE = 300;
const STEP_MS = 2000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const lines: string[] = [];
const logger: Logger = { info: (m) => lines.push(m), warning: (m) => lines.push(`warning: ${m}`), debug() {} };
/** What the test saw, printed once at the end (the numbers a reader wants next to a pass). */
const seen: string[] = [];

let stable: Service;
let canary: Service;
let hap: RunningHaproxy | undefined;

beforeAll(async () => {
  [stable, canary] = await Promise.all([startService('v1', 0), startService('v2', 0.3)]);
});
afterEach(async () => {
  await hap?.stop();
  hap = undefined;
});
afterAll(async () => {
  await Promise.all([stable, canary].filter(Boolean).map((s) => stopProcess(s.child)));
  console.log(`HAProxy integration, measured:\n${seen.join('\n')}`);
});

function answered(t: LoadTally): number {
  return Object.values(t.byVersion).reduce((a, b) => a + b, 0);
}

/**
 * Sends load for STEP_MS and returns that window's tally. It starts 100 ms after the weight change,
 * so requests already in flight (routed by the old weights; they take ~2–8 ms) are not counted.
 */
async function measure(load: ReturnType<typeof startLoad>): Promise<LoadTally> {
  await sleep(100);
  load.reset();
  await sleep(STEP_MS);
  return load.reset();
}

function router(h: RunningHaproxy, stateFile?: string): HaproxyRouter {
  return new HaproxyRouter({ socket: h.socket, backend: h.backend, stableServer: 'stable', canaryServer: 'canary', stateFile, logger, timeoutMs: 2000 });
}

function expectShare(t: LoadTally, percent: number, label: string): void {
  const n = answered(t);
  const v2 = t.byVersion.v2 ?? 0;
  seen.push(`${label}: canary ${v2}/${n} = ${(shareOf(t, 'v2') * 100).toFixed(1)} % (weight ${percent} %)`);
  expect(n).toBeGreaterThan(300);
  expect(t.transport).toEqual({});
  expect({ label, v2, n, within: withinBinomial(v2, n, percent / 100) }).toEqual({ label, v2, n, within: true });
}

describe('HaproxyRouter on a real HAProxy', () => {
  test('each step gives the canary its weight of the requests, and reset takes it out (maint)', async () => {
    hap = await startHaproxy({ stable: stable.target, canary: canary.target });
    const r = router(hap);
    await r.preflight();
    const load = startLoad({ url: hap.url, rate: RATE });
    try {
      for (const p of [10, 50, 100]) {
        await r.setWeight(p, ctx);
        expect(await r.currentWeight()).toBe(p);
        expectShare(await measure(load), p, `step ${p} %`);
      }
      expect(await hap.send('get weight app/canary')).toBe('100 (initial 0)\n\n');
      expect(await hap.send('get weight app/stable')).toBe('0 (initial 100)\n\n');

      await r.reset(ctx);
      await r.reset(ctx); // safe twice
      const after = await measure(load);
      seen.push(`after reset: canary ${after.byVersion.v2 ?? 0}/${answered(after)}`);
      expect(answered(after)).toBeGreaterThan(300);
      expect(after.byVersion.v2 ?? 0).toBe(0);
      expect(after.transport).toEqual({});
    } finally {
      await load.stop();
    }
    expect(await r.currentWeight()).toBe(0);
    expect(await hap.send('show stat app 4 -1')).toMatch(/^app,canary,(?:[^,]*,){15}MAINT,/m);
    expect(lines).toContain('haproxy: canary 10 % (weights 10/90), checked with get weight');

    // Back from maint: the next rollout's first step works again.
    await r.setWeight(10, ctx);
    expect(await r.currentWeight()).toBe(10);
  });

  test('with a state file the weights survive a reload; without it they fall back to the config (the control)', async () => {
    for (const keep of [true, false]) {
      hap = await startHaproxy({ stable: stable.target, canary: canary.target, stateFile: true });
      const r = router(hap, keep ? hap.stateFile : undefined);
      await r.setWeight(25, ctx);
      const pid = hap.pid();
      await hap.reload();
      expect(hap.pid()).not.toBe(pid);
      const load = startLoad({ url: hap.url, rate: RATE });
      const t = await measure(load).finally(() => load.stop());
      if (keep) {
        expect(await hap.send('get weight app/canary')).toBe('25 (initial 0)\n\n');
        expect(await r.currentWeight()).toBe(25);
        expectShare(t, 25, 'after reload, state file kept');
      } else {
        expect(await hap.send('get weight app/canary')).toBe('0 (initial 0)\n\n');
        expect(await r.currentWeight()).toBe(0);
        expectShare(t, 0, 'after reload, no state file (control)');
      }
      await hap.stop();
      hap = undefined;
    }
  });
});

describe('HaproxyStatsSource on a real HAProxy', () => {
  test("attributes a faulty canary's errors (~30 %) and stable's (0), and survives the counter reset of a reload", async () => {
    hap = await startHaproxy({ stable: stable.target, canary: canary.target, stateFile: true });
    const r = router(hap, hap.stateFile);
    await r.setWeight(50, ctx);
    const source = r.requestCounter();
    expect(source).toBeInstanceOf(HaproxyStatsSource);
    await source.start({ weight: 50, startedAt: Date.now() });

    const side = (samples: Sample[], s: 'canary' | 'stable') => {
      const mine = samples.filter((x) => x.side === s);
      return { n: mine.length, bad: mine.filter((x) => !x.ok).length };
    };
    const check = (samples: Sample[], t: LoadTally, label: string) => {
      const c = side(samples, 'canary');
      const s = side(samples, 'stable');
      seen.push(
        `${label}: canary ${c.bad}/${c.n} failed (${((100 * c.bad) / c.n).toFixed(1)} %), stable ${s.bad}/${s.n}; load saw v2 ${t.byVersion.v2 ?? 0}, v1 ${t.byVersion.v1 ?? 0}`
      );
      // The source counts what the customers' load saw, request for request.
      expect(c.n).toBe(t.byVersion.v2 ?? 0);
      expect(s.n).toBe(t.byVersion.v1 ?? 0);
      expect(c.bad).toBe(t.errorsByVersion.v2 ?? 0);
      expect(c.n).toBeGreaterThan(100);
      expect(withinBinomial(c.bad, c.n, 0.3)).toBe(true);
      expect(s.bad).toBe(0);
      expect(samples.every((x) => x.source === 'haproxy' && x.latencyMs === null)).toBe(true);
    };

    let load = startLoad({ url: hap.url, rate: RATE });
    await sleep(STEP_MS);
    let t = await load.stop();
    check(await source.read(), t, 'stats before reload');

    // The reload restarts every counter; the next read must count from 0, not subtract the old values.
    await hap.reload();
    const fresh = await hap.send('show stat app 4 -1');
    expect(fresh).toMatch(/^app,canary,(?:[^,]*,){46}0,/m); // req_tot is 0 again
    load = startLoad({ url: hap.url, rate: RATE / 2 });
    await sleep(STEP_MS);
    t = await load.stop();
    check(await source.read(), t, 'stats after reload');
    await source.stop();
  });
});
