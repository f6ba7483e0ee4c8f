// canary-deploy's bundle driving real nginx and HAProxy on loopback, judged on customers' requests
// alone (probe-rate 0): a load generator plays the customers through the proxy while each rollout
// runs as its own workflow run (own workspace, RUNNER_TEMP and run id), the ledger file being the
// only thing runs share. The workload is the demo service, started and stopped by the user's
// commands (__tests__/helpers/workload.mjs), one process per slot.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { newJob, REPO, runBundle, tempDir, type Job } from '../helpers/run-bundle.js';
import { freePort } from '../helpers/prometheus.js';
import { startNginx, type RunningNginx } from '../helpers/nginx.js';
import { startHaproxy, type RunningHaproxy } from '../helpers/haproxy.js';
import { startLoad, withinBinomial, type LoadTally, type RunningLoad } from '../helpers/load.js';
import type { RolloutReport } from '../../shared/model/report.js';

jest.setTimeout(240_000);

const WORKLOAD = path.join(REPO, '__tests__', 'helpers', 'workload.mjs');

interface Slots {
  dir: string;
  stable: number;
  canary: number;
}

async function slots(): Promise<Slots> {
  return { dir: tempDir('sg-workload-'), stable: await freePort(), canary: await freePort() };
}

function workload(s: Slots, verb: 'start' | 'stop', slot: 'stable' | 'canary', version: string, extra: Record<string, string> = {}): void {
  const r = spawnSync(process.execPath, [WORKLOAD, verb, slot], {
    env: { PATH: process.env.PATH, WORKLOAD_DIR: s.dir, STABLE_PORT: String(s.stable), CANARY_PORT: String(s.canary), SHIPGATE_VERSION: version, ...extra },
    encoding: 'utf8'
  });
  if (r.status !== 0) throw new Error(`workload ${verb} ${slot}: ${r.stderr}`);
}

/** Stops every demo-service process a workload dir started. */
function stopAll(dir: string): void {
  const r = spawnSync('sh', ['-c', `for f in "${dir}"/*.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null; done; true`]);
  void r;
  rmSync(dir, { recursive: true, force: true });
}

/** The user's commands: values reach them only through SHIPGATE_* and the job's environment. */
const COMMANDS = {
  'deploy-command': 'node "$WORKLOAD" start canary',
  'promote-command': 'node "$WORKLOAD" start stable',
  // Puts $SHIPGATE_PREVIOUS_VERSION back on the stable server too: a promoted wave of a fleet is rolled back when a later wave fails.
  'rollback-command': 'node "$WORKLOAD" stop canary && SHIPGATE_VERSION="$SHIPGATE_PREVIOUS_VERSION" node "$WORKLOAD" restore stable'
};

/** Analysis settings that let a healthy canary pass within seconds at ~20 canary requests a second. */
const ANALYSIS = {
  'probe-rate': '0',
  steps: '10,50,100',
  'step-duration': '10s',
  'error-tolerance': '10%',
  'latency-tolerance': '300%',
  'on-inconclusive': 'promote',
  'status-context': 'off'
};

function report(outputs: Record<string, string>): RolloutReport {
  return JSON.parse(readFileSync(outputs.report, 'utf8')) as RolloutReport;
}

/** Runs load for `ms` and returns what customers got. */
async function customersFor(load: RunningLoad, ms: number): Promise<LoadTally> {
  load.reset();
  await new Promise((r) => setTimeout(r, ms));
  return load.reset();
}

/** Access-log lines written after byte `from`, as upstream addresses. */
function upstreamsSince(logFile: string, from: number): string[] {
  return readFileSync(logFile)
    .subarray(from)
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { upstream_addr: string }).upstream_addr);
}

