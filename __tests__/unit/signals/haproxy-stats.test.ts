// HAProxy's per-server counters as samples: deltas, counter restarts on reload, thinning, and a
// socket that goes away. The counters come from a stand-in runtime API (a real Unix socket).
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import os from 'node:os';
import path from 'node:path';
import type { Sample } from '../../../shared/model/sample.js';
import { counterDelta, HaproxyStatsSource, thin, type CounterSnapshot } from '../../../shared/signals/haproxy-stats.js';
import type { Logger } from '../../../shared/util/log.js';
import { startFakeHaproxy, type FakeHaproxy } from '../../helpers/haproxy.js';

const snap = (o: Partial<CounterSnapshot>): CounterSnapshot => ({
  pid: '1',
  requests: 0,
  requestsFromStot: false,
  http5xx: 0,
  connectionErrors: 0,
  responseErrors: 0,
  ...o
});

describe('counterDelta', () => {
  test('increases between reads; refused and dropped requests are added to req_tot', () => {
    expect(counterDelta(snap({ requests: 100, http5xx: 3 }), snap({ requests: 150, http5xx: 10, connectionErrors: 2, responseErrors: 1 }))).toEqual({
      requests: 53,
      http5xx: 7,
      connectionErrors: 2,
      responseErrors: 1,
      restarted: false
    });
  });

  test('stot already counts them', () => {
    const d = counterDelta(snap({ requests: 10, requestsFromStot: true }), snap({ requests: 20, requestsFromStot: true, connectionErrors: 4 }));
    expect(d).toMatchObject({ requests: 10, connectionErrors: 4 });
  });

  test('a counter that went down restarted from 0 (a reload): the delta is the new value, for every counter', () => {
    // req_tot went down, hrsp_5xx did not (5 > 3): both are counted from 0.
    expect(counterDelta(snap({ requests: 900, http5xx: 3 }), snap({ requests: 40, http5xx: 5 }))).toEqual({
      requests: 40,
      http5xx: 5,
      connectionErrors: 0,
      responseErrors: 0,
      restarted: true
    });
  });

  test('a new process restarted the counters even when they already climbed past the old values', () => {
    expect(counterDelta(snap({ pid: '7', requests: 10, http5xx: 1 }), snap({ pid: '8', requests: 30, http5xx: 2 }))).toMatchObject({
      requests: 30,
      http5xx: 2,
      restarted: true
    });
  });

  test('never more errors than requests', () => {
    const d = counterDelta(snap({}), snap({ requests: 5, http5xx: 9 }));
    expect(d.http5xx).toBe(5);
    const s = counterDelta(snap({}), snap({ requests: 3, requestsFromStot: true, http5xx: 2, connectionErrors: 4, responseErrors: 4 }));
    expect(s.http5xx + s.connectionErrors + s.responseErrors).toBeLessThanOrEqual(s.requests);
  });
});

describe('thin', () => {
  test('keeps each kind of failure in proportion', () => {
    expect(thin({ requests: 100_000, http5xx: 30_000, connectionErrors: 1000, responseErrors: 0, restarted: false }, 5000)).toEqual({
      requests: 5000,
      http5xx: 1500,
      connectionErrors: 50,
      responseErrors: 0,
      restarted: false
    });
    const small = { requests: 10, http5xx: 1, connectionErrors: 0, responseErrors: 0, restarted: false };
    expect(thin(small, 5000)).toBe(small);
  });
});

