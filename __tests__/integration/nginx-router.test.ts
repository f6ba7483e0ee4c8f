// The nginx router against a real nginx on loopback, two demo services behind it (the canary
// faulty), customers' requests from the load generator, and the access log read back as samples.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DeployContext } from '../../shared/ports/deploy-target.js';
import type { Sample } from '../../shared/model/sample.js';
import type { Logger } from '../../shared/util/log.js';
import { NginxRouter, type NginxRouterOptions } from '../../shared/routers/nginx/index.js';
import { renderUpstream } from '../../shared/routers/nginx/render.js';
import { NginxAccessLogSource } from '../../shared/signals/nginx-access-log.js';
import { SERVICE, waitUntil } from '../helpers/local-service.js';
import { startLoad, withinBinomial, type LoadTally } from '../helpers/load.js';
import { startNginx, type RunningNginx } from '../helpers/nginx.js';
import { freePort, stopProcess } from '../helpers/prometheus.js';

jest.setTimeout(60_000);

const CANARY_ERROR_RATE = 0.3;
const RATE = 400;

interface Service {
  server: string;
  child: ChildProcess;
}

async function startService(version: string, errorRate: number): Promise<Service> {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVICE], {
    env: { ...process.env, PORT: String(port), SERVICE_VERSION: version, FAULT_ERROR_RATE: String(errorRate) },
    stdio: 'ignore'
  });
  const up = await waitUntil(async () => {
    try {
      return (await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) })).ok;
    } catch {
      return false;
    }
  }, 10_000);
  if (!up) {
    await stopProcess(child);
    throw new Error(`demo service ${version} did not answer on 127.0.0.1:${port}`);
  }
  return { server: `127.0.0.1:${port}`, child };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function ctx(weight: number, signal?: AbortSignal): DeployContext {
  return { environment: 'test', deploymentId: '1', version: 'v2', previousVersion: 'v1', weight, ...(signal ? { signal } : {}) };
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info: ${m}`),
    warning: (m) => lines.push(`warning: ${m}`),
    debug: (m) => lines.push(`debug: ${m}`)
  };
}

function answered(t: LoadTally): number {
  return Object.values(t.byVersion).reduce((a, b) => a + b, 0);
}

/** Customers' requests through nginx for `ms`, after `settleMs` for the reload's new workers to take over. */
async function measure(url: string, ms: number, settleMs = 300): Promise<LoadTally> {
  const load = startLoad({ url, rate: RATE });
  await sleep(settleMs);
  load.reset();
  await sleep(ms);
  const all = await load.stop();
  return all;
}

let stable: Service;
let canary: Service;
let nginx: RunningNginx;
let log: ReturnType<typeof recordingLogger>;
let router: NginxRouter;

function options(overrides: Partial<NginxRouterOptions> = {}): NginxRouterOptions {
  return {
    confPath: nginx.confPath,
    upstream: nginx.upstream,
    stableServer: stable.server,
    canaryServer: canary.server,
    testCommand: nginx.testCommand,
    reloadCommand: nginx.reloadCommand,
    accessLog: nginx.accessLog,
    cwd: nginx.dir,
    env: process.env,
    logger: log,
    ...overrides
  };
}

describe('with a real nginx', () => {
  beforeAll(async () => {
    [stable, canary] = await Promise.all([startService('v1', 0), startService('v2', CANARY_ERROR_RATE)]);
    nginx = await startNginx({ stableServer: stable.server, canaryServer: canary.server });
    log = recordingLogger();
    router = new NginxRouter(options());
  });

  afterAll(async () => {
    await nginx?.stop();
    await Promise.all([stable, canary].filter(Boolean).map((s) => stopProcess(s.child)));
  });

  test('preflight accepts the setup', async () => {
    await expect(router.preflight()).resolves.toBeUndefined();
  });

  test('each step gets its weight of customers’ requests, read back from the file', async () => {
    for (const p of [10, 50, 100]) {
      const reloadsBefore = router.reloads().length;
      await router.setWeight(p, ctx(p));
      expect(router.reloads().length).toBe(reloadsBefore + 1);
      expect(await router.currentWeight()).toBe(p);
      const t = await measure(nginx.url, 1500);
      const n = answered(t);
      const toCanary = t.byVersion.v2 ?? 0;
      console.log(`nginx step ${p} %: canary answered ${toCanary} of ${n} (${((100 * toCanary) / n).toFixed(1)} %); transport errors ${t.transportAt.length}`);
      expect(n).toBeGreaterThan(300);
      expect(withinBinomial(toCanary, n, p / 100)).toBe(true);
    }
    expect(log.lines.some((l) => /^info: nginx: canary 10 % \(weight 1 of 10\), stable 90 % — tested and reloaded in \d+ ms\.$/.test(l))).toBe(true);
  });

  test('after reset no request reaches the canary; a second reset reloads nothing', async () => {
    await router.setWeight(50, ctx(50));
    await router.reset(ctx(0));
    expect(await router.currentWeight()).toBe(0);
    expect(readFileSync(nginx.confPath, 'utf8')).toMatch(/server 127\.0\.0\.1:\d+ down; # canary/);
    const reloads = router.reloads().length;
    await router.reset(ctx(0));
    expect(router.reloads().length).toBe(reloads);
    expect(log.lines.at(-1)).toMatch(/already applied; nothing to reload/);
    const t = await measure(nginx.url, 1000);
    console.log(`nginx after reset: canary answered ${t.byVersion.v2 ?? 0} of ${answered(t)}`);
    expect(answered(t)).toBeGreaterThan(200);
    expect(t.byVersion.v2 ?? 0).toBe(0);
    // Another run (a new instance) cannot know nginx runs the file: it reloads.
    const other = new NginxRouter(options());
    await other.reset(ctx(0));
    expect(other.reloads()).toHaveLength(1);
  });

  test('a failing test command puts the old file back, does not reload, and nginx keeps the old split', async () => {
    await router.setWeight(50, ctx(50));
    const before = readFileSync(nginx.confPath, 'utf8');
    // nginx itself refuses: the same test, with a directive it does not know.
    const broken = new NginxRouter(options({ testCommand: `${nginx.testCommand} -g 'bogus_directive on;'` }));
    await expect(broken.setWeight(10, ctx(10))).rejects.toThrow(
      /^nginx-test-command failed for \S+upstream\.conf at weight 10 % \(exit 1\): nginx: \[emerg\] unknown directive "bogus_directive" in command line; the previous file was put back, and nginx was not reloaded\.$/
    );
    expect(broken.reloads()).toHaveLength(0);
    expect(readFileSync(nginx.confPath, 'utf8')).toBe(before);
    expect(await broken.currentWeight()).toBe(50);
    expect(log.lines.some((l) => /^warning: \[nginx-test-command\] .*\[emerg\] .*unknown directive/.test(l))).toBe(true);

    // A command that only fails: its output is escaped into the sentence.
    const failing = new NginxRouter(options({ testCommand: `echo '::error::boom' >&2; exit 3` }));
    const err = (await failing.setWeight(10, ctx(10)).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/^nginx-test-command failed for \S+ at weight 10 % \(exit 3\): : :error: :boom; the previous file was put back/);
    expect(err.message).not.toContain('::');
    expect(readFileSync(nginx.confPath, 'utf8')).toBe(before);

    const t = await measure(nginx.url, 1500, 100);
    const n = answered(t);
    console.log(`nginx after refused changes: canary answered ${t.byVersion.v2 ?? 0} of ${n}`);
    expect(withinBinomial(t.byVersion.v2 ?? 0, n, 0.5)).toBe(true);
  });

  test('the access log attributes customers’ requests to the side that answered them', async () => {
    await router.setWeight(50, ctx(50));
    const source = router.requestCounter();
    expect(source).toBeInstanceOf(NginxAccessLogSource);
    await source!.start({ weight: 50, startedAt: Date.now() });
    const load = startLoad({ url: nginx.url, rate: RATE });
    await sleep(2000);
    const t = await load.stop();
    // nginx writes the line as the request ends; give the last ones a moment.
    await sleep(100);
    const samples: Sample[] = await source!.read();
    await source!.stop();
    const of = (side: string) => samples.filter((s) => s.side === side);
    const canaryErrors = of('canary').filter((s) => !s.ok).length;
    console.log(
      `nginx access log: canary ${of('canary').length} samples, ${canaryErrors} errors; stable ${of('stable').length} samples, ${of('stable').filter((s) => !s.ok).length} errors; load saw v2 ${t.byVersion.v2 ?? 0} (${t.errorsByVersion.v2 ?? 0} 5xx), v1 ${t.byVersion.v1 ?? 0}`
    );
    expect(of('canary').length).toBe(t.byVersion.v2 ?? 0);
    expect(of('stable').length).toBe(t.byVersion.v1 ?? 0);
    expect(canaryErrors).toBe(t.errorsByVersion.v2 ?? 0);
    expect(withinBinomial(canaryErrors, of('canary').length, CANARY_ERROR_RATE)).toBe(true);
    expect(of('stable').every((s) => s.ok && s.status === 200)).toBe(true);
    expect(
      of('canary')
        .filter((s) => !s.ok)
        .every((s) => s.status === 500 && s.detail === 'HTTP 500 via nginx')
    ).toBe(true);
    expect(samples.every((s) => s.source === 'nginx' && s.latencyMs !== null && s.latencyMs >= 0 && Math.abs(s.at - Date.now()) < 10_000)).toBe(true);
  });

  test('one reload under load costs customers (almost) nothing', async () => {
    await router.setWeight(10, ctx(10));
    const source = router.requestCounter() as NginxAccessLogSource;
    await source.start({ weight: 50, startedAt: Date.now() });
    const load = startLoad({ url: nginx.url, rate: 500, connections: 16 });
    await sleep(1000);
    const reloadAt = Date.now();
    await router.setWeight(50, ctx(50));
    await sleep(1000);
    const t = await load.stop();
    await sleep(100);
    await source.read();
    const transport = t.transportAt.length;
    const offsets = t.transportAt.map((at) => `${at - reloadAt} ms`).join(', ');
    console.log(
      `nginx single reload under load: ${transport} of ${t.sent} requests failed without an HTTP answer (${JSON.stringify(t.transport)}; at ${offsets || '-'} from the reload); access log: ${source.reloadErrors()} upstream-less errors at the reload instant`
    );
    expect(t.sent).toBeGreaterThan(800);
    expect(transport).toBeLessThanOrEqual(Math.ceil(t.sent * 0.01));
  });
});

describe('without nginx (commands stand in)', () => {
  let dir: string;
  const logger = recordingLogger();
  const base = (overrides: Partial<NginxRouterOptions> = {}): NginxRouterOptions => ({
    confPath: path.join(dir, 'upstream.conf'),
    stableServer: '127.0.0.1:5001',
    canaryServer: '127.0.0.1:5002',
    testCommand: 'true',
    reloadCommand: 'true',
    env: process.env,
    logger,
    ...overrides
  });

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sg-nginx-router-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('commands get the file and the weight through the environment, never in their text', async () => {
    const out = path.join(dir, 'env.txt');
    const r = new NginxRouter(
      base({
        testCommand: 'printf "%s %s %s\\n" "$SHIPGATE_NGINX_CONF" "$SHIPGATE_WEIGHT" "$SHIPGATE_NGINX_UPSTREAM" >> "$OUT"',
        env: { ...process.env, OUT: out }
      })
    );
    await r.setWeight(25, ctx(25));
    expect(readFileSync(out, 'utf8')).toBe(`${path.join(dir, 'upstream.conf')} 25 shipgate\n`);
    expect(readFileSync(path.join(dir, 'upstream.conf'), 'utf8')).toBe(
      renderUpstream({ upstream: 'shipgate', stableServer: '127.0.0.1:5001', canaryServer: '127.0.0.1:5002', weight: 25 })
    );
  });

  test('a failing test with no file before removes the new one', async () => {
    const conf = path.join(dir, 'fresh', 'upstream.conf');
    mkdirSync(path.dirname(conf));
    const r = new NginxRouter(base({ confPath: conf, testCommand: 'false' }));
    await expect(r.setWeight(10, ctx(10))).rejects.toThrow(
      `nginx-test-command failed for ${conf} at weight 10 % (exit 1): it printed nothing; the new file was removed (there was none before), and nginx was not reloaded.`
    );
    expect(existsSync(conf)).toBe(false);
    expect(await r.currentWeight()).toBeNull();
    expect(r.reloads()).toHaveLength(0);
  });

  test('a failing reload puts the old file back and reloads once more', async () => {
    const conf = path.join(dir, 'reload', 'upstream.conf');
    mkdirSync(path.dirname(conf));
    const ok = new NginxRouter(base({ confPath: conf }));
    await ok.setWeight(10, ctx(10));
    const before = readFileSync(conf, 'utf8');
    const mark = path.join(dir, 'reloaded-once');
    // Fails the first time, succeeds the second: the restoring reload.
    const flaky = new NginxRouter(
      base({
        confPath: conf,
        reloadCommand: 'if [ -e "$MARK" ]; then exit 0; fi; touch "$MARK"; echo "nginx: [error] kill(1234, 1) failed" >&2; exit 1',
        env: { ...process.env, MARK: mark }
      })
    );
    await expect(flaky.setWeight(50, ctx(50))).rejects.toThrow(
      `nginx-reload-command failed for ${conf} at weight 50 % (exit 1): nginx: [error] kill(1234, 1) failed; the previous file was put back and nginx was reloaded again.`
    );
    expect(flaky.reloads()).toHaveLength(2);
    expect(readFileSync(conf, 'utf8')).toBe(before);

    const dead = new NginxRouter(base({ confPath: conf, reloadCommand: 'echo "no nginx" >&2; exit 1' }));
    await expect(dead.setWeight(50, ctx(50))).rejects.toThrow(/the previous file was put back and reloading it failed too \(exit 1: no nginx\)\.$/);
    expect(await dead.currentWeight()).toBe(10);
  });

  test('a cancelled job changes nothing', async () => {
    const conf = path.join(dir, 'cancel', 'upstream.conf');
    mkdirSync(path.dirname(conf));
    const r = new NginxRouter(base({ confPath: conf }));
    await r.setWeight(10, ctx(10));
    const controller = new AbortController();
    controller.abort();
    await expect(r.setWeight(50, ctx(50, controller.signal))).rejects.toThrow('nginx: the canary weight was not changed to 50 %: the job was cancelled.');
    expect(await r.currentWeight()).toBe(10);
    expect(r.reloads()).toHaveLength(1);
    // reset ignores cancellation.
    await r.reset(ctx(0, controller.signal));
    expect(await r.currentWeight()).toBe(0);
  });

  test('a test command cancelled while it runs puts the old file back', async () => {
    const conf = path.join(dir, 'cancel-mid', 'upstream.conf');
    mkdirSync(path.dirname(conf));
    const r = new NginxRouter(base({ confPath: conf, testCommand: 'sleep 5' }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    await expect(r.setWeight(50, ctx(50, controller.signal))).rejects.toThrow(
      `nginx-test-command was stopped for ${conf} at weight 50 %: the job was cancelled; the new file was removed (there was none before), and nginx was not reloaded.`
    );
    expect(existsSync(conf)).toBe(false);
  });

  test('weight changes run one at a time, and a weight outside 0–100 is refused', async () => {
    const conf = path.join(dir, 'serial', 'upstream.conf');
    mkdirSync(path.dirname(conf));
    const out = path.join(dir, 'serial.txt');
    const r = new NginxRouter(
      base({
        confPath: conf,
        testCommand: 'echo "start $SHIPGATE_WEIGHT" >> "$OUT"; sleep 0.1; echo "end $SHIPGATE_WEIGHT" >> "$OUT"',
        env: { ...process.env, OUT: out }
      })
    );
    await Promise.all([r.setWeight(10, ctx(10)), r.setWeight(20, ctx(20))]);
    expect(readFileSync(out, 'utf8')).toBe('start 10\nend 10\nstart 20\nend 20\n');
    expect(await r.currentWeight()).toBe(20);
    await expect(r.setWeight(150, ctx(150))).rejects.toThrow('nginx: the canary weight 150 is not a percentage between 0 and 100.');
    expect(await r.currentWeight()).toBe(20);
  });

  test('requestCounter only with an access log', () => {
    expect(new NginxRouter(base()).requestCounter()).toBeNull();
    expect(new NginxRouter(base({ accessLog: path.join(dir, 'access.log') })).requestCounter()).toBeInstanceOf(NginxAccessLogSource);
  });

  test.each([
    [{ confPath: 'relative/upstream.conf' }, 'Input "nginx-conf" has value "relative/upstream.conf": it must be an absolute path.'],
    [
      { confPath: '/nonexistent-sg/upstream.conf' },
      'Input "nginx-conf" has value "/nonexistent-sg/upstream.conf": its directory /nonexistent-sg does not exist.'
    ],
    [{ stableServer: '127.0.0.1' }, 'Input "stable-server" has value "127.0.0.1": expected host:port, e.g. 127.0.0.1:5001 or [::1]:5001.'],
    [{ canaryServer: 'http://x:1' }, 'Input "canary-server" has value "http://x:1": expected host:port, e.g. 127.0.0.1:5001 or [::1]:5001.'],
    [{ canaryServer: '127.0.0.1:5001' }, 'Input "canary-server" has value "127.0.0.1:5001": it must differ from stable-server, or the split means nothing.'],
    [{ upstream: 'a b' }, `Input "nginx-upstream" has value "a b": use letters, digits, '_', '-' and '.' only.`],
    [
      { accessLog: '/nonexistent-sg/access.log' },
      'Input "nginx-access-log" has value "/nonexistent-sg/access.log": its directory /nonexistent-sg does not exist.'
    ]
  ])('preflight refuses %j', async (override, message) => {
    await expect(new NginxRouter(base(override)).preflight()).rejects.toThrow(message);
  });

  test('preflight refuses a directory it cannot write', async () => {
    if (process.getuid?.() === 0) {
      // root writes anywhere: a file in place of the directory is what cannot be written here.
      const file = path.join(dir, 'not-a-dir');
      writeFileSync(file, '');
      await expect(new NginxRouter(base({ confPath: path.join(file, 'upstream.conf') })).preflight()).rejects.toThrow(
        /its directory .*not-a-dir does not exist/
      );
      return;
    }
    const ro = path.join(dir, 'ro');
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    await expect(new NginxRouter(base({ confPath: path.join(ro, 'upstream.conf') })).preflight()).rejects.toThrow(/its directory .* is not writable/);
  });
});