describe('traffic: nginx (real nginx, customers only)', () => {
  let s: Slots;
  let nginx: RunningNginx;
  let load: RunningLoad;
  const ledgerDir = tempDir('sg-ledger-');
  const ledgerFile = path.join(ledgerDir, 'ledger.json');

  beforeAll(async () => {
    s = await slots();
    workload(s, 'start', 'stable', 'v1');
    nginx = await startNginx({ stableServer: `127.0.0.1:${s.stable}`, canaryServer: `127.0.0.1:${s.canary}` });
    load = startLoad({ url: nginx.url, rate: 200 });
  });

  afterAll(async () => {
    await load?.stop();
    await nginx?.stop();
    stopAll(s.dir);
    rmSync(ledgerDir, { recursive: true, force: true });
  });

  const inputs = (version: string) => ({
    environment: 'edge',
    version,
    target: 'command',
    traffic: 'nginx',
    'nginx-conf': nginx.confPath,
    'stable-server': `127.0.0.1:${s.stable}`,
    'canary-server': `127.0.0.1:${s.canary}`,
    'nginx-test-command': nginx.testCommand,
    'nginx-reload-command': nginx.reloadCommand,
    'nginx-access-log': nginx.accessLog,
    // v1 was live before Shipgate: the stable URL says a baseline exists (it is not probed at rate 0).
    'stable-url': `http://127.0.0.1:${s.stable}/`,
    ledger: 'file',
    'ledger-file': ledgerFile,
    ...COMMANDS,
    ...ANALYSIS
  });
  const env = () => ({ WORKLOAD, WORKLOAD_DIR: s.dir, STABLE_PORT: String(s.stable), CANARY_PORT: String(s.canary) });

  test('a healthy canary goes 10 → 50 → 100 on customers’ requests and is promoted; then no request reaches the canary server', async () => {
    const run = await runBundle('canary-deploy', inputs('v2'), { env: env() });
    expect(run.stderr).toBe('');
    expect(run.outputs.result).toBe('promoted');
    const r = report(run.outputs);
    expect(r.steps.map((x) => x.weight)).toEqual([10, 50, 100]);
    for (const step of r.steps.slice(0, 2)) {
      // Judged on the access log alone; the share each version got is the weight, within binomial noise.
      expect(Object.keys(step.sources ?? {})).toEqual(['nginx']);
      const n = step.canary.requests + step.stable.requests;
      expect(n).toBeGreaterThan(100);
      expect(withinBinomial(step.canary.requests, n, step.weight / 100)).toBe(true);
      console.log(`nginx step ${step.weight} %: canary ${step.canary.requests} of ${n} = ${((100 * step.canary.requests) / n).toFixed(1)} %`);
    }
    // At 100 % nginx sees no stable request: the earlier steps' stable requests are the baseline.
    expect(r.steps[2].baseline).toMatch(/stable requests recorded at 10 % and 50 %/);
    expect(run.summary).toContain('customer requests in the nginx access log');
    expect(readFileSync(nginx.confPath, 'utf8')).toMatch(new RegExp(`server 127\\.0\\.0\\.1:${s.canary}[^;]*down;`));
    // Requests already on a keep-alive connection of an old nginx worker finish with the config they began with.
    await new Promise((r) => setTimeout(r, 500));
    const from = readFileSync(nginx.accessLog).length;
    const after = await customersFor(load, 1500);
    expect(after.byVersion).toEqual({ v2: expect.any(Number) });
    const upstreams = upstreamsSince(nginx.accessLog, from);
    expect(upstreams.length).toBeGreaterThan(100);
    expect(upstreams.filter((u) => u.includes(String(s.canary)))).toEqual([]);
  });

  test('a faulty canary (30 % errors) is rolled back on customers’ requests alone; afterwards 0 of N requests reach it', async () => {
    const run = await runBundle('canary-deploy', inputs('v3-bad'), { env: env() });
    expect(run.outputs.result).toBe('rolled-back');
    const r = report(run.outputs);
    expect(r.steps[0].weight).toBe(10);
    expect(r.steps[0].verdict.decision).toBe('fail');
    expect(r.steps[0].canary.errorRate).toBeGreaterThan(0.1);
    expect(r.rollbackMs).not.toBeNull();
    console.log(`nginx: failing verdict → stable at 100 % in ${r.rollbackMs} ms`);
    const after = await customersFor(load, 1500);
    const n = Object.values(after.byVersion).reduce((a, b) => a + b, 0);
    expect(n).toBeGreaterThan(100);
    expect(after.byVersion['v3-bad']).toBeUndefined();
    expect(after.byVersion.v2).toBe(n);
    // The ledger's last good is still v2.
    const ledger = readFileSync(ledgerFile, 'utf8');
    expect(ledger).toContain('v3-bad');
  });

  test('auto-rollback from a later run takes the canary out of rotation and puts v1 back on the stable server', async () => {
    const run = await runBundle(
      'auto-rollback',
      {
        environment: 'edge',
        'to-version': 'v1',
        reason: 'customers report v2 is wrong',
        target: 'command',
        traffic: 'nginx',
        'nginx-conf': nginx.confPath,
        'stable-server': `127.0.0.1:${s.stable}`,
        'canary-server': `127.0.0.1:${s.canary}`,
        'nginx-test-command': nginx.testCommand,
        'nginx-reload-command': nginx.reloadCommand,
        'rollback-command': COMMANDS['rollback-command'],
        ledger: 'file',
        'ledger-file': ledgerFile,
        'status-context': 'off'
      },
      { env: env() }
    );
    expect(run.code).toBe(0);
    expect(run.outputs['rolled-back-to']).toBe('v1');
    expect(readFileSync(nginx.confPath, 'utf8')).toMatch(new RegExp(`server 127\\.0\\.0\\.1:${s.canary}[^;]*down;`));
    await new Promise((r) => setTimeout(r, 500));
    const after = await customersFor(load, 1000);
    const n = Object.values(after.byVersion).reduce((a, b) => a + b, 0);
    expect(n).toBeGreaterThan(50);
    expect(after.byVersion).toEqual({ v1: n });
  });

  test('a config nginx -t refuses: the previous file is put back and the rollout fails at that step with traffic on stable', async () => {
    const before = readFileSync(nginx.confPath, 'utf8');
    const run = await runBundle(
      'canary-deploy',
      { ...inputs('v4'), 'nginx-test-command': `${nginx.testCommand} && echo 'nginx: [emerg] refused by the test' >&2 && false` },
      { env: env() }
    );
    expect(run.outputs.result).toBe('failed');
    expect(run.error).toMatch(/nginx-test-command/);
    expect(readFileSync(nginx.confPath, 'utf8')).toBe(before);
    const after = await customersFor(load, 1000);
    expect(after.byVersion.v4).toBeUndefined();
  });
});