describe('HaproxyStatsSource against a stand-in socket', () => {
  let fake: FakeHaproxy;
  let warnings: string[];
  let logger: Logger;
  const source = (extra: { socket?: string; maxSamplesPerRead?: number } = {}) =>
    new HaproxyStatsSource({ socket: fake.socket, backend: 'app', stableServer: 'stable', canaryServer: 'canary', logger, timeoutMs: 500, ...extra });
  const tally = (samples: Sample[], side: 'canary' | 'stable') => {
    const mine = samples.filter((s) => s.side === side);
    return { n: mine.length, bad: mine.filter((s) => !s.ok).length };
  };

  beforeEach(async () => {
    fake = await startFakeHaproxy();
    warnings = [];
    logger = { info() {}, warning: (m) => warnings.push(m), debug() {} };
  });
  afterEach(async () => {
    await fake.close();
  });

  test('samples since the baseline, attributed by server, 5xx and connection errors failing', async () => {
    const canary = fake.servers.get('canary')!;
    const stable = fake.servers.get('stable')!;
    Object.assign(canary, { req_tot: 50, hrsp_5xx: 5, ttime: 12 });
    Object.assign(stable, { req_tot: 500, ttime: 4 });
    const s = source();
    await s.start({ weight: 10, startedAt: Date.now() });
    Object.assign(canary, { req_tot: 150, hrsp_5xx: 35, econ: 2 });
    Object.assign(stable, { req_tot: 1400 });
    const before = Date.now();
    const samples = await s.read();
    expect(tally(samples, 'canary')).toEqual({ n: 102, bad: 32 });
    expect(tally(samples, 'stable')).toEqual({ n: 900, bad: 0 });
    const bad = samples.filter((x) => !x.ok);
    expect(bad.filter((x) => x.status === 500 && x.detail === 'HTTP 5xx via haproxy')).toHaveLength(30);
    expect(bad.filter((x) => x.status === 0 && x.detail === 'connection to the server failed via haproxy (econ)')).toHaveLength(2);
    expect(samples.every((x) => x.source === 'haproxy' && x.at >= before)).toBe(true);
    // ttime (12 and 4 ms here) is a moving average, not a request's time: no sample carries it.
    expect(samples.every((x) => x.latencyMs === null)).toBe(true);
    // Errors are spread, not all at the front: the judge pairs samples in order.
    const canarySamples = samples.filter((x) => x.side === 'canary');
    expect(canarySamples.slice(0, 32).every((x) => !x.ok)).toBe(false);
    // Nothing new: nothing read.
    expect(await s.read()).toEqual([]);
  });

  test('a reload (new pid, counters from 0) counts the new values', async () => {
    const canary = fake.servers.get('canary')!;
    Object.assign(canary, { req_tot: 400, hrsp_5xx: 100 });
    const s = source();
    await s.start({ weight: 50, startedAt: Date.now() });
    fake.pid = 101;
    Object.assign(canary, { req_tot: 20, hrsp_5xx: 6 });
    expect(tally(await s.read(), 'canary')).toEqual({ n: 20, bad: 6 });
    Object.assign(canary, { req_tot: 30, hrsp_5xx: 6 });
    expect(tally(await s.read(), 'canary')).toEqual({ n: 10, bad: 0 });
  });

  test('large increases are thinned per side', async () => {
    const s = source({ maxSamplesPerRead: 1000 });
    await s.start({ weight: 50, startedAt: Date.now() });
    Object.assign(fake.servers.get('canary')!, { req_tot: 1_000_000, hrsp_5xx: 300_000 });
    Object.assign(fake.servers.get('stable')!, { req_tot: 10 });
    const samples = await s.read();
    expect(tally(samples, 'canary')).toEqual({ n: 1000, bad: 300 });
    expect(tally(samples, 'stable')).toEqual({ n: 10, bad: 0 });
  });

  test('an unreachable socket is no data, warned about once; the next good read catches up', async () => {
    const s = source();
    await s.start({ weight: 50, startedAt: Date.now() });
    fake.servers.get('canary')!.req_tot = 10;
    fake.hangUp = true;
    expect(await s.read()).toEqual([]);
    expect(await s.read()).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^HAProxy stats read failed \(no data this look\): haproxy-socket .* did not answer "show info" within 500 ms\.$/);
    fake.hangUp = false;
    expect(tally(await s.read(), 'canary')).toEqual({ n: 10, bad: 0 });
  });

  test('unreachable at start: the first read is the baseline', async () => {
    const s = source({ socket: path.join(os.tmpdir(), 'sg-no-such-haproxy.sock') });
    await s.start({ weight: 50, startedAt: Date.now() });
    expect(await s.read()).toEqual([]);
    expect(warnings[0]).toMatch(/could not be asked "show info": connect ENOENT/);
  });

  test('a missing server or backend is warned about, not thrown', async () => {
    fake.servers.delete('canary');
    const s = source();
    await s.start({ weight: 10, startedAt: Date.now() });
    fake.servers.get('stable')!.req_tot = 5;
    expect(tally(await s.read(), 'stable')).toEqual({ n: 5, bad: 0 });
    expect(warnings).toEqual(["haproxy: server canary is not in backend app's show stat: no canary evidence from HAProxy."]);
    fake.backend = 'other';
    expect(await s.read()).toEqual([]);
    expect(warnings[1]).toMatch(/^HAProxy stats read failed \(no data this look\): the reply to show stat has no/);
  });

  test('what it covers and whether probes count', () => {
    const s = source();
    expect(s.covers(100)).toEqual(['canary']);
    expect(s.covers(0)).toEqual(['stable']);
    expect(s.covers(10)).toEqual(['canary', 'stable']);
    expect(s.seesProbes).toBe(false);
    expect(() => new HaproxyStatsSource({ socket: 'x', backend: 'a b', stableServer: 's', canaryServer: 'c' })).toThrow(
      'haproxy-backend "a b" is not a HAProxy name'
    );
  });
});