describe('traffic: haproxy (real HAProxy, runtime API)', () => {
  let s: Slots;
  let haproxy: RunningHaproxy;
  let load: RunningLoad;
  const ledgerDir = tempDir('sg-ledger-');
  const ledgerFile = path.join(ledgerDir, 'ledger.json');

  beforeAll(async () => {
    s = await slots();
    workload(s, 'start', 'stable', 'v1');
    haproxy = await startHaproxy({ stable: `127.0.0.1:${s.stable}`, canary: `127.0.0.1:${s.canary}`, stateFile: true });
    load = startLoad({ url: haproxy.url, rate: 200 });
  });

  afterAll(async () => {
    await load?.stop();
    await haproxy?.stop();
    stopAll(s.dir);
    rmSync(ledgerDir, { recursive: true, force: true });
  });

  const inputs = (version: string) => ({
    environment: 'edge',
    version,
    target: 'command',
    traffic: 'haproxy',
    'haproxy-socket': haproxy.socket,
    'haproxy-backend': haproxy.backend,
    'haproxy-state-file': haproxy.stateFile ?? '',
    'stable-url': `http://127.0.0.1:${s.stable}/`,
    ledger: 'file',
    'ledger-file': ledgerFile,
    ...COMMANDS,
    ...ANALYSIS
  });
  const env = () => ({ WORKLOAD, WORKLOAD_DIR: s.dir, STABLE_PORT: String(s.stable), CANARY_PORT: String(s.canary) });

  test('a healthy canary is promoted on HAProxy’s counters; the canary server ends in maint', async () => {
    const run = await runBundle('canary-deploy', inputs('v2'), { env: env() });
    expect(run.stderr).toBe('');
    expect(run.outputs.result).toBe('promoted');
    const r = report(run.outputs);
    expect(r.steps.map((x) => x.weight)).toEqual([10, 50, 100]);
    for (const step of r.steps.slice(0, 2)) {
      expect(Object.keys(step.sources ?? {})).toEqual(['haproxy']);
      const n = step.canary.requests + step.stable.requests;
      expect(n).toBeGreaterThan(100);
      expect(withinBinomial(step.canary.requests, n, step.weight / 100)).toBe(true);
      console.log(`haproxy step ${step.weight} %: canary ${step.canary.requests} of ${n} = ${((100 * step.canary.requests) / n).toFixed(1)} %`);
    }
    const after = await customersFor(load, 1500);
    expect(after.byVersion).toEqual({ v2: expect.any(Number) });
    expect(await haproxy.send(`get weight ${haproxy.backend}/canary`)).toMatch(/^0 /);
  });

  test('a faulty canary is rolled back: weight 0 and maint, 0 of N requests reach it', async () => {
    const run = await runBundle('canary-deploy', inputs('v3-bad'), { env: env() });
    expect(run.outputs.result).toBe('rolled-back');
    const r = report(run.outputs);
    expect(r.steps[0].verdict.decision).toBe('fail');
    console.log(`haproxy: failing verdict → stable at 100 % in ${r.rollbackMs} ms`);
    const after = await customersFor(load, 1500);
    const n = Object.values(after.byVersion).reduce((a, b) => a + b, 0);
    expect(n).toBeGreaterThan(100);
    expect(after.byVersion['v3-bad']).toBeUndefined();
    expect(await haproxy.send(`show servers state ${haproxy.backend}`)).toMatch(/canary/);
  });
});

describe('a fleet of three nginx hosts in two waves', () => {
  const hosts = ['h1', 'h2', 'h3'] as const;
  const s: Record<string, Slots> = {};
  const nginx: Record<string, RunningNginx> = {};
  const loads: Record<string, RunningLoad> = {};
  const workloadDir = tempDir('sg-workload-');

  beforeAll(async () => {
    for (const h of hosts) {
      s[h] = { dir: workloadDir, stable: await freePort(), canary: await freePort() };
      workload(s[h], 'start', 'stable', 'v1', { SHIPGATE_TARGET: h });
      nginx[h] = await startNginx({ stableServer: `127.0.0.1:${s[h].stable}`, canaryServer: `127.0.0.1:${s[h].canary}` });
      loads[h] = startLoad({ url: nginx[h].url, rate: 150 });
    }
  });

  afterAll(async () => {
    for (const h of hosts) {
      await loads[h]?.stop();
      await nginx[h]?.stop();
    }
    stopAll(workloadDir);
  });

  test('wave 2’s canary fails on h2: waves 2 and 1 are rolled back, newest first, and every host serves v1 again', async () => {
    const target = (h: string) =>
      [
        `      - name: ${h}`,
        `        nginx-conf: ${nginx[h].confPath}`,
        `        stable-server: 127.0.0.1:${s[h].stable}`,
        `        canary-server: 127.0.0.1:${s[h].canary}`,
        `        nginx-test-command: ${JSON.stringify(nginx[h].testCommand)}`,
        `        nginx-reload-command: ${JSON.stringify(nginx[h].reloadCommand)}`,
        `        nginx-access-log: ${nginx[h].accessLog}`
      ].join('\n');
    // Each run is a job of its own on a fresh runner: its checkout (the config file) and RUNNER_TEMP are its own.
    const checkout = (): Job => {
      const job = newJob();
      mkdirSync(path.join(job.workspace, '.github'), { recursive: true });
      writeFileSync(path.join(job.workspace, '.github', 'shipgate.yml'), config);
      return job;
    };
    const config = [
      'target: command',
      'traffic: nginx',
      'waves:',
      '  - name: first',
      '    targets:',
      target('h1'),
      '  - name: rest',
      '    max-parallel: 2',
      '    targets:',
      target('h2'),
      target('h3'),
      ''
    ].join('\n');
    const ports = Object.fromEntries(
      hosts.flatMap((h) => [
        [`${h.toUpperCase()}_STABLE_PORT`, String(s[h].stable)],
        [`${h.toUpperCase()}_CANARY_PORT`, String(s[h].canary)]
      ])
    );
    const env = { WORKLOAD, WORKLOAD_DIR: workloadDir, H2_CANARY_FAULT_ERROR_RATE: '0.6', ...ports };
    const ledger = { ledger: 'file', 'ledger-file': path.join(workloadDir, 'ledger.json') };
    // Adopting Shipgate on a live fleet: a restore of v1 records what runs everywhere (its rollback-command finds v1 already there).
    const adopt = await runBundle(
      'auto-rollback',
      { environment: 'fleet', 'to-version': 'v1', reason: 'v1 runs on every host', 'rollback-command': COMMANDS['rollback-command'], ...ledger },
      { sameJob: checkout(), env }
    );
    expect(adopt.code).toBe(0);
    const run = await runBundle(
      'canary-deploy',
      { environment: 'fleet', version: 'v2', ...ledger, ...COMMANDS, ...ANALYSIS, steps: '20,100' },
      { sameJob: checkout(), env }
    );
    expect({ result: run.outputs.result, error: run.error }).toMatchObject({ result: 'rolled-back' });
    const r = report(run.outputs);
    expect(r.waves?.map((w) => [w.name, w.targets, w.result])).toEqual([
      ['first', ['h1'], 'rolled-back'],
      ['rest', ['h2', 'h3'], 'rolled-back']
    ]);
    expect(r.reason).toMatch(/^Wave 2\/2 \(rest\): .*in waves rest and first \(newest first\)\.$/);
    expect(run.summary).toContain('### Waves');
    const events = r.timeline.map((e) => `${e.at.slice(11, 23)} ${e.event}${e.detail ? ` — ${e.detail}` : ''}`);
    console.log(`fleet timeline:\n${events.join('\n')}`);
    expect(r.timeline.map((e) => e.event).filter((e) => e.startsWith('wave') || e === 'rolled-back')).toEqual(['wave', 'wave-promoted', 'wave', 'rolled-back']);
    // Every host serves v1 again, and no customer reaches a canary server.
    for (const h of hosts) {
      const after = await customersFor(loads[h], 1000);
      const n = Object.values(after.byVersion).reduce((a, b) => a + b, 0);
      expect([h, n > 50]).toEqual([h, true]);
      expect([h, after.byVersion]).toEqual([h, { v1: n }]);
    }
  });
});
